import FluentKit
import Foundation

struct M0002CreateUsers: AsyncMigration {
    var name: String { "0002_create_users" }
    func prepare(on db: Database) async throws {
        try await db.schema("users")
            .id()
            .field("username", .string, .required)
            .field("full_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("unit_id", .uuid, .required, .references("org_units", "id", onDelete: .restrict))
            .field("locale", .string)
            .field("is_disabled", .bool, .required)
            .field("failed_logins", .int, .required)
            .field("locked_until", .datetime)
            .field("last_login_at", .datetime)
            .field("search_key", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "username", name: "uq_users_username")
            .create()
        try await sql(db).create(index: "ix_users_unit").on("users").column("unit_id").run()
    }
    func revert(on db: Database) async throws { try await db.schema("users").delete() }
}
