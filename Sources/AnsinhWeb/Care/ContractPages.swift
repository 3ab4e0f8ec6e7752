import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// Fee-paying care: the contracts with what each owes, the price list, and the forms to add a
/// price, sign a contract and invoice a month for every contract.
enum ContractsPage: Page {
    struct Model: Sendable {
        let rows: [ContractRow]
        let status: ContractLifecycle.State?
        let paging: Paging
        let prices: [PriceRow]
        /// Residents admitted on the contract basis without an active contract.
        let residents: [(String, String)]
        let centres: [(String, String)]
        let canCreate: Bool
        let canInvoice: Bool
        let today: LocalDate
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let status = try req.queryChoice("status", ContractLifecycle.State.self)
        let repo = CareRepository(req.store)
        let page = try await repo.contracts(actor, status: status, page: req.pageSpec)
        let canCreate = actor.role.can(.admitResidents)
        var residents: [(String, String)] = []
        var centres: [(String, String)] = []
        if canCreate {
            residents = try await repo.contractCandidates(actor).map { ($0.id.uuidString, $0.name) }
            let all = try await UnitRepository(req.store).all(actor, kinds: [.centre])
            centres = all.contains { $0.id == actor.unitID } ? [] : all.map { ($0.id.uuidString, $0.name) }
        }
        return Model(
            rows: page.items, status: status, paging: Paging(page), prices: try await repo.prices(actor), residents: residents, centres: centres,
            canCreate: canCreate, canInvoice: actor.role.can(.manageCare), today: req.today)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("contract.title") }

