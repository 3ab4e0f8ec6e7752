import AnsinhCore
import AnsinhStore
import Plot
import Vapor

enum HomePage {
    static func render(_ ctx: PageContext, _ m: HomeController.Model) -> String {
        let actor = ctx.actor!
        var cards: [Body] = m.counts.map { kind, n in
            H.el(
                .div, [("class", "stat")],
                [
                    H.el(.span, [("class", "stat-value")], [.text("\(n)")]),
                    H.el(.span, [("class", "stat-label")], [.text(ctx.t("unitkind.plural.\(kind.rawValue)"))]),
                ])
        }
        if let u = m.userCount {
            cards.append(
                H.el(
                    .div, [("class", "stat")],
                    [
                        H.el(.span, [("class", "stat-value")], [.text("\(u)")]),
                        H.el(.span, [("class", "stat-label")], [.text(ctx.t("nav.users"))]),
                    ]))
        }
        var alertSection: Body = .empty
        if actor.role.can(.viewReview) {
            let overdue = m.openAlerts.filter(\.overdue).count
            alertSection = H.el(
                .section, [("aria-labelledby", "h-alerts"), ("class", overdue > 0 ? "card alerts overdue" : "card alerts")],
                [
                    H.el(.h2, [("id", "h-alerts")], [.text(ctx.t("home.alerts", ["count": "\(m.openAlertCount)"]))]),
                    m.openAlerts.isEmpty
                        ? H.el(.p, [("class", "empty")], [.text(ctx.t("review.no_alerts"))])
                        : H.el(
                            .ul, [],
                            m.openAlerts.map { a in
                                H.el(
                                    .li, [("class", a.overdue ? "overdue" : nil)],
                                    [
                                        H.link(a.householdCode, SiteRoute.household(a.householdID).path),
                                        .text(" — " + ctx.t("hardship.kind.\(a.kind.rawValue)") + ", " + ctx.date(a.occurredOn)),
                                        a.overdue ? H.el(.strong, [], [.text(" (" + ctx.t("review.overdue") + ")")]) : .empty,
                                    ])
                            }),
                    H.link(ctx.t("review.alerts"), SiteRoute.reviewAlerts.path),
                ])
        }
        var workSection: Body = .empty
        if actor.role.can(.viewAllowances) {
            workSection = H.el(
                .section, [("aria-labelledby", "h-work"), ("class", "card")],
                [
                    H.el(.h2, [("id", "h-work")], [.text(ctx.t("home.allowance_work"))]),
                    H.el(
                        .ul, [],
                        [
                            H.el(.li, [], [H.link(ctx.t("home.open_applications", ["count": "\(m.openApplications)"]), SiteRoute.applications.path)])
                        ]
                            + m.cycles.map { c in
                                let waitingForMe =
                                    (c.status == .submitted && actor.role.can(.approvePayments)) || (c.status != .submitted && actor.role.can(.managePayments))
                                return H.el(
                                    .li, [],
                                    [
                                        H.link(
                                            ctx.t("payroll.cycle_title", ["month": c.month.iso, "commune": c.communeName]), SiteRoute.paymentCycle(c.id).path),
                                        .text(" — " + ctx.t("payroll.status.\(c.status.rawValue)")),
                                        waitingForMe ? H.el(.strong, [], [.text(" (" + ctx.t("home.your_turn") + ")")]) : .empty,
                                    ])
                            }),
                ])
        }
        return Layout.render(
            ctx, title: ctx.t("home.title"),
            [
                alertSection,
                workSection,
                H.el(
                    .p, [("class", "lead")],
                    [
                        .text(
                            ctx.t(
                                "home.welcome",
                                [
                                    "name": actor.username,
                                    "role": "@role.\(actor.role.rawValue)",
                                    "unit": m.unit?.name ?? "—",
                                ]))
                    ]),
                H.el(
                    .section, [("aria-labelledby", "h-stats")],
                    [
                        H.el(.h2, [("id", "h-stats")], [.text(ctx.t("home.in_your_units"))]),
                        H.el(.div, [("class", "stats")], cards),
                    ]),
            ])
    }
}
