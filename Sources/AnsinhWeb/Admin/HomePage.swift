import AnsinhCore
import AnsinhStore
import Foundation
import Plot
import Vapor

/// The home page: who you are, where you work, what waits for you (hardship alerts, allowance
/// work) and what is in your units.
enum HomePage: Page {
    struct Alert: Sendable, Equatable { let householdID: UUID; let householdCode: String; let kind: HardshipKind; let occurredOn: LocalDate; let overdue: Bool }
    struct Cycle: Sendable, Equatable {
        let id: UUID
        let month: String
        let communeName: String
        let status: CycleStatus
        /// The next step is the viewer's (approve a submitted cycle, or prepare/reconcile/close).
        let yourTurn: Bool
    }

    /// A case step past its deadline.
    struct Overdue: Sendable, Equatable {
        let id: UUID
        let number: String
        let status: CaseLifecycle.State
        let riskLevel: RiskLevel
        let worker: String
        let due: Date
        let escalated: Bool
    }

    struct Model: Sendable {
        let username: String
        let role: Role
        let unitName: String?
        let counts: [(kind: UnitKind, count: Int)]
        let userCount: Int?
        /// Open sudden-hardship alerts (nil: the role does not follow them) and how many in all.
        let alerts: [Alert]?
        let alertCount: Int
        /// Allowance work waiting (nil: the role does not see allowances).
        let openApplications: Int?
        let cycles: [Cycle]
        /// Case steps past their deadline (nil: the role does not see cases).
        let overdueCases: [Overdue]?
        /// The viewer's open tasks and how many are past due (nil: the role has no tasks).
        let tasks: (open: Int, overdue: Int)?
        /// Breaches not yet reported to the authority (for those who handle them).
        let breaches: [BreachRecord]
        /// Residents' requests past their day, escalated to the ward's leader (for those who handle them).
        let escalated: [(id: UUID, code: String, kind: RequestKind, dueOn: LocalDate)]
        let zone: TimeZone
    }

