import AnsinhBench
import AnsinhCore
import AnsinhStore
import AnsinhWeb
import ArgumentParser
import Foundation
import Vapor

struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks; prints the numbers and appends them to bench/RESULTS.md.",
        subcommands: [
            AuditBenchCommand.self, RegistryBenchCommand.self, ReviewBenchCommand.self, EligibilityBenchCommand.self, PayrollBenchCommand.self,
            CentreBenchCommand.self, CareBenchCommand.self, CampaignBenchCommand.self,
        ])
    static var build: String {
        #if DEBUG
            return "debug build"
        #else
            return "release build"
        #endif
    }

    /// Runs a benchmark on a fresh database (a new SQLite file in a temporary folder, or the
    /// PostgreSQL of DATABASE_URL, which must be empty) with the demo organisation, then appends
    /// the section it returns to the results file.
    static func run(results: String, _ body: @escaping @Sendable (Application, URL) async throws -> String) async throws {
        var config = loadConfiguration()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ansinh-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        if case .postgres = config.database {} else { config.database = .sqliteFile(path: dir.appendingPathComponent("bench.sqlite").path) }
        config.logLevel = "warning"
        try await withApp(config) { app in
            // A benchmark writes a generated registry: never into a database that holds data
            // (DATABASE_URL naming a production PostgreSQL, say).
            guard try await Operations.databaseState(app) == .empty else {
                throw OperationError(Message("cli.bench_needs_empty"))
            }
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
            if let h = FileHandle(forWritingAtPath: results) {
                h.seekToEndOfFile(); h.write(Data(section.utf8)); try h.close()
            } else {
                try ("# Ansinh benchmark results\n\nMachine: 2 cores, 24 GiB. Each section is appended by `ansinh bench`.\n" + section).write(
                    to: url, atomically: true, encoding: .utf8)
            }
        }
    }

    struct ReviewBenchCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review",
            abstract: "Classify N households from stored survey data with the set-based job (fresh SQLite file unless DATABASE_URL is PostgreSQL).")
        @ArgumentParser.Option var households: Int = 300_000
        @ArgumentParser.Option var seed: UInt64 = 1
        @ArgumentParser.Option(help: "The period classified (chooses the standard).") var period: Int = 2026
        @ArgumentParser.Option(help: "Where to append the results.") var results = "bench/RESULTS.md"
        func run() async throws {
            let households = self.households, seed = self.seed, period = self.period
            try await Bench.run(results: results) { app, _ in
                let r = try await ReviewBench.run(app, households: households, seed: seed, period: period) { print($0) }
                return
                    "\n## Review classification — \(households) households, period \(period), seed \(seed), {build}\n\nCommand: `swift run -c release ansinh bench review --households \(households) --period \(period) --seed \(seed)`\n\n"
                    + r.markdown
            }
        }
    }

    struct EligibilityBenchCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eligibility",
            abstract: "The whole-registry monthly allowance run over N generated households (fresh SQLite file unless DATABASE_URL is PostgreSQL).")
        @ArgumentParser.Option var households: Int = 300_000
        @ArgumentParser.Option var seed: UInt64 = 1
        @ArgumentParser.Option(
            help: "The month evaluated, YYYY-MM; by default the current month (the registry import records its members from the day of the import).")
        var month: String?
        @ArgumentParser.Option(help: "Where to append the results.") var results = "bench/RESULTS.md"
        func run() async throws {
            let current = LocalDate.of(Date(), in: TimeZone(identifier: "Asia/Ho_Chi_Minh")!).yearMonth
            guard let m = month.map({ YearMonth(iso: $0) }) ?? current, m >= current else {
                throw ValidationError("--month must be YYYY-MM, this month or later")
            }
            let households = self.households, seed = self.seed
            try await Bench.run(results: results) { app, _ in
                let r = try await EligibilityBench.run(app, households: households, seed: seed, month: m) { print($0) }
                return
                    "\n## Allowance eligibility over the registry — \(households) households, month \(m.iso), seed \(seed), {build}\n\nCommand: `swift run -c release ansinh bench eligibility --households \(households) --month \(m.iso) --seed \(seed)`\n\n"
                    + r.markdown
            }
        }
    }

    struct PayrollBenchCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "payroll", abstract: "One monthly payment cycle for N recipients (fresh SQLite file unless DATABASE_URL is PostgreSQL).")
        @ArgumentParser.Option var recipients: Int = 100_000
        @ArgumentParser.Option var seed: UInt64 = 1
        @ArgumentParser.Option(help: "The month paid, YYYY-MM.") var month = "2026-09"
        @ArgumentParser.Option(help: "Where to append the results.") var results = "bench/RESULTS.md"
        func run() async throws {
            guard let m = YearMonth(iso: month) else { throw ValidationError("--month must be YYYY-MM") }
            let recipients = self.recipients, seed = self.seed
            try await Bench.run(results: results) { app, _ in
                let r = try await PayrollBench.run(app, recipients: recipients, seed: seed, month: m) { print($0) }
                return
                    "\n## Payroll cycle — \(recipients) recipients, month \(m.iso), seed \(seed), {build}\n\nCommand: `swift run -c release ansinh bench payroll --recipients \(recipients) --month \(m.iso) --seed \(seed)`\n\n"
                    + r.markdown
            }
        }
    }

    struct AuditBenchCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract:
                "Audited writes per second with 1 and many concurrent writers, next to the raw engine (fresh SQLite file unless DATABASE_URL is PostgreSQL).")
        @ArgumentParser.Option(help: "Writes per measure.") var writes: Int = 2000
        @ArgumentParser.Option(help: "Concurrent writers, comma-separated.") var writers = "1,50"
        @ArgumentParser.Option(help: "Where to append the results.") var results = "bench/RESULTS.md"
        func run() async throws {
            let counts = writers.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.filter { (1...200).contains($0) }
            guard !counts.isEmpty, (1...1_000_000).contains(writes) else { throw ValidationError("--writers 1–200 each, --writes 1–1000000") }
            let writes = self.writes
            try await Bench.run(results: results) { app, _ in
                let r = try await AuditBench.run(app, writes: writes, writerCounts: counts) { print($0) }
                return "\n## Audited writes — \(writes) per measure, writers \(counts.map(String.init).joined(separator: ", ")), {build}\n\n"
                    + "Command: `swift run -c release ansinh bench audit --writes \(writes) --writers \(counts.map(String.init).joined(separator: ","))`\n\n"
                    + r.markdown
            }
        }
    }

    struct RegistryBenchCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "registry",
            abstract: "Import, search and duplicate detection on a generated registry (fresh SQLite file unless DATABASE_URL is PostgreSQL).")
        @ArgumentParser.Option var households: Int = 300_000
        @ArgumentParser.Option var seed: UInt64 = 1
        @ArgumentParser.Option(help: "Where to append the results.") var results = "bench/RESULTS.md"
        func run() async throws {
            let households = self.households, seed = self.seed
            try await Bench.run(results: results) { app, dir in
                let r = try await RegistryBench.run(app, households: households, seed: seed, workDir: dir) { print($0) }
                return
                    "\n## Registry — \(households) households, seed \(seed), {build}\n\nCommand: `swift run -c release ansinh bench registry --households \(households) --seed \(seed)`\n\n"
                    + r.markdown
            }
        }
    }

    struct CentreBenchCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "centre",
            abstract:
                "Years of a centre's cases and hotline contacts; the case list p95 and the yearly hotline report (fresh SQLite file unless DATABASE_URL is PostgreSQL)."
        )
        @ArgumentParser.Option var years: Int = 10
        @ArgumentParser.Option var cases: Int = 5_000
        @ArgumentParser.Option var contacts: Int = 300_000
        @ArgumentParser.Option var seed: UInt64 = 1
        @ArgumentParser.Option(help: "Where to append the results.") var results = "bench/RESULTS.md"
        func run() async throws {
            guard (1...30).contains(years), (1...1_000_000).contains(cases), (1...10_000_000).contains(contacts) else {
                throw ValidationError("--years 1–30, --cases 1–1000000, --contacts 1–10000000")
            }
            let years = self.years, cases = self.cases, contacts = self.contacts, seed = self.seed
            try await Bench.run(results: results) { app, _ in
                let r = try await CentreBench.run(app, years: years, cases: cases, contacts: contacts, seed: seed) { print($0) }
                return "\n## Centre — \(years) years, \(cases) cases, \(contacts) hotline contacts, seed \(seed), {build}\n\n"
                    + "Command: `swift run -c release ansinh bench centre --years \(years) --cases \(cases) --contacts \(contacts) --seed \(seed)`\n\n"
                    + r.markdown
            }
        }
    }

    struct CareBenchCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "care",
            abstract:
                "A centre's residents with years of daily care and medication; the resident page and occupancy report p95 (fresh SQLite file unless DATABASE_URL is PostgreSQL)."
        )
        @ArgumentParser.Option var residents: Int = 500
        @ArgumentParser.Option var years: Int = 10
        @ArgumentParser.Option var seed: UInt64 = 1
        @ArgumentParser.Option(help: "Where to append the results.") var results = "bench/RESULTS.md"
        func run() async throws {
            guard (1...5_000).contains(residents), (1...30).contains(years) else { throw ValidationError("--residents 1–5000, --years 1–30") }
            let residents = self.residents, years = self.years, seed = self.seed
            try await Bench.run(results: results) { app, _ in
                let r = try await CareBench.run(app, residents: residents, years: years, seed: seed) { print($0) }
                return "\n## Residential care — \(residents) residents, \(years) years of daily care, seed \(seed), {build}\n\n"
                    + "Command: `swift run -c release ansinh bench care --residents \(residents) --years \(years) --seed \(seed)`\n\n" + r.markdown
            }
        }
    }

    struct CampaignBenchCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "campaign",
            abstract:
                "A ward of N households and a gift campaign for all of them: the list made and every gift handed out, each next to the raw engine (fresh SQLite file unless DATABASE_URL is PostgreSQL)."
        )
        @ArgumentParser.Option var households: Int = 100_000
        @ArgumentParser.Option var seed: UInt64 = 1
        @ArgumentParser.Option(help: "Where to append the results.") var results = "bench/RESULTS.md"
        func run() async throws {
            guard (1...2_000_000).contains(households) else { throw ValidationError("--households 1–2000000") }
            let households = self.households, seed = self.seed
            try await Bench.run(results: results) { app, _ in
                let r = try await CampaignBench.run(app, households: households, seed: seed) { print($0) }
                return "\n## Gift campaign — \(households) households, seed \(seed), {build}\n\n"
                    + "Command: `swift run -c release ansinh bench campaign --households \(households) --seed \(seed)`\n\n" + r.markdown
            }
        }
    }
}
