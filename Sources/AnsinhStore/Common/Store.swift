import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Hashes and checks passwords. The web layer supplies Bcrypt; the store never sees the
/// algorithm.
public protocol PasswordHashing: Sendable {
    func hash(_ password: String) async throws -> String
    func verify(_ password: String, against hash: String) async throws -> Bool
}

/// Collects the audit records of one write transaction.
public final class AuditBuffer: @unchecked Sendable {
    private(set) var records: [AuditRecord] = []
    private let lock = NSLock()
    public func add(_ r: AuditRecord) { lock.lock(); records.append(r); lock.unlock() }
    /// How many records were added so far.
    public var count: Int { lock.lock(); defer { lock.unlock() }; return records.count }
    /// Puts `r` at `index` (a step's own entry before those its change added).
    public func insert(_ r: AuditRecord, at index: Int) { lock.lock(); records.insert(r, at: min(index, records.count)); lock.unlock() }
}

/// The entry point to the data: the database, the clock, and the single write path.
public struct Store: Sendable {
    public let db: any Database
    public let now: @Sendable () -> Date
    public let passwords: any PasswordHashing
    /// Key for API token HMACs.
    public let secret: String

    public init(
        db: any Database, passwords: any PasswordHashing, secret: String,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.db = db; self.passwords = passwords; self.secret = secret; self.now = now
    }

    /// Today in the office time zone (Asia/Ho_Chi_Minh).
    public var today: LocalDate { LocalDate.of(now(), in: TimeZone(identifier: "Asia/Ho_Chi_Minh")!) }

    /// The one way in for every write. Runs `body` in a single transaction that first takes the
    /// lock of the actor's audit chain (serialising the writers of one commune or centre across
    /// processes; other chains go on in parallel on PostgreSQL), then appends every audit record
    /// the body added, hash-chained, before committing. Either all of it is stored or none.
    ///
    /// `durable: false` lets the commit reach the disk later (SQLite `synchronous = NORMAL`,
    /// PostgreSQL `synchronous_commit = off`): a power cut may then lose it, a crash of Ansinh
    /// cannot, and the database stays whole either way. Only for the batches of an import, which
    /// the import redoes when it resumes: its last write is durable, and flushing the log for it
    /// flushes every batch before it. A replay of a million persons took 23.5 s instead of 28.0 s.
    /// Such a write also keeps its undo pages in memory and lets the log grow further before it
    /// is copied into the database (`bulkSettings`).
    public func write<T: Sendable>(
        _ actor: Actor, durable: Bool = true,
        _ body: @escaping @Sendable (any Database, AuditBuffer) async throws -> T
    ) async throws -> T {
        do {
            return try await writeOnce(actor, durable: durable, body)
        } catch let e as any DatabaseError where e.isConstraintFailure {
            // Two writers racing past the same check (the same national ID registered in two
            // wards at once): the database's constraint stops the second, who is told so.
            throw AppError.conflict(Message("error.concurrent_change"))
        }
    }

    private func writeOnce<T: Sendable>(
        _ actor: Actor, durable: Bool,
        _ body: @escaping @Sendable (any Database, AuditBuffer) async throws -> T
    ) async throws -> T {
        if durable || db.isPostgres { return try await transaction(actor, on: db, durable: durable, body) }
        // SQLite takes these settings per connection and never inside a transaction: around it,
        // on the one connection the transaction takes, and back to the defaults before it is
        // returned.
        return try await db.withConnection { conn in
            try await Store.set(Store.bulkSettings.map { ($0.name, $0.bulk) }, on: conn)
            do {
                let result = try await transaction(actor, on: conn, durable: false, body)
                try await Store.set(Store.bulkSettings.map { ($0.name, $0.usual) }, on: conn)
                return result
            } catch {
                try? await Store.set(Store.bulkSettings.map { ($0.name, $0.usual) }, on: conn)
                throw error
            }
        }
    }

    /// SQLite settings of a non-durable write, with the usual values put back after it:
    /// - `synchronous`: the commit is not flushed to the disk (see `write`).
    /// - `temp_store`: a multi-row INSERT keeps the pages it changes in a statement journal, to
    ///   undo itself alone on a constraint error; past 64 KB SQLite writes that journal to a
    ///   temporary file, in memory it stays.
    /// - `wal_autocheckpoint`: the log is copied into the database every 80 MB instead of every
    ///   4 MB, so a page that several batches rewrite (the national-ID index) is copied once.
    /// With both, the batches of interleaved imports of a million persons took 34.2 / 29.8 s
    /// instead of 42.4 / 33.4 s.
    static let bulkSettings: [(name: String, bulk: String, usual: String)] = [
        ("synchronous", "NORMAL", "FULL"), ("temp_store", "MEMORY", "DEFAULT"), ("wal_autocheckpoint", "20000", "1000"),
    ]

