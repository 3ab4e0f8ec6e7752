import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// A case's timeline: notes and services given, dated, with who gave them.
struct M0029CaseEntries: AsyncMigration {
    var name: String { "0029_case_entries" }
    func prepare(on db: Database) async throws {
        try await db.schema(CaseEntryModel.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseModel.schema, "id"))
            .field("unit_path", .string, .required)
            .field("kind", .string, .required)
            .field("on_date", .string, .required)
            .field("text", .string, .required)
            .field("given_by", .string, .required)
            .field("recorded_by", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await sql(db).create(index: "ix_case_entries_case").on(CaseEntryModel.schema).column("case_id").run()
    }
    func revert(on db: Database) async throws {
        try await db.schema(CaseEntryModel.schema).delete()
    }
}
