import AnsinhCore
import AnsinhStore
import AnsinhWeb
import Fluent
import FluentSQLiteDriver
import Foundation
import SQLKit
import Vapor

/// `ansinh bench registry`: import, search and duplicate detection on a generated registry,
/// timed on a fresh database, next to the raw engine loading the same rows.
public enum RegistryBench {
    public struct Result: Sendable {
        public var persons = 0
        public var households = 0
        public var validateSeconds = 0.0
        public var importSeconds = 0.0
        public var rawSeconds: Double? = nil
        public var rawTool = ""
        public var searchP50Ms = 0.0
        public var searchP95Ms = 0.0
        public var searchQueries = 0
        public var searchColdP95Ms = 0.0
        public var duplicatesSeconds = 0.0
        public var planted = 0
        public var foundPairs = 0
        public var truePositives = 0
        public var precision: Double { foundPairs == 0 ? 0 : Double(truePositives) / Double(foundPairs) }
        public var recall: Double { planted == 0 ? 0 : Double(truePositives) / Double(planted) }
        public var database = ""

        public var markdown: String {
            let rate = importSeconds > 0 ? Int(Double(persons) / importSeconds) : 0
            var s = "| measure | value |\n|---|---|\n"
            s += "| database | \(database) |\n| persons / households | \(persons) / \(households) |\n"
            s += "| check file (parse + registry checks) | \(String(format: "%.2f", validateSeconds)) s |\n"
            let bulk = persons >= RegistryBulkLoad.minimumRows
            s +=
                "| import (write, \(bulk ? "bulk load: batches of \(RegistryImporter.bulkBatchSize), indexes built at the end" : "batches of \(RegistryImporter.batchSize)")) | \(String(format: "%.2f", importSeconds)) s (\(rate) persons/s) |\n"
            if let raw = rawSeconds {
                s += "| raw engine, same rows (\(rawTool)) | \(String(format: "%.2f", raw)) s |\n"
                s += "| ratio Ansinh import / raw engine | \(String(format: "%.1f", importSeconds / max(raw, 0.0001)))× |\n"
            } else {
                s += "| raw engine | \(rawTool) |\n"
            }
            s += "| search p95, first \(RegistryBench.coldQueries) queries after the import (cold) | \(String(format: "%.2f", searchColdP95Ms)) ms |\n"
            s +=
                "| search p50 / p95 (the next \(searchQueries) queries, ward officer scope) | \(String(format: "%.2f", searchP50Ms)) ms / \(String(format: "%.2f", searchP95Ms)) ms |\n"
            s += "| duplicate scan | \(String(format: "%.2f", duplicatesSeconds)) s |\n"
            s += "| duplicates planted / pairs found / true | \(planted) / \(foundPairs) / \(truePositives) |\n"
            s += "| precision / recall | \(String(format: "%.3f", precision)) / \(String(format: "%.3f", recall)) |\n"
            return s
        }
    }

    /// Searches timed apart before the measured ones.
    static let coldQueries = 200

    static func seconds(_ body: () async throws -> Void) async rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try await body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Runs the benchmark on `app` (a fresh, migrated database with the demo ward).
    public static func run(_ app: Application, households: Int, seed: UInt64, workDir: URL, log: @escaping @Sendable (String) -> Void) async throws -> Result {
        var result = Result()
        result.database = app.db.isPostgres ? "PostgreSQL" : "SQLite"
        var generator = RegistryGenerator(RegistryGenerator.Options(households: households, seed: seed))
        let output = generator.generate()
        result.persons = output.persons
        log("generated \(output.persons) persons in \(households) households")
        let store = app.store
        let importer = RegistryImporter(store)
        var report: ImportReport!
        result.validateSeconds = try await seconds {
            report = try await importer.validate(.system, fileName: "bench.csv", data: Data(output.csv.utf8))
        }
        log("checked in \(String(format: "%.2f", result.validateSeconds)) s: \(report.errorRows) rows with errors")
        result.importSeconds = try await seconds {
            _ = try await importer.run(.system, jobID: report.jobID, validOnly: true) { done, total in
                if done == total || done % 100_000 < RegistryImporter.batchSize { log("  \(done)/\(total)") }
            }
        }
        result.households = try await HouseholdModel.query(on: app.db).count()
        log("imported in \(String(format: "%.2f", result.importSeconds)) s")

        // The raw engine loading the same person rows into a copy of the same table:
        // `sqlite3 .import` for SQLite, `psql \copy` for PostgreSQL.
        let rows = workDir.appendingPathComponent("raw-persons.csv")
        var text = ""
        for line in CSVReader.rows(output.csv).dropFirst() where line.count >= 14 {
            let fields = [
                UUID().uuidString, line[5], line[6], line[7], String(line[7].prefix(4)), line[8], line[13], line[10], line[11],
                line[12] == "yes" ? "1" : "0", "0", "0", "/", TextFolding.fold(line[5]),
            ]
            text += fields.map(RegistryGenerator.escape).joined(separator: ",") + "\n"
        }
        try text.write(to: rows, atomically: true, encoding: .utf8)
        let s = app.db as! any SQLDatabase
        let isPG = s.dialect.name == "postgresql"
        try await s.raw(
            """
            CREATE TABLE raw_persons (id TEXT, full_name TEXT, gender TEXT, birth_date TEXT, birth_year INTEGER, national_id TEXT,
            phone TEXT, disability_level TEXT, disability_certificate_date TEXT, has_pension \(unsafeRaw: isPG ? "BOOLEAN" : "INTEGER"),
            has_merit \(unsafeRaw: isPG ? "BOOLEAN" : "INTEGER"), hiv \(unsafeRaw: isPG ? "BOOLEAN" : "INTEGER"), unit_path TEXT, search_key TEXT)
            """
        ).run()
        try await s.raw("CREATE INDEX ix_raw_persons_path ON raw_persons (unit_path)").run()
        try await s.raw("CREATE INDEX ix_raw_persons_key ON raw_persons (search_key, birth_date)").run()
        let process = Process()
        switch app.ansinh.config.database {
        case .sqliteFile(let path):
            result.rawTool = "sqlite3 .import"
            if let tool = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
                process.executableURL = URL(fileURLWithPath: tool)
                process.arguments = [path, ".mode csv", ".import \(rows.path) raw_persons"]
            } else {
                result.rawTool = "sqlite3 not installed (apt-get install sqlite3)"
            }
        case .postgres(let url):
            result.rawTool = "psql \\copy"
            if let tool = ["/usr/bin/psql", "/usr/local/bin/psql"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
                process.executableURL = URL(fileURLWithPath: tool)
                process.arguments = [url, "-q", "-c", "\\copy raw_persons FROM '\(rows.path)' WITH (FORMAT csv)"]
            } else {
                result.rawTool = "psql not installed (apt-get install postgresql-client)"
            }
        case .sqliteMemory:
            result.rawTool = "not measured on an in-memory database"
        }
        if process.executableURL != nil {
            result.rawSeconds = try await seconds {
                try process.run()
                process.waitUntilExit()
            }
            if process.terminationStatus != 0 { result.rawSeconds = nil; result.rawTool += " failed (exit \(process.terminationStatus))" }
        }
        try await s.raw("DROP TABLE raw_persons").run()

