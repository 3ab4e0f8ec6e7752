import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// The centre's cases and their plans' goals.
struct M0026Cases: AsyncMigration {
    var name: String { "0026_cases" }
    func prepare(on db: Database) async throws {
        try await db.schema(CaseModel.schema)
            .id()
            .field("number", .string, .required)
            .field("unit_id", .uuid, .required)
            .field("unit_path", .string, .required)
            .field("kind", .string, .required)
            .field("source", .string, .required)
            .field("status", .string, .required)
            .field("risk_level", .string, .required)
            .field("risk_reason", .string, .required)
            .field("received_at", .datetime, .required)
            .field("placement", .string, .required)
            .field("shelter_from", .string)
            .field("shelter_until", .string)
            .field("person_id", .uuid)
            .field("person_name", .string, .required)
            .field("person_gender", .string)
            .field("person_birth_year", .int)
            .field("assessment", .string)
            .field("closure_reason", .string)
            .field("outcome", .string)
            .field("closure_requested_by", .string)
            .field("returned_reason", .string)
            .field("closed_at", .datetime)
            .field("worker", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "number")
            .create()
        try await sql(db).create(index: "ix_cases_unit_path").on(CaseModel.schema).column("unit_path").run()
        try await sql(db).create(index: "ix_cases_received").on(CaseModel.schema).column("received_at").run()
        try await db.schema(CaseGoalModel.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseModel.schema, "id"))
            .field("unit_path", .string, .required)
            .field("goal", .string, .required)
            .field("responsible", .string, .required)
            .field("due_date", .string, .required)
            .field("created_by", .string, .required)
            .create()
        try await sql(db).create(index: "ix_case_goals_case").on(CaseGoalModel.schema).column("case_id").run()
    }
    func revert(on db: Database) async throws {
        try await db.schema(CaseGoalModel.schema).delete()
        try await db.schema(CaseModel.schema).delete()
    }
}
