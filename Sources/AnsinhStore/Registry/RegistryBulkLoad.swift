import FluentKit
import Foundation
import SQLKit

/// How a large import writes: the indexes that only speed up lists and search are built once,
/// at its end, instead of row by row.
///
/// Keeping them in step costs more than the rows themselves: a replay of a million persons into
/// this schema (SQLite, no Ansinh code) took 135 s with every index and the full-text triggers,
/// 57 s with these left out and built at the end (40 s writing, 17 s building).
/// The full-text index and the persons' search keys (`SearchIndex.Keys`) are rebuilt from every
/// row at the end too. The unique indexes (national ID, household code, one head, one current
/// household) are kept: they guard the registry against concurrent writers while the import runs.
///
/// Meanwhile, the persons and households written since the import began are not found by
/// search, and lists by unit read the whole table. `restore` puts everything back; it is
/// idempotent, so an import that stopped half-way leaves nothing missing after its resumption,
/// after any later import, or after the next start of the server.
public enum RegistryBulkLoad {
    /// An import defers the indexes when it writes at least this many rows and at least as
    /// many as there are persons already: building an index over the whole registry at the end
    /// must cost less than keeping it in step.
    public static let minimumRows = 50_000

    /// The non-unique indexes whose keys are spread over the whole table (names, unit paths),
    /// with their definitions as in migration 0007.
    static let indexes: [(name: String, table: String, columns: [String])] = [
        ("ix_persons_unit_path", "persons", ["unit_path"]),
        ("ix_persons_name_birth", "persons", ["search_key", "birth_date"]),
        ("ix_households_unit_path", "households", ["unit_path"]),
    ]
    static let searchTables = ["persons", "households"]

    /// Whether an import of `rows` new rows should defer the indexes.
    static func worthIt(rows: Int, minimum: Int = minimumRows, on db: any Database) async throws -> Bool {
        guard rows >= minimum else { return false }
        return try await PersonModel.query(on: db).count() <= rows
    }

    /// Drops the indexes and stops the full-text index following the rows (within the caller's
    /// transaction).
    static func suspend(on tx: any Database) async throws {
        for index in indexes { try await sql(tx).drop(index: index.name).ifExists().run() }
        for table in searchTables { try await SearchIndex.pause(table, on: tx) }
        try await SearchIndex.Keys.pause(on: tx)
    }

    /// The names of what a bulk load left out and is still missing.
    static func missing(on db: any Database) async throws -> [String] {
        let names = indexes.map(\.name) + searchTables.flatMap { SearchIndex.followers($0, on: db) } + SearchIndex.Keys.followers(on: db)
        let present = try await DatabaseObjects.existing(names, on: db)
        return names.filter { !present.contains($0) }
    }

    /// Whether some of what a bulk load leaves out is missing now (an import is running, or one
    /// stopped and was not resumed yet).
    public static func isSuspended(_ store: Store) async throws -> Bool {
        try await !missing(on: store.db).isEmpty
    }

    /// Builds whatever is missing (within the caller's transaction). Returns what was built;
    /// empty, after one catalogue query, when nothing was missing.
    @discardableResult
    static func restore(on tx: any Database) async throws -> [String] {
        let missing = try await missing(on: tx)
        guard !missing.isEmpty else { return [] }
        for index in indexes where missing.contains(index.name) {
            try await sql(tx).raw("CREATE INDEX IF NOT EXISTS \(ident: index.name) ON \(ident: index.table) (\(idents: index.columns, joinedBy: ", "))").run()
        }
        for table in searchTables where SearchIndex.followers(table, on: tx).contains(where: missing.contains) {
            try await SearchIndex.resume(table, on: tx)
        }
        if SearchIndex.Keys.followers(on: tx).contains(where: missing.contains) { try await SearchIndex.Keys.resume(on: tx) }
        return missing
    }

    /// Builds whatever an interrupted import left out, in one write transaction. For the start
    /// of the server, when no import is resumed.
    public static func restore(_ store: Store) async throws -> [String] {
        guard try await !missing(on: store.db).isEmpty else { return [] }
        return try await store.write(.system) { tx, _ in try await restore(on: tx) }
    }
}
