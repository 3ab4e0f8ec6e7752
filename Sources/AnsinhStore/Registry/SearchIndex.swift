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

    static func wordSubquery(_ entity: String, _ w: String) -> SQLQueryString {
        "SELECT entity_id FROM search_tokens WHERE entity = \(bind: entity) AND token >= \(bind: w) AND token < \(bind: upperBound(w))"
    }

    /// `id IN (…)` conditions, one per query word, for a Fluent query on `entity`.
    static func idsMatching(_ entity: String, query: String) -> [SQLExpression] {
        words(query).map { SQLBinaryExpression(SQLColumn("id"), .in, SQLGroupExpression(wordSubquery(entity, $0))) }
    }

    /// `id IN (households with a current member matching every word)`.
    static func householdsWithMemberMatching(_ query: String) -> SQLExpression {
        var s: SQLQueryString = "SELECT household_id FROM memberships WHERE end_date IS NULL"
        for w in words(query) { s = s + " AND person_id IN (" + wordSubquery("person", w) + ")" }
        return SQLBinaryExpression(SQLColumn("id"), .in, SQLGroupExpression(s))
    }
}
