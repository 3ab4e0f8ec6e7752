import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Retention of individual donors: when their details were anonymised, and a legal hold that
/// keeps them whole.
struct M0072DonorRetention: AsyncMigration {
    var name: String { "0072_donor_retention" }
    func prepare(on db: Database) async throws {
        try await db.schema(DonorModel.schema).field("anonymised_at", .datetime).update()
        try await db.schema(DonorModel.schema).field("legal_hold", .string).update()
    }
    func revert(on db: Database) async throws {
        try await db.schema(DonorModel.schema).deleteField("legal_hold").update()
        try await db.schema(DonorModel.schema).deleteField("anonymised_at").update()
    }
}
