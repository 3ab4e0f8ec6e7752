import AnsinhCore
import AnsinhStore
import Fluent
import FluentSQLiteDriver
import Foundation
import SQLKit
import Vapor

/// What the command-line tool does, as functions that tests can call.
public enum Operations {
    /// The state of the database before start-up.
    public enum DatabaseState: Equatable, Sendable {
        /// No Ansinh tables yet: start-up may create them.
        case empty
        /// Migrated and current.
        case current
        /// Migrated by an older Ansinh: `ansinh migrate` must run first.
        case pending([String])
        /// Migrated by a newer Ansinh than this one.
        case newer([String])
    }

    /// Names of every migration this version knows, in order.
    public static var knownMigrations: [String] {
        AnsinhMigrations.all.map(\.name) + [SessionRecord.migration.name]
    }

    static func appliedMigrations(_ db: any Database) async throws -> [String]? {
        let s = db as! any SQLDatabase
        let exists: Bool
        if db.isPostgres {
            exists =
                try await s.raw("SELECT 1 AS x FROM information_schema.tables WHERE table_name = '_fluent_migrations' AND table_schema = current_schema()")
                .first() != nil
        } else {
            exists = try await s.raw("SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = '_fluent_migrations'").first() != nil
        }
        guard exists else { return nil }
        return try await s.raw("SELECT name FROM _fluent_migrations").all().map { try $0.decode(column: "name", as: String.self) }
    }

    public static func databaseState(_ app: Application) async throws -> DatabaseState {
        guard let applied = try await appliedMigrations(app.db), !applied.isEmpty else { return .empty }
        let known = knownMigrations
        let unknown = applied.filter { !known.contains($0) }
        if !unknown.isEmpty { return .newer(unknown) }
        let pending = known.filter { !applied.contains($0) }
        return pending.isEmpty ? .current : .pending(pending)
    }

    /// Applies every pending migration and makes sure the root unit (the country) exists, so
    /// that a first administrator can be created with `ansinh user add --unit VN`.
    public static func migrate(_ app: Application) async throws {
        try await app.autoMigrate()
        _ = try await UnitRepository(app.store).createRoot(code: "VN", name: "Việt Nam")
        try await sealClearValues(app)
    }

    /// Seals the sensitive values a database holds in clear text (written before sealing began),
    /// at every start and migration; a sealed database costs one query per column.
    @discardableResult
    public static func sealClearValues(_ app: Application) async throws -> Int {
        try await SealedFieldRepository(app.store).reseal(.system, clearOnly: true)
    }

    /// Start-up rule: a new database is created and, only when `demo` is asked for, filled with
    /// the demo; an existing one must be current. The demo (accounts with a published password,
    /// a system administrator among them) is refused outright in production.
    public static func prepareForServe(_ app: Application, demo: Bool) async throws -> (created: Bool, demoLoaded: Bool) {
        if demo && app.ansinh.config.mode == .production { throw OperationError(Message("cli.demo_in_production")) }
        switch try await databaseState(app) {
        case .empty:
            try await migrate(app)
            let loaded = demo ? try await DemoData.loadIfEmpty(app.store) : false
            if loaded {
                try await DemoData.loadHouseholds(app.store, today: LocalDate.of(app.ansinh.now(), in: app.ansinh.config.timeZone))
                try await DemoData.loadCases(app.store)
                try await DemoData.loadHotline(app.store)
                try await DemoData.loadCare(app.store)
                try await DemoData.loadStaff(app.store)
                try await DemoData.loadTherapy(app.store)
                try await DemoData.loadPlacements(app.store)
                try await DemoData.loadContracts(app.store)
                try await DemoData.loadCarePlans(app.store)
                try await DemoData.loadFunds(app.store)
                try await DemoData.loadCampaigns(app.store)
                try await DemoData.loadLivelihood(app.store)
                try await DemoData.loadCircumstances(app.store)
                try await DemoData.loadReview(app.store)
                try await DemoData.loadAllowances(app.store)
                try await DemoData.loadEducation(app.store)
                try await DemoData.loadWorks(app.store)
            }
            return (true, loaded)
        case .current:
            try await sealClearValues(app)
            let loaded = demo ? try await DemoData.loadIfEmpty(app.store) : false
            return (false, loaded)
        case .pending(let names):
            throw OperationError(Message("cli.pending_migrations", ["count": "\(names.count)", "names": names.joined(separator: ", ")]))
        case .newer(let names):
            throw OperationError(Message("cli.newer_schema", ["names": names.joined(separator: ", ")]))
        }
    }

    /// Every route as a JSON line: `{"method": "GET", "path": "/registry/households/:id", "upload": false}`.
    public static func routeTable(_ app: Application) -> [String] {
        app.routes.all.map { r in
            let path = "/" + r.path.map(\.description).joined(separator: "/")
            let upload = r.userInfo[AnySendableHashable(BodyLimit.uploadKey)] != nil
            let fields = ["\"method\": \"\(r.method.rawValue)\"", "\"path\": \"\(path)\"", "\"upload\": \(upload)"]
            return "{" + fields.joined(separator: ", ") + "}"
        }
    }

