import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// The ward's record of households' loans from the Vietnam Bank for Social Policies: the dossier,
/// the ward's confirmation, the submission, the bank's decision, the disbursement, the checks of
/// use and the closing.
struct M0058Loans: AsyncMigration {
    var name: String { "0058_loans" }
    func prepare(on db: Database) async throws {
        try await db.schema("vbsp_loans").id()
            .field("household_id", .uuid, .required).field("person_id", .uuid, .required).field("unit_id", .uuid, .required)
            .field("unit_path", .string, .required).field("programme", .string, .required).field("purpose", .string, .required)
            .field("requested", .int64, .required).field("term_months", .int, .required).field("savings_group", .string, .required)
            .field("household_class", .string, .required).field("status", .string, .required).field("prepared_on", .string, .required)
            .field("confirmation_number", .string).field("confirmed_on", .string).field("submitted_on", .string).field("bank_decision", .string)
            .field("approved", .int64).field("approved_on", .string).field("disbursed", .int64).field("disbursed_on", .string)
            .field("use_checked_on", .string).field("use_note", .string).field("closed_on", .string).field("reason", .string)
            .field("created_by", .string, .required).create()
        try await sql(db).create(index: "ix_vbsp_loans_household").on("vbsp_loans").column("household_id").run()
        try await sql(db).create(index: "ix_vbsp_loans_unit").on("vbsp_loans").column("unit_path").run()
    }
    func revert(on db: Database) async throws { try await db.schema("vbsp_loans").delete() }
}
