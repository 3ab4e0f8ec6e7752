/// The kinds of organisational unit. Since 1 July 2025 Vietnam has two levels of local
/// government (province → commune/ward); residential groups sit under a ward, departments
/// under a provincial social assistance centre.
public enum UnitKind: String, CaseIterable, Sendable, Codable {
    case country, province, commune, residentialGroup = "residential_group", centre, department

    /// The kinds a unit of this kind may contain.
    public var allowedChildren: [UnitKind] {
        switch self {
        case .country: return [.province]
        case .province: return [.commune, .centre]
        case .commune: return [.residentialGroup]
        case .centre: return [.department]
        case .residentialGroup, .department: return []
        }
    }
}

/// A user's job. Every account has exactly one role, bound to one organisational unit; the role
/// says what the user may do, the unit says where (that unit and everything below it).
public enum Role: String, CaseIterable, Sendable, Codable {
    case systemAdmin = "system_admin"
    case wardOfficer = "ward_officer"
    case wardApprover = "ward_approver"
    case centreSocialWorker = "centre_social_worker"
    case centreManager = "centre_manager"
    case accountant
    case auditor

    public var permissions: Set<Permission> {
        switch self {
        case .systemAdmin: return Set(Permission.allCases)
        // The ward decides allowances that rest on HIV status, child protection and health
        // (Decree 20/2021 Art. 5(3), 5(8); disability), never on psychotherapy records.
        case .wardOfficer:
            return [
                .viewUnits, .manageUnits, .viewRegistry, .manageRegistry, .viewReview, .manageReview, .recordHardship,
                .viewAllowances, .manageAllowances, .managePayments, .viewHIV, .viewChildProtection, .viewHealth, .answerReferrals,
                .viewFunds, .manageFunds, .manageCampaigns, .handleRequests, .viewLivelihood, .manageLivelihood, .viewEducation, .manageEducation, .viewWorks,
                .manageWorks,
            ]
        case .wardApprover:
            return [
                .viewUnits, .manageUnits, .viewUsers, .viewAudit, .viewRegistry, .viewReview, .decideReview, .recordHardship,
                .viewAllowances, .decideAllowances, .approvePayments, .viewHIV, .viewChildProtection, .viewHealth, .viewFunds,
                .approveDisbursements, .manageBreaches, .handleRequests, .viewLivelihood, .confirmLoans, .viewEducation, .viewWorks, .approveWorks,
            ]
        case .centreSocialWorker:
            return Permission.sensitive.union([
                .viewUnits, .viewRegistry, .viewCases, .manageCases, .answerHotline, .answerReferrals, .viewCare, .manageCare, .viewFunds,
                .manageFunds,
            ])
        case .centreManager:
            return Permission.sensitive.union([
                .viewUnits, .manageUnits, .viewUsers, .viewAudit, .viewRegistry, .viewCases, .manageCases, .approveCaseClosure, .answerHotline,
                .answerReferrals, .assignCases, .viewCare, .manageCare, .admitResidents, .viewFunds, .manageFunds, .approveDisbursements,
                .manageBreaches,
            ])
        // Accountants and auditors work with amounts and trails, never with the reason a
        // person is entitled: no sensitive class.
        case .accountant: return [.viewUnits, .viewRegistry, .viewAllowances, .managePayments, .viewFunds, .manageFunds]
        case .auditor:
            return [.viewUnits, .viewUsers, .viewAudit, .viewRegistry, .viewReview, .viewAllowances, .viewFunds, .viewLivelihood, .viewEducation, .viewWorks]
        }
    }

    public func can(_ p: Permission) -> Bool { permissions.contains(p) }

    /// The unit kinds this role may create inside its own scope. Only system administrators
    /// create provinces, communes and centres (the official map is imported, not typed).
    public var creatableUnitKinds: Set<UnitKind> {
        switch self {
        case .systemAdmin: return Set(UnitKind.allCases).subtracting([.country])
        case .wardOfficer, .wardApprover: return [.residentialGroup]
        case .centreManager: return [.department]
        default: return []
        }
    }
}

