import AnsinhCore
import FluentKit
import Foundation

/// One line of the centre's price list: a room type and term's monthly price in đồng and its VAT
/// rate, from a day until the next line of the same room type and term.
public final class CarePriceModel: Model, UnitScoped, @unchecked Sendable {
    public static let schema = "care_prices"
    @ID(key: .id) public var id: UUID?
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "room_type") public var roomType: String
    @Field(key: "term") public var term: String
    @Field(key: "monthly") public var monthly: Int64
    @Field(key: "vat_bp") public var vatBasisPoints: Int
    @Field(key: "effective_from") public var effectiveFrom: String
    @Field(key: "created_by") public var createdBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
    public static var unitPathKey: KeyPath<CarePriceModel, FieldProperty<CarePriceModel, String>> { \.$unitPath }
}

/// A care contract with a resident's family: who pays, the term and room, the dates, what is
/// included and the monthly extras.
public final class CareContractModel: Model, @unchecked Sendable {
    public static let schema = "care_contracts"
    @ID(key: .id) public var id: UUID?
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "number") public var number: String
    @Field(key: "resident_id") public var residentID: UUID
    @Field(key: "payer_name") public var payerName: String
    @Field(key: "payer_relation") public var payerRelation: String
    @Field(key: "payer_phone") public var payerPhone: String
    @Field(key: "payer_address") public var payerAddress: String
    @Field(key: "term") public var term: String
    @Field(key: "room_type") public var roomType: String
    @Field(key: "starts_on") public var startsOn: String
    @OptionalField(key: "ends_on") public var endsOn: String?
    @Field(key: "services") public var services: String
    @Field(key: "extras_monthly") public var extrasMonthly: Int64
    @OptionalField(key: "extras_note") public var extrasNote: String?
    @Field(key: "status") public var status: String
    @Field(key: "created_by") public var createdBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

extension CareContractModel: LifecycleRecord {
    public typealias Life = ContractLifecycle
    public static var unitPathKey: KeyPath<CareContractModel, FieldProperty<CareContractModel, String>> { \.$unitPath }
    public var lifecycleState: ContractLifecycle.State {
        get { ContractLifecycle.State(rawValue: status) ?? .active }
        set { status = newValue.rawValue }
    }
    public var auditUnitID: UUID? { unitID }
}

/// A month's invoice of a contract: its number, the days covered and the amounts in đồng.
public final class CareInvoiceModel: Model, UnitScoped, @unchecked Sendable {
    public static let schema = "care_invoices"
    @ID(key: .id) public var id: UUID?
    @Field(key: "contract_id") public var contractID: UUID
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "number") public var number: String
    @Field(key: "month") public var month: String
    @Field(key: "days") public var days: Int
    @Field(key: "base") public var base: Int64
    @Field(key: "extras") public var extras: Int64
    @Field(key: "vat") public var vat: Int64
    @Field(key: "total") public var total: Int64
    @Field(key: "issued_on") public var issuedOn: String
    @Field(key: "issued_by") public var issuedBy: String
    public init() {}
    public static var unitPathKey: KeyPath<CareInvoiceModel, FieldProperty<CareInvoiceModel, String>> { \.$unitPath }
}

/// Money a family paid on a contract.
public final class CareContractPaymentModel: Model, @unchecked Sendable {
    public static let schema = "care_contract_payments"
    @ID(key: .id) public var id: UUID?
    @Field(key: "contract_id") public var contractID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "amount") public var amount: Int64
    @Field(key: "paid_on") public var paidOn: String
    @Field(key: "method") public var method: String
    @OptionalField(key: "reference") public var reference: String?
    @Field(key: "received_by") public var receivedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

public struct PriceRow: Sendable, Equatable {
    public let roomType: RoomType
    public let term: ContractTerm
    public let price: DatedPrice
}

public struct ContractRow: Sendable, Equatable {
    public let id: UUID
    public let number: String
    public let residentID: UUID
    public let residentName: String
    public let payerName: String
    public let term: ContractTerm
    public let roomType: RoomType
    public let startsOn: LocalDate
    public let endsOn: LocalDate?
    public let status: ContractLifecycle.State
    public let invoiced: Int64
    public let paid: Int64
    /// Invoiced and not paid (never below zero: an advance is not arrears).
    public var arrears: Int64 { max(0, invoiced - paid) }
}

public struct InvoiceRow: Sendable, Equatable {
    public let id: UUID
    public let number: String
    public let month: YearMonth
    public let amounts: InvoiceAmounts
    public let issuedOn: LocalDate
}

public struct ContractPaymentRow: Sendable, Equatable {
    public let amount: Int64
    public let paidOn: LocalDate
    public let method: PaymentMethod
    public let reference: String?
    public let receivedBy: String
}

/// A contract with everything its page and its printed form show.
public struct ContractRecord: Sendable, Equatable {
    public let row: ContractRow
    public let centreName: String
    public let residentBirth: LocalDate
    public let payerRelation: String
    public let payerPhone: String
    public let payerAddress: String
    public let services: String
    public let extrasMonthly: Int64
    public let extrasNote: String?
    /// The price in effect on the contract's first day.
    public let price: DatedPrice?
    public let invoices: [InvoiceRow]
    public let payments: [ContractPaymentRow]
}

/// What a contract is made from (the form's and the API's fields, unchecked).
public struct ContractInput: Sendable {
    public var residentID: UUID?
    public var payerName = "", payerRelation = "", payerPhone = "", payerAddress = ""
    public var term = "", roomType = "", startsOn = "", endsOn = "", services = "", extrasMonthly = "", extrasNote = ""
    public init() {}
}

/// The centre report's fee-paying care in a year.
public struct ContractFigures: Sendable, Equatable {
    /// Contracts active on the year's last day.
    public let active: Int
    public let invoiced: Int64
    public let received: Int64
    /// Invoiced and not paid on the year's last day.
    public let arrears: Int64
}
