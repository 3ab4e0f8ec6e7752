import AnsinhCore
import FluentKit
import FluentSQL
import Foundation
import SQLKit

/// Search of persons and households by what people type: folded names, national ID, phone,
/// household code and address words, in any order, each word a prefix ("dang" finds "Đặng").
///
/// Swift folds the words (đ → d and Arabic letter variants, which the engines do not know) into
/// the column `search_words`; the engine indexes that column with its own full-text index:
/// SQLite FTS5 (`persons_fts`, `households_fts`, kept in step by triggers, with prefix
/// indexes) and PostgreSQL GIN over a `tsvector` of the words and their prefixes (`vector`).
/// `condition` and `personsPage` are the ways both are asked; on SQLite the persons' sort and
/// scope keys (`Keys`) spare reading their rows.
public enum SearchIndex {
    /// The migration that made the full-text indexes.
    public static let migrationName = "0017_full_text_search"

    /// The folded words of a person: name, national ID, phone.
    static func personWords(name: String, nationalID: String?, phone: String?) -> String {
        var t = TextFolding.tokens(name)
        if let nationalID { t.append(nationalID) }
        if let phone, !phone.isEmpty { t += TextFolding.tokens(phone) }
        return unique(t)
    }

    /// The folded words of a household: code (whole and in parts), address, phone.
    static func householdWords(code: String, phone: String?, address: String) -> String {
        var t = TextFolding.tokens(code) + TextFolding.tokens(address)
        if let phone, !phone.isEmpty { t += TextFolding.tokens(phone) }
        return unique(t)
    }

    private static func unique(_ words: [String]) -> String {
        var seen = Set<String>()
        return words.filter { seen.insert($0).inserted }.joined(separator: " ")
    }

    /// The folded words of a query (at most six), national-ID style numbers kept whole.
    static func words(_ query: String) -> [String] {
        Array(TextFolding.tokens(query).map { NationalID.normalise($0) }.filter { !$0.isEmpty }.prefix(6))
    }

