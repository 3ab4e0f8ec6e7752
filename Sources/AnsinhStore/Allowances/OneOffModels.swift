import AnsinhCore
import FluentKit
import Foundation

/// A signed one-off decision (Decree 20/2021 Art. 11–15): funeral support, support after a
/// serious injury, house support, or rice in kind. It is paid once — through the commune's
/// next payment cycle, whose line is reconciled like a monthly one, or handed out at once and
/// recorded — with the amount, the rule set and the reason it was decided on.
public final class OneOffDecisionModel: Model, @unchecked Sendable {
    public static let schema = "one_off_decisions"
    @ID(key: .id) public var id: UUID?
    @Field(key: "kind") public var kind: String
    /// The deceased, the injured person, or the household member the support is decided for.
    @Field(key: "person_id") public var personID: UUID
    /// The household, for household support (Art. 12, 15).
    @OptionalField(key: "household_id") public var householdID: UUID?
    @Field(key: "commune_id") public var communeID: UUID
    @OptionalField(key: "group_id") public var groupID: UUID?
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "event_date") public var eventDate: String
    @Field(key: "number") public var number: String
    @Field(key: "signed_date") public var signedDate: String
    /// The article code paid (`D20-11.funeral`, `D20-15.1.house_lost`, `D20-12.rice`…).
    @Field(key: "category") public var category: String
    @Field(key: "amount") public var amount: Int64
    @OptionalField(key: "kilograms") public var kilograms: Int?
    /// JSON of the inputs: funeral cases, other funeral benefits, treatment days, rice cause,
    /// persons and months.
    @Field(key: "details") public var details: String
    /// JSON of the `Reason` the engine gave.
    @Field(key: "reason") public var reason: String
    @Field(key: "rule_set") public var ruleSet: String
    @Field(key: "recipient_kind") public var recipientKind: String
    @OptionalField(key: "recipient_name") public var recipientName: String?
    @Field(key: "channel") public var channel: String
    @OptionalField(key: "account") public var account: String?
    @Field(key: "status") public var status: String
    @OptionalField(key: "handed_date") public var handedDate: String?
    @OptionalField(key: "received_by") public var receivedBy: String?
    @OptionalField(key: "handed_by") public var handedBy: String?
    @OptionalField(key: "cancel_reason") public var cancelReason: String?
    @OptionalField(key: "note") public var note: String?
    @Field(key: "decided_by") public var decidedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

extension OneOffDecisionModel: LifecycleRecord {
    public typealias Life = OneOffLifecycle
    public static var unitPathKey: KeyPath<OneOffDecisionModel, FieldProperty<OneOffDecisionModel, String>> { \.$unitPath }
    public var lifecycleState: OneOffLifecycle.State {
        get { OneOffLifecycle.State(rawValue: status) ?? .decided }
        set { status = newValue.rawValue }
    }
    public var auditUnitID: UUID? { communeID }
}

/// The inputs of a one-off decision that the engine reads, kept with it.
public struct OneOffDetails: Codable, Sendable, Equatable {
    public var funeralCases: [FuneralCase] = []
    public var others: [OtherFuneralBenefit] = []
    public var treatmentDays: Int?
    public var riceCause: RiceCause?
    public var persons: Int?
    public var months: Int?
    public init() {}
}

/// What an officer enters to decide a one-off benefit for a person (or the person's household).
public struct OneOffInput: Sendable {
    public var kind: String = ""
    public var personID: UUID
    public var eventDate = ""
    public var number = ""
    public var signedDate = ""
    public var details = OneOffDetails()
    public var recipientKind = ""
    public var recipientName = ""
    public var channel = ""
    public var account = ""
    public var note = ""
    public init(personID: UUID) { self.personID = personID }
}

/// A one-off decision as the pages and the API read it, with where its payment stands.
public struct OneOffRecord: Sendable {
    public let id: UUID
    public let kind: OneOffKind
    public let personID: UUID
    public let personName: String
    public let householdCode: String?
    public let communeName: String
    public let eventDate: String
    public let number: String
    public let signedDate: String
    public let category: String
    public let amount: Int64
    public let kilograms: Int?
    public let details: OneOffDetails
    public let reason: Reason?
    public let ruleSet: String
    public let recipientKind: String
    public let recipientName: String?
    public let channel: String
    public let status: OneOffLifecycle.State
    public let handedDate: String?
    public let receivedBy: String?
    public let cancelReason: String?
    public let note: String?
    public let decidedBy: String
    /// The cycle month and line status when a cycle issued it.
    public let cycleID: UUID?
    public let cycleMonth: String?
    public let lineStatus: LineStatus?
}

/// Filters of the one-off register.
public struct OneOffFilter: Sendable {
    public var kind: OneOffKind?
    public var status: OneOffLifecycle.State?
    public var year: Int?
    public var personID: UUID?
    public init(kind: OneOffKind? = nil, status: OneOffLifecycle.State? = nil, year: Int? = nil, personID: UUID? = nil) {
        self.kind = kind; self.status = status; self.year = year; self.personID = personID
    }
}
