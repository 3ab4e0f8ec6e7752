import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Retention of allowance files and payment cycles: when each was anonymised, and a legal hold
/// that keeps it whole.
struct M0071AllowanceRetention: AsyncMigration {
    var name: String { "0071_allowance_retention" }
    func prepare(on db: Database) async throws {
        for table in [AllowanceDecisionModel.schema, PaymentCycleModel.schema] {
            try await db.schema(table).field("anonymised_at", .datetime).update()
            try await db.schema(table).field("legal_hold", .string).update()
        }
    }
    func revert(on db: Database) async throws {
        for table in [AllowanceDecisionModel.schema, PaymentCycleModel.schema] {
            try await db.schema(table).deleteField("legal_hold").update()
            try await db.schema(table).deleteField("anonymised_at").update()
        }
    }
}
