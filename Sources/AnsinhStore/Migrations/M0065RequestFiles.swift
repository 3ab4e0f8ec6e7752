import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// The photos and scans residents send with their requests.
struct M0065RequestFiles: AsyncMigration {
    var name: String { "0065_request_files" }
    func prepare(on db: Database) async throws {
        try await db.schema(PublicRequestFileModel.schema).id()
            .field("request_id", .uuid, .required, .references(PublicRequestModel.schema, "id")).field("file_name", .string, .required)
            .field("kind", .string, .required).field("size", .int, .required).field("sha256", .string, .required).field("data", .data, .required)
            .field("created_at", .datetime, .required).create()
        try await sql(db).create(index: "ix_public_request_files_request").on(PublicRequestFileModel.schema).column("request_id").run()
    }
    func revert(on db: Database) async throws { try await db.schema(PublicRequestFileModel.schema).delete() }
}
