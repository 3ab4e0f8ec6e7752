import AnsinhCore
import AnsinhStore
import Plot
import Vapor

enum AuditPage {
    static func render(_ ctx: PageContext, page: ResultPage<AuditEntryView>, filters f: AuditController.Filters, zone: TimeZone) -> String {
        let rows: [[Body]] = page.items.map { e in
            [
                .text("\(e.seq)"), .text(ctx.timestamp(e.at, zone: zone)), .text(e.actorName),
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
        let query: [(String, String?)] = [("entity", f.entity), ("entity_id", f.entityID), ("actor", f.actorName)]
        return Layout.render(
            ctx, title: ctx.t("audit.title"),
            [
                H.el(.p, [("class", "lead")], [.text(ctx.t("audit.intro"))]),
                H.form(
                    ctx, action: SiteRoute.audit.path, method: "get", classes: "filters",
                    [
                        H.select(ctx, name: "entity", label: ctx.t("field.entity"), options: entities, selected: f.entity, includeBlank: true),
                        H.field(ctx, name: "actor", label: ctx.t("field.actor"), value: f.actorName ?? ""),
                        H.hidden("entity_id", f.entityID ?? ""),
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
                H.pager(ctx, page: page.page, pageCount: page.pageCount, total: page.total) { p in
                    SiteRoute.audit.path(query: query + [("page", String(p))])
                },
            ])
    }
}
