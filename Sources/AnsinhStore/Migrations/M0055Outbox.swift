import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// The outbox: messages to residents, queued with their event and delivered by a worker with
/// retries, back-off, a lease and a dead-letter state.
struct M0055Outbox: AsyncMigration {
    var name: String { "0055_outbox" }
    func prepare(on db: Database) async throws {
        try await db.schema("outbox_messages").id()
            .field("unit_path", .string, .required).field("channel", .string, .required).field("recipient", .string, .required)
            .field("text", .string, .required).field("source_kind", .string, .required).field("source_id", .uuid, .required)
            .field("state", .string, .required).field("attempts", .int, .required).field("next_attempt_at", .datetime, .required)
            .field("lease_until", .datetime).field("last_error", .string).field("possible_duplicate", .bool, .required)
            .field("provider_id", .string).field("sent_at", .datetime).field("created_at", .datetime, .required).create()
        try await sql(db).create(index: "ix_outbox_due").on("outbox_messages").column("state").column("next_attempt_at").run()
        try await sql(db).create(index: "ix_outbox_source").on("outbox_messages").column("source_id").run()
    }
    func revert(on db: Database) async throws { try await db.schema("outbox_messages").delete() }
}
