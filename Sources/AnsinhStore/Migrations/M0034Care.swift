import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// The centre's residential care: rooms and beds, residents, who slept in which bed, the daily
/// log, prescriptions and each dose. A bed holds one resident at a time and a resident one bed:
/// two unique indexes over the open stays, so two officers assigning the last bed at once
/// cannot both succeed.
struct M0034Care: AsyncMigration {
    var name: String { "0034_care" }
    func prepare(on db: Database) async throws {
        try await db.schema(CareRoomModel.schema).id()
            .field("unit_id", .uuid, .required).field("unit_path", .string, .required).field("code", .string, .required)
            .field("sex", .string, .required).field("created_at", .datetime)
            .unique(on: "unit_id", "code").create()
        try await db.schema(CareBedModel.schema).id()
            .field("room_id", .uuid, .required, .references(CareRoomModel.schema, "id")).field("unit_path", .string, .required)
            .field("code", .string, .required).unique(on: "room_id", "code").create()
        try await db.schema(CareResidentModel.schema).id()
            .field("unit_id", .uuid, .required).field("unit_path", .string, .required).field("person_id", .uuid)
            .field("full_name", .string, .required).field("gender", .string, .required).field("birth_date", .string, .required)
            .field("basis", .string, .required).field("stay", .string, .required).field("decision_number", .string, .required)
            .field("decision_date", .string, .required).field("decision_signer", .string, .required)
            .field("referral_source", .string, .required).field("case_id", .uuid).field("admitted_on", .string, .required)
            .field("status", .string, .required).field("discharged_on", .string).field("discharge_reason", .string)
            .field("discharge_note", .string).field("created_by", .string, .required).field("created_at", .datetime)
            .create()
        try await db.schema(CareBedStayModel.schema).id()
            .field("resident_id", .uuid, .required, .references(CareResidentModel.schema, "id"))
            .field("bed_id", .uuid, .required, .references(CareBedModel.schema, "id")).field("unit_path", .string, .required)
            .field("from_date", .string, .required).field("until_date", .string).create()
        try await db.schema(CareLogModel.schema).id()
            .field("resident_id", .uuid, .required, .references(CareResidentModel.schema, "id")).field("unit_path", .string, .required)
            .field("day", .string, .required).field("shift", .string, .required).field("kind", .string, .required)
            .field("note", .string, .required).field("recorded_by", .string, .required).field("recorded_at", .datetime).create()
        try await db.schema(CarePrescriptionModel.schema).id()
            .field("resident_id", .uuid, .required, .references(CareResidentModel.schema, "id")).field("unit_path", .string, .required)
            .field("drug", .string, .required).field("dose", .string, .required).field("times", .string, .required)
            .field("from_date", .string, .required).field("until_date", .string).field("prescriber", .string, .required)
            .field("created_by", .string, .required).field("created_at", .datetime).create()
        try await db.schema(CareDoseModel.schema).id()
            .field("prescription_id", .uuid, .required, .references(CarePrescriptionModel.schema, "id"))
            .field("resident_id", .uuid, .required).field("unit_path", .string, .required).field("day", .string, .required)
            .field("time", .string, .required).field("shift_day", .string, .required).field("shift", .string, .required)
            .field("status", .string, .required).field("note", .string).field("recorded_by", .string, .required).field("recorded_at", .datetime)
            .unique(on: "prescription_id", "day", "time").create()
        let s = sql(db)
        try await s.raw("CREATE UNIQUE INDEX uq_care_bed_open ON care_bed_stays (bed_id) WHERE until_date IS NULL").run()
        try await s.raw("CREATE UNIQUE INDEX uq_care_resident_open ON care_bed_stays (resident_id) WHERE until_date IS NULL").run()
        try await s.create(index: "ix_care_bed_stays_bed").on(CareBedStayModel.schema).column("bed_id").column("from_date").run()
        try await s.create(index: "ix_care_residents_unit").on(CareResidentModel.schema).column("unit_path").column("status").run()
        try await s.create(index: "ix_care_residents_person").on(CareResidentModel.schema).column("person_id").run()
        try await s.create(index: "ix_care_log_resident").on(CareLogModel.schema).column("resident_id").column("day").run()
        try await s.create(index: "ix_care_doses_shift").on(CareDoseModel.schema).column("unit_path").column("shift_day").column("shift").run()
        try await s.create(index: "ix_care_prescriptions_resident").on(CarePrescriptionModel.schema).column("resident_id").run()
    }
    func revert(on db: Database) async throws {
        for t in [CareDoseModel.schema, CarePrescriptionModel.schema, CareLogModel.schema, CareBedStayModel.schema, CareResidentModel.schema] {
            try await db.schema(t).delete()
        }
        try await db.schema(CareBedModel.schema).delete()
        try await db.schema(CareRoomModel.schema).delete()
    }
}
