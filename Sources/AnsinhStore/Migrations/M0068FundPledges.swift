import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Donors' pledges to a fund, and the gift received against a pledge.
struct M0068FundPledges: AsyncMigration {
    var name: String { "0068_fund_pledges" }
    func prepare(on db: Database) async throws {
        try await db.schema(FundPledgeModel.schema).id()
            .field("fund_id", .uuid, .required, .references(FundModel.schema, "id")).field("unit_id", .uuid, .required)
            .field("unit_path", .string, .required).field("donor_id", .uuid, .required, .references(DonorModel.schema, "id"))
            .field("amount", .int64, .required).field("pledged_on", .string, .required).field("due_on", .string).field("note", .string, .required)
            .field("status", .string, .required).field("cancel_reason", .string).field("created_by", .string, .required).field("created_at", .datetime)
            .create()
        try await sql(db).create(index: "ix_fund_pledges_fund").on(FundPledgeModel.schema).column("fund_id").column("pledged_on").run()
        try await db.schema(FundReceiptModel.schema).field("pledge_id", .uuid).update()
        try await sql(db).create(index: "ix_fund_receipts_pledge").on(FundReceiptModel.schema).column("pledge_id").run()
    }
    func revert(on db: Database) async throws {
        try await sql(db).raw("DROP INDEX ix_fund_receipts_pledge").run()
        try await db.schema(FundReceiptModel.schema).deleteField("pledge_id").update()
        try await db.schema(FundPledgeModel.schema).delete()
    }
}