    /// The query: counts of units and accounts in scope, the ten oldest open alerts, open
    /// applications and cycles not closed, each decided for the actor's role.
    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let units = UnitRepository(req.store)
        var counts: [(kind: UnitKind, count: Int)] = []
        for kind in [UnitKind.province, .commune, .residentialGroup, .centre, .department] {
            let n = try await units.count(actor, kind: kind)
            if n > 0 { counts.append((kind: kind, count: n)) }
        }
        let userCount = actor.role.can(.viewUsers) ? try await UserRepository(req.store).list(actor, page: PageSpec(page: 1, perPage: 1)).total : nil
        var alerts: ResultPage<HardshipView>?
        if actor.role.can(.viewRegistry) && actor.role.can(.viewReview) {
            alerts = try await ReviewRepository(req.store).alerts(actor, includeResolved: false, today: req.today, page: PageSpec(page: 1, perPage: 10))
        }
        let allowances = actor.role.can(.viewAllowances)
        let cycles = allowances ? try await PayrollRepository(req.store).waiting(actor) : []
        let overdue =
            actor.role.can(.viewCases)
            ? try await CaseRepository(req.store).overdue(actor, now: req.store.now()).map {
                Overdue(id: $0.id, number: $0.number, status: $0.status, riskLevel: $0.riskLevel, worker: $0.worker, due: $0.due, escalated: $0.escalated)
            } : nil
        return Model(
            username: actor.username, role: actor.role, unitName: try await units.home(actor)?.name, counts: counts, userCount: userCount,
            alerts: alerts.map {
                $0.items.map {
                    Alert(householdID: $0.householdID, householdCode: $0.householdCode, kind: $0.kind, occurredOn: $0.occurredOn, overdue: $0.overdue)
                }
            }, alertCount: alerts?.total ?? 0,
            openApplications: allowances ? try await DecisionRepository(req.store).openApplications(actor) : nil,
            cycles: cycles.map { c in
                Cycle(
                    id: c.id, month: c.month.iso, communeName: c.communeName, status: c.status,
                    yourTurn: (c.status == .submitted && actor.role.can(.approvePayments)) || (c.status != .submitted && actor.role.can(.managePayments)))
            }, overdueCases: overdue,
            tasks: actor.role.can(.manageCases) ? try await CaseRepository(req.store).taskCounts(actor) : nil,
            breaches: try await BreachRepository(req.store).awaitingReport(actor),
            escalated: try await FeedbackRepository(req).escalated(actor).map { ($0.id, $0.code, $0.kind, $0.dueOn) },
            zone: req.services.config.timeZone)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("home.title") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        var cards: [Body] = m.counts.map { kind, n in stat(ctx.number(n), ctx.t("unitkind.plural.\(kind.rawValue)")) }
        if let u = m.userCount { cards.append(stat(ctx.number(u), ctx.t("nav.users"))) }
        return [
            m.breaches.isEmpty ? .empty : breaches(ctx, m.breaches, zone: m.zone),
            m.escalated.isEmpty
                ? .empty
                : H.el(
                    .section, [("aria-labelledby", "h-escalated"), ("class", "card alerts overdue")],
                    [
                        H.el(.h2, [("id", "h-escalated")], [.text(ctx.t("home.escalated_requests", ["count": ctx.number(m.escalated.count)]))]),
                        H.el(
                            .ul, [],
                            m.escalated.map { r in
                                H.el(
                                    .li, [],
                                    [
                                        H.link(r.code, SiteRoute.request(r.id).path),
                                        .text(" — " + ctx.t("request.kind.\(r.kind.rawValue)") + " · " + ctx.t("request.due_on") + " " + ctx.date(r.dueOn)),
                                    ])
                            }),
                    ]),
            m.alerts.map { alerts(ctx, $0, count: m.alertCount) } ?? .empty,
            m.overdueCases.map { overdueCases(ctx, $0, zone: m.zone) } ?? .empty,
            m.tasks.map { t in
                H.el(
                    .p, [("class", t.overdue > 0 ? "card alerts overdue" : "card")],
                    [
                        H.link(
                            ctx.t("home.tasks", ["open": ctx.number(t.open), "overdue": ctx.number(t.overdue)]), SiteRoute.tasks.path)
                    ])
            } ?? .empty,
            m.openApplications.map { work(ctx, open: $0, cycles: m.cycles) } ?? .empty,
            H.el(
                .p, [("class", "lead")],
                [.text(ctx.t("home.welcome", ["name": m.username, "role": "@role.\(m.role.rawValue)", "unit": m.unitName ?? "—"]))]),
            H.el(
                .section, [("aria-labelledby", "h-stats")],
                [H.el(.h2, [("id", "h-stats")], [.text(ctx.t("home.in_your_units"))]), H.el(.div, [("class", "stats")], cards)]),
        ]
    }

    /// The reminder of the breaches whose report to the authority is due, the soonest first.
    static func breaches(_ ctx: PageContext, _ list: [BreachRecord], zone: TimeZone) -> Body {
        H.el(
            .section, [("aria-labelledby", "h-breaches"), ("class", "card alerts overdue")],
            [
                H.el(.h2, [("id", "h-breaches")], [.text(ctx.t("home.breaches", ["count": ctx.number(list.count)]))]),
                H.el(
                    .ul, [],
                    list.map { b in
                        H.el(.li, [], [H.link(b.summary, SiteRoute.breach(b.id).path), .text(" — "), BreachesPage.due(ctx, b, zone: zone)])
                    }),
            ])
    }

    static func stat(_ value: String, _ label: String) -> Body {
        H.el(.div, [("class", "stat")], [H.el(.span, [("class", "stat-value")], [.text(value)]), H.el(.span, [("class", "stat-label")], [.text(label)])])
    }

    static func alerts(_ ctx: PageContext, _ list: [Alert], count: Int) -> Body {
        let overdue = list.contains(where: \.overdue)
        return H.el(
            .section, [("aria-labelledby", "h-alerts"), ("class", overdue ? "card alerts overdue" : "card alerts")],
            [
                H.el(.h2, [("id", "h-alerts")], [.text(ctx.t("home.alerts", ["count": "\(count)"]))]),
                list.isEmpty
                    ? H.el(.p, [("class", "empty")], [.text(ctx.t("review.no_alerts"))])
                    : H.el(
                        .ul, [],
                        list.map { a in
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

    static func work(_ ctx: PageContext, open: Int, cycles: [Cycle]) -> Body {
        H.el(
            .section, [("aria-labelledby", "h-work"), ("class", "card")],
            [
                H.el(.h2, [("id", "h-work")], [.text(ctx.t("home.allowance_work"))]),
                H.el(
                    .ul, [],
                    [H.el(.li, [], [H.link(ctx.t("home.open_applications", ["count": "\(open)"]), SiteRoute.applications.path)])]
                        + cycles.map { c in
                            H.el(
                                .li, [],
                                [
                                    H.link(ctx.t("payroll.cycle_title", ["month": c.month, "commune": c.communeName]), SiteRoute.paymentCycle(c.id).path),
                                    .text(" — " + ctx.t("payroll.status.\(c.status.rawValue)")),
                                    c.yourTurn ? H.el(.strong, [], [.text(" (" + ctx.t("home.your_turn") + ")")]) : .empty,
                                ])
                        }),
            ])
    }

    /// The case steps past their deadline, most overdue first; those escalated to the manager
    /// say so.
    static func overdueCases(_ ctx: PageContext, _ list: [Overdue], zone: TimeZone) -> Body {
        H.el(
            .section, [("aria-labelledby", "h-overdue-cases"), ("class", list.isEmpty ? "card" : "card alerts overdue")],
            [
                H.el(.h2, [("id", "h-overdue-cases")], [.text(ctx.t("home.overdue_cases", ["count": ctx.number(list.count)]))]),
                list.isEmpty
                    ? H.el(.p, [("class", "empty")], [.text(ctx.t("home.no_overdue_cases"))])
                    : H.el(
                        .ul, [],
                        list.map { c in
                            H.el(
                                .li, [("class", "overdue")],
                                [
                                    H.link(c.number, SiteRoute.caseItem(c.id).path),
                                    .text(
                                        " — "
                                            + ctx.t(
                                                "case.overdue_step",
                                                ["step": ctx.t("case.status.\(c.status.rawValue)"), "due": ctx.timestamp(c.due, zone: zone)])
                                            + " (" + ctx.t("case.risk.\(c.riskLevel.rawValue)") + ", " + c.worker + ")"),
                                    c.escalated ? H.el(.strong, [], [.text(" " + ctx.t("case.escalated"))]) : .empty,
                                ])
                        }),
                H.link(ctx.t("case.list"), SiteRoute.cases.path),
            ])
    }
}
