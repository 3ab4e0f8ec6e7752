import AnsinhCore
import AnsinhStore
import AnsinhWeb
import ArgumentParser
import Foundation
import Vapor

struct UnitsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "units", abstract: "Organisational units.", subcommands: [ImportOfficial.self])
    struct ImportOfficial: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-official",
            abstract: "Load the official 34 provinces and 3,321 communes (safe to run again).")
        func run() async throws {
            let config = loadConfiguration()
            try await withDatabase(config) { app in
                let r = try await OfficialMap.importOfficial(app.store)
                print(say(config, "cli.official_done", ["created": "\(r.created)", "updated": "\(r.updated)", "unchanged": "\(r.unchanged)"]))
            }
        }
    }
}
