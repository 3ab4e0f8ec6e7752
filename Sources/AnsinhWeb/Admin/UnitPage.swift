import AnsinhCore
import AnsinhStore
import Foundation
import Plot
import Vapor

/// One unit: its code, kind and parent; the units and accounts in it; for a commune, whether it
/// is an especially difficult area from which date; and what the viewer may do with it.
enum UnitPage: Page {
    struct Child: Sendable, Equatable { let id: UUID; let name: String; let code: String; let kind: UnitKind }
    struct Member: Sendable, Equatable { let id: UUID; let username: String; let fullName: String; let role: Role }
    struct Fact: Sendable, Equatable { let validFrom: LocalDate; let value: Bool; let note: String? }

    struct Model: Sendable {
        let id: UUID
        let name: String
        let code: String
        let kind: UnitKind
        let parent: (id: UUID, name: String)?
        let children: [Child]
        /// The accounts of the unit (nil: the viewer may not see accounts).
        let members: [Member]?
        let facts: [Fact]
        let canEdit: Bool
        let canAddChild: Bool
        /// Edit rights, no children, no accounts, and not the viewer's own unit.
        let canDelete: Bool
        let canSetFacts: Bool
        let canSeeAudit: Bool
        let today: LocalDate
    }

    /// The query: the unit within the actor's units, its parent when in reach, its children,
    /// accounts and dated facts, and the actor's rights on it.
    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let repo = UnitRepository(req.store)
        let unit = try await repo.get(actor, id: try req.idParameter())
        let children = try await repo.all(actor).filter { $0.parentID == unit.id }
        // The parent may lie outside the actor's units (a ward officer's ward is under the province).
        let parent: UnitView? = await unit.parentID.asyncMap { try? await repo.get(actor, id: $0) } ?? nil
        let members =
            actor.role.can(.viewUsers)
            ? try await UserRepository(req.store).list(actor, unitID: unit.id, page: PageSpec(page: 1, perPage: 200)).items.map(\.0)
            : nil
        let facts = [.commune, .residentialGroup].contains(unit.kind) ? try await repo.facts(actor, unitID: unit.id) : []
        let canEdit = actor.role.can(.manageUnits) && actor.role.creatableUnitKinds.contains(unit.kind)
        return Model(
            id: unit.id, name: unit.name, code: unit.code, kind: unit.kind, parent: parent.map { (id: $0.id, name: $0.name) },
            children: children.map { Child(id: $0.id, name: $0.name, code: $0.code, kind: $0.kind) },
            members: members.map { $0.map { Member(id: $0.id, username: $0.username, fullName: $0.fullName, role: $0.role) } },
            facts: facts.map { Fact(validFrom: $0.validFrom, value: $0.value, note: $0.note) }, canEdit: canEdit,
            canAddChild: actor.role.can(.manageUnits) && !Set(unit.kind.allowedChildren).isDisjoint(with: actor.role.creatableUnitKinds),
            canDelete: canEdit && children.isEmpty && (members ?? []).isEmpty && unit.id != actor.unitID,
            canSetFacts: actor.role.can(.manageUnits), canSeeAudit: actor.role.can(.viewAudit), today: req.today)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { m.name }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        var actions: [Body] = []
        if m.canEdit { actions.append(H.link(ctx.t("common.edit"), SiteRoute.unitEdit(m.id).path, [("class", "btn btn-secondary")])) }
        if m.canAddChild {
            actions.append(
                H.link(ctx.t("units.add_child"), SiteRoute.unitNew.path(query: [("parent", m.id.uuidString)]), [("class", "btn btn-primary")]))
        }
        if m.canDelete {
            actions.append(H.form(ctx, action: SiteRoute.unitDelete(m.id).path, classes: "inline", [H.button(ctx.t("common.delete"), kind: "danger")]))
        }
        return [
            H.dl([
                (ctx.t("field.code"), H.bdi(m.code)),
                (ctx.t("field.kind"), .text(ctx.t("unitkind.\(m.kind.rawValue)"))),
                (ctx.t("field.parent_id"), m.parent.map { H.link($0.name, SiteRoute.unit($0.id).path) } ?? .text("—")),
            ]),
            H.el(.div, [("class", "actions")], actions),
            H.el(.h2, [], [.text(ctx.t("units.children"))]),
            H.table(
                caption: ctx.t("units.children"), headers: [ctx.t("field.name"), ctx.t("field.code"), ctx.t("field.kind")],
                rows: m.children.map { [H.link($0.name, SiteRoute.unit($0.id).path), H.bdi($0.code), .text(ctx.t("unitkind.\($0.kind.rawValue)"))] },
                empty: ctx.t("units.no_children")),
            m.members.map { members in
                H.el(
                    .div, [],
                    [
                        H.el(.h2, [], [.text(ctx.t("units.members"))]),
                        H.table(
                            caption: ctx.t("units.members"), headers: [ctx.t("field.username"), ctx.t("field.full_name"), ctx.t("field.role")],
                            rows: members.map {
                                [H.link($0.username, SiteRoute.user($0.id).path), .text($0.fullName), .text(ctx.t("role.\($0.role.rawValue)"))]
                            },
                            empty: ctx.t("units.no_members")),
                    ])
            } ?? .empty,
            [.commune, .residentialGroup].contains(m.kind) ? area(ctx, m) : .empty,
            m.canSeeAudit
                ? H.link(ctx.t("audit.history"), SiteRoute.audit.path(query: [("entity", "org_unit"), ("entity_id", m.id.uuidString)])) : .empty,
        ]
    }

    /// A commune's or village's especially difficult area status by date (Art. 5(5)(b), 5(7)), and
    /// the form that records a change.
    static func area(_ ctx: PageContext, _ m: Model) -> Body {
        H.el(
            .section, [("aria-labelledby", "h-area")],
            [
                H.el(.h2, [("id", "h-area")], [.text(ctx.t("units.difficult_area"))]),
                H.el(.p, [("class", "hint")], [.text(ctx.t("units.difficult_area_hint"))]),
                H.table(
                    caption: ctx.t("units.difficult_area"), headers: [ctx.t("field.valid_from"), ctx.t("field.value"), ctx.t("field.note")],
                    rows: m.facts.map { [.text(ctx.date($0.validFrom)), .text(ctx.t($0.value ? "common.yes" : "common.no")), .text($0.note ?? "")] },
                    empty: ctx.t("units.difficult_area_none")),
                m.canSetFacts
                    ? H.form(
                        ctx, action: SiteRoute.unitFacts(m.id).path, classes: "card",
                        [
                            H.select(
                                ctx, name: "value", label: ctx.t("units.difficult_area"), options: [("yes", ctx.t("common.yes")), ("no", ctx.t("common.no"))],
                                selected: "yes"),
                            H.field(ctx, name: "valid_from", label: ctx.t("field.valid_from"), value: m.today.iso, type: "date", required: true),
                            H.field(ctx, name: "note", label: ctx.t("field.note"), hint: ctx.t("units.difficult_area_note_hint")),
                            H.button(ctx.t("common.save"), kind: "secondary"),
                        ]) : .empty,
            ])
    }
}
