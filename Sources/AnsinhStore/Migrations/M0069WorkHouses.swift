import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// A gratitude-house repair: the policy family's household, the house's condition as surveyed,
/// and the contractor who does the work.
struct M0069WorkHouses: AsyncMigration {
    var name: String { "0069_work_houses" }
    func prepare(on db: Database) async throws {
        // One column a statement: SQLite adds them one by one.
        try await db.schema(WorkModel.schema).field("household_id", .uuid).update()
        try await db.schema(WorkModel.schema).field("house_condition", .string).update()
        try await db.schema(WorkModel.schema).field("contractor", .string).update()
        try await sql(db).create(index: "ix_works_household").on(WorkModel.schema).column("household_id").run()
    }
    func revert(on db: Database) async throws {
        try await sql(db).raw("DROP INDEX ix_works_household").run()
        for field in ["contractor", "house_condition", "household_id"] { try await db.schema(WorkModel.schema).deleteField(.string(field)).update() }
    }
}
