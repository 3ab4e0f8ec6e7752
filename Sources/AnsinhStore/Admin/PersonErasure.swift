import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// A record a legal duty keeps about the person: why a deletion request must be refused.
public struct ErasureBlocker: Sendable, Equatable {
    public let table: String
    public let count: Int
    /// The duty's message key (`PersonErasure.kept`).
    public let reason: String
    public init(table: String, count: Int, reason: String) { self.table = table; self.count = count; self.reason = reason }
}

/// What an erasure deleted, by table.
public struct ErasureResult: Sendable, Equatable {
    public let personID: UUID
    public let deleted: [String: Int]
}

/// Deletion on a person's request (Law 91/2025/QH15), where no legal duty keeps the record
/// (`PersonErasure`): the person, the records that went from earlier merges into them, their
/// own records and — when no one and nothing else is left in it — their household are deleted in
/// one transaction, and the request with them; the audit trail keeps what was done.
extension SubjectRequestRepository {
    /// The records that keep the person (empty: they may be erased).
    public func erasureBlockers(_ actor: Actor, personID: UUID) async throws -> [ErasureBlocker] {
        try actor.require(.viewRegistry)
        _ = try await store.scoped(PersonModel.self, personID, actor)
        return try await blockers(Self.persons(personID, on: store.db), on: store.db)
    }

    /// Erases the person of an open deletion request; `confirmed` must say the officer means it.
    @discardableResult
    public func erase(_ actor: Actor, requestID: UUID, outcome: String, confirmed: Bool) async throws -> ErasureResult {
        try actor.require(.manageRegistry)
        let text = outcome.trimmingCharacters(in: .whitespacesAndNewlines)
        if !confirmed { throw AppError.invalid("confirm", "privacy.error.confirm_erase") }
        if text.count > 2000 { throw AppError.invalid("outcome", "validation.too_long", ["max": "2000"]) }
        return try await store.write(actor) { tx, audit in
            let r = try await store.scoped(SubjectRequestModel.self, requestID, actor, on: tx)
            guard r.lifecycleState == .received else {
                throw AppError.conflict(Message("privacy.error.state", ["status": "@privacy.status.\(r.status)"]))
            }
            guard r.kind == SubjectRequestKind.deletion.rawValue else { throw AppError.conflict(Message("privacy.error.not_deletion")) }
            let p = try await store.scoped(PersonModel.self, r.personID, actor, on: tx)
            let ids = try await Self.persons(p.id!, on: tx)
            if let first = try await blockers(ids, on: tx).first {
                throw AppError.conflict(Message("privacy.error.kept", ["records": "@\(first.reason)"]))
            }
            let s = sql(tx)
            let households = try await Self.households(of: ids, on: tx)
            var deleted: [String: Int] = [:]
            func delete(_ table: String, _ condition: SQLQueryString) async throws {
                let n = try await s.raw("SELECT COUNT(*) AS n FROM \(ident: table) WHERE " + condition).first()?.decode(column: "n", as: Int.self) ?? 0
                guard n > 0 else { return }
                try await s.raw("DELETE FROM \(ident: table) WHERE " + condition).run()
                deleted[table] = n
            }
            try await delete("duplicate_pairs", "person_a IN (\(binds: ids)) OR person_b IN (\(binds: ids))")
            try await delete("course_outcomes", "enrolment_id IN (SELECT id FROM course_enrolments WHERE person_id IN (\(binds: ids)))")
            try await delete("job_referrals", "seeker_id IN (SELECT id FROM job_seekers WHERE person_id IN (\(binds: ids)))")
            for child in ["business_supports", "business_follow_ups"] {
                try await delete(child, "plan_id IN (SELECT id FROM business_plans WHERE person_id IN (\(binds: ids)))")
            }
            for table in PersonErasure.erased {
                if table == "relationships" {
                    try await delete(table, "person_id IN (\(binds: ids)) OR related_person_id IN (\(binds: ids))")
                } else {
                    try await delete(table, "person_id IN (\(binds: ids))")
                }
            }
            // The records merged into the person first, then the person.
            try await delete("persons", "merged_into IN (\(binds: ids))")
            try await delete("persons", "id = \(bind: p.id!)")
            // A household left with no member and no record of its own goes with them.
            let householdTables = try await SubjectDataRepository.tables(withColumn: ["household_id"], on: tx)
            for h in households {
                var used = false
                for table in householdTables.sorted() {
                    let n = try await s.raw("SELECT COUNT(*) AS n FROM \(ident: table) WHERE household_id = \(bind: h)").first()?.decode(
                        column: "n", as: Int.self)
                    if (n ?? 0) > 0 { used = true; break }
                }
                if !used { try await delete("households", "id = \(bind: h)") }
            }
            audit.add(
                AuditRecord(
                    action: "erase", entity: "person", entityID: p.id!.uuidString, unitID: nil, unitPath: p.unitPath, before: NoValue?.none,
                    after: [
                        "request_id": requestID.uuidString, "received_on": r.receivedOn, "due_on": r.dueOn, "outcome": text,
                        "deleted": deleted.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ","),
                    ]))
            return ErasureResult(personID: p.id!, deleted: deleted)
        }
    }

    /// The person and the records merged into them (the same person's earlier entries).
    static func persons(_ id: UUID, on db: any Database) async throws -> [UUID] {
        [id] + (try await sql(db).raw("SELECT id FROM persons WHERE merged_into = \(bind: id)").all().map { try $0.decode(column: "id", as: UUID.self) })
    }

    /// The households `ids` were ever members of.
    static func households(of ids: [UUID], on db: any Database) async throws -> [UUID] {
        try await sql(db).raw("SELECT DISTINCT household_id FROM memberships WHERE person_id IN (\(binds: ids))").all()
            .map { try $0.decode(column: "household_id", as: UUID.self) }
    }

    /// The kept records that name `ids` or one of their households, by table.
    func blockers(_ ids: [UUID], on db: any Database) async throws -> [ErasureBlocker] {
        let s = sql(db)
        let households = try await Self.households(of: ids, on: db)
        var out: [ErasureBlocker] = []
        for src in SubjectSource.all {
            guard let reason = PersonErasure.kept[src.table] else { continue }
            let q: SQLQueryString
            switch src.key {
            case .person(let column): q = "SELECT COUNT(*) AS n FROM \(ident: src.table) WHERE \(ident: column) IN (\(binds: ids))"
            case .household(let column):
                guard !households.isEmpty else { continue }
                q = "SELECT COUNT(*) AS n FROM \(ident: src.table) WHERE \(ident: column) IN (\(binds: households))"
            case .resident, .caseRecord: continue
            }
            let n = try await s.raw(q).first()?.decode(column: "n", as: Int.self) ?? 0
            if n > 0 { out.append(ErasureBlocker(table: src.table, count: n, reason: reason)) }
        }
        return out
    }
}