    /// `word` split as FTS5's unicode61 tokenizer splits text (its token characters are the
    /// letters, numbers and private-use characters).
    static func ftsTokens(_ word: String) -> [String] {
        var out: [String] = [], current = String.UnicodeScalarView()
        for u in word.unicodeScalars {
            switch u.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber, .privateUse:
                current.append(u)
            default:
                if !current.isEmpty { out.append(String(current)); current = String.UnicodeScalarView() }
            }
        }
        if !current.isEmpty { out.append(String(current)) }
        return out
    }

    /// The most matches a search lists; the pages then ask for another word. A query as broad
    /// as "nguyen" would otherwise sort a third of a million persons for one page.
    public static let maxMatches = 1000

    /// The rows of `table` whose words start with every word of `ws` and that lie within
    /// `scopePath` (a unit path prefix; nil for the whole country): the row's key (`rowid` on
    /// SQLite, `id` on PostgreSQL), a FROM and a WHERE. On SQLite, persons are read from their
    /// sort keys (`Keys`), not from their rows.
    private static func matching(_ table: String, _ ws: [String], scopePath: String?,
                                 on db: any Database) -> (key: SQLQueryString, from: SQLQueryString, where: SQLQueryString) {
        if db.isPostgres {
            // A word of 2 to 7 letters is the exact lexeme of its prefix ('dang*', see `vector`);
            // a longer or one-letter word, 'word':*, a prefix match over the lexemes.
            let q = ws.map { w -> String in
                let quoted = "'" + w.replacingOccurrences(of: "'", with: "''").replacingOccurrences(of: "\\", with: "\\\\")
                return (2...Self.longestPrefix).contains(w.unicodeScalars.count) ? quoted + "*'" : quoted + "':*"
            }.joined(separator: " & ")
            var w: SQLQueryString = "\(unsafeRaw: vector)(\(ident: table).search_words) @@ CAST(\(bind: q) AS tsquery)"
            if let scopePath { w = w + " AND " + UnitScope.condition("\(ident: table).unit_path", scopePath, on: db) }
            return ("\(ident: table).id", "\(ident: table)", w)
        }
        // "word"* is an FTS5 prefix query (answered from the prefix index for up to 7 letters);
        // words side by side must all match.
        // A word is first cut where FTS5's unicode61 tokenizer cuts it (at any character that is
        // not a letter, number or private-use character: the vowel signs of Devanagari, say), so
        // that no quoted word becomes a phrase, which a detail=none index cannot answer.
        let tokens = ws.flatMap(ftsTokens)
        let q = tokens.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"*" }.joined(separator: " ")
        let fts = table + "_fts"
        let rows = table == "persons" ? Keys.table : table
        let key: SQLQueryString = table == "persons" ? "\(ident: rows).rid" : "\(ident: rows).rowid"
        // A query of marks only has no word the index holds: it matches nothing.
        var w: SQLQueryString = tokens.isEmpty ? "0 = 1" : "\(ident: fts) MATCH \(bind: q)"
        if let scopePath {
            w = w + " AND " + (table == "persons" ? Keys.within(scopePath, on: db) : UnitScope.condition("\(ident: table).unit_path", scopePath, on: db))
        }
        return (key, "\(ident: fts) JOIN \(ident: rows) ON " + key + " = \(ident: fts).rowid", w)
    }

    /// A condition on `table` (`persons` or `households`): its words start with every word of
    /// the query, and the row lies within `scopePath`; at most `cap` such rows (all of them
    /// when nil, for exports). Nil when the query has no words. Capping after the scope means
    /// an officer never loses the matches of their own ward to the same names elsewhere. On
    /// SQLite the rows are named by row number: one look-up per match instead of three.
    static func condition(_ table: String, query: String, scopePath: String?, cap: Int? = maxMatches,
                          on db: any Database) -> SQLQueryString? {
        let ws = words(query)
        guard !ws.isEmpty else { return nil }
        let m = matching(table, ws, scopePath: scopePath, on: db)
        var s: SQLQueryString = "SELECT " + m.key + " FROM " + m.from + " WHERE " + m.where
        if let cap { s = s + " LIMIT \(unsafeRaw: String(cap))" }
        return "\(ident: table).\(unsafeRaw: db.isPostgres ? "id" : "rowid") IN (" + s + ")"
    }

    /// The order of a list, by `columns` of `table`. When searching on SQLite the columns are
    /// written `+column`: otherwise the engine walks the whole name index in order, testing each
    /// row against the matches, to avoid sorting them (159 ms instead of 2 ms for 189 matches
    /// among 74,000 persons). The matches (at most `maxMatches`) are few enough to sort.
    static func order(_ table: String, _ columns: [String], searching query: String?, on db: any Database) -> [DatabaseQuery.Sort] {
        let plus = !(query.map(words) ?? []).isEmpty && !db.isPostgres
        return columns.map { .sql(embed: plus ? "+\(ident: table).\(ident: $0)" : "\(ident: table).\(ident: $0)") }
    }

    /// One page of the persons matching `query` within `scopePath`, not merged into another,
    /// by folded name, birth date and row, and their total: the capped matches with their sort
    /// columns, then the page and `COUNT(*) OVER ()` on those, reading each match once. Nil
    /// when the query has no words.
    ///
    /// On SQLite the matches are read from `Keys` (about 45 bytes a person) and only the
    /// page's persons from their rows: at a million persons a search read up to 1,000 rows of
    /// about 300 bytes spread over a 1.4 GB file, and that reading, not the full-text index,
    /// made most of its time.
    static func personsPage(query: String, scopePath: String?, cap: Int? = maxMatches,
                            page: PageSpec, on db: any Database) async throws -> (ids: [UUID], total: Int)? {
        let ws = words(query)
        guard !ws.isEmpty else { return nil }
        let m = matching("persons", ws, scopePath: scopePath, on: db)
        let rows = db.isPostgres ? "persons" : Keys.table
        let merged: SQLQueryString = db.isPostgres ? "persons.merged_into IS NULL" : "\(ident: rows).merged = 0"
        var inner: SQLQueryString = "SELECT " + m.key + " AS rid, \(ident: rows).search_key AS search_key, \(ident: rows).birth_date AS birth_date FROM "
            + m.from + " WHERE " + m.where + " AND " + merged
        if let cap { inner = inner + " LIMIT \(unsafeRaw: String(cap))" }
        let window: SQLQueryString = "SELECT rid, search_key, birth_date, COUNT(*) OVER () AS total FROM (" + inner
            + ") AS matches ORDER BY search_key, birth_date, rid LIMIT \(unsafeRaw: String(page.perPage)) OFFSET \(unsafeRaw: String(page.offset))"
        let query: SQLQueryString = db.isPostgres
            ? "SELECT rid AS id, total FROM (" + window + ") AS page ORDER BY search_key, birth_date, rid"
            : "SELECT persons.id AS id, page.total AS total FROM (" + window + ") AS page JOIN persons ON persons.rowid = page.rid ORDER BY page.search_key, page.birth_date, page.rid"
        let count = "SELECT COUNT(*) AS n FROM (" + inner + ") AS matches"
        return try await db.withConnection { conn in
            try await Store.widenCache(conn)
            let rows = try await sql(conn).raw(query).all()
            if let first = rows.first {
                return (try rows.map { try $0.decode(column: "id", as: UUID.self) }, try first.decode(column: "total", as: Int.self))
            }
            // Past the last page: the total alone.
            let n = try await sql(conn).raw(count).first()
            return ([], try n?.decode(column: "n", as: Int.self) ?? 0)
        }
    }

    /// The longest prefix indexed on its own: a Vietnamese syllable has at most 7 letters.
    static let longestPrefix = 7

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
        let present = try await sql(db).raw("""
            SELECT 1 AS one FROM pg_proc WHERE proname = \(bind: vector) AND pronamespace = current_schema()::regnamespace
            """).first()
        guard present == nil else { return }
        try await defineVectorFunction(on: db)
    }

    /// Defines (or redefines) `vector`. PL/pgSQL, not SQL: a SQL function whose body has a
    /// subquery starts an executor at every call, and building the search indexes called it
    /// for every row (200,000 persons' words: 5.3–5.9 s as SQL, 3.2–3.4 s as PL/pgSQL, the same
    /// lexemes).
    static func defineVectorFunction(on db: any Database) async throws {
        try await sql(db).raw("""
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
            """).run()
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
        try await sql(db).raw("""
            CREATE VIRTUAL TABLE \(ident: fts) USING fts5(search_words, content=\(literal: table), content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 0', prefix='2 3 4 5 6 7', detail=none, columnsize=0)
            """).run()
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
            try await s.raw("CREATE INDEX IF NOT EXISTS \(ident: "ix_" + table + "_search") ON \(ident: table) USING gin (\(unsafeRaw: vector)(search_words))").run()
            return
        }
        let fts = table + "_fts"
        let present = try await DatabaseObjects.existing(followers(table, on: db), on: db)
        guard present.count < 3 else { return }
        try await s.raw("""
            CREATE TRIGGER IF NOT EXISTS \(ident: fts + "_insert") AFTER INSERT ON \(ident: table) BEGIN
              INSERT INTO \(ident: fts)(rowid, search_words) VALUES (new.rowid, new.search_words);
            END
            """).run()
        try await s.raw("""
            CREATE TRIGGER IF NOT EXISTS \(ident: fts + "_delete") AFTER DELETE ON \(ident: table) BEGIN
              INSERT INTO \(ident: fts)(\(ident: fts), rowid, search_words) VALUES ('delete', old.rowid, old.search_words);
            END
            """).run()
        try await s.raw("""
            CREATE TRIGGER IF NOT EXISTS \(ident: fts + "_update") AFTER UPDATE OF search_words ON \(ident: table) BEGIN
              INSERT INTO \(ident: fts)(\(ident: fts), rowid, search_words) VALUES ('delete', old.rowid, old.search_words);
              INSERT INTO \(ident: fts)(rowid, search_words) VALUES (new.rowid, new.search_words);
            END
            """).run()
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

