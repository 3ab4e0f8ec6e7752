import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Messages by email and in the resident's language, and the numbers and addresses that asked for
/// no more messages.
struct M0062OutboxEmail: AsyncMigration {
    var name: String { "0062_outbox_email" }
    func prepare(on db: Database) async throws {
        // One column a statement: SQLite adds them one by one.
        try await db.schema("outbox_messages").field("subject", .string).update()
        try await db.schema("public_requests").field("email", .string).update()
        try await db.schema("public_requests").field("language", .string, .required, .sql(.default("vi"))).update()
        try await db.schema("outbox_opt_outs").id()
            .field("recipient", .string, .required).field("at", .datetime, .required).field("via", .string, .required)
            .unique(on: "recipient", name: "uq_outbox_opt_outs_recipient").create()
    }
    func revert(on db: Database) async throws {
        try await db.schema("outbox_opt_outs").delete()
        try await db.schema("public_requests").deleteField("language").update()
        try await db.schema("public_requests").deleteField("email").update()
        try await db.schema("outbox_messages").deleteField("subject").update()
    }
}
