import AnsinhCore
import FluentKit
import Foundation

/// A commune's health-insurance entitlement list for a month, compared with its previous list.
public final class HealthInsuranceListModel: Model, @unchecked Sendable {
    public static let schema = "health_insurance_lists"
    @ID(key: .id) public var id: UUID?
    @Field(key: "commune_id") public var communeID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "month") public var month: String
    @Field(key: "persons") public var persons: Int
    @Field(key: "full") public var full: Int
    @Field(key: "partial") public var partial: Int
    @Field(key: "added") public var added: Int
    @Field(key: "changed") public var changed: Int
    @Field(key: "removed") public var removed: Int
    @OptionalField(key: "previous_id") public var previousID: UUID?
    @Field(key: "created_by") public var createdBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

/// One person on a list: the basis and share, and what changed since the previous list
/// (`new`, `changed`, `same`; `removed` for a person no longer entitled).
public final class HealthInsuranceEntryModel: Model, @unchecked Sendable {
    public static let schema = "health_insurance_entries"
    @ID(key: .id) public var id: UUID?
    @Field(key: "list_id") public var listID: UUID
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @OptionalField(key: "basis") public var basis: String?
    @Field(key: "state_percent") public var statePercent: Int
    @Field(key: "change") public var change: String
    @OptionalField(key: "previous_basis") public var previousBasis: String?
    public init() {}
}

/// A health-insurance card issued by the social security agency, recorded back on the person.
public final class HealthInsuranceCardModel: Model, @unchecked Sendable {
    public static let schema = "health_insurance_cards"
    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "card_number") public var cardNumber: String
    @Field(key: "valid_from") public var validFrom: String
    @Field(key: "valid_until") public var validUntil: String
    @Field(key: "recorded_by") public var recordedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

extension HealthInsuranceListModel: UnitScoped {
    public static var unitPathKey: KeyPath<HealthInsuranceListModel, FieldProperty<HealthInsuranceListModel, String>> { \.$unitPath }
}

/// What changed for a person since the commune's previous list.
public enum HealthInsuranceChange: String, CaseIterable, Sendable { case new, changed, same, removed }

public struct HealthInsuranceListRecord: Sendable {
    public let id: UUID
    public let communeID: UUID
    public let communeName: String
    public let month: YearMonth
    public let persons: Int
    public let full: Int
    public let partial: Int
    public let added: Int
    public let changed: Int
    public let removed: Int
    public let previousMonth: YearMonth?
    public let createdBy: String
    public let at: Date?
}

public struct HealthInsuranceEntryRow: Sendable {
    public let personID: UUID
    public let fullName: String
    public let birth: String
    public let nationalID: String?
    public let householdCode: String
    public let basis: HealthInsuranceBasis?
    public let statePercent: Int
    public let change: HealthInsuranceChange
    public let previousBasis: HealthInsuranceBasis?
    public let cardNumber: String?
    public let cardValidUntil: String?
}

public struct HealthInsuranceCardRecord: Sendable, Equatable {
    public let cardNumber: String
    public let validFrom: LocalDate
    public let validUntil: LocalDate
    public let recordedBy: String
}
