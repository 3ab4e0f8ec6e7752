import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Retention of the hotline's contacts: when a contact was anonymised, and a legal hold that
/// keeps it whole.
struct M0049HotlineRetention: AsyncMigration {
    var name: String { "0049_hotline_retention" }
    func prepare(on db: Database) async throws {
        try await db.schema(HotlineContactModel.schema).field("anonymised_at", .datetime).update()
        try await db.schema(HotlineContactModel.schema).field("legal_hold", .string).update()
    }
    func revert(on db: Database) async throws {
        try await db.schema(HotlineContactModel.schema).deleteField("legal_hold").update()
        try await db.schema(HotlineContactModel.schema).deleteField("anonymised_at").update()
    }
}
