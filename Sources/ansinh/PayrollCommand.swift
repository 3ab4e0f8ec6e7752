import AnsinhCore
import AnsinhStore
import AnsinhWeb
import ArgumentParser
import Foundation
import Vapor

struct PayrollCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "payroll", abstract: "Monthly payment cycles.", subcommands: [Prepare.self, Due.self])

    struct Prepare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prepare", abstract: "Prepare (or, while a draft, prepare again) one commune's cycle of a month.")
        @ArgumentParser.Option(help: "Commune/ward code, e.g. 00364.") var commune: String
        @ArgumentParser.Option(help: "The month paid, YYYY-MM.") var month: String
        func run() async throws {
            let config = loadConfiguration()
            guard let m = YearMonth(iso: month) else { throw ValidationError("--month must be YYYY-MM") }
            try await withDatabase(config) { app in
                guard let unit = try await UnitRepository(app.store).find(code: commune) else {
                    throw OperationError(Message("cli.unknown_commune", ["code": commune]))
                }
                let repo = PayrollRepository(app.store)
                let cycle = try await repo.cycle(.system, try await repo.generate(.system, communeID: unit.id, month: m))
                print(
                    say(
                        config, "cli.payroll_generated",
                        [
                            "month": m.iso, "commune": unit.name, "lines": "\(cycle.lines)",
                            "total": Message.money(cycle.balance.issued),
                        ]))
            }
        }
    }

    struct Due: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "due", abstract: "Prepare the cycles due today (ANSINH_PAYROLL_DAY), as the server does every hour.")
        func run() async throws {
            let config = loadConfiguration()
            try await withDatabase(config) { app in
                let made = try await Operations.prepareDuePayroll(app)
                print(say(config, "cli.payroll_due", ["count": "\(made.count)"]))
            }
        }
    }
}
