import Foundation

/// Why a person lives at the centre (Decree 20/2021 Art. 24; the legal basis of the admission).
public enum AdmissionBasis: String, CaseIterable, Sendable, Codable {
    /// Art. 24(1)(a): a child of Art. 5(1) or 5(3) with nobody to care for them in the community.
    case childWithoutCare = "child_without_care"
    /// Art. 24(1)(b): a person with an especially severe disability with nobody to care for them.
    case especiallySevereDisability = "especially_severe_disability"
    /// Art. 24(1)(c): an elderly person without support, unable to live in the community.
    case elderlyWithoutSupport = "elderly_without_support"
    /// Art. 24(2): emergency protection (violence, abuse, trafficking, forced labour, begging),
    /// at most 3 months unless the managing authority decides otherwise.
    case emergencyProtection = "emergency_protection"
    /// Art. 24(3): a minor or a person unable to work placed under the administrative-sanctions law.
    case sanctionPlacement = "sanction_placement"
    /// Art. 24(4): a voluntary resident under a service contract (fee-paying care).
    case contract

    /// Art. 25(1): the monthly nursing allowance is paid for the Art. 24(1) groups and replaces
    /// their community allowance (25(5)); emergency stays, placements and contracts have none [P].
    public var nursingAllowance: Bool { [.childWithoutCare, .especiallySevereDisability, .elderlyWithoutSupport].contains(self) }

    /// The stay a basis makes: a temporary shelter for emergency protection, else residential care.
    public var stay: StayKind { self == .emergencyProtection ? .shelter : (self == .contract ? .contract : .residential) }
}

public enum StayKind: String, CaseIterable, Sendable, Codable { case residential, shelter, contract }

/// Why a resident left (Decree 20/2021 Art. 30).
public enum DischargeReason: String, CaseIterable, Sendable, Codable {
    case familyReintegration = "family_reintegration"
    case adoption
    case fosterCare = "foster_care"
    /// Reaching 16 (or 22 while studying, Art. 26(2)).
    case age
    case transfer
    case death
    case endOfContract = "end_of_contract"
    case ownRequest = "own_request"
    /// No contact for a month after leaving (Art. 30).
    case noContact = "no_contact"
}

/// A resident's life at the centre: in care until discharged (the head of the facility decides,
/// Art. 30). Beds, the daily log and medication are actions within `inCare`.
public enum ResidentLifecycle: Lifecycle {
    public enum State: String, CaseIterable, Sendable, Codable { case inCare = "in_care", discharged }
    public enum Transition: String, CaseIterable, Sendable, Codable {
        case assignBed = "assign_bed"
        case recordCare = "record_care"
        case prescribe
        case discharge
        /// A care-plan goal or review.
        case plan
        /// Leave and outings: signed out, signed back.
        case signOut = "sign_out", signIn = "sign_in"
        case reportIncident = "report_incident"
        /// A check-up, diagnosis, hospital visit or stay, vaccination (health class).
        case recordHealth = "record_health"
    }
    public static let entity = "care_resident"

    public static func rule(_ t: Transition) -> TransitionRule<State> {
        switch t {
        case .assignBed, .recordCare: return .init(from: [.inCare], to: nil, .manageCare)
        case .prescribe: return .init(from: [.inCare], to: nil, .manageCare, requires: ["drug", "dose", "times"])
        case .discharge: return .init(from: [.inCare], to: .discharged, .admitResidents, requires: ["reason", "discharged_on"])
        case .plan, .signOut, .signIn: return .init(from: [.inCare], to: nil, .manageCare)
        case .reportIncident: return .init(from: [.inCare], to: nil, .manageCare, requires: ["description"])
        case .recordHealth: return .init(from: [.inCare], to: nil, .manageCare, requires: ["summary"])
        }
    }
}

/// The three shifts of a day of care. A dose is due in the shift its time falls in.
public enum Shift: String, CaseIterable, Sendable, Codable, Comparable {
    /// 06:00–13:59
    case morning
    /// 14:00–21:59
    case afternoon
    /// 22:00–05:59 (the night of a date starts on that date at 22:00).
    case night

