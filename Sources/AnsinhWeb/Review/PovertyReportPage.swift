import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The ward's poverty report for a period: poor households (the headline), entries and exits,
/// counts by residential group and class, and five periods side by side.
enum PovertyReportPage: Page {
    struct Group: Sendable, Equatable {
        let name: String
        let counts: [PovertyClass: Int]
        var total: Int { counts.values.reduce(0, +) }
    }

    struct Model: Sendable {
        let period: Int
        let totals: [PovertyClass: Int]
        let groups: [Group]
        let poorEntries: Int
        let poorExits: Int
        let nearPoorEntries: Int
        let nearPoorExits: Int
        let series: [(period: Int, poor: Int, nearPoor: Int)]
        var poorHouseholds: Int { totals[.poor] ?? 0 }
    }

    /// The query: the report of `?year=` (this year by default), computed now.
    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let year = try req.queryInt("year", in: Bounds.year) ?? req.today.year
        let r = try await ReviewReports(req.store).ward(actor, period: year)
        return Model(
            period: r.period, totals: r.totals, groups: r.groups.map { Group(name: $0.name, counts: $0.counts) }, poorEntries: r.poorEntries,
            poorExits: r.poorExits, nearPoorEntries: r.nearPoorEntries, nearPoorExits: r.nearPoorExits, series: r.series)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("review.report") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let classes = PovertyClass.allCases
        let rows: [[Body]] =
            m.groups.map { g in [.text(g.name)] + classes.map { .text(ctx.number(g.counts[$0] ?? 0)) } + [.text(ctx.number(g.total))] }
            + (m.groups.isEmpty
                ? []
                : [
                    [H.el(.strong, [], [.text(ctx.t("review.total"))])] + classes.map { .text(ctx.number(m.totals[$0] ?? 0)) }
                        + [.text(ctx.number(m.totals.values.reduce(0, +)))]
                ])
        return [
            ReviewParts.nav(ctx),
            H.form(
                ctx, action: SiteRoute.reviewReport.path, method: "get", classes: "filters",
                [
                    H.field(ctx, name: "year", label: ctx.t("field.period"), value: "\(m.period)", type: "number"),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.el(
                .p, [("class", m.poorHouseholds == 0 ? "headline good" : "headline")],
                [.text(ctx.t("review.headline_poor", ["count": ctx.number(m.poorHouseholds), "period": "\(m.period)"]))]),
            H.dl([
                (ctx.t("review.poor_entries"), .text(ctx.number(m.poorEntries))), (ctx.t("review.poor_exits"), .text(ctx.number(m.poorExits))),
                (ctx.t("review.near_poor_entries"), .text(ctx.number(m.nearPoorEntries))),
                (ctx.t("review.near_poor_exits"), .text(ctx.number(m.nearPoorExits))),
            ]),
            H.el(.div, [("class", "actions")], Spreadsheet.buttons(ctx, .reviewReportExport, query: [("year", "\(m.period)")])),
            H.el(.h2, [], [.text(ctx.t("review.by_group"))]),
            H.table(
                caption: ctx.t("review.by_group"),
                headers: [ctx.t("unitkind.residential_group")] + classes.map { ctx.t("class.\($0.rawValue)") } + [ctx.t("review.total")],
                rows: rows, empty: ctx.t("review.no_classifications")),
            H.el(.h2, [], [.text(ctx.t("review.series"))]),
            H.table(
                caption: ctx.t("review.series"), headers: [ctx.t("field.period"), ctx.t("class.poor"), ctx.t("class.near_poor")],
                rows: m.series.map { [.text("\($0.period)"), .text(ctx.number($0.poor)), .text(ctx.number($0.nearPoor))] },
                empty: ctx.t("review.no_classifications")),
        ]
    }
}
