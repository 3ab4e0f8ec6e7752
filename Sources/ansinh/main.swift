import AnsinhCore
import AnsinhStore
import AnsinhWeb
import ArgumentParser
import Foundation
import Vapor

/// `ansinh`: one binary for serving, migrating, accounts, tokens, audit and backups.
/// Each command is a thin shell over functions in AnsinhWeb/AnsinhStore.
@main
struct Ansinh: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ansinh",
        abstract: "Ansinh — social protection records for ward offices and social assistance centres.",
        subcommands: [Serve.self, Migrate.self, UserCommand.self, TokenCommand.self, AuditCommand.self, Backup.self, Restore.self,
                      UnitsCommand.self, RegistryCommand.self, PayrollCommand.self, Generate.self, Bench.self, RoutesCommand.self])
}

/// Reads the configuration, or prints one clear line and exits.
func loadConfiguration() -> AppConfiguration {
    do {
        return try AppConfiguration.fromEnvironment(ProcessInfo.processInfo.environment) {
            [UInt8].random(count: 32).base64
        }
    } catch {
        let locale = AppLocale(rawValue: ProcessInfo.processInfo.environment["ANSINH_LOCALE"] ?? "") ?? .vi
        let text = MessageCatalogue.shared.text(error.message, locale)
        FileHandle.standardError.write(Data("ansinh: \(error.variable): \(text)\n".utf8))
        Foundation.exit(2)
    }
}

func say(_ config: AppConfiguration, _ key: String, _ args: [String: String] = [:]) -> String {
    MessageCatalogue.shared.text(Message(key, args), config.defaultLocale)
}

