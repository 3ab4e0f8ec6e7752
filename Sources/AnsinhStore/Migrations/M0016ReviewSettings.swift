import AnsinhCore
import FluentKit
import Foundation

struct M0016ReviewSettings: AsyncMigration {
    var name: String { "0016_review_settings" }
    func prepare(on db: Database) async throws {
        try await db.schema("review_settings")
            .field("name", .string, .identifier(auto: false))
            .field("value", .int, .required)
            .field("changed_by", .string, .required)
            .field("changed_at", .datetime)
            .create()
    }
    func revert(on db: Database) async throws { try await db.schema("review_settings").delete() }
}
