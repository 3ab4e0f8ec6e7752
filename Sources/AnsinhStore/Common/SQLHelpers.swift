import FluentKit
import Foundation
import SQLKit

/// The SQL view of a Fluent database (both drivers provide it).
func sql(_ db: Database) -> any SQLDatabase {
    guard let s = db as? any SQLDatabase else { fatalError("Ansinh needs an SQL database") }
    return s
}

/// `LIKE` pattern for a folded search text: each word must appear, in any order.
func likeTerms(_ folded: String) -> [String] {
    folded.split(separator: " ").map { word in
        "%" + word.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
    }
}

public extension Database {
    /// True on PostgreSQL, false on SQLite.
    var isPostgres: Bool { sql(self).dialect.name == "postgresql" }
}

/// Which indexes (and, on SQLite, triggers) exist in the database.
enum DatabaseObjects {
    /// The subset of `names` that exist: indexes of the current schema on PostgreSQL, indexes
    /// and triggers on SQLite.
    static func existing(_ names: [String], on db: any Database) async throws -> Set<String> {
        guard !names.isEmpty else { return [] }
        let rows: [any SQLRow]
        if db.isPostgres {
            rows = try await sql(db).raw("SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND indexname IN (\(binds: names))").all()
        } else {
            rows = try await sql(db).raw("SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger') AND name IN (\(binds: names))").all()
        }
        return Set(try rows.map { try $0.decode(column: "name", as: String.self) })
    }
}
