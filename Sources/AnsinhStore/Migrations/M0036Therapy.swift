import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Sessions with their participants, and the therapy programme's children and measures.
struct M0036Therapy: AsyncMigration {
    var name: String { "0036_therapy" }
    func prepare(on db: Database) async throws {
        try await db.schema(CareSessionModel.schema).id()
            .field("unit_id", .uuid, .required).field("unit_path", .string, .required).field("kind", .string, .required)
            .field("day", .string, .required).field("title", .string, .required).field("led_by", .string, .required).field("note", .string)
            .field("created_by", .string, .required).field("created_at", .datetime).create()
        try await db.schema(TherapyEnrolmentModel.schema).id()
            .field("unit_id", .uuid, .required).field("unit_path", .string, .required).field("resident_id", .uuid)
            .field("full_name", .string, .required).field("gender", .string, .required).field("birth_date", .string, .required)
            .field("referral", .string, .required).field("diagnosis", .string, .required).field("enrolled_on", .string, .required)
            .field("started_on", .string).field("discharged_on", .string).field("outcome", .string).field("status", .string, .required)
            .field("created_by", .string, .required).field("created_at", .datetime).create()
        try await db.schema(CareAttendanceModel.schema).id()
            .field("session_id", .uuid, .required, .references(CareSessionModel.schema, "id")).field("resident_id", .uuid).field("enrolment_id", .uuid)
            .field("unit_path", .string, .required).create()
        try await db.schema(TherapyMeasureModel.schema).id()
            .field("enrolment_id", .uuid, .required, .references(TherapyEnrolmentModel.schema, "id")).field("unit_path", .string, .required)
            .field("domain", .string, .required).field("instrument", .string, .required).field("day", .string, .required)
            .field("score", .int, .required).field("note", .string).field("recorded_by", .string, .required).create()
        let s = sql(db)
        try await s.create(index: "ix_care_sessions_day").on(CareSessionModel.schema).column("unit_path").column("day").run()
        try await s.create(index: "ix_care_attendance_session").on(CareAttendanceModel.schema).column("session_id").run()
        try await s.create(index: "ix_care_attendance_resident").on(CareAttendanceModel.schema).column("resident_id").run()
        try await s.create(index: "ix_care_attendance_enrolment").on(CareAttendanceModel.schema).column("enrolment_id").run()
        try await s.create(index: "ix_therapy_measures_enrolment").on(TherapyMeasureModel.schema).column("enrolment_id").run()
        try await s.create(index: "ix_therapy_enrolments_unit").on(TherapyEnrolmentModel.schema).column("unit_path").column("status").run()
    }
    func revert(on db: Database) async throws {
        for t in [TherapyMeasureModel.schema, CareAttendanceModel.schema, TherapyEnrolmentModel.schema, CareSessionModel.schema] {
            try await db.schema(t).delete()
        }
    }
}
