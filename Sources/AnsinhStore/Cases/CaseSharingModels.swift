import AnsinhCore
import FluentKit
import Foundation

/// A consent recorded on a case: what may be shared, with whom, for which purpose, given by
/// whom and when, and its withdrawal. Referrals and file exports check it (`ConsentTerms`).
public final class CaseConsentModel: Model, @unchecked Sendable {
    public static let schema = "case_consents"
    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "purpose") public var purpose: String
    /// A `ReferralRecipient`, or nil for any recipient.
    @OptionalField(key: "recipient_kind") public var recipientKind: String?
    @Field(key: "recipient_name") public var recipientName: String
    /// Which information may be shared.
    @Field(key: "scope") public var scope: String
    @Field(key: "given_by") public var givenBy: String
    @Field(key: "given_by_name") public var givenByName: String
    @Field(key: "given_on") public var givenOn: String
    @OptionalField(key: "withdrawn_on") public var withdrawnOn: String?
    @OptionalField(key: "withdrawal_reason") public var withdrawalReason: String?
    @Field(key: "recorded_by") public var recordedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}

    var terms: ConsentTerms? {
        guard let p = ConsentPurpose(rawValue: purpose), let given = LocalDate(iso: givenOn) else { return nil }
        return ConsentTerms(
            purpose: p, recipient: recipientKind.flatMap(ReferralRecipient.init(rawValue:)), givenOn: given,
            withdrawnOn: withdrawnOn.flatMap(LocalDate.init(iso:)))
    }
}

extension CaseConsentModel: UnitScoped {
    public static var unitPathKey: KeyPath<CaseConsentModel, FieldProperty<CaseConsentModel, String>> { \.$unitPath }
}

/// A referral of a case to a service: the receiver, the service asked for, by when, the consent
/// it rests on, the goal of the plan it added, and its outcome (`ReferralLifecycle`). A
/// referral to a ward is shared with that ward, whose officers answer it.
public final class CaseReferralModel: Model, @unchecked Sendable {
    public static let schema = "case_referrals"
    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "recipient_kind") public var recipientKind: String
    @OptionalField(key: "recipient_unit_id") public var recipientUnitID: UUID?
    /// The ward's unit path for a referral to a ward office, "" otherwise.
    @Field(key: "recipient_unit_path") public var recipientUnitPath: String
    @Field(key: "receiver") public var receiver: String
    @Field(key: "service") public var service: String
    @Field(key: "due_date") public var dueDate: String
    @Field(key: "status") public var status: String
    @OptionalField(key: "outcome_note") public var outcomeNote: String?
    @OptionalField(key: "outcome_on") public var outcomeOn: String?
    @OptionalField(key: "answered_by") public var answeredBy: String?
    @Field(key: "consent_id") public var consentID: UUID
    @Field(key: "goal_id") public var goalID: UUID
    @Field(key: "created_by") public var createdBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

extension CaseReferralModel: LifecycleRecord {
    public typealias Life = ReferralLifecycle
    public static var unitPathKey: KeyPath<CaseReferralModel, FieldProperty<CaseReferralModel, String>> { \.$unitPath }
    public var sharedPath: String? { recipientUnitPath.isEmpty ? nil : recipientUnitPath }
    public var lifecycleState: ReferralLifecycle.State {
        get { ReferralLifecycle.State(rawValue: status) ?? .sent }
        set { status = newValue.rawValue }
    }
    public var auditUnitID: UUID? { unitID }
}
