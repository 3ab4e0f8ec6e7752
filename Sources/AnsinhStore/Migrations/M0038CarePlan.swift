import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// A resident's care plan (goals by domain, reviews), leave and outings, incidents with their
/// follow-up, and the after-care months of Art. 26(5) on the resident. One open leave per
/// resident: a unique index over the leaves not yet signed back.
struct M0038CarePlan: AsyncMigration {
    var name: String { "0038_care_plan" }
    func prepare(on db: Database) async throws {
        try await db.schema(CareGoalModel.schema).id()
            .field("resident_id", .uuid, .required, .references(CareResidentModel.schema, "id")).field("unit_path", .string, .required)
            .field("domain", .string, .required).field("goal", .string, .required).field("target_date", .string)
            .field("status", .string, .required).field("status_on", .string).field("created_by", .string, .required).field("created_at", .datetime)
            .create()
        try await db.schema(CarePlanReviewModel.schema).id()
            .field("resident_id", .uuid, .required, .references(CareResidentModel.schema, "id")).field("unit_path", .string, .required)
            .field("reviewed_on", .string, .required).field("note", .string, .required).field("next_review_on", .string, .required)
            .field("reviewed_by", .string, .required).field("created_at", .datetime).create()
        try await db.schema(CareLeaveModel.schema).id()
            .field("resident_id", .uuid, .required, .references(CareResidentModel.schema, "id")).field("unit_path", .string, .required)
            .field("kind", .string, .required).field("destination", .string, .required).field("companion", .string)
            .field("left_at", .string, .required).field("expected_back", .string, .required).field("returned_at", .string)
            .field("return_note", .string).field("signed_out_by", .string, .required).field("signed_in_by", .string).create()
        try await db.schema(CareIncidentModel.schema).id()
            .field("resident_id", .uuid, .required, .references(CareResidentModel.schema, "id")).field("unit_id", .uuid, .required)
            .field("unit_path", .string, .required).field("occurred_at", .string, .required).field("kind", .string, .required)
            .field("severity", .string, .required).field("description", .string, .required).field("action_taken", .string)
            .field("status", .string, .required).field("closed_on", .string).field("outcome", .string)
            .field("reported_by", .string, .required).field("created_at", .datetime).create()
        try await db.schema(CareFollowUpModel.schema).id()
            .field("incident_id", .uuid, .required, .references(CareIncidentModel.schema, "id")).field("unit_path", .string, .required)
            .field("day", .string, .required).field("note", .string, .required).field("by", .string, .required).field("created_at", .datetime).create()
        try await db.schema(CareResidentModel.schema).field("after_care_until", .string).update()
        let s = sql(db)
        try await s.raw("CREATE UNIQUE INDEX uq_care_leave_open ON care_leaves (resident_id) WHERE returned_at IS NULL").run()
        try await s.create(index: "ix_care_goals_resident").on(CareGoalModel.schema).column("resident_id").run()
        try await s.create(index: "ix_care_plan_reviews_resident").on(CarePlanReviewModel.schema).column("resident_id").column("reviewed_on").run()
        try await s.create(index: "ix_care_leaves_resident").on(CareLeaveModel.schema).column("resident_id").column("left_at").run()
        try await s.create(index: "ix_care_incidents_unit").on(CareIncidentModel.schema).column("unit_path").column("status").run()
        try await s.create(index: "ix_care_incidents_resident").on(CareIncidentModel.schema).column("resident_id").run()
        try await s.create(index: "ix_care_follow_ups_incident").on(CareFollowUpModel.schema).column("incident_id").run()
    }
    func revert(on db: Database) async throws {
        for t in [CareFollowUpModel.schema, CareIncidentModel.schema, CareLeaveModel.schema, CarePlanReviewModel.schema, CareGoalModel.schema] {
            try await db.schema(t).delete()
        }
        try await db.schema(CareResidentModel.schema).deleteField("after_care_until").update()
    }
}
