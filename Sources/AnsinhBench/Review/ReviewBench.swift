import AnsinhCore
import AnsinhStore
import AnsinhWeb
import FluentKit
import Foundation
import SQLKit
import Vapor

/// `ansinh bench review`: a generated ward of N households imported through the registry
/// import, their survey results through the campaign's survey import (checked, written,
/// classified and audited as an office does), then the whole campaign classified again with
/// the set-based job, next to the raw engine doing the same as one UPDATE. Every result is
/// checked against the rule in AnsinhCore.
public enum ReviewBench {
    public struct Result: Sendable {
        public var households = 0
        public var loadSeconds = 0.0
        public var surveySeconds = 0.0
        public var classifySeconds = 0.0
        /// The raw engine doing the same work: one UPDATE of every entry with the same
        /// expression (`ReviewRepository.classSQL`), no batches, no audit.
        public var rawSeconds = 0.0
        public var agree = 0
        public var counts: [PovertyClass: Int] = [:]
        public var database = ""
        public var markdown: String {
            var s = "| measure | value |\n|---|---|\n| database | \(database) |\n| households with a survey | \(households) |\n"
            s += "| registry import (bench set-up, audited) | \(String(format: "%.2f", loadSeconds)) s |\n"
            s +=
                "| survey results import (every row checked, written in batches of \(ReviewRepository.importBatchSize), classified, audited) | \(String(format: "%.2f", surveySeconds)) s |\n"
            s +=
                "| classify all (set-based SQL, batches of \(ReviewRepository.batchSize)) | \(String(format: "%.2f", classifySeconds)) s (\(Int(Double(households) / max(classifySeconds, 0.0001))) households/s) |\n"
            s += "| raw engine: the same classification as one UPDATE statement | \(String(format: "%.2f", rawSeconds)) s |\n"
            s += "| ratio Ansinh / raw engine (goal ≤ 2×) | \(String(format: "%.2f", classifySeconds / max(rawSeconds, 0.0001)))× |\n"
            s += "| results equal to the AnsinhCore rule | \(agree) / \(households) |\n"
            s += "| poor / near-poor / middle / above middle | " + PovertyClass.allCases.map { String(counts[$0] ?? 0) }.joined(separator: " / ") + " |\n"
            return s
        }
    }

    public static func run(_ app: Application, households n: Int, seed: UInt64, period: Int, log: @escaping @Sendable (String) -> Void) async throws -> Result {
        var result = Result()
        let db = app.db as! any SQLDatabase
        result.database = db.dialect.name == "postgresql" ? "PostgreSQL" : "SQLite"
        let store = app.store
        let w = try await BenchFixtures.ward(store)
        let (registry, loadSeconds) = try await BenchFixtures.importedRegistry(store, w, households: n, seed: seed, log: log)
        result.loadSeconds = loadSeconds
        let standard = PovertyRules.shared.standard(for: period)!
        var rng = SeededRandom(seed: seed)
        var surveys = "household_code,income_per_person,deprivations,collector,collected_on\n"
        let codes = BenchFixtures.householdCodes(registry)
        result.households = codes.count
        for code in codes {
            let line = standard.incomeLine.value(.urban)
            let income = Int64.random(in: (line / 2)...(line * 2), using: &rng)
            let deps = standard.indicatorCodes.shuffled(using: &rng).prefix(Int.random(in: 0...6, using: &rng)).joined(separator: " ")
            surveys += "\(code),\(income),\(deps),Tổ khảo sát,\(period)-01-20\n"
        }
        var campaign = UUID()
        result.surveySeconds = try await BenchFixtures.seconds {
            campaign = try await BenchFixtures.surveyed(store, w, period: period, surveys: surveys, log: log)
        }
        log("surveys imported in \(String(format: "%.2f", result.surveySeconds)) s")
        // The raw engine first, on the same rows, then the rows put back as they were.
        let expr = ReviewRepository.classSQL(standard)
        result.rawSeconds = try await BenchFixtures.seconds {
            try await db.raw(
                "UPDATE review_entries SET class = \(unsafeRaw: expr.cls), reasons = \(unsafeRaw: expr.reasons) WHERE campaign_id = \(bind: campaign)"
            ).run()
        }
        try await db.raw("UPDATE review_entries SET class = NULL, reasons = NULL WHERE campaign_id = \(bind: campaign)").run()
        log("raw engine: one UPDATE in \(String(format: "%.2f", result.rawSeconds)) s")
        result.classifySeconds = try await BenchFixtures.seconds {
            _ = try await ReviewRepository(store).classifyAll(w.officer, campaignID: campaign) { done, total in
                if done == total || done % 50_000 < ReviewRepository.batchSize { log("  \(done)/\(total)") }
            }
        }
        log("classified in \(String(format: "%.2f", result.classifySeconds)) s")
        for r in try await db.select().columns("area_type", "income_per_person", "deprivations", "class", "reasons").from("review_entries")
            .where("campaign_id", .equal, SQLBind(campaign)).all()
        {
            let deps = Set(try r.decode(column: "deprivations", as: String.self).split(separator: ",").map(String.init))
            let survey = PovertySurvey(
                period: period, area: AreaType(rawValue: try r.decode(column: "area_type", as: String.self)) ?? .rural,
                incomePerPerson: try r.decode(column: "income_per_person", as: Int64.self), deprivations: deps)
            let expected = PovertyRules.classify(survey, standard: standard)
            let cls = try r.decode(column: "class", as: String.self)
            let reasons = try r.decode(column: "reasons", as: String.self)
            if expected.povertyClass.rawValue == cls && expected.reasons.map(\.code).joined(separator: ",") == reasons {
                result.agree += 1
            }
            if let c = PovertyClass(rawValue: cls) { result.counts[c, default: 0] += 1 }
        }
        return result
    }
}
