import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// Fee-paying care in the browser: contracts, the price list, invoices and payments, and the
/// printed contract and invoice (in Vietnamese).
struct ContractController {
    func register(authed: any RoutesBuilder) {
        authed.get(.careContracts, use: list)
        authed.post(.careContracts, use: create)
        authed.get(.careContract(nil), use: show)
        authed.get(.careContractPrint(nil), use: printContract)
        authed.post(.careContractInvoices(nil), use: invoice)
        authed.post(.careContractPayments(nil), use: pay)
        authed.post(.careContractEnd(nil), use: end)
        authed.post(.careInvoicesRun, use: invoiceMonth)
        authed.post(.carePrices, use: addPrice)
        authed.get(.careInvoicePrint(nil), use: printInvoice)
    }

    struct ContractForm: Content {
        var resident_id: String?; var payer_name: String?; var payer_relation: String?; var payer_phone: String?; var payer_address: String?
        var term: String?; var room_type: String?; var starts_on: String?; var ends_on: String?; var services: String?; var extras_monthly: String?
        var extras_note: String?
    }
    struct PriceForm: Content {
        var unit_id: String?; var room_type: String?; var term: String?; var monthly: String?; var vat_percent: String?; var effective_from: String?
    }
    struct MonthForm: Content { var month: String? }
    struct PaymentForm: Content { var amount: String?; var paid_on: String?; var method: String?; var reference: String? }
    struct EndForm: Content { var ends_on: String? }

    func list(req: Request) async throws -> HTMLResponse { HTMLResponse(ContractsPage.render(PageContext(req), try await ContractsPage.model(for: req))) }
    func show(req: Request) async throws -> HTMLResponse { HTMLResponse(ContractPage.render(PageContext(req), try await ContractPage.model(for: req))) }

    func printContract(req: Request) async throws -> HTMLResponse {
        let c = try await CareRepository(req.store).contract(try req.requireActor(), id: try req.idParameter())
        return HTMLResponse(ContractPrintPage.render(PageContext(req).with(locale: .vi), c))
    }

    func printInvoice(req: Request) async throws -> HTMLResponse {
        let (i, c) = try await CareRepository(req.store).invoiceRecord(try req.requireActor(), id: try req.idParameter())
        return HTMLResponse(InvoicePrintPage.render(PageContext(req).with(locale: .vi), InvoicePrintPage.Model(invoice: i, contract: c)))
    }

    func create(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let f = try req.content.decode(ContractForm.self)
        var input = ContractInput()
        input.payerName = f.payer_name ?? ""
        input.payerRelation = f.payer_relation ?? ""; input.payerPhone = f.payer_phone ?? ""; input.payerAddress = f.payer_address ?? ""
        input.term = f.term ?? ""; input.roomType = f.room_type ?? ""; input.startsOn = f.starts_on ?? ""; input.endsOn = f.ends_on ?? ""
        input.services = f.services ?? ""; input.extrasMonthly = f.extras_monthly ?? ""; input.extrasNote = f.extras_note ?? ""
        var created: UUID?
        let response = try await req.perform(back: SiteRoute.careContracts.path, success: Message("contract.signed")) {
            input.residentID = try CareController.uuid(f.resident_id, "resident_id")
            created = try await CareRepository(req.store).createContract(actor, input, today: req.today)
        }
        return created.map { req.redirect(to: SiteRoute.careContract($0).path) } ?? response
    }

    func addPrice(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let f = try req.content.decode(PriceForm.self)
        return try await req.perform(back: SiteRoute.careContracts.path, success: Message("contract.price_added")) {
            try await CareRepository(req.store).addPrice(
                actor, unitID: try CareController.uuid(f.unit_id, "unit_id"), roomType: f.room_type ?? "", term: f.term ?? "", monthly: f.monthly ?? "",
                vatPercent: f.vat_percent ?? "", effectiveFrom: f.effective_from ?? "")
        }
    }

    func invoiceMonth(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let f = try req.content.decode(MonthForm.self)
        return try await req.perform(back: SiteRoute.careContracts.path, success: nil) {
            let done = try await CareRepository(req.store).invoiceMonth(actor, month: f.month ?? "", today: req.today)
            req.flash(.success, Message("contract.month_invoiced", ["issued": "\(done.issued)", "already": "\(done.already)"]))
        }
    }

    func invoice(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(MonthForm.self)
        return try await req.perform(back: SiteRoute.careContract(id).path, success: Message("contract.invoiced")) {
            try await CareRepository(req.store).invoice(actor, contractID: id, month: f.month ?? "", today: req.today)
        }
    }

    func pay(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(PaymentForm.self)
        return try await req.perform(back: SiteRoute.careContract(id).path, success: Message("contract.payment_recorded")) {
            try await CareRepository(req.store).recordContractPayment(
                actor, contractID: id, amount: f.amount ?? "", paidOn: f.paid_on ?? "", method: f.method ?? "", reference: f.reference ?? "", today: req.today)
        }
    }

    func end(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(EndForm.self)
        return try await req.perform(back: SiteRoute.careContract(id).path, success: Message("contract.ended")) {
            try await CareRepository(req.store).endContract(actor, contractID: id, endsOn: f.ends_on ?? "")
        }
    }
}
