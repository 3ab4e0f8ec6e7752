import FluentKit
import Foundation
import SQLKit

/// The persons' sort and scope keys for search on SQLite (`SearchIndex.Keys`); PostgreSQL has
/// nothing to change.
struct M0020PersonKeys: AsyncMigration {
    var name: String { SearchIndex.Keys.migrationName }
    func prepare(on db: Database) async throws { try await SearchIndex.Keys.create(on: db) }
    func revert(on db: Database) async throws { try await SearchIndex.Keys.drop(on: db) }
}
