import AnsinhCore
import FluentKit
import Foundation
import SQLKit

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
    static let lastParsed = LastParsed()
    final class LastParsed: @unchecked Sendable {
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
    ///
    /// `refuseBadHeader`: a file whose header lacks a required column is refused (422 with each
    /// missing column) and leaves no job — the API's answer; the page keeps such a job to show
    /// the file's problems.
    public func validate(_ actor: Actor, fileName: String, data: Data, refuseBadHeader: Bool = false) async throws -> ImportReport {
        try actor.require(.manageRegistry)
        guard data.count <= 200 * 1024 * 1024 else { throw AppError.invalid("file", "import.too_large") }
        let text = try UploadedSheet.csvText(data)
        if refuseBadHeader {
            let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
            if case .failure(let missing) = RegistryImportParser.columns(CSVReader.rows(String(firstLine)).first ?? []) {
                throw AppError.validation(missing.list)
            }
        }
        let hash = data.sha256Hex
        if let existing = try await ImportJobModel.query(on: store.db).filter(\.$fileHash == hash)
            .filter(\.$unitPath == actor.scopePath).filter(\.$status != ImportLifecycle.State.failed.rawValue).sort(\.$createdAt, .descending).first()
        {
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
            audit.add(
                AuditRecord(
                    action: "import_validated", entity: "import_job", entityID: job.id!.uuidString, unitID: actor.unitID,
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
        return ImportReport(
            job,
            errors: errors.map { e in
                let args = (try? JSONDecoder().decode([String: String].self, from: Data(e.messageArgs.utf8))) ?? [:]
                return FieldError(field: e.field, message: Message(e.messageKey, args), row: e.row == 0 ? nil : e.row)
            })
    }

    /// Every error of a job, for the downloadable error report.
    public func allErrors(_ actor: Actor, jobID: UUID) async throws -> [FieldError] {
        try await report(actor, jobID: jobID, errorLimit: 1_000_000).errors
    }

    /// Rows between two refreshes of the planner's statistics during an import.
    static let analyzeEvery = 100_000

    public func jobs(_ actor: Actor, page: PageSpec) async throws -> ResultPage<ImportReport> {
        try actor.require(.viewRegistry)
        let q = ImportJobModel.query(on: store.db)
        q.within(\.$unitPath, actor.scopePath)
        let total = try await q.copy().count()
        let rows = try await q.sort(\.$createdAt, .descending).offset(page.offset).limit(page.perPage).all()
        return ResultPage(items: rows.map { ImportReport($0, errors: []) }, request: page, total: total)
    }
}
