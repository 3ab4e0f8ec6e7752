import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// The wards' announcements to residents (whole ward or residential groups), with their last day
/// on the public pages and how many households were sent them.
struct M0056Announcements: AsyncMigration {
    var name: String { "0056_announcements" }
    func prepare(on db: Database) async throws {
        try await db.schema("announcements").id()
            .field("unit_id", .uuid, .required).field("unit_path", .string, .required).field("kind", .string, .required)
            .field("title", .string, .required).field("body", .string, .required).field("groups", .string, .required)
            .field("status", .string, .required).field("until", .string, .required).field("notify", .bool, .required)
            .field("notified", .int, .required).field("created_by", .string, .required).field("created_at", .datetime, .required)
            .field("published_at", .datetime).create()
        try await sql(db).create(index: "ix_announcements_current").on("announcements").column("status").column("until").run()
    }
    func revert(on db: Database) async throws { try await db.schema("announcements").delete() }
}
