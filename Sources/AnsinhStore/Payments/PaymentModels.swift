import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// A monthly payment cycle of one commune. Its lines are the frozen snapshot of the decisions at
/// generation; a decision signed later shows as a change and is paid (or recovered) in the next
/// cycle. Prepared by one person, approved by another (maker–checker).
public final class PaymentCycleModel: Model, @unchecked Sendable {
    public static let schema = "payment_cycles"
    @ID(key: .id) public var id: UUID?
    @Field(key: "commune_id") public var communeID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "month") public var month: String
    @Field(key: "status") public var status: String
    @Field(key: "prepared_by") public var preparedBy: String
    @OptionalField(key: "prepared_by_id") public var preparedByID: UUID?
    @Field(key: "generated_at") public var generatedAt: Date
    /// Who handed the cycle to the approver (the approver may be neither preparer nor submitter).
    @OptionalField(key: "submitted_by_id") public var submittedByID: UUID?
    @OptionalField(key: "approved_by") public var approvedBy: String?
    @OptionalField(key: "approved_at") public var approvedAt: Date?
    /// The total issued, frozen at approval; closing checks the lines still add up to it.
    @OptionalField(key: "approved_total") public var approvedTotal: Int64?
    @OptionalField(key: "closed_by") public var closedBy: String?
    @OptionalField(key: "closed_at") public var closedAt: Date?
    /// When retention removed the recipients' payment details (`RetentionKind.payments`); nil
    /// while whole.
    @OptionalField(key: "anonymised_at") public var anonymisedAt: Date?
    /// Why it is kept whole past its retention period (an audit, an inspection); nil if not.
    @OptionalField(key: "legal_hold") public var legalHold: String?
    public init() {}
}

extension PaymentCycleModel: LifecycleRecord {
    public typealias Life = CycleLifecycle
    public static var unitPathKey: KeyPath<PaymentCycleModel, FieldProperty<PaymentCycleModel, String>> { \.$unitPath }
    public var lifecycleState: CycleLifecycle.State {
        get { CycleStatus(rawValue: status) ?? .draft }
        set { status = newValue.rawValue }
    }
    public var auditUnitID: UUID? { communeID }
}

/// The money planned for a commune's monthly allowances in a year (dự toán), against which the
/// report shows what was paid.
public final class PaymentBudgetModel: Model, @unchecked Sendable {
    public static let schema = "payment_budgets"
    @ID(key: .id) public var id: UUID?
    @Field(key: "commune_id") public var communeID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "year") public var year: Int
    @Field(key: "amount") public var amount: Int64
    @Field(key: "set_by") public var setBy: String
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    public init() {}
}

extension PaymentBudgetModel: UnitScoped {
    public static var unitPathKey: KeyPath<PaymentBudgetModel, FieldProperty<PaymentBudgetModel, String>> { \.$unitPath }
}
