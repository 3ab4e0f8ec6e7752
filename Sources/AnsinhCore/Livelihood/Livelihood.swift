import Foundation

/// A course learner's way: enrolled → completed (with the certificate) or dropped (with the
/// reason). The outcome follow-ups at 3, 6 and 12 months hang on a completed enrolment.
public enum EnrolmentLifecycle: Lifecycle {
    public enum State: String, CaseIterable, Sendable { case enrolled, completed, dropped }
    public enum Transition: String, CaseIterable, Sendable { case complete, drop }
    public static let entity = "course_enrolment"
    public static func auditAction(_ t: Transition) -> String { "enrolment_" + t.rawValue }

    public static func rule(_ t: Transition) -> TransitionRule<State> {
        switch t {
        case .complete: return .init(from: [.enrolled], to: .completed, .manageLivelihood, requires: ["completed_on"])
        case .drop: return .init(from: [.enrolled], to: .dropped, .manageLivelihood, requires: ["reason"])
        }
    }

    public static func refusal(_ t: Transition, from state: State) -> AppError {
        .conflict(Message("livelihood.error.enrolment_state", ["status": "@livelihood.enrolment.\(state.rawValue)"]))
    }
}

/// A job seeker sent to an employer's vacancy, the loop closed: referred → interviewed →
/// hired (start date and monthly wage) or not hired (the reason).
public enum JobReferralLifecycle: Lifecycle {
    public enum State: String, CaseIterable, Sendable {
        case referred, interviewed, hired
        case notHired = "not_hired"
    }
    public enum Transition: String, CaseIterable, Sendable { case interview, hire, decline }
    public static let entity = "job_referral"
    public static func auditAction(_ t: Transition) -> String { "referral_" + t.rawValue }

    public static func rule(_ t: Transition) -> TransitionRule<State> {
        switch t {
        case .interview: return .init(from: [.referred], to: .interviewed, .manageLivelihood, requires: ["interview_on"])
        case .hire: return .init(from: [.referred, .interviewed], to: .hired, .manageLivelihood, requires: ["start_on", "wage"])
        case .decline: return .init(from: [.referred, .interviewed], to: .notHired, .manageLivelihood, requires: ["reason"])
        }
    }

    public static func refusal(_ t: Transition, from state: State) -> AppError {
        .conflict(Message("livelihood.error.referral_state", ["status": "@livelihood.referral.\(state.rawValue)"]))
    }
}

/// Where a job seeker stands: still looking, or placed by a referral that ended in a hire.
public enum SeekerStatus: String, CaseIterable, Sendable, Codable { case seeking, placed }

/// A meeting with residents about work: a career-counselling session or a job fair, held with
/// the employment service centre (field notes §1).
public enum LivelihoodEventKind: String, CaseIterable, Sendable, Codable {
    case counselling
    case jobFair = "job_fair"
}

/// What a former learner does when the follow-up is made.
public enum CourseOutcomeStatus: String, CaseIterable, Sendable, Codable {
    case employed
    case selfEmployed = "self_employed"
    case notWorking = "not_working"
    case studying

    /// Working for a wage or on one's own account: the outcome the ward report counts.
    public var working: Bool { self == .employed || self == .selfEmployed }
}

/// The groups the state supports in vocational training, best-supported first.
public enum TrainingGroup: String, CaseIterable, Sendable, Codable {
    case disability, poor
    case nearPoor = "near_poor"
    case other
}

/// The follow-up months of a course and the state's ceilings of support for a learner's
/// training cost (`Resources/Rules/livelihood.json`, which cites its basis and marks what is
/// uncertain).
public struct LivelihoodRules: Sendable {
    public let id: String
    public let basis: String
    /// Months after completion at which the outcome is asked (3, 6, 12).
    public let followUpMonths: [Int]
    /// The month the ward report reads "employed at N months" from.
    public let reportMonth: Int
    public let supportCeiling: [TrainingGroup: Int64]

    struct File: Codable {
        let id: String
        let basis: String
        let follow_up_months: [Int]
        let report_month: Int
        let support_ceiling: [String: Int64]
    }

