import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Search words for persons and households, kept in `search_tokens` so that a search is a few
/// index range scans on both SQLite and PostgreSQL ("dang" matches every word starting with it).
enum SearchIndex {
    static func personTokens(name: String, nationalID: String?, phone: String?) -> [String] {
        var t = TextFolding.tokens(name)
        if let nationalID { t.append(nationalID) }
        if let phone, !phone.isEmpty { t.append(phone) }
        return Array(Set(t))
    }

    static func householdTokens(code: String, phone: String?, address: String) -> [String] {
        var t = [TextFolding.fold(code).replacingOccurrences(of: " ", with: "-")] + TextFolding.tokens(code) + TextFolding.tokens(address)
        if let phone, !phone.isEmpty { t.append(phone) }
        return Array(Set(t))
    }

    /// Replaces the tokens of some entities, in bulk.
    static func replace(_ entity: String, _ tokens: [(UUID, [String])], on db: any Database) async throws {
        let s = sql(db)
        let ids = tokens.map(\.0)
        for chunk in stride(from: 0, to: ids.count, by: 500) {
            let part = Array(ids[chunk..<min(chunk + 500, ids.count)])
            try await s.delete(from: "search_tokens").where("entity", .equal, entity).where("entity_id", .in, part).run()
        }
        try await insert(entity, tokens, on: db)
    }

    static func insert(_ entity: String, _ tokens: [(UUID, [String])], on db: any Database) async throws {
        let rows = tokens.flatMap { id, words in words.map { (id, $0) } }
        for chunk in stride(from: 0, to: rows.count, by: 1000) {
            let builder = sql(db).insert(into: "search_tokens").columns("entity", "entity_id", "token")
            for (id, token) in rows[chunk..<min(chunk + 1000, rows.count)] {
                builder.values(SQLBind(entity), SQLBind(id), SQLBind(token))
            }
            try await builder.run()
        }
    }

    /// The exclusive upper bound of all strings starting with `prefix`.
    static func upperBound(_ prefix: String) -> String {
        var scalars = Array(prefix.unicodeScalars)
        guard let last = scalars.popLast(), let next = Unicode.Scalar(last.value + 1) else { return prefix + "\u{FFFF}" }
        return String(String.UnicodeScalarView(scalars)) + String(next)
    }

    /// The folded words of a query (at most six), national-ID style numbers kept whole.
    static func words(_ query: String) -> [String] {
        Array(TextFolding.tokens(query).map { NationalID.normalise($0) }.filter { !$0.isEmpty }.prefix(6))
    }

    /// How many index entries start with `word`, counted up to `cap` (cheap: an index range).
    static func estimate(_ entity: String, _ word: String, cap: Int = 5000, on db: any Database) async throws -> Int {
        let row = try await sql(db).raw("""
            SELECT COUNT(*) AS n FROM (SELECT 1 FROM search_tokens WHERE entity = \(bind: entity)
            AND token >= \(bind: word) AND token < \(bind: upperBound(word)) LIMIT \(unsafeRaw: String(cap))) x
            """).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The ids of `entity` having, for every word, a token that starts with it. The rarest word
    /// drives (one index range); each other word is an `EXISTS` probe on the (entity_id, token)
    /// index of that candidate. Written so that this is the only plan the engine can pick, with
    /// or without statistics: a common family name ("nguyen") never drives the search.
    /// Nil when the query has no words.
    static func matching(_ entity: String, query: String, on db: any Database) async throws -> SQLQueryString? {
        let ws = words(query)
        guard !ws.isEmpty else { return nil }
        var counted: [(String, Int)] = []
        for w in ws {
            let n = try await estimate(entity, w, on: db)
            if n == 0 { return "SELECT entity_id FROM search_tokens WHERE 1 = 0" }
            counted.append((w, n))
        }
        let ordered = counted.sorted { $0.1 < $1.1 }.map(\.0)
        var s: SQLQueryString = "SELECT t0.entity_id FROM search_tokens t0 WHERE t0.entity = \(bind: entity) AND t0.token >= \(bind: ordered[0]) AND t0.token < \(bind: upperBound(ordered[0]))"
        for w in ordered.dropFirst() {
            s = s + " AND EXISTS (SELECT 1 FROM search_tokens tx WHERE tx.entity_id = t0.entity_id AND tx.token >= \(bind: w) AND tx.token < \(bind: upperBound(w)))"
        }
        return s
    }

    /// The most matches a search lists; a broader query is asked to be refined.
    static let maxMatches = 5000

    /// Runs the matching once and returns at most `maxMatches` distinct ids, so that the count
    /// and the page that follow look up a short list instead of repeating the token search.
    static func ids(_ subquery: SQLQueryString, on db: any Database) async throws -> [UUID] {
        let rows = try await sql(db).raw("SELECT DISTINCT entity_id FROM (" + subquery + ") m LIMIT \(unsafeRaw: String(maxMatches))").all()
        return try rows.map { try $0.decode(column: "entity_id", as: UUID.self) }
    }
}
