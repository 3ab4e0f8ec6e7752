import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Reconciliation of an approved cycle: the channel's confirmation line by line, then the close
/// when the money balances to the đồng (`CycleLifecycle.settle`, `.close`).
extension PayrollRepository {
    /// Records what the channel confirmed: each line paid, unpaid (with its reason, carried
    /// forward) or returned. Every row is checked first; with any error nothing is written.
    public func settle(_ actor: Actor, cycleID: UUID, _ rows: [Settlement], rowNumbers: [Int]? = nil) async throws -> Int {
        try CycleLifecycle.authorize(.settle, role: actor.role)
        if rows.isEmpty { throw AppError.invalid("line", "payroll.error.empty") }
        return try await store.transition(actor, PaymentCycleModel.self, cycleID, .settle) { c, tx, _ in
            let ids = Set(
                try await sql(tx).raw("SELECT id FROM payment_lines WHERE cycle_id = \(bind: cycleID)").all().map {
                    try $0.decode(column: "id", as: Int64.self)
                })
            var errors: [FieldError] = []
            var seen = Set<Int64>()
            for (i, r) in rows.enumerated() {
                let row = rowNumbers?[i] ?? (i + 1)
                if !ids.contains(r.lineID) {
                    errors.append(FieldError(field: "line_id", message: Message("payroll.error.line", ["row": "\(row)", "id": "\(r.lineID)"])))
                } else if !seen.insert(r.lineID).inserted {
                    errors.append(FieldError(field: "line_id", message: Message("payroll.error.line_twice", ["row": "\(row)", "id": "\(r.lineID)"])))
                }
                if r.status == .issued { errors.append(FieldError(field: "status", message: Message("payroll.error.settle_status", ["row": "\(row)"]))) }
                if r.status != .paid && r.reason.trimmingCharacters(in: .whitespaces).isEmpty {
                    errors.append(FieldError(field: "reason", message: Message("payroll.error.reason", ["row": "\(row)"])))
                }
            }
            if !errors.isEmpty { throw AppError.validation(errors) }
            // One UPDATE per outcome and reason, in chunks (a cycle can have 100,000 lines).
            let groups = Dictionary(grouping: rows) { "\($0.status.rawValue)\u{1}\($0.reason)" }
            for (_, group) in groups.sorted(by: { $0.key < $1.key }) {
                let status = group[0].status.rawValue, reason = group[0].reason
                for start in stride(from: 0, to: group.count, by: 5000) {
                    let ids = group[start..<min(start + 5000, group.count)].map(\.lineID)
                    try await sql(tx).raw(
                        """
                        UPDATE payment_lines SET status = \(bind: status), reason = \(bind: reason.isEmpty ? nil : reason), settled_by = \(bind: actor.username)
                        WHERE cycle_id = \(bind: cycleID) AND id IN (\(unsafeRaw: ids.map(String.init).joined(separator: ",")))
                        """
                    ).run()
                }
            }
            let counts = Dictionary(grouping: rows, by: \.status).mapValues { "\($0.count)" }
            return (rows.count, Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) }))
        }
    }

    /// Reads a confirmation file (CSV or XLSX rows with `line_id, status, reason`): each bad row
    /// is reported with its number, and nothing is recorded unless every row is good.
    public func importConfirmation(_ actor: Actor, cycleID: UUID, rows table: [[String]]) async throws -> Int {
        try actor.require(.managePayments)
        guard let header = table.first?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }),
            let idCol = header.firstIndex(of: "line_id"), let stCol = header.firstIndex(of: "status")
        else {
            throw AppError.invalid("file", "payroll.error.header")
        }
        let reasonCol = header.firstIndex(of: "reason")
        var out: [Settlement] = []
        var numbers: [Int] = []
        var errors: [FieldError] = []
        for (i, r) in table.dropFirst().enumerated() where !r.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            let row = i + 2
            let id = idCol < r.count ? Int64(r[idCol].trimmingCharacters(in: .whitespaces)) : nil
            let st = stCol < r.count ? LineStatus(rawValue: r[stCol].trimmingCharacters(in: .whitespaces).lowercased()) : nil
            if id == nil {
                errors.append(
                    FieldError(field: "line_id", message: Message("payroll.error.line", ["row": "\(row)", "id": idCol < r.count ? r[idCol] : ""]), row: row))
            }
            if st == nil { errors.append(FieldError(field: "status", message: Message("payroll.error.settle_status", ["row": "\(row)"]), row: row)) }
            if let id, let st {
                out.append(Settlement(lineID: id, status: st, reason: reasonCol.flatMap { $0 < r.count ? r[$0] : nil } ?? ""))
                numbers.append(row)
            }
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        if out.isEmpty { throw AppError.invalid("file", "payroll.error.empty") }
        return try await settle(actor, cycleID: cycleID, out, rowNumbers: numbers)
    }

    /// Closes a reconciled cycle: every line settled and the money balancing to the đồng against
    /// the total frozen at approval. Then anyone whose payments were not collected in the last 3
    /// consecutive cycles is suspended from the next month (Circular 02/2021 Art. 6(1)(a)).
    public func close(_ actor: Actor, cycleID: UUID) async throws -> [UUID] {
        try CycleLifecycle.authorize(.close, role: actor.role)
        // Read before the write: the write holds the only SQLite connection.
        let path = try await store.scoped(PaymentCycleModel.self, cycleID, actor).unitPath
        let n = try await RuleSettingsRepository(store).allowanceRules(forPath: path).uncollectedMonthsToSuspend
        return try await store.transition(actor, PaymentCycleModel.self, cycleID, .close) { c, tx, audit -> ([UUID], [String: String]) in
            let b = try await balance(cycleID, on: tx)
            if b.open != 0 { throw AppError.conflict(Message("payroll.error.unsettled")) }
            guard b.balances, b.issued == c.approvedTotal else {
                throw AppError.conflict(
                    Message("payroll.error.unbalanced", ["issued": Message.money(b.issued), "approved": Message.money(c.approvedTotal ?? 0)]))
            }
            c.closedBy = actor.username; c.closedAt = store.now()
            let summary = ["paid": "\(b.paid)", "carried": "\(b.carried)", "returned": "\(b.returned)"]
            // Persons with allowance lines in each of the last N closed cycles (this one
            // included), none of them paid: Circular 02/2021 Art. 6(1)(a), N from the rule file.
            let lastN =
                try await PaymentCycleModel.query(on: tx).filter(\.$communeID == c.communeID).filter(\.$id != c.id!)
                .filter(\.$status == CycleStatus.closed.rawValue).filter(\.$month < c.month).sort(\.$month, .descending).range(0..<(n - 1)).all() + [c]
            guard lastN.count == n, YearMonth(iso: lastN.map(\.month).min()!)!.adding(months: n - 1) == YearMonth(iso: c.month)! else { return ([], summary) }
            let rows = try await sql(tx).raw(
                """
                SELECT l.person_id FROM payment_lines l
                WHERE l.cycle_id IN (\(binds: lastN.map { $0.id! })) AND l.benefit = 'allowance' AND l.amount > 0
                GROUP BY l.person_id
                HAVING COUNT(DISTINCT l.cycle_id) = \(bind: n) AND SUM(CASE WHEN l.status = 'paid' THEN 1 ELSE 0 END) = 0
                """
            ).all()
            // The suspensions are written in this same transaction: a close that stops half way
            // leaves neither a closed cycle without them nor suspensions without the close.
            var done: [UUID] = []
            let next = YearMonth(iso: c.month)!.adding(months: 1)
            for p in try rows.map({ try $0.decode(column: "person_id", as: UUID.self) }) {
                // Already suspended or stopped (no open allowance period): nothing to do.
                guard
                    try await AllowancePeriodModel.query(on: tx).filter(\.$personID == p).filter(\.$benefit == Benefit.allowance.rawValue)
                        .filter(\.$untilMonth == nil).first() != nil
                else { continue }
                var input = DecisionInput(personID: p)
                input.kind = .suspend; input.reason = DecisionReason.notCollected.rawValue; input.signedDate = store.today.iso
                input.note = "\(n) months not collected (cycles to \(c.month))"
                _ = try await DecisionRepository(store).record(.system, input, effective: next, evaluation: nil, applicationID: nil, on: tx, audit: audit)
                done.append(p)
            }
            return (done, summary)
        }
    }

    func balance(_ cycleID: UUID, on db: any Database) async throws -> CycleBalance {
        var b = CycleBalance()
        for r in try await sql(db).raw(
            "SELECT status, CAST(SUM(amount) AS BIGINT) AS total FROM payment_lines WHERE cycle_id = \(bind: cycleID) GROUP BY status"
        ).all() {
            b.add(try r.decode(column: "total", as: Int64.self), LineStatus(rawValue: try r.decode(column: "status", as: String.self)) ?? .issued)
        }
        return b
    }
}
