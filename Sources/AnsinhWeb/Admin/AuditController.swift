import AnsinhCore
import AnsinhStore
import Plot
import Vapor

/// The audit trail: who changed what, when, before → after; filterable, exportable.
struct AuditController {
    func register(authed: any RoutesBuilder) {
        authed.get(.audit, use: list)
        authed.get(.auditExport, use: export)
    }

    struct Filters { let entity: String?; let entityID: String?; let actorName: String? }

    func filters(_ req: Request) -> Filters {
        Filters(entity: req.query[String.self, at: "entity"], entityID: req.query[String.self, at: "entity_id"],
                actorName: req.query[String.self, at: "actor"])
    }

    func list(req: Request) async throws -> HTMLResponse {
        let actor = try req.requireActor()
        let f = filters(req)
        let page = try await AuditRepository(req.store).list(actor, entity: f.entity, entityID: f.entityID, actorName: f.actorName, page: req.pageSpec)
        return HTMLResponse(AuditPage.render(PageContext(req), page: page, filters: f, zone: req.services.config.timeZone))
    }

    /// CSV of the filtered trail (at most 10,000 newest entries per file), UTF-8 with BOM so that
    /// spreadsheet programs show Vietnamese correctly.
    func export(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let f = filters(req)
        let repo = AuditRepository(req.store)
        var csv = "\u{FEFF}seq,at,actor,action,entity,entity_id,before,after,hash\r\n"
        var page = 1
        while page <= 50 {
            let p = try await repo.list(actor, entity: f.entity, entityID: f.entityID, actorName: f.actorName, page: PageSpec(page: page, perPage: 200))
            for e in p.items {
                let fields = [String(e.seq), ISO8601DateFormatter().string(from: e.at), e.actorName, e.action, e.entity, e.entityID,
                              e.before ?? "", e.after ?? "", e.hash]
                csv += fields.map(CSV.escape).joined(separator: ",") + "\r\n"
            }
            if page >= p.pageCount { break }
            page += 1
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"ansinh-audit.csv\"")
        return Response(status: .ok, headers: headers, body: .init(string: csv))
    }
}

/// CSV writing (RFC 4180). Cells that a spreadsheet would run as a formula are prefixed with `'`.
enum CSV {
    static func escape(_ s: String) -> String {
        var v = s
        if let first = v.first, "=+-@".contains(first), Int(v) == nil { v = "'" + v }
        if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }
}

enum AuditPage {
    static func render(_ ctx: PageContext, page: ResultPage<AuditEntryView>, filters f: AuditController.Filters, zone: TimeZone) -> String {
        let rows: [[Body]] = page.items.map { e in
            [.text("\(e.seq)"), .text(ctx.timestamp(e.at, zone: zone)), .text(e.actorName),
             .text(ctx.t("audit.action.\(e.action)")), .text(ctx.t("audit.entity.\(e.entity)")),
             H.el("code", [("class", "small")], [.text(e.entityID)]),
             H.el("details", [], [
                H.el("summary", [], [.text(ctx.t("audit.changes"))]),
                H.el("p", [], [H.el("strong", [], [.text(ctx.t("audit.before"))])]),
                H.el("pre", [], [.text(e.before ?? "—")]),
                H.el("p", [], [H.el("strong", [], [.text(ctx.t("audit.after"))])]),
                H.el("pre", [], [.text(e.after ?? "—")]),
             ])]
        }
        let entities = ["org_unit", "user", "api_token"].map { ($0, ctx.t("audit.entity.\($0)")) }
        let query: [(String, String?)] = [("entity", f.entity), ("entity_id", f.entityID), ("actor", f.actorName)]
        return Layout.render(ctx, title: ctx.t("audit.title"), [
            H.el("p", [("class", "lead")], [.text(ctx.t("audit.intro"))]),
            H.form(ctx, action: SiteRoute.audit.path, method: "get", classes: "filters", [
                H.select(ctx, name: "entity", label: ctx.t("field.entity"), options: entities, selected: f.entity, includeBlank: true),
                H.field(ctx, name: "actor", label: ctx.t("field.actor"), value: f.actorName ?? ""),
                H.hidden("entity_id", f.entityID ?? ""),
                H.button(ctx.t("common.filter"), kind: "secondary"),
            ]),
            H.link(ctx.t("common.export_csv"), SiteRoute.auditExport.path(query: query), [("class", "btn btn-secondary")]),
            H.table(caption: ctx.t("audit.title"),
                    headers: ["#", ctx.t("field.at"), ctx.t("field.actor"), ctx.t("field.action"), ctx.t("field.entity"), ctx.t("field.entity_id"), ctx.t("audit.changes")],
                    rows: rows, empty: ctx.t("audit.empty")),
            H.pager(ctx, page: page.page, pageCount: page.pageCount, total: page.total) { p in
                SiteRoute.audit.path(query: query + [("page", String(p))])
            },
        ])
    }
}
