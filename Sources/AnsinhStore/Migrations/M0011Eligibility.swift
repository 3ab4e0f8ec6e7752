import AnsinhCore
import FluentKit
import Foundation
import SQLKit

struct M0011Eligibility: AsyncMigration {
    var name: String { "0011_eligibility_runs" }
    func prepare(on db: Database) async throws {
        try await db.schema("eligibility_runs")
            .id()
            .field("unit_path", .string, .required)
            .field("month", .string, .required)
            .field("persons", .int, .required)
            .field("eligible", .int, .required)
            .field("total_amount", .int64, .required)
            .field("run_by", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await db.schema("eligibility_results")
            .field("run_id", .uuid, .required, .references("eligibility_runs", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required)
            .field("household_id", .uuid, .required)
            .field("unit_path", .string, .required)
            .field("amount", .int64, .required)
            .field("care_amount", .int64, .required)
            .field("categories", .string, .required)
            .unique(on: "run_id", "person_id", name: "uq_eligibility_results")
            .create()
    }
    func revert(on db: Database) async throws {
        try await db.schema("eligibility_results").delete()
        try await db.schema("eligibility_runs").delete()
    }
}
