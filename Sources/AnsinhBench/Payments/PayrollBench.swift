import AnsinhCore
import AnsinhStore
import AnsinhWeb
import FluentKit
import Foundation
import SQLKit
import Vapor

/// `ansinh bench payroll`: one monthly cycle for N recipients of a synthetic ward (one person
/// per household, coefficients 1.5–2.5, 10% with a decision three months late so the cycle
/// carries arrears), loaded as an office does: the registry import, then the paper list taken
/// over (`DecisionRepository.takeOver`: each row a start decision, evaluated and audited). Times the
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
            o += "| load (bench set-up: registry import, paper list taken over; audited) | \(s(loadSeconds)) |\n"
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
        let w = try await BenchFixtures.ward(store)
        let preparer = w.accountant, approver = w.approver
        var rng = SeededRandom(seed: seed)
        // One recipient per household: an adult or an older person with a severe or especially
        // severe disability (Decree 20/2021 Art. 6: coefficients 1.5, 2.0 and 2.5).
        let shapes: [(birth: Int, level: String)] = [(1980, "severe"), (1950, "severe"), (1980, "especially_severe"), (1950, "especially_severe")]
        var registry = RegistryImportParser.templateHeader(vietnamese: false, circumstances: false).joined(separator: ",") + "\n"
        var list = TakeOverImport.columns.map(\.code).joined(separator: ",") + "\n"
        for i in 0..<n {
            let shape = shapes[Int.random(in: 0..<shapes.count, using: &rng)]
            let id = String(format: "0010%02d%06d", shape.birth % 100, i)
            let name = "Người Nhận \(i)"
            registry +=
                "\(String(format: "00364-P%07d", i)),00364,Tổ dân phố \(i % 3 + 1),Số \(i),urban,\(name),male,\(shape.birth)-01-01,\(id),head,\(shape.level),2020-01-01,no,\n"
            // 10% decided late: paid from three months back (arrears); the rest taken over from
            // the paper list, paid outside Ansinh up to the month before.
            let late = Int.random(in: 0..<10, using: &rng) == 0
            let from = late ? month.adding(months: -3) : month.adding(months: -24)
            let channel = ["cash", "cash", "post", "bank"][i % 4]
            let account = channel == "bank" ? String(format: "1020%08d", i) : ""
            list +=
                "\(id),\(name),allowance,B-\(i)/QĐ,\(from.firstDay.iso),\(from.iso),\(late ? "" : month.adding(months: -1).iso),,person,,\(channel),\(account)\n"
        }
        result.loadSeconds = try await BenchFixtures.seconds {
            try await BenchFixtures.registry(store, w, csv: registry, log: log)
            let report = try await DecisionRepository(store).takeOver(approver, data: Data(list.utf8), dryRun: false, today: month.lastDay) { done, total in
                if done == total || done % 10_000 < DecisionRepository.takeOverBatchSize { log("  take-over \(done)/\(total)") }
            }
            guard report.errors.isEmpty else { throw AppError.validation(Array(report.errors.prefix(5))) }
        }
        // What the cycle must issue: every month from the first one Ansinh pays to this one.
        for r in try await db.raw("SELECT from_month, paid_before, standard_tenths, pension_tenths FROM allowance_periods").all() {
            let from = YearMonth(iso: try r.decode(column: "from_month", as: String.self))!
            let period = PayPeriod(
                from: from, until: nil, standardTenths: try r.decode(column: "standard_tenths", as: Int.self),
                pensionTenths: try r.decode(column: "pension_tenths", as: Int.self))
            var m = try r.decode(column: "paid_before", as: String?.self).flatMap(YearMonth.init(iso:)) ?? from
            while m <= month { result.expected += period.amount(m, rules: rules); m = m.adding(months: 1) }
        }
        log("loaded \(n) recipients in \(String(format: "%.2f", result.loadSeconds)) s")

        let repo = PayrollRepository(store)
        var t = DispatchTime.now().uptimeNanoseconds
        let id = try await repo.generate(preparer, communeID: w.id, month: month)
        result.generateSeconds = Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9
        log("cycle generated in \(String(format: "%.2f", result.generateSeconds)) s")
        t = DispatchTime.now().uptimeNanoseconds
        _ = try await repo.generate(preparer, communeID: w.id, month: month)
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
