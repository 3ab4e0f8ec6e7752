import AnsinhCore
import AnsinhStore
import AnsinhWeb
import ArgumentParser
import Foundation
import Vapor

/// The keys that seal sensitive fields: a new key, where the values stand, and a rotation.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "The data keys that seal sensitive fields (ANSINH_DATA_KEY).", subcommands: [Generate.self, Status.self, Rotate.self])

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a new random key for ANSINH_DATA_KEY.")
        func run() async throws { print(DataKeyring.generate()) }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Count each sealed column's values by key; exit 1 if some cannot be opened.")
        func run() async throws {
            let config = loadConfiguration()
            var unreadable = 0
            try await withDatabase(config) { app in
                print(say(config, "cli.keys_current", ["key": Sealed.keyring.currentID]))
                for s in try await SealedFieldRepository(app.store).status() {
                    let keys = s.byKey.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                    print("  \(s.column.name): \(keys.isEmpty ? "-" : keys)  clear=\(s.clear)  unreadable=\(s.unreadable)")
                    unreadable += s.unreadable
                }
            }
            if unreadable > 0 {
                print(say(config, "cli.keys_unreadable", ["count": "\(unreadable)"]))
                throw ExitCode(1)
            }
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-seal every value under ANSINH_DATA_KEY (old keys in ANSINH_DATA_KEYS_OLD); resumable, audited.")
        @ArgumentParser.Option(help: "Values per transaction.") var batch = 500
        func run() async throws {
            let config = loadConfiguration()
            try await withDatabase(config) { app in
                let n = try await SealedFieldRepository(app.store).reseal(.system, batch: max(1, batch))
                print(say(config, "cli.keys_rotated", ["count": "\(n)", "key": Sealed.keyring.currentID]))
            }
        }
    }
}
