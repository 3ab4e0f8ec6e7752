import AnsinhCore
import AnsinhStore
import AnsinhWeb
import FluentKit
import Foundation
import SQLKit
import Vapor

/// `ansinh bench centre`: years of a centre's protection work — cases and hotline contacts
/// written in batches through the audited write path (one audit entry per record) — then the
/// case list as a manager pages it and the yearly hotline report, each next to the raw engine
/// running the same statement.
public enum CentreBench {
    public struct Result: Sendable {
        public var years = 0
        public var cases = 0
        public var contacts = 0
        public var loadSeconds = 0.0
        public var listQueries = 0
        public var listP50Ms = 0.0
        public var listP95Ms = 0.0
        public var rawListP95Ms = 0.0
        public var reportSeconds = 0.0
        public var rawReportSeconds = 0.0
        public var reportContacts = 0
        public var database = ""
        public var markdown: String {
            func f(_ x: Double) -> String { String(format: "%.2f", x) }
            var s = "| measure | value |\n|---|---|\n| database | \(database) |\n"
            s += "| years / cases / hotline contacts | \(years) / \(cases) / \(contacts) |\n"
            s += "| load through the audited write path (bench set-up) | \(f(loadSeconds)) s |\n"
            s +=
                "| case list, manager, page of 50 (\(listQueries) queries, random step/kind filters and pages) p50 / p95 | \(f(listP50Ms)) ms / \(f(listP95Ms)) ms |\n"
            s += "| raw engine: the same SELECT, p95 | \(f(rawListP95Ms)) ms |\n"
            s += "| ratio case list p95 / raw engine | \(f(listP95Ms / max(rawListP95Ms, 0.0001)))× |\n"
            s += "| hotline report of the last year (\(reportContacts) contacts) | \(f(reportSeconds * 1000)) ms |\n"
            s += "| raw engine: the same GROUP BY statement | \(f(rawReportSeconds * 1000)) ms |\n"
            s += "| ratio report / raw engine | \(f(reportSeconds / max(rawReportSeconds, 0.0001)))× |\n"
            return s
        }
    }

