import AnsinhCore
import FluentKit
import Foundation

/// Announcements addressed to a category of recipients or to named households.
struct M0064AnnouncementAudience: AsyncMigration {
    var name: String { "0064_announcement_audience" }
    func prepare(on db: Database) async throws {
        // One column a statement: SQLite adds them one by one.
        try await db.schema("announcements").field("audience", .string, .required, .sql(.default("groups"))).update()
        try await db.schema("announcements").field("households", .string, .required, .sql(.default(""))).update()
    }
    func revert(on db: Database) async throws {
        try await db.schema("announcements").deleteField("households").update()
        try await db.schema("announcements").deleteField("audience").update()
    }
}
