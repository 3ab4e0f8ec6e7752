import AnsinhCore
import AnsinhStore
import AnsinhWeb
import FluentKit
import Foundation
import SQLKit
import Vapor

/// `ansinh bench audit`: audited writes per second with 1 and with many concurrent writers, next
/// to the raw engine doing the same transactions without the audit chain. Each write is one
/// transaction by a ward officer that changes one row (a unit's name, in the writer's own
/// ward) and appends one audit entry, as an officer's form does; the raw engine runs the same
/// UPDATE and an INSERT of the same entry into a table without a chain. The writers work in
/// as many wards as there are writers (each ward's chain is locked by its own writer only),
/// and once more all in one ward (one chain, so they queue on its head).
public enum AuditBench {
    public struct Measure: Sendable {
        public var writers = 0
        public var wards = 0
        public var writes = 0
        public var seconds = 0.0
        public var rawSeconds = 0.0
        public var perSecond: Double { Double(writes) / max(seconds, 0.0001) }
        public var rawPerSecond: Double { Double(writes) / max(rawSeconds, 0.0001) }
    }

    public struct Result: Sendable {
        public var database = ""
        public var measures: [Measure] = []
        public var verified = false
        public var markdown: String {
            var s = "| writers | wards | audited writes | audited writes/s | raw engine writes/s | ratio raw / Ansinh |\n|---|---|---|---|---|---|\n"
            for m in measures {
                s +=
                    "| \(m.writers) | \(m.wards) | \(m.writes) | \(Int(m.perSecond)) | \(Int(m.rawPerSecond)) | \(String(format: "%.2f", m.rawPerSecond / max(m.perSecond, 0.0001)))× |\n"
            }
            s += "\nDatabase: \(database). `audit verify` after the run: \(verified ? "ok" : "BROKEN").\n"
            return s
        }
    }

    static func seconds(_ body: () async throws -> Void) async rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try await body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    public static func run(_ app: Application, writes: Int, writerCounts: [Int], log: @escaping @Sendable (String) -> Void) async throws -> Result {
        var result = Result()
        let db = app.db as! any SQLDatabase
        result.database = db.dialect.name == "postgresql" ? "PostgreSQL" : "SQLite"
        let store = app.store
        // One ward per writer (up to 50), each under the demo province, so that writers touch
        // different rows as officers of different wards do.
        let province = try await UnitRepository(store).find(code: "01")!
        var wards: [UnitView] = []
        for i in 0..<(writerCounts.max() ?? 1) {
            wards.append(
                try await UnitRepository(store).create(
                    .system, UnitInput(code: String(format: "B%04d", i), name: "Phường đo \(i)", kind: UnitKind.commune.rawValue, parentID: province.id)))
        }
        try await db.raw("CREATE TABLE bench_raw_audit (id INTEGER PRIMARY KEY, unit_path TEXT NOT NULL, action TEXT NOT NULL, after_json TEXT)").run()
        var rawID = 0
        var plan = writerCounts.map { (writers: $0, wards: $0) }
        if let most = writerCounts.max(), most > 1 { plan.append((most, 1)) }
        for (w, wardCount) in plan {
            var m = Measure()
            m.writers = w
            m.wards = wardCount
            m.writes = writes
            let perWriter = writes / w
            m.writes = perWriter * w
            m.seconds = try await seconds {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for k in 0..<w {
                        let ward = wards[k % wardCount]
                        let officer = Actor(
                            userID: nil, username: "bench-\(k)", role: .wardOfficer, unitID: ward.id, scopePath: ward.path, locale: .vi)
                        group.addTask {
                            for i in 0..<perWriter {
                                try await store.write(officer) { tx, audit in
                                    try await (tx as! any SQLDatabase).update("org_units").set("name", to: "Phường đo \(k) · \(i)").where("id", .equal, ward.id)
                                        .run()
                                    audit.add(
                                        AuditRecord(
                                            action: "update", entity: "org_unit", entityID: ward.id.uuidString, unitID: ward.id, unitPath: ward.path,
                                            before: NoValue?.none, after: ["name": "Phường đo \(k) · \(i)"]))
                                }
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            let base = rawID
            m.rawSeconds = try await seconds {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for k in 0..<w {
                        let ward = wards[k % wardCount]
                        group.addTask {
                            for i in 0..<perWriter {
                                let id = base + k * perWriter + i + 1
                                try await app.db.transaction { tx in
                                    try await (tx as! any SQLDatabase).update("org_units").set("name", to: "Phường thô \(k) · \(i)").where(
                                        "id", .equal, ward.id
                                    ).run()
                                    try await (tx as! any SQLDatabase).raw(
                                        "INSERT INTO bench_raw_audit (id, unit_path, action, after_json) VALUES (\(bind: id), \(bind: ward.path), 'update', \(bind: "{\"name\":\"\(i)\"}"))"
                                    ).run()
                                }
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            rawID += m.writes
            log("\(w) writers in \(wardCount) wards: \(Int(m.perSecond)) audited writes/s, raw engine \(Int(m.rawPerSecond)) writes/s")
            result.measures.append(m)
        }
        if case .ok = try await AuditChain.verify(on: app.db) { result.verified = true }
        return result
    }
}
