/// One ledger of one person (`Benefit`) as the chairman's decisions move it (Decree 20/2021
/// Art. 8; Circular 02/2021 Art. 2, 6): nothing paid → paying (start) → paying at a new rate
/// (adjust) → suspended (suspend) → paying again with arrears (resume) → stopped (stop); a
/// person who moves or becomes eligible again starts anew. The decision kinds are the
/// transitions; `PeriodRules` turns an allowed one into periods.
public enum LedgerLifecycle: Lifecycle {
    public enum State: String, CaseIterable, Sendable { case none, paying, suspended, stopped }
    public typealias Transition = DecisionKind
    public static let entity = "allowance_decision"

    public static func rule(_ t: DecisionKind) -> TransitionRule<State> {
        switch t {
        case .start: return .init(from: [.none, .suspended, .stopped], to: .paying, .decideAllowances, requires: ["signed_date"])
        case .adjust: return .init(from: [.paying], to: .paying, .decideAllowances, requires: ["signed_date"])
        case .suspend: return .init(from: [.paying], to: .suspended, .decideAllowances, requires: ["signed_date"])
        case .resume: return .init(from: [.suspended], to: .paying, .decideAllowances, requires: ["signed_date"])
        // A stop closes the open period; a suspended ledger has none (its months are unpaid
        // already), so a stop there has nothing to close [U: Circular 02/2021 is silent].
        case .stop: return .init(from: [.paying], to: .stopped, .decideAllowances, requires: ["signed_date"])
        }
    }

    /// The same words as before lifecycles were values: a second start, an adjustment of
    /// nothing, a resumption that was never suspended (422 on the kind field).
    public static func refusal(_ t: DecisionKind, from state: State) -> AppError {
        switch t {
        case .start: return .invalid("decision_kind", "decision.error.already_paid")
        case .adjust, .suspend, .stop: return .invalid("decision_kind", "decision.error.nothing_open")
        case .resume: return .invalid("decision_kind", "decision.error.not_suspended")
        }
    }

    /// The state of a ledger from its open period and the kind of its latest decision.
    public static func state(hasOpenPeriod: Bool, lastKind: DecisionKind?) -> State {
        if hasOpenPeriod { return .paying }
        switch lastKind {
        case nil: return .none
        case .suspend?: return .suspended
        default: return .stopped
        }
    }
}
