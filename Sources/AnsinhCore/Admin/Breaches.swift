import Foundation

/// A personal-data breach (Law 91/2025/QH15; Decree 356/2025): recorded when found → reported
/// to the authority (due `PrivacyRules.breach_notify_hours` after it was found) → closed with
/// what was done; or dismissed when it proves not to be a breach. The persons affected are told
/// at any step before the closing, and the measures taken are added as they are taken.
public enum BreachLifecycle: Lifecycle {
    public enum State: String, CaseIterable, Sendable { case open, reported, closed }
    public enum Transition: String, CaseIterable, Sendable {
        case report
        case notifyPersons = "notify_persons"
        case addMeasure = "add_measure"
        case close, dismiss
    }
    public static let entity = "privacy_breach"
    /// `breach_report`, `breach_close`…: the audit trail says what was done to a breach.
    public static func auditAction(_ t: Transition) -> String { "breach_" + t.rawValue }

    public static func rule(_ t: Transition) -> TransitionRule<State> {
        switch t {
        case .report: return .init(from: [.open], to: .reported, .manageBreaches, requires: ["authority_reference"])
        case .notifyPersons: return .init(from: [.open, .reported], to: nil, .manageBreaches, requires: ["how"])
        case .addMeasure: return .init(from: [.open, .reported], to: nil, .manageBreaches, requires: ["measure"])
        case .close: return .init(from: [.reported], to: .closed, .manageBreaches, requires: ["outcome"])
        case .dismiss: return .init(from: [.open], to: .closed, .manageBreaches, requires: ["outcome"])
        }
    }

    public static func refusal(_ t: Transition, from state: State) -> AppError {
        .conflict(Message("breach.error.state", ["status": "@breach.status.\(state.rawValue)"]))
    }

    /// When the authority must have been told of a breach found at `foundAt`.
    public static func reportDue(foundAt: Date) -> Date {
        foundAt.addingTimeInterval(Double(PrivacyRules.current.breach_notify_hours) * 3600)
    }
}
