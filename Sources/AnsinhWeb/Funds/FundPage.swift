import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// One fund: its figures and balances by account and earmark, whether its books balance, the
/// gifts received, the disbursements (with approve and reject for the checker), and the forms
/// to record a gift, propose a disbursement and close a month.
enum FundPage: Page {
    struct Model: Sendable {
        let fund: FundRecord
        let receipts: [ReceiptRow]
        let receiptPaging: Paging
        let disbursements: [DisbursementRow]
        let donors: [(String, String)]
        /// The form's value ("kind:id"), the kind and how the unit knows them.
        let beneficiaries: [(String, BeneficiaryKind, String)]
        let canManage: Bool
        let canApprove: Bool
        let viewerID: UUID?
        let today: LocalDate
        /// The donors' pledges, newest first, with what came against each.
        var pledges: [PledgeRow] = []
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor(), id = try req.idParameter()
        let repo = FundRepository(req.store)
        let fund = try await repo.fund(actor, id: id)
        let receipts = try await repo.receipts(actor, fundID: id, page: req.pageSpec)
        let disbursements = try await repo.disbursements(actor, fundID: id, status: nil, page: PageSpec(page: 1, perPage: 200)).items
        let canManage = actor.role.can(.manageFunds)
        var donors: [(String, String)] = [], beneficiaries: [(String, BeneficiaryKind, String)] = []
        if canManage {
            donors = try await repo.donors(actor, query: nil, page: PageSpec(page: 1, perPage: 200)).items.map { ($0.id.uuidString, $0.name) }
            beneficiaries = try await repo.beneficiaryOptions(actor).map { ("\($0.kind.rawValue):\($0.id.uuidString)", $0.kind, $0.label) }
        }
        return Model(
            fund: fund, receipts: receipts.items, receiptPaging: Paging(receipts), disbursements: disbursements, donors: donors,
            beneficiaries: beneficiaries, canManage: canManage, canApprove: actor.role.can(.approveDisbursements), viewerID: actor.userID, today: req.today,
            pledges: try await repo.pledges(actor, fundID: id, today: req.today))
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { m.fund.row.name }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let f = m.fund.row
        let money = { (v: Int64) in FundParts.money(ctx, v) }
        let balances = m.fund.balances.filter { $0.key.account.isAsset && $0.value != 0 }.sorted {
            ($0.key.account.rawValue, $0.key.earmark?.rawValue ?? "") < ($1.key.account.rawValue, $1.key.earmark?.rawValue ?? "")
        }
        var out: [Body] = [
            FundParts.nav(ctx),
            H.dl([
                (ctx.t("field.unit"), .text(f.unitName)), (ctx.t("field.kind"), .text(ctx.t("fund.type.\(f.kind.rawValue)"))),
                (ctx.t("field.purpose"), .text(f.purpose)),
                (ctx.t("fund.allowed_kinds"), .text(f.allowed.map { ctx.t("fund.kind.\($0.rawValue)") }.joined(separator: ", "))),
                (ctx.t("fund.received"), money(f.received)), (ctx.t("fund.given_out"), money(f.givenOut)), (ctx.t("fund.held"), money(f.held)),
                (ctx.t("fund.books"), .text(ctx.t(m.fund.booksBalance ? "fund.books_balance" : "fund.books_unbalanced"))),
                (ctx.t("fund.closed_through"), .text(f.closedThrough?.iso ?? ctx.t("fund.none_closed"))),
            ]),
            H.el(
                .p, [],
                [
                    H.link(ctx.t("fund.ledger"), SiteRoute.fundLedger(f.id).path), .text(" · "),
                    H.link(ctx.t("fund.donor_report"), SiteRoute.fundDonorReport(f.id).path), .text(" · "),
                    f.isPublic ? H.link(ctx.t("fund.public_page"), SiteRoute.publicFund(f.id).path) : .text(ctx.t("fund.not_public")),
                ]),
            H.table(
                caption: ctx.t("fund.balances"), headers: [ctx.t("fund.account"), ctx.t("fund.earmark"), ctx.t("fund.balance")],
                rows: balances.map { [.text(ctx.t("fund.account.\($0.key.account.rawValue)")), .text(earmark(ctx, $0.key.earmark)), money($0.value)] },
                empty: ctx.t("fund.empty")),
            H.el(.h2, [], [.text(ctx.t("fund.receipts"))]),
            H.table(
                caption: ctx.t("fund.receipts"),
                headers: [
                    ctx.t("fund.number"), ctx.t("field.date"), ctx.t("fund.donor"), ctx.t("fund.method"), ctx.t("fund.earmark"), ctx.t("field.amount"),
                    ctx.t("field.state"),
                ],
                rows: m.receipts.map { r in
                    [
                        H.link(r.number, SiteRoute.fundReceipt(r.id).path), .text(ctx.date(r.receivedOn)), .text(r.donorName ?? ctx.t("fund.no_donor")),
                        .text(ctx.t("fund.method.\(r.method.rawValue)")), .text(earmark(ctx, r.earmark)), money(r.amount),
                        .text(ctx.t("fund.receipt.\(r.status.rawValue)")),
                    ]
                }, empty: ctx.t("fund.no_receipts")),
            H.pager(ctx, m.receiptPaging) { SiteRoute.fund(f.id).path(query: [("page", String($0))]) },
            PledgeParts.list(ctx, m.pledges, canManage: m.canManage),
            H.el(.h2, [], [.text(ctx.t("fund.disbursements"))]),
            H.table(
                caption: ctx.t("fund.disbursements"),
                headers: [
                    ctx.t("fund.number"), ctx.t("field.kind"), ctx.t("fund.beneficiary"), ctx.t("field.purpose"), ctx.t("field.amount"),
                    ctx.t("fund.proposed_by"), ctx.t("field.state"), ctx.t("common.actions"),
                ],
                rows: m.disbursements.map { d in
                    [
                        .text(d.number), .text(ctx.t("fund.kind.\(d.kind.rawValue)")),
                        .text(ctx.t("fund.beneficiary.\(d.beneficiaryKind.rawValue)") + ": " + d.beneficiaryLabel), .text(d.purpose), money(d.amount),
                        .text(d.proposedBy + " · " + ctx.date(d.proposedOn)),
                        .text(ctx.t("fund.status.\(d.status.rawValue)") + (d.reason.map { " — " + $0 } ?? "")), actions(ctx, m, d),
                    ]
                }, empty: ctx.t("fund.no_disbursements")),
        ]
        guard m.canManage else { return out }
        out.append(receiptForm(ctx, m))
        out.append(PledgeParts.form(ctx, fundID: f.id, donors: m.donors, today: m.today))
        // The fund's name, purpose and rules, changed (its kind, unit and books stay).
        out.append(
            H.el(
                .details, [("class", "card")],
                [
                    H.el(.summary, [], [.text(ctx.t("fund.edit"))]),
                    H.form(
                        ctx, action: SiteRoute.fund(f.id).path,
                        [
                            H.field(ctx, name: "name", label: ctx.t("field.name"), value: f.name, required: true, id: "fund-name"),
                            H.field(
                                ctx, name: "purpose", label: ctx.t("field.purpose"), value: f.purpose, required: true, hint: ctx.t("fund.purpose_hint"),
                                id: "fund-purpose"),
                            H.checkboxes(
                                legend: ctx.t("fund.allowed_kinds"), name: "allowed_kinds", idPrefix: "rules", options: FundParts.kinds(ctx),
                                checked: Set(f.allowed.map(\.rawValue))),
                            RegistryFields.checkbox(ctx, name: "is_public", label: ctx.t("fund.is_public"), checked: f.isPublic, id: "fund-public"),
                            H.el(.p, [("class", "hint")], [.text(ctx.t("fund.edit_hint"))]),
                            H.button(ctx.t("common.save"), kind: "secondary"),
                        ]),
                ]))
        out.append(
            H.form(
                ctx, action: SiteRoute.fundDisbursements(f.id).path, classes: "card",
                [
                    H.el(.h2, [], [.text(ctx.t("fund.propose"))]),
                    H.el(.p, [("class", "hint")], [.text(ctx.t("fund.propose_hint"))]),
                    H.select(
                        ctx, name: "beneficiary", label: ctx.t("fund.beneficiary"),
                        options: m.beneficiaries.map { ($0.0, ctx.t("fund.beneficiary.\($0.1.rawValue)") + ": " + $0.2) },
                        selected: nil, includeBlank: true),
                    H.select(
                        ctx, name: "kind", label: ctx.t("field.kind"), options: f.allowed.map { ($0.rawValue, ctx.t("fund.kind.\($0.rawValue)")) },
                        selected: nil, id: "d-kind"),
                    H.select(ctx, name: "source_account", label: ctx.t("fund.source_account"), options: accounts(ctx), selected: nil),
                    H.field(ctx, name: "amount", label: ctx.t("field.amount"), type: "number", required: true, id: "d-amount"),
                    H.field(ctx, name: "purpose", label: ctx.t("field.purpose"), required: true, id: "d-purpose"),
                    H.button(ctx.t("fund.propose")),
                ]))
        out.append(
            H.form(
                ctx, action: SiteRoute.fundClose(f.id).path, classes: "card",
                [
                    H.el(.h2, [], [.text(ctx.t("fund.close"))]),
                    H.field(
                        ctx, name: "month", label: ctx.t("field.month"), value: m.today.yearMonth.adding(months: -1).iso, type: "month", required: true,
                        hint: ctx.t("fund.close_hint"), id: "close-month"),
                    H.button(ctx.t("fund.close"), kind: "secondary"),
                ]))
        out.append(
            H.table(
                caption: ctx.t("fund.closings"), headers: [ctx.t("field.month"), ctx.t("fund.held"), ctx.t("fund.closed_by")],
                rows: m.fund.closings.map { [.text($0.month.iso), money($0.held), .text($0.closedBy)] }, empty: ctx.t("fund.none_closed")))
        return out
    }

