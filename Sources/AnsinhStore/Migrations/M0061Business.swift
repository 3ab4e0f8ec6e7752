import FluentKit
import Foundation
import SQLKit

/// Small-business support: a household member's plan, the support the ward gave and the
/// follow-ups of how the business is doing.
struct M0061Business: AsyncMigration {
    var name: String { "0061_business" }
    func prepare(on db: Database) async throws {
        try await db.schema("business_plans").id()
            .field("person_id", .uuid, .required).field("household_id", .uuid, .required).field("unit_id", .uuid, .required)
            .field("unit_path", .string, .required).field("kind", .string, .required).field("name", .string, .required).field("plan", .string, .required)
            .field("capital", .int64, .required).field("status", .string, .required).field("planned_on", .string, .required)
            .field("started_on", .string).field("closed_on", .string).field("reason", .string).field("created_by", .string, .required).create()
        try await sql(db).create(index: "ix_business_plans_unit").on("business_plans").column("unit_path").run()
        try await db.schema("business_supports").id()
            .field("plan_id", .uuid, .required).field("kind", .string, .required).field("day", .string, .required).field("amount", .int64, .required)
            .field("loan_id", .uuid).field("note", .string, .required).field("recorded_by", .string, .required).create()
        try await db.schema("business_follow_ups").id()
            .field("plan_id", .uuid, .required).field("day", .string, .required).field("outcome", .string, .required)
            .field("monthly_income", .int64, .required).field("note", .string, .required).field("recorded_by", .string, .required).create()
        for t in ["business_supports", "business_follow_ups"] { try await sql(db).create(index: "ix_\(t)_plan").on(t).column("plan_id").run() }
    }
    func revert(on db: Database) async throws {
        for t in ["business_follow_ups", "business_supports", "business_plans"] { try await db.schema(t).delete() }
    }
}
