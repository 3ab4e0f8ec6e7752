import AnsinhCore
import AnsinhStore
import AnsinhWeb
import FluentKit
import Foundation
import SQLKit
import Vapor

/// `ansinh bench payroll`: one monthly cycle for N recipients of a synthetic ward (one person
/// per household, coefficients 1.0–2.5, 10% with a decision three months late so the cycle
/// carries arrears, 5% cared-for with a care-support ledger), loaded directly with SQL. Times the
/// generation (computed and written), the approval, the reconciliation of every line and the
/// close, and checks the money balances to the đồng.
public enum PayrollBench {
    public struct Result: Sendable {
        public var recipients = 0
        public var lines = 0
        public var issued: Int64 = 0
        public var expected: Int64 = 0
        public var loadSeconds = 0.0
        public var generateSeconds = 0.0
        public var regenerateSeconds = 0.0
        public var settleSeconds = 0.0
        public var closeSeconds = 0.0
        public var balanced = false
        public var database = ""
        public var markdown: String {
            func s(_ x: Double) -> String { String(format: "%.2f s", x) }
            var o = "| measure | value |\n|---|---|\n| database | \(database) |\n| recipients / lines | \(recipients) / \(lines) |\n"
            o += "| load (bench set-up: persons, decisions, periods) | \(s(loadSeconds)) |\n"
            o +=
                "| **cycle computed and written** (target < 5 s) | **\(s(generateSeconds))** (\(Int(Double(lines) / max(generateSeconds, 0.0001))) lines/s) |\n"
            o += "| prepared again (draft; same lines, no double payment) | \(s(regenerateSeconds)) |\n"
            o += "| confirmation of every line (one transaction) | \(s(settleSeconds)) |\n"
            o += "| close (balance check, 3-month rule) | \(s(closeSeconds)) |\n"
            o += "| issued / expected | \(Dong(issued).formatted(.en)) / \(Dong(expected).formatted(.en)) — \(balanced ? "balanced" : "NOT balanced") |\n"
            return o
        }
    }

