/// Codes of the papers of an application (Decree 20 Art. 7).
public enum ApplicationDocument: String, CaseIterable, Sendable {
    case declaration, residence, identity, birthCertificate = "birth_certificate", hivCertificate = "hiv_certificate"
    case pregnancyCertificate = "pregnancy_certificate", disabilityCertificate = "disability_certificate", deathCertificate = "death_certificate"
}

/// The declaration forms of Decree 20 (1a–1đ for the monthly allowance, 2a–3 for care
/// support) and Form 01 of Decree 176/2025 for the social pension. Which form belongs to which
/// group was not checked against the signed text [U]; the officer chooses.
public enum ApplicationForm: String, CaseIterable, Sendable {
    case f1a = "1a", f1b = "1b", f1c = "1c", f1d = "1d", f1dd = "1đ", f2a = "2a", f2b = "2b", f3 = "3", sp01 = "01"

    /// The facts the declaration asks, by the names of the evaluate request and the person's
    /// circumstances (`birth_date`, `household_poverty` and `disability_certificate` come from
    /// the registry). Decree 20/2021 Art. 7 and its appendix: 1a for children (Art. 5(1)–(3)),
    /// 1b for single parents (5(4)), 1c for the elderly (5(5)), 1d for people with disabilities
    /// (5(6)), 1đ for people with HIV (5(8)); 2a and 2b for care support (Art. 20); 01 for the
    /// social pension (Decree 176/2025). [U]: the mapping of form to group is not checked
    /// against the appendix text (policy §2.12); Form 3 asks nothing the engine reads.
    public var asks: [String] {
        switch self {
        case .f1a: return ["birth_date", "parents", "abandoned", "studying", "first_degree", "receiving_5_1_at_16"]
        case .f1b: return ["birth_date", "household_poverty", "marital_status", "children_raised"]
        case .f1c: return ["birth_date", "household_poverty", "marital_status", "supporter", "has_monthly_social_insurance"]
        case .f1d: return ["birth_date", "disability_certificate"]
        case .f1dd: return ["birth_date", "household_poverty"]
        case .f2a: return ["disability_certificate", "household_carer"]
        case .f2b: return ["supporter", "needs_facility_care", "cared_by_community_carer"]
        case .f3: return []
        case .sp01: return ["birth_date", "household_poverty", "has_monthly_social_insurance", "monthly_social_insurance_amount"]
        }
    }

    /// Of the facts the form asks, those the evaluation had to take as not applying.
    public func missing(_ missingFacts: [String]) -> [String] { asks.filter(missingFacts.contains) }
}

public enum ApplicationStatus: String, CaseIterable, Sendable { case received, reviewed, posted, decided, refused }

/// An application for an allowance (Decree 20/2021 Art. 7–8; Decree 147/2025 Art. 5):
/// received → reviewed → posted → decided, or refused in writing at any step before the
/// decision. An application whose categories may not be posted goes from reviewed to decided.
public enum ApplicationLifecycle: Lifecycle {
    public typealias State = ApplicationStatus
    public enum Transition: String, CaseIterable, Sendable { case review, post, refuse, decide }
    public static let entity = "allowance_application"

    public static func rule(_ t: Transition) -> TransitionRule<ApplicationStatus> {
        switch t {
        case .review: return .init(from: [.received, .reviewed], to: .reviewed, .manageAllowances)
        case .post: return .init(from: [.reviewed, .posted], to: .posted, .manageAllowances, requires: ["posting_start"])
        case .refuse: return .init(from: [.received, .reviewed, .posted], to: .refused, .decideAllowances, requires: ["refusal_reason"])
        case .decide: return .init(from: [.reviewed, .posted], to: .decided, .decideAllowances, requires: ["signed_date"])
        }
    }

    public static func refusal(_ t: Transition, from state: ApplicationStatus) -> AppError {
        t == .decide && state == .received ? .conflict(Message("decision.error.not_reviewed")) : .conflict(Message("decision.error.step"))
    }

    /// Decree 20/2021 Art. 8(2) posts the review result publicly; a result resting on HIV
    /// status (Art. 5(3), 5(8)) is never posted (Law on HIV/AIDS Prevention Art. 8: no
    /// disclosure without consent), so such an application is decided without posting.
    /// From 1 July 2025 (Decree 147/2025 Art. 5) there is no posting step: the commune chairman
    /// checks the data and decides within 10 working days; an application received before
    /// keeps the posting of Decree 20.
    public static func requiresPosting(categories: [String], received: LocalDate, reform: LocalDate) -> Bool {
        received < reform && !categories.contains { SensitivityClass.of(category: $0) == .hiv }
    }

    /// Decree 147/2025 Art. 5: the day by which the commune chairman decides an application
    /// received from the reform on (`days` working days after receipt, holidays skipped); nil
    /// for an application under the older procedure.
    public static func decisionDue(received: LocalDate, reform: LocalDate, days: Int, holidays: HolidayCalendar = .shared) -> LocalDate? {
        received < reform ? nil : WorkingDays.after(received, days: days, holidays: holidays)
    }

    /// Art. 8(2): a decision on an application that must be posted waits until the posting
    /// has ended; the chairman signs after its last day.
    public static func checkDecision(status: ApplicationStatus, requiresPosting: Bool, postingEnd: LocalDate?, signed: LocalDate) throws {
        if status == .received { throw AppError.conflict(Message("decision.error.not_reviewed")) }
        if requiresPosting {
            guard status == .posted, let end = postingEnd else { throw AppError.conflict(Message("decision.error.not_posted")) }
            if signed <= end { throw AppError.invalid("signed_date", "decision.error.posting_running", ["date": end.iso]) }
        } else if status != .reviewed {
            throw AppError.conflict(Message("decision.error.step"))
        }
    }
}
