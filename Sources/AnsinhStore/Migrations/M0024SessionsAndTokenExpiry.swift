import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Sessions with their owner and times, token expiry, and who submitted a payment cycle.
struct M0024SessionsAndTokenExpiry: AsyncMigration {
    var name: String { "0024_sessions_and_token_expiry" }
    func prepare(on db: Database) async throws {
        try await db.schema(UserSessionModel.schema)
            .field("key", .string, .identifier(auto: false))
            .field("user_id", .uuid)
            .field("data", .string, .required)
            .field("created_at", .datetime, .required)
            .field("seen_at", .datetime, .required)
            .create()
        try await sql(db).create(index: "ix_user_sessions_user").on(UserSessionModel.schema).column("user_id").run()
        try await sql(db).create(index: "ix_user_sessions_seen").on(UserSessionModel.schema).column("seen_at").run()
        try await db.schema("api_tokens").field("expires_at", .datetime).update()
        try await db.schema("payment_cycles").field("submitted_by_id", .uuid).update()
        // Tokens made before expiry existed get the default lifetime from today.
        let expiry = Date().addingTimeInterval(Double(SessionLimits.defaultTokenDays) * 86_400)
        try await sql(db).raw("UPDATE api_tokens SET expires_at = \(bind: expiry) WHERE expires_at IS NULL").run()
    }
    func revert(on db: Database) async throws {
        try await db.schema(UserSessionModel.schema).delete()
        try await db.schema("api_tokens").deleteField("expires_at").update()
        try await db.schema("payment_cycles").deleteField("submitted_by_id").update()
    }
}
