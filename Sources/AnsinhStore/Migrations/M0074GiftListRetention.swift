import AnsinhCore
import FluentKit
import Foundation

/// Retention of gift campaigns' lists: when a closed campaign's list was anonymised, and a
/// legal hold that keeps it whole.
struct M0074GiftListRetention: AsyncMigration {
    var name: String { "0074_gift_list_retention" }
    func prepare(on db: Database) async throws {
        try await db.schema(GiftCampaignModel.schema).field("anonymised_at", .datetime).update()
        try await db.schema(GiftCampaignModel.schema).field("legal_hold", .string).update()
    }
    func revert(on db: Database) async throws {
        try await db.schema(GiftCampaignModel.schema).deleteField("legal_hold").update()
        try await db.schema(GiftCampaignModel.schema).deleteField("anonymised_at").update()
    }
}
