import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// One row of the payments report: a commune, a month, a ledger and the categories decided.
public struct PaymentReportRow: Sendable, Equatable {
    public let communeName: String
    public let month: String
    public let benefit: Benefit
    /// A one-off benefit (Art. 11–15); its article code is the category.
    public var oneOff: Bool = false
    /// The Decree 20 categories of the decision in force for the month ("" for a difference
    /// on a month no longer paid).
    public let categories: String
    public let recipients: Int
    public let issued: Int64
    public let paid: Int64
}

public struct BudgetLine: Sendable, Equatable {
    public let communeID: UUID
    public let communeName: String
    public let planned: Int64?
    public let paid: Int64
}

public struct PaymentReport: Sendable {
    public let year: Int
    public let rows: [PaymentReportRow]
    public let budget: [BudgetLine]
    public var paid: Int64 { rows.reduce(0) { $0 + $1.paid } }
    public var issued: Int64 { rows.reduce(0) { $0 + $1.issued } }
}

/// Recipients and amounts by commune, month, ledger and category, and the budget used.
/// Money is counted for the month it is owed for (arrears count in their own month); a line
/// carried forward is issued once and paid once.
public struct PaymentReportRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    public func report(_ actor: Actor, year: Int) async throws -> PaymentReport {
        try actor.require(.viewAllowances)
        let s = sql(store.db)
        let rows = try await s.raw(
            """
            SELECT u.name AS commune, l.month, l.benefit, COALESCE(d.categories, CASE WHEN l.one_off_id IS NULL THEN '' ELSE l.benefit END) AS categories,
                   CASE WHEN l.one_off_id IS NULL THEN 0 ELSE 1 END AS one_off,
                   COUNT(DISTINCT CASE WHEN l.status = 'paid' AND l.amount > 0 THEN l.person_id END) AS recipients,
                   CAST(SUM(CASE WHEN l.carried_from IS NULL THEN l.amount ELSE 0 END) AS BIGINT) AS issued,
                   CAST(SUM(CASE WHEN l.status = 'paid' THEN l.amount ELSE 0 END) AS BIGINT) AS paid
            FROM payment_lines l JOIN payment_cycles c ON c.id = l.cycle_id JOIN org_units u ON u.id = c.commune_id
            LEFT JOIN allowance_periods p ON p.person_id = l.person_id AND p.benefit = l.benefit AND p.from_month <= l.month
                 AND (p.until_month IS NULL OR p.until_month > l.month)
            LEFT JOIN allowance_decisions d ON d.id = p.decision_id
            WHERE \(UnitScope.condition("c.unit_path", actor.scopePath, on: store.db)) AND l.month LIKE \(bind: "\(year)-%")
            GROUP BY u.name, l.month, l.benefit, COALESCE(d.categories, CASE WHEN l.one_off_id IS NULL THEN '' ELSE l.benefit END),
                     CASE WHEN l.one_off_id IS NULL THEN 0 ELSE 1 END
            ORDER BY u.name, l.month, l.benefit, categories
            """
        ).all()
        // A decision's categories are sealed (each value its own group above): opened here, and
        // a category of a sensitivity class the role may not see is shown as the neutral D20-5;
        // rows that become alike are added together, so that no count reveals the class. A
        // person has one decision per ledger and month, so recipients add up without double
        // counting.
        var out: [PaymentReportRow] = []
        var index: [String: Int] = [:]
        for r in rows {
            let stored = try r.decode(column: "categories", as: String.self)
            let categories = SensitivityClass.visibleCategories(
                SealedColumn.decisionCategories.open(stored).split(separator: ",").map(String.init), for: actor.role
            ).joined(separator: ",")
            let row = PaymentReportRow(
                communeName: try r.decode(column: "commune", as: String.self), month: try r.decode(column: "month", as: String.self),
                benefit: Benefit(rawValue: try r.decode(column: "benefit", as: String.self)) ?? .allowance,
                oneOff: try r.decode(column: "one_off", as: Int.self) == 1, categories: categories,
                recipients: try r.decode(column: "recipients", as: Int.self),
                issued: try r.decode(column: "issued", as: Int64.self), paid: try r.decode(column: "paid", as: Int64.self))
            let key = [row.communeName, row.month, row.benefit.rawValue, row.categories].joined(separator: "\u{1F}")
            if let i = index[key] {
                let o = out[i]
                out[i] = PaymentReportRow(
                    communeName: o.communeName, month: o.month, benefit: o.benefit, oneOff: o.oneOff, categories: o.categories,
                    recipients: o.recipients + row.recipients, issued: o.issued + row.issued, paid: o.paid + row.paid)
            } else {
                index[key] = out.count
                out.append(row)
            }
        }
        out.sort { ($0.communeName, $0.month, $0.benefit.rawValue, $0.categories) < ($1.communeName, $1.month, $1.benefit.rawValue, $1.categories) }
        let communes = try await store.scoped(OrgUnitModel.self, actor).filter(\.$kind == UnitKind.commune.rawValue).all()
        let planned = Dictionary(
            try await PaymentBudgetModel.query(on: store.db).filter(\.$year == year).all().map { ($0.communeID, $0.amount) },
            uniquingKeysWith: { a, _ in a })
        var paidBy: [UUID: Int64] = [:]
        for r in try await s.raw(
            """
            SELECT c.commune_id, CAST(SUM(l.amount) AS BIGINT) AS paid FROM payment_lines l JOIN payment_cycles c ON c.id = l.cycle_id
            WHERE \(UnitScope.condition("c.unit_path", actor.scopePath, on: store.db)) AND l.month LIKE \(bind: "\(year)-%") AND l.status = 'paid' GROUP BY c.commune_id
            """
        ).all() {
            paidBy[try r.decode(column: "commune_id", as: UUID.self)] = try r.decode(column: "paid", as: Int64.self)
        }
        let budget = communes.filter { planned[$0.id!] != nil || paidBy[$0.id!] != nil }.sorted { $0.name < $1.name }.map {
            BudgetLine(communeID: $0.id!, communeName: $0.name, planned: planned[$0.id!], paid: paidBy[$0.id!] ?? 0)
        }
        return PaymentReport(year: year, rows: out, budget: budget)
    }

    /// Records the year's planned amount of a commune (replacing an earlier one), audited.
    /// The years a budget may be set for.
    public static let budgetYears = 2000...2100

    public func setBudget(_ actor: Actor, communeID: UUID, year: Int, amount: Int64) async throws {
        try actor.require(.managePayments)
        var errors: [FieldError] = []
        if !Self.budgetYears.contains(year) { errors.append(FieldError(field: "year", message: Message("validation.choice"))) }
        if amount < 0 { errors.append(FieldError(field: "amount", message: Message("payroll.error.amount"))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        guard let u = try? await store.scoped(OrgUnitModel.self, communeID, actor), u.kind == UnitKind.commune.rawValue else {
            throw AppError.invalid("commune_id", "payroll.error.commune")
        }
        try await store.write(actor) { tx, audit in
            let existing = try await PaymentBudgetModel.query(on: tx).filter(\.$communeID == communeID).filter(\.$year == year).first()
            let m = existing ?? PaymentBudgetModel()
            let before = existing?.amount
            m.communeID = communeID; m.unitPath = u.path; m.year = year; m.amount = amount; m.setBy = actor.username
            if existing == nil { try await m.create(on: tx) } else { try await m.update(on: tx) }
            audit.add(
                AuditRecord(
                    action: "update", entity: "payment_budget", entityID: m.id!.uuidString, unitID: communeID, unitPath: u.path,
                    before: before.map { ["amount": "\($0)"] }, after: ["year": "\(year)", "amount": "\(amount)"]))
        }
    }
}
