import FluentKit
import Foundation

struct M0004CreateAuditLog: AsyncMigration {
    var name: String { "0004_create_audit_log" }
    func prepare(on db: Database) async throws {
        try await db.schema("audit_log")
            .field("seq", .int64, .identifier(auto: false))
            .field("at_ms", .int64, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("unit_id", .uuid)
            .field("unit_path", .string, .required)
            .field("action", .string, .required)
            .field("entity", .string, .required)
            .field("entity_id", .string, .required)
            .field("before_json", .string)
            .field("after_json", .string)
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
        try await sql(db).create(index: "ix_audit_entity").on("audit_log").column("entity").column("entity_id").run()
        try await sql(db).create(index: "ix_audit_unit_path").on("audit_log").column("unit_path").run()
        try await db.schema("audit_head")
            .field("id", .int, .identifier(auto: false))
            .field("seq", .int64, .required)
            .field("hash", .string, .required)
            .create()
        let head = AuditHeadModel()
        head.id = 1; head.seq = 0; head.hash = AuditChain.genesisHash
        try await head.create(on: db)
    }
    func revert(on db: Database) async throws {
        try await db.schema("audit_head").delete()
        try await db.schema("audit_log").delete()
    }
}
