import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Monthly payroll: generation from the periods, maker–checker approval, reconciliation and
/// closing. Generation is set-based SQL (three INSERT … SELECT statements) inside one
/// transaction; the database's unique indexes make a re-run harmless.
public struct PayrollRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    func commune(_ actor: Actor, _ id: UUID, on db: any Database) async throws -> OrgUnitModel {
        guard let u = try? await store.scoped(OrgUnitModel.self, id, actor, on: db), u.kind == UnitKind.commune.rawValue
        else { throw AppError.invalid("commune_id", "payroll.error.commune") }
        return u
    }

    /// The standard and pension level of each month from `first` to `last` as a SQL `VALUES` list.
    static func months(from first: YearMonth, to last: YearMonth, rules: AllowanceRules) -> SQLQueryString {
        var m = first
        var parts: [SQLQueryString] = []
        while m <= last {
            let std = rules.standardLevel(m)?.amount ?? 0
            let pen = rules.socialPension(m)?.amount ?? 0
            parts.append("(\(bind: m.iso), \(unsafeRaw: String(std)), \(unsafeRaw: String(pen)))")
            m = m.adding(months: 1)
        }
        return parts.joined(separator: ", ")
    }

    /// Prepares (or, while still a draft, prepares again) the cycle of `month` for a commune:
    /// 1. each month owed up to `month` and never issued (this month's payment and arrears);
    /// 2. the difference for months issued before whose amount is now different (a level raised
    ///    back-dated, a stop or adjustment signed late — negative amounts are recoveries); a
    ///    month whose line is still outstanding (unpaid, not carried) is left to that line, so
    ///    money never paid out is never "recovered";
    /// 3. lines of closed cycles left unpaid, carried forward while the ledger is open;
    /// 4. one-off decisions not yet issued nor handed out.
    public func generate(_ actor: Actor, communeID: UUID, month: YearMonth) async throws -> UUID {
        try CycleLifecycle.authorize(.prepare, role: actor.role)
        let u = try await commune(actor, communeID, on: store.db)
        let rules = try await RuleSettingsRepository(store).allowanceRules(forPath: u.path)
        return try await store.write(actor) { tx, audit in
            let s = sql(tx)
            var cycle = try await PaymentCycleModel.query(on: tx).filter(\.$communeID == communeID).filter(\.$month == month.iso).first()
            if let c = cycle {
                try CycleLifecycle.next(.prepare, from: c.lifecycleState)
                try await s.raw("DELETE FROM payment_lines WHERE cycle_id = \(bind: c.id!)").run()
                c.generatedAt = store.now(); c.preparedBy = actor.username; c.preparedByID = actor.userID
                try await c.update(on: tx)
            } else {
                if let later = try await PaymentCycleModel.query(on: tx).filter(\.$communeID == communeID).filter(\.$month > month.iso).first() {
                    throw AppError.invalid("month", "payroll.error.later_cycle", ["month": later.month])
                }
                if let open = try await PaymentCycleModel.query(on: tx).filter(\.$communeID == communeID)
                    .filter(\.$status != CycleStatus.closed.rawValue).first()
                {
                    throw AppError.invalid("month", "payroll.error.previous_open", ["month": open.month])
                }
                let c = PaymentCycleModel()
                c.communeID = communeID; c.unitPath = u.path; c.month = month.iso; c.status = CycleStatus.draft.rawValue
                c.preparedBy = actor.username; c.preparedByID = actor.userID; c.generatedAt = store.now()
                try await c.create(on: tx)
                cycle = c
            }
            let cid = cycle!.id!
            let firstRow = try await s.raw(
                """
                SELECT MIN(CASE WHEN paid_before IS NOT NULL AND paid_before > from_month THEN paid_before ELSE from_month END) AS first
                FROM allowance_periods WHERE commune_id = \(bind: communeID)
                """
            ).first()
            let first = try firstRow?.decode(column: "first", as: String?.self).flatMap(YearMonth.init(iso:))
            let issuedFirst = try await s.raw(
                """
                SELECT MIN(l.month) AS first FROM payment_lines l JOIN payment_cycles c ON c.id = l.cycle_id WHERE c.commune_id = \(bind: communeID)
                """
            ).first()?.decode(column: "first", as: String?.self).flatMap(YearMonth.init(iso:))
            if let start = [first, issuedFirst].compactMap({ $0 }).min(), start <= month {
                let months = Self.months(from: start, to: month, rules: rules)
                // Each month a period covers, and its amount at that month's levels (`PayPeriod.amount`).
                let owedMonths: SQLQueryString = """
                    allowance_periods p JOIN m ON m.month >= p.from_month AND (p.until_month IS NULL OR m.month < p.until_month)
                    """
                let owedAmount: SQLQueryString = "(m.std * p.standard_tenths + m.pen * p.pension_tenths) / 10"
                // 1. Payments and arrears.
                let due: SQLQueryString = """
                    WITH m(month, std, pen) AS (VALUES \(months))
                    SELECT \(bind: cid), p.person_id, p.benefit, m.month, 'pay', \(owedAmount),
                           p.group_id, p.recipient_kind, p.recipient_name, p.channel, p.account, 'issued'
                    FROM \(owedMonths)
                         AND (p.paid_before IS NULL OR m.month >= p.paid_before)
                    WHERE p.commune_id = \(bind: communeID)
                      AND NOT EXISTS (SELECT 1 FROM payment_lines l WHERE l.person_id = p.person_id AND l.benefit = p.benefit AND l.month = m.month
                                      AND l.kind = 'pay' AND l.carried_from IS NULL)
                    """
                let columns: SQLQueryString =
                    "cycle_id, person_id, benefit, month, kind, amount, group_id, recipient_kind, recipient_name, channel, account, status"
                if tx.isPostgres {
                    // PostgreSQL plans the NOT EXISTS from the table's statistics: refresh them,
                    // and compute the lines before writing them, so the scan never reads rows the
                    // same statement is adding (a nested loop over a growing table took 385 s for
                    // 100,000 recipients; this takes seconds).
                    try await s.raw("ANALYZE payment_lines").run()
                    try await s.raw(
                        """
                        CREATE TEMP TABLE payroll_due (cycle_id uuid, person_id uuid, benefit text, month text, kind text, amount bigint, group_id uuid,
                                                       recipient_kind text, recipient_name text, channel text, account text, status text) ON COMMIT DROP
                        """
                    ).run()
                    try await s.raw("INSERT INTO payroll_due (\(columns)) \(due)").run()
                    try await s.raw("INSERT INTO payment_lines (\(columns)) SELECT \(columns) FROM payroll_due").run()
                    try await s.raw("DROP TABLE payroll_due").run()
                } else {
                    try await s.raw("INSERT INTO payment_lines (\(columns)) \(due)").run()
                }
                // 2. Differences for months this commune issued before.
                try await s.raw(
                    """
                    WITH m(month, std, pen) AS (VALUES \(months)),
                    issued AS (
                        SELECT l.person_id, l.benefit, l.month, CAST(SUM(CASE WHEN l.status = 'returned' THEN 0 ELSE l.amount END) AS BIGINT) AS net,
                               MAX(l.id) AS last_id
                        FROM payment_lines l JOIN payment_cycles c ON c.id = l.cycle_id
                        WHERE c.commune_id = \(bind: communeID) AND l.cycle_id <> \(bind: cid) AND l.carried_from IS NULL AND l.one_off_id IS NULL
                        GROUP BY l.person_id, l.benefit, l.month),
                    owed AS (
                        SELECT p.person_id, p.benefit, m.month, \(owedAmount) AS amount FROM \(owedMonths))
                    INSERT INTO payment_lines (cycle_id, person_id, benefit, month, kind, amount, group_id, recipient_kind, recipient_name, channel, account, status)
                    SELECT \(bind: cid), i.person_id, i.benefit, i.month, 'adjust', COALESCE(o.amount, 0) - i.net,
                           x.group_id, x.recipient_kind, x.recipient_name, x.channel, x.account, 'issued'
                    FROM issued i JOIN payment_lines x ON x.id = i.last_id
                    LEFT JOIN owed o ON o.person_id = i.person_id AND o.benefit = i.benefit AND o.month = i.month
                    WHERE COALESCE(o.amount, 0) <> i.net
                      AND NOT EXISTS (SELECT 1 FROM payment_lines u WHERE u.person_id = i.person_id AND u.benefit = i.benefit AND u.month = i.month
                                      AND u.status = 'unpaid' AND NOT EXISTS (SELECT 1 FROM payment_lines y WHERE y.carried_from = u.id))
                    """
                ).run()
            }
            // 3. Unpaid lines carried forward while the ledger is open (a one-off line while its
            //    decision stands).
            try await s.raw(
                """
                INSERT INTO payment_lines (cycle_id, person_id, benefit, month, kind, amount, group_id, recipient_kind, recipient_name, channel, account, status, reason,
                                           carried_from, one_off_id, kilograms)
                SELECT \(bind: cid), l.person_id, l.benefit, l.month, l.kind, l.amount, l.group_id, l.recipient_kind, l.recipient_name, l.channel, l.account,
                       'issued', l.reason, l.id, l.one_off_id, l.kilograms
                FROM payment_lines l JOIN payment_cycles c ON c.id = l.cycle_id
                WHERE c.commune_id = \(bind: communeID) AND c.status = 'closed' AND l.status = 'unpaid'
                  AND NOT EXISTS (SELECT 1 FROM payment_lines x WHERE x.carried_from = l.id)
                  AND (EXISTS (SELECT 1 FROM allowance_periods p WHERE p.person_id = l.person_id AND p.benefit = l.benefit AND p.until_month IS NULL)
                       OR EXISTS (SELECT 1 FROM one_off_decisions o WHERE o.id = l.one_off_id AND o.status = 'decided'))
                """
            ).run()
            // 4. One-off decisions signed by the end of the month and neither issued nor handed
            //    out (Decree 20/2021 Art. 11–15): one line each, of the cycle's month.
            try await s.raw(
                """
                INSERT INTO payment_lines (cycle_id, person_id, benefit, month, kind, amount, group_id, recipient_kind, recipient_name, channel, account, status,
                                           one_off_id, kilograms)
                SELECT \(bind: cid), o.person_id, o.category, \(bind: month.iso), 'pay', o.amount, o.group_id, o.recipient_kind, o.recipient_name, o.channel,
                       o.account, 'issued', o.id, o.kilograms
                FROM one_off_decisions o
                WHERE o.commune_id = \(bind: communeID) AND o.status = 'decided' AND o.signed_date <= \(bind: month.lastDay.iso)
                  AND NOT EXISTS (SELECT 1 FROM payment_lines l WHERE l.one_off_id = o.id AND l.kind = 'pay' AND l.carried_from IS NULL)
                """
            ).run()
            let totals = try await s.raw(
                "SELECT COUNT(*) AS n, COALESCE(CAST(SUM(amount) AS BIGINT), 0) AS total FROM payment_lines WHERE cycle_id = \(bind: cid)"
            ).first()!
            audit.add(
                AuditRecord(
                    action: "generate", entity: "payment_cycle", entityID: cid.uuidString, unitID: communeID, unitPath: u.path,
                    before: NoValue?.none,
                    after: [
                        "month": month.iso, "lines": "\(try totals.decode(column: "n", as: Int.self))",
                        "total": "\(try totals.decode(column: "total", as: Int64.self))",
                    ]))
            return cid
        }
    }

    /// The preparer hands the cycle to the approver.
    public func submit(_ actor: Actor, cycleID: UUID) async throws {
        try await store.transition(actor, PaymentCycleModel.self, cycleID, .submit) { c, _, _ in
            c.submittedByID = actor.userID
            return [:]
        }
    }

    /// The approver accepts the cycle; never the person who prepared it nor the one who
    /// submitted it (maker–checker, `CycleLifecycle.mayApprove`). The total is frozen here.
    public func approve(_ actor: Actor, cycleID: UUID) async throws {
        try await store.transition(actor, PaymentCycleModel.self, cycleID, .approve) { c, tx, _ in
            guard
                CycleLifecycle.mayApprove(
                    approver: actor.username, approverID: actor.userID?.uuidString, preparedBy: c.preparedBy,
                    preparedByID: c.preparedByID?.uuidString, submittedByID: c.submittedByID?.uuidString)
            else {
                throw AppError.conflict(Message("payroll.error.same_person"))
            }
            c.approvedBy = actor.username; c.approvedAt = store.now()
            c.approvedTotal = try await sql(tx).raw("SELECT COALESCE(CAST(SUM(amount) AS BIGINT), 0) AS t FROM payment_lines WHERE cycle_id = \(bind: c.id!)")
                .first()!
                .decode(column: "t", as: Int64.self)
            return ["total": "\(c.approvedTotal!)"]
        }
    }

    /// The approver sends a submitted cycle back to the preparer, with a reason.
    public func sendBack(_ actor: Actor, cycleID: UUID, reason: String) async throws {
        let text = reason.trimmingCharacters(in: .whitespaces)
        if text.count > 2000 { throw AppError.invalid("reason", "validation.too_long", ["max": "2000"]) }
        try await store.transition(actor, PaymentCycleModel.self, cycleID, .sendBack, fields: ["reason": text]) { _, _, _ in ["reason": text] }
    }

    /// Cycles not yet prepared for `month` in communes that pay someone — a monthly period, or
    /// a one-off decision signed by the month's end and not yet issued or handed out (a commune
    /// whose only payment is a funeral support still gets its cycle): the scheduled job
    /// generates them on the configured day (idempotent: an existing cycle is left alone).
    public func generateDue(month: YearMonth) async throws -> [UUID] {
        let rows = try await sql(store.db).raw(
            """
            SELECT DISTINCT x.commune_id FROM (
                SELECT p.commune_id FROM allowance_periods p
                UNION
                SELECT o.commune_id FROM one_off_decisions o
                WHERE o.status = 'decided' AND o.signed_date <= \(bind: month.lastDay.iso)
                  AND NOT EXISTS (SELECT 1 FROM payment_lines l WHERE l.one_off_id = o.id AND l.kind = 'pay' AND l.carried_from IS NULL)
            ) x
            WHERE NOT EXISTS (SELECT 1 FROM payment_cycles c WHERE c.commune_id = x.commune_id AND c.month >= \(bind: month.iso))
              AND NOT EXISTS (SELECT 1 FROM payment_cycles c WHERE c.commune_id = x.commune_id AND c.status <> 'closed')
            """
        ).all()
        var out: [UUID] = []
        for r in rows { out.append(try await generate(.system, communeID: try r.decode(column: "commune_id", as: UUID.self), month: month)) }
        return out
    }
}
