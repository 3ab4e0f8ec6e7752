import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// A monthly payment cycle of one commune. Its lines are the frozen snapshot of the decisions at
/// generation; a decision signed later shows as a change and is paid (or recovered) in the next
/// cycle. Prepared by one person, approved by another (maker–checker).
public final class PaymentCycleModel: Model, @unchecked Sendable {
    public static let schema = "payment_cycles"
    @ID(key: .id) public var id: UUID?
    @Field(key: "commune_id") public var communeID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "month") public var month: String
    @Field(key: "status") public var status: String
    @Field(key: "prepared_by") public var preparedBy: String
    @OptionalField(key: "prepared_by_id") public var preparedByID: UUID?
    @Field(key: "generated_at") public var generatedAt: Date
    /// Who handed the cycle to the approver (the approver may be neither preparer nor submitter).
    @OptionalField(key: "submitted_by_id") public var submittedByID: UUID?
    @OptionalField(key: "approved_by") public var approvedBy: String?
    @OptionalField(key: "approved_at") public var approvedAt: Date?
    /// The total issued, frozen at approval; closing checks the lines still add up to it.
    @OptionalField(key: "approved_total") public var approvedTotal: Int64?
    @OptionalField(key: "closed_by") public var closedBy: String?
    @OptionalField(key: "closed_at") public var closedAt: Date?
    public init() {}
}

struct M0014Payments: AsyncMigration {
    var name: String { "0014_payments" }
    func prepare(on db: Database) async throws {
        try await db.schema("payment_cycles")
            .id()
            .field("commune_id", .uuid, .required)
            .field("unit_path", .string, .required)
            .field("month", .string, .required)
            .field("status", .string, .required)
            .field("prepared_by", .string, .required)
            .field("prepared_by_id", .uuid)
            .field("generated_at", .datetime, .required)
            .field("approved_by", .string)
            .field("approved_at", .datetime)
            .field("approved_total", .int64)
            .field("closed_by", .string)
            .field("closed_at", .datetime)
            .unique(on: "commune_id", "month", name: "uq_payment_cycle_month")
            .create()
        try await db.schema("payment_lines")
            .field("id", .int64, .identifier(auto: true))
            .field("cycle_id", .uuid, .required, .references("payment_cycles", "id"))
            .field("person_id", .uuid, .required)
            .field("benefit", .string, .required)
            .field("month", .string, .required)
            /// `pay` (the month's amount, arrears when the month is before the cycle's) or
            /// `adjust` (a difference: a retroactive change of level or decision; negative = recovery).
            .field("kind", .string, .required)
            .field("amount", .int64, .required)
            .field("group_id", .uuid)
            .field("recipient_kind", .string, .required)
            .field("recipient_name", .string)
            .field("channel", .string, .required)
            .field("account", .string)
            .field("status", .string, .required)
            .field("reason", .string)
            .field("carried_from", .int64)
            .field("settled_by", .string)
            .create()
        let s = sql(db)
        // One payment per person × ledger × month, whatever the cycle: re-running never double-pays.
        try await s.raw("CREATE UNIQUE INDEX uq_payment_line_month ON payment_lines (person_id, benefit, month) WHERE kind = 'pay' AND carried_from IS NULL").run()
        // One difference per person × ledger × month in a cycle.
        try await s.raw("CREATE UNIQUE INDEX uq_payment_line_adjust ON payment_lines (cycle_id, person_id, benefit, month) WHERE kind = 'adjust' AND carried_from IS NULL").run()
        // An unpaid line is carried forward once.
        try await s.raw("CREATE UNIQUE INDEX uq_payment_line_carry ON payment_lines (carried_from) WHERE carried_from IS NOT NULL").run()
        try await s.raw("CREATE INDEX ix_payment_lines_cycle ON payment_lines (cycle_id, group_id)").run()
    }
    func revert(on db: Database) async throws {
        try await db.schema("payment_lines").delete()
        try await db.schema("payment_cycles").delete()
    }
}

