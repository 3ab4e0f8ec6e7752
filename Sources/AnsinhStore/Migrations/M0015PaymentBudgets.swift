import AnsinhCore
import FluentKit
import Foundation
import SQLKit

struct M0015PaymentBudgets: AsyncMigration {
    var name: String { "0015_payment_budgets" }
    func prepare(on db: Database) async throws {
        try await db.schema("payment_budgets")
            .id()
            .field("commune_id", .uuid, .required)
            .field("unit_path", .string, .required)
            .field("year", .int, .required)
            .field("amount", .int64, .required)
            .field("set_by", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "commune_id", "year", name: "uq_payment_budget_year")
            .create()
    }
    func revert(on db: Database) async throws { try await db.schema("payment_budgets").delete() }
}
