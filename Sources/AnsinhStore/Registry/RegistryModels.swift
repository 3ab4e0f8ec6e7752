import AnsinhCore
import FluentKit
import Foundation

/// A dated fact about a unit, e.g. that a commune is in the extremely difficult ethnic-minority
/// and mountainous areas (Decision 861/QĐ-TTg lists, changed with the 2025 mergers).
public final class UnitFactModel: Model, @unchecked Sendable {
    public static let schema = "unit_facts"
    @ID(key: .id) public var id: UUID?
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "fact") public var fact: String
    @Field(key: "value") public var value: Bool
    @Field(key: "valid_from") public var validFrom: String
    @OptionalField(key: "note") public var note: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

/// A household (hộ gia đình): the unit of the poverty review. Members are in `memberships`.
public final class HouseholdModel: Model, @unchecked Sendable {
    public static let schema = "households"
    @ID(key: .id) public var id: UUID?
    @Field(key: "code") public var code: String
    @Field(key: "commune_id") public var communeID: UUID
    @OptionalField(key: "group_id") public var groupID: UUID?
    @Field(key: "address") public var address: String
    @Field(key: "area_type") public var areaType: String
    @OptionalField(key: "phone") public var phone: String?
    @Field(key: "status") public var status: String
    /// Path of the residential group (or commune) the household lives in, for scoping.
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "search_key") public var searchKey: String
    /// Folded words for the full-text index (see `SearchIndex`); set by `refreshSearch()`.
    @Field(key: "search_words") public var searchWords: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    public init() {}
}

/// A person and the dated facts the rules need. HIV status is sensitive: reading it is audited.
public final class PersonModel: Model, @unchecked Sendable {
    public static let schema = "persons"
    @ID(key: .id) public var id: UUID?
    @Field(key: "full_name") public var fullName: String
    @Field(key: "gender") public var gender: String
    /// `YYYY-MM-DD`, or `YYYY` when only the year is known.
    @Field(key: "birth_date") public var birthDate: String
    @Field(key: "birth_year") public var birthYear: Int
    @OptionalField(key: "national_id") public var nationalID: String?
    @OptionalField(key: "ethnicity") public var ethnicity: String?
    @OptionalField(key: "phone") public var phone: String?
    @Field(key: "disability_level") public var disabilityLevel: String
    @OptionalField(key: "disability_certificate_date") public var disabilityCertificateDate: String?
    @Field(key: "has_pension") public var hasPension: Bool
    @Field(key: "has_merit") public var hasMerit: Bool
    /// HIV status, sealed (`SealedColumn.personHIV`): `true`/`false` once recorded through a
    /// form or the API; nil when never recorded (a bulk import has no such column), read as false.
    @OptionalField(key: "hiv_status") public var hivStatus: String?
    @OptionalField(key: "death_date") public var deathDate: String?
    @OptionalField(key: "merged_into") public var mergedInto: UUID?
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "search_key") public var searchKey: String
    /// Folded words for the full-text index (see `SearchIndex`); set by `refreshSearch()`.
    @Field(key: "search_words") public var searchWords: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    public init() {}

    /// HIV status in clear; false when never recorded or under a key this server does not hold.
    public var hiv: Bool {
        get { Sealed.open(hivStatus, SealedColumn.personHIV.name) == "true" }
        set { hivStatus = Sealed.seal(newValue ? "true" : "false", SealedColumn.personHIV.name) }
    }
}

/// A person's membership of a household over a period; `end_date` nil means current.
public final class MembershipModel: Model, @unchecked Sendable {
    public static let schema = "memberships"
    @ID(key: .id) public var id: UUID?
    @Field(key: "household_id") public var householdID: UUID
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "role") public var role: String
    @Field(key: "start_date") public var startDate: String
    @OptionalField(key: "end_date") public var endDate: String?
    @OptionalField(key: "end_reason") public var endReason: String?
    public init() {}
}

/// Parent, guardian or carer of another person.
public final class RelationshipModel: Model, @unchecked Sendable {
    public static let schema = "relationships"
    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "related_person_id") public var relatedPersonID: UUID
    @Field(key: "kind") public var kind: String
    @Field(key: "start_date") public var startDate: String
    @OptionalField(key: "end_date") public var endDate: String?
    public init() {}
}

/// A registry import: its validation and how far it has run (the file itself is in `import_files`).
public final class ImportJobModel: Model, @unchecked Sendable {
    public static let schema = "import_jobs"
    @ID(key: .id) public var id: UUID?
    @Field(key: "file_hash") public var fileHash: String
    @Field(key: "file_name") public var fileName: String
    @OptionalField(key: "actor_id") public var actorID: UUID?
    @Field(key: "actor_name") public var actorName: String
    @Field(key: "unit_path") public var unitPath: String
    /// validated → running → done (or failed).
    @Field(key: "status") public var status: String
    @Field(key: "valid_only") public var validOnly: Bool
    @Field(key: "total_rows") public var totalRows: Int
    @Field(key: "error_rows") public var errorRows: Int
    @Field(key: "processed_rows") public var processedRows: Int
    @Field(key: "created_households") public var createdHouseholds: Int
    @Field(key: "created_persons") public var createdPersons: Int
    @Field(key: "unchanged_rows") public var unchangedRows: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    public init() {}
}

/// One problem on one row of an import, kept as data.
public final class ImportErrorModel: Model, @unchecked Sendable {
    public static let schema = "import_errors"
    @ID(key: .id) public var id: UUID?
    @Field(key: "job_id") public var jobID: UUID
    @Field(key: "row") public var row: Int
    @Field(key: "field") public var field: String
    @Field(key: "message_key") public var messageKey: String
    @Field(key: "message_args") public var messageArgs: String
    public init() {}
}

/// A pair of person records that may be the same person, waiting for an officer.
public final class DuplicatePairModel: Model, @unchecked Sendable {
    public static let schema = "duplicate_pairs"
    @ID(key: .id) public var id: UUID?
    @Field(key: "person_a") public var personA: UUID
    @Field(key: "person_b") public var personB: UUID
    @Field(key: "reason") public var reason: String
    @Field(key: "status") public var status: String
    @Field(key: "unit_path") public var unitPath: String
    @OptionalField(key: "decided_by") public var decidedBy: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

extension HouseholdModel: UnitScoped {
    public static var unitPathKey: KeyPath<HouseholdModel, FieldProperty<HouseholdModel, String>> { \.$unitPath }
}

extension PersonModel: UnitScoped {
    public static var unitPathKey: KeyPath<PersonModel, FieldProperty<PersonModel, String>> { \.$unitPath }
}

extension ImportJobModel: LifecycleRecord {
    public typealias Life = ImportLifecycle
    public static var unitPathKey: KeyPath<ImportJobModel, FieldProperty<ImportJobModel, String>> { \.$unitPath }
    public var lifecycleState: ImportLifecycle.State {
        get { ImportLifecycle.State(rawValue: status) ?? .validated }
        set { status = newValue.rawValue }
    }
    public var auditUnitID: UUID? { nil }
}

extension DuplicatePairModel: UnitScoped {
    public static var unitPathKey: KeyPath<DuplicatePairModel, FieldProperty<DuplicatePairModel, String>> { \.$unitPath }
}
