import FluentKit
import Foundation
import SQLKit

/// SQLite: the full-text indexes keep neither word positions nor word counts, which search never
/// reads (see `SearchIndex.create`); they are made again from the rows. PostgreSQL has nothing to
/// change. Reverting leaves the lean indexes: they answer the same queries.
struct M0023SearchLeanIndex: AsyncMigration {
    var name: String { "0023_search_lean_index" }
    func prepare(on db: Database) async throws { try await SearchIndex.remake(lacking: "detail=none", on: db) }
    func revert(on db: Database) async throws {}
}
