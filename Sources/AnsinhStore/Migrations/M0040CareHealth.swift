import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// A resident's health record: check-ups, diagnoses, hospital visits and stays, vaccinations.
struct M0040CareHealth: AsyncMigration {
    var name: String { "0040_care_health" }
    func prepare(on db: Database) async throws {
        try await db.schema(CareHealthModel.schema).id()
            .field("resident_id", .uuid, .required, .references(CareResidentModel.schema, "id")).field("unit_path", .string, .required)
            .field("kind", .string, .required).field("day", .string, .required).field("until_day", .string).field("provider", .string, .required)
            .field("summary", .string, .required).field("follow_up_on", .string).field("recorded_by", .string, .required)
            .field("created_at", .datetime).create()
        try await sql(db).create(index: "ix_care_health_resident").on(CareHealthModel.schema).column("resident_id").column("day").run()
    }
    func revert(on db: Database) async throws { try await db.schema(CareHealthModel.schema).delete() }
}
