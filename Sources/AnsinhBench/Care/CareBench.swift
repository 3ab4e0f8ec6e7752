import AnsinhCore
import AnsinhStore
import AnsinhWeb
import FluentKit
import Foundation
import SQLKit
import Vapor

/// `ansinh bench care`: a centre with N residents in beds and years of daily care — every
/// shift's sheet (log lines and the 08:00 and 20:00 doses) written through the shift-sheet path
/// the ward's tablets use (checked, one transaction and one audit entry per shift) — then the
/// resident page and the occupancy report as the director opens them, each next to the raw
/// engine running the same statements.
public enum CareBench {
    public struct Result: Sendable {
        public var residents = 0
        public var years = 0
        public var logLines = 0
        public var doses = 0
        public var shifts = 0
        public var loadSeconds = 0.0
        public var pageQueries = 0
        public var pageP50Ms = 0.0
        public var pageP95Ms = 0.0
        public var rawPageP95Ms = 0.0
        public var occupancyQueries = 0
        public var occupancyP50Ms = 0.0
        public var occupancyP95Ms = 0.0
        public var rawOccupancyP95Ms = 0.0
        public var database = ""
        public var markdown: String {
            func f(_ x: Double) -> String { String(format: "%.2f", x) }
            var s = "| measure | value |\n|---|---|\n| database | \(database) |\n"
            s += "| residents / years / shift sheets | \(residents) / \(years) / \(shifts) |\n"
            s += "| daily log lines / doses recorded | \(logLines) / \(doses) |\n"
            s += "| load through the shift-sheet path, one audit entry per shift (bench set-up) | \(f(loadSeconds)) s |\n"
            s +=
                "| resident page (\(pageQueries) random residents: stay, 14 days of log, prescriptions, doses, audited read) p50 / p95 | \(f(pageP50Ms)) ms / \(f(pageP95Ms)) ms |\n"
            s += "| raw engine: the same SELECTs, p95 | \(f(rawPageP95Ms)) ms |\n"
            s += "| ratio resident page p95 / raw engine | \(f(pageP95Ms / max(rawPageP95Ms, 0.0001)))× |\n"
            s +=
                "| occupancy report (\(occupancyQueries) random days: by department, sex, age group) p50 / p95 | \(f(occupancyP50Ms)) ms / \(f(occupancyP95Ms)) ms |\n"
            s += "| raw engine: the same GROUP BY statements, p95 | \(f(rawOccupancyP95Ms)) ms |\n"
            s += "| ratio occupancy p95 / raw engine | \(f(occupancyP95Ms / max(rawOccupancyP95Ms, 0.0001)))× |\n"
            return s
        }
    }