    public static func run(
        _ app: Application, years: Int, cases: Int, contacts: Int, seed: UInt64, log: @escaping @Sendable (String) -> Void
    ) async throws -> Result {
        var result = Result()
        let db = app.db as! any SQLDatabase
        result.database = db.dialect.name == "postgresql" ? "PostgreSQL" : "SQLite"
        result.years = years; result.cases = cases; result.contacts = contacts
        let store = app.store
        let users = UserRepository(store)
        let worker = try await users.actor(for: try await users.find(username: "ctxh.quangninh")!.id, fallbackLocale: .vi)!
        let manager = try await users.actor(for: try await users.find(username: "giamdoc.quangninh")!.id, fallbackLocale: .vi)!
        let unit = try await OrgUnitModel.find(worker.unitID!, on: store.db)!
        let lastYear = 2025, firstYear = lastYear - years + 1
        let span = Double(years) * 365 * 86_400
        let start = ISO8601DateFormatter().date(from: "\(firstYear)-01-01T00:00:00+07:00")!
        let topics = HotlineTopics.shared.topics
        result.loadSeconds =
            try await BenchFixtures.ms {
                var rng = SeededRandom(seed: seed)
                var done = 0
                while done < cases {
                    let n = min(1000, cases - done)
                    var batch: [CaseModel] = []
                    for i in done..<(done + n) {
                        let m = CaseModel()
                        let at = start.addingTimeInterval(span * Double(i) / Double(cases))
                        m.id = UUID(); m.number = String(format: "%@-B%07d", unit.code, i); m.unitID = unit.id!; m.unitPath = unit.path
                        m.kind = CaseKind.allCases[Int.random(in: 0..<4, using: &rng)].rawValue
                        m.source = CaseSource.allCases[Int.random(in: 0..<CaseSource.allCases.count, using: &rng)].rawValue
                        m.status = (i >= cases - 40 ? CaseLifecycle.State.allCases.randomElement(using: &rng)! : .closed).rawValue
                        m.riskLevel = RiskLevel.allCases.randomElement(using: &rng)!.rawValue; m.riskReason = "Nguy cơ \(i)"; m.receivedAt = at
                        m.placement = (i % 9 == 0 ? Placement.temporaryShelter : .communitySupport).rawValue; m.personName = "Người \(i)"
                        m.worker = worker.username; m.createdBy = worker.username; m.stepAt = at
                        batch.append(m)
                    }
                    let copy = batch
                    try await store.write(worker) { tx, audit in
                        for m in copy {
                            try await m.create(on: tx)
                            audit.add(CaseRepository.created(m))
                        }
                    }
                    done += n
                }
                done = 0
                while done < contacts {
                    let n = min(2000, contacts - done)
                    var batch: [HotlineContactModel] = []
                    for i in done..<(done + n) {
                        let m = HotlineContactModel()
                        m.id = UUID(); m.unitID = unit.id!; m.unitPath = unit.path; m.at = start.addingTimeInterval(span * Double(i) / Double(contacts))
                        m.channel = ContactChannel.allCases.randomElement(using: &rng)!.rawValue; m.counsellor = worker.username
                        if i % 20 == 0 {
                            m.nonData = NonDataKind.allCases.randomElement(using: &rng)!.rawValue
                        } else {
                            let t = topics.randomElement(using: &rng)!
                            m.topic = t.code; m.subtopic = t.subtopics.randomElement(using: &rng)
                            m.callerType = CallerType.allCases.randomElement(using: &rng)!.rawValue
                            m.ageGroup = AgeGroup.allCases.randomElement(using: &rng)!.rawValue
                            m.sex = ContactSex.allCases.randomElement(using: &rng)!.rawValue
                            m.durationSeconds = Int.random(in: 60...1800, using: &rng)
                        }
                        batch.append(m)
                    }
                    let copy = batch
                    try await store.write(worker, durable: false) { tx, audit in
                        for m in copy {
                            try await m.create(on: tx)
                            audit.add(HotlineRepository.created(m))
                        }
                    }
                    done += n
                    if done % 50_000 == 0 { log("  \(done) contacts") }
                }
            } / 1000
        log("loaded \(cases) cases and \(contacts) contacts in \(String(format: "%.1f", result.loadSeconds)) s")
        try await db.raw("ANALYZE").run()

        // The case list as the manager pages it, and the raw engine's same SELECT.
        var rng = SeededRandom(seed: seed &+ 1)
        var times: [Double] = [], raw: [Double] = []
        result.listQueries = 300
        for _ in 0..<result.listQueries {
            let status: CaseLifecycle.State? = Bool.random(using: &rng) ? CaseLifecycle.State.allCases.randomElement(using: &rng) : nil
            let kind: CaseKind? = Bool.random(using: &rng) ? CaseKind.allCases.randomElement(using: &rng) : nil
            let page = PageSpec(page: Int.random(in: 1...5, using: &rng), perPage: 50)
            times.append(try await BenchFixtures.ms { _ = try await CaseRepository(store).list(manager, CaseFilter(status: status, kind: kind), page: page) })
            raw.append(
                try await BenchFixtures.ms {
                    // The raw engine's own scope test: a prefix of the unit path.
                    var where_ = "unit_path LIKE '\(manager.scopePath)%'"
                    if let status { where_ += " AND status = '\(status.rawValue)'" }
                    if let kind { where_ += " AND kind = '\(kind.rawValue)'" }
                    _ = try await db.raw("SELECT COUNT(*) AS n FROM cases WHERE \(unsafeRaw: where_)").first()
                    _ = try await db.raw(
                        "SELECT * FROM cases WHERE \(unsafeRaw: where_) ORDER BY received_at DESC LIMIT 50 OFFSET \(unsafeRaw: String(page.offset))"
                    ).all()
                })
        }
        result.listP50Ms = BenchFixtures.percentile(times, 0.5); result.listP95Ms = BenchFixtures.percentile(times, 0.95);
        result.rawListP95Ms = BenchFixtures.percentile(raw, 0.95)
        log("case list p95 \(String(format: "%.2f", result.listP95Ms)) ms (raw \(String(format: "%.2f", result.rawListP95Ms)) ms)")

        // The yearly hotline report, best of three, and the raw engine's GROUP BY.
        var best = Double.infinity, bestRaw = Double.infinity
        let from = ISO8601DateFormatter().date(from: "\(lastYear)-01-01T00:00:00+07:00")!
        let to = ISO8601DateFormatter().date(from: "\(lastYear + 1)-01-01T00:00:00+07:00")!
        for _ in 0..<3 {
            var r = HotlineReport()
            best = min(best, try await BenchFixtures.ms { r = try await HotlineRepository(store).report(manager, unitCode: unit.code, year: lastYear) })
            result.reportContacts = r.contacts
            bestRaw = min(
                bestRaw,
                try await BenchFixtures.ms {
                    _ = try await db.raw(
                        """
                        SELECT topic, sex, age_group, channel, non_data, COUNT(*), SUM(duration_seconds), COUNT(duration_seconds) FROM hotline_contacts
                        WHERE unit_path LIKE \(bind: unit.path + "%") AND at >= \(bind: from) AND at < \(bind: to)
                        GROUP BY topic, sex, age_group, channel, non_data
                        """
                    ).all()
                })
        }
        result.reportSeconds = best / 1000; result.rawReportSeconds = bestRaw / 1000
        log("hotline report \(String(format: "%.1f", best)) ms (raw \(String(format: "%.1f", bestRaw)) ms)")
        return result
    }
}
