import AnsinhCore
import FluentKit
import Foundation

/// A resident of working age looking for work or training, registered by the ward's officer
/// from the registry (one record per person).
public final class JobSeekerModel: Model, UnitScoped, @unchecked Sendable {
    public static let schema = "job_seekers"
    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personID: UUID
    /// The ward (commune) and residential group of the person's household when registered.
    @Field(key: "unit_id") public var unitID: UUID
    @OptionalField(key: "group_id") public var groupID: UUID?
    @Field(key: "unit_path") public var unitPath: String
    /// Skills, comma-separated as typed ("nấu ăn, phục vụ").
    @Field(key: "skills") public var skills: String
    @Field(key: "wishes") public var wishes: String
    @Field(key: "constraints") public var constraints: String
    /// `SeekerStatus`: seeking, or placed once a referral ends in a hire.
    @Field(key: "status") public var status: String
    @Field(key: "registered_on") public var registeredOn: String
    @Field(key: "created_by") public var createdBy: String
    public init() {}
    public static var unitPathKey: KeyPath<JobSeekerModel, FieldProperty<JobSeekerModel, String>> { \.$unitPath }
}

/// A firm or shop in or around the ward that recruits from it.
public final class EmployerModel: Model, UnitScoped, @unchecked Sendable {
    public static let schema = "employers"
    @ID(key: .id) public var id: UUID?
    @Field(key: "unit_id") public var unitID: UUID
    @OptionalField(key: "group_id") public var groupID: UUID?
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "name") public var name: String
    @Field(key: "sector") public var sector: String
    @Field(key: "address") public var address: String
    @OptionalField(key: "phone") public var phone: String?
    @Field(key: "created_by") public var createdBy: String
    public init() {}
    public static var unitPathKey: KeyPath<EmployerModel, FieldProperty<EmployerModel, String>> { \.$unitPath }
}

/// An employer's open position: the skills it asks, places, monthly wage, and whether it suits
/// a person with a mild disability.
public final class VacancyModel: Model, UnitScoped, @unchecked Sendable {
    public static let schema = "vacancies"
    @ID(key: .id) public var id: UUID?
    @Field(key: "employer_id") public var employerID: UUID
    @Field(key: "unit_id") public var unitID: UUID
    @OptionalField(key: "group_id") public var groupID: UUID?
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "title") public var title: String
    @Field(key: "skills") public var skills: String
    @Field(key: "places") public var places: Int
    @Field(key: "wage") public var wage: Int64
    @Field(key: "suits_mild_disability") public var suitsMildDisability: Bool
    @Field(key: "open") public var open: Bool
    @Field(key: "opened_on") public var openedOn: String
    public init() {}
    public static var unitPathKey: KeyPath<VacancyModel, FieldProperty<VacancyModel, String>> { \.$unitPath }
}

/// A counselling session or job fair of the ward, and who came (`EventAttendanceModel`).
public final class LivelihoodEventModel: Model, UnitScoped, @unchecked Sendable {
    public static let schema = "livelihood_events"
    @ID(key: .id) public var id: UUID?
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "kind") public var kind: String
    @Field(key: "title") public var title: String
    @Field(key: "held_on") public var heldOn: String
    @Field(key: "place") public var place: String
    @Field(key: "partner") public var partner: String
    @Field(key: "created_by") public var createdBy: String
    public init() {}
    public static var unitPathKey: KeyPath<LivelihoodEventModel, FieldProperty<LivelihoodEventModel, String>> { \.$unitPath }
}

/// A resident present at a counselling session or job fair (once per event).
public final class EventAttendanceModel: Model, @unchecked Sendable {
    public static let schema = "event_attendance"
    @ID(key: .id) public var id: UUID?
    @Field(key: "event_id") public var eventID: UUID
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "unit_path") public var unitPath: String
    public init() {}
}

/// A vocational course the ward organises or sends residents to (cooking, tailoring…).
public final class CourseModel: Model, UnitScoped, @unchecked Sendable {
    public static let schema = "courses"
    @ID(key: .id) public var id: UUID?
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "title") public var title: String
    @Field(key: "trade") public var trade: String
    @Field(key: "provider") public var provider: String
    @Field(key: "starts_on") public var startsOn: String
    @Field(key: "ends_on") public var endsOn: String
    @Field(key: "places") public var places: Int
    /// The training cost of one learner, in đồng.
    @Field(key: "cost") public var cost: Int64
    @Field(key: "created_by") public var createdBy: String
    public init() {}
    public static var unitPathKey: KeyPath<CourseModel, FieldProperty<CourseModel, String>> { \.$unitPath }
}

/// A job seeker on a course, with the state's support for the cost as the rules price it.
public final class EnrolmentModel: Model, LifecycleRecord, @unchecked Sendable {
    public static let schema = "course_enrolments"
    @ID(key: .id) public var id: UUID?
    @Field(key: "course_id") public var courseID: UUID
    @Field(key: "seeker_id") public var seekerID: UUID
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "status") public var status: String
    @Field(key: "training_group") public var trainingGroup: String
    /// The state's support for this learner's cost, in đồng; the rest is the learner's or a sponsor's.
    @Field(key: "support") public var support: Int64
    @Field(key: "enrolled_on") public var enrolledOn: String
    @OptionalField(key: "completed_on") public var completedOn: String?
    @OptionalField(key: "certificate") public var certificate: String?
    @OptionalField(key: "reason") public var reason: String?
    public init() {}
    public typealias Life = EnrolmentLifecycle
    public static var unitPathKey: KeyPath<EnrolmentModel, FieldProperty<EnrolmentModel, String>> { \.$unitPath }
    public var lifecycleState: EnrolmentLifecycle.State {
        get { EnrolmentLifecycle.State(rawValue: status) ?? .enrolled }
        set { status = newValue.rawValue }
    }
    public var auditUnitID: UUID? { unitID }
}

/// What a former learner does 3, 6 or 12 months after the course (once per month mark).
public final class CourseOutcomeModel: Model, @unchecked Sendable {
    public static let schema = "course_outcomes"
    @ID(key: .id) public var id: UUID?
    @Field(key: "enrolment_id") public var enrolmentID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "month") public var month: Int
    @Field(key: "recorded_on") public var recordedOn: String
    @Field(key: "status") public var status: String
    @Field(key: "monthly_income") public var monthlyIncome: Int64
    public init() {}
}

/// A job seeker sent to a vacancy and what came of it (`JobReferralLifecycle`).
public final class JobReferralModel: Model, LifecycleRecord, @unchecked Sendable {
    public static let schema = "job_referrals"
    @ID(key: .id) public var id: UUID?
    @Field(key: "seeker_id") public var seekerID: UUID
    @Field(key: "vacancy_id") public var vacancyID: UUID
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "status") public var status: String
    @Field(key: "referred_on") public var referredOn: String
    @OptionalField(key: "interview_on") public var interviewOn: String?
    @OptionalField(key: "start_on") public var startOn: String?
    @OptionalField(key: "wage") public var wage: Int64?
    @OptionalField(key: "reason") public var reason: String?
    @Field(key: "created_by") public var createdBy: String
    public init() {}
    public typealias Life = JobReferralLifecycle
    public static var unitPathKey: KeyPath<JobReferralModel, FieldProperty<JobReferralModel, String>> { \.$unitPath }
    public var lifecycleState: JobReferralLifecycle.State {
        get { JobReferralLifecycle.State(rawValue: status) ?? .referred }
        set { status = newValue.rawValue }
    }
    public var auditUnitID: UUID? { unitID }
}
