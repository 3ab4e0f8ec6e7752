import Foundation

/// A household's small business the ward helps to start (field notes §1: grocery, food service,
/// online selling).
public enum BusinessKind: String, CaseIterable, Sendable, Codable {
    case grocery
    case foodService = "food_service"
    case onlineSelling = "online_selling"
    case tailoring, repair, other
}

/// What the ward gave a business: training, equipment, a policy-bank loan (the ward's record of
/// it), cash, advice.
public enum BusinessSupportKind: String, CaseIterable, Sendable, Codable { case training, equipment, loan, cash, advice }

/// How a business is doing at a follow-up.
public enum BusinessOutcome: String, CaseIterable, Sendable, Codable {
    case operating, struggling, stopped
}

/// A small-business plan's way: planned → started (the day it opened) → closed (the day and the
/// reason); a plan that never starts is closed too. Follow-ups are recorded while it runs (a
/// step that keeps the state).
public enum BusinessLifecycle: Lifecycle {
    public enum State: String, CaseIterable, Sendable { case planned, started, closed }
    public enum Transition: String, CaseIterable, Sendable {
        case start
        case followUp = "follow_up"
        case close
    }
    public static let entity = "business_plan"
    public static func auditAction(_ t: Transition) -> String { "business_" + t.rawValue }

    public static func rule(_ t: Transition) -> TransitionRule<State> {
        switch t {
        case .start: return .init(from: [.planned], to: .started, .manageLivelihood, requires: ["date"])
        case .followUp: return .init(from: [.started], to: nil, .manageLivelihood, requires: ["date", "outcome"])
        case .close: return .init(from: [.planned, .started], to: .closed, .manageLivelihood, requires: ["date", "reason"])
        }
    }

    public static func refusal(_ t: Transition, from state: State) -> AppError {
        .conflict(Message("business.error.state", ["status": "@business.status.\(state.rawValue)"]))
    }
}
