import Foundation

/// What a resident asks through the ward's open door (field notes §1, "Digital work"): an
/// application for an allowance or support, a report of a household in difficulty, a
/// complaint or a question.
public enum RequestKind: String, CaseIterable, Sendable, Codable {
    case allowanceApplication = "allowance_application"
    case healthInsurance = "health_insurance"
    case schoolFee = "school_fee"
    case hardshipSupport = "hardship_support"
    case hardshipReport = "hardship_report"
    case complaint, question
    /// A change in the household (a birth, a death, a member moving out, the household moving,
    /// splitting): the officer records it in the registry and the request follows it.
    case householdChange = "household_change"

    /// A report of a household in difficulty may be made anonymously (about a neighbour); every
    /// other kind names the person who asks, since the answer concerns them.
    public var allowsAnonymous: Bool { self == .hardshipReport }

    /// A report of a household in difficulty, or a request for support in hardship, may need
    /// more than the ward gives: the ward forwards it to a social assistance centre, which opens
    /// a case (a child without care, abuse, an elderly person left alone).
    public var forwardable: Bool { self == .hardshipReport || self == .hardshipSupport }
}

/// How a request reached the ward: the public form, a partner's application through the API,
/// or an officer typing in what was said at the desk.
public enum RequestChannel: String, CaseIterable, Sendable, Codable { case web, api }

/// How a request ended.
public enum RequestOutcome: String, CaseIterable, Sendable, Codable {
    case resolved, converted, referred
    case notEligible = "not_eligible"
    case duplicate
    case noContact = "no_contact"
    case spam
}

/// A resident's request: received → assigned to an officer → in progress (turned into the work
/// it asks for) → answered (the reply the resident reads by code) → closed with its outcome.
/// Notes are internal and keep the state; a request may be answered or closed from any open
/// state (a question answered at once, a duplicate closed). `convert` is taken once while the
/// request is linked to no work: from in progress only after a centre gave a forwarded request
/// back (`FeedbackRepository.forwardToCentre`).
public enum RequestLifecycle: Lifecycle {
    public enum State: String, CaseIterable, Sendable {
        case received, assigned
        case inProgress = "in_progress"
        case answered, closed
    }
    public enum Transition: String, CaseIterable, Sendable { case assign, note, convert, answer, close }
    public static let entity = "public_request"
    public static func auditAction(_ t: Transition) -> String { "request_" + t.rawValue }

    public static func rule(_ t: Transition) -> TransitionRule<State> {
        switch t {
        case .assign: return .init(from: [.received, .assigned], to: .assigned, .handleRequests, requires: ["assignee"])
        case .note: return .init(from: [.received, .assigned, .inProgress, .answered], to: nil, .handleRequests, requires: ["text"])
        case .convert: return .init(from: [.received, .assigned, .inProgress], to: .inProgress, .handleRequests)
        case .answer: return .init(from: [.received, .assigned, .inProgress, .answered], to: .answered, .handleRequests, requires: ["text"])
        case .close: return .init(from: [.received, .assigned, .inProgress, .answered], to: .closed, .handleRequests, requires: ["outcome"])
        }
    }

    public static func refusal(_ t: Transition, from state: State) -> AppError {
        .conflict(Message("request.error.state", ["status": "@request.status.\(state.rawValue)"]))
    }
}

/// How soon each kind of request is answered, in working days after the day it was received,
/// and the limits on submissions (`Resources/Rules/request-deadlines.json`, which cites its
/// basis and marks what is uncertain).
public struct RequestRules: Sendable {
    public let id: String
    public let basis: String
    public let workingDays: [RequestKind: Int]
    /// The kinds whose days the law sets: a setting may shorten them, never lengthen them.
    public let legal: Set<RequestKind>
    /// Submissions accepted from one network address in an hour, and for one phone in a day.
    public let perAddressPerHour: Int
    public let perPhonePerDay: Int

    struct File: Codable {
        let id: String
        let basis: String
        let working_days: [String: Int]
        let legal_kinds: [String]
        let per_address_per_hour: Int
        let per_phone_per_day: Int
    }

    public static let shared: RequestRules = {
        let url = Bundle.module.bundleURL.appendingPathComponent("Resources/Rules/request-deadlines.json")
        // The file ships with Ansinh; a broken one is a build defect caught by the tests.
        let f = try! JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        let days = Dictionary(uniqueKeysWithValues: f.working_days.compactMap { k, v in RequestKind(rawValue: k).map { ($0, v) } })
        return RequestRules(
            id: f.id, basis: f.basis, workingDays: days, legal: Set(f.legal_kinds.compactMap(RequestKind.init(rawValue:))),
            perAddressPerHour: f.per_address_per_hour, perPhonePerDay: f.per_phone_per_day)
    }()

    /// The day by which a request of `kind` received on `day` must be answered: `days` working
    /// days after it when the office set them, else the file's.
    public func due(_ kind: RequestKind, received day: LocalDate, days: Int? = nil, holidays: HolidayCalendar = .shared) -> LocalDate {
        WorkingDays.after(day, days: days ?? workingDays[kind] ?? 10, holidays: holidays)
    }

