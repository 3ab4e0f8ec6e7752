import FluentKit
import Foundation
import SQLKit

/// PostgreSQL: the search indexes hold every word's prefixes of 2 to 7 letters as lexemes
/// (`SearchIndex.vector`). SQLite has nothing to change: FTS5 has its prefix indexes (0019).
struct M0021SearchPrefixLexemes: AsyncMigration {
    var name: String { "0021_search_prefix_lexemes" }
    func prepare(on db: Database) async throws {
        guard db.isPostgres else { return }
        for table in ["persons", "households"] {
            try await db.transaction { tx in
                try await SearchIndex.pause(table, on: tx)
                try await SearchIndex.resume(table, on: tx)
            }
        }
    }
    func revert(on db: Database) async throws {
        guard db.isPostgres else { return }
        for table in ["persons", "households"] {
            try await SearchIndex.pause(table, on: db)
            try await sql(db).raw("CREATE INDEX \(ident: "ix_" + table + "_search") ON \(ident: table) USING gin (to_tsvector('simple', search_words))").run()
        }
        try await sql(db).raw("DROP FUNCTION IF EXISTS \(unsafeRaw: SearchIndex.vector)(text)").run()
    }
}
