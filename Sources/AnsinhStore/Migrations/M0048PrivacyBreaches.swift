import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// The breach log: personal-data incidents with when they were found, what and whom they
/// touched, the report to the authority (and when it was due), and their timeline of steps.
struct M0048PrivacyBreaches: AsyncMigration {
    var name: String { "0048_privacy_breaches" }
    func prepare(on db: Database) async throws {
        try await db.schema(BreachModel.schema).id()
            .field("unit_id", .uuid, .required).field("unit_path", .string, .required).field("summary", .string, .required)
            .field("found_at", .datetime, .required).field("description", .string, .required).field("data_affected", .string, .required)
            .field("classes", .string, .required).field("persons_affected", .int, .required).field("status", .string, .required)
            .field("report_due_at", .datetime, .required).field("reported_at", .datetime).field("authority_reference", .string)
            .field("persons_notified_at", .datetime).field("outcome", .string).field("closed_at", .datetime)
            .field("recorded_by", .string, .required).field("created_at", .datetime).create()
        try await db.schema(BreachStepModel.schema).id()
            .field("breach_id", .uuid, .required, .references(BreachModel.schema, "id")).field("unit_path", .string, .required)
            .field("kind", .string, .required).field("at", .datetime, .required).field("text", .string, .required)
            .field("by", .string, .required).create()
        try await sql(db).create(index: "ix_privacy_breach_steps_breach").on(BreachStepModel.schema).column("breach_id").run()
    }
    func revert(on db: Database) async throws {
        try await db.schema(BreachStepModel.schema).delete()
        try await db.schema(BreachModel.schema).delete()
    }
}
