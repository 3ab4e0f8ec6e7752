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
        Filters(
            entity: req.query[String.self, at: "entity"], entityID: req.query[String.self, at: "entity_id"],
            actorName: req.query[String.self, at: "actor"])
    }

    func list(req: Request) async throws -> HTMLResponse {
        HTMLResponse(AuditPage.render(PageContext(req), try await AuditPage.model(for: req)))
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
                let fields = [
                    String(e.seq), ISO8601DateFormatter().string(from: e.at), e.actorName, e.action, e.entity, e.entityID,
                    e.before ?? "", e.after ?? "", e.hash,
                ]
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
