import AnsinhCore
import AnsinhStore
import AnsinhWeb
import FluentKit
import Foundation
import SQLKit
import Vapor

/// `ansinh bench eligibility`: the whole-registry monthly allowance run over a generated ward
/// of N households (`RegistryGenerator`: ~3.4 persons each, 3% with a severe or especially
/// severe disability, 30% of the over-60s with a pension), loaded through the registry import,
/// with one household in ten made poor by a review campaign (survey import, meetings, posting,
/// decision) — every row written by the audited paths an office uses.
public enum EligibilityBench {
    public struct Result: Sendable {
        public var households = 0
        public var persons = 0
        public var loadSeconds = 0.0
        public var runSeconds = 0.0
        /// The raw engine reading the same rows in one statement: every current member of every
        /// active household, with the facts the evaluation reads, filtered to those who could
        /// qualify. The floor of any implementation; the evaluation itself is Swift.
        public var rawSeconds = 0.0
        public var eligible = 0
        public var total: Int64 = 0
        public var database = ""
        public var markdown: String {
            var s = "| measure | value |\n|---|---|\n| database | \(database) |\n| households / persons | \(households) / \(persons) |\n"
            s += "| load (bench set-up: registry import, survey import, campaign decision; audited) | \(String(format: "%.2f", loadSeconds)) s |\n"
            s +=
                "| eligibility run (read, evaluate, store) | \(String(format: "%.2f", runSeconds)) s (\(Int(Double(persons) / max(runSeconds, 0.0001))) persons/s) |\n"
            s += "| raw engine: one SELECT joining the same households, members and persons | \(String(format: "%.2f", rawSeconds)) s |\n"
            s += "| ratio Ansinh / raw engine (goal ≤ 2×) | \(String(format: "%.2f", runSeconds / max(rawSeconds, 0.0001)))× |\n"
            s += "| appear eligible / total per month | \(eligible) / \(Dong(total).formatted(.en)) |\n"
            return s
        }
    }

    public static func run(_ app: Application, households n: Int, seed: UInt64, month: YearMonth, log: @escaping @Sendable (String) -> Void) async throws
        -> Result
    {
        var result = Result()
        let db = app.db as! any SQLDatabase
        result.database = db.dialect.name == "postgresql" ? "PostgreSQL" : "SQLite"
        result.households = n
        let store = app.store
        let w = try await BenchFixtures.ward(store)
        let officer = w.officer
        let registry = BenchFixtures.cleanRegistry(households: n, seed: seed, today: month.lastDay)
        result.persons = registry.persons
        let codes = BenchFixtures.householdCodes(registry.csv)
        // One household in ten poor: surveyed below the income line with three deprivations and
        // made official by the campaign's decision, as the ward does each year.
        let standard = PovertyRules.shared.standard(for: month.year)!
        var surveys = "household_code,income_per_person,deprivations,collector,collected_on\n"
        for code in codes.enumerated().filter({ $0.offset % 10 == 0 }).map(\.element) {
            surveys += "\(code),\(standard.incomeLine.rural / 2),\(standard.indicatorCodes.prefix(3).joined(separator: " ")),Tổ khảo sát,\(month.year)-01-20\n"
        }
        result.loadSeconds = try await BenchFixtures.seconds {
            try await BenchFixtures.registry(store, w, csv: registry.csv, log: log)
            let campaign = try await BenchFixtures.surveyed(store, w, period: month.year, surveys: surveys, log: log)
            try await BenchFixtures.decided(store, w, campaign: campaign, period: month.year)
        }
        log("loaded \(n) households, \(result.persons) persons and their classes in \(String(format: "%.2f", result.loadSeconds)) s")
        let day = month.lastDay.iso
        let r0 = DispatchTime.now().uptimeNanoseconds
        let raw = try await db.raw(
            """
            SELECT COUNT(*) AS n, SUM(CASE WHEN p.disability_level IN ('severe', 'especially_severe') THEN 1 ELSE 0 END) AS disabled
            FROM households h JOIN memberships m ON m.household_id = h.id JOIN persons p ON p.id = m.person_id
            WHERE h.status = 'active' AND m.start_date <= \(bind: day) AND (m.end_date IS NULL OR m.end_date > \(bind: day))
              AND p.merged_into IS NULL AND (p.disability_level IN ('severe', 'especially_severe') OR p.birth_year <= \(bind: month.year - 60) OR p.hiv_status IS NOT NULL)
            """
        ).first()
        result.rawSeconds = Double(DispatchTime.now().uptimeNanoseconds - r0) / 1e9
        log("raw engine: \(try raw?.decode(column: "n", as: Int.self) ?? 0) candidates read in \(String(format: "%.2f", result.rawSeconds)) s")
        let t0 = DispatchTime.now().uptimeNanoseconds
        let run = try await EligibilityRepository(store).run(officer, month: month) { checked in
            if checked % 100_000 < 7000 { log("  \(checked) persons") }
        }
        result.runSeconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        result.eligible = run.eligible
        result.total = run.totalAmount
        log("run in \(String(format: "%.2f", result.runSeconds)) s: \(run.eligible) appear eligible")
        return result
    }
}
