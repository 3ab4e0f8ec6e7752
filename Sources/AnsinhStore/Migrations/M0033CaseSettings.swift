import AnsinhCore
import FluentKit
import Foundation

/// The case deadlines a national administrator changed.
struct M0033CaseSettings: AsyncMigration {
    var name: String { "0033_case_settings" }
    func prepare(on db: Database) async throws {
        try await db.schema(CaseSettingModel.schema)
            .field("name", .string, .identifier(auto: false))
            .field("value", .int, .required)
            .field("changed_by", .string, .required)
            .field("changed_at", .datetime)
            .create()
    }
    func revert(on db: Database) async throws {
        try await db.schema(CaseSettingModel.schema).delete()
    }
}