    static func earmark(_ ctx: PageContext, _ k: DisbursementKind?) -> String { k.map { ctx.t("fund.kind.\($0.rawValue)") } ?? ctx.t("fund.unrestricted") }

    static func accounts(_ ctx: PageContext) -> [(String, String)] {
        LedgerAccount.allCases.filter(\.isAsset).map { ($0.rawValue, ctx.t("fund.account.\($0.rawValue)")) }
    }

    /// Approve and reject for a checker who did not propose it; reverse once approved.
    static func actions(_ ctx: PageContext, _ m: Model, _ d: DisbursementRow) -> Body {
        guard m.canApprove else { return .empty }
        let key = d.id.uuidString.prefix(8)
        switch d.status {
        case .proposed where d.proposedByID != m.viewerID:
            return H.el(
                .div, [],
                [
                    H.form(ctx, action: SiteRoute.disbursementApprove(d.id).path, [H.button(ctx.t("fund.approve"))]),
                    H.form(
                        ctx, action: SiteRoute.disbursementReject(d.id).path,
                        [
                            H.field(ctx, name: "reason", label: ctx.t("field.reason"), required: true, id: "reject-\(key)"),
                            H.button(ctx.t("fund.reject"), kind: "secondary"),
                        ]),
                ])
        case .approved:
            return H.form(
                ctx, action: SiteRoute.disbursementReverse(d.id).path,
                [
                    H.field(ctx, name: "reason", label: ctx.t("field.reason"), required: true, id: "reverse-\(key)"),
                    H.button(ctx.t("fund.reverse"), kind: "secondary"),
                ])
        default: return .empty
        }
    }

