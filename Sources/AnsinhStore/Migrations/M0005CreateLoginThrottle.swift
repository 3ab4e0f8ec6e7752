import FluentKit
import Foundation

struct M0005CreateLoginThrottle: AsyncMigration {
    var name: String { "0005_create_login_throttle" }
    func prepare(on db: Database) async throws {
        try await db.schema("login_throttle")
            .field("key", .string, .identifier(auto: false))
            .field("failures", .int, .required)
            .field("window_start", .datetime, .required)
            .field("locked_until", .datetime)
            .create()
    }
    func revert(on db: Database) async throws { try await db.schema("login_throttle").delete() }
}
