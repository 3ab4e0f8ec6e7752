import AnsinhCore
import AnsinhStore
import AnsinhWeb
import ArgumentParser
import Foundation
import Vapor

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "The audit trail.", subcommands: [Verify.self])
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Recompute the hash chain; exit 1 at the first altered entry.")
        func run() async throws {
            let config = loadConfiguration()
            try await withDatabase(config) { app in
                switch try await AuditChain.verify(on: app.db) {
                case .ok(let n): print(say(config, "cli.audit_ok", ["count": "\(n)"]))
                case .broken(let seq, let reason):
                    print(say(config, "cli.audit_broken", ["seq": "\(seq)", "reason": "@audit.reason.\(reason)"]))
                    throw ExitCode(1)
                case .headMismatch(let expected, let found):
                    print(say(config, "cli.audit_head", ["expected": "\(expected)", "found": "\(found)"]))
                    throw ExitCode(1)
                }
            }
        }
    }
}
