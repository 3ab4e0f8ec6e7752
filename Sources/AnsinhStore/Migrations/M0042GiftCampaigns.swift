import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Gift campaigns, their gift types, the list (one line per recipient and gift type), the
/// hand-outs (one per line) and the merit records that drive the targeting.
struct M0042GiftCampaigns: AsyncMigration {
    var name: String { "0042_gift_campaigns" }
    func prepare(on db: Database) async throws {
        try await db.schema(GiftCampaignModel.schema).id()
            .field("unit_id", .uuid, .required, .references(OrgUnitModel.schema, "id")).field("unit_path", .string, .required)
            .field("name", .string, .required).field("occasion", .string, .required).field("day", .string, .required)
            .field("rule", .string, .required).field("status", .string, .required).field("created_by", .string, .required)
            .field("created_at", .datetime).unique(on: "unit_id", "name", name: "uq_gift_campaigns_name").create()
        try await db.schema(GiftTypeModel.schema).id()
            .field("campaign_id", .uuid, .required, .references(GiftCampaignModel.schema, "id")).field("unit_path", .string, .required)
            .field("name", .string, .required).field("kind", .string, .required).field("value", .int64, .required)
            .field("fund_id", .uuid, .references(FundModel.schema, "id")).field("source", .string, .required).field("stock", .int)
            .field("created_at", .datetime).unique(on: "campaign_id", "name", name: "uq_gift_types_name").create()
        try await db.schema(GiftEntryModel.schema).id()
            .field("campaign_id", .uuid, .required, .references(GiftCampaignModel.schema, "id"))
            .field("gift_type_id", .uuid, .required, .references(GiftTypeModel.schema, "id")).field("unit_path", .string, .required)
            .field("group_id", .uuid).field("household_id", .uuid, .required).field("person_id", .uuid).field("recipient_key", .string, .required)
            .field("name", .string, .required).field("household_code", .string, .required).field("reasons", .string, .required)
            .field("status", .string, .required).field("reason", .string)
            .unique(on: "gift_type_id", "recipient_key", name: "uq_gift_entries_recipient").create()
        try await db.schema(GiftHandoutModel.schema).id()
            .field("entry_id", .uuid, .required, .references(GiftEntryModel.schema, "id")).field("campaign_id", .uuid, .required)
            .field("gift_type_id", .uuid, .required).field("handed_on", .string, .required).field("received_by", .string, .required)
            .field("recorded_by", .string, .required).unique(on: "entry_id", name: "uq_gift_handouts_entry").create()
        try await db.schema(MeritRecordModel.schema).id()
            .field("person_id", .uuid, .required, .references(PersonModel.schema, "id")).field("unit_path", .string, .required)
            .field("category", .string, .required).field("detail", .string, .required).field("since", .string, .required)
            .field("document", .string, .required).field("recorded_by", .string, .required).field("created_at", .datetime)
            .unique(on: "person_id", "category", name: "uq_merit_records_category").create()
        let s = sql(db)
        try await s.create(index: "ix_gift_entries_campaign").on(GiftEntryModel.schema).column("campaign_id").column("group_id").column("status").run()
        try await s.create(index: "ix_gift_handouts_campaign").on(GiftHandoutModel.schema).column("campaign_id").run()
        try await s.create(index: "ix_merit_records_path").on(MeritRecordModel.schema).column("unit_path").run()
    }
    func revert(on db: Database) async throws {
        for s in [MeritRecordModel.schema, GiftHandoutModel.schema, GiftEntryModel.schema, GiftTypeModel.schema, GiftCampaignModel.schema] {
            try await db.schema(s).delete()
        }
    }
}
