import AnsinhCore
import FluentKit
import Foundation

/// A case whose step is past its deadline (`CaseDeadlines`).
public struct OverdueCase: Sendable, Equatable {
    public let id: UUID
    public let number: String
    public let status: CaseLifecycle.State
    public let riskLevel: RiskLevel
    public let worker: String
    public let due: Date
    public let escalated: Bool
}

extension CaseRepository {
    /// The overdue cases in scope at `now`, most overdue first: a social worker sees those they
    /// work on, a manager all of them (escalated or not).
    public func overdue(_ actor: Actor, now: Date) async throws -> [OverdueCase] {
        try actor.require(.viewCases)
        let open = [CaseLifecycle.State.registered, .assessed].map(\.rawValue)
        let q = store.scoped(CaseModel.self, actor).filter(\.$status ~~ open)
        if !actor.role.can(.approveCaseClosure) { q.filter(\.$worker == actor.username) }
        let deadlines = try await CaseSettingsRepository(store).deadlines()
        return try await q.all().compactMap { Self.overdue($0, now: now, deadlines) }.sorted { $0.due < $1.due }
    }

    static func overdue(_ m: CaseModel, now: Date, _ deadlines: CaseDeadlines) -> OverdueCase? {
        guard let risk = RiskLevel(rawValue: m.riskLevel),
            let due = deadlines.due(status: m.lifecycleState, risk: risk, receivedAt: m.receivedAt, stepAt: m.stepAt ?? m.receivedAt),
            due < now
        else { return nil }
        return OverdueCase(
            id: m.id!, number: m.number, status: m.lifecycleState, riskLevel: risk, worker: m.worker, due: due, escalated: m.escalatedAt != nil)
    }

    /// Escalates each overdue step once: marks it and writes an audit entry naming the step and
    /// its deadline, so the manager sees it and the trail shows when. Run by the hourly job.
    @discardableResult
    public func escalate(now: Date) async throws -> Int {
        let open = [CaseLifecycle.State.registered, .assessed].map(\.rawValue)
        let deadlines = try await CaseSettingsRepository(store).deadlines()
        let due = try await CaseModel.query(on: store.db).filter(\.$status ~~ open).filter(\.$escalatedAt == nil).all()
            .compactMap { m in Self.overdue(m, now: now, deadlines).map { (m, $0) } }
        for (m, o) in due {
            try await store.write(.system) { tx, audit in
                guard let fresh = try await CaseModel.find(m.id, on: tx), fresh.escalatedAt == nil, fresh.status == m.status else { return }
                fresh.escalatedAt = now
                try await fresh.save(on: tx)
                audit.add(
                    AuditRecord(
                        action: "escalate", entity: CaseLifecycle.entity, entityID: m.id!.uuidString, unitID: m.unitID, unitPath: m.unitPath,
                        before: NoValue?.none, after: ["status": m.status, "due": ISO8601DateFormatter().string(from: o.due)]))
            }
        }
        return due.count
    }
}