    static func receiptForm(_ ctx: PageContext, _ m: Model) -> Body {
        let f = m.fund.row
        var items: [Body] = []
        for n in 1...3 {
            items.append(
                H.el(
                    .div, [("class", "row")],
                    [
                        H.field(ctx, name: "item_description[]", label: ctx.t("fund.item", ["n": "\(n)"]), id: "item-\(n)"),
                        H.field(ctx, name: "item_quantity[]", label: ctx.t("fund.quantity"), type: "number", id: "item-\(n)-qty"),
                        H.field(ctx, name: "item_unit[]", label: ctx.t("fund.unit_label"), id: "item-\(n)-unit"),
                        H.field(ctx, name: "item_value[]", label: ctx.t("fund.unit_value"), type: "number", id: "item-\(n)-value"),
                    ]))
        }
        return H.form(
            ctx, action: SiteRoute.fundReceipts(f.id).path, classes: "card",
            [
                H.el(.h2, [], [.text(ctx.t("fund.receive"))]),
                H.select(ctx, name: "donor_id", label: ctx.t("fund.donor"), options: m.donors, selected: nil, includeBlank: true),
                PledgeParts.awaited(ctx, m.pledges),
                H.field(ctx, name: "received_on", label: ctx.t("field.date"), value: m.today.iso, type: "date", required: true),
                H.select(
                    ctx, name: "method", label: ctx.t("fund.method"),
                    options: ReceiptMethod.allCases.map { ($0.rawValue, ctx.t("fund.method.\($0.rawValue)")) },
                    selected: nil),
                H.field(ctx, name: "amount", label: ctx.t("field.amount"), type: "number", hint: ctx.t("fund.amount_hint")),
                H.select(
                    ctx, name: "earmark", label: ctx.t("fund.earmark"), options: f.allowed.map { ($0.rawValue, ctx.t("fund.kind.\($0.rawValue)")) },
                    selected: nil, includeBlank: true),
                H.field(ctx, name: "reference", label: ctx.t("fund.reference")),
                H.field(ctx, name: "note", label: ctx.t("field.note")),
                H.el(.fieldset, [], [H.el(.legend, [], [.text(ctx.t("fund.items"))])] + items),
                H.button(ctx.t("fund.receive")),
            ])
    }
}
