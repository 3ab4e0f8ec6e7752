import FluentKit
import Foundation
import SQLKit

/// One audit chain per commune, centre, province or the country instead of one for all: a write
/// locks only its own chain's head. Entries written before keep their hashes in the chain ""
/// (their place in it is their sequence number); on PostgreSQL sequence numbers come from
/// `audit_seq` from now on, as chains append in parallel.
struct M0025AuditChains: AsyncMigration {
    var name: String { AuditChain.migrationName }
    func prepare(on db: Database) async throws {
        // One column per statement: SQLite adds one at a time.
        try await db.schema("audit_log").field("chain", .string, .required, .sql(.default(""))).update()
        try await db.schema("audit_log").field("chain_seq", .int64, .required, .sql(.default(0))).update()
        let s = sql(db)
        try await s.raw("UPDATE audit_log SET chain_seq = seq").run()
        try await s.create(index: "ux_audit_chain_seq").on("audit_log").column("chain").column("chain_seq").unique().run()
        try await db.schema("audit_chains")
            .field("chain", .string, .identifier(auto: false))
            .field("seq", .int64, .required)
            .field("hash", .string, .required)
            .create()
        try await s.raw("INSERT INTO audit_chains (chain, seq, hash) SELECT '', seq, hash FROM audit_head WHERE seq > 0").run()
        try await db.schema("audit_head").delete()
        if db.isPostgres {
            try await s.raw("CREATE SEQUENCE audit_seq").run()
            try await s.raw(
                "SELECT setval('audit_seq', COALESCE((SELECT MAX(seq) FROM audit_log), 1), (SELECT MAX(seq) FROM audit_log) IS NOT NULL)"
            ).run()
        }
    }
    /// Back to one head: the legacy chain's. Entries of the other chains stay but no longer
    /// verify under the old code.
    func revert(on db: Database) async throws {
        let s = sql(db)
        try await db.schema("audit_head")
            .field("id", .int, .identifier(auto: false)).field("seq", .int64, .required).field("hash", .string, .required).create()
        try await s.raw(
            "INSERT INTO audit_head (id, seq, hash) SELECT 1, COALESCE((SELECT seq FROM audit_chains WHERE chain = ''), 0), COALESCE((SELECT hash FROM audit_chains WHERE chain = ''), \(bind: AuditChain.genesisHash))"
        ).run()
        try await db.schema("audit_chains").delete()
        try await s.drop(index: "ux_audit_chain_seq").run()
        try await db.schema("audit_log").deleteField("chain").update()
        try await db.schema("audit_log").deleteField("chain_seq").update()
        if db.isPostgres { try await s.raw("DROP SEQUENCE audit_seq").run() }
    }
}
