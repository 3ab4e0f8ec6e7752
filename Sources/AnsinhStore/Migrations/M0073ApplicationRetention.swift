import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Retention of refused allowance applications: when each was refused (the clock of its
/// retention; the last change stood for it before), when it was anonymised, and a legal hold
/// that keeps it whole.
struct M0073ApplicationRetention: AsyncMigration {
    var name: String { "0073_application_retention" }
    func prepare(on db: Database) async throws {
        let table = AllowanceApplicationModel.schema
        try await db.schema(table).field("refused_at", .datetime).update()
        try await db.schema(table).field("anonymised_at", .datetime).update()
        try await db.schema(table).field("legal_hold", .string).update()
        try await (db as! any SQLDatabase).raw("UPDATE allowance_applications SET refused_at = updated_at WHERE status = 'refused'").run()
    }
    func revert(on db: Database) async throws {
        let table = AllowanceApplicationModel.schema
        for field: FieldKey in ["legal_hold", "anonymised_at", "refused_at"] { try await db.schema(table).deleteField(field).update() }
    }
}
