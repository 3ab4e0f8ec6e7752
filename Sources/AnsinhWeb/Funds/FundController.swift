import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// Donated money in the browser: funds, gifts received, disbursements (proposed by one person,
/// approved by another), the books and their closing, donors, the printed receipt and
/// thank-you letter; and the public pages of the funds, which need no login.
struct FundController {
    func register(authed: any RoutesBuilder) {
        authed.get(.funds, use: list)
        authed.post(.funds, use: create)
        authed.get(.fund(nil), use: show)
        authed.post(.fund(nil), use: update)
        authed.post(.fundPledges(nil), use: pledge)
        authed.post(.pledgeCancel(nil), use: cancelPledge)
        authed.post(.fundReceipts(nil), use: receive)
        authed.post(.fundDisbursements(nil), use: propose)
        authed.get(.fundLedger(nil), use: ledger)
        authed.get(.fundDonorReport(nil)) { req in HTMLResponse(DonorReportPage.render(PageContext(req), try await DonorReportPage.model(for: req))) }
        authed.post(.fundClose(nil), use: close)
        authed.get(.donors, use: donors)
        authed.post(.donors, use: addDonor)
        authed.get(.donor(nil), use: donor)
        authed.post(.donor(nil), use: updateDonor)
        authed.post(.donorHold(nil)) { try await RetentionSection.hold($0, DonorModel.self, back: { SiteRoute.donor($0) }) }
        authed.get(.fundReceipt(nil), use: receipt)
        authed.get(.fundReceiptLetter(nil), use: letter)
        authed.post(.fundReceiptReverse(nil), use: reverseReceipt)
        authed.post(.disbursementApprove(nil), use: approve)
        authed.post(.disbursementReject(nil), use: reject)
        authed.post(.disbursementReverse(nil), use: reverseDisbursement)
    }

    func register(public html: any RoutesBuilder) {
        html.get(.publicFunds) { req in
            HTMLResponse(PublicFundsPage.render(PageContext(req), try await FundRepository(req.store).publicFunds()))
        }
        html.get(.publicFund(nil)) { req in
            HTMLResponse(PublicFundPage.render(PageContext(req), try await Self.transparency(req)))
        }
        html.get(.publicFundExport(nil), use: export)
    }

    struct FundForm: Content {
        var unit_id: String?; var name: String?; var kind: String?; var purpose: String?; var allowed_kinds: [String]?; var is_public: String?
    }
    struct DonorForm: Content {
        var unit_id: String?; var kind: String?; var name: String?; var tax_code: String?; var contact: String?; var phone: String?; var email: String?
        var address: String?; var anonymous: String?
    }
    struct ReceiptForm: Content {
        var donor_id: String?; var received_on: String?; var method: String?; var amount: String?; var earmark: String?; var reference: String?
        var note: String?; var item_description: [String]?; var item_quantity: [String]?; var item_unit: [String]?; var item_value: [String]?
        var pledge_id: String?
    }
    struct PledgeForm: Content { var donor_id: String?; var amount: String?; var pledged_on: String?; var due_on: String?; var note: String? }
    struct DisbursementForm: Content {
        var beneficiary: String?; var kind: String?; var source_account: String?; var amount: String?; var purpose: String?
    }
    struct MonthForm: Content { var month: String? }
    struct ReasonForm: Content { var reason: String? }

    func list(req: Request) async throws -> HTMLResponse { HTMLResponse(FundsPage.render(PageContext(req), try await FundsPage.model(for: req))) }
    func show(req: Request) async throws -> HTMLResponse { HTMLResponse(FundPage.render(PageContext(req), try await FundPage.model(for: req))) }
    func ledger(req: Request) async throws -> HTMLResponse {
        HTMLResponse(FundLedgerPage.render(PageContext(req), try await FundLedgerPage.model(for: req)))
    }
    func donors(req: Request) async throws -> HTMLResponse { HTMLResponse(DonorsPage.render(PageContext(req), try await DonorsPage.model(for: req))) }
    func donor(req: Request) async throws -> HTMLResponse { HTMLResponse(DonorPage.render(PageContext(req), try await DonorPage.model(for: req))) }

    func receipt(req: Request) async throws -> HTMLResponse {
        let actor = try req.requireActor()
        let r = try await FundRepository(req.store).receipt(actor, id: try req.idParameter())
        return HTMLResponse(
            ReceiptPage.render(
                PageContext(req), ReceiptPage.Model(receipt: r, canReverse: actor.role.can(.manageFunds) && r.row.status == .recorded, today: req.today)))
    }