    public static func < (a: Shift, b: Shift) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }

    /// The shift a time of day ("HH:MM") falls in, with the date the shift belongs to: a time
    /// before 06:00 belongs to the night of the day before.
    public static func of(_ date: LocalDate, time: String) -> (LocalDate, Shift)? {
        guard let minutes = Self.minutes(time) else { return nil }
        switch minutes {
        case 360..<840: return (date, .morning)
        case 840..<1320: return (date, .afternoon)
        case 1320..<1440: return (date, .night)
        default: return (date.adding(days: -1), .night)
        }
    }

    /// The shift before this one (the one that hands over to it).
    public func previous(on date: LocalDate) -> (LocalDate, Shift) {
        switch self {
        case .morning: return (date.adding(days: -1), .night)
        case .afternoon: return (date, .morning)
        case .night: return (date, .afternoon)
        }
    }

    /// "HH:MM" as minutes after midnight, or nil.
    public static func minutes(_ time: String) -> Int? {
        let parts = time.split(separator: ":")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h),
            (0..<60).contains(m)
        else { return nil }
        return h * 60 + m
    }
}

/// An entry of a resident's health record (health class).
public enum HealthEventKind: String, CaseIterable, Sendable, Codable {
    case checkup, diagnosis, hospitalVisit = "hospital_visit", hospitalStay = "hospital_stay", vaccination
}

/// What a line of the daily care log is about.
public enum CareLogKind: String, CaseIterable, Sendable, Codable { case meal, hygiene, sleep, observation, incident }

/// What happened to a scheduled dose.
public enum DoseStatus: String, CaseIterable, Sendable, Codable { case given, refused, missed }

/// A prescription's schedule: the times of day ("08:00", "20:00") each day from `from` to
/// `until` (inclusive; open when nil).
public struct DoseSchedule: Sendable, Equatable {
    public let times: [String]
    public let from: LocalDate
    public let until: LocalDate?
    public init(times: [String], from: LocalDate, until: LocalDate?) { self.times = times; self.from = from; self.until = until }

    /// Parses "08:00, 20:00" (commas, semicolons or spaces); nil when a time is not HH:MM or
    /// there is none or more than 12.
    public static func times(_ text: String) -> [String]? {
        let list = text.split(whereSeparator: { ", ;".contains($0) }).map(String.init)
        guard !list.isEmpty, list.count <= 12, list.allSatisfy({ Shift.minutes($0) != nil }) else { return nil }
        return Array(Set(list)).sorted()
    }

    /// Whether the prescription runs on `day`.
    public func covers(_ day: LocalDate) -> Bool { day >= from && (until.map { day <= $0 } ?? true) }

    /// Whether a dose at `time` on `day` is on the schedule.
    public func isScheduled(_ day: LocalDate, time: String) -> Bool { times.contains(time) && covers(day) }

    /// The doses due in `shift` of `date`: (the calendar day of the dose, its time).
    public func due(in shift: Shift, of date: LocalDate) -> [(LocalDate, String)] {
        var out: [(LocalDate, String)] = []
        for day in [date, date.adding(days: 1)] where covers(day) {
            for t in times {
                if let (d, s) = Shift.of(day, time: t), d == date, s == shift { out.append((day, t)) }
            }
        }
        return out
    }
}

/// Age groups of the occupancy report.
public enum CareAgeGroup: String, CaseIterable, Sendable, Codable {
    case under6 = "under_6", age6to15 = "6_15", age16to59 = "16_59", age60plus = "60_plus"
    public static func of(age: Int) -> CareAgeGroup { age < 6 ? .under6 : (age < 16 ? .age6to15 : (age < 60 ? .age16to59 : .age60plus)) }
}

/// A resident's schooling or training.
public enum EducationKind: String, CaseIterable, Sendable, Codable { case school, vocational, college, university }
