import Foundation

/// The domains a resident's care plan sets goals in.
public enum CareDomain: String, CaseIterable, Sendable, Codable {
    case health, education, lifeSkills = "life_skills", vocational, psychosocial, reintegration
}

/// Where a care-plan goal stands.
public enum GoalStatus: String, CaseIterable, Sendable, Codable { case open, achieved, dropped }

/// When a resident's care plan is due. A plan is made in the first month of the stay and reviewed
/// at the interval the reviewer sets, at most a year ahead [P: the facility's own rule; no decree
/// fixes the interval, so these are the centre's defaults].
public enum CarePlanSchedule {
    /// Days after admission by which the first goals are due.
    public static let firstPlanDays = 30
    /// The review interval offered by default, and the longest allowed.
    public static let defaultReviewMonths = 6
    public static let maxReviewMonths = 12

    /// The day the plan is next due: the next review set by the last review, else the first plan
    /// `firstPlanDays` after admission.
    public static func due(admittedOn: LocalDate, lastNextReview: LocalDate?) -> LocalDate {
        lastNextReview ?? admittedOn.adding(days: firstPlanDays)
    }
}

/// Why a resident is out of the centre for a while (signed out and back).
public enum LeaveKind: String, CaseIterable, Sendable, Codable { case homeVisit = "home_visit", outing, medical, school, other }

/// What happened in an incident in the facility.
public enum IncidentKind: String, CaseIterable, Sendable, Codable {
    case fall, injury, illness, aggression, selfHarm = "self_harm", absconding, abuseSuspected = "abuse_suspected", property, other
}

/// How serious an incident is; serious and critical ones stay on the reminders until closed.
public enum IncidentSeverity: String, CaseIterable, Sendable, Codable { case minor, serious, critical }

/// An incident in the facility: open, followed up, closed with an outcome.
public enum IncidentLifecycle: Lifecycle {
    public enum State: String, CaseIterable, Sendable, Codable { case open, closed }
    public enum Transition: String, CaseIterable, Sendable, Codable { case followUp = "follow_up", close }
    public static let entity = "care_incident"
    public static func rule(_ t: Transition) -> TransitionRule<State> {
        switch t {
        case .followUp: return .init(from: [.open], to: nil, .manageCare, requires: ["note"])
        case .close: return .init(from: [.open], to: .closed, .manageCare, requires: ["note"])
        }
    }
}

/// A moment of the day as a form sends it ("2025-06-01T14:30" from a `datetime-local` input, or
/// with a space): the day and "HH:MM", or nil.
public struct CareMoment: Sendable, Equatable, Comparable {
    public let day: LocalDate
    public let time: String
    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard t.count == 16, let d = LocalDate(iso: String(t.prefix(10))), ["T", " "].contains(t[t.index(t.startIndex, offsetBy: 10)]) else { return nil }
        let hm = String(t.suffix(5))
        guard Shift.minutes(hm) != nil else { return nil }
        day = d; time = hm
    }
    /// The moment of `instant` in the given time zone, to the minute.
    public static func of(_ instant: Date, in zone: TimeZone) -> CareMoment {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = zone
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        return CareMoment("\(LocalDate(year: c.year!, month: c.month!, day: c.day!)!.iso)T\(LocalDate.digits(c.hour!, 2)):\(LocalDate.digits(c.minute!, 2))")!
    }
    /// "YYYY-MM-DDTHH:MM", the stored form (sorts as it reads).
    public var iso: String { "\(day.iso)T\(time)" }
    public static func < (a: CareMoment, b: CareMoment) -> Bool { a.iso < b.iso }
}

/// Decree 20/2021 Art. 26(5): for the Art. 24(1) and 24(3) groups, the facility may keep paying
/// the allowance after the person leaves until they are self-reliant, at most 24 months.
public enum AfterCare {
    public static let maxMonths = 24
    /// Whether a discharge may carry after-care months: the basis is Art. 24(1) or 24(3) and the
    /// person leaves to live on their own or with family (not death, adoption, transfer, lost).
    public static func allowed(basis: AdmissionBasis, reason: DischargeReason) -> Bool {
        (basis.nursingAllowance || basis == .sanctionPlacement) && [.age, .familyReintegration, .ownRequest].contains(reason)
    }
}
