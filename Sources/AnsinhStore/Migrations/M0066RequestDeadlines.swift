import AnsinhCore
import FluentKit
import Foundation

/// The deadlines of residents' requests changed in the application.
struct M0066RequestDeadlines: AsyncMigration {
    var name: String { "0066_request_deadlines" }
    func prepare(on db: Database) async throws {
        try await db.schema(RequestDeadlineModel.schema).field("kind", .string, .identifier(auto: false))
            .field("working_days", .int, .required).field("changed_by", .string, .required).field("changed_at", .datetime, .required).create()
    }
    func revert(on db: Database) async throws { try await db.schema(RequestDeadlineModel.schema).delete() }
}
