import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Retention of decided review campaigns: when their surveys were anonymised, and a legal hold
/// that keeps them whole.
struct M0070ReviewRetention: AsyncMigration {
    var name: String { "0070_review_retention" }
    func prepare(on db: Database) async throws {
        try await db.schema(ReviewCampaignModel.schema).field("anonymised_at", .datetime).update()
        try await db.schema(ReviewCampaignModel.schema).field("legal_hold", .string).update()
    }
    func revert(on db: Database) async throws {
        try await db.schema(ReviewCampaignModel.schema).deleteField("legal_hold").update()
        try await db.schema(ReviewCampaignModel.schema).deleteField("anonymised_at").update()
    }
}