    public static func run(_ app: Application, residents: Int, years: Int, seed: UInt64, log: @escaping @Sendable (String) -> Void) async throws -> Result {
        var result = Result()
        let db = app.db as! any SQLDatabase
        result.database = db.dialect.name == "postgresql" ? "PostgreSQL" : "SQLite"
        result.residents = residents; result.years = years
        let store = app.store
        let users = UserRepository(store)
        let worker = try await users.actor(for: try await users.find(username: "ctxh.quangninh")!.id, fallbackLocale: .vi)!
        let manager = try await users.actor(for: try await users.find(username: "giamdoc.quangninh")!.id, fallbackLocale: .vi)!
        let care = CareRepository(store)
        let today = store.today
        let first = today.adding(days: -365 * years)
        var rng = SeededRandom(seed: seed)
        var ids: [UUID] = [], prescriptions: [UUID] = []
        result.loadSeconds =
            try await BenchFixtures.ms {
                // Rooms of four beds spread over the seven departments, then the residents in them.
                var beds: [UUID] = []
                for n in 0..<((residents + 3) / 4) {
                    let department = try await UnitRepository(store).find(code: "22-TTTGXH-P\(n % 7 + 1)")!.id
                    let room = try await care.addRoom(manager, departmentID: department, code: "B\(n)", sex: "mixed", beds: 4)
                    beds += try await care.rooms(manager, on: today).first { $0.id == room }!.beds.map(\.id)
                }
                for i in 0..<residents {
                    var a = AdmissionInput()
                    a.fullName = "Người Nội Trú \(i)"; a.gender = i % 2 == 0 ? "female" : "male"
                    a.birthDate = LocalDate(year: 1930 + Int.random(in: 0...80, using: &rng), month: 1 + i % 12, day: 1 + i % 28)!.iso
                    a.basis = AdmissionBasis.elderlyWithoutSupport.rawValue; a.decisionNumber = "B\(i)/QĐ"; a.decisionDate = first.iso
                    a.decisionSigner = "Giám đốc"; a.referralSource = "UBND xã"; a.admittedOn = first.iso; a.bedID = beds[i]
                    let id = try await care.admit(manager, a, today: today)
                    ids.append(id)
                    prescriptions.append(
                        try await care.prescribe(
                            worker, residentID: id, drug: "Thuốc \(i % 40)", dose: "1 viên", times: "08:00,20:00", from: first.iso, until: "",
                            prescriber: "BS", today: today))
                }
                log("admitted \(residents) residents")
                var day = first
                let kinds: [Shift: CareLogKind] = [.morning: .meal, .afternoon: .hygiene, .night: .sleep]
                while day < today {
                    for (k, shift) in Shift.allCases.enumerated() {
                        let lines = ids.enumerated().filter { $0.offset % 3 == k }.map {
                            ShiftLogLine(residentID: $0.element, kind: kinds[shift]!.rawValue, note: "Bình thường \($0.offset)")
                        }
                        let time = shift == .morning ? "08:00" : "20:00"
                        let doses: [ShiftDoseLine] =
                            shift == .night
                            ? []
                            : prescriptions.map { p in
                                let missed = Int.random(in: 0..<100, using: &rng) == 0
                                return ShiftDoseLine(
                                    prescriptionID: p, day: day.iso, time: time, status: missed ? "missed" : "given", note: missed ? "Ngủ, không uống" : "")
                            }
                        let done = try await care.recordShift(worker, day: day.iso, shift: shift.rawValue, log: lines, doses: doses, today: today)
                        result.logLines += done.log; result.doses += done.doses; result.shifts += 1
                    }
                    day = day.adding(days: 1)
                    if day.day == 1 && day.month == 1 { log("  \(day.iso): \(result.logLines) log lines, \(result.doses) doses") }
                }
            } / 1000
        log("loaded in \(String(format: "%.1f", result.loadSeconds)) s")
        try await db.raw("ANALYZE").run()

        // The resident page as the director opens it, and the raw engine's same SELECTs.
        var times: [Double] = [], raw: [Double] = []
        result.pageQueries = 200
        for _ in 0..<result.pageQueries {
            let id = ids.randomElement(using: &rng)!
            times.append(try await BenchFixtures.ms { _ = try await care.resident(manager, id: id, today: today) })
            let since = today.adding(days: -14).iso
            raw.append(
                try await BenchFixtures.ms {
                    _ = try await db.raw("SELECT * FROM care_residents WHERE id = \(bind: id)").first()
                    _ = try await db.raw("SELECT * FROM care_bed_stays WHERE resident_id = \(bind: id) ORDER BY from_date DESC").all()
                    _ = try await db.raw(
                        "SELECT * FROM care_log WHERE resident_id = \(bind: id) AND day >= \(bind: since) ORDER BY day DESC, recorded_at DESC LIMIT 300"
                    ).all()
                    _ = try await db.raw("SELECT * FROM care_prescriptions WHERE resident_id = \(bind: id) ORDER BY from_date DESC").all()
                    _ = try await db.raw(
                        "SELECT * FROM care_doses WHERE resident_id = \(bind: id) AND day >= \(bind: since) ORDER BY day DESC, time DESC LIMIT 300"
                    ).all()
                })
        }
        result.pageP50Ms = BenchFixtures.percentile(times, 0.5); result.pageP95Ms = BenchFixtures.percentile(times, 0.95);
        result.rawPageP95Ms = BenchFixtures.percentile(raw, 0.95)
        log("resident page p95 \(String(format: "%.2f", result.pageP95Ms)) ms (raw \(String(format: "%.2f", result.rawPageP95Ms)) ms)")

        // The occupancy report of random days over the years, and the raw engine's GROUP BYs.
        times = []; raw = []
        result.occupancyQueries = 100
        for _ in 0..<result.occupancyQueries {
            let day = first.adding(days: Int.random(in: 0...(365 * years), using: &rng))
            times.append(try await BenchFixtures.ms { _ = try await care.occupancy(manager, on: day) })
            raw.append(
                try await BenchFixtures.ms {
                    _ = try await db.raw(
                        """
                        SELECT gender, birth_date, COUNT(*) AS n FROM care_residents WHERE unit_path LIKE \(bind: manager.scopePath + "%")
                        AND admitted_on <= \(bind: day.iso) AND (discharged_on IS NULL OR discharged_on > \(bind: day.iso)) GROUP BY gender, birth_date
                        """
                    ).all()
                    _ = try await db.raw(
                        """
                        SELECT r.unit_id, COUNT(b.id) AS beds, COUNT(s.id) AS occupied FROM care_rooms r JOIN care_beds b ON b.room_id = r.id
                        LEFT JOIN care_bed_stays s ON s.bed_id = b.id AND s.from_date <= \(bind: day.iso) AND (s.until_date IS NULL OR s.until_date > \(bind: day.iso))
                        WHERE r.unit_path LIKE \(bind: manager.scopePath + "%") GROUP BY r.unit_id
                        """
                    ).all()
                })
        }
        result.occupancyP50Ms = BenchFixtures.percentile(times, 0.5); result.occupancyP95Ms = BenchFixtures.percentile(times, 0.95)
        result.rawOccupancyP95Ms = BenchFixtures.percentile(raw, 0.95)
        log("occupancy p95 \(String(format: "%.2f", result.occupancyP95Ms)) ms (raw \(String(format: "%.2f", result.rawOccupancyP95Ms)) ms)")
        return result
    }
}