    /// How many enabled system administrators the database has (production start-up says how
    /// to create the first one when there is none).
    public static func activeAdministrators(_ app: Application) async throws -> Int {
        try await UserModel.query(on: app.db).filter(\.$role == Role.systemAdmin.rawValue).filter(\.$isDisabled == false).count()
    }

    /// Continues every import that was running when the server stopped, in the background,
    /// as the user who started it. Returns how many were resumed. When there is none, builds
    /// the indexes an interrupted import left out (`RegistryBulkLoad`).
    @discardableResult
    public static func resumeImports(_ app: Application) async throws -> Int {
        let running = try await ImportJobModel.query(on: app.db).filter(\.$status == "running").all()
        let store = app.store
        let logger = app.logger
        var resumed = 0
        for job in running {
            guard let uid = job.actorID, let actor = try await UserRepository(store).actor(for: uid, fallbackLocale: .vi) else { continue }
            let id = job.id!, validOnly = job.validOnly
            resumed += 1
            Task.detached {
                do { try await RegistryImporter(store).run(actor, jobID: id, validOnly: validOnly) } catch {
                    logger.error("resumed import \(id) stopped: \(String(reflecting: error))")
                }
            }
        }
        // With no import to finish it, what an import that stopped left out is built now.
        if resumed == 0 {
            let rebuilt = try await RegistryBulkLoad.restore(store)
            if !rebuilt.isEmpty { logger.notice("rebuilt what an interrupted import left out: \(rebuilt.joined(separator: ", "))") }
        }
        return resumed
    }

    /// A consistent copy of the SQLite database, taken while the server may be serving
    /// (`VACUUM INTO` reads one snapshot).
    /// Prepares the month's payment cycles once the configured payroll day has come, for every
    /// commune that pays someone and has none yet (idempotent; run hourly by `serve`).
    @discardableResult
    public static func prepareDuePayroll(_ app: Application) async throws -> [UUID] {
        let day = app.ansinh.config.payrollDay
        let today = LocalDate.of(app.ansinh.now(), in: app.ansinh.config.timeZone)
        guard day > 0, today.day >= day else { return [] }
        return try await PayrollRepository(app.store).generateDue(month: today.yearMonth)
    }

    /// Runs `prepareDuePayroll`, the escalation of overdue case steps and the purge of expired
    /// sessions now and every hour while the server runs.
    public static func schedulePayroll(_ app: Application) {
        let loop = app.eventLoopGroup.next()
        loop.scheduleRepeatedAsyncTask(initialDelay: .seconds(5), delay: .hours(1)) { _ in
            loop.makeFutureWithTask {
                do {
                    let made = try await prepareDuePayroll(app)
                    if !made.isEmpty { app.logger.info("payroll: \(made.count) cycle(s) prepared on schedule") }
                } catch {
                    app.logger.error("payroll: scheduled preparation failed: \(error)")
                }
                // Case steps past their deadline are escalated to the manager, once each.
                do {
                    let n = try await CaseRepository(app.store).escalate(now: app.ansinh.now())
                    if n > 0 { app.logger.info("cases: \(n) overdue step(s) escalated") }
                } catch {
                    app.logger.error("cases: escalation failed: \(error)")
                }
                // Residents' requests past their day are escalated to the ward's leader, once each.
                do {
                    let n = try await FeedbackRepository(app.store, zone: app.ansinh.config.timeZone).escalate(now: app.ansinh.now())
                    if n > 0 { app.logger.info("requests: \(n) overdue request(s) escalated") }
                } catch {
                    app.logger.error("requests: escalation failed: \(error)")
                }
                // Hotline contacts, closed cases, former residents, decided reviews, ended allowance files, closed
                // payment cycles and individual donors past their retention are anonymised (`RetentionRepository.jobs`).
                do {
                    for job in RetentionRepository(app.store).jobs {
                        let n = try await job.run(.system, app.ansinh.config.timeZone)
                        if n > 0 { app.logger.info("retention: \(n) record(s) of kind \(job.kind.rawValue) anonymised") }
                    }
                } catch {
                    app.logger.error("retention: failed: \(error)")
                }
                // Sessions past their idle or absolute limit are deleted (they are refused
                // when read anyway; this keeps the table small).
                do {
                    let purged = try await SessionRepository(app.store, limits: app.ansinh.config.sessionLimits).purge()
                    if purged > 0 { app.logger.info("sessions: \(purged) expired session(s) purged") }
                } catch {
                    app.logger.error("sessions: purge failed: \(error)")
                }
            }
        }
    }

