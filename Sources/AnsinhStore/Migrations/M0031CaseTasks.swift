import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Tasks of cases and hotline call-backs.
struct M0031CaseTasks: AsyncMigration {
    var name: String { "0031_case_tasks" }
    func prepare(on db: Database) async throws {
        try await db.schema(CaseTaskModel.schema)
            .id()
            .field("unit_id", .uuid, .required)
            .field("unit_path", .string, .required)
            .field("kind", .string, .required)
            .field("case_id", .uuid, .references(CaseModel.schema, "id"))
            .field("contact_id", .uuid, .references(HotlineContactModel.schema, "id"))
            .field("title", .string, .required)
            .field("callback_number", .string)
            .field("assignee", .string, .required)
            .field("due_on", .string, .required)
            .field("status", .string, .required)
            .field("closed_note", .string)
            .field("closed_on", .string)
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await sql(db).create(index: "ix_case_tasks_assignee").on(CaseTaskModel.schema).column("assignee").column("status").run()
        try await sql(db).create(index: "ix_case_tasks_case").on(CaseTaskModel.schema).column("case_id").run()
    }
    func revert(on db: Database) async throws {
        try await db.schema(CaseTaskModel.schema).delete()
    }
}
