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
