import AnsinhCore
import AnsinhStore
import AnsinhWeb
import ArgumentParser
import Foundation
import Vapor

/// Personal-data housekeeping: retention (the server also runs it every hour).
struct PrivacyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "privacy", abstract: "Personal data: retention.", subcommands: [Retention.self])

    struct Retention: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Anonymise the hotline contacts, closed cases, former residents, decided reviews' surveys, ended allowance files, refused applications, closed payment cycles, closed gift campaigns' lists and individual donors past their retention (Resources/Rules/privacy.json); --dry-run lists them only."
        )
        @ArgumentParser.Flag(help: "List what would be anonymised; change nothing.") var dryRun = false
        func run() async throws {
            let config = loadConfiguration()
            try await withDatabase(config) { app in
                let repo = RetentionRepository(app.store)
                for job in repo.jobs {
                    let plan = try await job.plan(config.timeZone)
                    print(
                        say(
                            config, "cli.retention_plan",
                            [
                                "kind": "@\(plan.records)", "years": "\(plan.years)",
                                "cutoff": ISO8601DateFormatter().string(from: plan.cutoff), "due": "\(plan.due)", "held": "\(plan.held)",
                                "cases": "\(plan.withCase)",
                            ]))
                    for id in plan.sample { print("  \(id.uuidString)") }
                }
                if dryRun { return }
                var n = 0
                for job in repo.jobs { n += try await job.run(.system, config.timeZone) }
                print(say(config, "cli.retention_done", ["count": "\(n)"]))
            }
        }
    }
}
