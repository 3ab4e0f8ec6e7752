import AnsinhCore
import FluentKit
import Foundation

/// A protection case of a centre (or a ward): who, what kind, from where, how urgent and why,
/// where the person is supported, and the step of `CaseLifecycle` it is at. Its records are of
/// the child-protection sensitivity class. The person is named on the case (minimal facts are
/// enough at intake) and linked to the registry when found there.
public final class CaseModel: Model, @unchecked Sendable {
    public static let schema = "cases"
    @ID(key: .id) public var id: UUID?
    /// "22-TTTGXH-2025-0001": the unit's code, the year received, a running number.
    @Field(key: "number") public var number: String
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "kind") public var kind: String
    @Field(key: "source") public var source: String
    @Field(key: "status") public var status: String
    @Field(key: "risk_level") public var riskLevel: String
    @Field(key: "risk_reason") var sealedRiskReason: String
    public var riskReason: String {
        get { Sealed.open(sealedRiskReason, SealedColumn.caseRiskReason.name) }
        set { sealedRiskReason = Sealed.seal(newValue, SealedColumn.caseRiskReason.name) }
    }
    @Field(key: "received_at") public var receivedAt: Date
    @Field(key: "placement") public var placement: String
    @OptionalField(key: "shelter_from") public var shelterFrom: String?
    @OptionalField(key: "shelter_until") public var shelterUntil: String?
    @OptionalField(key: "person_id") public var personID: UUID?
    @Field(key: "person_name") public var personName: String
    @OptionalField(key: "person_gender") public var personGender: String?
    @OptionalField(key: "person_birth_year") public var personBirthYear: Int?
    @OptionalField(key: "assessment") var sealedAssessment: String?
    public var assessment: String? {
        get { Sealed.open(sealedAssessment, SealedColumn.caseAssessment.name) }
        set { sealedAssessment = Sealed.seal(newValue, SealedColumn.caseAssessment.name) }
    }
    @OptionalField(key: "closure_reason") public var closureReason: String?
    @OptionalField(key: "outcome") public var outcome: String?
    @OptionalField(key: "closure_requested_by") public var closureRequestedBy: String?
    @OptionalField(key: "returned_reason") public var returnedReason: String?
    @OptionalField(key: "closed_at") public var closedAt: Date?
    /// When the case entered its current step (`CaseDeadlines` count from it).
    @OptionalField(key: "step_at") public var stepAt: Date?
    /// When its overdue step was escalated to the manager (once per step).
    @OptionalField(key: "escalated_at") public var escalatedAt: Date?
    /// When retention anonymised the case (`RetentionKind.cases`); nil while whole.
    @OptionalField(key: "anonymised_at") public var anonymisedAt: Date?
    /// Why the case is kept whole past its retention (an inspection, a court); nil = none.
    @OptionalField(key: "legal_hold") public var legalHold: String?
    @Field(key: "worker") public var worker: String
    @Field(key: "created_by") public var createdBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

extension CaseModel: LifecycleRecord {
    public typealias Life = CaseLifecycle
    public static var unitPathKey: KeyPath<CaseModel, FieldProperty<CaseModel, String>> { \.$unitPath }
    public var lifecycleState: CaseLifecycle.State {
        get { CaseLifecycle.State(rawValue: status) ?? .registered }
        set { status = newValue.rawValue }
    }
    public var auditUnitID: UUID? { unitID }
}

/// A goal of a case's plan: what, who answers for it, by when.
public final class CaseGoalModel: Model, @unchecked Sendable {
    public static let schema = "case_goals"
    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "goal") public var goal: String
    @Field(key: "responsible") public var responsible: String
    @Field(key: "due_date") public var dueDate: String
    /// What came of it, when known (a referral's outcome).
    @OptionalField(key: "result") public var result: String?
    @Field(key: "created_by") public var createdBy: String
    public init() {}
}

extension CaseGoalModel: UnitScoped {
    public static var unitPathKey: KeyPath<CaseGoalModel, FieldProperty<CaseGoalModel, String>> { \.$unitPath }
}

/// A dated entry of a case's timeline: a note or a service given, and who recorded it.
public final class CaseEntryModel: Model, @unchecked Sendable {
    public static let schema = "case_entries"
    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "kind") public var kind: String
    @Field(key: "on_date") public var onDate: String
    @Field(key: "text") var sealedText: String
    public var text: String {
        get { Sealed.open(sealedText, SealedColumn.caseEntryText.name) }
        set { sealedText = Sealed.seal(newValue, SealedColumn.caseEntryText.name) }
    }
    @Field(key: "given_by") public var givenBy: String
    @Field(key: "recorded_by") public var recordedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

extension CaseEntryModel: UnitScoped {
    public static var unitPathKey: KeyPath<CaseEntryModel, FieldProperty<CaseEntryModel, String>> { \.$unitPath }
}
