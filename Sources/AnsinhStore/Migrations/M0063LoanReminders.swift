import AnsinhCore
import FluentKit
import Foundation

/// The bank's transaction day a borrower was last reminded of.
struct M0063LoanReminders: AsyncMigration {
    var name: String { "0063_loan_reminders" }
    func prepare(on db: Database) async throws { try await db.schema("vbsp_loans").field("reminded_for", .string).update() }
    func revert(on db: Database) async throws { try await db.schema("vbsp_loans").deleteField("reminded_for").update() }
}
