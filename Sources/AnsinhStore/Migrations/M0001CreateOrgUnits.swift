import FluentKit
import Foundation

struct M0001CreateOrgUnits: AsyncMigration {
    var name: String { "0001_create_org_units" }
    func prepare(on db: Database) async throws {
        try await db.schema("org_units")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("parent_id", .uuid, .references("org_units", "id", onDelete: .restrict))
            .field("path", .string, .required)
            .field("search_key", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code", name: "uq_org_units_code")
            .create()
        try await sql(db).create(index: "ix_org_units_path").on("org_units").column("path").run()
        try await sql(db).create(index: "ix_org_units_parent").on("org_units").column("parent_id").run()
    }
    func revert(on db: Database) async throws { try await db.schema("org_units").delete() }
}
