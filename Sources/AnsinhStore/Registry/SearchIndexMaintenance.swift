import AnsinhCore
import FluentKit
import FluentSQL
import Foundation
import SQLKit

/// Building, pausing and rebuilding the full-text index (FTS5 on SQLite, a GIN index over a
/// `tsvector` function on PostgreSQL).
extension SearchIndex {
    /// PostgreSQL: the function that makes the indexed `tsvector` of a row's words. Each word
    /// is a lexeme as is, and each of its prefixes of 2 to 7 letters a lexeme ending in `*`
    /// ("dang" → 'dang', 'da*', 'dan*', 'dang*'), as SQLite's FTS5 prefix indexes do. A prefix
    /// query ('thi':*) makes GIN gather the row list of every lexeme that starts with it into
    /// one bitmap (half a million rows for "thi"); an exact lexeme lets it skip through the
    /// lists from the rarest word. At a million persons, "nguyen thi dang" took 80 ms warm with
    /// 'word':* prefixes and 15.6 ms with these lexemes; the index is 93 MB instead of 59 MB and
    /// takes 44 s to build instead of 11 s.
    static let vector = "ansinh_search_vector"

    /// Creates `vector` in the current schema unless it is there: immutable, so that an index
    /// can use it. The migration that first builds the index creates it; a bulk load later
    /// finds it, so two finishing together never both replace it.
    static func createVectorFunction(on db: any Database) async throws {
        let present = try await sql(db).raw(
            """
            SELECT 1 AS one FROM pg_proc WHERE proname = \(bind: vector) AND pronamespace = current_schema()::regnamespace
            """
        ).first()
        guard present == nil else { return }
        try await defineVectorFunction(on: db)
    }

    /// Defines (or redefines) `vector`. PL/pgSQL, not SQL: a SQL function whose body has a
    /// subquery starts an executor at every call, and building the search indexes called it
    /// for every row (200,000 persons' words: 5.3–5.9 s as SQL, 3.2–3.4 s as PL/pgSQL, the same
    /// lexemes).
    static func defineVectorFunction(on db: any Database) async throws {
        try await sql(db).raw(
            """
            CREATE OR REPLACE FUNCTION \(unsafeRaw: vector)(words text) RETURNS tsvector
            LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
            DECLARE
              a text[] := array_remove(string_to_array(words, ' '), '');
              r text[] := a;
              w text;
            BEGIN
              FOREACH w IN ARRAY a LOOP
                FOR n IN 2..least(length(w), \(unsafeRaw: String(longestPrefix))) LOOP r := r || (left(w, n) || '*'); END LOOP;
              END LOOP;
              RETURN array_to_tsvector(r);
            END
            $$
            """
        ).run()
    }

    /// The schema of the index on one table (`persons` or `households`), created by a migration.
    static func create(_ table: String, on db: any Database) async throws {
        if db.isPostgres { return try await resume(table, on: db) }
        let fts = table + "_fts"
        // External content: the words live once, in the table; the index follows by triggers.
        // Prefix indexes of 2 to 7 letters (a Vietnamese syllable has at most 7): without them
        // a prefix such as "nguyen"* gathers a third of the registry's row numbers before
        // intersecting (47 ms at a million persons instead of 13 ms for three words).
        // Search only asks whether a row has every word (no phrases, no ranking): `detail=none`
        // keeps no word positions and `columnsize=0` no word counts. At a million persons the
        // index is 28 MB instead of 73 MB and is built in 4.0 s instead of 8.6 s, with the same
        // matches (migration 0023).
        try await sql(db).raw(
            """
            CREATE VIRTUAL TABLE \(ident: fts) USING fts5(search_words, content=\(literal: table), content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 0', prefix='2 3 4 5 6 7', detail=none, columnsize=0)
            """
        ).run()
        try await resume(table, on: db)
    }

    /// The database objects that keep the index of `table` in step with its rows: SQLite's
    /// triggers, PostgreSQL's GIN index.
    static func followers(_ table: String, on db: any Database) -> [String] {
        db.isPostgres ? ["ix_" + table + "_search"] : ["_insert", "_delete", "_update"].map { table + "_fts" + $0 }
    }

