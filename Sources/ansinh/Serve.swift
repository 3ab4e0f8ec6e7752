import AnsinhCore
import AnsinhStore
import AnsinhWeb
import ArgumentParser
import Foundation
import Vapor

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the web server. A new database is created and migrated; --demo fills it with the demo (never in production).")
    @ArgumentParser.Option(help: "Address to listen on.") var hostname = "127.0.0.1"
    @ArgumentParser.Option(help: "Port to listen on.") var port = 8080
    @ArgumentParser.Flag(help: "Load the demo organisation and accounts (published password) if the database has no units. Refused with ANSINH_ENV=production.")
    var demo = false
    @ArgumentParser.Flag(name: .customLong("no-demo"), help: "Kept for old scripts: the demo is loaded only with --demo.") var noDemo = false

    func run() async throws {
        let config = loadConfiguration()
        try await withApp(config, arguments: ["ansinh", "serve", "--hostname", hostname, "--port", String(port)]) { app in
            if config.secretWasGenerated {
                app.logger.warning("ANSINH_SECRET is not set: a random one is used for this run, so API tokens created now stop working after a restart.")
            }
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
            Operations.scheduleOutbox(app)
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
