import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// A resident's request forwarded by the ward to a social assistance centre: the centre, its
/// path (whose accounts then reach the request) and when.
struct M0067RequestForward: AsyncMigration {
    var name: String { "0067_request_forward" }
    func prepare(on db: Database) async throws {
        // One column a statement: SQLite adds them one by one.
        try await db.schema(PublicRequestModel.schema).field("forwarded_unit_id", .uuid).update()
        try await db.schema(PublicRequestModel.schema).field("forwarded_unit_path", .string).update()
        try await db.schema(PublicRequestModel.schema).field("forwarded_at", .datetime).update()
        try await sql(db).raw("CREATE INDEX ix_public_requests_forwarded ON public_requests (forwarded_unit_path) WHERE forwarded_unit_path IS NOT NULL").run()
    }
    func revert(on db: Database) async throws {
        try await sql(db).raw("DROP INDEX ix_public_requests_forwarded").run()
        for field in ["forwarded_at", "forwarded_unit_path", "forwarded_unit_id"] {
            try await db.schema(PublicRequestModel.schema).deleteField(.string(field)).update()
        }
    }
}