    /// Stops keeping the index of `table` in step, for a bulk load that builds it once at its
    /// end (`resume`). Rows written meanwhile are not found by search until then.
    static func pause(_ table: String, on db: any Database) async throws {
        let drop = db.isPostgres ? "DROP INDEX IF EXISTS" : "DROP TRIGGER IF EXISTS"
        for name in followers(table, on: db) { try await sql(db).raw("\(unsafeRaw: drop) \(ident: name)").run() }
    }

    /// Puts back what keeps the index of `table` in step and, if anything was missing, builds
    /// the index from every row. Does nothing when nothing is missing. Run in one transaction,
    /// so that no row written meanwhile is left out.
    static func resume(_ table: String, on db: any Database) async throws {
        let s = sql(db)
        if db.isPostgres {
            guard try await DatabaseObjects.existing(followers(table, on: db), on: db).isEmpty else { return }
            try await createVectorFunction(on: db)
            // GIN builds in memory up to this limit (64 MB by default): 44 s instead of 60 s at a million persons.
            try await s.raw("SET LOCAL maintenance_work_mem = '256MB'").run()
            try await s.raw("CREATE INDEX IF NOT EXISTS \(ident: "ix_" + table + "_search") ON \(ident: table) USING gin (\(unsafeRaw: vector)(search_words))")
                .run()
            return
        }
        let fts = table + "_fts"
        let present = try await DatabaseObjects.existing(followers(table, on: db), on: db)
        guard present.count < 3 else { return }
        try await s.raw(
            """
            CREATE TRIGGER IF NOT EXISTS \(ident: fts + "_insert") AFTER INSERT ON \(ident: table) BEGIN
              INSERT INTO \(ident: fts)(rowid, search_words) VALUES (new.rowid, new.search_words);
            END
            """
        ).run()
        try await s.raw(
            """
            CREATE TRIGGER IF NOT EXISTS \(ident: fts + "_delete") AFTER DELETE ON \(ident: table) BEGIN
              INSERT INTO \(ident: fts)(\(ident: fts), rowid, search_words) VALUES ('delete', old.rowid, old.search_words);
            END
            """
        ).run()
        try await s.raw(
            """
            CREATE TRIGGER IF NOT EXISTS \(ident: fts + "_update") AFTER UPDATE OF search_words ON \(ident: table) BEGIN
              INSERT INTO \(ident: fts)(\(ident: fts), rowid, search_words) VALUES ('delete', old.rowid, old.search_words);
              INSERT INTO \(ident: fts)(rowid, search_words) VALUES (new.rowid, new.search_words);
            END
            """
        ).run()
        // Up to 16 MB of words held in memory between writes to the index (1 MB by default):
        // the rebuild of a million persons takes 8 s instead of 11 s.
        try await s.raw("INSERT INTO \(ident: fts)(\(ident: fts), rank) VALUES ('hashsize', 16777216)").run()
        try await rebuild([table], on: db)
    }

    /// Makes each SQLite full-text index again, with the definition of `create`, if its stored
    /// definition lacks `option`: for the migrations that change the definition. Each table in
    /// one transaction; PostgreSQL has nothing to do.
    static func remake(lacking option: String, on db: any Database) async throws {
        guard !db.isPostgres else { return }
        for table in ["persons", "households"] {
            let row = try await sql(db).raw("SELECT sql FROM sqlite_master WHERE name = \(bind: table + "_fts")").first()
            if let definition = try row?.decode(column: "sql", as: String.self), definition.contains(option) { continue }
            try await db.transaction { tx in
                try await drop(table, on: tx)
                try await create(table, on: tx)
            }
        }
    }

    static func drop(_ table: String, on db: any Database) async throws {
        try await pause(table, on: db)
        if !db.isPostgres { try await sql(db).raw("DROP TABLE IF EXISTS \(ident: table + "_fts")").run() }
    }

    /// Rebuilds the SQLite full-text indexes from the tables. The index refers to rows by their
    /// SQLite row number, which a copy of the file (`VACUUM INTO`) may renumber; a restored
    /// backup is therefore rebuilt (a few seconds for a million persons).
    public static func rebuild(_ tables: [String] = ["persons", "households"], on db: any Database) async throws {
        guard !db.isPostgres else { return }
        for table in tables {
            try await sql(db).raw("INSERT INTO \(ident: table + "_fts")(\(ident: table + "_fts")) VALUES ('rebuild')").run()
        }
    }
}
