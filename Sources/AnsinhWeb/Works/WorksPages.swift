import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The works of the viewer's units by residential group, state and kind, the map of those with
/// coordinates, the export and the form of a proposal.
enum WorksPage: Page {
    struct Model: Sendable {
        let rows: [Work]
        let paging: Paging
        let group: String?
        let status: WorkLifecycle.State?
        let kind: WorkKind?
        /// The works on the map with their place in the picture (x, y) and their legend number.
        let map: [(number: Int, title: String, x: Double, y: Double)]
        let wards: [(code: String, name: String, groups: [(code: String, name: String)])]
        let canManage: Bool
        let form: WorksController.WorkForm
        let errors: [FieldError]
    }
    static let mapWidth = 480.0, mapHeight = 320.0

    /// The page's filters: `group` (a residential group's code), `status`, `kind`; empty is none.
    static func filters(_ req: Request) throws -> (String?, WorkLifecycle.State?, WorkKind?) {
        let group = req.query[String.self, at: "group"].flatMap { $0.isEmpty ? nil : String($0.prefix(50)) }
        return (group, try req.filterChoice("status", WorkLifecycle.State.self), try req.filterChoice("kind", WorkKind.self))
    }

    static func response(_ req: Request, form: WorksController.WorkForm, errors: [FieldError], status code: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        let actor = try req.requireActor()
        try actor.require(.viewWorks)
        let (group, status, kind) = try filters(req)
        let repo = WorksRepository(req.store)
        let page = try await repo.works(actor, groupCode: group, status: status, kind: kind, page: req.pageSpec)
        let mapped = try await repo.mapped(actor, groupCode: group)
        let places = MapPoint.layout(mapped.map(\.point), width: mapWidth, height: mapHeight, margin: 24)
        let model = Model(
            rows: page.items, paging: Paging(page), group: group, status: status, kind: kind,
            map: zip(mapped, places).enumerated().map { n, pair in (n + 1, pair.0.work.title, pair.1.x, pair.1.y) },
            wards: try await FeedbackRepository(req).wards(within: actor.scopePath), canManage: actor.role.can(.manageWorks), form: form, errors: errors)
        return HTMLResponse(render(PageContext(req), model), status: code).response()
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("works.title") }

