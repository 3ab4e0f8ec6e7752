import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Persons' requests about their personal data (access, correction, restriction, deletion),
/// with the day each is due and how it was handled.
struct M0047SubjectRequests: AsyncMigration {
    var name: String { "0047_subject_requests" }
    func prepare(on db: Database) async throws {
        try await db.schema(SubjectRequestModel.schema).id()
            .field("person_id", .uuid, .required, .references(PersonModel.schema, "id")).field("unit_path", .string, .required)
            .field("kind", .string, .required).field("received_on", .string, .required).field("requested_by", .string, .required)
            .field("detail", .string, .required).field("due_on", .string, .required).field("status", .string, .required)
            .field("outcome", .string).field("handled_by", .string).field("handled_on", .string).field("received_by", .string, .required)
            .field("created_at", .datetime).create()
        try await sql(db).create(index: "ix_subject_requests_person").on(SubjectRequestModel.schema).column("person_id").run()
    }
    func revert(on db: Database) async throws { try await db.schema(SubjectRequestModel.schema).delete() }
}
