import AnsinhCore
import AnsinhStore
import AnsinhWeb
import ArgumentParser
import Foundation
import Vapor

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage accounts.",
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
            try await withDatabase(config) { app in
                guard let u = try await UnitRepository(app.store).find(code: unit) else {
                    throw OperationError(Message("cli.unit_not_found", ["code": unit]))
                }
                let user = try await UserRepository(app.store).create(
                    .system,
                    UserInput(
                        username: username, fullName: fullName, password: password,
                        role: role, unitID: u.id, locale: locale))
                print(say(config, "users.created", ["username": user.username]))
            }
        }
    }
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts.")
        func run() async throws {
            let config = loadConfiguration()
            try await withDatabase(config) { app in
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
            try await withDatabase(config) { app in
                guard let u = try await UserRepository(app.store).find(username: username) else {
                    throw OperationError(Message("cli.user_not_found", ["username": username]))
                }
                _ = try await UserRepository(app.store).setDisabled(.system, id: u.id, disabled: true)
                print(say(config, "users.disabled_done", ["username": username]))
            }
        }
    }
}
