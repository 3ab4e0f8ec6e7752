import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// An application for a monthly allowance (Decree 20 Art. 7–8; Decree 147/2025 Art. 5):
/// received → reviewed (evaluation stored) → posted for 2 working days (not when HIV is
/// involved) → decided by the commune chairman, or refused in writing with reasons.
public final class AllowanceApplicationModel: Model, @unchecked Sendable {
    public static let schema = "allowance_applications"
    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "commune_id") public var communeID: UUID
    @OptionalField(key: "group_id") public var groupID: UUID?
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "benefit") public var benefit: String
    /// Sealed (`SealedColumn.applicationForm`): Form 1đ is for people with HIV.
    @Field(key: "form_type") public var sealedFormType: String
    @Field(key: "received_date") public var receivedDate: String
    /// Documents checked, comma-separated codes.
    @Field(key: "documents") public var sealedDocuments: String
    @Field(key: "status") public var status: String
    @Field(key: "recipient_kind") public var recipientKind: String
    @OptionalField(key: "recipient_name") public var recipientName: String?
    @Field(key: "channel") public var channel: String
    @OptionalField(key: "account") public var account: String?
    /// The evaluation at review, sealed (`SealedColumn.applicationEvaluation`): its facts hold HIV status.
    @OptionalField(key: "evaluation") public var sealedEvaluation: String?
    @OptionalField(key: "monthly_amount") public var monthlyAmount: Int64?
    @Field(key: "requires_posting") public var requiresPosting: Bool
    @OptionalField(key: "posting_start") public var postingStart: String?
    @OptionalField(key: "posting_end") public var postingEnd: String?
    @OptionalField(key: "objections") public var objections: String?
    @OptionalField(key: "refusal_reason") public var refusalReason: String?
    @OptionalField(key: "decision_id") public var decisionID: UUID?
    @Field(key: "received_by") public var receivedBy: String
    /// When the chairman refused it (the clock of `RetentionKind.refusedApplications`).
    @OptionalField(key: "refused_at") public var refusedAt: Date?
    /// When retention anonymised it (refused, or with the file it opened); nil while whole.
    @OptionalField(key: "anonymised_at") public var anonymisedAt: Date?
    /// Why a refused application is kept whole past its retention period; nil if not.
    @OptionalField(key: "legal_hold") public var legalHold: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    public init() {}

    /// The declaration form, in clear.
    public var formType: String {
        get { SealedColumn.applicationForm.open(sealedFormType) }
        set { sealedFormType = SealedColumn.applicationForm.seal(newValue) }
    }
    /// The papers checked (comma-separated codes), in clear; sealed: one may be the HIV certificate.
    public var documents: String {
        get { SealedColumn.applicationDocuments.open(sealedDocuments) }
        set { sealedDocuments = SealedColumn.applicationDocuments.seal(newValue) }
    }

    /// The evaluation at review (JSON of facts, components and reasons; the rule set id), in clear.
    public var evaluation: String? {
        get { Sealed.open(sealedEvaluation, SealedColumn.applicationEvaluation.name) }
        set { sealedEvaluation = Sealed.seal(newValue, SealedColumn.applicationEvaluation.name) }
    }
}

extension AllowanceApplicationModel: LifecycleRecord {
    public typealias Life = ApplicationLifecycle
    public static var unitPathKey: KeyPath<AllowanceApplicationModel, FieldProperty<AllowanceApplicationModel, String>> { \.$unitPath }
    public var lifecycleState: ApplicationLifecycle.State {
        get { ApplicationStatus(rawValue: status) ?? .received }
        set { status = newValue.rawValue }
    }
    public var auditUnitID: UUID? { communeID }
}

