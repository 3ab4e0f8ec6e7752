import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Jobs and training: job seekers (one per person), employers and their vacancies, counselling
/// sessions and job fairs with attendance (once per person and event), vocational courses and
/// enrolments (once per person and course) with their outcomes (once per month mark), and
/// referrals of a seeker to a vacancy.
struct M0057Livelihood: AsyncMigration {
    var name: String { "0057_livelihood" }
    func prepare(on db: Database) async throws {
        try await db.schema("job_seekers").id()
            .field("person_id", .uuid, .required).field("unit_id", .uuid, .required).field("group_id", .uuid).field("unit_path", .string, .required)
            .field("skills", .string, .required).field("wishes", .string, .required).field("constraints", .string, .required)
            .field("status", .string, .required).field("registered_on", .string, .required).field("created_by", .string, .required)
            .unique(on: "person_id").create()
        try await db.schema("employers").id()
            .field("unit_id", .uuid, .required).field("group_id", .uuid).field("unit_path", .string, .required).field("name", .string, .required)
            .field("sector", .string, .required).field("address", .string, .required).field("phone", .string).field("created_by", .string, .required)
            .unique(on: "unit_id", "name").create()
        try await db.schema("vacancies").id()
            .field("employer_id", .uuid, .required, .references("employers", "id")).field("unit_id", .uuid, .required).field("group_id", .uuid)
            .field("unit_path", .string, .required).field("title", .string, .required).field("skills", .string, .required)
            .field("places", .int, .required).field("wage", .int64, .required).field("suits_mild_disability", .bool, .required)
            .field("open", .bool, .required).field("opened_on", .string, .required).create()
        try await db.schema("livelihood_events").id()
            .field("unit_id", .uuid, .required).field("unit_path", .string, .required).field("kind", .string, .required)
            .field("title", .string, .required).field("held_on", .string, .required).field("place", .string, .required)
            .field("partner", .string, .required).field("created_by", .string, .required).create()
        try await db.schema("event_attendance").id()
            .field("event_id", .uuid, .required, .references("livelihood_events", "id")).field("person_id", .uuid, .required)
            .field("unit_path", .string, .required).unique(on: "event_id", "person_id").create()
        try await db.schema("courses").id()
            .field("unit_id", .uuid, .required).field("unit_path", .string, .required).field("title", .string, .required)
            .field("trade", .string, .required).field("provider", .string, .required).field("starts_on", .string, .required)
            .field("ends_on", .string, .required).field("places", .int, .required).field("cost", .int64, .required)
            .field("created_by", .string, .required).create()
        try await db.schema("course_enrolments").id()
            .field("course_id", .uuid, .required, .references("courses", "id")).field("seeker_id", .uuid, .required, .references("job_seekers", "id"))
            .field("person_id", .uuid, .required).field("unit_id", .uuid, .required).field("unit_path", .string, .required)
            .field("status", .string, .required).field("training_group", .string, .required).field("support", .int64, .required)
            .field("enrolled_on", .string, .required).field("completed_on", .string).field("certificate", .string).field("reason", .string)
            .unique(on: "course_id", "person_id").create()
        try await db.schema("course_outcomes").id()
            .field("enrolment_id", .uuid, .required, .references("course_enrolments", "id")).field("unit_path", .string, .required)
            .field("month", .int, .required).field("recorded_on", .string, .required).field("status", .string, .required)
            .field("monthly_income", .int64, .required).unique(on: "enrolment_id", "month").create()
        try await db.schema("job_referrals").id()
            .field("seeker_id", .uuid, .required, .references("job_seekers", "id")).field("vacancy_id", .uuid, .required, .references("vacancies", "id"))
            .field("unit_id", .uuid, .required).field("unit_path", .string, .required).field("status", .string, .required)
            .field("referred_on", .string, .required).field("interview_on", .string).field("start_on", .string).field("wage", .int64)
            .field("reason", .string).field("created_by", .string, .required).create()
        try await sql(db).create(index: "ix_job_seekers_unit").on("job_seekers").column("unit_path").run()
        try await sql(db).create(index: "ix_enrolments_seeker").on("course_enrolments").column("seeker_id").run()
        try await sql(db).create(index: "ix_referrals_seeker").on("job_referrals").column("seeker_id").run()
    }
    func revert(on db: Database) async throws {
        for t in [
            "job_referrals", "course_outcomes", "course_enrolments", "courses", "event_attendance", "livelihood_events", "vacancies", "employers",
            "job_seekers",
        ] {
            try await db.schema(t).delete()
        }
    }
}