    /// The most working days a setting may give `kind`: the law's for a legal kind, 60 otherwise.
    public func maxDays(_ kind: RequestKind) -> Int { legal.contains(kind) ? (workingDays[kind] ?? 10) : 60 }
}

/// The code a resident keeps to follow a request: "YC-" and ten characters of Crockford's
/// base 32 (no I, L, O or U to misread), fifty random bits, so that codes cannot be guessed.
public enum TrackingCode {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    public static func make() -> String {
        var g = SystemRandomNumberGenerator()
        let chars = (0..<10).map { _ in alphabet[Int(g.next() % 32)] }
        return "YC-" + String(chars[0..<5]) + "-" + String(chars[5..<10])
    }

    /// The code as typed (lower case, spaces, O for 0, I or L for 1) in its stored form; nil
    /// when it cannot be one.
    public static func normalise(_ typed: String) -> String? {
        var s = typed.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        if s.hasPrefix("YC") { s.removeFirst(2) }
        let mapped = s.map { c -> Character in
            switch c {
            case "O": return "0"
            case "I", "L": return "1"
            default: return c
            }
        }
        guard mapped.count == 10, mapped.allSatisfy({ alphabet.contains($0) }) else { return nil }
        return "YC-" + String(mapped[0..<5]) + "-" + String(mapped[5..<10])
    }
}

/// A Vietnamese phone number as the office stores it: digits only, "+84"/"84" read as the
/// leading 0; ten digits (mobile) or eleven (a landline with its area code).
public enum PhoneNumber {
    public static func normalise(_ typed: String) -> String? {
        let allowed = Set("0123456789+ .-()")
        guard typed.allSatisfy({ allowed.contains($0) }) else { return nil }
        let digits = Self.digits(typed)
        guard digits.hasPrefix("0"), (10...11).contains(digits.count) else { return nil }
        return digits
    }

    /// The digits of a number as typed, a leading country code 84 read as 0 (the hotline's
    /// caller key uses the same, without the checks).
    public static func digits(_ typed: String) -> String {
        let digits = typed.filter(\.isNumber)
        return digits.hasPrefix("84") && digits.count >= 11 ? "0" + digits.dropFirst(2) : digits
    }
}

/// Photos and scans a resident sends with a request: JPEG, PNG or PDF by their first bytes
/// (`DocumentKind`), at most three; together no more than a form sent without an account may
/// carry (the server's limit on such bodies, 2 MB by default).
public enum RequestAttachments {
    public static let maxFiles = 3
    /// A phone photo as taken (3–4 MB) fits; each file is checked on its own.
    public static let maxFileBytes = 4 * 1_048_576
    /// The whole form with its files, accepted from someone without an account only when the
    /// form carries a challenge the server issued within its lifetime (`RequestChallenge`);
    /// any other anonymous body keeps the 2 MB of an ordinary form.
    public static let maxBodyBytes = maxFiles * maxFileBytes + 1_048_576
}

/// An email address as the office stores it: trimmed, the domain in lower case; one "@", a local
/// part of at most 64 characters, a domain with a dot, no spaces, quotes or angle brackets, at most
/// 254 characters in all (RFC 5321 §4.5.3.1).
public enum EmailAddress {
    public static func normalise(_ typed: String) -> String? {
        let s = typed.trimmingCharacters(in: .whitespaces)
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard s.count <= 254, parts.count == 2, (1...64).contains(parts[0].count), parts[1].count >= 3 else { return nil }
        let forbidden = Set(" \t\r\n\"<>()[],;:\\")
        guard !s.contains(where: { forbidden.contains($0) || $0.isNewline || ($0.asciiValue.map { $0 < 32 || $0 == 127 } ?? false) }) else { return nil }
        let domain = parts[1].lowercased()
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }) else { return nil }
        return parts[0] + "@" + domain
    }
}

/// The requests of a unit in a month, counted when asked: by kind and channel, the share
/// answered within the deadline, the average days to the answer.
public struct RequestReport: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let kind: RequestKind
        public let channel: RequestChannel
        public let received: Int
        public let answered: Int
        public let answeredInTime: Int
        public init(kind: RequestKind, channel: RequestChannel, received: Int, answered: Int, answeredInTime: Int) {
            self.kind = kind; self.channel = channel; self.received = received; self.answered = answered; self.answeredInTime = answeredInTime
        }
    }
    public var rows: [Row] = []
    public var received = 0
    public var answered = 0
    public var answeredInTime = 0
    /// Average calendar days from receipt to the answer, tenths rounded down (0 with none).
    public var averageDaysTenths = 0
    /// Answered within the deadline, in per cent of those answered (0 with none).
    public var inTimeShare: Int { answered == 0 ? 0 : answeredInTime * 100 / answered }
    public init() {}
}