/// A signed decision on one ledger of one person, with the facts, rule set and reasons it was
/// taken on, so it can be reproduced and explained later (DESIGN "facts in, decisions out").
public final class AllowanceDecisionModel: Model, @unchecked Sendable {
    public static let schema = "allowance_decisions"
    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "commune_id") public var communeID: UUID
    @OptionalField(key: "group_id") public var groupID: UUID?
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "benefit") public var benefit: String
    @Field(key: "kind") public var kind: String
    @Field(key: "reason") public var reason: String
    /// Nil only for a suspension Ansinh records itself (3 months not collected).
    @OptionalField(key: "number") public var number: String?
    @Field(key: "signed_date") public var signedDate: String
    @Field(key: "effective_month") public var effectiveMonth: String
    @Field(key: "standard_tenths") public var standardTenths: Int
    @Field(key: "pension_tenths") public var pensionTenths: Int
    @Field(key: "monthly_amount") public var monthlyAmount: Int64
    /// Sealed (`SealedColumn.decisionCategories`): a category may reveal HIV status.
    @Field(key: "categories") public var sealedCategories: String
    /// Sealed (`SealedColumn.decisionEvaluation`): the facts hold HIV status.
    @Field(key: "evaluation") public var sealedEvaluation: String
    @Field(key: "rule_set") public var ruleSet: String
    @Field(key: "recipient_kind") public var recipientKind: String
    @OptionalField(key: "recipient_name") public var recipientName: String?
    @Field(key: "channel") public var channel: String
    @OptionalField(key: "account") public var account: String?
    @OptionalField(key: "application_id") public var applicationID: UUID?
    @OptionalField(key: "note") public var note: String?
    @Field(key: "decided_by") public var decidedBy: String
    /// When retention anonymised the file (`RetentionKind.allowanceFiles`); nil while whole.
    @OptionalField(key: "anonymised_at") public var anonymisedAt: Date?
    /// Why it is kept whole past its retention period (a complaint, a recovery); nil if not.
    @OptionalField(key: "legal_hold") public var legalHold: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}

    /// The Decree 20/2021 categories, comma-separated, in clear.
    public var categories: String {
        get { SealedColumn.decisionCategories.open(sealedCategories) }
        set { sealedCategories = SealedColumn.decisionCategories.seal(newValue) }
    }

    /// The facts, rule set and reasons the decision was taken on (JSON), in clear.
    public var evaluation: String {
        get { Sealed.open(sealedEvaluation, SealedColumn.decisionEvaluation.name) }
        set { sealedEvaluation = Sealed.seal(newValue, SealedColumn.decisionEvaluation.name) }
    }
}

extension AllowanceDecisionModel: UnitScoped {
    public static var unitPathKey: KeyPath<AllowanceDecisionModel, FieldProperty<AllowanceDecisionModel, String>> { \.$unitPath }
}

/// A span of months paid at one rate (see `PayPeriod`), derived from the decisions. At most one
/// open period per person and ledger, enforced by the database.
public final class AllowancePeriodModel: Model, @unchecked Sendable {
    public static let schema = "allowance_periods"
    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "benefit") public var benefit: String
    @Field(key: "commune_id") public var communeID: UUID
    @OptionalField(key: "group_id") public var groupID: UUID?
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "from_month") public var fromMonth: String
    @OptionalField(key: "until_month") public var untilMonth: String?
    /// Months before this one were paid outside Ansinh (recipients taken over from paper lists).
    @OptionalField(key: "paid_before") public var paidBefore: String?
    @Field(key: "standard_tenths") public var standardTenths: Int
    @Field(key: "pension_tenths") public var pensionTenths: Int
    @Field(key: "recipient_kind") public var recipientKind: String
    @OptionalField(key: "recipient_name") public var recipientName: String?
    @Field(key: "channel") public var channel: String
    @OptionalField(key: "account") public var account: String?
    @Field(key: "decision_id") public var decisionID: UUID
    public init() {}

    var period: PayPeriod {
        PayPeriod(
            from: YearMonth(iso: fromMonth)!, until: untilMonth.flatMap(YearMonth.init(iso:)), standardTenths: standardTenths, pensionTenths: pensionTenths)
    }
}

extension AllowancePeriodModel: UnitScoped {
    public static var unitPathKey: KeyPath<AllowancePeriodModel, FieldProperty<AllowancePeriodModel, String>> { \.$unitPath }
}
