import FluentKit
import Foundation
import SQLKit

/// Education support: the schools the ward works with, its children at a school per school
/// year, and each pupil's support on the school's list.
struct M0059Education: AsyncMigration {
    var name: String { "0059_education" }
    func prepare(on db: Database) async throws {
        try await db.schema("schools").id()
            .field("unit_id", .uuid, .required).field("unit_path", .string, .required).field("name", .string, .required)
            .field("level", .string, .required).field("ownership", .string, .required).field("address", .string, .required)
            .field("contact", .string, .required).field("created_by", .string, .required).field("created_at", .datetime)
            .unique(on: "unit_id", "name").create()
        try await db.schema("pupils").id()
            .field("person_id", .uuid, .required).field("household_id", .uuid, .required).field("school_id", .uuid, .required)
            .field("school_year", .int, .required).field("grade", .string, .required).field("unit_path", .string, .required)
            .field("recorded_by", .string, .required).field("created_at", .datetime)
            .unique(on: "person_id", "school_year").create()
        try await sql(db).create(index: "ix_pupils_school").on("pupils").column("school_id").column("school_year").run()
        try await db.schema("education_supports").id()
            .field("pupil_id", .uuid, .required).field("person_id", .uuid, .required).field("school_id", .uuid, .required)
            .field("school_year", .int, .required).field("unit_path", .string, .required).field("tuition", .string, .required)
            .field("tuition_percent", .int, .required).field("tuition_grounds", .string, .required)
            .field("learning_cost_grounds", .string, .required).field("learning_cost", .int64, .required).field("rule_set", .string, .required)
            .field("status", .string, .required).field("applied_on", .string).field("reason", .string).field("updated_at", .datetime)
            .unique(on: "pupil_id").create()
        try await sql(db).create(index: "ix_education_supports_school").on("education_supports").column("school_id").column("school_year").run()
    }
    func revert(on db: Database) async throws {
        try await db.schema("education_supports").delete()
        try await db.schema("pupils").delete()
        try await db.schema("schools").delete()
    }
}
