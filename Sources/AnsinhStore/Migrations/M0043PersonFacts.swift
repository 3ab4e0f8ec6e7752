import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// A person's dated circumstances for the allowance rules (marital status, parents, children,
/// studies, supporter, carer…): one row per day they hold from.
struct M0043PersonFacts: AsyncMigration {
    var name: String { "0043_person_facts" }
    func prepare(on db: Database) async throws {
        try await db.schema(PersonFactVersionModel.schema).id()
            .field("person_id", .uuid, .required, .references(PersonModel.schema, "id")).field("unit_path", .string, .required)
            .field("valid_from", .string, .required).field("facts", .string, .required).field("source_document", .string)
            .field("recorded_by", .string, .required).field("created_at", .datetime).field("updated_at", .datetime)
            .unique(on: "person_id", "valid_from").create()
    }
    func revert(on db: Database) async throws { try await db.schema(PersonFactVersionModel.schema).delete() }
}
