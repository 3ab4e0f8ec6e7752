import AnsinhCore
import AnsinhStore
import Foundation
import Plot
import Vapor

/// The breach log: the unit's incidents with the report to the authority due (overdue marked),
/// and the form that records one.
enum BreachesPage: Page {
    struct Model: Sendable {
        let page: ResultPage<BreachRecord>
        let status: BreachLifecycle.State?
        let canManage: Bool
        /// Now as a `datetime-local` value, the form's default.
        let now: String
        let zone: TimeZone
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let status = try req.queryChoice("status", BreachLifecycle.State.self)
        let page = try await BreachRepository(req.store).list(actor, status: status, page: req.pageSpec)
        return Model(
            page: page, status: status, canManage: actor.role.can(.manageBreaches), now: req.localDateTimeNow, zone: req.services.config.timeZone)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("breach.log") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            H.el(.p, [("class", "hint")], [.text(ctx.t("breach.help", ["hours": "\(PrivacyRules.current.breach_notify_hours)"]))]),
            H.form(
                ctx, action: SiteRoute.breaches.path, method: "get", classes: "filters",
                [
                    H.select(
                        ctx, name: "status", label: ctx.t("field.state"),
                        options: BreachLifecycle.State.allCases.map { ($0.rawValue, ctx.t("breach.status.\($0.rawValue)")) }, selected: m.status?.rawValue,
                        includeBlank: true),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.table(
                caption: ctx.t("breach.log"),
                headers: [
                    ctx.t("field.summary"), ctx.t("breach.found_at"), ctx.t("breach.persons_affected"), ctx.t("breach.report_due"), ctx.t("field.state"),
                ],
                rows: m.page.items.map { b in
                    [
                        H.link(b.summary, SiteRoute.breach(b.id).path), .text(ctx.timestamp(b.foundAt, zone: m.zone)), .text(ctx.number(b.personsAffected)),
                        due(ctx, b, zone: m.zone), .text(ctx.t("breach.status.\(b.status.rawValue)")),
                    ]
                }, empty: ctx.t("breach.none")),
            H.pager(ctx, page: m.page.page, pageCount: m.page.pageCount, total: m.page.total) {
                SiteRoute.breaches.path(query: [("status", m.status?.rawValue), ("page", "\($0)")])
            },
            m.canManage ? form(ctx, now: m.now) : .empty,
        ]
    }

    /// When the report is due: overdue marked while it is not made, the day it was made after.
    static func due(_ ctx: PageContext, _ b: BreachRecord, zone: TimeZone) -> Body {
        if let at = b.reportedAt { return .text(ctx.t("breach.reported_at", ["at": ctx.timestamp(at, zone: zone)])) }
        if b.status == .closed { return .text("—") }
        let when = ctx.timestamp(b.reportDueAt, zone: zone)
        return b.overdue ? H.el(.span, [("class", "badge badge-overdue")], [.text(ctx.t("decision.overdue", ["date": when]))]) : .text(when)
    }

    static func form(_ ctx: PageContext, now: String) -> Body {
        H.el(
            .section, [("class", "card"), ("aria-labelledby", "h-breach-new")],
            [
                H.el(.h2, [("id", "h-breach-new")], [.text(ctx.t("breach.record"))]),
                H.form(
                    ctx, action: SiteRoute.breaches.path,
                    [
                        H.field(ctx, name: "summary", label: ctx.t("field.summary"), required: true),
                        H.field(ctx, name: "found_at", label: ctx.t("breach.found_at"), value: now, type: "datetime-local", required: true),
                        H.field(ctx, name: "description", label: ctx.t("breach.description"), required: true, hint: ctx.t("breach.description_hint")),
                        H.field(ctx, name: "data_affected", label: ctx.t("breach.data_affected"), required: true, hint: ctx.t("breach.data_hint")),
                        H.checkboxes(
                            legend: ctx.t("breach.classes"), name: "classes", idPrefix: "class",
                            options: SensitivityClass.allCases.map { ($0.rawValue, ctx.t("breach.class.\($0.rawValue)")) }),
                        H.field(ctx, name: "persons_affected", label: ctx.t("breach.persons_affected"), value: "0", type: "number", required: true),
                        H.field(ctx, name: "measures", label: ctx.t("breach.measures"), hint: ctx.t("breach.measures_hint")),
                        H.button(ctx.t("breach.record")),
                    ]),
            ])
    }
}

/// One breach: what happened, when the report is due, its timeline, and the forms of the next
/// steps for those who handle it.
enum BreachPage: Page {
    struct Model: Sendable {
        let breach: BreachRecord
        let canManage: Bool
        let zone: TimeZone
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        return Model(
            breach: try await BreachRepository(req.store).get(actor, try req.idParameter()), canManage: actor.role.can(.manageBreaches),
            zone: req.services.config.timeZone)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { m.breach.summary }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let b = m.breach
        let steps = BreachLifecycle.Transition.allCases.filter { BreachLifecycle.rule($0).from.contains(b.status) }
        return [
            H.dl([
                (ctx.t("field.state"), .text(ctx.t("breach.status.\(b.status.rawValue)"))),
                (ctx.t("breach.found_at"), .text(ctx.timestamp(b.foundAt, zone: m.zone))),
                (ctx.t("breach.report_due"), BreachesPage.due(ctx, b, zone: m.zone)),
                (ctx.t("breach.description"), .text(b.description)), (ctx.t("breach.data_affected"), .text(b.dataAffected)),
                (
                    ctx.t("breach.classes"),
                    .text(b.classes.isEmpty ? "—" : b.classes.map { ctx.t("breach.class.\($0.rawValue)") }.joined(separator: ", "))
                ),
                (ctx.t("breach.persons_affected"), .text(ctx.number(b.personsAffected))),
                (ctx.t("breach.authority_reference"), .text(b.authorityReference ?? "—")),
                (ctx.t("breach.persons_notified"), .text(b.personsNotifiedAt.map { ctx.timestamp($0, zone: m.zone) } ?? "—")),
                (ctx.t("breach.outcome"), .text(b.outcome ?? "—")), (ctx.t("breach.recorded_by"), .text(b.recordedBy)),
            ]),
            H.el(
                .section, [("class", "card"), ("aria-labelledby", "h-breach-steps")],
                [
                    H.el(.h2, [("id", "h-breach-steps")], [.text(ctx.t("breach.timeline"))]),
                    H.table(
                        caption: ctx.t("breach.timeline"), headers: [ctx.t("breach.at"), ctx.t("field.kind"), ctx.t("field.detail"), ctx.t("breach.by")],
                        rows: b.steps.map { s in
                            [.text(ctx.timestamp(s.at, zone: m.zone)), .text(ctx.t("breach.step.\(s.kind)")), .text(s.text), .text(s.by)]
                        }, empty: ctx.t("breach.none")),
                ]),
            .group(
                m.canManage
                    ? steps.map { t in
                        let field = BreachLifecycle.rule(t).requires.first ?? "text"
                        return H.form(
                            ctx, action: SiteRoute.breachStep(b.id).path, classes: "card",
                            [
                                H.hidden("step", t.rawValue),
                                H.field(ctx, name: "text", label: ctx.t("breach.field.\(field)"), required: true, id: "f-breach-\(t.rawValue)"),
                                H.button(ctx.t("breach.action.\(t.rawValue)"), kind: t == .report ? "primary" : "secondary"),
                            ])
                    } : []),
            H.link(ctx.t("breach.log"), SiteRoute.breaches.path),
        ]
    }
}
