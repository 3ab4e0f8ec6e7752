import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// A record that lies inside one organisational unit: its unit path says where, and an actor
/// reaches it only when that path lies within the actor's units. The one scope idiom of
/// Ansinh: queries use `Store.scoped(_:_:on:)` (or `within` / `UnitScope.condition` for a
/// field of another table and hand-written SQL), loads by id use `Store.scoped(_:_:_:on:)`;
/// `ScopeIdiomTests` fails when another way appears.
public protocol UnitScoped: Model where IDValue == UUID {
    /// The column holding the record's unit path.
    static var unitPathKey: KeyPath<Self, FieldProperty<Self, String>> { get }
    /// Whether accounts bound to a unit *below* the record's unit see it too (a commune's review
    /// campaign is seen by the leader of one of its residential groups, who then works on their
    /// group's entries only).
    static var visibleFromBelow: Bool { get }
    /// A second unit the record is shared with, whose accounts reach it too (a referral is
    /// reached from the case's unit and from the ward it is sent to).
    var sharedPath: String? { get }
}

extension UnitScoped {
    public static var visibleFromBelow: Bool { false }
    public var sharedPath: String? { nil }
    /// The record's unit path.
    public var scopePath: String { self[keyPath: Self.unitPathKey].wrappedValue }
}

extension Actor {
    /// Whether the actor reaches a record of `type` under `path`.
    func reaches<M: UnitScoped>(_ type: M.Type, _ path: String) -> Bool {
        covers(path: path) || (M.visibleFromBelow && scopePath.hasPrefix(path))
    }

    /// Whether the actor reaches the record `m` (its unit, or the unit it is shared with).
    func reaches<M: UnitScoped>(_ m: M) -> Bool {
        reaches(M.self, m.scopePath) || (m.sharedPath.map { covers(path: $0) } ?? false)
    }
}

/// A unit-scoped record that follows a Core lifecycle; its state is a column.
public protocol LifecycleRecord: UnitScoped {
    associatedtype Life: Lifecycle
    var lifecycleState: Life.State { get set }
    /// The unit named in the record's audit entries.
    var auditUnitID: UUID? { get }
}

extension Store {
    /// The record `id` when it lies within the actor's units; otherwise not found (never saying
    /// whether it exists elsewhere).
    public func scoped<M: UnitScoped>(_ type: M.Type, _ id: UUID, _ actor: Actor, on db: (any Database)? = nil) async throws -> M {
        guard let m = try await M.find(id, on: db ?? self.db), actor.reaches(m) else { throw AppError.notFound }
        return m
    }

    /// The record `id` when it lies within the actor's units, nil otherwise (for a caller that
    /// answers with its own error, such as "no such unit" on a form field).
    public func reachable<M: UnitScoped>(_ type: M.Type, _ id: UUID, _ actor: Actor, on db: (any Database)? = nil) async throws -> M? {
        guard let m = try await M.find(id, on: db ?? self.db), actor.reaches(m) else { return nil }
        return m
    }

    /// Locks the row `id` of `type` for the rest of the write on PostgreSQL, where writers of
    /// different audit chains run side by side (on SQLite one writer runs at a time): for a
    /// check followed by a write that depends on it, such as "no open application for this
    /// person" before receiving one.
    public static func lock<M: Model>(_ type: M.Type, _ id: UUID, on tx: any Database) async throws where M.IDValue == UUID {
        guard tx.isPostgres else { return }
        try await sql(tx).raw("SELECT 1 FROM \(ident: M.schema) WHERE id = \(bind: id) FOR UPDATE").run()
    }

    /// The records of `type` within the actor's units.
    public func scoped<M: UnitScoped>(_ type: M.Type, _ actor: Actor, on db: (any Database)? = nil) -> QueryBuilder<M> {
        M.query(on: db ?? self.db).within(M.unitPathKey, actor.scopePath)
    }

    /// The write kernel: the one way a lifecycle moves. The role's permission and the required
    /// fields are checked first; then, in one transaction, the record is loaded by id within the
    /// actor's units (404 otherwise), the lifecycle is asked again whether `t` may start from
    /// the state *as stored now* (so two officers racing on the same record cannot both
    /// succeed), `apply` makes the change, the new state is saved and the audit entry appended.
    ///
    /// `apply` returns the result and the fields it adds to the audit entry (the state before
    /// and after are always written). It may add further audit records of its own.
    @discardableResult
    public func transition<M: LifecycleRecord, T: Sendable>(
        _ actor: Actor, _ type: M.Type, _ id: UUID, _ t: M.Life.Transition, fields: [String: String] = [:],
        _ apply: @escaping @Sendable (M, any Database, AuditBuffer) async throws -> (T, [String: String])
    ) async throws -> T {
        try M.Life.authorize(t, role: actor.role, fields: fields)
        return try await write(actor) { tx, audit in
            // Writers of different audit chains (a province officer and a ward officer) do not
            // queue on one lock on PostgreSQL: the record's row is locked, so the second one
            // reads the state the first one left.
            try await Store.lock(M.self, id, on: tx)
            let m = try await scoped(M.self, id, actor, on: tx)
            let before = m.lifecycleState
            let after = try M.Life.next(t, from: before)
            let mark = audit.count
            let (result, extra) = try await apply(m, tx, audit)
            m.lifecycleState = after
            try await m.save(on: tx)
            let name = M.Life.stateName
            // The step's own entry comes before any entry its change added.
            audit.insert(
                AuditRecord(
                    action: M.Life.auditAction(t), entity: M.Life.entity, entityID: id.uuidString, unitID: m.auditUnitID,
                    unitPath: m.scopePath, before: [name: before.rawValue],
                    after: extra.merging([name: after.rawValue]) { new, _ in new }), at: mark)
            return result
        }
    }

    /// `transition` for a change that returns nothing.
    public func transition<M: LifecycleRecord>(
        _ actor: Actor, _ type: M.Type, _ id: UUID, _ t: M.Life.Transition, fields: [String: String] = [:],
        _ apply: @escaping @Sendable (M, any Database, AuditBuffer) async throws -> [String: String]
    ) async throws {
        let _: Bool = try await transition(actor, type, id, t, fields: fields) { m, tx, audit in (true, try await apply(m, tx, audit)) }
    }
}
