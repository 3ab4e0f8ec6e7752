import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Health-insurance entitlement lists per commune and month, their entries, and the cards
/// recorded back on persons.
struct M0044HealthInsurance: AsyncMigration {
    var name: String { "0044_health_insurance" }
    func prepare(on db: Database) async throws {
        try await db.schema(HealthInsuranceListModel.schema).id()
            .field("commune_id", .uuid, .required).field("unit_path", .string, .required).field("month", .string, .required)
            .field("persons", .int, .required).field("full", .int, .required).field("partial", .int, .required)
            .field("added", .int, .required).field("changed", .int, .required).field("removed", .int, .required)
            .field("previous_id", .uuid).field("created_by", .string, .required).field("created_at", .datetime)
            .unique(on: "commune_id", "month").create()
        try await db.schema(HealthInsuranceEntryModel.schema).id()
            .field("list_id", .uuid, .required, .references(HealthInsuranceListModel.schema, "id")).field("person_id", .uuid, .required)
            .field("unit_path", .string, .required).field("basis", .string).field("state_percent", .int, .required)
            .field("change", .string, .required).field("previous_basis", .string).create()
        try await sql(db).create(index: "ix_health_insurance_entries_list").on(HealthInsuranceEntryModel.schema).column("list_id").column("change").run()
        try await db.schema(HealthInsuranceCardModel.schema).id()
            .field("person_id", .uuid, .required, .references(PersonModel.schema, "id")).field("unit_path", .string, .required)
            .field("card_number", .string, .required).field("valid_from", .string, .required).field("valid_until", .string, .required)
            .field("recorded_by", .string, .required).field("created_at", .datetime).create()
        try await sql(db).create(index: "ix_health_insurance_cards_person").on(HealthInsuranceCardModel.schema).column("person_id").run()
    }
    func revert(on db: Database) async throws {
        try await db.schema(HealthInsuranceCardModel.schema).delete()
        try await db.schema(HealthInsuranceEntryModel.schema).delete()
        try await db.schema(HealthInsuranceListModel.schema).delete()
    }
}
