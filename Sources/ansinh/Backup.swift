import AnsinhCore
import AnsinhStore
import AnsinhWeb
import ArgumentParser
import Foundation
import Vapor

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a consistent copy of the SQLite database (safe while serving).")
    @ArgumentParser.Argument var file: String
    func run() async throws {
        let config = loadConfiguration()
        try await withDatabase(config, allowPending: true) { app in
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
