import Foundation

/// The segments of the pages of lasting ways out of poverty — jobs and training, loans,
/// education support, living-conditions works — kept apart so `SiteRoute` stays readable.
extension SiteRoute {
    /// This route's segments when it is one of those pages; nil otherwise.
    var lastingSegments: [Segment]? {
        switch self {
        case .livelihood: return [.fixed("livelihood")]
        case .livelihoodSeeker(let id): return [.fixed("livelihood"), .fixed("seekers"), .id("id", id)]
        case .livelihoodRefer(let id): return [.fixed("livelihood"), .fixed("seekers"), .id("id", id), .fixed("referrals")]
        case .livelihoodReferralStep(let id): return [.fixed("livelihood"), .fixed("referrals"), .id("id", id), .fixed("step")]
        case .livelihoodCourses: return [.fixed("livelihood"), .fixed("courses")]
        case .livelihoodCourse(let id): return [.fixed("livelihood"), .fixed("courses"), .id("id", id)]
        case .livelihoodEnrol(let id): return [.fixed("livelihood"), .fixed("courses"), .id("id", id), .fixed("enrolments")]
        case .livelihoodEnrolmentStep(let id): return [.fixed("livelihood"), .fixed("enrolments"), .id("id", id), .fixed("step")]
        case .livelihoodOutcome(let id): return [.fixed("livelihood"), .fixed("enrolments"), .id("id", id), .fixed("outcomes")]
        case .livelihoodEmployers: return [.fixed("livelihood"), .fixed("employers")]
        case .livelihoodVacancy(let id): return [.fixed("livelihood"), .fixed("employers"), .id("id", id), .fixed("vacancies")]
        case .livelihoodEvents: return [.fixed("livelihood"), .fixed("events")]
        case .livelihoodAttend(let id): return [.fixed("livelihood"), .fixed("events"), .id("id", id), .fixed("attendance")]
        case .livelihoodLoans: return [.fixed("livelihood"), .fixed("loans")]
        case .livelihoodLoansExport: return [.fixed("livelihood"), .fixed("loans"), .fixed("export")]
        case .livelihoodLoanReminders: return [.fixed("livelihood"), .fixed("loans"), .fixed("reminders")]
        case .livelihoodLoan(let id): return [.fixed("livelihood"), .fixed("loans"), .id("id", id)]
        case .livelihoodLoanStep(let id): return [.fixed("livelihood"), .fixed("loans"), .id("id", id), .fixed("step")]
        case .livelihoodBusiness: return [.fixed("livelihood"), .fixed("business")]
        case .livelihoodBusinessPlan(let id): return [.fixed("livelihood"), .fixed("business"), .id("id", id)]
        case .livelihoodBusinessSupport(let id): return [.fixed("livelihood"), .fixed("business"), .id("id", id), .fixed("supports")]
        case .livelihoodBusinessStep(let id): return [.fixed("livelihood"), .fixed("business"), .id("id", id), .fixed("step")]
        case .education: return [.fixed("education")]
        case .educationPupils: return [.fixed("education"), .fixed("pupils")]
        case .educationSchool(let id): return [.fixed("education"), .fixed("schools"), .id("id", id)]
        case .educationSchoolList(let id): return [.fixed("education"), .fixed("schools"), .id("id", id), .fixed("list")]
        case .educationSchoolExport(let id): return [.fixed("education"), .fixed("schools"), .id("id", id), .fixed("export")]
        case .educationSupport(let id): return [.fixed("education"), .fixed("supports"), .id("id", id)]
        case .educationSupportStep(let id): return [.fixed("education"), .fixed("supports"), .id("id", id), .fixed("step")]
        case .works: return [.fixed("works")]
        case .worksExport: return [.fixed("works"), .fixed("export")]
        case .policyHouses: return [.fixed("works"), .fixed("gratitude-houses")]
        case .work(let id): return [.fixed("works"), .id("id", id)]
        case .workStep(let id): return [.fixed("works"), .id("id", id), .fixed("step")]
        case .workBudget(let id): return [.fixed("works"), .id("id", id), .fixed("budget")]
        case .workPhotos(let id): return [.fixed("works"), .id("id", id), .fixed("photos")]
        case .workPhoto(let id): return [.fixed("works"), .fixed("photos"), .id("id", id)]
        default: return nil
        }
    }
}
