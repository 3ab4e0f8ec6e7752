import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Consents and referrals of cases; a plan goal's result (a referral's outcome).
struct M0030CaseSharing: AsyncMigration {
    var name: String { "0030_case_sharing" }
    func prepare(on db: Database) async throws {
        try await db.schema(CaseConsentModel.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseModel.schema, "id"))
            .field("unit_path", .string, .required)
            .field("purpose", .string, .required)
            .field("recipient_kind", .string)
            .field("recipient_name", .string, .required)
            .field("scope", .string, .required)
            .field("given_by", .string, .required)
            .field("given_by_name", .string, .required)
            .field("given_on", .string, .required)
            .field("withdrawn_on", .string)
            .field("withdrawal_reason", .string)
            .field("recorded_by", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await sql(db).create(index: "ix_case_consents_case").on(CaseConsentModel.schema).column("case_id").run()
        try await db.schema(CaseReferralModel.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseModel.schema, "id"))
            .field("unit_path", .string, .required)
            .field("unit_id", .uuid, .required)
            .field("recipient_kind", .string, .required)
            .field("recipient_unit_id", .uuid)
            .field("recipient_unit_path", .string, .required)
            .field("receiver", .string, .required)
            .field("service", .string, .required)
            .field("due_date", .string, .required)
            .field("status", .string, .required)
            .field("outcome_note", .string)
            .field("outcome_on", .string)
            .field("answered_by", .string)
            .field("consent_id", .uuid, .required, .references(CaseConsentModel.schema, "id"))
            .field("goal_id", .uuid, .required, .references(CaseGoalModel.schema, "id"))
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await sql(db).create(index: "ix_case_referrals_case").on(CaseReferralModel.schema).column("case_id").run()
        try await sql(db).create(index: "ix_case_referrals_recipient").on(CaseReferralModel.schema).column("recipient_unit_path").run()
        try await db.schema(CaseGoalModel.schema).field("result", .string).update()
    }
    func revert(on db: Database) async throws {
        try await db.schema(CaseGoalModel.schema).deleteField("result").update()
        try await db.schema(CaseReferralModel.schema).delete()
        try await db.schema(CaseConsentModel.schema).delete()
    }
}
