import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The one-off register of the user's communes (Decree 20/2021 Art. 11–15): filtered by kind,
/// state and year, with the year's totals by kind and its export.
enum OneOffListPage: Page {
    struct Model: Sendable {
        let rows: [OneOffRecord]
        let paging: Paging
        let kind: OneOffKind?
        let status: OneOffLifecycle.State?
        let year: Int
        let yearAsked: Int?
        let personID: UUID?
        let totals: [(kind: OneOffKind, count: Int, amount: Int64, kilograms: Int)]
    }

    static func filter(_ req: Request) throws -> (OneOffFilter, Int) {
        // One person's decisions are shown whatever the year unless a year is asked for.
        let asked = try req.queryInt("year", in: Bounds.year)
        let person = try req.queryUUID("person_id")
        let f = OneOffFilter(
            kind: try req.queryChoice("kind", OneOffKind.self), status: try req.queryChoice("status", OneOffLifecycle.State.self),
            year: asked ?? (person == nil ? req.today.year : nil), personID: person)
        return (f, asked ?? req.today.year)
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let (f, year) = try filter(req)
        let repo = OneOffRepository(req.store)
        let page = try await repo.list(actor, filter: f, page: req.pageSpec)
        return Model(
            rows: page.items, paging: Paging(page), kind: f.kind, status: f.status, year: year, yearAsked: f.year, personID: f.personID,
            totals: try await repo.totals(actor, year: year))
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("one_off.title") }

    static func query(_ m: Model) -> [(String, String?)] {
        [("year", m.personID != nil && m.yearAsked == nil ? nil : String(m.year))] + (m.kind.map { [("kind", $0.rawValue)] } ?? [])
            + (m.status.map { [("status", $0.rawValue)] } ?? [])
            + (m.personID.map { [("person_id", $0.uuidString)] } ?? [])
    }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            AllowanceParts.nav(ctx),
            H.el(.p, [("class", "lead")], [.text(ctx.t("one_off.intro"))]),
            H.form(
                ctx, action: SiteRoute.oneOff.path, method: "get", classes: "filters",
                [
                    H.select(ctx, name: "kind", label: ctx.t("one_off.kind"), options: OneOffParts.kinds(ctx), selected: m.kind?.rawValue, includeBlank: true),
                    H.select(
                        ctx, name: "status", label: ctx.t("field.state"),
                        options: OneOffLifecycle.State.allCases.map { ($0.rawValue, ctx.t("one_off.status.\($0.rawValue)")) }, selected: m.status?.rawValue,
                        includeBlank: true),
                    H.field(ctx, name: "year", label: ctx.t("field.year"), value: String(m.year), type: "number"),
                    m.personID.map { H.hidden("person_id", $0.uuidString) } ?? .empty,
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.table(
                caption: ctx.t("one_off.totals", ["year": String(m.year)]),
                headers: [ctx.t("one_off.kind"), ctx.t("one_off.count"), ctx.t("allowance.amount"), ctx.t("one_off.rice")],
                rows: m.totals.map { t in
                    [
                        .text(ctx.t("one_off.kind.\(t.kind.rawValue)")), .text(ctx.number(t.count)), .text(ctx.money(Dong(t.amount))),
                        .text(t.kilograms == 0 ? "—" : ctx.t("one_off.kilograms", ["kg": ctx.number(t.kilograms)])),
                    ]
                }, empty: ctx.t("one_off.no_totals")),
            H.el(.div, [("class", "actions")], Spreadsheet.buttons(ctx, .oneOffExport, query: query(m))),
            H.table(
                caption: ctx.t("one_off.register"),
                headers: [
                    ctx.t("decision.number"), ctx.t("decision.signed_date"), ctx.t("one_off.kind"), ctx.t("field.full_name"), ctx.t("field.commune"),
                    ctx.t("allowance.amount"), ctx.t("field.state"),
                ],
                rows: m.rows.map { r in
                    [
                        H.link(r.number, SiteRoute.oneOffItem(r.id).path), H.bdi(r.signedDate), .text(ctx.t("one_off.kind.\(r.kind.rawValue)")),
                        .text(r.personName + (r.householdCode.map { " (\($0))" } ?? "")), .text(r.communeName), .text(OneOffParts.amount(ctx, r)),
                        .text(OneOffParts.state(ctx, r)),
                    ]
                }, empty: ctx.t("one_off.none")),
            H.pager(ctx, m.paging) { SiteRoute.oneOff.path(query: query(m) + [("page", String($0))]) },
            H.el(.p, [("class", "hint")], [.text(ctx.t("one_off.how_to"))]),
        ]
    }
}

/// Pieces the one-off pages share.
enum OneOffParts {
    static func kinds(_ ctx: PageContext) -> [(String, String)] { OneOffKind.allCases.map { ($0.rawValue, ctx.t("one_off.kind.\($0.rawValue)")) } }

    static func amount(_ ctx: PageContext, _ r: OneOffRecord) -> String {
        r.kilograms.map { ctx.t("one_off.kilograms", ["kg": ctx.number($0)]) } ?? ctx.money(Dong(r.amount))
    }

    /// The decision's state, and where its payment stands once a cycle issued it.
    static func state(_ ctx: PageContext, _ r: OneOffRecord) -> String {
        var s = ctx.t("one_off.status.\(r.status.rawValue)")
        if r.status == .decided {
            if let month = r.cycleMonth, let line = r.lineStatus {
                s += " — " + ctx.t("one_off.in_cycle", ["month": month, "status": ctx.t("payroll.line.\(line.rawValue)")])
            } else {
                s += " — " + ctx.t("one_off.awaiting_cycle")
            }
        }
        return s
    }
}
