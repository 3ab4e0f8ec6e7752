import AnsinhCore
import FluentKit
import Foundation

/// A fund of a ward or a centre: what it is for, the kinds of disbursement its rules allow,
/// whether its transparency page is public, and the last month whose books are closed.
public final class FundModel: Model, UnitScoped, @unchecked Sendable {
    public static let schema = "funds"
    @ID(key: .id) public var id: UUID?
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "name") public var name: String
    @Field(key: "kind") public var kind: String
    @Field(key: "purpose") public var purpose: String
    /// The disbursement kinds the fund may pay, comma-separated.
    @Field(key: "allowed_kinds") public var allowedKinds: String
    @Field(key: "public") public var isPublic: Bool
    @OptionalField(key: "closed_through") public var closedThrough: String?
    @Field(key: "created_by") public var createdBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
    public static var unitPathKey: KeyPath<FundModel, FieldProperty<FundModel, String>> { \.$unitPath }

    public var allowed: [DisbursementKind] { allowedKinds.split(separator: ",").compactMap { DisbursementKind(rawValue: String($0)) } }
}

/// Someone who gives to the unit's funds.
public final class DonorModel: Model, UnitScoped, @unchecked Sendable {
    public static let schema = "fund_donors"
    @ID(key: .id) public var id: UUID?
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "kind") public var kind: String
    @Field(key: "name") public var name: String
    /// The name folded for search and duplicate finding (`TextFolding`).
    @Field(key: "name_folded") public var nameFolded: String
    @OptionalField(key: "tax_code") public var taxCode: String?
    @Field(key: "contact") public var contact: String
    @Field(key: "phone") public var phone: String
    @Field(key: "email") public var email: String
    @Field(key: "address") public var address: String
    /// The donor asked not to be named on the public pages.
    @Field(key: "anonymous") public var anonymous: Bool
    @Field(key: "created_by") public var createdBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    /// When retention anonymised an individual donor (`RetentionKind.donors`); nil while whole.
    @OptionalField(key: "anonymised_at") public var anonymisedAt: Date?
    /// Why it is kept whole past its retention period (an audit, a dispute); nil if not.
    @OptionalField(key: "legal_hold") public var legalHold: String?
    public init() {}
    public static var unitPathKey: KeyPath<DonorModel, FieldProperty<DonorModel, String>> { \.$unitPath }
}

/// A gift received into a fund, numbered "PT-year-nnnn" per unit, booked by its journal.
public final class FundReceiptModel: Model, @unchecked Sendable {
    public static let schema = "fund_receipts"
    @ID(key: .id) public var id: UUID?
    @Field(key: "fund_id") public var fundID: UUID
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "number") public var number: String
    @OptionalField(key: "donor_id") public var donorID: UUID?
    @Field(key: "received_on") public var receivedOn: String
    @Field(key: "method") public var method: String
    @Field(key: "amount") public var amount: Int64
    @OptionalField(key: "earmark") public var earmark: String?
    @Field(key: "reference") public var reference: String
    @Field(key: "note") public var note: String
    @Field(key: "status") public var status: String
    @OptionalField(key: "reversal_reason") public var reversalReason: String?
    @Field(key: "journal_id") public var journalID: UUID
    /// The donor's pledge this gift fulfils (in part or whole), if any.
    @OptionalField(key: "pledge_id") public var pledgeID: UUID?
    @Field(key: "created_by") public var createdBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

/// A donor's pledge to a fund: the amount promised, when, by which day. Not booked; the gifts
/// received against it are.
public final class FundPledgeModel: Model, @unchecked Sendable {
    public static let schema = "fund_pledges"
    @ID(key: .id) public var id: UUID?
    @Field(key: "fund_id") public var fundID: UUID
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "donor_id") public var donorID: UUID
    @Field(key: "amount") public var amount: Int64
    @Field(key: "pledged_on") public var pledgedOn: String
    @OptionalField(key: "due_on") public var dueOn: String?
    @Field(key: "note") public var note: String
    @Field(key: "status") public var status: String
    @OptionalField(key: "cancel_reason") public var cancelReason: String?
    @Field(key: "created_by") public var createdBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

extension FundPledgeModel: LifecycleRecord {
    public typealias Life = PledgeLifecycle
    public static var unitPathKey: KeyPath<FundPledgeModel, FieldProperty<FundPledgeModel, String>> { \.$unitPath }
    public var lifecycleState: PledgeLifecycle.State {
        get { PledgeLifecycle.State(rawValue: status) ?? .open }
        set { status = newValue.rawValue }
    }
    public var auditUnitID: UUID? { unitID }
}

