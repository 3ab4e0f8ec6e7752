import FluentKit
import Foundation
import SQLKit

struct M0006UnitAreas: AsyncMigration {
    var name: String { "0006_unit_areas_and_facts" }
    func prepare(on db: Database) async throws {
        // SQLite adds one column per ALTER TABLE.
        try await db.schema("org_units").field("area_type", .string).update()
        try await db.schema("org_units").field("division_type", .string).update()
        try await db.schema("unit_facts")
            .id()
            .field("unit_id", .uuid, .required, .references("org_units", "id", onDelete: .cascade))
            .field("fact", .string, .required)
            .field("value", .bool, .required)
            .field("valid_from", .string, .required)
            .field("note", .string)
            .field("created_at", .datetime)
            .create()
        try await sql(db).create(index: "ix_unit_facts_unit").on("unit_facts").column("unit_id").column("fact").run()
    }
    func revert(on db: Database) async throws {
        try await db.schema("unit_facts").delete()
        try await db.schema("org_units").deleteField("area_type").update()
        try await db.schema("org_units").deleteField("division_type").update()
    }
}
