/// A workflow as a value: its states, the transitions between them, the permission each
/// transition needs and the fields it requires. Store applies only what a lifecycle allows
/// (`Store.transition`), inside the write transaction; pages and the API ask the same value
/// which actions to offer. Every workflow of Ansinh — review campaign, application, allowance
/// ledger, payment cycle, import job, and the cases and admissions that come — is one of these.
public protocol Lifecycle: Sendable {
    associatedtype State: RawRepresentable & CaseIterable & Hashable & Sendable where State.RawValue == String
    associatedtype Transition: RawRepresentable & CaseIterable & Hashable & Sendable where Transition.RawValue == String

    /// The audited entity ("allowance_application", "payment_cycle"…).
    static var entity: String { get }
    /// The rule of one transition.
    static func rule(_ t: Transition) -> TransitionRule<State>
    /// The error when `t` is asked from a state it does not start from (a conflict saying what
    /// the record's state is, unless the lifecycle names a more specific one).
    static func refusal(_ t: Transition, from state: State) -> AppError
    /// The action written to the audit trail (the transition's name unless said otherwise).
    static func auditAction(_ t: Transition) -> String
    /// The name of the state in audit entries ("status", "step").
    static var stateName: String { get }
}

/// Where a transition may start, where it leads, who may make it and what it needs.
public struct TransitionRule<State: Hashable & Sendable>: Sendable {
    /// The states it may start from.
    public let from: Set<State>
    /// The state it leads to; nil keeps the state (an action recorded within a step).
    public let to: State?
    public let permission: Permission
    /// Input fields that must not be empty (checked before the state, so a form with a missing
    /// field always says which).
    public let requires: [String]

    public init(from: Set<State>, to: State?, _ permission: Permission, requires: [String] = []) {
        self.from = from; self.to = to; self.permission = permission; self.requires = requires
    }
}

public extension Lifecycle {
    static func auditAction(_ t: Transition) -> String { t.rawValue }
    static var stateName: String { "status" }

    static func refusal(_ t: Transition, from state: State) -> AppError {
        .notAllowed(Message("lifecycle.error.step", ["state": state.rawValue, "action": t.rawValue]))
    }

    /// The state after `t` from `state`, or the error that refuses it: `forbidden` for a role
    /// without the permission, a validation error naming each missing field, then the refusal
    /// of a state `t` does not start from.
    @discardableResult
    static func check(_ t: Transition, from state: State, role: Role, fields: [String: String] = [:]) throws -> State {
        try authorize(t, role: role, fields: fields)
        return try next(t, from: state)
    }

    /// The checks that need no record: the role's permission, then each required field.
    static func authorize(_ t: Transition, role: Role, fields: [String: String] = [:]) throws {
        let r = rule(t)
        guard role.can(r.permission) else { throw AppError.forbidden }
        let missing = r.requires.filter { (fields[$0] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        if !missing.isEmpty { throw AppError.validation(missing.map { FieldError(field: $0, message: Message("validation.required")) }) }
    }

    /// The state after `t` from `state` (the role already checked, or the system acting).
    @discardableResult
    static func next(_ t: Transition, from state: State) throws -> State {
        let r = rule(t)
        guard r.from.contains(state) else { throw refusal(t, from: state) }
        return r.to ?? state
    }

    /// Whether `role` has the permission `t` needs (in some state).
    static func may(_ t: Transition, role: Role) -> Bool { role.can(rule(t).permission) }

    /// Whether `role` may make `t` from `state` (fields aside): what a page offers.
    static func allows(_ t: Transition, from state: State, role: Role) -> Bool {
        role.can(rule(t).permission) && rule(t).from.contains(state)
    }

    /// The transitions `role` may make from `state`, in declaration order.
    static func available(from state: State, role: Role) -> [Transition] {
        Transition.allCases.filter { allows($0, from: state, role: role) }
    }
}
