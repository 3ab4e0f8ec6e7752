import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Residents' requests from the public pages, with their tracking code, deadline, answer and
/// the work they became, and the timeline of their handling.
struct M0054PublicRequests: AsyncMigration {
    var name: String { "0054_public_requests" }
    func prepare(on db: Database) async throws {
        try await db.schema("public_requests").id()
            .field("unit_id", .uuid, .required).field("unit_path", .string, .required).field("code", .string, .required)
            .field("kind", .string, .required).field("channel", .string, .required).field("status", .string, .required)
            .field("residential_group", .string).field("name", .string).field("phone", .string).field("zalo", .bool, .required)
            .field("anonymous", .bool, .required).field("text", .string, .required).field("consent_at", .datetime, .required)
            .field("address_key", .string, .required).field("challenge_nonce", .string).field("received_at", .datetime, .required)
            .field("received_on", .string, .required).field("due_on", .string, .required).field("assignee", .string)
            .field("escalated_at", .datetime).field("answer", .string).field("answered_at", .datetime).field("answered_by", .string)
            .field("outcome", .string).field("closed_at", .datetime).field("linked_kind", .string).field("linked_id", .uuid)
            .unique(on: "code").unique(on: "challenge_nonce").create()
        try await sql(db).create(index: "ix_public_requests_unit").on("public_requests").column("unit_path").column("status").run()
        try await sql(db).create(index: "ix_public_requests_address").on("public_requests").column("address_key").column("received_at").run()
        try await sql(db).create(index: "ix_public_requests_phone").on("public_requests").column("phone").column("received_at").run()
        try await sql(db).create(index: "ix_public_requests_linked").on("public_requests").column("linked_id").run()
        try await db.schema("public_request_steps").id()
            .field("request_id", .uuid, .required, .references("public_requests", "id")).field("kind", .string, .required)
            .field("at", .datetime, .required).field("text", .string, .required).field("by", .string, .required).create()
        try await sql(db).create(index: "ix_public_request_steps_request").on("public_request_steps").column("request_id").run()
    }
    func revert(on db: Database) async throws {
        try await db.schema("public_request_steps").delete()
        try await db.schema("public_requests").delete()
    }
}
