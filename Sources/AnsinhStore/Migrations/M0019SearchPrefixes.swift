import FluentKit
import Foundation
import SQLKit

/// Rebuilds the SQLite full-text indexes with prefix indexes (see `SearchIndex.create`).
/// Databases made after this change already have them; PostgreSQL has nothing to change.
/// Reverting leaves the prefix indexes: they answer the same queries.
struct M0019SearchPrefixes: AsyncMigration {
    var name: String { "0019_search_prefixes" }
    func prepare(on db: Database) async throws { try await SearchIndex.remake(lacking: "prefix=", on: db) }
    func revert(on db: Database) async throws {}
}