    public static func backup(_ app: Application, to path: String) async throws {
        guard case .sqliteFile = app.ansinh.config.database else { throw OperationError(Message("cli.backup_sqlite_only")) }
        if FileManager.default.fileExists(atPath: path) { throw OperationError(Message("cli.backup_exists", ["path": path])) }
        // The copy holds everyone's personal data: it is created empty, readable and writable by
        // its owner only (0600), before SQLite writes into it (VACUUM INTO accepts an empty file).
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw OperationError(Message("cli.backup_exists", ["path": path])) }
        fchmod(fd, 0o600)
        close(fd)
        let escaped = path.replacingOccurrences(of: "'", with: "''")
        do {
            try await (app.db as! any SQLDatabase).raw(SQLQueryString("VACUUM INTO '\(unsafeRaw: escaped)'")).run()
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        chmod(path, 0o600)
    }

    /// The lock a running server holds on its SQLite file (a shared `flock` on `FILE.lock`,
    /// released when the process ends, even by `kill -9`). `restore` needs it exclusively, so
    /// it refuses while any server has the database open. Returns the descriptor to keep open.
    @discardableResult
    public static func holdServerLock(_ config: AppConfiguration) -> Int32? {
        guard case .sqliteFile(let path) = config.database else { return nil }
        let fd = open(path + ".lock", O_RDWR | O_CREAT, 0o600)
        guard fd >= 0 else { return nil }
        _ = flock(fd, LOCK_SH)
        return fd
    }

    /// Whether a server holds `path` (its lock cannot be taken exclusively).
    static func serverHolds(_ path: String) -> Bool {
        let fd = open(path + ".lock", O_RDWR | O_CREAT, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 { return true }
        _ = flock(fd, LOCK_UN)
        return false
    }

    /// Checks a backup file and, when it is sound and not newer than this Ansinh, puts it in place
    /// of the configured database file. The server must be stopped.
    public static func restore(from source: String, config: AppConfiguration, logger: Logger) async throws -> Int {
        guard case .sqliteFile(let target) = config.database else { throw OperationError(Message("cli.backup_sqlite_only")) }
        if serverHolds(target) { throw OperationError(Message("cli.restore_server_running", ["path": target])) }
        guard let handle = FileHandle(forReadingAtPath: source) else { throw OperationError(Message("cli.restore_missing", ["path": source])) }
        let header = handle.readData(ofLength: 16)
        try? handle.close()
        guard header == Data("SQLite format 3\u{0}".utf8) else { throw OperationError(Message("cli.restore_not_sqlite", ["path": source])) }

        // Open a private copy so that the check never changes the backup itself.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ansinh-restore-\(UUID().uuidString).sqlite").path
        try FileManager.default.copyItem(atPath: source, toPath: scratch)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let checkApp = try await Application.make(.testing)
        checkApp.logger = logger
        checkApp.databases.use(.sqlite(.file(scratch)), as: .sqlite)
        var entries = 0
        do {
            let db = checkApp.db as! any SQLDatabase
            let integrity: String?
            do {
                integrity = try await db.raw("PRAGMA integrity_check").all().first.map { try $0.decode(column: "integrity_check", as: String.self) }
            } catch {
                // SQLite refuses to read it at all ("file is not a database").
                throw OperationError(Message("cli.restore_corrupt", ["detail": String(describing: error)]))
            }
            guard integrity == "ok" else { throw OperationError(Message("cli.restore_corrupt", ["detail": integrity ?? "?"])) }
            guard let applied = try await appliedMigrations(checkApp.db), !applied.isEmpty else {
                throw OperationError(Message("cli.restore_not_ansinh"))
            }
            let unknown = applied.filter { !knownMigrations.contains($0) }
            if !unknown.isEmpty { throw OperationError(Message("cli.newer_schema", ["names": unknown.joined(separator: ", ")])) }
            let verified =
                applied.contains(AuditChain.migrationName)
                ? try await AuditChain.verify(on: checkApp.db) : try await AuditChain.verifyBeforeChains(on: checkApp.db)
            switch verified {
            case .ok(let n): entries = n
            case .broken(let seq, _), .headMismatch(let seq, _):
                throw OperationError(Message("cli.restore_audit_broken", ["seq": "\(seq)"]))
            }
            // The copy may have renumbered rows; the full-text index and the persons' keys
            // follow them again.
            if applied.contains(SearchIndex.migrationName) { try await SearchIndex.rebuild(on: checkApp.db) }
            if applied.contains(SearchIndex.Keys.migrationName) { try await SearchIndex.Keys.rebuild(on: checkApp.db) }
        } catch {
            try await checkApp.asyncShutdown()
            throw error
        }
        try await checkApp.asyncShutdown()

        // Replace atomically: copy beside the target, then rename over it.
        let staging = target + ".restoring"
        try? FileManager.default.removeItem(atPath: staging)
        try FileManager.default.copyItem(atPath: scratch, toPath: staging)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: target + suffix) }
        if rename(staging, target) != 0 { throw OperationError(Message("cli.restore_failed", ["path": target])) }
        return entries
    }
}

/// A command failed for a reason the operator can fix; the message says which.
public struct OperationError: Error, Sendable {
    public let message: Message
    public init(_ message: Message) { self.message = message }
}