/// Runs `body` with a configured application and shuts it down; operator errors become one
/// line on standard error and exit code 1.
func withApp(_ config: AppConfiguration, arguments: [String] = ["ansinh"], _ body: (Application) async throws -> Void) async throws {
    var env = Environment(name: config.mode == .production ? "production" : "development", arguments: arguments)
    try LoggingSystem.bootstrap(from: &env)
    let app = try await Application.make(env)
    do {
        try await configure(app, config)
        try await body(app)
    } catch let e as OperationError {
        try? await app.asyncShutdown()
        FileHandle.standardError.write(Data("ansinh: \(MessageCatalogue.shared.text(e.message, config.defaultLocale))\n".utf8))
        throw ExitCode(1)
    } catch let e as AppError {
        try? await app.asyncShutdown()
        var text = MessageCatalogue.shared.text(e.message, config.defaultLocale)
        if case .validation(let errors) = e {
            text += ": " + errors.map { "\($0.field): \(MessageCatalogue.shared.text($0.message, config.defaultLocale))" }.joined(separator: "; ")
        }
        FileHandle.standardError.write(Data("ansinh: \(text)\n".utf8))
        throw ExitCode(1)
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the web server. A new database is created and migrated; --demo fills it with the demo (never in production).")
    @ArgumentParser.Option(help: "Address to listen on.") var hostname = "127.0.0.1"
    @ArgumentParser.Option(help: "Port to listen on.") var port = 8080
    @ArgumentParser.Flag(help: "Load the demo organisation and accounts (published password) if the database has no units. Refused with ANSINH_ENV=production.") var demo = false
    @ArgumentParser.Flag(name: .customLong("no-demo"), help: "Kept for old scripts: the demo is loaded only with --demo.") var noDemo = false

    func run() async throws {
        let config = loadConfiguration()
        try await withApp(config, arguments: ["ansinh", "serve", "--hostname", hostname, "--port", String(port)]) { app in
            if config.secretWasGenerated { app.logger.warning("ANSINH_SECRET is not set: a random one is used for this run, so API tokens created now stop working after a restart.") }
            // Held for the life of the process: `ansinh restore` refuses while it is.
            _ = Operations.holdServerLock(config)
            let prepared = try await Operations.prepareForServe(app, demo: demo && !noDemo)
            if prepared.created { print(say(config, "cli.database_created")) }
            if try await Operations.activeAdministrators(app) == 0 {
                print(say(config, "cli.no_administrator"))
            }
            let resumed = try await Operations.resumeImports(app)
            if resumed > 0 { print(say(config, "cli.imports_resumed", ["count": "\(resumed)"])) }
            Operations.schedulePayroll(app)
            print(say(config, "cli.listening", ["url": "http://\(hostname):\(port)/"]))
            if prepared.demoLoaded || (demo && !noDemo) {
                print(say(config, "cli.demo_logins", ["password": DemoData.password]))
                for (username, _, role, _) in DemoData.accounts {
                    print("  \(username)  (\(say(config, "role.\(role.rawValue)")))")
                }
            }
            try await app.execute()
        }
    }
}

/// Every route the server answers, one JSON object a line (method, path pattern, whether it is
/// an upload): what the black-box tests fuzz, so that a new route is fuzzed without a test edit.
struct RoutesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "routes", abstract: "Print every route as JSON lines (method, path, upload).")
    func run() async throws {
        var config = loadConfiguration()
        config.database = .sqliteMemory
        config.logLevel = "error"
        try await withApp(config) { app in
            for line in Operations.routeTable(app) { print(line) }
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")
    func run() async throws {
        let config = loadConfiguration()
        try await withApp(config) { app in
            if case .newer(let names) = try await Operations.databaseState(app) {
                throw OperationError(Message("cli.newer_schema", ["names": names.joined(separator: ", ")]))
            }
            try await Operations.migrate(app)
            print(say(config, "cli.migrated"))
        }
    }
}

/// Reads a password from `ANSINH_PASSWORD` or the first line of standard input.
func readPassword() -> String {
    if let p = ProcessInfo.processInfo.environment["ANSINH_PASSWORD"], !p.isEmpty { return p }
    return readLine(strippingNewline: true) ?? ""
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage accounts.",
                                                    subcommands: [Add.self, List.self, Disable.self])
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account. The password comes from ANSINH_PASSWORD or standard input.")
        @ArgumentParser.Option var username: String
        @ArgumentParser.Option(name: .customLong("full-name")) var fullName: String
        @ArgumentParser.Option(help: "One of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))") var role: String
        @ArgumentParser.Option(help: "Code of the unit the account belongs to (e.g. 00364).") var unit: String
        @ArgumentParser.Option var locale: String?
        func run() async throws {
            let config = loadConfiguration()
            let password = readPassword()
            try await withApp(config) { app in
                try await requireCurrent(app)
                guard let u = try await UnitRepository(app.store).find(code: unit) else {
                    throw OperationError(Message("cli.unit_not_found", ["code": unit]))
                }
                let user = try await UserRepository(app.store).create(.system, UserInput(username: username, fullName: fullName, password: password,
                                                                                          role: role, unitID: u.id, locale: locale))
                print(say(config, "users.created", ["username": user.username]))
            }
        }
    }
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts.")
        func run() async throws {
            let config = loadConfiguration()
            try await withApp(config) { app in
                try await requireCurrent(app)
                var page = 1
                while true {
                    let p = try await UserRepository(app.store).list(.system, page: PageSpec(page: page, perPage: 200))
                    for (u, unit) in p.items {
                        print([u.username, u.fullName, u.role.rawValue, unit.code, u.isDisabled ? "disabled" : "active"].joined(separator: "\t"))
                    }
                    if page >= p.pageCount { break }
                    page += 1
                }
            }
        }
    }
    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account and revoke its tokens.")
        @ArgumentParser.Option var username: String
        func run() async throws {
            let config = loadConfiguration()
            try await withApp(config) { app in
                try await requireCurrent(app)
                guard let u = try await UserRepository(app.store).find(username: username) else {
                    throw OperationError(Message("cli.user_not_found", ["username": username]))
                }
                _ = try await UserRepository(app.store).setDisabled(.system, id: u.id, disabled: true)
                print(say(config, "users.disabled_done", ["username": username]))
            }
        }
    }
}

func requireCurrent(_ app: Application) async throws {
    switch try await Operations.databaseState(app) {
    case .current: return
    case .empty: throw OperationError(Message("cli.not_migrated"))
    case .pending(let n): throw OperationError(Message("cli.pending_migrations", ["count": "\(n.count)", "names": n.joined(separator: ", ")]))
    case .newer(let n): throw OperationError(Message("cli.newer_schema", ["names": n.joined(separator: ", ")]))
    }
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Personal API tokens.", subcommands: [Create.self])
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print it (it is shown only once).")
        @ArgumentParser.Option var username: String
        @ArgumentParser.Option var name = "cli"
        func run() async throws {
            let config = loadConfiguration()
            if config.secretWasGenerated {
                FileHandle.standardError.write(Data("ansinh: ANSINH_SECRET: \(say(config, "config.secret_for_tokens"))\n".utf8))
                throw ExitCode(2)
            }
            try await withApp(config) { app in
                try await requireCurrent(app)
                guard let u = try await UserRepository(app.store).find(username: username) else {
                    throw OperationError(Message("cli.user_not_found", ["username": username]))
                }
                print(try await TokenRepository(app.store).create(.system, for: u.id, name: name))
            }
        }
    }
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "The audit trail.", subcommands: [Verify.self])
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Recompute the hash chain; exit 1 at the first altered entry.")
        func run() async throws {
            let config = loadConfiguration()
            try await withApp(config) { app in
                try await requireCurrent(app)
                switch try await AuditChain.verify(on: app.db) {
                case .ok(let n): print(say(config, "cli.audit_ok", ["count": "\(n)"]))
                case .broken(let seq, let reason):
                    print(say(config, "cli.audit_broken", ["seq": "\(seq)", "reason": "@audit.reason.\(reason)"]))
                    throw ExitCode(1)
                case .headMismatch(let expected, let found):
                    print(say(config, "cli.audit_head", ["expected": "\(expected)", "found": "\(found)"]))
                    throw ExitCode(1)
                }
            }
        }
    }
}

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a consistent copy of the SQLite database (safe while serving).")
    @ArgumentParser.Argument var file: String
    func run() async throws {
        let config = loadConfiguration()
        try await withApp(config) { app in
            try await Operations.backup(app, to: file)
            print(say(config, "cli.backup_done", ["path": file]))
        }
    }
}

struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check a backup and put it in place of the database (stop the server first).")
    @ArgumentParser.Argument var file: String
    func run() async throws {
        let config = loadConfiguration()
        var env = Environment(name: "development", arguments: ["ansinh"])
        try LoggingSystem.bootstrap(from: &env)
        do {
            let n = try await Operations.restore(from: file, config: config, logger: Logger(label: "ansinh.restore"))
            print(say(config, "cli.restore_done", ["path": file, "count": "\(n)"]))
        } catch let e as OperationError {
            FileHandle.standardError.write(Data("ansinh: \(MessageCatalogue.shared.text(e.message, config.defaultLocale))\n".utf8))
            throw ExitCode(1)
        }
    }
}

struct UnitsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "units", abstract: "Organisational units.", subcommands: [ImportOfficial.self])
    struct ImportOfficial: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import-official",
                                                        abstract: "Load the official 34 provinces and 3,321 communes (safe to run again).")
        func run() async throws {
            let config = loadConfiguration()
            try await withApp(config) { app in
                try await requireCurrent(app)
                let r = try await OfficialMap.importOfficial(app.store)
                print(say(config, "cli.official_done", ["created": "\(r.created)", "updated": "\(r.updated)", "unchanged": "\(r.unchanged)"]))
            }
        }
    }
}

struct RegistryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "registry", abstract: "Households and persons.", subcommands: [Import.self, Duplicates.self])
    struct Duplicates: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Find likely duplicate persons and add them to the review queue.")
        func run() async throws {
            let config = loadConfiguration()
            try await withApp(config) { app in
                try await requireCurrent(app)
                let n = try await DuplicateRepository(app.store).find(.system)
                print(say(config, "duplicates.found", ["count": "\(n)"]))
            }
        }
    }
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import a CSV file (one row per person). Checks every row first; writes nothing while there are errors unless --valid-only.")
        @ArgumentParser.Argument var file: String
        @ArgumentParser.Flag(name: .customLong("dry-run"), help: "Only check the file and print the errors.") var dryRun = false
        @ArgumentParser.Flag(name: .customLong("valid-only"), help: "Import the valid households and leave out those with errors.") var validOnly = false
        @ArgumentParser.Option(name: .customLong("as"), help: "Username recorded as the importer (default: system).") var asUser: String?
        func run() async throws {
            let config = loadConfiguration()
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("ansinh: \(say(config, "cli.restore_missing", ["path": file]))\n".utf8))
                throw ExitCode(1)
            }
            try await withApp(config) { app in
                try await requireCurrent(app)
                var actor = Actor.system
                if let asUser {
                    guard let u = try await UserRepository(app.store).find(username: asUser),
                          let a = try await UserRepository(app.store).actor(for: u.id, fallbackLocale: config.defaultLocale) else {
                        throw OperationError(Message("cli.user_not_found", ["username": asUser]))
                    }
                    actor = a
                }
                let importer = RegistryImporter(app.store)
                let report = try await importer.validate(actor, fileName: URL(fileURLWithPath: file).lastPathComponent, data: data)
                print(say(config, "cli.import_checked", ["rows": "\(report.totalRows)", "errors": "\(report.errorRows)"]))
                for e in try await importer.allErrors(actor, jobID: report.jobID) {
                    print(say(config, "cli.import_error", ["row": e.row.map(String.init) ?? "-", "column": e.field,
                                                            "message": MessageCatalogue.shared.text(e.message, config.defaultLocale)]))
                }
                if dryRun { return }
                if report.errorRows > 0 && !validOnly { throw ExitCode(1) }
                let done = try await importer.run(actor, jobID: report.jobID, validOnly: validOnly) { position, total in
                    if position == total || position % 10_000 < RegistryImporter.batchSize {
                        FileHandle.standardError.write(Data("\(position)/\(total)\r".utf8))
                    }
                }
                print(say(config, "cli.import_done", ["households": "\(done.createdHouseholds)", "persons": "\(done.createdPersons)",
                                                       "unchanged": "\(done.unchangedRows)"]))
            }
        }
    }
}

