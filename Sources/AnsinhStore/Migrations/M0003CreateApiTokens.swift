import FluentKit
import Foundation

struct M0003CreateApiTokens: AsyncMigration {
    var name: String { "0003_create_api_tokens" }
    func prepare(on db: Database) async throws {
        try await db.schema("api_tokens")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "token_hash", name: "uq_api_tokens_hash")
            .create()
    }
    func revert(on db: Database) async throws { try await db.schema("api_tokens").delete() }
}
