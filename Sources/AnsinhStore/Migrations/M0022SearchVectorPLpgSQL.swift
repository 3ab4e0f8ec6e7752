import FluentKit
import Foundation
import SQLKit

/// PostgreSQL: `SearchIndex.vector` becomes PL/pgSQL, which makes the same lexemes faster
/// (`SearchIndex.defineVectorFunction`); the indexes built with it stay valid. SQLite has
/// nothing to change.
struct M0022SearchVectorPLpgSQL: AsyncMigration {
    var name: String { "0022_search_vector_plpgsql" }
    func prepare(on db: Database) async throws {
        guard db.isPostgres else { return }
        try await SearchIndex.defineVectorFunction(on: db)
    }
    /// Nothing to undo: the function gives the same lexemes as before.
    func revert(on db: Database) async throws {}
}
