import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// A review campaign of one commune: periodic (yearly) or continuous (monthly).
public final class ReviewCampaignModel: Model, @unchecked Sendable {
    public static let schema = "review_campaigns"
    @ID(key: .id) public var id: UUID?
    @Field(key: "commune_id") public var communeID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "year") public var year: Int
    @Field(key: "kind") public var kind: String
    /// 0 for a periodic campaign; the month (1–12) of a continuous one.
    @Field(key: "month") public var month: Int
    /// The period classified, which chooses the poverty standard.
    @Field(key: "period") public var period: Int
    @Field(key: "standard_id") public var standardID: String
    @Field(key: "step") public var step: String
    @OptionalField(key: "posting_start") public var postingStart: String?
    @OptionalField(key: "posting_end") public var postingEnd: String?
    @OptionalField(key: "decision_number") public var decisionNumber: String?
    @OptionalField(key: "decision_date") public var decisionDate: String?
    /// When retention anonymised its surveys (`RetentionKind.reviews`); nil while whole.
    @OptionalField(key: "anonymised_at") public var anonymisedAt: Date?
    /// Why it is kept whole past its retention period (an inspection, a complaint); nil if not.
    @OptionalField(key: "legal_hold") public var legalHold: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    public init() {}
}

/// One household on a campaign's list, with its survey and computed class.
public final class ReviewEntryModel: Model, @unchecked Sendable {
    public static let schema = "review_entries"
    @ID(key: .id) public var id: UUID?
    @Field(key: "campaign_id") public var campaignID: UUID
    @Field(key: "household_id") public var householdID: UUID
    @OptionalField(key: "group_id") public var groupID: UUID?
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "origin") public var origin: String
    @Field(key: "area_type") public var areaType: String
    @OptionalField(key: "previous_class") public var previousClass: String?
    @OptionalField(key: "income_per_person") public var incomePerPerson: Int64?
    /// Indicator codes, comma-separated, sorted.
    @Field(key: "deprivations") public var deprivations: String
    @Field(key: "deprivation_count") public var deprivationCount: Int
    /// Who collected the survey (the residential-group collector) and when.
    @OptionalField(key: "collector") public var collector: String?
    @OptionalField(key: "collected_on") public var collectedOn: String?
    @OptionalField(key: "entered_by") public var enteredBy: String?
    @OptionalField(key: "class") public var povertyClass: String?
    /// Reason codes, comma-separated; the full explanation is recomputed from the stored survey.
    @OptionalField(key: "reasons") public var reasons: String?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    public init() {}
}

/// A residential-group meeting on the draft list (QD24 Art. 4(3)). A group may meet again after
/// a failed vote; the latest meeting counts.
public final class ReviewMeetingModel: Model, @unchecked Sendable {
    public static let schema = "review_meetings"
    @ID(key: .id) public var id: UUID?
    @Field(key: "campaign_id") public var campaignID: UUID
    @OptionalField(key: "group_id") public var groupID: UUID?
    @Field(key: "held_on") public var heldOn: String
    @Field(key: "present") public var present: Int
    @Field(key: "agree") public var agree: Int
    @Field(key: "passed") public var passed: Bool
    @OptionalField(key: "note") public var note: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

/// An objection received while the draft list is posted.
public final class ReviewObjectionModel: Model, @unchecked Sendable {
    public static let schema = "review_objections"
    @ID(key: .id) public var id: UUID?
    @Field(key: "campaign_id") public var campaignID: UUID
    @Field(key: "entry_id") public var entryID: UUID
    @Field(key: "received_on") public var receivedOn: String
    @Field(key: "complainant") public var complainant: String
    @Field(key: "text") public var text: String
    @OptionalField(key: "resolution") public var resolution: String?
    @OptionalField(key: "resolved_on") public var resolvedOn: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

/// The official class of a household for one period, written by the chairman's decision.
public final class HouseholdClassificationModel: Model, @unchecked Sendable {
    public static let schema = "household_classifications"
    @ID(key: .id) public var id: UUID?
    @Field(key: "household_id") public var householdID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @OptionalField(key: "group_id") public var groupID: UUID?
    @Field(key: "period") public var period: Int
    @Field(key: "class") public var povertyClass: String
    @Field(key: "standard_id") public var standardID: String
    @Field(key: "area_type") public var areaType: String
    @OptionalField(key: "income_per_person") public var incomePerPerson: Int64?
    @Field(key: "deprivations") public var deprivations: String
    @Field(key: "deprivation_count") public var deprivationCount: Int
    @Field(key: "reasons") public var reasons: String
    @Field(key: "campaign_id") public var campaignID: UUID
    @Field(key: "decision_number") public var decisionNumber: String
    @Field(key: "decision_date") public var decisionDate: String
    @Field(key: "certificate_number") public var certificateNumber: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

/// A sudden hardship on a household; an alert until the support given is recorded.
public final class HardshipEventModel: Model, @unchecked Sendable {
    public static let schema = "hardship_events"
    @ID(key: .id) public var id: UUID?
    @Field(key: "household_id") public var householdID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "kind") public var kind: String
    @Field(key: "occurred_on") public var occurredOn: String
    @Field(key: "note") public var note: String
    @Field(key: "recorded_by") public var recordedBy: String
    @Field(key: "recorded_on") public var recordedOn: String
    @OptionalField(key: "support") public var support: String?
    @OptionalField(key: "resolved_on") public var resolvedOn: String?
    @OptionalField(key: "resolved_by") public var resolvedBy: String?
    public init() {}
}

/// "Household in difficult circumstances", recorded by an officer with the reason.
public final class DifficultCircumstanceModel: Model, @unchecked Sendable {
    public static let schema = "difficult_circumstances"
    @ID(key: .id) public var id: UUID?
    @Field(key: "household_id") public var householdID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "reason") public var reason: String
    @Field(key: "since") public var since: String
    @OptionalField(key: "until") public var until: String?
    @Field(key: "recorded_by") public var recordedBy: String
    public init() {}
}

extension ReviewCampaignModel: LifecycleRecord {
    public typealias Life = CampaignLifecycle
    public static var unitPathKey: KeyPath<ReviewCampaignModel, FieldProperty<ReviewCampaignModel, String>> { \.$unitPath }
    public static var visibleFromBelow: Bool { true }
    public var lifecycleState: CampaignLifecycle.State {
        get { CampaignStep(rawValue: step) ?? .listing }
        set { step = newValue.rawValue }
    }
    public var auditUnitID: UUID? { communeID }
}

extension ReviewEntryModel: UnitScoped {
    public static var unitPathKey: KeyPath<ReviewEntryModel, FieldProperty<ReviewEntryModel, String>> { \.$unitPath }
}

extension HouseholdClassificationModel: UnitScoped {
    public static var unitPathKey: KeyPath<HouseholdClassificationModel, FieldProperty<HouseholdClassificationModel, String>> { \.$unitPath }
}

extension HardshipEventModel: UnitScoped {
    public static var unitPathKey: KeyPath<HardshipEventModel, FieldProperty<HardshipEventModel, String>> { \.$unitPath }
}

extension DifficultCircumstanceModel: UnitScoped {
    public static var unitPathKey: KeyPath<DifficultCircumstanceModel, FieldProperty<DifficultCircumstanceModel, String>> { \.$unitPath }
}
