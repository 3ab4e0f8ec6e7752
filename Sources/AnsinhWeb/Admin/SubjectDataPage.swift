import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// A person's data as Ansinh holds it, printable in Vietnamese for the person (their right of
/// access, Law 91/2025/QH15): every kind of record, what the producer's role may not read marked
/// as withheld, and who did what with the records.
enum SubjectDataPage: Page {
    struct Model: Sendable {
        let data: SubjectData
        let zone: TimeZone
    }

    static func model(for req: Request) async throws -> Model {
        Model(
            data: try await SubjectDataRepository(req.store).export(try req.requireActor(), personID: try req.idParameter()),
            zone: req.services.config.timeZone)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("privacy.subject_title", ["name": m.data.fullName]) }

    /// A column's label from the catalogue where it has one, else its code.
    static func label(_ ctx: PageContext, _ column: String) -> String {
        ctx.catalogue.texts[ctx.locale]?["field.\(column)"] != nil ? ctx.t("field.\(column)") : column
    }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let d = m.data
        var out: [Body] = [
            H.link("← " + d.fullName, SiteRoute.person(d.personID).path),
            H.el(
                .p, [("class", "lead")],
                [.text(ctx.t("privacy.subject_intro", ["by": d.producedBy, "at": ctx.timestamp(d.producedAt, zone: m.zone)]))]),
            H.el(
                .div, [("class", "actions")],
                [H.link(ctx.t("privacy.subject_json"), SiteRoute.personDataJSON(d.personID).path, [("class", "btn btn-secondary")])]),
        ]
        for s in d.sections {
            let title = ctx.t("privacy.table.\(s.table)")
            if s.withheld {
                out.append(H.el(.h2, [], [.text(title)]))
                out.append(H.el(.p, [("class", "hint")], [.text(ctx.t("privacy.withheld"))]))
                continue
            }
            let columns = Array(Set(s.rows.flatMap(\.keys))).sorted()
            // One record per definition list: the columns are too many for a table on paper.
            out.append(H.el(.h2, [], [.text(title + " (\(ctx.number(s.rows.count)))")]))
            for r in s.rows {
                out.append(H.dl(columns.map { (label(ctx, $0), H.bdi(r[$0] ?? "")) }))
            }
        }
        out.append(
            H.table(
                caption: ctx.t("privacy.access_log"),
                headers: [ctx.t("privacy.when"), ctx.t("field.actor"), ctx.t("privacy.what"), ctx.t("field.entity")],
                rows: d.accessLog.map { a in
                    [
                        .text(ctx.timestamp(a.at, zone: m.zone)), H.bdi(a.actor), .text(ctx.t("audit.action.\(a.action)")),
                        .text(ctx.t("audit.entity.\(a.entity)")),
                    ]
                }, empty: ctx.t("privacy.no_access")))
        return out
    }

    /// The same data as JSON (the person's copy in a machine-readable form).
    static func json(_ d: SubjectData) -> [String: Any] {
        [
            "person_id": d.personID.uuidString, "full_name": d.fullName, "produced_at": ISO8601DateFormatter().string(from: d.producedAt),
            "produced_by": d.producedBy,
            "sections": d.sections.map { ["table": $0.table, "withheld": $0.withheld, "records": $0.rows] as [String: Any] },
            "access_log": d.accessLog.map {
                ["at": ISO8601DateFormatter().string(from: $0.at), "actor": $0.actor, "action": $0.action, "entity": $0.entity] as [String: Any]
            },
        ]
    }
}
