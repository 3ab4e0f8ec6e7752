import FluentKit
import Foundation
import SQLKit

/// The ward's living-conditions works: the register, each work's diary, its state budget and
/// its photos.
struct M0060Works: AsyncMigration {
    var name: String { "0060_works" }
    func prepare(on db: Database) async throws {
        try await db.schema("works").id()
            .field("unit_id", .uuid, .required).field("group_id", .uuid).field("unit_path", .string, .required).field("kind", .string, .required)
            .field("title", .string, .required).field("location", .string, .required).field("coordinates", .string, .required)
            .field("need", .string, .required).field("origin", .string, .required).field("request_id", .uuid).field("estimate", .int64, .required)
            .field("status", .string, .required).field("proposed_on", .string, .required).field("decision", .string).field("approved_on", .string)
            .field("started_on", .string).field("percent", .int, .required).field("completed_on", .string).field("handed_over_on", .string)
            .field("handed_to", .string).field("reason", .string).field("created_by", .string, .required).create()
        try await sql(db).create(index: "ix_works_unit").on("works").column("unit_path").run()
        try await db.schema("work_progress").id()
            .field("work_id", .uuid, .required).field("day", .string, .required).field("percent", .int, .required).field("note", .string, .required)
            .field("recorded_by", .string, .required).create()
        try await db.schema("work_budget").id()
            .field("work_id", .uuid, .required).field("amount", .int64, .required).field("decision", .string, .required).field("day", .string, .required)
            .field("recorded_by", .string, .required).create()
        try await db.schema("work_photos").id()
            .field("work_id", .uuid, .required).field("caption", .string, .required).field("day", .string, .required).field("kind", .string, .required)
            .field("size", .int, .required).field("sha256", .string, .required).field("data", .data, .required).field("uploaded_by", .string, .required)
            .create()
        for t in ["work_progress", "work_budget", "work_photos"] {
            try await sql(db).create(index: "ix_\(t)_work").on(t).column("work_id").run()
        }
    }
    func revert(on db: Database) async throws {
        for t in ["work_photos", "work_budget", "work_progress", "works"] { try await db.schema(t).delete() }
    }
}
