import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// HIV status moves from a clear boolean to a sealed text column (`SealedColumn.personHIV`):
/// every stored value is copied as `true`/`false` (so that a value's presence says nothing),
/// then sealed by `Operations.sealClearValues` at the next start, and the boolean is dropped.
struct M0053PersonHIVSealed: AsyncMigration {
    var name: String { "0053_person_hiv_sealed" }
    func prepare(on db: Database) async throws {
        try await db.schema(PersonModel.schema).field("hiv_status", .string).update()
        try await sql(db).raw("UPDATE persons SET hiv_status = CASE WHEN hiv THEN 'true' ELSE 'false' END").run()
        try await db.schema(PersonModel.schema).deleteField("hiv").update()
    }
    func revert(on db: Database) async throws {
        // Reverting brings the boolean back as false for all: the sealed values cannot be read here.
        try await db.schema(PersonModel.schema).field("hiv", .bool, .required, .sql(.default(false))).update()
        try await db.schema(PersonModel.schema).deleteField("hiv_status").update()
    }
}
