import FluentKit
import Foundation
import SQLKit

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
        try await sql(db).raw("UPDATE import_jobs SET content = COALESCE((SELECT content FROM import_files WHERE import_files.job_id = import_jobs.id), '')")
            .run()
        try await db.schema("import_files").delete()
    }
}
