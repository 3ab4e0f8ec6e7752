import AnsinhCore
import AnsinhStore
import Foundation
import Plot

/// Hardship alerts, the ward's poverty report and the review section of a household's page.
extension ReviewPages {
    static func alerts(_ ctx: PageContext, page: ResultPage<HardshipView>, includeResolved: Bool) -> String {
        let canResolve = ctx.actor!.role.can(.recordHardship)
        let rows: [[Body]] = page.items.map { a in
            var state: Body = .text(a.support.map { "\($0) (\(ctx.date(a.resolvedOn!)))" } ?? "")
            if a.resolvedOn == nil {
                state =
                    canResolve
                    ? H.form(
                        ctx, action: SiteRoute.reviewAlertResolve(a.id).path, classes: "inline",
                        [
                            H.field(ctx, name: "support", label: ctx.t("field.support"), required: true),
                            H.button(ctx.t("review.record_support"), kind: "secondary"),
                        ]) : .text(ctx.t("review.alert_open"))
            }
            return [
                H.el(
                    .span, [("class", a.overdue ? "badge badge-overdue" : "badge")],
                    [.text(a.overdue ? ctx.t("review.overdue") : ctx.t("hardship.kind.\(a.kind.rawValue)"))]),
                H.link(a.householdCode, SiteRoute.household(a.householdID).path), .text(ctx.t("hardship.kind.\(a.kind.rawValue)")),
                .text(ctx.date(a.occurredOn)), .text(a.note), .text("\(a.recordedBy), \(ctx.date(a.recordedOn))"), state,
            ]
        }
        return Layout.render(
            ctx, title: ctx.t("review.alerts"),
            [
                nav(ctx),
                H.el(.p, [("class", "lead")], [.text(ctx.t("review.alerts_intro"))]),
                H.link(
                    includeResolved ? ctx.t("review.alerts_open_only") : ctx.t("review.alerts_all"),
                    SiteRoute.reviewAlerts.path(query: [("all", includeResolved ? nil : "1")])),
                H.table(
                    caption: ctx.t("review.alerts"),
                    headers: [
                        ctx.t("field.state"), ctx.t("field.household_code"), ctx.t("field.event_kind"), ctx.t("field.occurred_on"), ctx.t("field.note"),
                        ctx.t("review.recorded_by"), ctx.t("field.support"),
                    ],
                    rows: rows, empty: ctx.t("review.no_alerts")),
                H.pager(ctx, page: page.page, pageCount: page.pageCount, total: page.total) {
                    SiteRoute.reviewAlerts.path(query: [("all", includeResolved ? "1" : nil), ("page", String($0))])
                },
            ])
    }

    static func report(_ ctx: PageContext, _ r: WardPovertyReport) -> String {
        let classes = PovertyClass.allCases
        let rows: [[Body]] =
            r.groups.map { g in
                [.text(g.name)] + classes.map { .text("\(g.counts[$0] ?? 0)") } + [.text("\(g.counts.values.reduce(0, +))")]
            }
            + (r.groups.isEmpty
                ? []
                : [
                    [H.el(.strong, [], [.text(ctx.t("review.total"))])] + classes.map { .text("\(r.totals[$0] ?? 0)") }
                        + [.text("\(r.totals.values.reduce(0, +))")]
                ])
        let series: [[Body]] = r.series.map { [.text("\($0.period)"), .text("\($0.poor)"), .text("\($0.nearPoor)")] }
        return Layout.render(
            ctx, title: ctx.t("review.report"),
            [
                nav(ctx),
                H.form(
                    ctx, action: SiteRoute.reviewReport.path, method: "get", classes: "filters",
                    [
                        H.field(ctx, name: "year", label: ctx.t("field.period"), value: "\(r.period)", type: "number"),
                        H.button(ctx.t("common.filter"), kind: "secondary"),
                    ]),
                H.el(
                    .p, [("class", r.poorHouseholds == 0 ? "headline good" : "headline")],
                    [
                        .text(ctx.t("review.headline_poor", ["count": "\(r.poorHouseholds)", "period": "\(r.period)"]))
                    ]),
                H.dl([
                    (ctx.t("review.poor_entries"), .text("\(r.poorEntries)")), (ctx.t("review.poor_exits"), .text("\(r.poorExits)")),
                    (ctx.t("review.near_poor_entries"), .text("\(r.nearPoorEntries)")), (ctx.t("review.near_poor_exits"), .text("\(r.nearPoorExits)")),
                ]),
                H.el(.div, [("class", "actions")], Spreadsheet.buttons(ctx, .reviewReportExport, query: [("year", "\(r.period)")])),
                H.el(.h2, [], [.text(ctx.t("review.by_group"))]),
                H.table(
                    caption: ctx.t("review.by_group"),
                    headers: [ctx.t("unitkind.residential_group")] + classes.map { ctx.t("class.\($0.rawValue)") } + [ctx.t("review.total")],
                    rows: rows, empty: ctx.t("review.no_classifications")),
                H.el(.h2, [], [.text(ctx.t("review.series"))]),
                H.table(
                    caption: ctx.t("review.series"), headers: [ctx.t("field.period"), ctx.t("class.poor"), ctx.t("class.near_poor")],
                    rows: series, empty: ctx.t("review.no_classifications")),
            ])
    }
}
