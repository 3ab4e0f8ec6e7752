import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Funds, donors, receipts (with items in kind), disbursements, the double-entry books and the
/// closed months. Invariants held by the database: unique receipt and disbursement numbers per
/// unit, a donor's tax code once per unit, one reversal per journal, one closing per fund and
/// month, and ledger lines that can be neither changed nor deleted and have exactly one
/// positive side.
struct M0041Funds: AsyncMigration {
    var name: String { "0041_funds" }
    func prepare(on db: Database) async throws {
        try await db.schema(FundModel.schema).id()
            .field("unit_id", .uuid, .required, .references(OrgUnitModel.schema, "id")).field("unit_path", .string, .required)
            .field("name", .string, .required).field("kind", .string, .required).field("purpose", .string, .required)
            .field("allowed_kinds", .string, .required).field("public", .bool, .required).field("closed_through", .string)
            .field("created_by", .string, .required).field("created_at", .datetime)
            .unique(on: "unit_id", "name", name: "uq_funds_unit_name").create()
        try await db.schema(DonorModel.schema).id()
            .field("unit_id", .uuid, .required, .references(OrgUnitModel.schema, "id")).field("unit_path", .string, .required)
            .field("kind", .string, .required).field("name", .string, .required).field("name_folded", .string, .required)
            .field("tax_code", .string).field("contact", .string, .required).field("phone", .string, .required).field("email", .string, .required)
            .field("address", .string, .required).field("anonymous", .bool, .required).field("created_by", .string, .required)
            .field("created_at", .datetime).unique(on: "unit_id", "tax_code", name: "uq_fund_donors_tax_code").create()
        try await db.schema(FundJournalModel.schema).id()
            .field("fund_id", .uuid, .required, .references(FundModel.schema, "id")).field("unit_path", .string, .required)
            .field("posted_on", .string, .required).field("kind", .string, .required).field("source_id", .uuid, .required)
            .field("reversal_of", .uuid).field("memo", .string, .required).field("created_by", .string, .required).field("created_at", .datetime)
            .unique(on: "reversal_of", name: "uq_fund_journals_reversal").create()
        try await db.schema(FundEntryModel.schema).id()
            .field("journal_id", .uuid, .required, .references(FundJournalModel.schema, "id"))
            .field("fund_id", .uuid, .required, .references(FundModel.schema, "id")).field("posted_on", .string, .required)
            .field("account", .string, .required).field("earmark", .string).field("debit", .int64, .required).field("credit", .int64, .required)
            .create()
        try await db.schema(FundReceiptModel.schema).id()
            .field("fund_id", .uuid, .required, .references(FundModel.schema, "id")).field("unit_id", .uuid, .required)
            .field("unit_path", .string, .required).field("number", .string, .required).field("donor_id", .uuid, .references(DonorModel.schema, "id"))
            .field("received_on", .string, .required).field("method", .string, .required).field("amount", .int64, .required)
            .field("earmark", .string).field("reference", .string, .required).field("note", .string, .required).field("status", .string, .required)
            .field("reversal_reason", .string).field("journal_id", .uuid, .required, .references(FundJournalModel.schema, "id"))
            .field("created_by", .string, .required).field("created_at", .datetime)
            .unique(on: "unit_id", "number", name: "uq_fund_receipts_number").create()
        try await db.schema(FundReceiptItemModel.schema).id()
            .field("receipt_id", .uuid, .required, .references(FundReceiptModel.schema, "id")).field("description", .string, .required)
            .field("quantity", .int, .required).field("unit_label", .string, .required).field("unit_value", .int64, .required)
            .field("value", .int64, .required).create()
        try await db.schema(FundDisbursementModel.schema).id()
            .field("fund_id", .uuid, .required, .references(FundModel.schema, "id")).field("unit_id", .uuid, .required)
            .field("unit_path", .string, .required).field("number", .string, .required).field("kind", .string, .required)
            .field("source_account", .string, .required).field("amount", .int64, .required).field("beneficiary_kind", .string, .required)
            .field("beneficiary_id", .uuid, .required).field("beneficiary_label", .string, .required).field("purpose", .string, .required)
            .field("proposed_on", .string, .required).field("proposed_by", .string, .required).field("proposed_by_id", .uuid)
            .field("decided_by", .string).field("decided_on", .string).field("reason", .string)
            .field("journal_id", .uuid, .references(FundJournalModel.schema, "id")).field("status", .string, .required).field("created_at", .datetime)
            .unique(on: "unit_id", "number", name: "uq_fund_disbursements_number").create()
        try await db.schema(FundClosingModel.schema).id()
            .field("fund_id", .uuid, .required, .references(FundModel.schema, "id")).field("month", .string, .required)
            .field("held", .int64, .required).field("closed_by", .string, .required).field("created_at", .datetime)
            .unique(on: "fund_id", "month", name: "uq_fund_closings_month").create()
        let s = sql(db)
        try await s.create(index: "ix_fund_entries_fund").on(FundEntryModel.schema).column("fund_id").column("posted_on").run()
        try await s.create(index: "ix_fund_entries_journal").on(FundEntryModel.schema).column("journal_id").run()
        try await s.create(index: "ix_fund_receipts_fund").on(FundReceiptModel.schema).column("fund_id").column("received_on").run()
        try await s.create(index: "ix_fund_receipts_donor").on(FundReceiptModel.schema).column("donor_id").run()
        try await s.create(index: "ix_fund_disbursements_fund").on(FundDisbursementModel.schema).column("fund_id").column("status").run()
        try await s.create(index: "ix_fund_donors_folded").on(DonorModel.schema).column("unit_id").column("name_folded").run()
        let valid = "NEW.debit >= 0 AND NEW.credit >= 0 AND (NEW.debit > 0) <> (NEW.credit > 0)"
        if db.isPostgres {
            try await s.raw(
                """
                CREATE FUNCTION fund_entries_guard() RETURNS trigger AS $$
                BEGIN
                  IF TG_OP <> 'INSERT' THEN RAISE EXCEPTION 'fund_entries is append-only'; END IF;
                  IF NOT (\(unsafeRaw: valid)) THEN RAISE EXCEPTION 'a ledger line has exactly one positive side'; END IF;
                  RETURN NEW;
                END $$ LANGUAGE plpgsql
                """
            ).run()
            try await s.raw(
                "CREATE TRIGGER fund_entries_guard BEFORE INSERT OR UPDATE OR DELETE ON fund_entries FOR EACH ROW EXECUTE FUNCTION fund_entries_guard()"
            ).run()
        } else {
            try await s.raw(
                "CREATE TRIGGER fund_entries_no_update BEFORE UPDATE ON fund_entries BEGIN SELECT RAISE(ABORT, 'fund_entries is append-only'); END"
            ).run()
            try await s.raw(
                "CREATE TRIGGER fund_entries_no_delete BEFORE DELETE ON fund_entries BEGIN SELECT RAISE(ABORT, 'fund_entries is append-only'); END"
            ).run()
            try await s.raw(
                """
                CREATE TRIGGER fund_entries_one_side BEFORE INSERT ON fund_entries WHEN NOT (\(unsafeRaw: valid))
                BEGIN SELECT RAISE(ABORT, 'a ledger line has exactly one positive side'); END
                """
            ).run()
        }
    }
    func revert(on db: Database) async throws {
        for s in [
            FundClosingModel.schema, FundDisbursementModel.schema, FundReceiptItemModel.schema, FundReceiptModel.schema, FundEntryModel.schema,
            FundJournalModel.schema, DonorModel.schema, FundModel.schema,
        ] {
            try await db.schema(s).delete()
        }
        if db.isPostgres { try await sql(db).raw("DROP FUNCTION IF EXISTS fund_entries_guard()").run() }
    }
}
