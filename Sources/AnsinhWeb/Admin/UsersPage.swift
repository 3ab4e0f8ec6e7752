import AnsinhCore
import AnsinhStore
import Plot
import Vapor

enum UsersPage {
    static func list(_ ctx: PageContext, page: ResultPage<(UserView, UnitView)>, query: String?, role: Role?) -> String {
        let actor = ctx.actor!
        let rows: [[Body]] = page.items.map { u, unit in
            [
                H.link(u.username, SiteRoute.user(u.id).path), .text(u.fullName), .text(ctx.t("role.\(u.role.rawValue)")),
                .text(unit.name), .text(ctx.t(u.isDisabled ? "users.state_disabled" : "users.state_active")),
            ]
        }
        return Layout.render(
            ctx, title: ctx.t("users.title"),
            [
                H.form(
                    ctx, action: SiteRoute.users.path, method: "get", classes: "filters",
                    [
                        H.field(ctx, name: "q", label: ctx.t("common.search"), value: query ?? "", type: "search"),
                        H.select(
                            ctx, name: "role", label: ctx.t("field.role"),
                            options: Role.allCases.map { ($0.rawValue, ctx.t("role.\($0.rawValue)")) }, selected: role?.rawValue, includeBlank: true),
                        H.button(ctx.t("common.filter"), kind: "secondary"),
                    ]),
                actor.role.can(.manageUsers) ? H.link(ctx.t("users.new"), SiteRoute.userNew.path, [("class", "btn btn-primary")]) : .empty,
                H.table(
                    caption: ctx.t("users.title"),
                    headers: [ctx.t("field.username"), ctx.t("field.full_name"), ctx.t("field.role"), ctx.t("field.unit_id"), ctx.t("field.state")],
                    rows: rows, empty: ctx.t("users.empty")),
                H.pager(ctx, page: page.page, pageCount: page.pageCount, total: page.total) { p in
                    SiteRoute.users.path(query: [("q", query), ("role", role?.rawValue), ("page", String(p))])
                },
            ])
    }

    static func form(_ ctx: PageContext, input: UserInput, units: [UnitView], editing: UserView?, errors: [FieldError]) -> String {
        let title = editing == nil ? ctx.t("users.new") : ctx.t("users.edit", ["username": editing!.username])
        let action = editing.map { SiteRoute.userEdit($0.id).path } ?? SiteRoute.users.path
        return Layout.render(
            ctx, title: title,
            [
                H.form(
                    ctx, action: action, classes: "card",
                    [
                        H.errorSummary(ctx, errors),
                        H.field(
                            ctx, name: "username", label: ctx.t("field.username"), value: input.username, required: true,
                            autocomplete: "off", errors: errors, hint: ctx.t("users.username_hint")),
                        H.field(ctx, name: "full_name", label: ctx.t("field.full_name"), value: input.fullName, required: true, errors: errors),
                        H.field(
                            ctx, name: "password", label: ctx.t("field.password"), type: "password", required: editing == nil,
                            autocomplete: "new-password", errors: errors,
                            hint: ctx.t(editing == nil ? "users.password_hint" : "users.password_keep_hint", ["min": "\(AccountRules.minPasswordLength)"])),
                        H.select(
                            ctx, name: "role", label: ctx.t("field.role"),
                            options: Role.allCases.map { ($0.rawValue, ctx.t("role.\($0.rawValue)")) }, selected: input.role,
                            errors: errors, includeBlank: true),
                        H.select(
                            ctx, name: "unit_id", label: ctx.t("field.unit_id"),
                            options: units.map { ($0.id.uuidString, String(repeating: "· ", count: $0.depth) + $0.name) },
                            selected: input.unitID?.uuidString, errors: errors, includeBlank: true),
                        H.select(
                            ctx, name: "locale", label: ctx.t("field.locale"),
                            options: AppLocale.allCases.map { ($0.rawValue, $0.nativeName) }, selected: input.locale,
                            errors: errors, includeBlank: true),
                        H.button(ctx.t("common.save")),
                    ])
            ])
    }
}
