import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// The checks of persons' identity details against the national population database: one row
/// per check, the latest in force.
struct M0046IdentityVerifications: AsyncMigration {
    var name: String { "0046_identity_verifications" }
    func prepare(on db: Database) async throws {
        try await db.schema(IdentityVerificationModel.schema).id()
            .field("person_id", .uuid, .required, .references(PersonModel.schema, "id")).field("unit_path", .string, .required)
            .field("status", .string, .required).field("method", .string, .required).field("checked_on", .string, .required)
            .field("note", .string).field("recorded_by", .string, .required).field("created_at", .datetime).create()
        try await sql(db).create(index: "ix_identity_verifications_person").on(IdentityVerificationModel.schema).column("person_id")
            .column("checked_on").run()
    }
    func revert(on db: Database) async throws { try await db.schema(IdentityVerificationModel.schema).delete() }
}
