import AnsinhCore
import Crypto
import FluentKit
import Foundation
import SQLKit

/// The result of checking an import file, before anything is written to the registry.
public struct ImportReport: Sendable {
    public let jobID: UUID
    public let status: String
    public let totalRows: Int
    public let errorRows: Int
    public let processedRows: Int
    public let createdHouseholds: Int
    public let createdPersons: Int
    public let unchangedRows: Int
    public let errors: [FieldError]
    public let fileName: String
    public let createdAt: Date?

    init(_ j: ImportJobModel, errors: [FieldError]) {
        jobID = j.id!; status = j.status; totalRows = j.totalRows; errorRows = j.errorRows; processedRows = j.processedRows
        createdHouseholds = j.createdHouseholds; createdPersons = j.createdPersons; unchangedRows = j.unchangedRows
        self.errors = errors; fileName = j.fileName; createdAt = j.createdAt
    }
}

/// Imports households and persons from a CSV file (one row per person), set-based and resumable:
///
/// 1. `validate` parses every row, checks it against the registry (communes in the user's
///    scope, residential groups, national IDs already registered) and stores the job with each
///    bad row's errors as data. Nothing is written to the registry.
/// 2. `run` writes the rows in batches, each batch one transaction that also advances the job
///    and appends one audit entry. After a crash, `run` again continues where it stopped.
///    A person is matched on national ID, else on household code + folded name + birth date,
///    so importing the same file again changes nothing.
public struct RegistryImporter: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    /// Rows per transaction. Each commit rewrites every index page the batch touched; at a
    /// million persons 5,000 rows per batch wrote a quarter less than 1,000. A batch holds the
    /// write lock for about a second.
    public static let batchSize = 5000

    /// Rows per transaction of a bulk load (`RegistryBulkLoad`). Its one random-key index left,
    /// the national ID, has most of its pages rewritten by every batch: with four times fewer
    /// batches a replay of a million persons took 40.7 s instead of 56.2 s (system time 5.0 s
    /// instead of 11.9 s), and the bench's import 112.5 s instead of 128.6 s (one run each). A
    /// batch then holds the write lock for a few seconds.
    public static let bulkBatchSize = 20_000

    /// The last file checked in this process, kept parsed, so that running it straight after
    /// (the command line, the upload → confirm of the web) does not parse it again. One job at
    /// most; a job run later or by another process parses its stored file.
    private static let lastParsed = LastParsed()
    private final class LastParsed: @unchecked Sendable {
        private let lock = NSLock()
        private var entry: (job: UUID, parsed: Parsed)?
        func set(_ job: UUID, _ parsed: Parsed) { lock.lock(); entry = (job, parsed); lock.unlock() }
        func take(_ job: UUID) -> Parsed? {
            lock.lock(); defer { lock.unlock() }
            guard let e = entry, e.job == job else { return nil }
            entry = nil
            return e.parsed
        }
    }

    public struct Parsed: Sendable {
        public var rows: [RegistryRow]
        public var errors: [FieldError]
        public var total: Int
        /// The household code written on each line, valid or not ("" on a blank line), from the
        /// first line after the header (row 2): an array, not a dictionary of a million rows.
        var codes: [String] = []
        /// The household code written on row `row`, if any.
        func code(ofRow row: Int) -> String? {
            let i = row - 2
            return i >= 0 && i < codes.count && !codes[i].isEmpty ? codes[i] : nil
        }
        /// Households with a head row in the file, even when that row has errors.
        var headCodes: Set<String> = []
    }

    /// The parts of a file checked side by side, each stored by its worker.
    private final class ParsedParts: @unchecked Sendable {
        private let lock = NSLock()
        private var parts: [Parsed?]
        init(_ count: Int) { parts = Array(repeating: nil, count: count) }
        func set(_ k: Int, _ p: Parsed) { lock.lock(); parts[k] = p; lock.unlock() }
        /// The parts, handed over: the arrays leave this box, so that the first one grows in
        /// place instead of being copied.
        func take() -> [Parsed] {
            lock.lock(); defer { lock.unlock() }
            let all = parts.compactMap { $0 }
            parts = []
            return all
        }
    }

    /// Parses a file and runs every check that needs no database, in `parts` parts side by side
    /// (by default one per core from 20,000 rows).
    public static func parse(_ text: String, parts: Int? = nil) -> Parsed {
        let table = CSVReader.rows(text)
        guard let header = table.first else {
            return Parsed(rows: [], errors: [FieldError(field: "file", message: Message("import.empty_file"), row: nil)], total: 0)
        }
        let columns: [RegistryColumn: Int]
        switch RegistryImportParser.columns(header) {
        case .failure(let e): return Parsed(rows: [], errors: e.list, total: 0)
        case .success(let c): columns = c
        }
        @Sendable func raw(_ cells: [String], _ c: RegistryColumn) -> String {
            guard let i = columns[c], i < cells.count else { return "" }
            return TextFolding.trimmed(cells[i])
        }
        // The rows are independent: each part is checked on its own, then the parts are joined
        // in the file's order (a million rows took about 15 s on one core).
        let count = max(1, min(parts ?? min(ProcessInfo.processInfo.activeProcessorCount, table.count / 10_000), table.count - 1))
        let size = (table.count - 1 + count - 1) / count
        let results = ParsedParts(count)
        DispatchQueue.concurrentPerform(iterations: count) { k in
            var part = Parsed(rows: [], errors: [], total: 0)
            let lines = min(table.count, 1 + k * size)..<min(table.count, 1 + (k + 1) * size)
            part.rows.reserveCapacity(lines.count)
            part.codes.reserveCapacity(lines.count)
            for i in lines {
                let cells = table[i]
                if cells.allSatisfy({ TextFolding.trimmed($0).isEmpty }) { part.codes.append(""); continue }
                part.total += 1
                let code = raw(cells, .householdCode)
                part.codes.append(code)
                if ["head", "chu ho"].contains(TextFolding.fold(raw(cells, .relationToHead))) { part.headCodes.insert(code) }
                switch RegistryImportParser.parse(cells, row: i + 1, columns: columns) {
                case .success(let r): part.rows.append(r)
                case .failure(let e): part.errors += e.list
                }
            }
            results.set(k, part)
        }
        // Joined in the file's order; the first part's arrays grow in place, the others' rows are
        // copied once.
        var parts = results.take()
        guard !parts.isEmpty else { return Parsed(rows: [], errors: [], total: 0) }
        var joined = parts[0]
        parts[0] = Parsed(rows: [], errors: [], total: 0)
        joined.rows.reserveCapacity(table.count)
        joined.codes.reserveCapacity(table.count)
        for k in parts.indices.dropFirst() {
            joined.rows += parts[k].rows; joined.errors += parts[k].errors; joined.total += parts[k].total
            joined.codes += parts[k].codes
            joined.headCodes.formUnion(parts[k].headCodes)
            parts[k] = Parsed(rows: [], errors: [], total: 0)
        }
        joined.errors += RegistryImportParser.crossCheck(joined.rows)
        return joined
    }

    /// Checks the file against the registry and records a job. Re-validating an identical
    /// file in the same scope returns the existing job.
    public func validate(_ actor: Actor, fileName: String, data: Data) async throws -> ImportReport {
        try actor.require(.manageRegistry)
        guard data.count <= 200 * 1024 * 1024 else { throw AppError.invalid("file", "import.too_large") }
        let text = try UploadedSheet.csvText(data)
        let hash = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        if let existing = try await ImportJobModel.query(on: store.db).filter(\.$fileHash == hash)
            .filter(\.$unitPath == actor.scopePath).filter(\.$status != ImportLifecycle.State.failed.rawValue).sort(\.$createdAt, .descending).first() {
            return try await report(actor, jobID: existing.id!)
        }
        var parsed = Self.parse(text)
        parsed.errors += try await checkAgainstRegistry(actor, parsed.rows, headCodes: parsed.headCodes)
        let errorRows = Set(parsed.errors.compactMap(\.row)).count
        let errors = parsed.errors
        let total = parsed.total
        let jobID = try await store.write(actor) { tx, audit in
            let job = ImportJobModel()
            job.id = UUID(); job.fileHash = hash; job.fileName = String(fileName.suffix(200)); job.actorID = actor.userID
            job.actorName = actor.username; job.unitPath = actor.scopePath; job.status = ImportLifecycle.State.validated.rawValue; job.validOnly = false
            job.totalRows = total; job.errorRows = errorRows; job.processedRows = 0; job.createdHouseholds = 0
            job.createdPersons = 0; job.unchangedRows = 0
            try await job.create(on: tx)
            try await sql(tx).insert(into: "import_files").columns("job_id", "content").values(SQLBind(job.id!), SQLBind(text)).run()
            var errorLines = BatchInsert(into: "import_errors", columns: ["id", "job_id", "row", "field", "message_key", "message_args"])
            for e in errors {
                errorLines.add(.uuid(UUID()), .uuid(job.id!), .int(e.row ?? 0), .text(e.field), .text(e.message.key), .text(AuditRecord.json(e.message.args)))
            }
            try await errorLines.run(on: tx)
            audit.add(AuditRecord(action: "import_validated", entity: "import_job", entityID: job.id!.uuidString, unitID: actor.unitID,
                                  unitPath: actor.scopePath, before: NoValue?.none,
                                  after: ["file": job.fileName, "rows": String(total), "error_rows": String(errorRows), "sha256": hash]))
            return job.id!
        }
        Self.lastParsed.set(jobID, parsed)
        return try await report(actor, jobID: jobID)
    }

    public func report(_ actor: Actor, jobID: UUID, errorLimit: Int = 1000) async throws -> ImportReport {
        try actor.require(.viewRegistry)
        guard let job = try await store.reachable(ImportJobModel.self, jobID, actor, on: store.db) else {
            throw AppError.notFound
        }
        let errors = try await ImportErrorModel.query(on: store.db).filter(\.$jobID == jobID).sort(\.$row).limit(errorLimit).all()
        return ImportReport(job, errors: errors.map { e in
            let args = (try? JSONDecoder().decode([String: String].self, from: Data(e.messageArgs.utf8))) ?? [:]
            return FieldError(field: e.field, message: Message(e.messageKey, args), row: e.row == 0 ? nil : e.row)
        })
    }

    /// Every error of a job, for the downloadable error report.
    public func allErrors(_ actor: Actor, jobID: UUID) async throws -> [FieldError] {
        try await report(actor, jobID: jobID, errorLimit: 1_000_000).errors
    }

    /// Registry checks, set-based: communes and residential groups exist in the actor's scope;
    /// a household code is not used in another commune; a national ID already registered in
    /// another household is reported.
    func checkAgainstRegistry(_ actor: Actor, _ rows: [RegistryRow], headCodes headsInFile: Set<String>) async throws -> [FieldError] {
        var errors: [FieldError] = []
        let db = store.db
        let communeCodes = Array(Set(rows.map(\.communeCode)))
        var communes: [String: OrgUnitModel] = [:]
        for chunk in communeCodes.chunked(500) {
            for c in try await OrgUnitModel.query(on: db).filter(\.$code ~~ chunk).filter(\.$kind == UnitKind.commune.rawValue).all() {
                communes[c.code] = c
            }
        }
        let communeIDs = communes.values.compactMap(\.id)
        let groupOf = try await Self.groups(of: communeIDs, on: db)
        // Registered households by code and persons by national ID: only the columns the checks
        // read, 5,000 keys per statement (as `writeBatch`).
        let s = sql(db)
        var households: [String: (id: UUID, communeID: UUID)] = [:]
        for chunk in Array(Set(rows.map(\.householdCode))).chunked(5000) {
            for h in try await s.select().columns("id", "code", "commune_id").from("households").where("code", .in, SQLBind.group(chunk)).all() {
                households[try h.decode(column: "code", as: String.self)] = (try h.decode(column: "id", as: UUID.self),
                                                                            try h.decode(column: "commune_id", as: UUID.self))
            }
        }
        var personOfID: [String: UUID] = [:]
        for chunk in rows.compactMap(\.nationalID).chunked(5000) {
            for p in try await s.select().columns("id", "national_id").from("persons").where("national_id", .in, SQLBind.group(chunk)).all() {
                personOfID[try p.decode(column: "national_id", as: String.self)] = try p.decode(column: "id", as: UUID.self)
            }
        }
        var currentHousehold: [UUID: UUID] = [:]
        for chunk in Array(personOfID.values).chunked(5000) {
            for m in try await MembershipModel.query(on: db).filter(\.$personID ~~ chunk).filter(\.$endDate == nil).all() {
                currentHousehold[m.personID] = m.householdID
            }
        }
        // Who is already a current member of the registered households (name + birth date).
        var knownMembers = Set<String>()
        var householdsWithHead = Set<UUID>()
        let existingIDs = households.values.map(\.id)
        for chunk in existingIDs.chunked(500) {
            let members = try await MembershipModel.query(on: db).filter(\.$householdID ~~ chunk).filter(\.$endDate == nil).all()
            for m in members where m.role == MemberRole.head.rawValue { householdsWithHead.insert(m.householdID) }
            let people = try await PersonModel.query(on: db).filter(\.$id ~~ members.map(\.personID)).all()
            let byID = Dictionary(people.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
            for m in members { if let p = byID[m.personID] { knownMembers.insert("\(m.householdID)|\(p.searchKey)|\(p.birthDate)") } }
        }
        for r in rows {
            guard let commune = communes[r.communeCode] else {
                errors.append(FieldError(field: "commune_code", message: Message("import.commune_unknown", ["code": r.communeCode]), row: r.row)); continue
            }
            if !actor.covers(path: commune.path) && !commune.path.hasPrefix(actor.scopePath) {
                errors.append(FieldError(field: "commune_code", message: Message("import.commune_outside", ["code": r.communeCode]), row: r.row)); continue
            }
            if !r.residentialGroup.isEmpty {
                let found = groupOf.find(commune.id!, r.residentialGroup)
                if found == nil {
                    errors.append(FieldError(field: "residential_group", message: Message("import.group_unknown", ["group": r.residentialGroup, "commune": commune.name]), row: r.row))
                } else if !actor.covers(path: found!.path) {
                    errors.append(FieldError(field: "residential_group", message: Message("import.commune_outside", ["code": r.residentialGroup]), row: r.row))
                }
            } else if !actor.covers(path: commune.path) {
                errors.append(FieldError(field: "residential_group", message: Message("validation.required"), row: r.row))
            }
            let existing = households[r.householdCode]
            if let existing, existing.communeID != commune.id {
                errors.append(FieldError(field: "household_code", message: Message("import.household_other_commune", ["code": r.householdCode]), row: r.row))
            }
            if existing == nil && !headsInFile.contains(r.householdCode) {
                errors.append(FieldError(field: "relation_to_head", message: Message("import.household_no_head", ["code": r.householdCode]), row: r.row))
            }
            if let existing, r.relation == .head, householdsWithHead.contains(existing.id) {
                // The same head again is fine (nothing changes); a new head is a change, not an import.
                let sameByID = r.nationalID.flatMap { personOfID[$0] }.map { currentHousehold[$0] == existing.id } ?? false
                let sameByName = knownMembers.contains("\(existing.id)|\(TextFolding.fold(r.fullName))|\(r.birth.text)")
                if !sameByID && !sameByName {
                    errors.append(FieldError(field: "relation_to_head", message: Message("import.household_has_head", ["code": r.householdCode]), row: r.row))
                }
            }
            if let id = r.nationalID, let p = personOfID[id], let hid = currentHousehold[p] {
                if hid != existing?.id {
                    errors.append(FieldError(field: "national_id", message: Message("import.person_in_other_household"), row: r.row))
                }
            }
        }
        return errors
    }

    /// The residential groups of some communes, found by code or by name as a file writes them.
    struct Groups {
        /// A commune and a group's code or folded name: no text made of the commune's id for
        /// each row looked up (a UUID's text is printed with `sprintf`).
        struct Key: Hashable { let commune: UUID; let text: String }
        var byKey: [Key: OrgUnitModel] = [:]

        /// The group of `commune` whose code is `written`, else whose name folds as it does.
        func find(_ commune: UUID, _ written: String) -> OrgUnitModel? {
            byKey[Key(commune: commune, text: written)] ?? byKey[Key(commune: commune, text: TextFolding.fold(written))]
        }
    }

    /// The residential groups of some communes (names folded once, not once per row).
    static func groups(of communeIDs: [UUID], on db: any Database) async throws -> Groups {
        var groups = Groups()
        for chunk in communeIDs.chunked(500) {
            for g in try await OrgUnitModel.query(on: db).filter(\.$parentID ~~ chunk).all() {
                guard let parent = g.parentID else { continue }
                let name = Groups.Key(commune: parent, text: TextFolding.fold(g.name))
                groups.byKey[name] = groups.byKey[name] ?? g
                groups.byKey[Groups.Key(commune: parent, text: g.code)] = g
            }
        }
        return groups
    }

    /// Writes the job's rows. With errors, it writes nothing unless `validOnly` (then every row
    /// of a household whose rows have an error is left out, so no household is half-imported).
    /// From `bulkFrom` rows, and at least as many as the registry holds, the list and search
    /// indexes are built once at the end (`RegistryBulkLoad`), in batches of `bulkBatchSize`
    /// rows unless `batchSize` is given.
    @discardableResult
    public func run(_ actor: Actor, jobID: UUID, validOnly: Bool, batchSize: Int? = nil,
                    bulkFrom: Int = RegistryBulkLoad.minimumRows, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> ImportReport {
        try actor.require(.manageRegistry)
        guard let job = try await store.reachable(ImportJobModel.self, jobID, actor, on: store.db) else {
            throw AppError.notFound
        }
        if job.lifecycleState == .done { return try await report(actor, jobID: jobID) }
        if job.errorRows > 0 && !validOnly { throw AppError.conflict(Message("import.has_errors", ["count": "\(job.errorRows)"])) }
        let parsed: Parsed
        if let kept = Self.lastParsed.take(jobID) { parsed = kept } else {
            guard let file = try await sql(store.db).select().column("content").from("import_files").where("job_id", .equal, jobID).first() else {
                throw AppError.notFound
            }
            parsed = Self.parse(try file.decode(column: "content", as: String.self))
        }
        // The row numbers alone, not whole error records.
        var badRows = Set<Int>()
        for r in try await sql(store.db).select().column("row").from("import_errors").where("job_id", .equal, jobID).all() {
            badRows.insert(try r.decode(column: "row", as: Int.self))
        }
        // A household with any bad row (even one that could not be parsed) is left out whole.
        let badHouseholds = Set(badRows.compactMap { parsed.code(ofRow: $0) })
        // Household by household, its head first. The positions are filtered and sorted, and
        // each kept row is copied once: a copy retains and releases each of its strings.
        let all = parsed.rows
        let before = { (i: Int, j: Int) -> Bool in
            if all[i].householdCode != all[j].householdCode { return all[i].householdCode < all[j].householdCode }
            return (all[i].relation == .head ? 0 : 1, all[i].row) < (all[j].relation == .head ? 0 : 1, all[j].row)
        }
        var kept = all.indices.filter { !badRows.contains(all[$0].row) && !badHouseholds.contains(all[$0].householdCode) }
        // A file kept in that order already (as `ansinh generate` and most exports write it) is
        // checked in one pass instead of sorted.
        if zip(kept, kept.dropFirst()).contains(where: { !before($0, $1) }) { kept.sort(by: before) }
        let rows = kept.map { all[$0] }
        if job.lifecycleState != .running || job.validOnly != validOnly {
            try await store.transition(actor, ImportJobModel.self, jobID, .start) { j, _, _ in
                j.validOnly = validOnly
                return ["valid_only": "\(validOnly)", "rows": "\(rows.count)"]
            }
        }
        var position = job.processedRows
        let today = LocalDate.of(store.now(), in: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)
        let bulk = position < rows.count ? try await RegistryBulkLoad.worthIt(rows: rows.count - position, minimum: bulkFrom, on: store.db) : false
        let batchSize = batchSize ?? (bulk ? Self.bulkBatchSize : Self.batchSize)
        // The words of the next batch are derived on another core while this one is written,
        // and the log of the batches before is copied into the database there too.
        var next: Task<BatchWords, Never>? = nil
        let copier = bulk ? try await LogCopier.start(for: store.db) : nil
        do {
            while position < rows.count {
                let batch = rows[position..<min(position + batchSize, rows.count)]
                let end = position + batch.count
                let words = await next?.value ?? BatchWords(batch)
                let following = rows[end..<min(end + batchSize, rows.count)]
                next = following.isEmpty ? nil : Task.detached { BatchWords(following) }
                // The planner's statistics must follow the tables as they grow (see `analyze`).
                let first = position == job.processedRows
                let refresh = first || position / Self.analyzeEvery != end / Self.analyzeEvery
                // Not flushed to the disk at each commit: a batch lost to a power cut is redone on
                // resumption, and the durable last write below flushes them all.
                try await store.write(actor, durable: false) { tx, audit in
                    if first && bulk { try await RegistryBulkLoad.suspend(on: tx) }
                    if refresh { try await Self.analyze(on: tx, sampled: true) }
                    let counts = try await Self.writeBatch(batch, words: words, actor: actor, today: today, on: tx)
                    // One statement for the counters, not a read and a write of the job.
                    try await sql(tx).update("import_jobs").set("processed_rows", to: end)
                        .set(SQLIdentifier("created_households"), to: SQLRaw("created_households + \(counts.households)"))
                        .set(SQLIdentifier("created_persons"), to: SQLRaw("created_persons + \(counts.persons)"))
                        .set(SQLIdentifier("unchanged_rows"), to: SQLRaw("unchanged_rows + \(counts.unchanged)"))
                        .set("updated_at", to: Date()).where("id", .equal, jobID).run()
                    var after = ["rows": "\(batch.first!.row)…\(batch.last!.row)", "households": String(counts.households),
                                 "persons": String(counts.persons), "unchanged": String(counts.unchanged)]
                    if first && bulk { after["indexes_deferred"] = "yes" }
                    audit.add(AuditRecord(action: "import_batch", entity: "import_job", entityID: jobID.uuidString, unitID: actor.unitID,
                                          unitPath: actor.scopePath, before: NoValue?.none, after: after))
                }
                position = end
                copier?.copy()
                progress?(position, rows.count)
            }
        } catch {
            await copier?.stop()
            throw error
        }
        await copier?.stop()
        let written = rows.count
        try await store.transition(actor, ImportJobModel.self, jobID, .finish) { j, tx, _ in
            // Whatever a bulk load (this one, or an earlier one that stopped) left out.
            let rebuilt = try await RegistryBulkLoad.restore(on: tx)
            var after = ["households": String(j.createdHouseholds), "persons": String(j.createdPersons),
                         "unchanged": String(j.unchangedRows), "skipped_rows": String(j.totalRows - written)]
            if !rebuilt.isEmpty { after["indexes_rebuilt"] = rebuilt.joined(separator: ", ") }
            return after
        }
        try await Self.analyze(on: store.db)
        return try await report(actor, jobID: jobID)
    }

    /// Rows between two refreshes of the planner's statistics during an import.
    static let analyzeEvery = 100_000

    /// Refreshes the planner's statistics of the registry tables. SQLite plans the look-ups
    /// `national_id IN (…)` and `code IN (…)` from them: still believing the 159 persons of the
    /// demo, it scanned the whole growing table at every batch instead of using the index,
    /// which made a large import quadratic. On SQLite each index is sampled (1,000 rows),
    /// a few milliseconds at a million persons. On PostgreSQL `sampled` (the refreshes during an
    /// import, in its transaction) reads 3,000 rows of each table instead of 30,000: the look-ups
    /// need row counts, not the distribution of names. The eleven refreshes of a million-person
    /// import took 15.3 s with the full sample while a build ran beside it, and 4.6 s with this
    /// one (the last refresh, after the import, still full) on a quiet machine.
    static func analyze(on db: any Database, sampled: Bool = false) async throws {
        if db.isPostgres {
            if sampled { try await sql(db).raw("SET LOCAL default_statistics_target = 10").run() }
            try await sql(db).raw("ANALYZE households, persons, memberships").run()
            return
        }
        // On one connection: the limit is a setting of the connection.
        try await db.transaction { tx in
            try await sql(tx).raw("PRAGMA analysis_limit = 1000").run()
            for table in ["households", "persons", "memberships"] { try await sql(tx).raw("ANALYZE \(ident: table)").run() }
        }
    }

    /// The derived words of a batch's rows, which depend on the rows alone: folded names and
    /// search words (about a sixth of an import's time at a million persons), so that they can
    /// be derived while the previous batch is written.
    struct BatchWords: Sendable {
        /// Folded name and search words of each row, in the batch's order.
        var persons: [(folded: String, words: String)] = []
        /// Search key and words of each household code, derived from its first row in the batch
        /// (`row`), from which the household is created unless that row is left out.
        var households: [String: (row: Int, key: String, words: String)] = [:]

        /// The search key and words of a household created from row `r`.
        static func household(_ r: RegistryRow) -> (key: String, words: String) {
            let phone = r.relation == .head ? r.phone : nil  // the household's phone is its head's
            return (TextFolding.fold(r.householdCode + " " + r.address), SearchIndex.householdWords(code: r.householdCode, phone: phone, address: r.address))
        }

        init(_ rows: ArraySlice<RegistryRow>) {
            persons.reserveCapacity(rows.count)
            for r in rows {
                persons.append((TextFolding.fold(r.fullName), SearchIndex.personWords(name: r.fullName, nationalID: r.nationalID, phone: r.phone)))
                if households[r.householdCode] == nil {
                    let h = Self.household(r)
                    households[r.householdCode] = (r.row, h.key, h.words)
                }
            }
        }
    }

    /// One batch: bulk look-ups, then multi-row inserts. Returns what was created.
    static func writeBatch(_ batch: ArraySlice<RegistryRow>, words: BatchWords, actor: Actor, today: LocalDate,
                           on tx: any Database) async throws -> (households: Int, persons: Int, unchanged: Int) {
        let s = sql(tx)
        let codes = Array(Set(batch.map(\.householdCode)))
        var households: [String: (id: UUID, path: String)] = [:]
        for h in try await HouseholdModel.query(on: tx).filter(\.$code ~~ codes).all() { households[h.code] = (h.id!, h.unitPath) }
        let communes = try await OrgUnitModel.query(on: tx).filter(\.$code ~~ Array(Set(batch.map(\.communeCode)))).all()
        let communeByCode = Dictionary(communes.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let groupOf = try await Self.groups(of: communes.compactMap(\.id), on: tx)
        let ids = batch.compactMap(\.nationalID)
        var knownIDs = Set<String>()
        for chunk in ids.chunked(5000) {
            // The national ID alone: answered from its index, no person row is read.
            for row in try await s.select().column("national_id").from("persons").where("national_id", .in, SQLBind.group(chunk)).all() {
                knownIDs.insert(try row.decode(column: "national_id", as: String.self))
            }
        }
        // Persons without ID already in these households: folded name + birth date.
        var knownNoID = Set<String>()
        let existingHouseholdIDs = households.values.map(\.id)
        if !existingHouseholdIDs.isEmpty {
            let members = try await MembershipModel.query(on: tx).filter(\.$householdID ~~ existingHouseholdIDs).all()
            let people = try await PersonModel.query(on: tx).filter(\.$id ~~ members.map(\.personID)).all()
            let codeByHousehold = Dictionary(households.map { ($0.value.id, $0.key) }, uniquingKeysWith: { a, _ in a })
            let personByID = Dictionary(people.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
            for m in members {
                if let p = personByID[m.personID], let code = codeByHousehold[m.householdID] {
                    knownNoID.insert(code + "|" + p.searchKey + "|" + p.birthDate)
                }
            }
        }

        let now = Date()
        var newHouseholds: [(UUID, RegistryRow, OrgUnitModel, OrgUnitModel?)] = []
        // By position in the batch, not copies of the rows.
        var newPersons: [(id: UUID, path: String, at: Int)] = []
        var newMemberships: [(household: UUID, person: UUID, role: MemberRole)] = []
        var unchanged = 0
        for (i, r) in batch.enumerated() {
            let folded = words.persons[i].folded
            if let id = r.nationalID, knownIDs.contains(id) { unchanged += 1; continue }
            if r.nationalID == nil, knownNoID.contains(r.householdCode + "|" + folded + "|" + r.birth.text) { unchanged += 1; continue }
            let household: (id: UUID, path: String)
            if let h = households[r.householdCode] { household = h } else {
                guard let commune = communeByCode[r.communeCode] else { continue }
                let group = r.residentialGroup.isEmpty ? nil
                    : groupOf.find(commune.id!, r.residentialGroup)
                let id = OrderedID.make()
                household = (id, group?.path ?? commune.path)
                households[r.householdCode] = household
                newHouseholds.append((id, r, commune, group))
            }
            let pid = OrderedID.make()
            newPersons.append((pid, household.path, i))
            newMemberships.append((household.id, pid, r.relation))
            if let id = r.nationalID { knownIDs.insert(id) } else { knownNoID.insert(r.householdCode + "|" + folded + "|" + r.birth.text) }
        }
        var householdRows = BatchInsert(into: "households", columns: ["id", "code", "commune_id", "group_id", "address", "area_type", "phone",
                                                                      "status", "unit_path", "search_key", "search_words", "created_at", "updated_at"])
        for (id, r, commune, group) in newHouseholds {
            let area = r.areaType?.rawValue ?? commune.areaType ?? AreaType.rural.rawValue
            let phone = r.relation == .head ? r.phone : nil  // the household's phone is its head's
            let derived = words.households[r.householdCode].flatMap { $0.row == r.row ? (key: $0.key, words: $0.words) : nil } ?? BatchWords.household(r)
            householdRows.add(.uuid(id), .text(r.householdCode), .uuid(commune.id!), .uuid(group?.id), .text(r.address), .text(area),
                              .text(phone), .text(HouseholdStatus.active.rawValue), .text(group?.path ?? commune.path),
                              .text(derived.key), .text(derived.words), .date(now), .date(now))
        }
        try await householdRows.run(on: tx)
        var persons = BatchInsert(into: "persons", columns: ["id", "full_name", "gender", "birth_date", "birth_year", "national_id", "phone",
                                                             "disability_level", "disability_certificate_date", "has_pension", "has_merit", "hiv",
                                                             "unit_path", "search_key", "search_words", "created_at", "updated_at"])
        let first = batch.startIndex
        for (id, path, i) in newPersons {
            let r = batch[first + i]
            persons.add(.uuid(id), .text(r.fullName), .text(r.gender.rawValue), .text(r.birth.text), .int(r.birth.year),
                        .text(r.nationalID), .text(r.phone), .text(r.disability.rawValue), .text(r.disabilityCertificateDate?.iso),
                        .bool(r.hasPension), .bool(false), .bool(false), .text(path), .text(words.persons[i].folded),
                        .text(words.persons[i].words), .date(now), .date(now))
        }
        try await persons.run(on: tx)
        var memberships = BatchInsert(into: "memberships", columns: ["id", "household_id", "person_id", "role", "start_date"])
        let start = today.iso
        for (hid, pid, role) in newMemberships {
            memberships.add(.uuid(OrderedID.make()), .uuid(hid), .uuid(pid), .text(role.rawValue), .text(start))
        }
        try await memberships.run(on: tx)
        return (newHouseholds.count, newPersons.count, unchanged)
    }

    public func jobs(_ actor: Actor, page: PageSpec) async throws -> ResultPage<ImportReport> {
        try actor.require(.viewRegistry)
        let q = ImportJobModel.query(on: store.db)
        q.within(\.$unitPath, actor.scopePath)
        let total = try await q.copy().count()
        let rows = try await q.sort(\.$createdAt, .descending).offset(page.offset).limit(page.perPage).all()
        return ResultPage(items: rows.map { ImportReport($0, errors: []) }, request: page, total: total)
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements (for batched SQL).
    public func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}

