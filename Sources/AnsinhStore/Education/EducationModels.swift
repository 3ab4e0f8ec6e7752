import AnsinhCore
import FluentKit
import Foundation

/// A school the ward agrees its children's support with (in the ward or elsewhere: the ward
/// keeps the record).
public final class SchoolModel: Model, UnitScoped, @unchecked Sendable {
    public static let schema = "schools"
    @ID(key: .id) public var id: UUID?
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "name") public var name: String
    @Field(key: "level") public var level: String
    @Field(key: "ownership") public var ownership: String
    @Field(key: "address") public var address: String
    @Field(key: "contact") public var contact: String
    @Field(key: "created_by") public var createdBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
    public static var unitPathKey: KeyPath<SchoolModel, FieldProperty<SchoolModel, String>> { \.$unitPath }
}

/// A child of the ward at a school in a school year (one school per child and year: a unique
/// index), scoped by the household's place.
public final class PupilModel: Model, UnitScoped, @unchecked Sendable {
    public static let schema = "pupils"
    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "household_id") public var householdID: UUID
    @Field(key: "school_id") public var schoolID: UUID
    @Field(key: "school_year") public var schoolYear: Int
    @Field(key: "grade") public var grade: String
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "recorded_by") public var recordedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
    public static var unitPathKey: KeyPath<PupilModel, FieldProperty<PupilModel, String>> { \.$unitPath }
}

/// A pupil's support on the school's list for the year (one per pupil): what the rules give,
/// with the grounds, and whether the school applied it. While proposed it follows the facts
/// (`EducationRepository.refresh`); once applied or not it stays as agreed.
public final class EducationSupportModel: Model, LifecycleRecord, @unchecked Sendable {
    public static let schema = "education_supports"
    @ID(key: .id) public var id: UUID?
    @Field(key: "pupil_id") public var pupilID: UUID
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "school_id") public var schoolID: UUID
    @Field(key: "school_year") public var schoolYear: Int
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "tuition") public var tuition: String
    @Field(key: "tuition_percent") public var tuitionPercent: Int
    /// `EducationGround` values, comma-separated.
    @Field(key: "tuition_grounds") public var tuitionGrounds: String
    @Field(key: "learning_cost_grounds") public var learningCostGrounds: String
    @Field(key: "learning_cost") public var learningCost: Int64
    @Field(key: "rule_set") public var ruleSet: String
    @Field(key: "status") public var status: String
    @OptionalField(key: "applied_on") public var appliedOn: String?
    @OptionalField(key: "reason") public var reason: String?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    public init() {}
    public typealias Life = EducationSupportLifecycle
    public static var unitPathKey: KeyPath<EducationSupportModel, FieldProperty<EducationSupportModel, String>> { \.$unitPath }
    public var lifecycleState: EducationSupportLifecycle.State {
        get { EducationSupportLifecycle.State(rawValue: status) ?? .proposed }
        set { status = newValue.rawValue }
    }
    public var auditUnitID: UUID? { nil }

    func set(_ s: EducationSupport) {
        tuition = s.tuition.rawValue; tuitionPercent = s.tuitionPercent; tuitionGrounds = s.tuitionGrounds.map(\.rawValue).joined(separator: ",")
        learningCostGrounds = s.learningCostGrounds.map(\.rawValue).joined(separator: ","); learningCost = s.learningCost
        ruleSet = EducationRules.shared.id
    }
}

/// A school as read, with its pupils and supports of one school year.
public struct School: Sendable, Equatable {
    public let id: UUID
    public let name: String
    public let level: SchoolLevel
    public let ownership: SchoolOwnership
    public let address: String
    public let contact: String
    public let wardName: String
    public let pupils: Int
    public let supported: Int
    public let applied: Int
}

/// A school as typed by the officer.
public struct SchoolInput: Sendable {
    public var unitCode = "", name = "", level = "", ownership = "", address = "", contact = ""
    public init() {}
}

/// A child recorded at a school: found by the registry's id (from the list of children with no
/// school) or by national ID.
public struct PupilInput: Sendable {
    public var personID: UUID? = nil
    public var nationalID = ""
    public var schoolID: UUID? = nil
    public var schoolYear: Int? = nil
    public var grade = ""
    public init() {}
}

/// One line of a school's list.
public struct PupilSupport: Sendable, Equatable {
    public let id: UUID
    public let pupilID: UUID
    public let personID: UUID
    public let name: String
    public let birth: String
    public let householdCode: String
    public let grade: String
    public let schoolID: UUID
    public let schoolName: String
    public let schoolYear: SchoolYear
    public let tuition: TuitionTreatment
    public let tuitionPercent: Int
    public let tuitionGrounds: [EducationGround]
    public let learningCostGrounds: [EducationGround]
    public let learningCost: Int64
    public let status: EducationSupportLifecycle.State
    public let appliedOn: String?
    public let reason: String?
}

/// A child of school age with no school recorded for the year (by birth year: preschool from
/// the year a child turns 3, grade 12 in the year they turn 17).
public struct ChildWithoutSchool: Sendable, Equatable {
    public let personID: UUID
    public let name: String
    public let birth: String
    public let householdCode: String
}

/// The ward report's education figures for a school year.
public struct EducationFigures: Sendable, Equatable {
    public let schoolYear: SchoolYear
    /// Children whose tuition the school waived or reduced on their own ground (applied).
    public let feeExempted: Int
    /// Children given the learning-cost support (applied), and its sum.
    public let learningCost: Int
    public let learningCostAmount: Int64
    /// Books and school supplies handed out by the ward's school-year campaigns in the year.
    public let booksHandedOut: Int
    /// Scholarships paid from the funds to persons of the ward in the year, and their sum.
    public let scholarships: Int
    public let scholarshipAmount: Int64
}
