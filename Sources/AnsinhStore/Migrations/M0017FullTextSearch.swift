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
            try await fill(PersonModel.self, on: tx)
            try await fill(HouseholdModel.self, on: tx)
        }
        for table in ["persons", "households"] { try await SearchIndex.create(table, on: db) }
        try await db.schema("search_tokens").delete()
    }
    /// Folding (đ, Arabic letters) is Swift's, so the words are computed here, in pages of 2,000.
    /// Written with SQL, not `update`: that would stamp every row as changed today.
    private func fill<M: SearchWords>(_ type: M.Type, on tx: any Database) async throws {
        var last: UUID? = nil
        while true {
            let q = M.query(on: tx).sort(.id).limit(2000)
            if let last { q.filter(.id, .greaterThan, last) }
            let page = try await q.all()
            guard let end = page.last?.id else { break }
            for m in page {
                m.refreshSearch()
                try await sql(tx).update(M.schema).set("search_key", to: m.searchKey).set("search_words", to: m.searchWords)
                    .where("id", .equal, m.id!).run()
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