public struct CycleView: Sendable {
    public let id: UUID
    public let communeID: UUID
    public let communeName: String
    public let month: YearMonth
    public let status: CycleStatus
    public let preparedBy: String
    public let generatedAt: Date
    public let approvedBy: String?
    public let approvedTotal: Int64?
    public let closedBy: String?
    public let recipients: Int
    public let lines: Int
    public let balance: CycleBalance
    public let arrears: Int64
    public let adjustments: Int64
}

public struct LineView: Sendable {
    public let id: Int64
    public let personID: UUID
    public let personName: String
    public let birth: String
    public let nationalID: String?
    public let groupName: String
    public let benefit: Benefit
    public let month: YearMonth
    public let kind: String
    public let amount: Int64
    public let recipientKind: String
    public let recipientName: String?
    public let channel: PaymentChannel
    public let account: String?
    public let status: LineStatus
    public let reason: String?
    public let carried: Bool
    /// The Decree 20 categories of the decision paying the month (empty for a difference on a
    /// month no longer paid).
    public let categories: [String]
}

/// A decision signed after the cycle was generated: it goes to the next cycle.
public struct CycleChange: Sendable {
    public let decision: DecisionView
}

public struct LineFilter: Sendable {
    public var status: LineStatus?
    public var channel: PaymentChannel?
    public var groupID: UUID?
    public init(status: LineStatus? = nil, channel: PaymentChannel? = nil, groupID: UUID? = nil) {
        self.status = status; self.channel = channel; self.groupID = groupID
    }
}

