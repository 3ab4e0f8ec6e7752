import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// Sudden hardships waiting for support (overdue ones marked), or all of them; who records
/// hardships records the support given here.
enum AlertsPage: Page {
    struct Row: Sendable, Equatable {
        let id: UUID
        let householdID: UUID
        let householdCode: String
        let kind: HardshipKind
        let occurredOn: LocalDate
        let note: String
        let recordedBy: String
        let recordedOn: LocalDate
        let support: String?
        let resolvedOn: LocalDate?
        let overdue: Bool
    }

    struct Model: Sendable {
        let rows: [Row]
        let includeResolved: Bool
        let canResolve: Bool
        let paging: Paging
    }

    /// The query: open alerts (`?all=1`: resolved ones too), oldest first.
    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let all = req.query[String.self, at: "all"] == "1"
        let page = try await ReviewRepository(req.store).alerts(actor, includeResolved: all, today: req.today, page: req.pageSpec)
        return Model(
            rows: page.items.map { a in
                Row(
                    id: a.id, householdID: a.householdID, householdCode: a.householdCode, kind: a.kind, occurredOn: a.occurredOn, note: a.note,
                    recordedBy: a.recordedBy, recordedOn: a.recordedOn, support: a.support, resolvedOn: a.resolvedOn, overdue: a.overdue)
            }, includeResolved: all, canResolve: actor.role.can(.recordHardship), paging: Paging(page))
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("review.alerts") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            ReviewParts.nav(ctx),
            H.el(.p, [("class", "lead")], [.text(ctx.t("review.alerts_intro"))]),
            H.link(
                m.includeResolved ? ctx.t("review.alerts_open_only") : ctx.t("review.alerts_all"),
                SiteRoute.reviewAlerts.path(query: [("all", m.includeResolved ? nil : "1")])),
            H.table(
                caption: ctx.t("review.alerts"),
                headers: [
                    ctx.t("field.state"), ctx.t("field.household_code"), ctx.t("field.event_kind"), ctx.t("field.occurred_on"), ctx.t("field.note"),
                    ctx.t("review.recorded_by"), ctx.t("field.support"),
                ],
                rows: m.rows.map { a in
                    [
                        H.el(
                            .span, [("class", a.overdue ? "badge badge-overdue" : "badge")],
                            [.text(a.overdue ? ctx.t("review.overdue") : ctx.t("hardship.kind.\(a.kind.rawValue)"))]),
                        H.link(a.householdCode, SiteRoute.household(a.householdID).path), .text(ctx.t("hardship.kind.\(a.kind.rawValue)")),
                        .text(ctx.date(a.occurredOn)), .text(a.note), .text("\(a.recordedBy), \(ctx.date(a.recordedOn))"), support(ctx, a, m.canResolve),
                    ]
                }, empty: ctx.t("review.no_alerts")),
            H.pager(ctx, m.paging) { SiteRoute.reviewAlerts.path(query: [("all", m.includeResolved ? "1" : nil), ("page", String($0))]) },
        ]
    }

    /// The support given, or the form that records it, or "open" for a reader.
    static func support(_ ctx: PageContext, _ a: Row, _ canResolve: Bool) -> Body {
        guard let resolved = a.resolvedOn else {
            return canResolve
                ? H.form(
                    ctx, action: SiteRoute.reviewAlertResolve(a.id).path, classes: "inline",
                    [
                        H.field(ctx, name: "support", label: ctx.t("field.support"), required: true),
                        H.button(ctx.t("review.record_support"), kind: "secondary"),
                    ]) : .text(ctx.t("review.alert_open"))
        }
        return .text(a.support.map { "\($0) (\(ctx.date(resolved)))" } ?? "")
    }
}
