import AnsinhCore
import AnsinhStore
import AnsinhWeb
import ArgumentParser
import Foundation
import Vapor

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