extension SearchIndex {
    /// The persons' sort and scope keys on SQLite, one short row per person, kept in step by
    /// triggers: the search reads these for its up to `maxMatches` matches instead of the
    /// persons rows. `unit` numbers the unit path in `unit_paths`, so a ward's scope is a
    /// handful of integers instead of a 150-character prefix compared on every match.
    /// PostgreSQL still reads the persons rows: not carried over yet (at a million persons its
    /// search p95 is 25.5 ms warm, 41.7 ms cold, against 18 and 20 ms on SQLite).
    public enum Keys {
        /// The migration that made them.
        public static let migrationName = "0020_person_keys"
        static let table = "person_keys"
        static let units = "unit_paths"
        static let triggers = ["person_keys_insert", "person_keys_delete", "person_keys_update"]

        /// The triggers that keep the keys in step with the persons (none on PostgreSQL).
        static func followers(on db: any Database) -> [String] { db.isPostgres ? [] : triggers }

        /// `person_keys` rows whose unit path starts with `path`: a range of the unique path
        /// index of `unit_paths` (`UnitScope`). A path stays numbered when nobody lives there
        /// any more: a few bytes per unit ever used.
        static func within(_ path: String, on db: any Database) -> SQLQueryString {
            "\(ident: table).unit IN (SELECT id FROM \(ident: units) WHERE " + UnitScope.condition("path", path, on: db) + ")"
        }

