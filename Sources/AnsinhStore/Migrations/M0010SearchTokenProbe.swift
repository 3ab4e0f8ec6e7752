import FluentKit
import Foundation
import SQLKit

/// Search probes look up (entity_id, token): one index serves them on every engine, so the
/// plan never depends on table statistics.
struct M0010SearchTokenProbe: AsyncMigration {
    var name: String { "0010_search_token_probe" }
    func prepare(on db: Database) async throws {
        try await sql(db).drop(index: "ix_search_tokens_entity").run()
        try await sql(db).create(index: "ix_search_tokens_entity_token").on("search_tokens").column("entity_id").column("token").run()
    }
    func revert(on db: Database) async throws {
        try await sql(db).drop(index: "ix_search_tokens_entity_token").run()
        try await sql(db).create(index: "ix_search_tokens_entity").on("search_tokens").column("entity_id").run()
    }
}
