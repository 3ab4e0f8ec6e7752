import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// When a case entered its current step (its deadlines count from it) and when an overdue
/// step was escalated to the manager (once).
struct M0028CaseSteps: AsyncMigration {
    var name: String { "0028_case_steps" }
    func prepare(on db: Database) async throws {
        // One column at a time: SQLite adds one per ALTER TABLE.
        try await db.schema(CaseModel.schema).field("step_at", .datetime).update()
        try await db.schema(CaseModel.schema).field("escalated_at", .datetime).update()
        try await sql(db).raw("UPDATE cases SET step_at = received_at WHERE step_at IS NULL").run()
    }
    func revert(on db: Database) async throws {
        try await db.schema(CaseModel.schema).deleteField("step_at").update()
        try await db.schema(CaseModel.schema).deleteField("escalated_at").update()
    }
}
