import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Search moves from a table of words to each engine's own full-text index (SQLite FTS5,
/// PostgreSQL tsvector + GIN) over a column of folded words: one row per person instead of
/// one per word, prefix queries answered inside the engine.
struct M0017FullTextSearch: AsyncMigration {
    var name: String { SearchIndex.migrationName }
    func prepare(on db: Database) async throws {
        for table in ["persons", "households"] {
            try await db.schema(table).field("search_words", .string, .required, .sql(.default(""))).update()
        }
        try await db.transaction { tx in
            try await fill("persons", columns: ["full_name", "national_id", "phone", "merged_into"], on: tx) { r in
                let name = try r.decode(column: "full_name", as: String.self)
                let merged = try r.decode(column: "merged_into", as: UUID?.self) != nil
                let words = SearchIndex.personWords(
                    name: name, nationalID: try r.decode(column: "national_id", as: String?.self), phone: try r.decode(column: "phone", as: String?.self))
                return (TextFolding.fold(name), merged ? "" : words)
            }
            try await fill("households", columns: ["code", "address", "phone"], on: tx) { r in
                let code = try r.decode(column: "code", as: String.self), address = try r.decode(column: "address", as: String.self)
                return (
                    TextFolding.fold(code + " " + address),
                    SearchIndex.householdWords(code: code, phone: try r.decode(column: "phone", as: String?.self), address: address)
                )
            }
        }
        for table in ["persons", "households"] { try await SearchIndex.create(table, on: db) }
        try await db.schema("search_tokens").delete()
    }
    /// Folding (đ, Arabic letters) is Swift's, so the words are computed here, in pages of 2,000.
    /// Written with SQL, not `update`: that would stamp every row as changed today. The columns
    /// are named, not read through the models: a later migration may change a model's columns.
    private func fill(
        _ table: String, columns: [String], on tx: any Database, _ derive: (any SQLRow) throws -> (key: String, words: String)
    ) async throws {
        var last: UUID? = nil
        while true {
            var q = sql(tx).select().column("id").columns(columns.map { SQLIdentifier($0) }).from(table)
            if let last { q = q.where("id", .greaterThan, SQLBind(last)) }
            let page = try await q.orderBy("id").limit(2000).all()
            guard let end = try page.last?.decode(column: "id", as: UUID.self) else { break }
            for r in page {
                let (key, words) = try derive(r)
                try await sql(tx).update(table).set("search_key", to: key).set("search_words", to: words)
                    .where("id", .equal, try r.decode(column: "id", as: UUID.self)).run()
            }
            last = end
        }
    }

    func revert(on db: Database) async throws {
        for table in ["persons", "households"] { try await SearchIndex.drop(table, on: db) }
        try await db.schema("search_tokens")
            .field("entity", .string, .required)
            .field("entity_id", .uuid, .required)
            .field("token", .string, .required)
            .create()
        try await sql(db).create(index: "ix_search_tokens").on("search_tokens").column("entity").column("token").run()
        try await sql(db).create(index: "ix_search_tokens_entity_token").on("search_tokens").column("entity_id").column("token").run()
        // The words go back into the table of words, one row each.
        for (entity, table) in [("person", "persons"), ("household", "households")] {
            let rows = try await sql(db).select().column("id").column("search_words").from(table).all()
            for chunk in rows.chunked(200) {
                let b = sql(db).insert(into: "search_tokens").columns("entity", "entity_id", "token")
                var any = false
                for r in chunk {
                    let id = try r.decode(column: "id", as: UUID.self)
                    for w in try r.decode(column: "search_words", as: String.self).split(separator: " ") {
                        b.values(SQLBind(entity), SQLBind(id), SQLBind(String(w))); any = true
                    }
                }
                if any { try await b.run() }
            }
            try await db.schema(table).deleteField("search_words").update()
        }
    }
}