    func letter(req: Request) async throws -> HTMLResponse {
        let r = try await FundRepository(req.store).receipt(try req.requireActor(), id: try req.idParameter())
        return HTMLResponse(ThankYouLetterPage.render(PageContext(req).with(locale: .vi), ThankYouLetterPage.Model(receipt: r, today: req.today)))
    }

    static func transparency(_ req: Request) async throws -> TransparencyReport {
        let year = try req.queryInt("year", in: Bounds.year) ?? req.today.year
        return try await FundRepository(req.store).transparency(fundID: try req.idParameter(), year: year, today: req.today)
    }

    /// The public year as a file, to the đồng: months, donors, what was given out by kind.
    func export(req: Request) async throws -> Response {
        let r = try await Self.transparency(req)
        var rows: [[String]] = r.months.map { ["month", $0.month.iso, "", String($0.received), String($0.givenOut)] }
        rows += r.donors.map { ["donor", "", $0.name ?? "anonymous", String($0.amount), String($0.gifts)] }
        rows += r.given.map { ["given", "", $0.kind.rawValue, String($0.amount), String($0.count)] }
        rows.append(["total", String(r.year), r.fund.name, String(r.received), String(r.givenOut)])
        rows.append(["held", String(r.year), "", String(r.held), ""])
        return try await Spreadsheet.response(req, header: ["section", "month", "name", "amount", "count"], rows: rows, baseName: "fund-\(r.year)")
    }

    func create(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let f = try req.content.decode(FundForm.self)
        var created: UUID?
        let response = try await req.perform(back: SiteRoute.funds.path, success: Message("fund.created")) {
            var i = FundInput()
            i.unitID = try CareController.uuid(f.unit_id, "unit_id"); i.name = f.name ?? ""; i.kind = f.kind ?? ""; i.purpose = f.purpose ?? ""
            i.allowedKinds = f.allowed_kinds ?? []; i.isPublic = f.is_public != nil
            created = try await FundRepository(req.store).createFund(actor, i)
        }
        return created.map { req.redirect(to: SiteRoute.fund($0).path) } ?? response
    }

    /// The fund's name, purpose, rules and public page changed.
    func update(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(FundForm.self)
        return try await req.perform(back: SiteRoute.fund(id).path, success: Message("fund.updated")) {
            var i = FundInput()
            i.name = f.name ?? ""; i.purpose = f.purpose ?? ""; i.allowedKinds = f.allowed_kinds ?? []; i.isPublic = f.is_public != nil
            try await FundRepository(req.store).updateFund(actor, id: id, i)
        }
    }

    func addDonor(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let f = try req.content.decode(DonorForm.self)
        return try await req.perform(back: SiteRoute.donors.path, success: Message("fund.donor_added")) {
            var i = Self.donorInput(f)
            i.unitID = try CareController.uuid(f.unit_id, "unit_id")
            _ = try await FundRepository(req.store).addDonor(actor, i)
        }
    }

    func updateDonor(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(DonorForm.self)
        return try await req.perform(back: SiteRoute.donor(id).path, success: Message("fund.donor_updated")) {
            try await FundRepository(req.store).updateDonor(actor, id: id, Self.donorInput(f))
        }
    }

    static func donorInput(_ f: DonorForm) -> DonorInput {
        var i = DonorInput()
        i.kind = f.kind ?? ""; i.name = f.name ?? ""; i.taxCode = f.tax_code ?? ""; i.contact = f.contact ?? ""; i.phone = f.phone ?? ""
        i.email = f.email ?? ""; i.address = f.address ?? ""; i.anonymous = f.anonymous != nil
        return i
    }