    public static func run(_ app: Application, recipients n: Int, seed: UInt64, month: YearMonth, log: @escaping @Sendable (String) -> Void) async throws
        -> Result
    {
        var result = Result()
        let db = app.db as! any SQLDatabase
        result.database = db.dialect.name == "postgresql" ? "PostgreSQL" : "SQLite"
        result.recipients = n
        let store = app.store
        let rules = try await RuleSettingsRepository(store).allowanceRules()
        let ward = try await UnitRepository(store).find(code: "00364")!
        let groups = try await UnitRepository(store).all(.system, kinds: [.residentialGroup]).filter { $0.parentID == ward.id }
        let users = UserRepository(store)
        let preparer = try await users.actor(for: try await users.find(username: "ketoan.khuongdinh")!.id, fallbackLocale: .vi)!
        let approver = try await users.actor(for: try await users.find(username: "lanhdao.khuongdinh")!.id, fallbackLocale: .vi)!
        var rng = SeededRandom(seed: seed)
        let coefficients = [10, 15, 15, 20, 20, 25]
        let start = DispatchTime.now().uptimeNanoseconds
        var done = 0
        while done < n {
            let count = min(1000, n - done)
            let hs = db.insert(into: "households").columns("id", "code", "commune_id", "group_id", "address", "area_type", "status", "unit_path", "search_key")
            let ps = db.insert(into: "persons").columns(
                "id", "full_name", "gender", "birth_date", "birth_year", "disability_level", "has_pension", "has_merit",
                "hiv", "unit_path", "search_key")
            let ms = db.insert(into: "memberships").columns("id", "household_id", "person_id", "role", "start_date")
            let ds = db.insert(into: "allowance_decisions").columns(
                "id", "person_id", "commune_id", "group_id", "unit_path", "benefit", "kind", "reason", "number",
                "signed_date", "effective_month", "standard_tenths", "pension_tenths", "monthly_amount",
                "categories", "evaluation", "rule_set", "recipient_kind", "channel", "decided_by")
            let pp = db.insert(into: "allowance_periods").columns(
                "id", "person_id", "benefit", "commune_id", "group_id", "unit_path", "from_month", "paid_before",
                "standard_tenths", "pension_tenths", "recipient_kind", "recipient_name", "channel", "account", "decision_id")
            for i in done..<(done + count) {
                let hid = UUID(), pid = UUID(), g = groups[i % groups.count]
                hs.values(
                    SQLBind(hid), SQLBind(String(format: "P-%08d", i)), SQLBind(ward.id), SQLBind(g.id), SQLBind("Số \(i)"), SQLBind("urban"),
                    SQLBind("active"), SQLBind(g.path), SQLBind("p"))
                ps.values(
                    SQLBind(pid), SQLBind("Người nhận \(i)"), SQLBind(i % 2 == 0 ? "male" : "female"), SQLBind("1950-01-01"), SQLBind(1950),
                    SQLBind("severe"), SQLBind(false), SQLBind(false), SQLBind(false), SQLBind(g.path), SQLBind("n"))
                ms.values(SQLBind(UUID()), SQLBind(hid), SQLBind(pid), SQLBind("head"), SQLBind("2020-01-01"))
                let tenths = coefficients[Int.random(in: 0..<coefficients.count, using: &rng)]
                // 10% decided late: paid from three months back (arrears); the rest taken over
                // from the paper list, paid from this month.
                let late = Int.random(in: 0..<10, using: &rng) == 0
                let from = late ? month.adding(months: -3) : month.adding(months: -24)
                let channel = ["cash", "cash", "post", "bank"][i % 4]
                var benefits: [(String, Int)] = [("allowance", tenths)]
                if Int.random(in: 0..<20, using: &rng) == 0 { benefits.append(("care_support", 10)) }
                for (benefit, t) in benefits {
                    let did = UUID()
                    ds.values(
                        SQLBind(did), SQLBind(pid), SQLBind(ward.id), SQLBind(g.id), SQLBind(g.path), SQLBind(benefit), SQLBind("start"), SQLBind("eligible"),
                        SQLBind("B-\(benefit)-\(i)"), SQLBind(from.firstDay.iso), SQLBind(from.iso), SQLBind(t), SQLBind(0),
                        SQLBind(Coefficient(tenths: t).times(rules.standardLevel(month)?.amount ?? 0)), SQLBind("D20-5.6"), SQLBind("{}"),
                        SQLBind(rules.id), SQLBind("person"), SQLBind(channel), SQLBind("bench"))
                    pp.values(
                        SQLBind(UUID()), SQLBind(pid), SQLBind(benefit), SQLBind(ward.id), SQLBind(g.id), SQLBind(g.path), SQLBind(from.iso),
                        SQLBind(late ? nil : month.iso), SQLBind(t), SQLBind(0), SQLBind(benefit == "allowance" ? "person" : "carer"),
                        SQLBind(benefit == "allowance" ? nil : "Người chăm sóc \(i)"), SQLBind(channel),
                        SQLBind(channel == "bank" ? String(format: "1020%08d", i) : nil), SQLBind(did))
                    var m = late ? from : month
                    while m <= month { result.expected += Coefficient(tenths: t).times(rules.standardLevel(m)?.amount ?? 0); m = m.adding(months: 1) }
                }
            }
            try await hs.run(); try await ps.run(); try await ms.run(); try await ds.run(); try await pp.run()
            done += count
        }
        if result.database == "SQLite" { try await db.raw("ANALYZE").run() } else { try await db.raw("ANALYZE").run() }
        result.loadSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        log("loaded \(n) recipients in \(String(format: "%.2f", result.loadSeconds)) s")

        let repo = PayrollRepository(store)
        var t = DispatchTime.now().uptimeNanoseconds
        let id = try await repo.generate(preparer, communeID: ward.id, month: month)
        result.generateSeconds = Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9
        log("cycle generated in \(String(format: "%.2f", result.generateSeconds)) s")
        t = DispatchTime.now().uptimeNanoseconds
        _ = try await repo.generate(preparer, communeID: ward.id, month: month)
        result.regenerateSeconds = Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9
        let view = try await repo.cycle(preparer, id)
        result.lines = view.lines
        result.issued = view.balance.issued
        try await repo.submit(preparer, cycleID: id)
        try await repo.approve(approver, cycleID: id)
        let ids = try await db.raw("SELECT id FROM payment_lines WHERE cycle_id = \(bind: id) ORDER BY id").all().map {
            try $0.decode(column: "id", as: Int64.self)
        }
        t = DispatchTime.now().uptimeNanoseconds
        _ = try await repo.settle(
            preparer, cycleID: id,
            ids.enumerated().map { i, line in
                i % 50 == 0 ? Settlement(lineID: line, status: .unpaid, reason: "vắng nhà") : Settlement(lineID: line, status: .paid, reason: "")
            })
        result.settleSeconds = Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9
        t = DispatchTime.now().uptimeNanoseconds
        _ = try await repo.close(preparer, cycleID: id)
        result.closeSeconds = Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9
        result.balanced = try await repo.cycle(preparer, id).balance.balances && result.issued == result.expected
        log("settled in \(String(format: "%.2f", result.settleSeconds)) s, closed in \(String(format: "%.2f", result.closeSeconds)) s")
        return result
    }
}
