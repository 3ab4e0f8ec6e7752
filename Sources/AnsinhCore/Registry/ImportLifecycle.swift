/// A registry import job: the file is validated on upload (every row checked, errors kept as
/// data), then run in batches — resumable after a crash from the last batch written — and done.
/// Running a job that is done again changes nothing (idempotent).
public enum ImportLifecycle: Lifecycle {
    public enum State: String, CaseIterable, Sendable { case validated, running, done, failed }
    public enum Transition: String, CaseIterable, Sendable { case start, finish }
    public static let entity = "import_job"

    public static func rule(_ t: Transition) -> TransitionRule<State> {
        switch t {
        // A running job is started again after a crash: it resumes.
        case .start: return .init(from: [.validated, .running], to: .running, .manageRegistry)
        // Finishing again (two runs racing to the end) changes nothing.
        case .finish: return .init(from: [.running, .done], to: .done, .manageRegistry)
        }
    }

    public static func auditAction(_ t: Transition) -> String { t == .start ? "import_started" : "import_done" }
}
