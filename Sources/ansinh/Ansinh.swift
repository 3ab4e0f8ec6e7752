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
        subcommands: [
            Serve.self, Migrate.self, UserCommand.self, TokenCommand.self, AuditCommand.self, Backup.self, Restore.self,
            UnitsCommand.self, RegistryCommand.self, PayrollCommand.self, Generate.self, Bench.self, RoutesCommand.self, KeysCommand.self, PrivacyCommand.self,
        ])
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

/// `withApp` for a command that works on the data: the database must be Ansinh's and at the
/// schema of this binary (no pending migration, none unknown to it) before `body` runs.
/// A backup may copy a database that still waits for migrations (`allowPending`): taking one
/// before migrating is the safe order.
func withDatabase(_ config: AppConfiguration, allowPending: Bool = false, _ body: (Application) async throws -> Void) async throws {
    try await withApp(config) { app in
        switch try await Operations.databaseState(app) {
        case .current: break
        case .empty: throw OperationError(Message("cli.not_migrated"))
        case .pending(let n):
            if !allowPending {
                throw OperationError(Message("cli.pending_migrations", ["count": "\(n.count)", "names": n.joined(separator: ", ")]))
            }
        case .newer(let n): throw OperationError(Message("cli.newer_schema", ["names": n.joined(separator: ", ")]))
        }
        try await body(app)
    }
}

/// Reads a password from `ANSINH_PASSWORD` or the first line of standard input.
func readPassword() -> String {
    if let p = ProcessInfo.processInfo.environment["ANSINH_PASSWORD"], !p.isEmpty { return p }
    return readLine(strippingNewline: true) ?? ""
}
