import AnsinhCore
import FluentKit
import FluentSQL
import Foundation

extension GiftCampaignModel: RetainedRecord {
    public static var retentionEntity: String { GiftCampaignLifecycle.entity }
    public static var holdPermission: Permission { .manageCampaigns }
    public static var legalHoldKey: KeyPath<GiftCampaignModel, OptionalFieldProperty<GiftCampaignModel, String>> { \.$legalHold }
}

/// Retention of gift campaigns' lists (Law 91/2025/QH15): the signed list of a gift paid from
/// a budget line or a fund is a paper the books rest on, so a closed campaign's list is kept as
/// long as a closed payment cycle (privacy.json `retention.payment`, [U]).
extension RetentionRepository {
    public static var giftListRule: RetentionRule { RetentionKind.giftLists.rule }
}

extension RetentionKind where M == GiftCampaignModel {
    /// A closed campaign of a year that ended before the cutoff (the accounting year) keeps
    /// every line's household and person link, gift type, categories, outcome and day handed
    /// out — what the gifts report and the ward report count — and loses the names copied onto
    /// the list, who signed for each gift and the reasons a gift was not handed out. A campaign
    /// still open is never touched.
    public static var giftLists: Self {
        Self(
            kind: .payment, records: "retention.records.gift_lists",
            past: { cutoff, zone, db in
                GiftCampaignModel.query(on: db).filter(\.$status == GiftCampaignLifecycle.State.closed.rawValue)
                    .filter(\.$day < "\(LocalDate.of(cutoff, in: zone).year)-01-01").filter(\.$anonymisedAt == nil)
            }, free: { $0 }, order: { $0.sort(\.$day).sort(\.$id) },
            strip: { rows, _, tx in
                let ids = rows.map { $0.id! }
                try await sql(tx).raw("UPDATE gift_entries SET name = '', reason = NULL WHERE campaign_id IN (\(binds: ids))").run()
                try await sql(tx).raw("UPDATE gift_handouts SET received_by = '' WHERE campaign_id IN (\(binds: ids))").run()
            })
    }
}
