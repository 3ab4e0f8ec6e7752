/// What a task is: an action of a case's plan, or a call back to a hotline caller who asked for
/// one (its number is kept only until the call is made).
public enum TaskKind: String, CaseIterable, Sendable, Codable {
    case task
    case callback
}

/// A task's life: open until it is done (saying what was done) or cancelled (saying why). An
/// open task past its due day shows on its assignee's home page.
public enum TaskLifecycle: Lifecycle {
    public enum State: String, CaseIterable, Sendable, Codable {
        case open, done, cancelled
    }

    public enum Transition: String, CaseIterable, Sendable, Codable {
        case complete, cancel
    }

    public static let entity = "case_task"

    public static func rule(_ t: Transition) -> TransitionRule<State> {
        switch t {
        case .complete: return .init(from: [.open], to: .done, .manageCases, requires: ["note"])
        case .cancel: return .init(from: [.open], to: .cancelled, .manageCases, requires: ["note"])
        }
    }
}
