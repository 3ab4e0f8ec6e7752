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
    public static let requestDays: Int = {
        struct File: Codable { let request_days: Int }
        let url = Bundle.module.bundleURL.appendingPathComponent("Resources/Rules/privacy.json")
        // The file ships with Ansinh; a broken one is a build defect caught by the tests.
        return try! JSONDecoder().decode(File.self, from: Data(contentsOf: url)).request_days
    }()
}
