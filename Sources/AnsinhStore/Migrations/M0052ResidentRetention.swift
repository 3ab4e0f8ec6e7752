import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Retention of the residents who left: when anonymised, and a legal hold that keeps them whole.
struct M0052ResidentRetention: AsyncMigration {
    var name: String { "0052_resident_retention" }
    func prepare(on db: Database) async throws {
        try await db.schema(CareResidentModel.schema).field("anonymised_at", .datetime).update()
        try await db.schema(CareResidentModel.schema).field("legal_hold", .string).update()
    }
    func revert(on db: Database) async throws {
        try await db.schema(CareResidentModel.schema).deleteField("legal_hold").update()
        try await db.schema(CareResidentModel.schema).deleteField("anonymised_at").update()
    }
}