/// One row of a channel's confirmation file, or one tick of the signature list.
public struct Settlement: Sendable {
    public let lineID: Int64
    public let status: LineStatus
    public let reason: String
    public init(lineID: Int64, status: LineStatus, reason: String) { self.lineID = lineID; self.status = status; self.reason = reason }
}

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
    /// 3. lines of closed cycles left unpaid, carried forward while the ledger is open.
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
                    .filter(\.$status != CycleStatus.closed.rawValue).first() {
                    throw AppError.invalid("month", "payroll.error.previous_open", ["month": open.month])
                }
                let c = PaymentCycleModel()
                c.communeID = communeID; c.unitPath = u.path; c.month = month.iso; c.status = CycleStatus.draft.rawValue
                c.preparedBy = actor.username; c.preparedByID = actor.userID; c.generatedAt = store.now()
                try await c.create(on: tx)
                cycle = c
            }
            let cid = cycle!.id!
            let firstRow = try await s.raw("""
                SELECT MIN(CASE WHEN paid_before IS NOT NULL AND paid_before > from_month THEN paid_before ELSE from_month END) AS first
                FROM allowance_periods WHERE commune_id = \(bind: communeID)
                """).first()
            let first = try firstRow?.decode(column: "first", as: String?.self).flatMap(YearMonth.init(iso:))
            let issuedFirst = try await s.raw("""
                SELECT MIN(l.month) AS first FROM payment_lines l JOIN payment_cycles c ON c.id = l.cycle_id WHERE c.commune_id = \(bind: communeID)
                """).first()?.decode(column: "first", as: String?.self).flatMap(YearMonth.init(iso:))
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
                let columns: SQLQueryString = "cycle_id, person_id, benefit, month, kind, amount, group_id, recipient_kind, recipient_name, channel, account, status"
                if tx.isPostgres {
                    // PostgreSQL plans the NOT EXISTS from the table's statistics: refresh them,
                    // and compute the lines before writing them, so the scan never reads rows the
                    // same statement is adding (a nested loop over a growing table took 385 s for
                    // 100,000 recipients; this takes seconds).
                    try await s.raw("ANALYZE payment_lines").run()
                    try await s.raw("""
                        CREATE TEMP TABLE payroll_due (cycle_id uuid, person_id uuid, benefit text, month text, kind text, amount bigint, group_id uuid,
                                                       recipient_kind text, recipient_name text, channel text, account text, status text) ON COMMIT DROP
                        """).run()
                    try await s.raw("INSERT INTO payroll_due (\(columns)) \(due)").run()
                    try await s.raw("INSERT INTO payment_lines (\(columns)) SELECT \(columns) FROM payroll_due").run()
                    try await s.raw("DROP TABLE payroll_due").run()
                } else {
                    try await s.raw("INSERT INTO payment_lines (\(columns)) \(due)").run()
                }
                // 2. Differences for months this commune issued before.
                try await s.raw("""
                    WITH m(month, std, pen) AS (VALUES \(months)),
                    issued AS (
                        SELECT l.person_id, l.benefit, l.month, CAST(SUM(CASE WHEN l.status = 'returned' THEN 0 ELSE l.amount END) AS BIGINT) AS net,
                               MAX(l.id) AS last_id
                        FROM payment_lines l JOIN payment_cycles c ON c.id = l.cycle_id
                        WHERE c.commune_id = \(bind: communeID) AND l.cycle_id <> \(bind: cid) AND l.carried_from IS NULL
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
                    """).run()
            }
            // 3. Unpaid lines carried forward while the ledger is open.
            try await s.raw("""
                INSERT INTO payment_lines (cycle_id, person_id, benefit, month, kind, amount, group_id, recipient_kind, recipient_name, channel, account, status, reason, carried_from)
                SELECT \(bind: cid), l.person_id, l.benefit, l.month, l.kind, l.amount, l.group_id, l.recipient_kind, l.recipient_name, l.channel, l.account,
                       'issued', l.reason, l.id
                FROM payment_lines l JOIN payment_cycles c ON c.id = l.cycle_id
                WHERE c.commune_id = \(bind: communeID) AND c.status = 'closed' AND l.status = 'unpaid'
                  AND NOT EXISTS (SELECT 1 FROM payment_lines x WHERE x.carried_from = l.id)
                  AND EXISTS (SELECT 1 FROM allowance_periods p WHERE p.person_id = l.person_id AND p.benefit = l.benefit AND p.until_month IS NULL)
                """).run()
            let totals = try await s.raw("SELECT COUNT(*) AS n, COALESCE(CAST(SUM(amount) AS BIGINT), 0) AS total FROM payment_lines WHERE cycle_id = \(bind: cid)").first()!
            audit.add(AuditRecord(action: "generate", entity: "payment_cycle", entityID: cid.uuidString, unitID: communeID, unitPath: u.path,
                                  before: NoValue?.none, after: ["month": month.iso, "lines": "\(try totals.decode(column: "n", as: Int.self))",
                                                       "total": "\(try totals.decode(column: "total", as: Int64.self))"]))
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
            guard CycleLifecycle.mayApprove(approver: actor.username, approverID: actor.userID?.uuidString, preparedBy: c.preparedBy,
                                            preparedByID: c.preparedByID?.uuidString, submittedByID: c.submittedByID?.uuidString) else {
                throw AppError.conflict(Message("payroll.error.same_person"))
            }
            c.approvedBy = actor.username; c.approvedAt = store.now()
            c.approvedTotal = try await sql(tx).raw("SELECT COALESCE(CAST(SUM(amount) AS BIGINT), 0) AS t FROM payment_lines WHERE cycle_id = \(bind: c.id!)").first()!
                .decode(column: "t", as: Int64.self)
            return ["total": "\(c.approvedTotal!)"]
        }
    }

    /// The approver sends a submitted cycle back to the preparer, with a reason.
    public func sendBack(_ actor: Actor, cycleID: UUID, reason: String) async throws {
        let text = reason.trimmingCharacters(in: .whitespaces)
        try await store.transition(actor, PaymentCycleModel.self, cycleID, .sendBack, fields: ["reason": text]) { _, _, _ in ["reason": text] }
    }

    /// Records what the channel confirmed: each line paid, unpaid (with its reason, carried
    /// forward) or returned. Every row is checked first; with any error nothing is written.
    public func settle(_ actor: Actor, cycleID: UUID, _ rows: [Settlement], rowNumbers: [Int]? = nil) async throws -> Int {
        try CycleLifecycle.authorize(.settle, role: actor.role)
        if rows.isEmpty { throw AppError.invalid("line", "payroll.error.empty") }
        return try await store.transition(actor, PaymentCycleModel.self, cycleID, .settle) { c, tx, _ in
            let ids = Set(try await sql(tx).raw("SELECT id FROM payment_lines WHERE cycle_id = \(bind: cycleID)").all().map { try $0.decode(column: "id", as: Int64.self) })
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
                    try await sql(tx).raw("""
                        UPDATE payment_lines SET status = \(bind: status), reason = \(bind: reason.isEmpty ? nil : reason), settled_by = \(bind: actor.username)
                        WHERE cycle_id = \(bind: cycleID) AND id IN (\(unsafeRaw: ids.map(String.init).joined(separator: ",")))
                        """).run()
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
              let idCol = header.firstIndex(of: "line_id"), let stCol = header.firstIndex(of: "status") else {
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
            if id == nil { errors.append(FieldError(field: "line_id", message: Message("payroll.error.line", ["row": "\(row)", "id": idCol < r.count ? r[idCol] : ""]))) }
            if st == nil { errors.append(FieldError(field: "status", message: Message("payroll.error.settle_status", ["row": "\(row)"]))) }
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
                throw AppError.conflict(Message("payroll.error.unbalanced", ["issued": Message.money(b.issued), "approved": Message.money(c.approvedTotal ?? 0)]))
            }
            c.closedBy = actor.username; c.closedAt = store.now()
            let summary = ["paid": "\(b.paid)", "carried": "\(b.carried)", "returned": "\(b.returned)"]
            // Persons with allowance lines in each of the last N closed cycles (this one
            // included), none of them paid: Circular 02/2021 Art. 6(1)(a), N from the rule file.
            let lastN = try await PaymentCycleModel.query(on: tx).filter(\.$communeID == c.communeID).filter(\.$id != c.id!)
                .filter(\.$status == CycleStatus.closed.rawValue).filter(\.$month < c.month).sort(\.$month, .descending).range(0..<(n - 1)).all() + [c]
            guard lastN.count == n, YearMonth(iso: lastN.map(\.month).min()!)!.adding(months: n - 1) == YearMonth(iso: c.month)! else { return ([], summary) }
            let rows = try await sql(tx).raw("""
                SELECT l.person_id FROM payment_lines l
                WHERE l.cycle_id IN (\(binds: lastN.map { $0.id! })) AND l.benefit = 'allowance' AND l.amount > 0
                GROUP BY l.person_id
                HAVING COUNT(DISTINCT l.cycle_id) = \(bind: n) AND SUM(CASE WHEN l.status = 'paid' THEN 1 ELSE 0 END) = 0
                """).all()
            // The suspensions are written in this same transaction: a close that stops half way
            // leaves neither a closed cycle without them nor suspensions without the close.
            var done: [UUID] = []
            let next = YearMonth(iso: c.month)!.adding(months: 1)
            for p in try rows.map({ try $0.decode(column: "person_id", as: UUID.self) }) {
                // Already suspended or stopped (no open allowance period): nothing to do.
                guard try await AllowancePeriodModel.query(on: tx).filter(\.$personID == p).filter(\.$benefit == Benefit.allowance.rawValue)
                    .filter(\.$untilMonth == nil).first() != nil else { continue }
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
        for r in try await sql(db).raw("SELECT status, CAST(SUM(amount) AS BIGINT) AS total FROM payment_lines WHERE cycle_id = \(bind: cycleID) GROUP BY status").all() {
            b.add(try r.decode(column: "total", as: Int64.self), LineStatus(rawValue: try r.decode(column: "status", as: String.self)) ?? .issued)
        }
        return b
    }

    // MARK: reads

    public func cycles(_ actor: Actor) async throws -> [CycleView] {
        try actor.require(.viewAllowances)
        let rows = try await store.scoped(PaymentCycleModel.self, actor).sort(\.$month, .descending).range(0..<120).all()
        var out: [CycleView] = []
        for c in rows { out.append(try await view(c)) }
        // Units above a commune see every commune's cycles; a ward officer only theirs.
        return out
    }

    public func cycle(_ actor: Actor, _ id: UUID) async throws -> CycleView {
        try actor.require(.viewAllowances)
        return try await view(try await store.scoped(PaymentCycleModel.self, id, actor))
    }

    func view(_ c: PaymentCycleModel) async throws -> CycleView {
        let s = sql(store.db)
        let r = try await s.raw("""
            SELECT COUNT(*) AS n, COUNT(DISTINCT person_id) AS persons,
                   COALESCE(CAST(SUM(CASE WHEN kind = 'pay' AND month < \(bind: c.month) AND carried_from IS NULL THEN amount ELSE 0 END) AS BIGINT), 0) AS arrears,
                   COALESCE(CAST(SUM(CASE WHEN kind = 'adjust' AND carried_from IS NULL THEN amount ELSE 0 END) AS BIGINT), 0) AS adjustments
            FROM payment_lines WHERE cycle_id = \(bind: c.id!)
            """).first()!
        let name = try await OrgUnitModel.find(c.communeID, on: store.db)?.name ?? ""
        return CycleView(id: c.id!, communeID: c.communeID, communeName: name, month: YearMonth(iso: c.month)!, status: CycleStatus(rawValue: c.status) ?? .draft,
                         preparedBy: c.preparedBy, generatedAt: c.generatedAt, approvedBy: c.approvedBy, approvedTotal: c.approvedTotal, closedBy: c.closedBy,
                         recipients: try r.decode(column: "persons", as: Int.self), lines: try r.decode(column: "n", as: Int.self),
                         balance: try await balance(c.id!, on: store.db), arrears: try r.decode(column: "arrears", as: Int64.self),
                         adjustments: try r.decode(column: "adjustments", as: Int64.self))
    }

    public func lines(_ actor: Actor, cycleID: UUID, filter: LineFilter, page: PageSpec) async throws -> ResultPage<LineView> {
        try actor.require(.viewAllowances)
        let c = try await store.scoped(PaymentCycleModel.self, cycleID, actor)
        var conds: [SQLQueryString] = ["l.cycle_id = \(bind: c.id!)"]
        if let st = filter.status { conds.append("l.status = \(bind: st.rawValue)") }
        if let ch = filter.channel { conds.append("l.channel = \(bind: ch.rawValue)") }
        if let g = filter.groupID { conds.append("l.group_id = \(bind: g)") }
        let whereSQL = conds.joined(separator: " AND ")
        let s = sql(store.db)
        let total = try await s.raw("SELECT COUNT(*) AS n FROM payment_lines l WHERE \(whereSQL)").first()!.decode(column: "n", as: Int.self)
        let rows = try await s.raw("""
            SELECT l.id, l.person_id, p.full_name, p.birth_date, p.national_id, COALESCE(g.name, '') AS group_name, l.benefit, l.month, l.kind, l.amount,
                   l.recipient_kind, l.recipient_name, l.channel, l.account, l.status, l.reason, l.carried_from, COALESCE(ad.categories, '') AS categories
            FROM payment_lines l JOIN persons p ON p.id = l.person_id LEFT JOIN org_units g ON g.id = l.group_id
            LEFT JOIN allowance_periods ap ON ap.person_id = l.person_id AND ap.benefit = l.benefit AND ap.from_month <= l.month
                 AND (ap.until_month IS NULL OR ap.until_month > l.month)
            LEFT JOIN allowance_decisions ad ON ad.id = ap.decision_id
            WHERE \(whereSQL) ORDER BY group_name, p.full_name, l.person_id, l.benefit, l.month, l.id
            LIMIT \(unsafeRaw: String(page.perPage)) OFFSET \(unsafeRaw: String(page.offset))
            """).all()
        let items = try rows.map { r in
            LineView(id: try r.decode(column: "id", as: Int64.self), personID: try r.decode(column: "person_id", as: UUID.self),
                     personName: try r.decode(column: "full_name", as: String.self), birth: try r.decode(column: "birth_date", as: String.self),
                     nationalID: try r.decode(column: "national_id", as: String?.self), groupName: try r.decode(column: "group_name", as: String.self),
                     benefit: Benefit(rawValue: try r.decode(column: "benefit", as: String.self)) ?? .allowance,
                     month: YearMonth(iso: try r.decode(column: "month", as: String.self))!, kind: try r.decode(column: "kind", as: String.self),
                     amount: try r.decode(column: "amount", as: Int64.self), recipientKind: try r.decode(column: "recipient_kind", as: String.self),
                     recipientName: try r.decode(column: "recipient_name", as: String?.self),
                     channel: PaymentChannel(rawValue: try r.decode(column: "channel", as: String.self)) ?? .cash,
                     account: try r.decode(column: "account", as: String?.self), status: LineStatus(rawValue: try r.decode(column: "status", as: String.self)) ?? .issued,
                     reason: try r.decode(column: "reason", as: String?.self), carried: try r.decode(column: "carried_from", as: Int64?.self) != nil,
                     categories: SensitivityClass.visibleCategories(try r.decode(column: "categories", as: String.self).split(separator: ",").map(String.init),
                                                                    for: actor.role))
        }
        return ResultPage(items: items, request: page, total: total)
    }

    /// Every line of a cycle (for the channel files and the signature lists).
    public func allLines(_ actor: Actor, cycleID: UUID, filter: LineFilter) async throws -> [LineView] {
        var out: [LineView] = []
        var page = 1
        while true {
            let p = try await lines(actor, cycleID: cycleID, filter: filter, page: PageSpec(page: page, perPage: PageSpec.maxPerPage))
            out += p.items
            if page >= p.pageCount { return out }
            page += 1
        }
    }

    /// Decisions of the commune signed after the cycle was generated: not in this cycle's
    /// snapshot, they are paid or recovered in the next one.
    public func changes(_ actor: Actor, cycleID: UUID) async throws -> [DecisionView] {
        try actor.require(.viewAllowances)
        let c = try await store.scoped(PaymentCycleModel.self, cycleID, actor)
        let rows = try await AllowanceDecisionModel.query(on: store.db).filter(\.$communeID == c.communeID).filter(\.$createdAt > c.generatedAt)
            .sort(\.$createdAt).all()
        return try await DecisionRepository(store).decisionViews(rows, for: actor.role)
    }

    /// Cycles in the actor's scope that wait for someone: submitted (for an approver), or a
    /// draft or approved cycle not yet closed (for the preparer).
    public func waiting(_ actor: Actor) async throws -> [CycleView] {
        try actor.require(.viewAllowances)
        let rows = try await store.scoped(PaymentCycleModel.self, actor)
            .filter(\.$status != CycleStatus.closed.rawValue).sort(\.$month).all()
        var out: [CycleView] = []
        for c in rows { out.append(try await view(c)) }
        return out
    }

    /// Communes in the actor's scope (for the "prepare a cycle" form).
    public func communes(_ actor: Actor) async throws -> [(UUID, String)] {
        try await store.scoped(OrgUnitModel.self, actor).filter(\.$kind == UnitKind.commune.rawValue).all()
            .sorted { $0.name < $1.name }.map { ($0.id!, $0.name) }
    }

    /// Cycles not yet prepared for `month` in communes that pay someone: the scheduled job
    /// generates them on the configured day (idempotent: an existing cycle is left alone).
    public func generateDue(month: YearMonth) async throws -> [UUID] {
        let rows = try await sql(store.db).raw("""
            SELECT DISTINCT p.commune_id FROM allowance_periods p
            WHERE NOT EXISTS (SELECT 1 FROM payment_cycles c WHERE c.commune_id = p.commune_id AND c.month >= \(bind: month.iso))
              AND NOT EXISTS (SELECT 1 FROM payment_cycles c WHERE c.commune_id = p.commune_id AND c.status <> 'closed')
            """).all()
        var out: [UUID] = []
        for r in rows { out.append(try await generate(.system, communeID: try r.decode(column: "commune_id", as: UUID.self), month: month)) }
        return out
    }
}

extension PaymentCycleModel: LifecycleRecord {
    public typealias Life = CycleLifecycle
    public static var unitPathKey: KeyPath<PaymentCycleModel, FieldProperty<PaymentCycleModel, String>> { \.$unitPath }
    public var lifecycleState: CycleLifecycle.State {
        get { CycleStatus(rawValue: status) ?? .draft }
        set { status = newValue.rawValue }
    }
    public var auditUnitID: UUID? { communeID }
}
