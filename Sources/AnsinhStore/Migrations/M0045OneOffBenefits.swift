import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// One-off decisions (Decree 20/2021 Art. 11–15) and their payment lines: a line points at its
/// decision and may carry kilograms of rice. One funeral support per person, one support of a
/// kind per household and event, one decision number per commune; one payment line per
/// decision, whatever the cycle.
struct M0045OneOffBenefits: AsyncMigration {
    var name: String { "0045_one_off_benefits" }
    func prepare(on db: Database) async throws {
        try await db.schema(OneOffDecisionModel.schema).id()
            .field("kind", .string, .required).field("person_id", .uuid, .required, .references(PersonModel.schema, "id"))
            .field("household_id", .uuid).field("commune_id", .uuid, .required).field("group_id", .uuid).field("unit_path", .string, .required)
            .field("event_date", .string, .required).field("number", .string, .required).field("signed_date", .string, .required)
            .field("category", .string, .required).field("amount", .int64, .required).field("kilograms", .int).field("details", .string, .required)
            .field("reason", .string, .required).field("rule_set", .string, .required).field("recipient_kind", .string, .required)
            .field("recipient_name", .string).field("channel", .string, .required).field("account", .string).field("status", .string, .required)
            .field("handed_date", .string).field("received_by", .string).field("handed_by", .string).field("cancel_reason", .string)
            .field("note", .string).field("decided_by", .string, .required).field("created_at", .datetime)
            .unique(on: "commune_id", "number", name: "uq_one_off_number").create()
        let s = sql(db)
        // Art. 11(2): one funeral support per person.
        try await s.raw("CREATE UNIQUE INDEX uq_one_off_funeral ON one_off_decisions (person_id) WHERE kind = 'funeral' AND status <> 'cancelled'").run()
        try await s.raw(
            """
            CREATE UNIQUE INDEX uq_one_off_event ON one_off_decisions (person_id, kind, event_date)
            WHERE kind <> 'funeral' AND household_id IS NULL AND status <> 'cancelled'
            """
        ).run()
        try await s.raw(
            "CREATE UNIQUE INDEX uq_one_off_household ON one_off_decisions (household_id, kind, event_date) WHERE household_id IS NOT NULL AND status <> 'cancelled'"
        ).run()
        try await s.raw("CREATE INDEX ix_one_off_commune ON one_off_decisions (commune_id, status)").run()
        // SQLite adds one column per statement.
        try await db.schema("payment_lines").field("one_off_id", .uuid).update()
        try await db.schema("payment_lines").field("kilograms", .int).update()
        // The monthly rule "one payment per person × ledger × month" no longer covers one-off
        // lines, which have their own: one payment per decision.
        try await s.raw("DROP INDEX uq_payment_line_month").run()
        try await s.raw(
            """
            CREATE UNIQUE INDEX uq_payment_line_month ON payment_lines (person_id, benefit, month)
            WHERE kind = 'pay' AND carried_from IS NULL AND one_off_id IS NULL
            """
        ).run()
        try await s.raw(
            "CREATE UNIQUE INDEX uq_payment_line_one_off ON payment_lines (one_off_id) WHERE kind = 'pay' AND carried_from IS NULL AND one_off_id IS NOT NULL"
        ).run()
    }
    func revert(on db: Database) async throws {
        let s = sql(db)
        try await s.raw("DROP INDEX uq_payment_line_one_off").run()
        try await s.raw("DELETE FROM payment_lines WHERE one_off_id IS NOT NULL").run()
        try await s.raw("DROP INDEX uq_payment_line_month").run()
        try await s.raw("CREATE UNIQUE INDEX uq_payment_line_month ON payment_lines (person_id, benefit, month) WHERE kind = 'pay' AND carried_from IS NULL")
            .run()
        try await db.schema("payment_lines").deleteField("one_off_id").update()
        try await db.schema("payment_lines").deleteField("kilograms").update()
        try await db.schema(OneOffDecisionModel.schema).delete()
    }
}
