import AnsinhCore
import AnsinhStore
import Plot
import Vapor

enum UnitsPage {
    static func list(_ ctx: PageContext, page: ResultPage<UnitView>, query: String?, kind: UnitKind?) -> String {
        let actor = ctx.actor!
        let rows: [[Body]] = page.items.map { u in
            [
                H.el(.span, [("class", "indent-\(min(u.depth, 4))")], [H.link(u.name, SiteRoute.unit(u.id).path)]),
                H.bdi(u.code), .text(ctx.t("unitkind.\(u.kind.rawValue)")),
            ]
        }
        let kinds = UnitKind.allCases.map { ($0.rawValue, ctx.t("unitkind.\($0.rawValue)")) }
        return Layout.render(
            ctx, title: ctx.t("units.title"),
            [
                H.form(
                    ctx, action: SiteRoute.units.path, method: "get", classes: "filters",
                    [
                        H.field(
                            ctx, name: "q", label: ctx.t("common.search"), value: query ?? "", type: "search",
                            hint: ctx.t("units.search_hint")),
                        H.select(ctx, name: "kind", label: ctx.t("field.kind"), options: kinds, selected: kind?.rawValue, includeBlank: true),
                        H.button(ctx.t("common.filter"), kind: "secondary"),
                    ]),
                actor.role.can(.manageUnits) && !actor.role.creatableUnitKinds.isEmpty
                    ? H.link(ctx.t("units.new"), SiteRoute.unitNew.path, [("class", "btn btn-primary")]) : .empty,
                H.table(
                    caption: ctx.t("units.title"), headers: [ctx.t("field.name"), ctx.t("field.code"), ctx.t("field.kind")],
                    rows: rows, empty: ctx.t("units.empty")),
                H.pager(ctx, page: page.page, pageCount: page.pageCount, total: page.total) { p in
                    SiteRoute.units.path(query: [("q", query), ("kind", kind?.rawValue), ("page", String(p))])
                },
            ])
    }

    static func form(_ ctx: PageContext, input: UnitInput, parents: [UnitView], editing: UnitView?, errors: [FieldError]) -> String {
        let actor = ctx.actor!
        let title = editing == nil ? ctx.t("units.new") : ctx.t("units.edit", ["name": editing!.name])
        var fields: [Body] = [H.errorSummary(ctx, errors)]
        if editing == nil {
            fields.append(
                H.select(
                    ctx, name: "parent_id", label: ctx.t("field.parent_id"),
                    options: parents.map { ($0.id.uuidString, String(repeating: "· ", count: $0.depth) + $0.name) },
                    selected: input.parentID?.uuidString, errors: errors, includeBlank: true))
            fields.append(
                H.select(
                    ctx, name: "kind", label: ctx.t("field.kind"),
                    options: UnitKind.allCases.filter { actor.role.creatableUnitKinds.contains($0) }
                        .map { ($0.rawValue, ctx.t("unitkind.\($0.rawValue)")) },
                    selected: input.kind, errors: errors))
        }
        fields += [
            H.field(
                ctx, name: "code", label: ctx.t("field.code"), value: input.code, required: true, errors: errors,
                hint: ctx.t("units.code_hint")),
            H.field(ctx, name: "name", label: ctx.t("field.name"), value: input.name, required: true, errors: errors),
            H.button(ctx.t("common.save")),
        ]
        let action = editing.map { SiteRoute.unitEdit($0.id).path } ?? SiteRoute.units.path
        return Layout.render(ctx, title: title, [H.form(ctx, action: action, classes: "card", fields)])
    }
}
