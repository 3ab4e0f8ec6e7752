import AnsinhCore
import FluentKit
import Foundation

/// A worker a case may be handed to.
public struct CaseWorker: Sendable, Equatable {
    public let username: String
    public let fullName: String
}

extension CaseRepository {
    /// The active accounts that may take the case over: roles that work cases, bound to the
    /// case's unit or a unit above it.
    public func workers(_ actor: Actor, caseID: UUID) async throws -> [CaseWorker] {
        try actor.require(.viewCases)
        let c = try await store.scoped(CaseModel.self, caseID, actor)
        return try await candidates(for: c.unitPath, on: store.db).map { CaseWorker(username: $0.username, fullName: $0.fullName) }
    }

    func candidates(for casePath: String, on db: any Database) async throws -> [UserModel] {
        let roles = Role.allCases.filter { $0.can(.manageCases) && $0 != .systemAdmin }.map(\.rawValue)
        let users = try await UserModel.query(on: db).filter(\.$role ~~ roles).filter(\.$isDisabled == false).sort(\.$username).all()
        let units = try await OrgUnitModel.query(on: db).filter(\.$id ~~ Set(users.map(\.unitID))).all()
        let paths = Dictionary(units.map { ($0.id!, $0.path) }, uniquingKeysWith: { a, _ in a })
        // The account's unit holds the case's unit (unit paths nest by prefix).
        return users.filter { u in paths[u.unitID].map { casePath.hasPrefix($0) } ?? false }
    }

    /// Hands the case over to `username` (a centre manager's decision, with the reason): the
    /// new worker sees its deadlines on their home page; the timeline and the audit trail say
    /// who had it before.
    public func transfer(_ actor: Actor, caseID: UUID, to username: String, reason: String) async throws {
        try actor.require(.assignCases)
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        let to = username.trimmingCharacters(in: .whitespaces)
        if why.isEmpty { throw AppError.invalid("reason", "validation.required") }
        let today = store.today
        try await store.write(actor) { tx, audit in
            try await Store.lock(CaseModel.self, caseID, on: tx)
            let c = try await store.scoped(CaseModel.self, caseID, actor, on: tx)
            guard c.lifecycleState != .closed else { throw AppError.notAllowed(Message("case.error.closed")) }
            guard try await candidates(for: c.unitPath, on: tx).contains(where: { $0.username == to }) else {
                throw AppError.invalid("worker", "case.error.not_a_worker")
            }
            guard c.worker != to else { throw AppError.invalid("worker", "case.error.same_worker") }
            let before = c.worker
            c.worker = to
            try await c.save(on: tx)
            let e = CaseEntryModel()
            e.caseID = caseID; e.unitPath = c.unitPath; e.kind = CaseEntryKind.transfer.rawValue; e.onDate = today.iso; e.text = why
            e.givenBy = to; e.recordedBy = actor.username
            try await e.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "transfer", entity: CaseLifecycle.entity, entityID: caseID.uuidString, unitID: c.unitID, unitPath: c.unitPath,
                    before: ["worker": before], after: ["worker": to, "reason": why]))
        }
    }
}
