import Foundation

/// What a person asks about the data held on them (Law 91/2025/QH15): a copy, a correction, a
/// restriction of processing, or deletion where no legal duty requires keeping the record.
public enum SubjectRequestKind: String, CaseIterable, Sendable, Codable {
    case access, correction, restriction, deletion
}

/// A person's request about their data: received (with the day it is due, from the rule file)
/// → done, with what was done, or refused in writing with the reason (a legal duty to keep the
/// record, say).
public enum SubjectRequestLifecycle: Lifecycle {
    public enum State: String, CaseIterable, Sendable { case received, done, refused }
    public enum Transition: String, CaseIterable, Sendable { case complete, refuse }
    public static let entity = "subject_request"

    public static func rule(_ t: Transition) -> TransitionRule<State> {
        switch t {
        case .complete: return .init(from: [.received], to: .done, .manageRegistry, requires: ["outcome"])
        case .refuse: return .init(from: [.received], to: .refused, .manageRegistry, requires: ["outcome"])
        }
    }

    public static func refusal(_ t: Transition, from state: State) -> AppError {
        .conflict(Message("privacy.error.state", ["status": "@privacy.status.\(state.rawValue)"]))
    }

    /// Days to answer a request, from `Resources/Rules/privacy.json`.
    public static var requestDays: Int { PrivacyRules.current.request_days }
}

/// The personal-data time limits of `Resources/Rules/privacy.json` (Law 91/2025/QH15, Decree
/// 356/2025; the figures are marked [U] there until checked against the decree text).
public struct PrivacyRules: Codable, Sendable {
    /// Days to answer a person's request about their data.
    public let request_days: Int
    /// Hours from a breach's discovery to the notification of the authority.
    public let breach_notify_hours: Int
    /// Why each kind of record is held and on what basis (`ProcessingKind` raw values).
    public let processing: [String: ProcessingBasis]
    /// How many years after it ends a kind of record is kept before it is anonymised.
    public let retention: [String: RetentionRule]

    /// The basis of `kind`; every kind has one (a test reads the file).
    public func basis(_ kind: ProcessingKind) -> ProcessingBasis? { processing[kind.rawValue] }

    public static let current: PrivacyRules = {
        let url = Bundle.module.bundleURL.appendingPathComponent("Resources/Rules/privacy.json")
        // The file ships with Ansinh; a broken one is a build defect caught by the tests.
        return try! JSONDecoder().decode(PrivacyRules.self, from: Data(contentsOf: url))
    }()
}

/// The kinds of record whose purpose and legal basis are told to officers on the record and to
/// residents on the public notice (Law 91/2025/QH15: a person is told why their data is held).
public enum ProcessingKind: String, CaseIterable, Sendable, Codable {
    case registry, review, allowance, payment, `case`, hotline, care, therapy, donation, request, livelihood, education
}

/// On what a kind of record rests: a legal duty under the named texts, or consent.
public struct ProcessingBasis: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case legalDuty = "legal_duty", consent }
    public let basis: Kind
    /// The texts (a citation, the same in every language).
    public let law: String
}

/// How long a kind of record is kept after it ends (`retention` in the rule file).
public struct RetentionRule: Codable, Sendable, Equatable {
    public let years: Int

    /// The last moment a record that ended then may be kept at `now`: `years` back.
    public func cutoff(now: Date, zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(byAdding: .year, value: -years, to: now)!
    }
}
