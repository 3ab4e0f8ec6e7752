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

    static func show(
        _ ctx: PageContext, unit: UnitView, parent: UnitView?, children: [UnitView], members: [UserView],
        facts: [UnitFactView] = [], today: LocalDate
    ) -> String {
        let actor = ctx.actor!
        let canEdit = actor.role.can(.manageUnits) && actor.role.creatableUnitKinds.contains(unit.kind)
        let canAddChild = actor.role.can(.manageUnits) && !Set(unit.kind.allowedChildren).isDisjoint(with: actor.role.creatableUnitKinds)
        var actions: [Body] = []
        if canEdit {
            actions.append(H.link(ctx.t("common.edit"), SiteRoute.unitEdit(unit.id).path, [("class", "btn btn-secondary")]))
        }
        if canAddChild {
            actions.append(
                H.link(
                    ctx.t("units.add_child"), SiteRoute.unitNew.path(query: [("parent", unit.id.uuidString)]),
                    [("class", "btn btn-primary")]))
        }
        if canEdit && children.isEmpty && members.isEmpty && unit.id != actor.unitID {
            actions.append(
                H.form(
                    ctx, action: SiteRoute.unitDelete(unit.id).path, classes: "inline",
                    [H.button(ctx.t("common.delete"), kind: "danger")]))
        }
        return Layout.render(
            ctx, title: unit.name,
            [
                H.dl([
                    (ctx.t("field.code"), H.bdi(unit.code)),
                    (ctx.t("field.kind"), .text(ctx.t("unitkind.\(unit.kind.rawValue)"))),
                    (ctx.t("field.parent_id"), parent.map { H.link($0.name, SiteRoute.unit($0.id).path) } ?? .text("—")),
                ]),
                H.el(.div, [("class", "actions")], actions),
                H.el(.h2, [], [.text(ctx.t("units.children"))]),
                H.table(
                    caption: ctx.t("units.children"), headers: [ctx.t("field.name"), ctx.t("field.code"), ctx.t("field.kind")],
                    rows: children.map { [H.link($0.name, SiteRoute.unit($0.id).path), H.bdi($0.code), .text(ctx.t("unitkind.\($0.kind.rawValue)"))] },
                    empty: ctx.t("units.no_children")),
                actor.role.can(.viewUsers) ? H.el(.h2, [], [.text(ctx.t("units.members"))]) : .empty,
                actor.role.can(.viewUsers)
                    ? H.table(
                        caption: ctx.t("units.members"), headers: [ctx.t("field.username"), ctx.t("field.full_name"), ctx.t("field.role")],
                        rows: members.map { [H.link($0.username, SiteRoute.user($0.id).path), .text($0.fullName), .text(ctx.t("role.\($0.role.rawValue)"))] },
                        empty: ctx.t("units.no_members"))
                    : .empty,
                unit.kind == .commune
                    ? H.el(
                        .section, [("aria-labelledby", "h-area")],
                        [
                            H.el(.h2, [("id", "h-area")], [.text(ctx.t("units.difficult_area"))]),
                            H.el(.p, [("class", "hint")], [.text(ctx.t("units.difficult_area_hint"))]),
                            H.table(
                                caption: ctx.t("units.difficult_area"), headers: [ctx.t("field.valid_from"), ctx.t("field.value"), ctx.t("field.note")],
                                rows: facts.map { [.text(ctx.date($0.validFrom)), .text(ctx.t($0.value ? "common.yes" : "common.no")), .text($0.note ?? "")] },
                                empty: ctx.t("units.difficult_area_none")),
                            actor.role.can(.manageUnits)
                                ? H.form(
                                    ctx, action: SiteRoute.unitFacts(unit.id).path, classes: "card",
                                    [
                                        H.select(
                                            ctx, name: "value", label: ctx.t("units.difficult_area"),
                                            options: [("yes", ctx.t("common.yes")), ("no", ctx.t("common.no"))], selected: "yes"),
                                        H.field(ctx, name: "valid_from", label: ctx.t("field.valid_from"), value: today.iso, type: "date", required: true),
                                        H.field(ctx, name: "note", label: ctx.t("field.note"), hint: ctx.t("units.difficult_area_note_hint")),
                                        H.button(ctx.t("common.save"), kind: "secondary"),
                                    ]) : .empty,
                        ]) : .empty,
                actor.role.can(.viewAudit)
                    ? H.link(ctx.t("audit.history"), SiteRoute.audit.path(query: [("entity", "org_unit"), ("entity_id", unit.id.uuidString)]))
                    : .empty,
            ])
    }
}