    public static let shared: LivelihoodRules = {
        let url = Bundle.module.bundleURL.appendingPathComponent("Resources/Rules/livelihood.json")
        // The file ships with Ansinh; a broken one is a build defect caught by the tests.
        let f = try! JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        let ceilings = Dictionary(uniqueKeysWithValues: f.support_ceiling.compactMap { k, v in TrainingGroup(rawValue: k).map { ($0, v) } })
        return LivelihoodRules(id: f.id, basis: f.basis, followUpMonths: f.follow_up_months, reportMonth: f.report_month, supportCeiling: ceilings)
    }()

    /// The group a learner is supported as: the best-supported group among those they belong to.
    public static func group(disability: DisabilityLevel, povertyClass: PovertyClass?) -> TrainingGroup {
        if disability != .none { return .disability }
        switch povertyClass {
        case .poor: return .poor
        case .nearPoor: return .nearPoor
        default: return .other
        }
    }

    /// The state's support for a course of `cost` đồng: the cost, at most the group's ceiling.
    public func support(cost: Int64, group: TrainingGroup) -> Int64 { min(max(cost, 0), supportCeiling[group] ?? 0) }

    /// The days the outcome follow-ups of a course completed on `completed` fall due.
    public func followUps(completed: LocalDate) -> [(month: Int, due: LocalDate)] {
        followUpMonths.map { m in (m, completed.adding(months: m)) }
    }
}

/// A job seeker as the matching reads them.
public struct SeekerProfile: Sendable {
    /// Skills folded for comparison, each with the words as typed (`JobMatch.skills`).
    public let skills: [String: String]
    public let disability: DisabilityLevel
    /// The seeker's residential group and ward (unit ids).
    public let groupID: UUID?
    public let wardID: UUID
    public init(skills: [String: String], disability: DisabilityLevel, groupID: UUID?, wardID: UUID) {
        self.skills = skills; self.disability = disability; self.groupID = groupID; self.wardID = wardID
    }
}

/// A vacancy as the matching reads it.
public struct VacancyProfile: Sendable {
    public let skills: [String: String]
    /// The employer says the work suits a person with a mild disability.
    public let suitsMildDisability: Bool
    public let groupID: UUID?
    public let wardID: UUID
    public init(skills: [String: String], suitsMildDisability: Bool, groupID: UUID?, wardID: UUID) {
        self.skills = skills; self.suitsMildDisability = suitsMildDisability; self.groupID = groupID; self.wardID = wardID
    }
}

/// A suggestion of a vacancy for a job seeker, with the reasons an officer reads before
/// referring: skills in common, how near the work is, whether it suits the seeker's disability.
public struct JobMatch: Sendable, Equatable {
    public let score: Int
    public let reasons: [Message]

    /// Nil when the vacancy is not suggested: no skill in common, or a disability the work does
    /// not suit (a severe disability is never matched automatically: the officer decides).
    public static func match(_ s: SeekerProfile, _ v: VacancyProfile) -> JobMatch? {
        let common = Set(s.skills.keys).intersection(v.skills.keys).sorted().map { v.skills[$0]! }
        guard !common.isEmpty || v.skills.isEmpty else { return nil }
        if s.disability != .none && !(s.disability == .mild && v.suitsMildDisability) { return nil }
        var score = common.count * 10
        var reasons: [Message] = []
        if !common.isEmpty { reasons.append(Message("livelihood.reason.skills", ["skills": common.joined(separator: ", ")])) }
        if let g = s.groupID, g == v.groupID {
            score += 5; reasons.append(Message("livelihood.reason.same_group"))
        } else if s.wardID == v.wardID {
            score += 3; reasons.append(Message("livelihood.reason.same_ward"))
        }
        if s.disability == .mild { reasons.append(Message("livelihood.reason.mild_disability")) }
        return JobMatch(score: score, reasons: reasons)
    }

    /// Skills as typed ("Nấu ăn, phục vụ"), split on commas: each folded (`TextFolding`: case,
    /// diacritics and đ do not matter) with its words as typed.
    public static func skills(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for part in text.split(separator: ",") {
            let typed = part.trimmingCharacters(in: .whitespacesAndNewlines), key = TextFolding.fold(typed)
            if !key.isEmpty && out[key] == nil { out[key] = typed }
        }
        return out
    }
}
