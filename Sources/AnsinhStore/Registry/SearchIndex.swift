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
    private static func matching(
        _ table: String, _ ws: [String], scopePath: String?,
        on db: any Database
    ) -> (key: SQLQueryString, from: SQLQueryString, where: SQLQueryString) {
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
    static func condition(
        _ table: String, query: String, scopePath: String?, cap: Int? = maxMatches,
        on db: any Database
    ) -> SQLQueryString? {
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
    static func personsPage(
        query: String, scopePath: String?, cap: Int? = maxMatches,
        page: PageSpec, on db: any Database
    ) async throws -> (ids: [UUID], total: Int)? {
        let ws = words(query)
        guard !ws.isEmpty else { return nil }
        let m = matching("persons", ws, scopePath: scopePath, on: db)
        let rows = db.isPostgres ? "persons" : Keys.table
        let merged: SQLQueryString = db.isPostgres ? "persons.merged_into IS NULL" : "\(ident: rows).merged = 0"
        var inner: SQLQueryString =
            "SELECT " + m.key + " AS rid, \(ident: rows).search_key AS search_key, \(ident: rows).birth_date AS birth_date FROM "
            + m.from + " WHERE " + m.where + " AND " + merged
        if let cap { inner = inner + " LIMIT \(unsafeRaw: String(cap))" }
        let window: SQLQueryString =
            "SELECT rid, search_key, birth_date, COUNT(*) OVER () AS total FROM (" + inner
            + ") AS matches ORDER BY search_key, birth_date, rid LIMIT \(unsafeRaw: String(page.perPage)) OFFSET \(unsafeRaw: String(page.offset))"
        let query: SQLQueryString =
            db.isPostgres
            ? "SELECT rid AS id, total FROM (" + window + ") AS page ORDER BY search_key, birth_date, rid"
            : "SELECT persons.id AS id, page.total AS total FROM (" + window
                + ") AS page JOIN persons ON persons.rowid = page.rid ORDER BY page.search_key, page.birth_date, page.rid"
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
