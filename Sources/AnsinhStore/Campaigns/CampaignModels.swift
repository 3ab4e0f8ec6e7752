import AnsinhCore
import FluentKit
import Foundation

/// A ward's gift campaign: its occasion and day, and its targeting rule as JSON (`GiftRule`).
public final class GiftCampaignModel: Model, @unchecked Sendable {
    public static let schema = "gift_campaigns"
    @ID(key: .id) public var id: UUID?
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "name") public var name: String
    @Field(key: "occasion") public var occasion: String
    @Field(key: "day") public var day: String
    @Field(key: "rule") public var rule: String
    @Field(key: "status") public var status: String
    @Field(key: "created_by") public var createdBy: String
    /// When retention anonymised the closed campaign's list (`RetentionKind.giftLists`).
    @OptionalField(key: "anonymised_at") public var anonymisedAt: Date?
    /// Why the list is kept whole past its retention period; nil if not.
    @OptionalField(key: "legal_hold") public var legalHold: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

extension GiftCampaignModel: LifecycleRecord {
    public typealias Life = GiftCampaignLifecycle
    public static var unitPathKey: KeyPath<GiftCampaignModel, FieldProperty<GiftCampaignModel, String>> { \.$unitPath }
    public var lifecycleState: GiftCampaignLifecycle.State {
        get { GiftCampaignLifecycle.State(rawValue: status) ?? .open }
        set { status = newValue.rawValue }
    }
    public var auditUnitID: UUID? { unitID }
}

/// One kind of gift of a campaign: its value, where it is paid from (a fund, a budget line, a
/// donor) and, for goods, the stock received.
public final class GiftTypeModel: Model, UnitScoped, @unchecked Sendable {
    public static let schema = "gift_types"
    @ID(key: .id) public var id: UUID?
    @Field(key: "campaign_id") public var campaignID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "name") public var name: String
    @Field(key: "kind") public var kind: String
    @Field(key: "value") public var value: Int64
    @OptionalField(key: "fund_id") public var fundID: UUID?
    @Field(key: "source") public var source: String
    /// Units of goods received for the campaign; nil when not counted (money, visits).
    @OptionalField(key: "stock") public var stock: Int?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
    public static var unitPathKey: KeyPath<GiftTypeModel, FieldProperty<GiftTypeModel, String>> { \.$unitPath }
}

/// One line of a campaign's list: who qualifies for a gift type and why. One per recipient and
/// gift type (a unique index).
public final class GiftEntryModel: Model, UnitScoped, @unchecked Sendable {
    public static let schema = "gift_entries"
    @ID(key: .id) public var id: UUID?
    @Field(key: "campaign_id") public var campaignID: UUID
    @Field(key: "gift_type_id") public var giftTypeID: UUID
    /// The household's unit path (its residential group), for scope.
    @Field(key: "unit_path") public var unitPath: String
    @OptionalField(key: "group_id") public var groupID: UUID?
    @Field(key: "household_id") public var householdID: UUID
    @OptionalField(key: "person_id") public var personID: UUID?
    /// The person's id, or the household's for a gift per household.
    @Field(key: "recipient_key") public var recipientKey: String
    @Field(key: "name") public var name: String
    @Field(key: "household_code") public var householdCode: String
    /// The rule's categories the recipient falls in, comma-separated.
    @Field(key: "reasons") public var reasons: String
    @Field(key: "status") public var status: String
    @OptionalField(key: "reason") public var reason: String?
    public init() {}
    public static var unitPathKey: KeyPath<GiftEntryModel, FieldProperty<GiftEntryModel, String>> { \.$unitPath }
}

/// A gift handed out: at most one per list line (a unique index), so concurrent hand-outs
/// cannot give twice.
public final class GiftHandoutModel: Model, @unchecked Sendable {
    public static let schema = "gift_handouts"
    @ID(key: .id) public var id: UUID?
    @Field(key: "entry_id") public var entryID: UUID
    @Field(key: "campaign_id") public var campaignID: UUID
    @Field(key: "gift_type_id") public var giftTypeID: UUID
    @Field(key: "handed_on") public var handedOn: String
    @Field(key: "received_by") public var receivedBy: String
    @Field(key: "recorded_by") public var recordedBy: String
    public init() {}
}

/// A person's merit category (a dated fact with its document).
public final class MeritRecordModel: Model, UnitScoped, @unchecked Sendable {
    public static let schema = "merit_records"
    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "category") public var category: String
    @Field(key: "detail") public var detail: String
    @Field(key: "since") public var since: String
    @Field(key: "document") public var document: String
    @Field(key: "recorded_by") public var recordedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
    public static var unitPathKey: KeyPath<MeritRecordModel, FieldProperty<MeritRecordModel, String>> { \.$unitPath }
}
