import AnsinhCore
import AnsinhStore
import Foundation
import Plot
import Vapor

/// The units within the actor's scope as a tree, searchable and filtered by kind.
enum UnitsPage: Page {
    struct Row: Sendable, Equatable { let id: UUID; let name: String; let code: String; let kind: UnitKind; let depth: Int }

    struct Model: Sendable {
        let rows: [Row]
        let query: String?
        let kind: UnitKind?
        /// Whether the viewer may make a unit of some kind.
        let canCreate: Bool
        let paging: Paging
    }

    /// The query: a page of the units in scope matching the search and kind.
    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let q = req.query[String.self, at: "q"]
        let kind = req.query[String.self, at: "kind"].flatMap(UnitKind.init(rawValue:))
        let page = try await UnitRepository(req.store).list(actor, kind: kind, query: q, page: req.pageSpec)
        return Model(
            rows: page.items.map { Row(id: $0.id, name: $0.name, code: $0.code, kind: $0.kind, depth: $0.depth) }, query: q, kind: kind,
            canCreate: actor.role.can(.manageUnits) && !actor.role.creatableUnitKinds.isEmpty, paging: Paging(page))
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("units.title") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let rows: [[Body]] = m.rows.map { u in
            [
                H.el(.span, [("class", "indent-\(min(u.depth, 4))")], [H.link(u.name, SiteRoute.unit(u.id).path)]),
                H.bdi(u.code), .text(ctx.t("unitkind.\(u.kind.rawValue)")),
            ]
        }
        let kinds = UnitKind.allCases.map { ($0.rawValue, ctx.t("unitkind.\($0.rawValue)")) }
        return [
            H.form(
                ctx, action: SiteRoute.units.path, method: "get", classes: "filters",
                [
                    H.field(ctx, name: "q", label: ctx.t("common.search"), value: m.query ?? "", type: "search", hint: ctx.t("units.search_hint")),
                    H.select(ctx, name: "kind", label: ctx.t("field.kind"), options: kinds, selected: m.kind?.rawValue, includeBlank: true),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            m.canCreate ? H.link(ctx.t("units.new"), SiteRoute.unitNew.path, [("class", "btn btn-primary")]) : .empty,
            H.table(
                caption: ctx.t("units.title"), headers: [ctx.t("field.name"), ctx.t("field.code"), ctx.t("field.kind")], rows: rows,
                empty: ctx.t("units.empty")),
            H.pager(ctx, m.paging) { p in
                SiteRoute.units.path(query: [("q", m.query), ("kind", m.kind?.rawValue), ("page", String(p))])
            },
        ]
    }
}

/// The form that makes a unit (under a parent, of a kind the role may make) or renames one.
enum UnitFormPage: Page {
    struct Model: Sendable {
        /// The unit being changed (nil: a new one).
        let editing: (id: UUID, name: String)?
        let input: UnitInput
        /// The units a new one may go under, with their depth in the tree.
        let parents: [(id: UUID, name: String, depth: Int)]
        /// The kinds the role may make.
        let kinds: [UnitKind]
        let errors: [FieldError]
    }

    /// The query: for a new unit, the units under which the actor may make one.
    static func model(for req: Request, input: UnitInput, editing: UnitView?, errors: [FieldError] = []) async throws -> Model {
        let actor = try req.requireActor()
        let creatable = actor.role.creatableUnitKinds
        let parents =
            editing == nil
            ? try await UnitRepository(req.store).all(actor).filter { !Set($0.kind.allowedChildren).isDisjoint(with: creatable) }
                .map { (id: $0.id, name: $0.name, depth: $0.depth) } : []
        return Model(
            editing: editing.map { (id: $0.id, name: $0.name) }, input: input, parents: parents,
            kinds: UnitKind.allCases.filter { creatable.contains($0) }, errors: errors)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { m.editing.map { ctx.t("units.edit", ["name": $0.name]) } ?? ctx.t("units.new") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        var fields: [Body] = [H.errorSummary(ctx, m.errors)]
        if m.editing == nil {
            fields.append(
                H.select(
                    ctx, name: "parent_id", label: ctx.t("field.parent_id"),
                    options: m.parents.map { ($0.id.uuidString, String(repeating: "· ", count: $0.depth) + $0.name) }, selected: m.input.parentID?.uuidString,
                    errors: m.errors, includeBlank: true))
            fields.append(
                H.select(
                    ctx, name: "kind", label: ctx.t("field.kind"), options: m.kinds.map { ($0.rawValue, ctx.t("unitkind.\($0.rawValue)")) },
                    selected: m.input.kind, errors: m.errors))
        }
        fields += [
            H.field(ctx, name: "code", label: ctx.t("field.code"), value: m.input.code, required: true, errors: m.errors, hint: ctx.t("units.code_hint")),
            H.field(ctx, name: "name", label: ctx.t("field.name"), value: m.input.name, required: true, errors: m.errors),
            H.button(ctx.t("common.save")),
        ]
        let action = m.editing.map { SiteRoute.unitEdit($0.id).path } ?? SiteRoute.units.path
        return [H.form(ctx, action: action, classes: "card", fields)]
    }
}
