/// A case's six steps, enforced on every path (pages, API, import): registered → assessed
/// (a risk assessment) → planned (at least one goal with who and by when) → in intervention →
/// follow-up → closed. Closing needs approval: the social worker asks with the reason and the
/// outcome, a centre manager approves or returns it with a reason. A closed case may be reopened
/// (it is assessed again). Unlike advisory workflows, a step not allowed from the case's state is
/// refused (409 `transition_not_allowed`) and a missing field names itself (422).
public enum CaseLifecycle: Lifecycle {
    public enum State: String, CaseIterable, Sendable, Codable {
        case registered, assessed, planned
        case inIntervention = "in_intervention"
        case followUp = "follow_up"
        case closureRequested = "closure_requested"
        case closed
    }

    public enum Transition: String, CaseIterable, Sendable, Codable {
        case assess, plan, intervene
        case followUp = "follow_up"
        case requestClosure = "request_closure"
        case approveClosure = "approve_closure"
        case returnClosure = "return_closure"
        case reopen
    }

    public static let entity = "case"

    public static func rule(_ t: Transition) -> TransitionRule<State> {
        switch t {
        case .assess: return .init(from: [.registered], to: .assessed, .manageCases, requires: ["risk_level", "assessment"])
        case .plan: return .init(from: [.assessed], to: .planned, .manageCases, requires: ["goal", "responsible", "due_date"])
        case .intervene: return .init(from: [.planned], to: .inIntervention, .manageCases)
        case .followUp: return .init(from: [.inIntervention], to: .followUp, .manageCases)
        case .requestClosure:
            return .init(from: [.inIntervention, .followUp], to: .closureRequested, .manageCases, requires: ["closure_reason", "outcome"])
        case .approveClosure: return .init(from: [.closureRequested], to: .closed, .approveCaseClosure)
        case .returnClosure: return .init(from: [.closureRequested], to: .followUp, .approveCaseClosure, requires: ["reason"])
        case .reopen: return .init(from: [.closed], to: .assessed, .approveCaseClosure, requires: ["reason"])
        }
    }

    /// The one transition that leads from `state` to `target` (the API's `{"to": …}`), if any:
    /// the starting states of the transitions into one state never overlap.
    public static func transition(from state: State, to target: State) -> Transition? {
        Transition.allCases.first { rule($0).from.contains(state) && rule($0).to == target }
    }
}
