import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Fee-paying care: the centre's price list with effective dates, contracts with families,
/// monthly invoices (one per contract and month, numbered per centre) and payments.
struct M0039CareContracts: AsyncMigration {
    var name: String { "0039_care_contracts" }
    func prepare(on db: Database) async throws {
        try await db.schema(CarePriceModel.schema).id()
            .field("unit_id", .uuid, .required).field("unit_path", .string, .required).field("room_type", .string, .required)
            .field("term", .string, .required).field("monthly", .int64, .required).field("vat_bp", .int, .required)
            .field("effective_from", .string, .required).field("created_by", .string, .required).field("created_at", .datetime)
            .unique(on: "unit_id", "room_type", "term", "effective_from").create()
        try await db.schema(CareContractModel.schema).id()
            .field("unit_id", .uuid, .required).field("unit_path", .string, .required).field("number", .string, .required)
            .field("resident_id", .uuid, .required, .references(CareResidentModel.schema, "id")).field("payer_name", .string, .required)
            .field("payer_relation", .string, .required).field("payer_phone", .string, .required).field("payer_address", .string, .required)
            .field("term", .string, .required).field("room_type", .string, .required).field("starts_on", .string, .required)
            .field("ends_on", .string).field("services", .string, .required).field("extras_monthly", .int64, .required)
            .field("extras_note", .string).field("status", .string, .required).field("created_by", .string, .required)
            .field("created_at", .datetime).unique(on: "unit_id", "number").create()
        try await db.schema(CareInvoiceModel.schema).id()
            .field("contract_id", .uuid, .required, .references(CareContractModel.schema, "id")).field("unit_id", .uuid, .required)
            .field("unit_path", .string, .required).field("number", .string, .required).field("month", .string, .required)
            .field("days", .int, .required).field("base", .int64, .required).field("extras", .int64, .required).field("vat", .int64, .required)
            .field("total", .int64, .required).field("issued_on", .string, .required).field("issued_by", .string, .required)
            .unique(on: "contract_id", "month").unique(on: "unit_id", "number").create()
        try await db.schema(CareContractPaymentModel.schema).id()
            .field("contract_id", .uuid, .required, .references(CareContractModel.schema, "id")).field("unit_path", .string, .required)
            .field("amount", .int64, .required).field("paid_on", .string, .required).field("method", .string, .required)
            .field("reference", .string).field("received_by", .string, .required).field("created_at", .datetime).create()
        let s = sql(db)
        try await s.create(index: "ix_care_contracts_unit").on(CareContractModel.schema).column("unit_path").column("status").run()
        try await s.create(index: "ix_care_contracts_resident").on(CareContractModel.schema).column("resident_id").run()
        try await s.create(index: "ix_care_payments_contract").on(CareContractPaymentModel.schema).column("contract_id").run()
    }
    func revert(on db: Database) async throws {
        for t in [CareContractPaymentModel.schema, CareInvoiceModel.schema, CareContractModel.schema, CarePriceModel.schema] {
            try await db.schema(t).delete()
        }
    }
}