    static func money(_ ctx: PageContext, _ v: Int64) -> Body { H.bdi(ctx.money(Dong(v))) }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        var out: [Body] = [
            CareParts.nav(ctx),
            H.el(.p, [("class", "lead")], [.text(ctx.t("contract.intro"))]),
            H.form(
                ctx, action: SiteRoute.careContracts.path, method: "get", classes: "filters",
                [
                    H.select(
                        ctx, name: "status", label: ctx.t("field.state"),
                        options: ContractLifecycle.State.allCases.map { ($0.rawValue, ctx.t("contract.status.\($0.rawValue)")) }, selected: m.status?.rawValue,
                        includeBlank: true),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.table(
                caption: ctx.t("contract.title"),
                headers: [
                    ctx.t("contract.number"), ctx.t("field.full_name"), ctx.t("field.payer_name"), ctx.t("field.term"), ctx.t("care.from"),
                    ctx.t("field.state"), ctx.t("contract.invoiced"), ctx.t("contract.paid"), ctx.t("contract.arrears"),
                ],
                rows: m.rows.map { c in
                    [
                        H.link(c.number, SiteRoute.careContract(c.id).path), .text(c.residentName), .text(c.payerName),
                        .text(ctx.t("contract.term.\(c.term.rawValue)")),
                        .text(ctx.date(c.startsOn) + (c.endsOn.map { " – " + ctx.date($0) } ?? "")), .text(ctx.t("contract.status.\(c.status.rawValue)")),
                        money(ctx, c.invoiced), money(ctx, c.paid), money(ctx, c.arrears),
                    ]
                }, empty: ctx.t("contract.none")),
            H.pager(ctx, m.paging) { SiteRoute.careContracts.path(query: [("page", String($0)), ("status", m.status?.rawValue)]) },
            H.el(.h2, [], [.text(ctx.t("contract.prices"))]),
            H.table(
                caption: ctx.t("contract.prices"),
                headers: [ctx.t("field.room_type"), ctx.t("field.term"), ctx.t("field.monthly"), ctx.t("field.vat_percent"), ctx.t("field.effective_from")],
                rows: m.prices.map { p in
                    [
                        .text(ctx.t("contract.room.\(p.roomType.rawValue)")), .text(ctx.t("contract.term.\(p.term.rawValue)")), money(ctx, p.price.monthly),
                        H.bdi("\(p.price.vatBasisPoints / 100) %"), .text(ctx.date(p.price.from)),
                    ]
                }, empty: ctx.t("contract.no_prices")),
        ]
        if m.canInvoice {
            out.append(
                H.form(
                    ctx, action: SiteRoute.careInvoicesRun.path, classes: "card",
                    [
                        H.el(.h2, [], [.text(ctx.t("contract.invoice_month"))]),
                        H.field(
                            ctx, name: "month", label: ctx.t("field.month"), value: m.today.yearMonth.iso, type: "month", required: true,
                            hint: ctx.t("contract.invoice_month_hint"), id: "run-month"),
                        H.button(ctx.t("contract.invoice_month")),
                    ]))
        }
        guard m.canCreate else { return out }
        let centre: Body = m.centres.isEmpty ? .empty : H.select(ctx, name: "unit_id", label: ctx.t("unitkind.centre"), options: m.centres, selected: nil)
        out.append(
            H.form(
                ctx, action: SiteRoute.carePrices.path, classes: "card",
                [
                    H.el(.h2, [], [.text(ctx.t("contract.add_price"))]), centre,
                    H.select(ctx, name: "room_type", label: ctx.t("field.room_type"), options: rooms(ctx), selected: nil, id: "price-room"),
                    H.select(ctx, name: "term", label: ctx.t("field.term"), options: terms(ctx), selected: nil, id: "price-term"),
                    H.field(ctx, name: "monthly", label: ctx.t("field.monthly"), type: "number", required: true),
                    H.field(ctx, name: "vat_percent", label: ctx.t("field.vat_percent"), value: "0", type: "number", hint: ctx.t("contract.vat_hint")),
                    H.field(ctx, name: "effective_from", label: ctx.t("field.effective_from"), value: m.today.iso, type: "date", required: true),
                    H.button(ctx.t("contract.add_price")),
                ]))
        out.append(
            H.form(
                ctx, action: SiteRoute.careContracts.path, classes: "card",
                [
                    H.el(.h2, [], [.text(ctx.t("contract.new"))]),
                    m.residents.isEmpty ? H.el(.p, [("class", "hint")], [.text(ctx.t("contract.no_residents"))]) : .empty,
                    H.select(ctx, name: "resident_id", label: ctx.t("field.resident_id"), options: m.residents, selected: nil),
                    H.field(ctx, name: "payer_name", label: ctx.t("field.payer_name"), required: true),
                    H.field(ctx, name: "payer_relation", label: ctx.t("field.payer_relation"), required: true),
                    H.field(ctx, name: "payer_phone", label: ctx.t("field.payer_phone"), type: "tel", required: true),
                    H.field(ctx, name: "payer_address", label: ctx.t("field.payer_address"), required: true),
                    H.select(ctx, name: "term", label: ctx.t("field.term"), options: terms(ctx), selected: nil, id: "contract-term"),
                    H.select(ctx, name: "room_type", label: ctx.t("field.room_type"), options: rooms(ctx), selected: nil, id: "contract-room"),
                    H.field(ctx, name: "starts_on", label: ctx.t("field.starts_on"), value: m.today.iso, type: "date", required: true),
                    H.field(ctx, name: "ends_on", label: ctx.t("field.ends_on"), type: "date", hint: ctx.t("contract.ends_hint"), id: "contract-ends"),
                    H.field(ctx, name: "services", label: ctx.t("field.services"), required: true, hint: ctx.t("contract.services_hint")),
                    H.field(ctx, name: "extras_monthly", label: ctx.t("field.extras_monthly"), value: "0", type: "number"),
                    H.field(ctx, name: "extras_note", label: ctx.t("field.extras_note")),
                    H.button(ctx.t("contract.sign")),
                ]))
        return out
    }

    static func rooms(_ ctx: PageContext) -> [(String, String)] { RoomType.allCases.map { ($0.rawValue, ctx.t("contract.room.\($0.rawValue)")) } }
    static func terms(_ ctx: PageContext) -> [(String, String)] { ContractTerm.allCases.map { ($0.rawValue, ctx.t("contract.term.\($0.rawValue)")) } }
}

/// One contract: the family, the terms, invoices and payments with what is owed, and the
/// forms to invoice a month, record a payment and end the contract.
enum ContractPage: Page {
    struct Model: Sendable {
        let contract: ContractRecord
        let today: LocalDate
        let canInvoice: Bool
        let canEnd: Bool
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let c = try await CareRepository(req.store).contract(actor, id: try req.idParameter())
        return Model(
            contract: c, today: req.today, canInvoice: actor.role.can(.manageCare),
            canEnd: c.row.status == .active && actor.role.can(ContractLifecycle.rule(.end).permission))
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("contract.one", ["number": m.contract.row.number]) }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let c = m.contract, r = c.row
        let money = { ContractsPage.money(ctx, $0) }
        var out: [Body] = [
            CareParts.nav(ctx),
            H.dl([
                (ctx.t("field.full_name"), H.link(r.residentName, SiteRoute.careResident(r.residentID).path)),
                (ctx.t("field.payer_name"), .text("\(r.payerName) (\(c.payerRelation)) — \(c.payerPhone)")),
                (ctx.t("field.payer_address"), .text(c.payerAddress)),
                (ctx.t("field.term"), .text(ctx.t("contract.term.\(r.term.rawValue)") + " — " + ctx.t("contract.room.\(r.roomType.rawValue)"))),
                (ctx.t("care.from"), .text(ctx.date(r.startsOn) + (r.endsOn.map { " – " + ctx.date($0) } ?? ""))),
                (ctx.t("field.monthly"), c.price.map { money($0.monthly) } ?? .text("—")),
                (ctx.t("field.services"), .text(c.services)),
                (ctx.t("field.extras_monthly"), .text(ctx.money(Dong(c.extrasMonthly)) + (c.extrasNote.map { " — " + $0 } ?? ""))),
                (ctx.t("field.state"), .text(ctx.t("contract.status.\(r.status.rawValue)"))),
                (ctx.t("contract.arrears"), money(r.arrears)),
            ]),
            H.el(.p, [], [H.link(ctx.t("contract.print"), SiteRoute.careContractPrint(r.id).path, [("class", "btn btn-secondary")])]),
            H.el(.h2, [], [.text(ctx.t("contract.invoices"))]),
            H.table(
                caption: ctx.t("contract.invoices"),
                headers: [
                    ctx.t("contract.number"), ctx.t("field.month"), ctx.t("contract.days"), ctx.t("contract.base"), ctx.t("field.extras_monthly"),
                    ctx.t("contract.vat"), ctx.t("contract.total"),
                ],
                rows: c.invoices.map { i in
                    [
                        H.link(i.number, SiteRoute.careInvoicePrint(i.id).path), H.bdi(i.month.iso), .text(ctx.number(i.amounts.days)), money(i.amounts.base),
                        money(i.amounts.extras), money(i.amounts.vat), money(i.amounts.total),
                    ]
                }, empty: ctx.t("contract.no_invoices")),
            H.el(.h2, [], [.text(ctx.t("contract.payments"))]),
            H.table(
                caption: ctx.t("contract.payments"),
                headers: [ctx.t("field.paid_on"), ctx.t("field.amount"), ctx.t("field.method"), ctx.t("field.reference"), ctx.t("care.by")],
                rows: c.payments.map { p in
                    [
                        .text(ctx.date(p.paidOn)), money(p.amount), .text(ctx.t("contract.method.\(p.method.rawValue)")), .text(p.reference ?? ""),
                        .text(p.receivedBy),
                    ]
                }, empty: ctx.t("contract.no_payments")),
        ]
        if m.canInvoice {
            out.append(
                H.form(
                    ctx, action: SiteRoute.careContractInvoices(r.id).path, classes: "card",
                    [
                        H.el(.h3, [], [.text(ctx.t("contract.issue_invoice"))]),
                        H.field(ctx, name: "month", label: ctx.t("field.month"), value: m.today.yearMonth.iso, type: "month", required: true),
                        H.button(ctx.t("contract.issue_invoice")),
                    ]))
            out.append(
                H.form(
                    ctx, action: SiteRoute.careContractPayments(r.id).path, classes: "card",
                    [
                        H.el(.h3, [], [.text(ctx.t("contract.record_payment"))]),
                        H.field(ctx, name: "amount", label: ctx.t("field.amount"), type: "number", required: true),
                        H.field(ctx, name: "paid_on", label: ctx.t("field.paid_on"), value: m.today.iso, type: "date", required: true),
                        H.select(
                            ctx, name: "method", label: ctx.t("field.method"),
                            options: PaymentMethod.allCases.map { ($0.rawValue, ctx.t("contract.method.\($0.rawValue)")) }, selected: nil),
                        H.field(ctx, name: "reference", label: ctx.t("field.reference")),
                        H.button(ctx.t("contract.record_payment")),
                    ]))
        }
        if m.canEnd {
            out.append(
                H.form(
                    ctx, action: SiteRoute.careContractEnd(r.id).path, classes: "card",
                    [
                        H.el(.h3, [], [.text(ctx.t("contract.end"))]),
                        H.field(ctx, name: "ends_on", label: ctx.t("field.ends_on"), value: m.today.iso, type: "date", required: true),
                        H.button(ctx.t("contract.end"), kind: "secondary"),
                    ]))
        }
        return out
    }
}