        /// The tables, triggers and keys of every person (migration 0020).
        static func create(on db: any Database) async throws {
            guard !db.isPostgres else { return }
            try await sql(db).raw("CREATE TABLE \(ident: units) (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE)").run()
            try await sql(db).raw("""
                CREATE TABLE \(ident: table) (rid INTEGER PRIMARY KEY, unit INTEGER NOT NULL, merged INTEGER NOT NULL,
                search_key TEXT NOT NULL, birth_date TEXT NOT NULL)
                """).run()
            try await resume(on: db)
        }

        static func drop(on db: any Database) async throws {
            guard !db.isPostgres else { return }
            try await pause(on: db)
            for t in [table, units] { try await sql(db).raw("DROP TABLE IF EXISTS \(ident: t)").run() }
        }

        /// Stops keeping the keys in step, for a bulk load that rebuilds them at its end.
        static func pause(on db: any Database) async throws {
            for name in followers(on: db) { try await sql(db).raw("DROP TRIGGER IF EXISTS \(ident: name)").run() }
        }

        /// Puts back the triggers and, if any was missing, rebuilds the keys from every person
        /// (in the caller's transaction). Does nothing when nothing is missing.
        static func resume(on db: any Database) async throws {
            guard !db.isPostgres else { return }
            let present = try await DatabaseObjects.existing(triggers, on: db)
            guard present.count < triggers.count else { return }
            let s = sql(db)
            // The unit path is numbered on first sight; the row number is the one FTS5 uses.
            let values: SQLQueryString = """
                (new.rowid, (SELECT id FROM \(ident: units) WHERE path = new.unit_path), new.merged_into IS NOT NULL, new.search_key, new.birth_date)
                """
            try await s.raw("""
                CREATE TRIGGER IF NOT EXISTS person_keys_insert AFTER INSERT ON persons BEGIN
                  INSERT OR IGNORE INTO \(ident: units)(path) VALUES (new.unit_path);
                  INSERT INTO \(ident: table)(rid, unit, merged, search_key, birth_date) VALUES
                """ + values + "; END").run()
            try await s.raw("""
                CREATE TRIGGER IF NOT EXISTS person_keys_delete AFTER DELETE ON persons BEGIN
                  DELETE FROM \(ident: table) WHERE rid = old.rowid;
                END
                """).run()
            try await s.raw("""
                CREATE TRIGGER IF NOT EXISTS person_keys_update AFTER UPDATE OF unit_path, merged_into, search_key, birth_date ON persons BEGIN
                  INSERT OR IGNORE INTO \(ident: units)(path) VALUES (new.unit_path);
                  INSERT OR REPLACE INTO \(ident: table)(rid, unit, merged, search_key, birth_date) VALUES
                """ + values + "; END").run()
            try await rebuild(on: db)
        }

        /// Rebuilds the keys from every person: after a bulk load, and after a restore (the
        /// copy may renumber rows). About 4 s at a million persons in a replay.
        public static func rebuild(on db: any Database) async throws {
            guard !db.isPostgres else { return }
            let s = sql(db)
            try await s.raw("DELETE FROM \(ident: table)").run()
            try await s.raw("INSERT OR IGNORE INTO \(ident: units)(path) SELECT DISTINCT unit_path FROM persons").run()
            try await s.raw("""
                INSERT INTO \(ident: table)(rid, unit, merged, search_key, birth_date)
                SELECT persons.rowid, \(ident: units).id, persons.merged_into IS NOT NULL, persons.search_key, persons.birth_date
                FROM persons JOIN \(ident: units) ON \(ident: units).path = persons.unit_path ORDER BY persons.rowid
                """).run()
        }
    }
}

/// A model with derived search columns (persons, households).
protocol SearchWords: Model where IDValue == UUID {
    var searchKey: String { get }
    var searchWords: String { get }
    func refreshSearch()
}

extension PersonModel: SearchWords {
    /// Sets the derived search columns from the name, national ID and phone. Call before saving.
    func refreshSearch() {
        searchKey = TextFolding.fold(fullName)
        searchWords = mergedInto == nil ? SearchIndex.personWords(name: fullName, nationalID: nationalID, phone: phone) : ""
    }
}

extension HouseholdModel: SearchWords {
    /// Sets the derived search columns from the code, address and phone. Call before saving.
    func refreshSearch() {
        searchKey = TextFolding.fold(code + " " + address)
        searchWords = SearchIndex.householdWords(code: code, phone: phone, address: address)
    }
}
