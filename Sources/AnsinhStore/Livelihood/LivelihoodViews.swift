import AnsinhCore
import Foundation

/// A job seeker as read: the registry's name and disability level beside what the officer wrote.
public struct JobSeeker: Sendable, Equatable {
    public let id: UUID
    public let personID: UUID
    public let name: String
    public let birthYear: Int
    public let disability: DisabilityLevel
    public let wardName: String
    public let groupName: String?
    public let skills: String
    public let wishes: String
    public let constraints: String
    public let status: SeekerStatus
    public let registeredOn: LocalDate
}

/// An open or filled position of an employer.
public struct Vacancy: Sendable, Equatable {
    public let id: UUID
    public let employerID: UUID
    public let employerName: String
    public let title: String
    public let skills: String
    public let places: Int
    public let wage: Int64
    public let suitsMildDisability: Bool
    public let open: Bool
    public let groupName: String?
}

/// A vacancy suggested for a seeker, with the reasons.
public struct JobSuggestion: Sendable, Equatable {
    public let vacancy: Vacancy
    public let match: JobMatch
}

/// A referral of a seeker to a vacancy and where it stands.
public struct JobReferral: Sendable, Equatable {
    public let id: UUID
    public let seekerID: UUID
    public let seekerName: String
    public let vacancyTitle: String
    public let employerName: String
    public let status: JobReferralLifecycle.State
    public let referredOn: LocalDate
    public let interviewOn: LocalDate?
    public let startOn: LocalDate?
    public let wage: Int64?
    public let reason: String?
}

/// One follow-up of a former learner.
public struct CourseOutcome: Sendable, Equatable {
    public let month: Int
    public let recordedOn: LocalDate
    public let status: CourseOutcomeStatus
    public let monthlyIncome: Int64
}

/// A learner on a course, with the follow-ups recorded and those still to make.
public struct Enrolment: Sendable, Equatable {
    public let id: UUID
    public let courseID: UUID
    public let courseTitle: String
    public let seekerID: UUID
    public let personName: String
    public let status: EnrolmentLifecycle.State
    public let group: TrainingGroup
    public let support: Int64
    public let enrolledOn: LocalDate
    public let completedOn: LocalDate?
    public let certificate: String?
    public let reason: String?
    public let outcomes: [CourseOutcome]
    /// The month marks not yet recorded, with their due days (a completed enrolment only).
    public let pending: [FollowUp]
}

/// A month mark of a course's follow-up and the day it falls due.
public struct FollowUp: Sendable, Equatable {
    public let month: Int
    public let due: LocalDate
}

/// A follow-up due (or past due) on the day asked, for the officer's list.
public struct FollowUpDue: Sendable, Equatable {
    public let enrolmentID: UUID
    public let courseID: UUID
    public let personName: String
    public let courseTitle: String
    public let month: Int
    public let due: LocalDate
}

/// A vocational course with its numbers.
public struct Course: Sendable, Equatable {
    public let id: UUID
    public let wardName: String
    public let title: String
    public let trade: String
    public let provider: String
    public let startsOn: LocalDate
    public let endsOn: LocalDate
    public let places: Int
    public let cost: Int64
    public let enrolled: Int
    public let completed: Int
}

/// An employer with its vacancies.
public struct Employer: Sendable, Equatable {
    public let id: UUID
    public let name: String
    public let sector: String
    public let address: String
    public let phone: String?
    public let groupName: String?
    public let vacancies: [Vacancy]
}

/// A counselling session or job fair with who came.
public struct LivelihoodEvent: Sendable, Equatable {
    public let id: UUID
    public let kind: LivelihoodEventKind
    public let title: String
    public let heldOn: LocalDate
    public let place: String
    public let partner: String
    public let attendees: [String]
}

/// The ward report's jobs-and-training figures for a year, counted from the records.
public struct LivelihoodFigures: Sendable, Equatable {
    /// Distinct persons at a counselling session or job fair held in the year.
    public let counselled: Int
    /// Referrals ending in a hire that started in the year.
    public let placed: Int
    /// Enrolments completed in the year.
    public let coursesCompleted: Int
    /// Of those, learners working (employed or self-employed) at the report's month mark.
    public let employedAfter: Int
    public let reportMonth: Int
    /// Loan dossiers the ward confirmed in the year; loans disbursed in the year and their sum (đồng).
    public let loansConfirmed: Int
    public let loansDisbursed: Int
    public let loansDisbursedAmount: Int64
    /// Small businesses started in the year, and of them those operating at their latest follow-up.
    public let businessesStarted: Int
    public let businessesOperating: Int
}

/// What an officer writes to register a job seeker.
public struct SeekerInput: Sendable {
    public var nationalID = "", skills = "", wishes = "", constraints = ""
    public init() {}
}

/// A new vocational course.
public struct CourseInput: Sendable {
    public var unitCode = "", title = "", trade = "", provider = "", startsOn = "", endsOn = ""
    public var places: Int? = nil
    public var cost: Int64? = nil
    public init() {}
}

/// A new employer of a ward (optionally in one of its residential groups).
public struct EmployerInput: Sendable {
    public var unitCode = "", groupCode = "", name = "", sector = "", address = "", phone = ""
    public init() {}
}

/// A new vacancy of an employer.
public struct VacancyInput: Sendable {
    public var title = "", skills = ""
    public var places: Int? = nil
    public var wage: Int64? = nil
    public var suitsMildDisability = false
    public init() {}
}

/// A counselling session or job fair.
public struct EventInput: Sendable {
    public var unitCode = "", kind = "", title = "", heldOn = "", place = "", partner = ""
    public init() {}
}
