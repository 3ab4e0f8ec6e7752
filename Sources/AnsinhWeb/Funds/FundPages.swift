import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// Shared pieces of the funds' pages.
enum FundParts {
    static func money(_ ctx: PageContext, _ v: Int64) -> Body { H.bdi(ctx.money(Dong(v))) }

    static func nav(_ ctx: PageContext) -> Body {
        H.el(
            .nav, [("class", "subnav"), ("aria-label", ctx.t("fund.title"))],
            [
                H.link(ctx.t("fund.title"), SiteRoute.funds.path), .text(" · "), H.link(ctx.t("fund.donors"), SiteRoute.donors.path), .text(" · "),
                H.link(ctx.t("fund.public_pages"), SiteRoute.publicFunds.path),
            ])
    }

    static func kinds(_ ctx: PageContext) -> [(String, String)] { DisbursementKind.allCases.map { ($0.rawValue, ctx.t("fund.kind.\($0.rawValue)")) } }
}

/// The funds of the actor's units with what each received, gave out and holds; the
/// disbursements waiting for the viewer's approval; the form for a new fund.
enum FundsPage: Page {
    struct Model: Sendable {
        let rows: [FundRow]
        /// Proposed disbursements the viewer may approve (someone else's), with their fund's name.
        let waiting: [(DisbursementRow, String)]
        let canCreate: Bool
        /// Units to choose from when the viewer's own is neither a ward nor a centre.
        let units: [(String, String)]
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let repo = FundRepository(req.store)
        let rows = try await repo.funds(actor)
        var waiting: [(DisbursementRow, String)] = []
        if actor.role.can(.approveDisbursements) {
            let names = Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0.name) })
            waiting = try await repo.disbursements(actor, fundID: nil, status: .proposed, page: PageSpec(page: 1, perPage: 100)).items
                .filter { $0.proposedByID != actor.userID }.map { ($0, names[$0.fundID] ?? "") }
        }
        let canCreate = actor.role.can(.manageFunds)
        let units = canCreate ? try await req.unitChoices(actor, kinds: [.commune, .centre]) : []
        return Model(rows: rows, waiting: waiting, canCreate: canCreate, units: units)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("fund.title") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let money = { (v: Int64) in FundParts.money(ctx, v) }
        var out: [Body] = [
            FundParts.nav(ctx),
            H.el(.p, [("class", "lead")], [.text(ctx.t("fund.intro"))]),
            H.table(
                caption: ctx.t("fund.title"),
                headers: [ctx.t("field.name"), ctx.t("field.unit"), ctx.t("field.kind"), ctx.t("fund.received"), ctx.t("fund.given_out"), ctx.t("fund.held")],
                rows: m.rows.map { f in
                    [
                        H.link(f.name, SiteRoute.fund(f.id).path), .text(f.unitName), .text(ctx.t("fund.type.\(f.kind.rawValue)")), money(f.received),
                        money(f.givenOut), money(f.held),
                    ]
                }, empty: ctx.t("fund.none")),
        ]
        if !m.waiting.isEmpty {
            out.append(H.el(.h2, [], [.text(ctx.t("fund.waiting"))]))
            out.append(
                H.table(
                    caption: ctx.t("fund.waiting"),
                    headers: [ctx.t("fund.number"), ctx.t("fund.fund"), ctx.t("field.kind"), ctx.t("field.amount"), ctx.t("fund.proposed_by")],
                    rows: m.waiting.map { d, fund in
                        [
                            H.link(d.number, SiteRoute.fund(d.fundID).path), .text(fund), .text(ctx.t("fund.kind.\(d.kind.rawValue)")), money(d.amount),
                            .text(d.proposedBy),
                        ]
                    }, empty: ""))
        }
        guard m.canCreate else { return out }
        out.append(
            H.form(
                ctx, action: SiteRoute.funds.path, classes: "card",
                [
                    H.el(.h2, [], [.text(ctx.t("fund.new"))]),
                    m.units.isEmpty ? .empty : H.select(ctx, name: "unit_id", label: ctx.t("field.unit"), options: m.units, selected: nil),
                    H.field(ctx, name: "name", label: ctx.t("field.name"), required: true),
                    H.select(
                        ctx, name: "kind", label: ctx.t("field.kind"), options: FundKind.allCases.map { ($0.rawValue, ctx.t("fund.type.\($0.rawValue)")) },
                        selected: nil),
                    H.field(ctx, name: "purpose", label: ctx.t("field.purpose"), required: true, hint: ctx.t("fund.purpose_hint")),
                    H.checkboxes(legend: ctx.t("fund.allowed_kinds"), name: "allowed_kinds", idPrefix: "allowed", options: FundParts.kinds(ctx)),
                    RegistryFields.checkbox(ctx, name: "is_public", label: ctx.t("fund.is_public"), checked: true),
                    H.button(ctx.t("fund.new")),
                ]))
        return out
    }
}
