import FluentKit
import Foundation
import SQLKit

/// Households, persons, memberships and relationships, with the invariants in the database:
/// national ID unique; at most one current head per household; a person is a current member
/// of at most one household (partial unique indexes, supported by SQLite and PostgreSQL).
struct M0007Registry: AsyncMigration {
    var name: String { "0007_registry" }
    func prepare(on db: Database) async throws {
        try await db.schema("households")
            .id()
            .field("code", .string, .required)
            .field("commune_id", .uuid, .required, .references("org_units", "id", onDelete: .restrict))
            .field("group_id", .uuid, .references("org_units", "id", onDelete: .restrict))
            .field("address", .string, .required)
            .field("area_type", .string, .required)
            .field("phone", .string)
            .field("status", .string, .required)
            .field("unit_path", .string, .required)
            .field("search_key", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code", name: "uq_households_code")
            .create()
        try await sql(db).create(index: "ix_households_unit_path").on("households").column("unit_path").run()

        try await db.schema("persons")
            .id()
            .field("full_name", .string, .required)
            .field("gender", .string, .required)
            .field("birth_date", .string, .required)
            .field("birth_year", .int, .required)
            .field("national_id", .string)
            .field("ethnicity", .string)
            .field("phone", .string)
            .field("disability_level", .string, .required)
            .field("disability_certificate_date", .string)
            .field("has_pension", .bool, .required)
            .field("has_merit", .bool, .required)
            .field("hiv", .bool, .required)
            .field("death_date", .string)
            .field("merged_into", .uuid)
            .field("unit_path", .string, .required)
            .field("search_key", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "national_id", name: "uq_persons_national_id")
            .create()
        try await sql(db).create(index: "ix_persons_unit_path").on("persons").column("unit_path").run()
        try await sql(db).create(index: "ix_persons_name_birth").on("persons").column("search_key").column("birth_date").run()

        try await db.schema("memberships")
            .id()
            .field("household_id", .uuid, .required, .references("households", "id", onDelete: .restrict))
            .field("person_id", .uuid, .required, .references("persons", "id", onDelete: .restrict))
            .field("role", .string, .required)
            .field("start_date", .string, .required)
            .field("end_date", .string)
            .field("end_reason", .string)
            .create()
        try await sql(db).create(index: "ix_memberships_household").on("memberships").column("household_id").run()
        try await sql(db).create(index: "ix_memberships_person").on("memberships").column("person_id").run()
        try await sql(db).raw("CREATE UNIQUE INDEX uq_memberships_one_head ON memberships (household_id) WHERE role = 'head' AND end_date IS NULL").run()
        try await sql(db).raw("CREATE UNIQUE INDEX uq_memberships_one_household ON memberships (person_id) WHERE end_date IS NULL").run()

        try await db.schema("relationships")
            .id()
            .field("person_id", .uuid, .required, .references("persons", "id", onDelete: .restrict))
            .field("related_person_id", .uuid, .required, .references("persons", "id", onDelete: .restrict))
            .field("kind", .string, .required)
            .field("start_date", .string, .required)
            .field("end_date", .string)
            .create()

        // Search words (folded names, ID, phone, code), so that search is an index range scan.
        try await db.schema("search_tokens")
            .field("entity", .string, .required)
            .field("entity_id", .uuid, .required)
            .field("token", .string, .required)
            .create()
        try await sql(db).create(index: "ix_search_tokens").on("search_tokens").column("entity").column("token").run()
        try await sql(db).create(index: "ix_search_tokens_entity").on("search_tokens").column("entity_id").run()
    }
    func revert(on db: Database) async throws {
        for t in ["search_tokens", "relationships", "memberships", "persons", "households"] { try await db.schema(t).delete() }
    }
}
