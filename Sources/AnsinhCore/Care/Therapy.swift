import Foundation

/// What a group or individual session is (field notes §2: occupational therapy, rehabilitation,
/// regular mental-health sessions, newspaper reading, current-affairs talks, themed activities,
/// trips; and the psychotherapy of children with autism).
public enum SessionKind: String, CaseIterable, Sendable, Codable {
    case occupationalTherapy = "occupational_therapy", rehabilitation, mentalHealth = "mental_health", lifeSkills = "life_skills"
    case newspaperReading = "newspaper_reading", currentAffairs = "current_affairs", themedActivity = "themed_activity", trip
    /// An individual psychotherapy session of the therapy programme.
    case therapy

    /// Sessions whose notes are of the psychotherapy sensitivity class.
    public var isPsychotherapy: Bool { self == .therapy || self == .mentalHealth }
}

/// The domains a child's therapy goals and measures are kept in.
public enum TherapyDomain: String, CaseIterable, Sendable, Codable {
    case communication, social, behaviour, sensory, motor, selfCare = "self_care", cognition
}

/// A child's place in the free psychotherapy programme for children with autism and mental
/// disorders: waiting for a place, in treatment, then discharged with an outcome.
public enum TherapyLifecycle: Lifecycle {
    public enum State: String, CaseIterable, Sendable, Codable { case waiting, inTreatment = "in_treatment", discharged }
    public enum Transition: String, CaseIterable, Sendable, Codable {
        case start, measure, discharge
    }
    public static let entity = "therapy_enrolment"
    /// "start" is the ledger's start decision in the audit trail: the treatment's is its own.
    public static func auditAction(_ t: Transition) -> String { t == .start ? "start_therapy" : t.rawValue }

    public static func rule(_ t: Transition) -> TransitionRule<State> {
        switch t {
        case .start: return .init(from: [.waiting], to: .inTreatment, .manageCare, requires: ["started_on"])
        case .measure: return .init(from: [.inTreatment], to: nil, .manageCare, requires: ["instrument"])
        case .discharge: return .init(from: [.waiting, .inTreatment], to: .discharged, .manageCare, requires: ["outcome"])
        }
    }
}

/// A child's progress in one domain: the first score and the latest, on the same instrument.
public struct DomainProgress: Sendable, Equatable {
    public let domain: TherapyDomain
    public let instrument: String
    public let baseline: Int
    public let latest: Int
    public let measures: Int

    /// Baseline → latest per domain and instrument, from measures in any order.
    public static func of(_ measures: [(domain: TherapyDomain, instrument: String, day: LocalDate, score: Int)]) -> [DomainProgress] {
        var groups: [String: [(domain: TherapyDomain, instrument: String, day: LocalDate, score: Int)]] = [:]
        for m in measures { groups["\(m.domain.rawValue)|\(m.instrument)", default: []].append(m) }
        return groups.values.map { list in
            let sorted = list.sorted { $0.day < $1.day }
            return DomainProgress(
                domain: sorted[0].domain, instrument: sorted[0].instrument, baseline: sorted.first!.score, latest: sorted.last!.score, measures: sorted.count)
        }.sorted { ($0.domain.rawValue, $0.instrument) < ($1.domain.rawValue, $1.instrument) }
    }
}
