import FluentKit
import Foundation
import SQLKit

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
