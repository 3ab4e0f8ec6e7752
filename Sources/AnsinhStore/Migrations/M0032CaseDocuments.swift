import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// The files of cases.
struct M0032CaseDocuments: AsyncMigration {
    var name: String { "0032_case_documents" }
    func prepare(on db: Database) async throws {
        try await db.schema(CaseDocumentModel.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseModel.schema, "id"))
            .field("unit_id", .uuid, .required)
            .field("unit_path", .string, .required)
            .field("title", .string, .required)
            .field("file_name", .string, .required)
            .field("kind", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("data", .data, .required)
            .field("uploaded_by", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await sql(db).create(index: "ix_case_documents_case").on(CaseDocumentModel.schema).column("case_id").run()
    }
    func revert(on db: Database) async throws {
        try await db.schema(CaseDocumentModel.schema).delete()
    }
}