        // Search as an officer of the ward would type.
        let officerID = try await UserRepository(store).find(username: "canbo.khuongdinh")!.id
        let officer = try await UserRepository(store).actor(for: officerID, fallbackLocale: .vi)!
        let registry = RegistryRepository(store)
        var rng = SeededRandom(seed: seed &+ 1)
        let names = output.keys.values.map(\.1)
        // The first queries after the import read the file from disk: they are timed apart
        // (cold), then the 1,000 measured queries follow, as on a server that has been running.
        var cold: [Double] = []
        var times: [Double] = []
        for i in 0..<(Self.coldQueries + 1000) {
            let name = names[Int.random(in: 0..<names.count, using: &rng)]
            let words = name.split(separator: " ").map(String.init)
            let query: String
            switch i % 4 {
            case 0: query = TextFolding.fold(name)  // "nguyen thi dang"
            case 1: query = (words.last ?? name) + " " + (words.first ?? "")  // "Dang Nguyen"
            case 2: query = name.uppercased()  // "NGUYỄN THỊ ĐẶNG"
            default: query = String(TextFolding.fold(words.last ?? name).prefix(3)) + " " + TextFolding.fold(words.first ?? "")
            }
            let ms = try await seconds { _ = try await registry.persons(officer, query: query, page: PageSpec(page: 1, perPage: 20)) } * 1000
            if i < Self.coldQueries { cold.append(ms) } else { times.append(ms) }
        }
        cold.sort()
        result.searchColdP95Ms = cold[Int(Double(cold.count) * 0.95)]
        times.sort()
        result.searchQueries = times.count
        result.searchP50Ms = times[times.count / 2]
        result.searchP95Ms = times[Int(Double(times.count) * 0.95)]
        log("search p95 \(String(format: "%.2f", result.searchP95Ms)) ms")

        // Duplicate detection, measured against the planted pairs.
        let duplicates = DuplicateRepository(store)
        result.duplicatesSeconds = try await seconds { _ = try await duplicates.find(.system) }
        let found = try await duplicates.all(.system)
        result.foundPairs = found.count
        var personOfRow: [Int: UUID] = [:]
        let wanted = Set(output.duplicates.flatMap { [$0.original, $0.copy] })
        let codes = Array(Set(wanted.compactMap { output.keys[$0]?.0 }))
        var byKey: [String: UUID] = [:]
        for chunk in codes.chunked(500) {
            let hs = try await HouseholdModel.query(on: app.db).filter(\.$code ~~ chunk).all()
            let ms = try await MembershipModel.query(on: app.db).filter(\.$householdID ~~ hs.compactMap(\.id)).all()
            let ps = try await PersonModel.query(on: app.db).filter(\.$id ~~ ms.map(\.personID)).all()
            let code = Dictionary(hs.map { ($0.id!, $0.code) }, uniquingKeysWith: { a, _ in a })
            let person = Dictionary(ps.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
            for m in ms { if let p = person[m.personID], let c = code[m.householdID] { byKey["\(c)|\(p.fullName)|\(p.birthDate)"] = p.id } }
        }
        for row in wanted { if let k = output.keys[row] { personOfRow[row] = byKey["\(k.0)|\(k.1)|\(k.2)"] } }
        let foundSet = Set(found.map { [$0.a.id, $0.b.id].sorted { $0.uuidString < $1.uuidString }.map(\.uuidString).joined(separator: "|") })
        var planted = 0, hits = 0
        for d in output.duplicates {
            guard let a = personOfRow[d.original], let b = personOfRow[d.copy] else { continue }
            planted += 1
            if foundSet.contains([a, b].sorted { $0.uuidString < $1.uuidString }.map(\.uuidString).joined(separator: "|")) { hits += 1 }
        }
        result.planted = planted
        result.truePositives = hits
        log("duplicates: planted \(planted), found \(found.count), true \(hits)")
        return result
    }
}
