import FluentKit
import Foundation
import SQLKit

struct M0006UnitAreas: AsyncMigration {
    var name: String { "0006_unit_areas_and_facts" }
    func prepare(on db: Database) async throws {
        // SQLite adds one column per ALTER TABLE.
        try await db.schema("org_units").field("area_type", .string).update()
        try await db.schema("org_units").field("division_type", .string).update()
        try await db.schema("unit_facts")
            .id()
            .field("unit_id", .uuid, .required, .references("org_units", "id", onDelete: .cascade))
            .field("fact", .string, .required)
            .field("value", .bool, .required)
            .field("valid_from", .string, .required)
            .field("note", .string)
            .field("created_at", .datetime)
            .create()
        try await sql(db).create(index: "ix_unit_facts_unit").on("unit_facts").column("unit_id").column("fact").run()
    }
    func revert(on db: Database) async throws {
        try await db.schema("unit_facts").delete()
        try await db.schema("org_units").deleteField("area_type").update()
        try await db.schema("org_units").deleteField("division_type").update()
    }
}

/// Households, persons, memberships and relationships, with the invariants in the database:
/// national ID unique; at most one current head per household; a person is a current member
/// of at most one household (partial unique indexes, supported by SQLite and PostgreSQL).
struct M0007Registry: AsyncMigration {
    var name: String { "0007_registry" }
    func prepare(on db: Database) async throws {
        try await db.schema("households")
            .id()
            .field("code", .string, .required)
            .field("commune_id", .uuid, .required, .references("org_units", "id", onDelete: .restrict))
            .field("group_id", .uuid, .references("org_units", "id", onDelete: .restrict))
            .field("address", .string, .required)
            .field("area_type", .string, .required)
            .field("phone", .string)
            .field("status", .string, .required)
            .field("unit_path", .string, .required)
            .field("search_key", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code", name: "uq_households_code")
            .create()
        try await sql(db).create(index: "ix_households_unit_path").on("households").column("unit_path").run()

        try await db.schema("persons")
            .id()
            .field("full_name", .string, .required)
            .field("gender", .string, .required)
            .field("birth_date", .string, .required)
            .field("birth_year", .int, .required)
            .field("national_id", .string)
            .field("ethnicity", .string)
            .field("phone", .string)
            .field("disability_level", .string, .required)
            .field("disability_certificate_date", .string)
            .field("has_pension", .bool, .required)
            .field("has_merit", .bool, .required)
            .field("hiv", .bool, .required)
            .field("death_date", .string)
            .field("merged_into", .uuid)
            .field("unit_path", .string, .required)
            .field("search_key", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "national_id", name: "uq_persons_national_id")
            .create()
        try await sql(db).create(index: "ix_persons_unit_path").on("persons").column("unit_path").run()
        try await sql(db).create(index: "ix_persons_name_birth").on("persons").column("search_key").column("birth_date").run()

        try await db.schema("memberships")
            .id()
            .field("household_id", .uuid, .required, .references("households", "id", onDelete: .restrict))
            .field("person_id", .uuid, .required, .references("persons", "id", onDelete: .restrict))
            .field("role", .string, .required)
            .field("start_date", .string, .required)
            .field("end_date", .string)
            .field("end_reason", .string)
            .create()
        try await sql(db).create(index: "ix_memberships_household").on("memberships").column("household_id").run()
        try await sql(db).create(index: "ix_memberships_person").on("memberships").column("person_id").run()
        try await sql(db).raw("CREATE UNIQUE INDEX uq_memberships_one_head ON memberships (household_id) WHERE role = 'head' AND end_date IS NULL").run()
        try await sql(db).raw("CREATE UNIQUE INDEX uq_memberships_one_household ON memberships (person_id) WHERE end_date IS NULL").run()

        try await db.schema("relationships")
            .id()
            .field("person_id", .uuid, .required, .references("persons", "id", onDelete: .restrict))
            .field("related_person_id", .uuid, .required, .references("persons", "id", onDelete: .restrict))
            .field("kind", .string, .required)
            .field("start_date", .string, .required)
            .field("end_date", .string)
            .create()

        // Search words (folded names, ID, phone, code), so that search is an index range scan.
        try await db.schema("search_tokens")
            .field("entity", .string, .required)
            .field("entity_id", .uuid, .required)
            .field("token", .string, .required)
            .create()
        try await sql(db).create(index: "ix_search_tokens").on("search_tokens").column("entity").column("token").run()
        try await sql(db).create(index: "ix_search_tokens_entity").on("search_tokens").column("entity_id").run()
    }
    func revert(on db: Database) async throws {
        for t in ["search_tokens", "relationships", "memberships", "persons", "households"] { try await db.schema(t).delete() }
    }
}

struct M0008ImportsAndDuplicates: AsyncMigration {
    var name: String { "0008_imports_and_duplicates" }
    func prepare(on db: Database) async throws {
        try await db.schema("import_jobs")
            .id()
            .field("file_hash", .string, .required)
            .field("file_name", .string, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("unit_path", .string, .required)
            .field("status", .string, .required)
            .field("valid_only", .bool, .required)
            .field("total_rows", .int, .required)
            .field("error_rows", .int, .required)
            .field("processed_rows", .int, .required)
            .field("created_households", .int, .required)
            .field("created_persons", .int, .required)
            .field("unchanged_rows", .int, .required)
            .field("content", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await db.schema("import_errors")
            .id()
            .field("job_id", .uuid, .required, .references("import_jobs", "id", onDelete: .cascade))
            .field("row", .int, .required)
            .field("field", .string, .required)
            .field("message_key", .string, .required)
            .field("message_args", .string, .required)
            .create()
        try await sql(db).create(index: "ix_import_errors_job").on("import_errors").column("job_id").column("row").run()
        try await db.schema("duplicate_pairs")
            .id()
            .field("person_a", .uuid, .required, .references("persons", "id", onDelete: .cascade))
            .field("person_b", .uuid, .required, .references("persons", "id", onDelete: .cascade))
            .field("reason", .string, .required)
            .field("status", .string, .required)
            .field("unit_path", .string, .required)
            .field("decided_by", .string)
            .field("created_at", .datetime)
            .unique(on: "person_a", "person_b", name: "uq_duplicate_pairs")
            .create()
    }
    func revert(on db: Database) async throws {
        for t in ["duplicate_pairs", "import_errors", "import_jobs"] { try await db.schema(t).delete() }
    }
}

/// Search probes look up (entity_id, token): one index serves them on every engine, so the
/// plan never depends on table statistics.
struct M0010SearchTokenProbe: AsyncMigration {
    var name: String { "0010_search_token_probe" }
    func prepare(on db: Database) async throws {
        try await sql(db).drop(index: "ix_search_tokens_entity").run()
        try await sql(db).create(index: "ix_search_tokens_entity_token").on("search_tokens").column("entity_id").column("token").run()
    }
    func revert(on db: Database) async throws {
        try await sql(db).drop(index: "ix_search_tokens_entity_token").run()
        try await sql(db).create(index: "ix_search_tokens_entity").on("search_tokens").column("entity_id").run()
    }
}

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

/// Moves each import's uploaded file out of its job row into `import_files`. Every batch of an
/// import advances the job's counters, and SQLite rewrites a whole row on update: with the file
/// in the row, a million-person import re-read its 110 MB file a thousand times (quadratic).
struct M0018ImportFiles: AsyncMigration {
    var name: String { "0018_import_files" }
    func prepare(on db: Database) async throws {
        try await db.schema("import_files")
            .field("job_id", .uuid, .identifier(auto: false), .references("import_jobs", "id", onDelete: .cascade))
            .field("content", .string, .required)
            .create()
        try await sql(db).raw("INSERT INTO import_files (job_id, content) SELECT id, content FROM import_jobs").run()
        try await db.schema("import_jobs").deleteField("content").update()
    }
    func revert(on db: Database) async throws {
        try await db.schema("import_jobs").field("content", .string, .required, .sql(.default(""))).update()
        try await sql(db).raw("UPDATE import_jobs SET content = COALESCE((SELECT content FROM import_files WHERE import_files.job_id = import_jobs.id), '')").run()
        try await db.schema("import_files").delete()
    }
}

/// Rebuilds the SQLite full-text indexes with prefix indexes (see `SearchIndex.create`).
/// Databases made after this change already have them; PostgreSQL has nothing to change.
/// Reverting leaves the prefix indexes: they answer the same queries.
struct M0019SearchPrefixes: AsyncMigration {
    var name: String { "0019_search_prefixes" }
    func prepare(on db: Database) async throws { try await SearchIndex.remake(lacking: "prefix=", on: db) }
    func revert(on db: Database) async throws {}
}

/// The persons' sort and scope keys for search on SQLite (`SearchIndex.Keys`); PostgreSQL has
/// nothing to change.
struct M0020PersonKeys: AsyncMigration {
    var name: String { SearchIndex.Keys.migrationName }
    func prepare(on db: Database) async throws { try await SearchIndex.Keys.create(on: db) }
    func revert(on db: Database) async throws { try await SearchIndex.Keys.drop(on: db) }
}

/// PostgreSQL: the search indexes hold every word's prefixes of 2 to 7 letters as lexemes
/// (`SearchIndex.vector`). SQLite has nothing to change: FTS5 has its prefix indexes (0019).
struct M0021SearchPrefixLexemes: AsyncMigration {
    var name: String { "0021_search_prefix_lexemes" }
    func prepare(on db: Database) async throws {
        guard db.isPostgres else { return }
        for table in ["persons", "households"] {
            try await db.transaction { tx in
                try await SearchIndex.pause(table, on: tx)
                try await SearchIndex.resume(table, on: tx)
            }
        }
    }
    func revert(on db: Database) async throws {
        guard db.isPostgres else { return }
        for table in ["persons", "households"] {
            try await SearchIndex.pause(table, on: db)
            try await sql(db).raw("CREATE INDEX \(ident: "ix_" + table + "_search") ON \(ident: table) USING gin (to_tsvector('simple', search_words))").run()
        }
        try await sql(db).raw("DROP FUNCTION IF EXISTS \(unsafeRaw: SearchIndex.vector)(text)").run()
    }
}

/// PostgreSQL: `SearchIndex.vector` becomes PL/pgSQL, which makes the same lexemes faster
/// (`SearchIndex.defineVectorFunction`); the indexes built with it stay valid. SQLite has
/// nothing to change.
struct M0022SearchVectorPLpgSQL: AsyncMigration {
    var name: String { "0022_search_vector_plpgsql" }
    func prepare(on db: Database) async throws {
        guard db.isPostgres else { return }
        try await SearchIndex.defineVectorFunction(on: db)
    }
    /// Nothing to undo: the function gives the same lexemes as before.
    func revert(on db: Database) async throws {}
}

/// SQLite: the full-text indexes keep neither word positions nor word counts, which search never
/// reads (see `SearchIndex.create`); they are made again from the rows. PostgreSQL has nothing to
/// change. Reverting leaves the lean indexes: they answer the same queries.
struct M0023SearchLeanIndex: AsyncMigration {
    var name: String { "0023_search_lean_index" }
    func prepare(on db: Database) async throws { try await SearchIndex.remake(lacking: "detail=none", on: db) }
    func revert(on db: Database) async throws {}
}
