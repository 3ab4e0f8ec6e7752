import AnsinhCore
import AnsinhStore
import AnsinhWeb
import FluentKit
import Foundation
import SQLKit
import Vapor

/// `ansinh bench eligibility`: the whole-registry monthly allowance run over a synthetic ward
/// of N households (~3.4 persons each; ages 0–95, 4% with a severe or especially severe
/// disability, 10% of households poor), loaded directly with SQL.
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
            s += "| load (bench set-up) | \(String(format: "%.2f", loadSeconds)) s |\n"
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
        let ward = try await UnitRepository(store).find(code: "00364")!
        let groups = try await UnitRepository(store).all(.system, kinds: [.residentialGroup]).filter { $0.parentID == ward.id }
        let officer = try await UserRepository(store).actor(for: try await UserRepository(store).find(username: "canbo.khuongdinh")!.id, fallbackLocale: .vi)!
        let campaign = try await ReviewRepository(store).createCampaign(
            officer, CampaignInput(communeID: ward.id, year: month.year, kind: "periodic"),
            today: month.firstDay)
        var rng = SeededRandom(seed: seed)
        var persons = 0
        let start = DispatchTime.now().uptimeNanoseconds
        var done = 0
        while done < n {
            let count = min(1000, n - done)
            let hs = db.insert(into: "households").columns("id", "code", "commune_id", "group_id", "address", "area_type", "status", "unit_path", "search_key")
            let ps = db.insert(into: "persons").columns(
                "id", "full_name", "gender", "birth_date", "birth_year", "disability_level", "disability_certificate_date",
                "has_pension", "has_merit", "hiv", "unit_path", "search_key")
            let ms = db.insert(into: "memberships").columns("id", "household_id", "person_id", "role", "start_date")
            let cs = db.insert(into: "household_classifications").columns(
                "id", "household_id", "unit_path", "group_id", "period", "class", "standard_id", "area_type",
                "deprivations", "deprivation_count", "reasons", "campaign_id", "decision_number",
                "decision_date", "certificate_number")
            var poorRows = 0
            for i in done..<(done + count) {
                let hid = UUID(), g = groups[i % groups.count]
                hs.values(
                    SQLBind(hid), SQLBind(String(format: "E-%08d", i)), SQLBind(ward.id), SQLBind(g.id), SQLBind("Số \(i)"), SQLBind("urban"),
                    SQLBind("active"), SQLBind(g.path), SQLBind("e"))
                let size = [1, 1, 2, 3, 3, 4, 4, 4, 5, 6][Int.random(in: 0...9, using: &rng)]
                for k in 0..<size {
                    let pid = UUID()
                    let age = k == 0 ? Int.random(in: 25...95, using: &rng) : Int.random(in: 0...80, using: &rng)
                    let birth = LocalDate(year: month.year - age, month: Int.random(in: 1...12, using: &rng), day: Int.random(in: 1...28, using: &rng))!
                    let d = Int.random(in: 0...99, using: &rng)
                    let level = d < 3 ? "severe" : (d < 4 ? "especially_severe" : (d < 8 ? "mild" : "none"))
                    ps.values(
                        SQLBind(pid), SQLBind("Người \(i)-\(k)"), SQLBind(k % 2 == 0 ? "male" : "female"), SQLBind(birth.iso), SQLBind(birth.year),
                        SQLBind(level), SQLBind(d < 4 ? "2020-01-01" : nil), SQLBind(age >= 60 && Int.random(in: 0...4, using: &rng) == 0), SQLBind(false),
                        SQLBind(false), SQLBind(g.path), SQLBind("n"))
                    ms.values(SQLBind(UUID()), SQLBind(hid), SQLBind(pid), SQLBind(k == 0 ? "head" : "other"), SQLBind("2020-01-01"))
                    persons += 1
                }
                if i % 10 == 0 {
                    cs.values(
                        SQLBind(UUID()), SQLBind(hid), SQLBind(g.path), SQLBind(g.id), SQLBind(month.year), SQLBind("poor"), SQLBind("VN-ND07-2021"),
                        SQLBind("urban"), SQLBind(""), SQLBind(3), SQLBind(""), SQLBind(campaign.id), SQLBind("B/QĐ"), SQLBind(month.firstDay.iso),
                        SQLBind("B/\(i)"))
                    poorRows += 1
                }
            }
            try await hs.run(); try await ps.run(); try await ms.run()
            if poorRows > 0 { try await cs.run() }
            done += count
        }
        result.persons = persons
        result.loadSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        log("loaded \(n) households, \(persons) persons in \(String(format: "%.2f", result.loadSeconds)) s")
        let day = month.lastDay.iso
        let r0 = DispatchTime.now().uptimeNanoseconds
        let raw = try await db.raw(
            """
            SELECT COUNT(*) AS n, SUM(CASE WHEN p.disability_level IN ('severe', 'especially_severe') THEN 1 ELSE 0 END) AS disabled
            FROM households h JOIN memberships m ON m.household_id = h.id JOIN persons p ON p.id = m.person_id
            WHERE h.status = 'active' AND m.start_date <= \(bind: day) AND (m.end_date IS NULL OR m.end_date > \(bind: day))
              AND p.merged_into IS NULL AND (p.disability_level IN ('severe', 'especially_severe') OR p.birth_year <= \(bind: month.year - 60) OR p.hiv)
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