    private static func set(_ settings: [(String, String)], on conn: any Database) async throws {
        for (name, value) in settings { try await sql(conn).raw("PRAGMA \(unsafeRaw: name) = \(unsafeRaw: value)").run() }
    }

    private func transaction<T: Sendable>(
        _ actor: Actor, on db: any Database, durable: Bool,
        _ body: @escaping @Sendable (any Database, AuditBuffer) async throws -> T
    ) async throws -> T {
        let now = self.now
        return try await db.transaction { tx in
            if !durable && tx.isPostgres { try await sql(tx).raw("SET LOCAL synchronous_commit = off").run() }
            let head = try await Store.lockAuditHead(AuditChain.chain(of: actor), tx)
            try await Store.widenCache(tx)
            let audit = AuditBuffer()
            let result = try await body(tx, audit)
            try await Store.append(audit.records, after: head, actor: actor, at: now(), on: tx)
            return result
        }
    }

    /// Lets this SQLite connection keep up to 512 MB of pages (taken only as pages are read);
    /// it keeps 2 MB by default. Bulk writes into random-key indexes (national IDs, names) then
    /// re-read pages all the time, and a search reads up to `SearchIndex.maxMatches` rows spread
    /// over a table that passes 400 MB at a million persons. The setting stays with the
    /// connection; PostgreSQL has its own shared cache.
    static func widenCache(_ db: any Database) async throws {
        guard !db.isPostgres else { return }
        try await sql(db).raw("PRAGMA cache_size = -524288").run()
    }

    /// The head of an audit chain, locked for the rest of the transaction; on PostgreSQL also
    /// the first sequence number the write will use, taken in the same statement.
    struct ChainHead { var chain: String; var seq: Int; var hash: String; var firstNumber: Int? = nil }

    /// Locks the head row of `chain` for the rest of the transaction, creating it at the first
    /// write into the chain. On SQLite the first statement being a write takes the database
    /// write lock at once, so two writers never deadlock; on PostgreSQL a transaction only ever
    /// holds one head, so neither do they.
    static func lockAuditHead(_ chain: String, _ tx: any Database) async throws -> ChainHead {
        // One statement: the upsert locks the row (a new chain's row is created by its first
        // write) and returns it, with a sequence number on PostgreSQL (a write that records
        // nothing leaves a gap in the numbers, never in a chain).
        let number: SQLQueryString = tx.isPostgres ? ", nextval('audit_seq') AS next" : ""
        guard
            let row = try await sql(tx).raw(
                "INSERT INTO audit_chains (chain, seq, hash) VALUES (\(bind: chain), 0, \(bind: AuditChain.genesisHash)) ON CONFLICT (chain) DO UPDATE SET seq = audit_chains.seq RETURNING seq, hash\(number)"
            ).first()
        else { throw AuditHeadMissing() }
        return ChainHead(
            chain: chain, seq: try row.decode(column: "seq", as: Int.self), hash: try row.decode(column: "hash", as: String.self),
            firstNumber: tx.isPostgres ? try row.decode(column: "next", as: Int.self) : nil)
    }

    /// Sequence numbers in the whole log for `count` new entries: from `audit_seq` on
    /// PostgreSQL (chains append in parallel), after the last one on SQLite (one writer at a
    /// time).
    static func nextSequenceNumbers(_ count: Int, after head: ChainHead, on tx: any Database) async throws -> [Int] {
        let s = sql(tx)
        if let first = head.firstNumber {
            guard count > 1 else { return [first] }
            return try await [first]
                + s.raw("SELECT nextval('audit_seq') AS n FROM generate_series(1, \(bind: count - 1))").all()
                .map { try $0.decode(column: "n", as: Int.self) }.sorted()
        }
        let last = try await s.raw("SELECT COALESCE(MAX(seq), 0) AS n FROM audit_log").first()?.decode(column: "n", as: Int.self) ?? 0
        return Array(last + 1...last + count)
    }

    static func append(
        _ records: [AuditRecord], after head: ChainHead, actor: Actor,
        at: Date, on tx: any Database
    ) async throws {
        guard !records.isEmpty else { return }
        var chainSeq = head.seq
        var prev = head.hash
        let millis = Int64((at.timeIntervalSince1970 * 1000).rounded())
        let numbers = try await nextSequenceNumbers(records.count, after: head, on: tx)
        var entries: [AuditEntryModel] = []
        for (r, seq) in zip(records, numbers) {
            chainSeq += 1
            let e = AuditEntryModel()
            e.id = seq; e.chain = head.chain; e.chainSeq = chainSeq
            e.atMillis = millis; e.actorID = actor.userID; e.actorName = actor.username
            e.unitID = r.unitID; e.unitPath = r.unitPath; e.action = r.action; e.entity = r.entity
            e.entityID = r.entityID; e.beforeJSON = r.before; e.afterJSON = r.after; e.prevHash = prev
            e.hash = AuditChain.hash(of: e)
            entries.append(e)
            prev = e.hash
        }
        // One INSERT for the entries of the write (in slices that stay under SQLite's limit of
        // bound values per statement); on PostgreSQL the head moves in the same statement.
        let slices = entries.chunked(500)
        let moveHead: SQLQueryString = "UPDATE audit_chains SET seq = \(bind: chainSeq), hash = \(bind: prev) WHERE chain = \(bind: head.chain)"
        for (i, slice) in slices.enumerated() {
            let insert = insertEntries(slice)
            if tx.isPostgres && i == slices.count - 1 {
                try await sql(tx).raw("WITH e AS (\(insert) RETURNING 1) \(moveHead)").run()
            } else {
                try await sql(tx).raw(insert).run()
            }
        }
        if !tx.isPostgres { try await sql(tx).raw(moveHead).run() }
    }

