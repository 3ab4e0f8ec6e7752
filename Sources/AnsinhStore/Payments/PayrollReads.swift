import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// What the payment pages and the API read: cycles, their lines and the decisions signed since.
extension PayrollRepository {
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
        let r = try await s.raw(
            """
            SELECT COUNT(*) AS n, COUNT(DISTINCT person_id) AS persons,
                   COALESCE(CAST(SUM(CASE WHEN kind = 'pay' AND month < \(bind: c.month) AND carried_from IS NULL THEN amount ELSE 0 END) AS BIGINT), 0) AS arrears,
                   COALESCE(CAST(SUM(CASE WHEN kind = 'adjust' AND carried_from IS NULL THEN amount ELSE 0 END) AS BIGINT), 0) AS adjustments
            FROM payment_lines WHERE cycle_id = \(bind: c.id!)
            """
        ).first()!
        let name = try await OrgUnitModel.find(c.communeID, on: store.db)?.name ?? ""
        return CycleView(
            id: c.id!, communeID: c.communeID, communeName: name, month: YearMonth(iso: c.month)!, status: CycleStatus(rawValue: c.status) ?? .draft,
            preparedBy: c.preparedBy, generatedAt: c.generatedAt, approvedBy: c.approvedBy, approvedTotal: c.approvedTotal, closedBy: c.closedBy,
            recipients: try r.decode(column: "persons", as: Int.self), lines: try r.decode(column: "n", as: Int.self),
            balance: try await balance(c.id!, on: store.db), arrears: try r.decode(column: "arrears", as: Int64.self),
            adjustments: try r.decode(column: "adjustments", as: Int64.self), anonymisedAt: c.anonymisedAt, legalHold: c.legalHold)
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
        let rows = try await s.raw(
            """
            SELECT l.id, l.person_id, p.full_name, p.birth_date, p.national_id, COALESCE(g.name, '') AS group_name, l.benefit, l.month, l.kind, l.amount,
                   l.recipient_kind, l.recipient_name, l.channel, l.account, l.status, l.reason, l.carried_from, l.one_off_id, l.kilograms,
                   COALESCE(ad.categories, o.category, '') AS categories
            FROM payment_lines l JOIN persons p ON p.id = l.person_id LEFT JOIN org_units g ON g.id = l.group_id
            LEFT JOIN one_off_decisions o ON o.id = l.one_off_id
            LEFT JOIN allowance_periods ap ON ap.person_id = l.person_id AND ap.benefit = l.benefit AND ap.from_month <= l.month
                 AND (ap.until_month IS NULL OR ap.until_month > l.month)
            LEFT JOIN allowance_decisions ad ON ad.id = ap.decision_id
            WHERE \(whereSQL) ORDER BY group_name, p.full_name, l.person_id, l.benefit, l.month, l.id
            LIMIT \(unsafeRaw: String(page.perPage)) OFFSET \(unsafeRaw: String(page.offset))
            """
        ).all()
        let items = try rows.map { r in
            LineView(
                id: try r.decode(column: "id", as: Int64.self), personID: try r.decode(column: "person_id", as: UUID.self),
                personName: try r.decode(column: "full_name", as: String.self), birth: try r.decode(column: "birth_date", as: String.self),
                nationalID: try r.decode(column: "national_id", as: String?.self), groupName: try r.decode(column: "group_name", as: String.self),
                benefit: Benefit(rawValue: try r.decode(column: "benefit", as: String.self)) ?? .allowance,
                month: YearMonth(iso: try r.decode(column: "month", as: String.self))!, kind: try r.decode(column: "kind", as: String.self),
                amount: try r.decode(column: "amount", as: Int64.self), recipientKind: try r.decode(column: "recipient_kind", as: String.self),
                recipientName: try r.decode(column: "recipient_name", as: String?.self),
                channel: PaymentChannel(rawValue: try r.decode(column: "channel", as: String.self)) ?? .cash,
                account: try r.decode(column: "account", as: String?.self),
                status: LineStatus(rawValue: try r.decode(column: "status", as: String.self)) ?? .issued,
                reason: try r.decode(column: "reason", as: String?.self), carried: try r.decode(column: "carried_from", as: Int64?.self) != nil,
                oneOffID: try r.decode(column: "one_off_id", as: UUID?.self), kilograms: try r.decode(column: "kilograms", as: Int?.self),
                // A decision's categories are sealed; a one-off's kind is not.
                categories: SensitivityClass.visibleCategories(
                    SealedColumn.decisionCategories.open(try r.decode(column: "categories", as: String.self)).split(separator: ",").map(String.init),
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
}
