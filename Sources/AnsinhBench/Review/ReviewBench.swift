import AnsinhCore
import AnsinhStore
import AnsinhWeb
import FluentKit
import Foundation
import SQLKit
import Vapor

/// `ansinh bench review`: classifies N households from stored survey data with the set-based
/// job, and checks every result against the rule in AnsinhCore.
public enum ReviewBench {
    public struct Result: Sendable {
        public var households = 0
        public var loadSeconds = 0.0
        public var classifySeconds = 0.0
        /// The raw engine doing the same work: one UPDATE of every entry with the same
        /// expression (`ReviewRepository.classSQL`), no batches, no audit.
        public var rawSeconds = 0.0
        public var agree = 0
        public var counts: [PovertyClass: Int] = [:]
        public var database = ""
        public var markdown: String {
            var s = "| measure | value |\n|---|---|\n| database | \(database) |\n| households with a stored survey | \(households) |\n"
            s += "| load surveys (bench set-up, not timed against the target) | \(String(format: "%.2f", loadSeconds)) s |\n"
            s +=
                "| classify all (set-based SQL, batches of \(ReviewRepository.batchSize)) | \(String(format: "%.2f", classifySeconds)) s (\(Int(Double(households) / max(classifySeconds, 0.0001))) households/s) |\n"
            s += "| raw engine: the same classification as one UPDATE statement | \(String(format: "%.2f", rawSeconds)) s |\n"
            s += "| ratio Ansinh / raw engine (goal ≤ 2×) | \(String(format: "%.2f", classifySeconds / max(rawSeconds, 0.0001)))× |\n"
            s += "| results equal to the AnsinhCore rule | \(agree) / \(households) |\n"
            s += "| poor / near-poor / middle / above middle | " + PovertyClass.allCases.map { String(counts[$0] ?? 0) }.joined(separator: " / ") + " |\n"
            return s
        }
    }

    static func seconds(_ body: () async throws -> Void) async rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try await body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    public static func run(_ app: Application, households n: Int, seed: UInt64, period: Int, log: @escaping @Sendable (String) -> Void) async throws -> Result {
        var result = Result()
        result.database = ((app.db as! any SQLDatabase).dialect.name == "postgresql") ? "PostgreSQL" : "SQLite"
        result.households = n
        let store = app.store
        let units = UnitRepository(store)
        let ward = try await units.find(code: "00364")!
        let groups = try await units.all(.system, kinds: [.residentialGroup]).filter { $0.parentID == ward.id }
        let officer = try await UserRepository(store).actor(for: try await UserRepository(store).find(username: "canbo.khuongdinh")!.id, fallbackLocale: .vi)!
        let campaign = try await ReviewRepository(store).createCampaign(
            officer, CampaignInput(communeID: ward.id, year: period, kind: "periodic", period: period),
            today: LocalDate(year: period, month: 9, day: 1)!)
        let standard = PovertyRules.shared.standard(for: period)!
        var rng = SeededRandom(seed: seed)
        var expected: [UUID: (String, String)] = [:]
        let db = app.db as! any SQLDatabase
        result.loadSeconds = try await seconds {
            var done = 0
            while done < n {
                let count = min(2000, n - done)
                let hs = db.insert(into: "households").columns(
                    "id", "code", "commune_id", "group_id", "address", "area_type", "status", "unit_path", "search_key")
                let es = db.insert(into: "review_entries").columns(
                    "id", "campaign_id", "household_id", "group_id", "unit_path", "origin", "area_type",
                    "income_per_person", "deprivations", "deprivation_count")
                for i in done..<(done + count) {
                    let hid = UUID(), eid = UUID()
                    let g = groups[i % groups.count]
                    let area: AreaType = i % 3 == 0 ? .rural : .urban
                    let line = standard.incomeLine.value(area)
                    let income = Int64.random(in: (line / 2)...(line * 2), using: &rng)
                    let deps = Set(standard.indicatorCodes.shuffled(using: &rng).prefix(Int.random(in: 0...6, using: &rng)))
                    hs.values(
                        SQLBind(hid), SQLBind(String(format: "B-%08d", i)), SQLBind(ward.id), SQLBind(g.id), SQLBind("Số \(i)"), SQLBind(area.rawValue),
                        SQLBind("active"), SQLBind(g.path), SQLBind("b"))
                    es.values(
                        SQLBind(eid), SQLBind(campaign.id), SQLBind(hid), SQLBind(g.id), SQLBind(g.path), SQLBind("current"), SQLBind(area.rawValue),
                        SQLBind(income), SQLBind(deps.sorted().joined(separator: ",")), SQLBind(deps.count))
                    let r = PovertyRules.classify(PovertySurvey(period: period, area: area, incomePerPerson: income, deprivations: deps), standard: standard)
                    expected[eid] = (r.povertyClass.rawValue, r.reasons.map(\.code).joined(separator: ","))
                }
                try await hs.run()
                try await es.run()
                done += count
            }
        }
        log("loaded \(n) surveys in \(String(format: "%.2f", result.loadSeconds)) s")
        // The raw engine first, on the same rows, then the rows put back as they were.
        let expr = ReviewRepository.classSQL(standard)
        result.rawSeconds = try await seconds {
            try await db.raw(
                "UPDATE review_entries SET class = \(unsafeRaw: expr.cls), reasons = \(unsafeRaw: expr.reasons) WHERE campaign_id = \(bind: campaign.id)"
            ).run()
        }
        try await db.raw("UPDATE review_entries SET class = NULL, reasons = NULL WHERE campaign_id = \(bind: campaign.id)").run()
        log("raw engine: one UPDATE in \(String(format: "%.2f", result.rawSeconds)) s")
        result.classifySeconds = try await seconds {
            _ = try await ReviewRepository(store).classifyAll(officer, campaignID: campaign.id) { done, total in
                if done == total || done % 50_000 < ReviewRepository.batchSize { log("  \(done)/\(total)") }
            }
        }
        log("classified in \(String(format: "%.2f", result.classifySeconds)) s")
        for r in try await db.select().columns("id", "class", "reasons").from("review_entries").where("campaign_id", .equal, SQLBind(campaign.id)).all() {
            let id = try r.decode(column: "id", as: UUID.self)
            let cls = try r.decode(column: "class", as: String.self)
            let reasons = try r.decode(column: "reasons", as: String.self)
            if expected[id]?.0 == cls && expected[id]?.1 == reasons { result.agree += 1 }
            if let c = PovertyClass(rawValue: cls) { result.counts[c, default: 0] += 1 }
        }
        return result
    }
}
