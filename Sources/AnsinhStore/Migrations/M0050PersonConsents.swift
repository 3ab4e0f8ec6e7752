import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// A person's consents outside a case (Law 91/2025/QH15): one row per consent, withdrawn in
/// place.
struct M0050PersonConsents: AsyncMigration {
    var name: String { "0050_person_consents" }
    func prepare(on db: Database) async throws {
        try await db.schema(PersonConsentModel.schema).id()
            .field("person_id", .uuid, .required, .references(PersonModel.schema, "id")).field("unit_path", .string, .required)
            .field("purpose", .string, .required).field("recipient", .string, .required).field("given_by", .string, .required)
            .field("given_by_name", .string, .required).field("given_on", .string, .required).field("withdrawn_on", .string)
            .field("withdrawal_reason", .string).field("recorded_by", .string, .required).field("created_at", .datetime).create()
        try await sql(db).create(index: "ix_person_consents_person").on(PersonConsentModel.schema).column("person_id").column("purpose").run()
    }
    func revert(on db: Database) async throws { try await db.schema(PersonConsentModel.schema).delete() }
}
