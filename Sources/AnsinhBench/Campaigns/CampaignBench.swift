import AnsinhCore
import AnsinhStore
import AnsinhWeb
import FluentKit
import Foundation
import SQLKit
import Vapor

/// `ansinh bench campaign`: a ward of N households imported through the registry import, then
/// a gift campaign for every household — the list made from the registry (one line per
/// household, named after its head) and every gift handed out in ticked lists of 5,000 — each
/// next to the raw engine doing the same work in one statement on the same rows.
public enum CampaignBench {
    public struct Result: Sendable {
        public var households = 0
        public var lines = 0
        public var handed = 0
        public var loadSeconds = 0.0
        public var listSeconds = 0.0
        public var rawListSeconds = 0.0
        public var handOutSeconds = 0.0
        public var rawHandOutSeconds = 0.0
        public var reportSeconds = 0.0
        public var database = ""
        public var markdown: String {
            func f(_ x: Double) -> String { String(format: "%.2f", x) }
            var s = "| measure | value |\n|---|---|\n| database | \(database) |\n"
            s += "| households / lines listed / gifts handed out | \(households) / \(lines) / \(handed) |\n"
            s += "| registry import (bench set-up) | \(f(loadSeconds)) s |\n"
            s += "| list made from the registry (rule read per person in Core, lines written in one transaction) | \(f(listSeconds)) s |\n"
            s += "| raw engine: the same lines as one INSERT … SELECT | \(f(rawListSeconds)) s |\n"
            s += "| ratio list / raw engine | \(f(listSeconds / max(rawListSeconds, 0.0001)))× |\n"
            s += "| hand-out of every line in ticked lists of 5,000 (checked, one audited transaction each) | \(f(handOutSeconds)) s |\n"
            s += "| raw engine: the same hand-outs as one INSERT … SELECT and one UPDATE | \(f(rawHandOutSeconds)) s |\n"
            s += "| ratio hand-out / raw engine | \(f(handOutSeconds / max(rawHandOutSeconds, 0.0001)))× |\n"
            s += "| the year's gifts report | \(f(reportSeconds)) s |\n"
            return s
        }
    }

    public static func run(_ app: Application, households n: Int, seed: UInt64, log: @escaping @Sendable (String) -> Void) async throws -> Result {
        var result = Result()
        let db = app.db as! any SQLDatabase
        result.database = db.dialect.name == "postgresql" ? "PostgreSQL" : "SQLite"
        let store = app.store
        let w = try await BenchFixtures.ward(store)
        result.loadSeconds = try await BenchFixtures.importedRegistry(store, w, households: n, seed: seed, log: log).seconds
        let repo = GiftCampaignRepository(store)
        var c = GiftCampaignInput()
        c.name = "Tết cho mọi hộ"; c.occasion = "tet"; c.day = store.today.iso; c.categories = ["everyone"]; c.per = "household"
        let campaign = try await repo.create(w.officer, c)
        var t = GiftTypeInput()
        t.name = "Quà Tết"; t.kind = "cash"; t.value = "500.000"; t.source = "Ngân sách phường"
        _ = try await repo.addGiftType(w.officer, campaignID: campaign, t)
        result.households = try await HouseholdModel.query(on: store.db).count()

        // The raw engine first, into a scratch table, then the real list.
        result.rawListSeconds = try await BenchFixtures.seconds {
            try await db.raw(
                """
                CREATE TABLE bench_raw_entries AS SELECT h.id AS household_id, h.group_id AS group_id, h.unit_path AS unit_path, h.code AS code,
                p.full_name AS name, 'pending' AS status FROM households h JOIN memberships m ON m.household_id = h.id AND m.end_date IS NULL
                AND m.role = 'head' JOIN persons p ON p.id = m.person_id WHERE h.status = 'active' AND p.death_date IS NULL AND p.merged_into IS NULL
                """
            ).run()
        }
        result.listSeconds = try await BenchFixtures.seconds { result.lines = try await repo.generate(w.officer, campaignID: campaign).added }
        log("list of \(result.lines) lines in \(String(format: "%.2f", result.listSeconds)) s (raw \(String(format: "%.2f", result.rawListSeconds)) s)")

        let ids = try await GiftEntryModel.query(on: store.db).filter(\.$campaignID == campaign).sort(\.$householdCode).all().map { $0.id! }
        result.rawHandOutSeconds = try await BenchFixtures.seconds {
            try await db.raw(
                "CREATE TABLE bench_raw_handouts AS SELECT household_id AS entry_id, '\(unsafeRaw: store.today.iso)' AS handed_on, name AS received_by FROM bench_raw_entries"
            ).run()
            try await db.raw("UPDATE bench_raw_entries SET status = 'handed'").run()
        }
        try await db.raw("DROP TABLE bench_raw_handouts").run()
        try await db.raw("DROP TABLE bench_raw_entries").run()
        result.handOutSeconds = try await BenchFixtures.seconds {
            for chunk in ids.chunked(5000) {
                result.handed += try await repo.handOut(w.officer, campaignID: campaign, entries: chunk, handedOn: store.today.iso, today: store.today).handed
            }
        }
        log("handed out \(result.handed) in \(String(format: "%.2f", result.handOutSeconds)) s (raw \(String(format: "%.2f", result.rawHandOutSeconds)) s)")
        result.reportSeconds = try await BenchFixtures.seconds {
            let r = try await repo.report(w.officer, year: store.today.year)
            guard r.total == result.handed else { throw AppError.conflict(Message("error.concurrent_change")) }
        }
        return result
    }
}