    /// The works with coordinates as numbered circles, north up, in proportion; the legend
    /// below says the same in words.
    static func map(_ ctx: PageContext, _ m: Model) -> Body {
        guard !m.map.isEmpty else { return H.el(.p, [("class", "empty")], [.text(ctx.t("works.no_map"))]) }
        var marks: [Body] = [H.el(.rect, [("x", "0"), ("y", "0"), ("width", "\(Int(mapWidth))"), ("height", "\(Int(mapHeight))"), ("fill", "#f4f6f8")])]
        for p in m.map {
            let (x, y) = (String(format: "%.1f", p.x), String(format: "%.1f", p.y))
            marks.append(H.el(.circle, [("cx", x), ("cy", y), ("r", "11"), ("fill", "#1f4e79")]))
            marks.append(
                H.el(
                    .svgText, [("x", x), ("y", String(format: "%.1f", p.y + 4)), ("text-anchor", "middle"), ("font-size", "11"), ("fill", "#ffffff")],
                    [.text("\(p.number)")]))
        }
        return H.el(
            .section, [],
            [
                H.el(.h2, [], [.text(ctx.t("works.map"))]),
                H.el(
                    .svg,
                    [
                        ("role", "img"), ("aria-label", ctx.t("works.map_label", ["n": "\(m.map.count)"])),
                        ("viewBox", "0 0 \(Int(mapWidth)) \(Int(mapHeight))"), ("width", "\(Int(mapWidth))"), ("height", "\(Int(mapHeight))"),
                        ("class", "chart"),
                    ], marks),
                H.el(.ol, [("class", "legend")], m.map.map { H.el(.li, [], [.text($0.title)]) }),
            ])
    }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        var query: [(String, String)] = []
        if let g = m.group { query.append(("group", g)) }
        if let s = m.status { query.append(("status", s.rawValue)) }
        if let k = m.kind { query.append(("kind", k.rawValue)) }
        let groups = m.wards.flatMap { w in w.groups.map { ($0.code, w.name + " — " + $0.name) } }
        var out: [Body] = [
            H.el(.p, [("class", "lead")], [.text(ctx.t("works.intro"))]),
            H.form(
                ctx, action: SiteRoute.works.path, method: "get", classes: "filters",
                [
                    H.select(
                        ctx, name: "group", label: ctx.t("field.residential_group"), options: [("", ctx.t("livelihood.all"))] + groups, selected: m.group ?? ""),
                    H.select(
                        ctx, name: "status", label: ctx.t("works.status"),
                        options: [("", ctx.t("livelihood.all"))] + WorkLifecycle.State.allCases.map { ($0.rawValue, ctx.t("works.status.\($0.rawValue)")) },
                        selected: m.status?.rawValue ?? ""),
                    H.select(
                        ctx, name: "kind", label: ctx.t("works.kind"),
                        options: [("", ctx.t("livelihood.all"))] + WorkKind.allCases.map { ($0.rawValue, ctx.t("works.kind.\($0.rawValue)")) },
                        selected: m.kind?.rawValue ?? ""),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.el(
                .div, [("class", "actions")],
                [H.link(ctx.t("works.policy_houses"), SiteRoute.policyHouses.path, [("class", "btn btn-secondary")])]
                    + Spreadsheet.buttons(ctx, .worksExport, query: query)),
            H.table(
                caption: ctx.t("works.list"),
                headers: [
                    ctx.t("works.work"), ctx.t("field.residential_group"), ctx.t("works.kind"), ctx.t("works.estimate"), ctx.t("works.funded"),
                    ctx.t("works.status"),
                ],
                rows: m.rows.map { w in
                    [
                        H.link(w.title, SiteRoute.work(w.id).path), .text(w.groupName ?? w.wardName), .text(ctx.t("works.kind.\(w.kind.rawValue)")),
                        .text(ctx.money(Dong(w.estimate))), .text(ctx.money(Dong(w.budget + w.funds))),
                        .text(ctx.t("works.status.\(w.status.rawValue)") + (w.status == .inProgress ? " · \(w.percent)%" : "")),
                    ]
                }, empty: ctx.t("works.none")),
            H.pager(ctx, m.paging) { SiteRoute.works.path(query: query + [("page", String($0))]) },
            map(ctx, m),
        ]
        guard m.canManage else { return out }
        let f = m.form
        out.append(
            H.form(
                ctx, action: SiteRoute.works.path, classes: "card",
                [
                    H.el(.h2, [], [.text(ctx.t("works.new"))]),
                    H.errorSummary(ctx, m.errors),
                    H.select(
                        ctx, name: "unit", label: ctx.t("unitkind.commune"), options: m.wards.map { ($0.code, $0.name) }, selected: f.unit, errors: m.errors),
                    H.select(
                        ctx, name: "group", label: ctx.t("field.residential_group"), options: [("", "—")] + groups.map { ($0.0, $0.1) },
                        selected: f.group, errors: m.errors, id: "f-work-group"),
                    H.select(
                        ctx, name: "kind", label: ctx.t("works.kind"), options: WorkKind.allCases.map { ($0.rawValue, ctx.t("works.kind.\($0.rawValue)")) },
                        selected: f.kind, errors: m.errors, id: "f-work-kind"),
                    H.field(ctx, name: "title", label: ctx.t("works.work"), value: f.title ?? "", required: true, errors: m.errors),
                    H.field(
                        ctx, name: "location", label: ctx.t("works.location"), value: f.location ?? "", required: true, errors: m.errors,
                        hint: ctx.t("works.location_hint")),
                    H.field(
                        ctx, name: "coordinates", label: ctx.t("works.coordinates"), value: f.coordinates ?? "", errors: m.errors,
                        hint: ctx.t("works.coordinates_hint")),
                    FeedbackParts.textarea(ctx, name: "need", label: ctx.t("works.need"), value: f.need ?? "", errors: m.errors),
                    H.select(
                        ctx, name: "origin", label: ctx.t("works.origin"),
                        options: WorkOrigin.allCases.map { ($0.rawValue, ctx.t("works.origin.\($0.rawValue)")) }, selected: f.origin, errors: m.errors),
                    H.field(
                        ctx, name: "request_code", label: ctx.t("works.request_code"), value: f.request_code ?? "", errors: m.errors,
                        hint: ctx.t("works.request_code_hint")),
                    H.field(ctx, name: "estimate", label: ctx.t("works.estimate"), value: f.estimate ?? "", errors: m.errors),
                    // A gratitude-house repair: whose house, and how it stands.
                    H.field(
                        ctx, name: "household_code", label: ctx.t("field.household_code"), value: f.household_code ?? "", errors: m.errors,
                        hint: ctx.t("works.household_hint"), id: "f-work-household"),
                    H.select(
                        ctx, name: "house_condition", label: ctx.t("works.house_condition"),
                        options: [("", "—")] + HouseCondition.allCases.filter { $0 != .sound }.map { ($0.rawValue, ctx.t("works.condition.\($0.rawValue)")) },
                        selected: f.house_condition ?? "", errors: m.errors),
                    H.button(ctx.t("works.new")),
                ]))
        return out
    }
}
