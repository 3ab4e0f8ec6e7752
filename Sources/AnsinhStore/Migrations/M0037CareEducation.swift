import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Residents' schooling and training, and the jobs found after them.
struct M0037CareEducation: AsyncMigration {
    var name: String { "0037_care_education" }
    func prepare(on db: Database) async throws {
        try await db.schema(CareEducationModel.schema).id()
            .field("resident_id", .uuid, .required, .references(CareResidentModel.schema, "id")).field("unit_path", .string, .required)
            .field("kind", .string, .required).field("institution", .string, .required).field("course", .string, .required)
            .field("from_date", .string, .required).field("until_date", .string).field("result", .string).field("recorded_by", .string, .required).create()
        try await db.schema(CarePlacementModel.schema).id()
            .field("resident_id", .uuid, .required, .references(CareResidentModel.schema, "id")).field("unit_id", .uuid, .required)
            .field("unit_path", .string, .required).field("employer", .string, .required).field("job", .string, .required)
            .field("started_on", .string, .required).field("monthly_wage", .int64).field("recorded_by", .string, .required).create()
        try await sql(db).create(index: "ix_care_education_resident").on(CareEducationModel.schema).column("resident_id").run()
        try await sql(db).create(index: "ix_care_placements_unit").on(CarePlacementModel.schema).column("unit_id").column("started_on").run()
    }
    func revert(on db: Database) async throws {
        try await db.schema(CarePlacementModel.schema).delete()
        try await db.schema(CareEducationModel.schema).delete()
    }
}
