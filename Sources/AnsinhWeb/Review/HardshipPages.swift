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

    static func householdSection(_ ctx: PageContext, householdID: UUID, _ r: HouseholdReview, today: LocalDate, canRecord: Bool) -> [Body] {
        let history: [[Body]] = r.classifications.map { c in
            [
                .text("\(c.period)"), classBadge(ctx, c.povertyClass), H.bdi(c.standardID), .text(c.income.map { ctx.money(Dong($0)) } ?? "—"),
                .text("\(c.deprivations.count)"), .text("\(c.decisionNumber) — \(ctx.date(c.decisionDate))"), reasons(ctx, c.reasons),
            ]
        }
        let hardships: [[Body]] = r.hardships.map { h in
            [
                .text(ctx.t("hardship.kind.\(h.kind.rawValue)")), .text(ctx.date(h.occurredOn)), .text(h.note),
                .text(h.support.map { "\($0) (\(ctx.date(h.resolvedOn!)))" } ?? ctx.t(h.overdue ? "review.overdue" : "review.alert_open")),
            ]
        }
        var out: [Body] = [
            H.el(
                .section, [("aria-labelledby", "h-vulnerability")],
                [
                    H.el(.h2, [("id", "h-vulnerability")], [.text(ctx.t("review.vulnerability"))]),
                    r.vulnerabilities.isEmpty
                        ? H.el(.p, [("class", "empty")], [.text(ctx.t("review.no_vulnerability"))])
                        : H.el(
                            .ul, [("class", "flags")],
                            r.vulnerabilities.map { v in
                                H.el(.li, [], [H.el(.strong, [], [.text(ctx.t("vulnerability.\(v.flag.rawValue)"))]), .text(" — " + ctx.t(v.reason))])
                            }),
                ]),
            H.el(.h2, [], [.text(ctx.t("review.classification_history"))]),
            H.table(
                caption: ctx.t("review.classification_history"),
                headers: [
                    ctx.t("field.period"), ctx.t("review.class"), ctx.t("review.standard"), ctx.t("field.income_per_person"),
                    ctx.t("review.deprivation_count"), ctx.t("review.decision"), ctx.t("review.reasons"),
                ],
                rows: history, empty: ctx.t("review.no_classifications")),
            H.el(.h2, [], [.text(ctx.t("review.hardships"))]),
            H.table(
                caption: ctx.t("review.hardships"),
                headers: [ctx.t("field.event_kind"), ctx.t("field.occurred_on"), ctx.t("field.note"), ctx.t("field.support")],
                rows: hardships, empty: ctx.t("review.no_hardships")),
        ]
        if !r.circumstances.isEmpty {
            out.append(
                H.el(
                    .ul, [("class", "circumstances")],
                    r.circumstances.map { c in
                        H.el(.li, [], [.text(ctx.t("review.circumstance_line", ["reason": c.reason, "since": ctx.date(c.since), "user": c.recordedBy]))])
                    }))
        }
        if canRecord {
            out.append(
                H.el(
                    .details, [("class", "card")],
                    [
                        H.el(.summary, [], [.text(ctx.t("review.record_hardship"))]),
                        H.form(
                            ctx, action: SiteRoute.householdHardship(householdID).path,
                            [
                                H.select(
                                    ctx, name: "event_kind", label: ctx.t("field.event_kind"),
                                    options: HardshipKind.allCases.map { ($0.rawValue, ctx.t("hardship.kind.\($0.rawValue)")) },
                                    selected: nil, includeBlank: true),
                                H.field(ctx, name: "occurred_on", label: ctx.t("field.occurred_on"), value: today.iso, type: "date", required: true),
                                H.field(ctx, name: "note", label: ctx.t("field.note"), required: true),
                                H.button(ctx.t("common.save"), kind: "secondary"),
                            ]),
                    ]))
            out.append(
                H.el(
                    .details, [("class", "card")],
                    [
                        H.el(.summary, [], [.text(ctx.t("review.record_circumstance"))]),
                        H.form(
                            ctx, action: SiteRoute.householdCircumstance(householdID).path,
                            [
                                H.field(ctx, name: "reason", label: ctx.t("field.reason"), required: true),
                                H.field(ctx, name: "since", label: ctx.t("field.since"), value: today.iso, type: "date", required: true),
                                H.button(ctx.t("common.save"), kind: "secondary"),
                            ]),
                    ]))
        }
        return out
    }
}