struct Generate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a synthetic registry CSV (Vietnamese names, planted duplicates and invalid rows) for tests and benchmarks.")
    @ArgumentParser.Option var households: Int
    @ArgumentParser.Option var seed: UInt64 = 1
    @ArgumentParser.Option var out: String
    @ArgumentParser.Option(help: "Commune codes, comma-separated.") var communes = "00364"
    @ArgumentParser.Option(help: "Residential groups per commune (Tổ dân phố 1…n); 0 leaves the column empty.") var groups = 3
    func run() async throws {
        var options = RegistryGenerator.Options(households: households, seed: seed)
        options.communes = communes.split(separator: ",").map(String.init)
        options.groups = groups
        var generator = RegistryGenerator(options)
        let output = generator.generate()
        try output.csv.write(toFile: out, atomically: true, encoding: .utf8)
        var truth = "kind,original_row,copy_row\n"
        for d in output.duplicates { truth += "\(d.kind),\(d.original),\(d.copy)\n" }
        for r in output.invalidRows { truth += "invalid,\(r),\n" }
        try truth.write(toFile: out + ".truth.csv", atomically: true, encoding: .utf8)
        print("\(out): \(output.persons) persons in \(households) households; \(output.duplicates.count) planted duplicates, \(output.invalidRows.count) invalid rows (see \(out).truth.csv)")
    }
}

struct PayrollCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "payroll", abstract: "Monthly payment cycles.", subcommands: [Prepare.self, Due.self])

    struct Prepare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "prepare", abstract: "Prepare (or, while a draft, prepare again) one commune's cycle of a month.")
        @ArgumentParser.Option(help: "Commune/ward code, e.g. 00364.") var commune: String
        @ArgumentParser.Option(help: "The month paid, YYYY-MM.") var month: String
        func run() async throws {
            let config = loadConfiguration()
            guard let m = YearMonth(iso: month) else { throw ValidationError("--month must be YYYY-MM") }
            try await withApp(config) { app in
                guard let unit = try await UnitRepository(app.store).find(code: commune) else {
                    throw OperationError(Message("cli.unknown_commune", ["code": commune]))
                }
                let repo = PayrollRepository(app.store)
                let cycle = try await repo.cycle(.system, try await repo.generate(.system, communeID: unit.id, month: m))
                print(say(config, "cli.payroll_generated", ["month": m.iso, "commune": unit.name, "lines": "\(cycle.lines)",
                                                            "total": Message.money(cycle.balance.issued)]))
            }
        }
    }

    struct Due: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "due", abstract: "Prepare the cycles due today (ANSINH_PAYROLL_DAY), as the server does every hour.")
        func run() async throws {
            let config = loadConfiguration()
            try await withApp(config) { app in
                let made = try await Operations.prepareDuePayroll(app)
                print(say(config, "cli.payroll_due", ["count": "\(made.count)"]))
            }
        }
    }
}

struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Benchmarks; prints the numbers and appends them to bench/RESULTS.md.", subcommands: [RegistryBenchCommand.self, ReviewBenchCommand.self, EligibilityBenchCommand.self, PayrollBenchCommand.self])
    static var build: String {
        #if DEBUG
        return "debug build"
        #else
        return "release build"
        #endif
    }

    /// Runs a benchmark on a fresh database (a new SQLite file in a temporary folder, or the
    /// PostgreSQL of DATABASE_URL) with the demo organisation, then appends the section it
    /// returns to the results file.
    static func run(results: String, _ body: @escaping @Sendable (Application, URL) async throws -> String) async throws {
        var config = loadConfiguration()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ansinh-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        if case .postgres = config.database {} else { config.database = .sqliteFile(path: dir.appendingPathComponent("bench.sqlite").path) }
        config.logLevel = "warning"
        try await withApp(config) { app in
            try await Operations.migrate(app)
            try await DemoData.loadIfEmpty(app.store)
            let date = ISO8601DateFormatter().string(from: Date())
            var section = (try await body(app, dir)).replacingOccurrences(of: "{build}", with: "\(build), \(date)")
            // A PostgreSQL run says so in its command (without the password, if any).
            if case .postgres(let url) = config.database, var c = URLComponents(string: url) {
                c.password = nil
                section = section.replacingOccurrences(of: "Command: `", with: "Command: `DATABASE_URL=\(c.string ?? "postgres://…") ")
            }
            print(section)
            let url = URL(fileURLWithPath: results)
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if let h = FileHandle(forWritingAtPath: results) { h.seekToEndOfFile(); h.write(Data(section.utf8)); try h.close() }
            else { try ("# Ansinh benchmark results\n\nMachine: 2 cores, 24 GiB. Each section is appended by `ansinh bench`.\n" + section).write(to: url, atomically: true, encoding: .utf8) }
        }
    }

    struct ReviewBenchCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "review", abstract: "Classify N households from stored survey data with the set-based job (fresh SQLite file unless DATABASE_URL is PostgreSQL).")
        @ArgumentParser.Option var households: Int = 300_000
        @ArgumentParser.Option var seed: UInt64 = 1
        @ArgumentParser.Option(help: "The period classified (chooses the standard).") var period: Int = 2026
        @ArgumentParser.Option(help: "Where to append the results.") var results = "bench/RESULTS.md"
        func run() async throws {
            let households = self.households, seed = self.seed, period = self.period
            try await Bench.run(results: results) { app, _ in
                let r = try await ReviewBench.run(app, households: households, seed: seed, period: period) { print($0) }
                return "\n## Review classification — \(households) households, period \(period), seed \(seed), {build}\n\nCommand: `swift run -c release ansinh bench review --households \(households) --period \(period) --seed \(seed)`\n\n" + r.markdown
            }
        }
    }

    struct EligibilityBenchCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "eligibility", abstract: "The whole-registry monthly allowance run over N generated households (fresh SQLite file unless DATABASE_URL is PostgreSQL).")
        @ArgumentParser.Option var households: Int = 300_000
        @ArgumentParser.Option var seed: UInt64 = 1
        @ArgumentParser.Option(help: "The month evaluated, YYYY-MM.") var month = "2026-09"
        @ArgumentParser.Option(help: "Where to append the results.") var results = "bench/RESULTS.md"
        func run() async throws {
            guard let m = YearMonth(iso: month) else { throw ValidationError("--month must be YYYY-MM") }
            let households = self.households, seed = self.seed
            try await Bench.run(results: results) { app, _ in
                let r = try await EligibilityBench.run(app, households: households, seed: seed, month: m) { print($0) }
                return "\n## Allowance eligibility over the registry — \(households) households, month \(m.iso), seed \(seed), {build}\n\nCommand: `swift run -c release ansinh bench eligibility --households \(households) --month \(m.iso) --seed \(seed)`\n\n" + r.markdown
            }
        }
    }

    struct PayrollBenchCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "payroll", abstract: "One monthly payment cycle for N recipients (fresh SQLite file unless DATABASE_URL is PostgreSQL).")
        @ArgumentParser.Option var recipients: Int = 100_000
        @ArgumentParser.Option var seed: UInt64 = 1
        @ArgumentParser.Option(help: "The month paid, YYYY-MM.") var month = "2026-09"
        @ArgumentParser.Option(help: "Where to append the results.") var results = "bench/RESULTS.md"
        func run() async throws {
            guard let m = YearMonth(iso: month) else { throw ValidationError("--month must be YYYY-MM") }
            let recipients = self.recipients, seed = self.seed
            try await Bench.run(results: results) { app, _ in
                let r = try await PayrollBench.run(app, recipients: recipients, seed: seed, month: m) { print($0) }
                return "\n## Payroll cycle — \(recipients) recipients, month \(m.iso), seed \(seed), {build}\n\nCommand: `swift run -c release ansinh bench payroll --recipients \(recipients) --month \(m.iso) --seed \(seed)`\n\n" + r.markdown
            }
        }
    }

    struct RegistryBenchCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "registry", abstract: "Import, search and duplicate detection on a generated registry (fresh SQLite file unless DATABASE_URL is PostgreSQL).")
        @ArgumentParser.Option var households: Int = 300_000
        @ArgumentParser.Option var seed: UInt64 = 1
        @ArgumentParser.Option(help: "Where to append the results.") var results = "bench/RESULTS.md"
        func run() async throws {
            let households = self.households, seed = self.seed
            try await Bench.run(results: results) { app, dir in
                let r = try await RegistryBench.run(app, households: households, seed: seed, workDir: dir) { print($0) }
                return "\n## Registry — \(households) households, seed \(seed), {build}\n\nCommand: `swift run -c release ansinh bench registry --households \(households) --seed \(seed)`\n\n" + r.markdown
            }
        }
    }
}
