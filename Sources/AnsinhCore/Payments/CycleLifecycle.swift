/// A payment cycle (field notes §1: the ward pays monthly through cash, post office or bank):
/// prepared as a draft (again and again while a draft) → submitted → approved by someone else
/// (maker–checker) or sent back with a reason → settled line by line from the channel's
/// confirmation → closed when the money balances to the đồng.
public enum CycleLifecycle: Lifecycle {
    public typealias State = CycleStatus
    public enum Transition: String, CaseIterable, Sendable {
        case prepare, submit, approve
        case sendBack = "send_back"
        case settle, close
    }
    public static let entity = "payment_cycle"

    public static func rule(_ t: Transition) -> TransitionRule<CycleStatus> {
        switch t {
        case .prepare: return .init(from: [.draft], to: .draft, .managePayments)
        case .submit: return .init(from: [.draft], to: .submitted, .managePayments)
        case .approve: return .init(from: [.submitted], to: .approved, .approvePayments)
        case .sendBack: return .init(from: [.submitted], to: .draft, .approvePayments, requires: ["reason"])
        case .settle: return .init(from: [.approved], to: nil, .managePayments)
        case .close: return .init(from: [.approved], to: .closed, .managePayments)
        }
    }

    public static func refusal(_ t: Transition, from state: CycleStatus) -> AppError {
        switch t {
        case .prepare: return .conflict(Message("payroll.error.not_draft"))
        case .settle, .close: return .conflict(Message("payroll.error.not_approved"))
        case .submit, .approve, .sendBack: return .conflict(Message("payroll.error.status", ["status": "@payroll.status.\(state.rawValue)"]))
        }
    }

    /// Maker–checker: the approver is neither the one who prepared the cycle nor the one who
    /// submitted it.
    public static func mayApprove(approver: String, approverID: String?, preparedBy: String, preparedByID: String?, submittedByID: String?) -> Bool {
        if approver == preparedBy { return false }
        if let id = approverID, id == preparedByID || id == submittedByID { return false }
        return true
    }
}
