import AnsinhCore
import AnsinhStore
import AnsinhWeb
import ArgumentParser
import Foundation
import Vapor

struct RegistryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "registry", abstract: "Households and persons.", subcommands: [Import.self, Duplicates.self])
    struct Duplicates: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Find likely duplicate persons and add them to the review queue.")
        func run() async throws {
            let config = loadConfiguration()
            try await withDatabase(config) { app in
                let n = try await DuplicateRepository(app.store).find(.system)
                print(say(config, "duplicates.found", ["count": "\(n)"]))
            }
        }
    }
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a CSV file (one row per person). Checks every row first; writes nothing while there are errors unless --valid-only.")
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
            try await withDatabase(config) { app in
                var actor = Actor.system
                if let asUser {
                    guard let u = try await UserRepository(app.store).find(username: asUser),
                        let a = try await UserRepository(app.store).actor(for: u.id, fallbackLocale: config.defaultLocale)
                    else {
                        throw OperationError(Message("cli.user_not_found", ["username": asUser]))
                    }
                    actor = a
                }
                let importer = RegistryImporter(app.store)
                let report = try await importer.validate(actor, fileName: URL(fileURLWithPath: file).lastPathComponent, data: data)
                print(say(config, "cli.import_checked", ["rows": "\(report.totalRows)", "errors": "\(report.errorRows)"]))
                for e in try await importer.allErrors(actor, jobID: report.jobID) {
                    print(
                        say(
                            config, "cli.import_error",
                            [
                                "row": e.row.map(String.init) ?? "-", "column": e.field,
                                "message": MessageCatalogue.shared.text(e.message, config.defaultLocale),
                            ]))
                }
                if dryRun { return }
                if report.errorRows > 0 && !validOnly { throw ExitCode(1) }
                let done = try await importer.run(actor, jobID: report.jobID, validOnly: validOnly) { position, total in
                    if position == total || position % 10_000 < RegistryImporter.batchSize {
                        FileHandle.standardError.write(Data("\(position)/\(total)\r".utf8))
                    }
                }
                print(
                    say(
                        config, "cli.import_done",
                        [
                            "households": "\(done.createdHouseholds)", "persons": "\(done.createdPersons)",
                            "unchanged": "\(done.unchangedRows)",
                        ]))
            }
        }
    }
}

struct Generate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic registry CSV (Vietnamese names, planted duplicates and invalid rows) for tests and benchmarks.")
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
        print(
            "\(out): \(output.persons) persons in \(households) households; \(output.duplicates.count) planted duplicates, \(output.invalidRows.count) invalid rows (see \(out).truth.csv)"
        )
    }
}
