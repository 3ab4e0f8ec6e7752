import AnsinhCore
import FluentKit
import Foundation
import SQLKit

struct M0014Payments: AsyncMigration {
    var name: String { "0014_payments" }
    func prepare(on db: Database) async throws {
        try await db.schema("payment_cycles")
            .id()
            .field("commune_id", .uuid, .required)
            .field("unit_path", .string, .required)
            .field("month", .string, .required)
            .field("status", .string, .required)
            .field("prepared_by", .string, .required)
            .field("prepared_by_id", .uuid)
            .field("generated_at", .datetime, .required)
            .field("approved_by", .string)
            .field("approved_at", .datetime)
            .field("approved_total", .int64)
            .field("closed_by", .string)
            .field("closed_at", .datetime)
            .unique(on: "commune_id", "month", name: "uq_payment_cycle_month")
            .create()
        try await db.schema("payment_lines")
            .field("id", .int64, .identifier(auto: true))
            .field("cycle_id", .uuid, .required, .references("payment_cycles", "id"))
            .field("person_id", .uuid, .required)
            .field("benefit", .string, .required)
            .field("month", .string, .required)
            /// `pay` (the month's amount, arrears when the month is before the cycle's) or
            /// `adjust` (a difference: a retroactive change of level or decision; negative = recovery).
            .field("kind", .string, .required)
            .field("amount", .int64, .required)
            .field("group_id", .uuid)
            .field("recipient_kind", .string, .required)
            .field("recipient_name", .string)
            .field("channel", .string, .required)
            .field("account", .string)
            .field("status", .string, .required)
            .field("reason", .string)
            .field("carried_from", .int64)
            .field("settled_by", .string)
            .create()
        let s = sql(db)
        // One payment per person × ledger × month, whatever the cycle: re-running never double-pays.
        try await s.raw("CREATE UNIQUE INDEX uq_payment_line_month ON payment_lines (person_id, benefit, month) WHERE kind = 'pay' AND carried_from IS NULL")
            .run()
        // One difference per person × ledger × month in a cycle.
        try await s.raw(
            "CREATE UNIQUE INDEX uq_payment_line_adjust ON payment_lines (cycle_id, person_id, benefit, month) WHERE kind = 'adjust' AND carried_from IS NULL"
        ).run()
        // An unpaid line is carried forward once.
        try await s.raw("CREATE UNIQUE INDEX uq_payment_line_carry ON payment_lines (carried_from) WHERE carried_from IS NOT NULL").run()
        try await s.raw("CREATE INDEX ix_payment_lines_cycle ON payment_lines (cycle_id, group_id)").run()
    }
    func revert(on db: Database) async throws {
        try await db.schema("payment_lines").delete()
        try await db.schema("payment_cycles").delete()
    }
}