    /// The INSERT of audit entries, every value bound.
    static func insertEntries(_ entries: [AuditEntryModel]) -> SQLQueryString {
        var q: SQLQueryString =
            "INSERT INTO audit_log (seq, chain, chain_seq, at_ms, actor_id, actor_name, unit_id, unit_path, action, entity, entity_id, before_json, after_json, prev_hash, hash) VALUES "
        for (i, e) in entries.enumerated() {
            if i > 0 { q += ", " }
            q += """
                (\(bind: e.id!), \(bind: e.chain), \(bind: e.chainSeq), \(bind: e.atMillis), \(bind: e.actorID), \(bind: e.actorName), \(bind: e.unitID), \
                \(bind: e.unitPath), \(bind: e.action), \(bind: e.entity), \(bind: e.entityID), \(bind: e.beforeJSON), \(bind: e.afterJSON), \
                \(bind: e.prevHash), \(bind: e.hash))
                """
        }
        return q
    }

    /// Appends audit records in their own transaction: for events that change nothing else
    /// (sign-in, sign-out, reads of sensitive records).
    public func audit(_ actor: Actor, _ records: [AuditRecord]) async throws {
        let copy = records
        _ = try await write(actor) { _, buffer in copy.forEach(buffer.add) }
    }
}

struct AuditHeadMissing: Error, CustomStringConvertible {
    var description: String { "the audit chain head is missing: the database was not migrated by Ansinh" }
}

/// Time-ordered ids (the UUID version 7 layout: 48 bits of Unix milliseconds, then a counter and
/// random bits). Rows created together sit together in every index on their id, so a bulk import
/// appends to the B-trees instead of touching pages all over them.
public enum OrderedID {
    private final class Counter: @unchecked Sendable {
        let lock = NSLock()
        var last: UInt64 = 0
        var sequence: UInt16 = 0
        /// The random bits only tell apart ids made in the same millisecond by other processes;
        /// no id is a secret. They come from a SplitMix64 sequence seeded from the system every
        /// 512 ids: one system call per id took 1.2 s of a million-person import (three million
        /// ids).
        var state: UInt64 = 0
        var left = 0
        func next(_ ms: UInt64) -> (UInt64, UInt16, UInt64) {
            lock.lock(); defer { lock.unlock() }
            if ms > last { last = ms; sequence = 0 } else { sequence &+= 1; if sequence == 0 { last += 1 } }
            if left == 0 { var g = SystemRandomNumberGenerator(); state = g.next(); left = 512 }
            left -= 1
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return (last, sequence, z ^ (z >> 31))
        }
    }
    private static let counter = Counter()

    public static func make(at date: Date = Date()) -> UUID {
        let (ms, seq, r) = counter.next(UInt64(max(0, date.timeIntervalSince1970 * 1000)))
        func t(_ shift: UInt64) -> UInt8 { UInt8((ms >> shift) & 0xFF) }
        func rb(_ k: UInt64) -> UInt8 { UInt8((r >> (8 * k + 2)) & 0xFF) }
        return UUID(
            uuid: (
                t(40), t(32), t(24), t(16), t(8), t(0),
                0x70 | UInt8((seq >> 12) & 0x0F), UInt8((seq >> 4) & 0xFF),
                0x80 | (UInt8(seq & 0x0F) << 2) | UInt8(r & 3), rb(0), rb(1), rb(2), rb(3), rb(4), rb(5), rb(6)
            ))
    }
}

extension UUID {
    /// The same text as `uuidString` (upper-case, hyphenated), written directly: Foundation on
    /// Linux formats each id through `snprintf`, which took 3.5 s of a million-person import.
    public var text: String {
        let hex: StaticString = "0123456789ABCDEF"
        return withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { out in
                hex.withUTF8Buffer { digits in
                    var o = 0
                    for (i, b) in bytes.enumerated() {
                        if i == 4 || i == 6 || i == 8 || i == 10 { out[o] = 0x2D; o += 1 }
                        out[o] = digits[Int(b >> 4)]; out[o + 1] = digits[Int(b & 0x0F)]; o += 2
                    }
                    return o
                }
            }
        }
    }
}
