import AnsinhCore
import AnsinhStore
import Foundation
import Plot
import Vapor

/// The audit trail: who changed what, when, before → after; filterable, exportable.
enum AuditPage: Page {
    struct Row: Sendable, Equatable {
        let seq: Int
        let at: Date
        let actorName: String
        let action: String
        let entity: String
        let entityID: String
        let before: String?
        let after: String?
    }

    struct Model: Sendable {
        let rows: [Row]
        let entity: String?
        let entityID: String?
        let actorName: String?
        let paging: Paging
        /// The office's time zone, in which times are shown.
        let zone: TimeZone
    }

    /// The query: a page of the trail within the actor's units, as filtered.
    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let f = AuditController().filters(req)
        let page = try await AuditRepository(req.store).list(actor, entity: f.entity, entityID: f.entityID, actorName: f.actorName, page: req.pageSpec)
        return Model(
            rows: page.items.map {
                Row(
                    seq: $0.seq, at: $0.at, actorName: $0.actorName, action: $0.action, entity: $0.entity, entityID: $0.entityID, before: $0.before,
                    after: $0.after)
            }, entity: f.entity, entityID: f.entityID, actorName: f.actorName, paging: Paging(page),
            zone: req.services.config.timeZone)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("audit.title") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let rows: [[Body]] = m.rows.map { e in
            [
                .text("\(e.seq)"), .text(ctx.timestamp(e.at, zone: m.zone)), .text(e.actorName),
                .text(ctx.t("audit.action.\(e.action)")), .text(ctx.t("audit.entity.\(e.entity)")),
                H.el(.code, [("class", "small")], [.text(e.entityID)]),
                H.el(
                    .details, [],
                    [
                        H.el(.summary, [], [.text(ctx.t("audit.changes"))]),
                        H.el(.p, [], [H.el(.strong, [], [.text(ctx.t("audit.before"))])]),
                        H.el(.pre, [], [.text(e.before ?? "—")]),
                        H.el(.p, [], [H.el(.strong, [], [.text(ctx.t("audit.after"))])]),
                        H.el(.pre, [], [.text(e.after ?? "—")]),
                    ]),
            ]
        }
        let entities = ["org_unit", "user", "api_token"].map { ($0, ctx.t("audit.entity.\($0)")) }
        let query: [(String, String?)] = [("entity", m.entity), ("entity_id", m.entityID), ("actor", m.actorName)]
        return [
            H.el(.p, [("class", "lead")], [.text(ctx.t("audit.intro"))]),
            H.form(
                ctx, action: SiteRoute.audit.path, method: "get", classes: "filters",
                [
                    H.select(ctx, name: "entity", label: ctx.t("field.entity"), options: entities, selected: m.entity, includeBlank: true),
                    H.field(ctx, name: "actor", label: ctx.t("field.actor"), value: m.actorName ?? ""),
                    H.hidden("entity_id", m.entityID ?? ""),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.link(ctx.t("common.export_csv"), SiteRoute.auditExport.path(query: query), [("class", "btn btn-secondary")]),
            H.table(
                caption: ctx.t("audit.title"),
                headers: [
                    "#", ctx.t("field.at"), ctx.t("field.actor"), ctx.t("field.action"), ctx.t("field.entity"), ctx.t("field.entity_id"),
                    ctx.t("audit.changes"),
                ],
                rows: rows, empty: ctx.t("audit.empty")),
            H.pager(ctx, m.paging) { p in
                SiteRoute.audit.path(query: query + [("page", String(p))])
            },
        ]
    }
}
