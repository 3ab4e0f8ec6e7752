import AnsinhCore
import FluentKit
import Foundation

struct M0012RuleSettings: AsyncMigration {
    var name: String { "0012_rule_settings" }
    func prepare(on db: Database) async throws {
        try await db.schema("rule_settings")
            .field("name", .string, .identifier(auto: false))
            .field("value", .bool, .required)
            .field("changed_by", .string, .required)
            .field("changed_at", .datetime)
            .create()
    }
    func revert(on db: Database) async throws { try await db.schema("rule_settings").delete() }
}
