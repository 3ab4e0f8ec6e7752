import AnsinhCore
import AnsinhStore
import Foundation
import Plot
import Vapor

/// The accounts within the actor's units, searchable and filtered by role.
enum UsersPage: Page {
    struct Row: Sendable, Equatable {
        let id: UUID
        let username: String
        let fullName: String
        let role: Role
        let unitName: String
        let isDisabled: Bool
    }

    struct Model: Sendable {
        let rows: [Row]
        let query: String?
        let role: Role?
        /// Whether the viewer may make accounts.
        let canCreate: Bool
        let paging: Paging
    }

    /// The query: a page of the accounts in scope matching the search and role.
    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let q = req.query[String.self, at: "q"]
        let role = req.query[String.self, at: "role"].flatMap(Role.init(rawValue:))
        let page = try await UserRepository(req.store).list(actor, query: q, role: role, page: req.pageSpec)
        return Model(
            rows: page.items.map { u, unit in
                Row(id: u.id, username: u.username, fullName: u.fullName, role: u.role, unitName: unit.name, isDisabled: u.isDisabled)
            }, query: q, role: role, canCreate: actor.role.can(.manageUsers), paging: Paging(page))
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("users.title") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let rows: [[Body]] = m.rows.map { u in
            [
                H.link(u.username, SiteRoute.user(u.id).path), .text(u.fullName), .text(ctx.t("role.\(u.role.rawValue)")),
                .text(u.unitName), .text(ctx.t(u.isDisabled ? "users.state_disabled" : "users.state_active")),
            ]
        }
        return [
            H.form(
                ctx, action: SiteRoute.users.path, method: "get", classes: "filters",
                [
                    H.field(ctx, name: "q", label: ctx.t("common.search"), value: m.query ?? "", type: "search"),
                    H.select(
                        ctx, name: "role", label: ctx.t("field.role"), options: Role.allCases.map { ($0.rawValue, ctx.t("role.\($0.rawValue)")) },
                        selected: m.role?.rawValue, includeBlank: true),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            m.canCreate ? H.link(ctx.t("users.new"), SiteRoute.userNew.path, [("class", "btn btn-primary")]) : .empty,
            H.table(
                caption: ctx.t("users.title"),
                headers: [ctx.t("field.username"), ctx.t("field.full_name"), ctx.t("field.role"), ctx.t("field.unit_id"), ctx.t("field.state")],
                rows: rows, empty: ctx.t("users.empty")),
            H.pager(ctx, m.paging) { p in
                SiteRoute.users.path(query: [("q", m.query), ("role", m.role?.rawValue), ("page", String(p))])
            },
        ]
    }
}

/// The form that makes an account or changes one; sent back with each problem named.
enum UserFormPage: Page {
    struct Model: Sendable {
        /// The account being changed (nil: a new one).
        let editing: (id: UUID, username: String)?
        let input: UserInput
        /// The units the account may be bound to, each with its depth in the tree.
        let units: [(id: UUID, name: String, depth: Int)]
        let errors: [FieldError]
    }

    /// The query: the units in the actor's scope; the form's values come from the caller (blank,
    /// the account, or what was sent, without the password).
    static func model(for req: Request, input: UserInput, editing: UserView?, errors: [FieldError] = []) async throws -> Model {
        let actor = try req.requireActor()
        let units = try await UnitRepository(req.store).all(actor).map { (id: $0.id, name: $0.name, depth: $0.depth) }
        var shown = input
        shown.password = nil
        return Model(editing: editing.map { (id: $0.id, username: $0.username) }, input: shown, units: units, errors: errors)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String {
        m.editing.map { ctx.t("users.edit", ["username": $0.username]) } ?? ctx.t("users.new")
    }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let action = m.editing.map { SiteRoute.userEdit($0.id).path } ?? SiteRoute.users.path
        let errors = m.errors
        return [
            H.form(
                ctx, action: action, classes: "card",
                [
                    H.errorSummary(ctx, errors),
                    H.field(
                        ctx, name: "username", label: ctx.t("field.username"), value: m.input.username, required: true, autocomplete: "off", errors: errors,
                        hint: ctx.t("users.username_hint")),
                    H.field(ctx, name: "full_name", label: ctx.t("field.full_name"), value: m.input.fullName, required: true, errors: errors),
                    H.field(
                        ctx, name: "password", label: ctx.t("field.password"), type: "password", required: m.editing == nil, autocomplete: "new-password",
                        errors: errors,
                        hint: ctx.t(m.editing == nil ? "users.password_hint" : "users.password_keep_hint", ["min": "\(AccountRules.minPasswordLength)"])),
                    H.select(
                        ctx, name: "role", label: ctx.t("field.role"), options: Role.allCases.map { ($0.rawValue, ctx.t("role.\($0.rawValue)")) },
                        selected: m.input.role, errors: errors, includeBlank: true),
                    H.select(
                        ctx, name: "unit_id", label: ctx.t("field.unit_id"),
                        options: m.units.map { ($0.id.uuidString, String(repeating: "· ", count: $0.depth) + $0.name) }, selected: m.input.unitID?.uuidString,
                        errors: errors, includeBlank: true),
                    H.select(
                        ctx, name: "locale", label: ctx.t("field.locale"), options: AppLocale.allCases.map { ($0.rawValue, $0.nativeName) },
                        selected: m.input.locale, errors: errors, includeBlank: true),
                    H.button(ctx.t("common.save")),
                ])
        ]
    }
}