    func receive(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(ReceiptForm.self)
        var created: UUID?
        let response = try await req.perform(back: SiteRoute.fund(id).path, success: Message("fund.received")) {
            var i = ReceiptInput()
            i.donorID = try CareController.uuid(f.donor_id, "donor_id"); i.receivedOn = f.received_on ?? ""; i.method = f.method ?? ""
            i.amount = f.amount ?? ""; i.earmark = f.earmark ?? ""; i.reference = f.reference ?? ""; i.note = f.note ?? ""
            i.pledgeID = try CareController.uuid(f.pledge_id, "pledge_id")
            let what = f.item_description ?? [], qty = f.item_quantity ?? [], unit = f.item_unit ?? [], value = f.item_value ?? []
            for n in what.indices where !what[n].trimmingCharacters(in: .whitespaces).isEmpty {
                i.items.append(
                    ItemInput(
                        description: what[n], quantity: n < qty.count ? qty[n] : "", unitLabel: n < unit.count ? unit[n] : "",
                        unitValue: n < value.count ? value[n] : ""))
            }
            if i.method != ReceiptMethod.inKind.rawValue { i.items = [] }
            created = try await FundRepository(req.store).recordReceipt(actor, fundID: id, i, today: req.today)
        }
        return created.map { req.redirect(to: SiteRoute.fundReceipt($0).path) } ?? response
    }

    /// A donor's pledge recorded on the fund's page.
    func pledge(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(PledgeForm.self)
        return try await req.perform(back: SiteRoute.fund(id).path, success: Message("fund.pledged_done")) {
            var i = PledgeInput()
            i.donorID = try CareController.uuid(f.donor_id, "donor_id"); i.amount = f.amount ?? ""; i.pledgedOn = f.pledged_on ?? ""
            i.dueOn = f.due_on ?? ""; i.note = f.note ?? ""
            _ = try await FundRepository(req.store).pledge(actor, fundID: id, i, today: req.today)
        }
    }

    func cancelPledge(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(ReasonForm.self)
        let fund = try await req.store.scoped(FundPledgeModel.self, id, actor).fundID
        return try await req.perform(back: SiteRoute.fund(fund).path, success: Message("fund.pledge_cancelled")) {
            try await FundRepository(req.store).cancelPledge(actor, pledgeID: id, reason: f.reason ?? "")
        }
    }

    func propose(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(DisbursementForm.self)
        return try await req.perform(back: SiteRoute.fund(id).path, success: Message("fund.proposed")) {
            var i = DisbursementInput()
            let parts = (f.beneficiary ?? "").split(separator: ":", maxSplits: 1).map(String.init)
            i.beneficiaryKind = parts.first ?? ""; i.beneficiaryID = parts.count == 2 ? UUID(uuidString: parts[1]) : nil
            if !(f.beneficiary ?? "").isEmpty && i.beneficiaryID == nil { throw AppError.invalid("beneficiary", "validation.choice") }
            i.kind = f.kind ?? ""; i.sourceAccount = f.source_account ?? ""; i.amount = f.amount ?? ""; i.purpose = f.purpose ?? ""
            _ = try await FundRepository(req.store).propose(actor, fundID: id, i, today: req.today)
        }
    }

    func close(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(MonthForm.self)
        return try await req.perform(back: SiteRoute.fund(id).path, success: Message("fund.closed")) {
            try await FundRepository(req.store).closeBooks(actor, fundID: id, month: f.month ?? "", today: req.today)
        }
    }

    func reverseReceipt(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(ReasonForm.self)
        return try await req.perform(back: SiteRoute.fundReceipt(id).path, success: Message("fund.receipt_reversed")) {
            try await FundRepository(req.store).reverseReceipt(actor, receiptID: id, reason: f.reason ?? "", today: req.today)
        }
    }

    /// A disbursement step, sent back to its fund's page.
    func step(_ req: Request, _ success: String, _ run: @escaping @Sendable (FundRepository, Actor, UUID, String) async throws -> Void) async throws
        -> Response
    {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(ReasonForm.self)
        let fund = try await FundRepository(req.store).disbursement(actor, id: id).fundID
        return try await req.perform(back: SiteRoute.fund(fund).path, success: Message(success)) {
            try await run(FundRepository(req.store), actor, id, f.reason ?? "")
        }
    }

    func approve(req: Request) async throws -> Response {
        try await step(req, "fund.approved") { repo, a, id, _ in try await repo.approve(a, disbursementID: id, today: req.today) }
    }
    func reject(req: Request) async throws -> Response {
        try await step(req, "fund.rejected") { repo, a, id, reason in try await repo.reject(a, disbursementID: id, reason: reason, today: req.today) }
    }
    func reverseDisbursement(req: Request) async throws -> Response {
        try await step(req, "fund.disbursement_reversed") { repo, a, id, reason in
            try await repo.reverseDisbursement(a, disbursementID: id, reason: reason, today: req.today)
        }
    }
}