extension FundReceiptModel: LifecycleRecord {
    public typealias Life = ReceiptLifecycle
    public static var unitPathKey: KeyPath<FundReceiptModel, FieldProperty<FundReceiptModel, String>> { \.$unitPath }
    public var lifecycleState: ReceiptLifecycle.State {
        get { ReceiptLifecycle.State(rawValue: status) ?? .recorded }
        set { status = newValue.rawValue }
    }
    public var auditUnitID: UUID? { unitID }
}

/// One item of a gift in kind: what, how many, and its valuation in đồng.
public final class FundReceiptItemModel: Model, @unchecked Sendable {
    public static let schema = "fund_receipt_items"
    @ID(key: .id) public var id: UUID?
    @Field(key: "receipt_id") public var receiptID: UUID
    @Field(key: "description") public var description: String
    @Field(key: "quantity") public var quantity: Int
    @Field(key: "unit_label") public var unitLabel: String
    @Field(key: "unit_value") public var unitValue: Int64
    @Field(key: "value") public var value: Int64
    public init() {}
}

/// Money or goods a fund gives out, numbered "PC-year-nnnn" per unit: proposed, then approved
/// (booked) or rejected by someone else.
public final class FundDisbursementModel: Model, @unchecked Sendable {
    public static let schema = "fund_disbursements"
    @ID(key: .id) public var id: UUID?
    @Field(key: "fund_id") public var fundID: UUID
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "number") public var number: String
    @Field(key: "kind") public var kind: String
    @Field(key: "source_account") public var sourceAccount: String
    @Field(key: "amount") public var amount: Int64
    @Field(key: "beneficiary_kind") public var beneficiaryKind: String
    @Field(key: "beneficiary_id") public var beneficiaryID: UUID
    /// How the unit's staff know the beneficiary (a name, a household code, a case number);
    /// never shown on a public page.
    @Field(key: "beneficiary_label") public var beneficiaryLabel: String
    @Field(key: "purpose") public var purpose: String
    @Field(key: "proposed_on") public var proposedOn: String
    @Field(key: "proposed_by") public var proposedBy: String
    @OptionalField(key: "proposed_by_id") public var proposedByID: UUID?
    @OptionalField(key: "decided_by") public var decidedBy: String?
    @OptionalField(key: "decided_on") public var decidedOn: String?
    @OptionalField(key: "reason") public var reason: String?
    @OptionalField(key: "journal_id") public var journalID: UUID?
    @Field(key: "status") public var status: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

extension FundDisbursementModel: LifecycleRecord {
    public typealias Life = DisbursementLifecycle
    public static var unitPathKey: KeyPath<FundDisbursementModel, FieldProperty<FundDisbursementModel, String>> { \.$unitPath }
    public var lifecycleState: DisbursementLifecycle.State {
        get { DisbursementLifecycle.State(rawValue: status) ?? .proposed }
        set { status = newValue.rawValue }
    }
    public var auditUnitID: UUID? { unitID }
}

/// A journal of a fund's books: the lines of one receipt, disbursement or reversal, dated.
public final class FundJournalModel: Model, @unchecked Sendable {
    public static let schema = "fund_journals"
    @ID(key: .id) public var id: UUID?
    @Field(key: "fund_id") public var fundID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "posted_on") public var postedOn: String
    @Field(key: "kind") public var kind: String
    @Field(key: "source_id") public var sourceID: UUID
    /// The journal this one reverses (at most one reversal each: a unique column).
    @OptionalField(key: "reversal_of") public var reversalOf: UUID?
    @Field(key: "memo") public var memo: String
    @Field(key: "created_by") public var createdBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

/// One line of a journal. The table is append-only: the database refuses any change or
/// deletion of a line.
public final class FundEntryModel: Model, @unchecked Sendable {
    public static let schema = "fund_entries"
    @ID(key: .id) public var id: UUID?
    @Field(key: "journal_id") public var journalID: UUID
    @Field(key: "fund_id") public var fundID: UUID
    @Field(key: "posted_on") public var postedOn: String
    @Field(key: "account") public var account: String
    @OptionalField(key: "earmark") public var earmark: String?
    @Field(key: "debit") public var debit: Int64
    @Field(key: "credit") public var credit: Int64
    public init() {}

    public var line: LedgerLine {
        LedgerLine(LedgerAccount(rawValue: account)!, earmark: earmark.flatMap(DisbursementKind.init(rawValue:)), debit: debit, credit: credit)
    }
}

/// A month whose books were closed: nothing may be booked on a day of it afterwards.
public final class FundClosingModel: Model, @unchecked Sendable {
    public static let schema = "fund_closings"
    @ID(key: .id) public var id: UUID?
    @Field(key: "fund_id") public var fundID: UUID
    @Field(key: "month") public var month: String
    @Field(key: "held") public var held: Int64
    @Field(key: "closed_by") public var closedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}