/// What a role may do. Where it may do it is the unit scope, checked in the repositories.
public enum Permission: String, CaseIterable, Sendable {
    case viewUnits = "view_units"
    case manageUnits = "manage_units"
    case viewUsers = "view_users"
    case manageUsers = "manage_users"
    case viewAudit = "view_audit"
    /// Read households and persons (within the unit scope).
    case viewRegistry = "view_registry"
    /// Create and change households and persons, import files, merge duplicates.
    case manageRegistry = "manage_registry"
    /// See review campaigns, classifications and the ward report.
    case viewReview = "view_review"
    /// Run a campaign: list, survey, classify, record meetings, posting and objections.
    case manageReview = "manage_review"
    /// Sign the commune chairman's decision that makes a classification official.
    case decideReview = "decide_review"
    /// Record sudden hardship and difficult circumstances, and the support given.
    case recordHardship = "record_hardship"
    /// See applications, decisions and payment cycles.
    case viewAllowances = "view_allowances"
    /// Receive, review and post applications for an allowance.
    case manageAllowances = "manage_allowances"
    /// Record the commune chairman's decisions (start, adjust, suspend, resume, stop).
    case decideAllowances = "decide_allowances"
    /// Prepare payment cycles, send the channel files, record confirmations, close.
    case managePayments = "manage_payments"
    /// Approve a payment cycle prepared by someone else (maker–checker).
    case approvePayments = "approve_payments"
    /// See the centre's cases (their identifying details also need `viewChildProtection`).
    case viewCases = "view_cases"
    /// Open cases and take them through assessment, plan, intervention and follow-up; ask for
    /// closure.
    case manageCases = "manage_cases"
    /// Approve or return a case's closure, and reopen a closed case (a centre manager).
    case approveCaseClosure = "approve_case_closure"
    /// Hand a case over to another social worker of the centre (a centre manager).
    case assignCases = "assign_cases"
    /// Record and read the hotline's contacts, open a case from one, see its report.
    case answerHotline = "answer_hotline"
    /// See the referrals sent to one's unit (a ward officer sees only the cases referred to the
    /// ward, through them) and record their outcome.
    case answerReferrals = "answer_referrals"
    /// Read values of one sensitivity class (`viewSensitive(_:)`); see `SensitivityClass`.
    /// The centre's residents: who is in care, beds, the daily log (`manageCare`), admissions
    /// and discharges (`admitResidents`, the head of the facility: Decree 20/2021 Art. 28, 30).
    case viewCare = "view_care"
    case manageCare = "manage_care"
    case admitResidents = "admit_residents"
    /// Donated money: see funds, donors and books (`viewFunds`); record donors, gifts,
    /// proposed disbursements and close the books (`manageFunds`); approve or reject a
    /// disbursement someone else proposed, reverse one (`approveDisbursements`, the checker).
    case viewFunds = "view_funds"
    case manageFunds = "manage_funds"
    case approveDisbursements = "approve_disbursements"
    /// Run a gift campaign: its rule, gift types, list, hand-out and closing (the ward's
    /// officer); who sees the funds sees the campaigns.
    case manageCampaigns = "manage_campaigns"
    /// Record a personal-data breach and handle it: the report to the authority, the notice
    /// to the persons, the measures, the closing (the head of a ward or centre).
    case manageBreaches = "manage_breaches"
    /// Handle residents' requests from the public pages: the inbox, assignment, internal
    /// notes, the answer the resident reads by code, the closing, the work a request becomes.
    case handleRequests = "handle_requests"
    /// See the ward's work on jobs and training: job seekers, employers and vacancies,
    /// counselling sessions, courses and their outcomes, referrals (`viewLivelihood`); record
    /// them (`manageLivelihood`, the ward's officer).
    case viewLivelihood = "view_livelihood"
    case manageLivelihood = "manage_livelihood"
    /// Confirm a household's loan dossier for the Vietnam Bank for Social Policies (the ward's
    /// chairman signs the confirmation).
    case confirmLoans = "confirm_loans"
    /// The children's school-fee and learning-cost support: schools, pupils, each school's list
    /// (`viewEducation`); record them and what the school applied (`manageEducation`, the
    /// ward's officer).
    case viewEducation = "view_education"
    case manageEducation = "manage_education"
    /// The ward's living-conditions works (lighting, roads, drainage, playgrounds…): see them
    /// (`viewWorks`); record, start, follow and hand them over (`manageWorks`, the ward's
    /// officer); approve a proposal (`approveWorks`, the ward's chairman).
    case viewWorks = "view_works"
    case manageWorks = "manage_works"
    case approveWorks = "approve_works"
    case viewHIV = "view_sensitive_hiv"
    case viewChildProtection = "view_sensitive_child_protection"
    case viewHealth = "view_sensitive_health"
    case viewPsychotherapy = "view_sensitive_psychotherapy"

    /// The permission to read values of the sensitivity class `c`.
    public static func viewSensitive(_ c: SensitivityClass) -> Permission {
        switch c {
        case .hiv: return .viewHIV
        case .childProtection: return .viewChildProtection
        case .health: return .viewHealth
        case .psychotherapy: return .viewPsychotherapy
        }
    }

    /// Every `viewSensitive` permission.
    public static let sensitive: Set<Permission> = Set(SensitivityClass.allCases.map(viewSensitive))
}
