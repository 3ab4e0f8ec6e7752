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

/// Rows within a unit (the unit and everything under it), by the prefix of their unit path.
///
/// SQLite answers `GLOB 'prefix*'` as a range of the column's index. Its `LIKE` ignores case and
/// so cannot use the index of an ordinary (BINARY) column: counting the persons of one residential
/// group among a million read the whole table (0.39–0.81 s) instead of the group's range (0.17 s
/// for its 352,276 persons; a ward of a few thousand, milliseconds). Used where the unit path is
/// indexed (persons, households, the audit trail); PostgreSQL keeps `LIKE`. Unit paths are
/// slashes and upper-case UUIDs (`UnitRepository`), with no wildcard of either.
enum UnitScope {
    /// The operator and pattern of `column <op> <pattern>` for the unit path `path`.
    static func match(_ path: String, on db: any Database) -> (op: String, pattern: String) {
        if db.isPostgres || path.contains(where: { "*?[".contains($0) }) { return ("LIKE", path + "%") }
        return ("GLOB", path + "*")
    }

    /// `column <op> <pattern>` for SQL written by hand; always true for the root ("/"), within
    /// which every unit lies.
    static func condition(_ column: SQLQueryString, _ path: String, on db: any Database) -> SQLQueryString {
        guard path != "/" else { return "1 = 1" }
        let m = match(path, on: db)
        return column + " \(unsafeRaw: m.op) \(bind: m.pattern)"
    }
}

extension QueryBuilder {
    /// Only the rows whose unit path `field` lies within the unit path `path` (`UnitScope`).
    @discardableResult
    func within(_ field: KeyPath<Model, FieldProperty<Model, String>>, _ path: String) -> Self {
        guard path != "/" else { return self }
        let m = UnitScope.match(path, on: database)
        return filter(field, .custom(m.op), m.pattern)
    }

    /// `within` on an optional path (a record shared with a second unit): never the rows without one.
    @discardableResult
    func within(_ field: KeyPath<Model, OptionalFieldProperty<Model, String>>, _ path: String) -> Self {
        filter(field != nil)
        guard path != "/" else { return self }
        let m = UnitScope.match(path, on: database)
        return filter(field, .custom(m.op), m.pattern)
    }

    /// `within` on a field of a joined model.
    @discardableResult
    func within<Joined: Schema>(_ joined: Joined.Type, _ field: KeyPath<Joined, FieldProperty<Joined, String>>, _ path: String) -> Self {
        guard path != "/" else { return self }
        let m = UnitScope.match(path, on: database)
        return filter(joined, field, .custom(m.op), m.pattern)
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
            rows = try await sql(db).raw("SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND indexname IN (\(binds: names))")
                .all()
        } else {
            rows = try await sql(db).raw("SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger') AND name IN (\(binds: names))").all()
        }
        return Set(try rows.map { try $0.decode(column: "name", as: String.self) })
    }
}
