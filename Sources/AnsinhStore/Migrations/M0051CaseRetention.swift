import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Retention of closed cases: when a case was anonymised, and a legal hold that keeps it whole.
/// (Residents got the same two columns in `M0052ResidentRetention`.)
struct M0051CaseRetention: AsyncMigration {
    var name: String { "0051_case_retention" }
    func prepare(on db: Database) async throws {
        try await db.schema(CaseModel.schema).field("anonymised_at", .datetime).update()
        try await db.schema(CaseModel.schema).field("legal_hold", .string).update()
    }
    func revert(on db: Database) async throws {
        try await db.schema(CaseModel.schema).deleteField("legal_hold").update()
        try await db.schema(CaseModel.schema).deleteField("anonymised_at").update()
    }
}
