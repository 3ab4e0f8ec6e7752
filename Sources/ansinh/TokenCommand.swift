import AnsinhCore
import AnsinhStore
import AnsinhWeb
import ArgumentParser
import Foundation
import Vapor

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
            try await withDatabase(config) { app in
                guard let u = try await UserRepository(app.store).find(username: username) else {
                    throw OperationError(Message("cli.user_not_found", ["username": username]))
                }
                print(try await TokenRepository(app.store).create(.system, for: u.id, name: name))
            }
        }
    }
}
