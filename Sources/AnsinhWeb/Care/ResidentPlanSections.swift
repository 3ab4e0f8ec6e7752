import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The resident page's care plan, leave and incidents, and the care list's reminders.
extension ResidentPage {
    static func plan(_ ctx: PageContext, _ m: Model) -> [Body] {
        guard let plan = m.resident.plan else { return [] }
        let canPlan = m.actions.contains(.plan)
        var out: [Body] = [
            H.el(.h2, [("id", "plan")], [.text(ctx.t("care.plan"))]),
            H.el(
                .p, [("class", plan.overdue ? "alert alert-warning" : "hint")],
                [.text(ctx.t(plan.overdue ? "care.plan_overdue" : "care.plan_due", ["date": ctx.date(plan.due)]))]),
            H.table(
                caption: ctx.t("care.goals"), headers: [ctx.t("field.domain"), ctx.t("field.goal"), ctx.t("field.target_date"), ctx.t("field.state")],
                rows: plan.goals.map { g in
                    [
                        .text(ctx.t("care.domain.\(g.domain.rawValue)")), .text(g.goal), .text(g.targetDate.map(ctx.date) ?? "—"),
                        .text(ctx.t("care.goal.\(g.status.rawValue)") + (g.statusOn.map { " — " + ctx.date($0) } ?? "")),
                    ]
                }, empty: ctx.t("care.no_goals")),
            H.table(
                caption: ctx.t("care.plan_reviews"),
                headers: [ctx.t("field.reviewed_on"), ctx.t("care.note"), ctx.t("field.next_review_on"), ctx.t("care.by")],
                rows: plan.reviews.map { [.text(ctx.date($0.reviewedOn)), .text($0.note), .text(ctx.date($0.nextReviewOn)), .text($0.reviewedBy)] },
                empty: ctx.t("care.no_reviews")),
        ]
        guard canPlan else { return out }
        out.append(
            H.form(
                ctx, action: SiteRoute.careGoals(m.resident.row.id).path, classes: "card",
                [
                    H.el(.h3, [], [.text(ctx.t("care.add_goal"))]),
                    H.select(
                        ctx, name: "domain", label: ctx.t("field.domain"),
                        options: CareDomain.allCases.map { ($0.rawValue, ctx.t("care.domain.\($0.rawValue)")) }, selected: nil),
                    H.field(ctx, name: "goal", label: ctx.t("field.goal"), required: true),
                    H.field(ctx, name: "target_date", label: ctx.t("field.target_date"), type: "date"),
                    H.button(ctx.t("common.save")),
                ]))
        let open = plan.goals.filter { $0.status == .open }
        out.append(
            H.form(
                ctx, action: SiteRoute.carePlanReviews(m.resident.row.id).path, classes: "card",
                [
                    H.el(.h3, [], [.text(ctx.t("care.review_plan"))]),
                    H.field(ctx, name: "reviewed_on", label: ctx.t("field.reviewed_on"), value: m.today.iso, type: "date", required: true),
                    H.field(ctx, name: "note", label: ctx.t("care.note"), required: true, id: "review-note"),
                    H.field(
                        ctx, name: "next_review_on", label: ctx.t("field.next_review_on"),
                        value: m.today.adding(months: CarePlanSchedule.defaultReviewMonths).iso, type: "date", required: true),
                    open.isEmpty ? .empty : goalBoxes(ctx, name: "achieved", legend: ctx.t("care.goals_achieved"), open),
                    open.isEmpty ? .empty : goalBoxes(ctx, name: "dropped", legend: ctx.t("care.goals_dropped"), open),
                    H.button(ctx.t("care.review_plan")),
                ]))
        return out
    }

    static func goalBoxes(_ ctx: PageContext, name: String, legend: String, _ goals: [GoalRow]) -> Body {
        SessionsPage.boxes(ctx, name: name, legend: legend, goals.map { SessionsPage.Person(id: $0.id, name: $0.goal) })
    }

    static func leave(_ ctx: PageContext, _ m: Model) -> [Body] {
        let r = m.resident
        let now = m.now.iso
        var out: [Body] = [
            H.el(.h2, [("id", "leave")], [.text(ctx.t("care.leave"))]),
            H.table(
                caption: ctx.t("care.leave"),
                headers: [
                    ctx.t("care.leave_kind"), ctx.t("field.destination"), ctx.t("field.left_at"), ctx.t("field.expected_back"), ctx.t("field.returned_at"),
                ],
                rows: r.leaves.map { l in
                    [
                        .text(ctx.t("care.leave.\(l.kind.rawValue)")), .text(l.destination + (l.companion.map { " (" + $0 + ")" } ?? "")),
                        H.bdi(moment(ctx, l.leftAt)), H.bdi(moment(ctx, l.expectedBack)),
                        .text((l.returnedAt.map { moment(ctx, $0) } ?? ctx.t("care.still_out")) + (l.late ? " — " + ctx.t("care.late") : "")),
                    ]
                }, empty: ctx.t("care.no_leave")),
        ]
        let isOut = r.leaves.contains { $0.returnedAt == nil }
        if isOut && m.actions.contains(.signIn) {
            out.append(
                H.form(
                    ctx, action: SiteRoute.careReturn(r.row.id).path, classes: "card",
                    [
                        H.el(.h3, [], [.text(ctx.t("care.sign_in"))]),
                        H.field(ctx, name: "returned_at", label: ctx.t("field.returned_at"), value: now, type: "datetime-local", required: true),
                        H.field(ctx, name: "note", label: ctx.t("care.note"), id: "return-note"),
                        H.button(ctx.t("care.sign_in")),
                    ]))
        } else if !isOut && m.actions.contains(.signOut) {
            out.append(
                H.form(
                    ctx, action: SiteRoute.careLeave(r.row.id).path, classes: "card",
                    [
                        H.el(.h3, [], [.text(ctx.t("care.sign_out"))]),
                        H.select(
                            ctx, name: "kind", label: ctx.t("care.leave_kind"),
                            options: LeaveKind.allCases.map { ($0.rawValue, ctx.t("care.leave.\($0.rawValue)")) },
                            selected: nil, id: "leave-kind"),
                        H.field(ctx, name: "destination", label: ctx.t("field.destination"), required: true),
                        H.field(ctx, name: "companion", label: ctx.t("field.companion")),
                        H.field(ctx, name: "left_at", label: ctx.t("field.left_at"), value: now, type: "datetime-local", required: true),
                        H.field(ctx, name: "expected_back", label: ctx.t("field.expected_back"), type: "datetime-local", required: true),
                        H.button(ctx.t("care.sign_out")),
                    ]))
        }
        return out
    }

    static func moment(_ ctx: PageContext, _ m: CareMoment) -> String { ctx.date(m.day) + " " + m.time }

    static func incidents(_ ctx: PageContext, _ m: Model) -> [Body] {
        let r = m.resident
        var out: [Body] = [H.el(.h2, [("id", "incidents")], [.text(ctx.t("care.incidents"))])]
        out += r.incidents.isEmpty ? [H.el(.p, [("class", "empty")], [.text(ctx.t("care.no_incidents"))])] : r.incidents.map { incident(ctx, $0, m) }
        guard m.actions.contains(.reportIncident) else { return out }
        out.append(
            H.form(
                ctx, action: SiteRoute.careIncidents(r.row.id).path, classes: "card",
                [
                    H.el(.h3, [], [.text(ctx.t("care.report_incident"))]),
                    H.field(ctx, name: "occurred_at", label: ctx.t("field.occurred_at"), value: m.now.iso, type: "datetime-local", required: true),
                    H.select(
                        ctx, name: "kind", label: ctx.t("care.incident_kind"),
                        options: IncidentKind.allCases.map { ($0.rawValue, ctx.t("care.incident.\($0.rawValue)")) }, selected: nil, id: "incident-kind"),
                    H.select(
                        ctx, name: "severity", label: ctx.t("field.severity"),
                        options: IncidentSeverity.allCases.map { ($0.rawValue, ctx.t("care.severity.\($0.rawValue)")) }, selected: nil),
                    H.field(ctx, name: "description", label: ctx.t("field.description"), required: true, id: "incident-description"),
                    H.field(ctx, name: "action_taken", label: ctx.t("field.action_taken")),
                    H.button(ctx.t("care.report_incident")),
                ]))
        return out
    }

    static func incident(_ ctx: PageContext, _ i: IncidentRow, _ m: Model) -> Body {
        let key = i.id.uuidString
        return H.el(
            .section, [("class", "card"), ("id", "incident-\(key)")],
            [
                H.el(
                    .h3, [],
                    [
                        .text(
                            ctx.t("care.incident.\(i.kind.rawValue)") + " — " + ctx.t("care.severity.\(i.severity.rawValue)") + " — "
                                + ctx.t("care.incident_status.\(i.status.rawValue)"))
                    ]),
                H.dl(
                    [
                        (ctx.t("field.occurred_at"), H.bdi(moment(ctx, i.occurredAt))), (ctx.t("field.description"), .text(i.description)),
                        (ctx.t("field.action_taken"), .text(i.actionTaken ?? "—")),
                    ] + (i.outcome.map { [(ctx.t("care.outcome"), .text($0 + " — " + (i.closedOn.map(ctx.date) ?? "")))] } ?? [])),
                H.table(
                    caption: ctx.t("care.follow_ups"), headers: [ctx.t("care.day"), ctx.t("care.note"), ctx.t("care.by")],
                    rows: i.followUps.map { [.text(ctx.date($0.day)), .text($0.note), .text($0.by)] }, empty: ctx.t("care.no_follow_ups")),
                i.status == .open && m.canFollowUp
                    ? H.form(
                        ctx, action: SiteRoute.careIncidentFollowUp(i.id).path, classes: "inline",
                        [
                            H.field(ctx, name: "day", label: ctx.t("care.day"), value: m.today.iso, type: "date", id: "fu-\(key)-day"),
                            H.field(ctx, name: "note", label: ctx.t("care.note"), required: true, id: "fu-\(key)-note"),
                            RegistryFields.checkbox(ctx, name: "close", label: ctx.t("care.close_incident"), checked: false, id: "fu-\(key)-close"),
                            H.button(ctx.t("care.add_follow_up"), kind: "secondary"),
                        ]) : .empty,
            ])
    }
}

extension ResidentPage {
    /// The health record (health class): shown only to a role allowed it.
    static func health(_ ctx: PageContext, _ m: Model) -> [Body] {
        guard let health = m.resident.health else { return [] }
        var out: [Body] = [
            H.el(.h2, [("id", "health")], [.text(ctx.t("care.health"))]),
            H.table(
                caption: ctx.t("care.health"),
                headers: [ctx.t("care.health_kind"), ctx.t("care.day"), ctx.t("field.provider"), ctx.t("field.summary"), ctx.t("field.follow_up_on")],
                rows: health.map { h in
                    [
                        .text(ctx.t("care.health.\(h.kind.rawValue)")), .text(ctx.date(h.day) + (h.untilDay.map { " – " + ctx.date($0) } ?? "")),
                        .text(h.provider), .text(h.summary), .text(h.followUpOn.map(ctx.date) ?? "—"),
                    ]
                }, empty: ctx.t("care.no_health")),
        ]
        guard m.actions.contains(.recordHealth) else { return out }
        out.append(
            H.form(
                ctx, action: SiteRoute.careHealth(m.resident.row.id).path, classes: "card",
                [
                    H.el(.h3, [], [.text(ctx.t("care.record_health"))]),
                    H.select(
                        ctx, name: "kind", label: ctx.t("care.health_kind"),
                        options: HealthEventKind.allCases.map { ($0.rawValue, ctx.t("care.health.\($0.rawValue)")) }, selected: nil, id: "health-kind"),
                    H.field(ctx, name: "day", label: ctx.t("care.day"), value: m.today.iso, type: "date", required: true, id: "health-day"),
                    H.field(ctx, name: "until_day", label: ctx.t("field.until_day"), type: "date", hint: ctx.t("care.until_day_hint")),
                    H.field(ctx, name: "provider", label: ctx.t("field.provider"), required: true),
                    H.field(ctx, name: "summary", label: ctx.t("field.summary"), required: true),
                    H.field(ctx, name: "follow_up_on", label: ctx.t("field.follow_up_on"), type: "date"),
                    H.button(ctx.t("care.record_health")),
                ]))
        return out
    }
}

extension CareParts {
    /// What the care staff must see first: plans overdue, residents out (late ones marked), and
    /// the incidents still open.
    static func reminders(_ ctx: PageContext, _ r: CareReminders) -> [Body] {
        [
            H.el(.h2, [("id", "reminders")], [.text(ctx.t("care.reminders"))]),
            H.table(
                caption: ctx.t("care.plans_overdue"), headers: [ctx.t("field.full_name"), ctx.t("care.plan_due_on")],
                rows: r.overduePlans.map { [H.link($0.resident.fullName, SiteRoute.careResident($0.resident.id).path + "#plan"), .text(ctx.date($0.due))] },
                empty: ctx.t("care.no_plans_overdue")),
            H.table(
                caption: ctx.t("care.out_now"), headers: [ctx.t("field.full_name"), ctx.t("field.destination"), ctx.t("field.expected_back")],
                rows: r.out.map { l in
                    [
                        H.link(l.residentName, SiteRoute.careResident(l.residentID).path + "#leave"), .text(l.destination),
                        .text(ResidentPage.moment(ctx, l.expectedBack) + (l.late ? " — " + ctx.t("care.late") : "")),
                    ]
                }, empty: ctx.t("care.nobody_out")),
            H.table(
                caption: ctx.t("care.open_incidents"), headers: [ctx.t("field.full_name"), ctx.t("field.occurred_at"), ctx.t("care.incident_kind")],
                rows: r.openIncidents.map { i in
                    [
                        H.link(i.residentName, SiteRoute.careResident(i.residentID).path + "#incident-\(i.id.uuidString)"),
                        H.bdi(ResidentPage.moment(ctx, i.occurredAt)),
                        .text(ctx.t("care.incident.\(i.kind.rawValue)") + " — " + ctx.t("care.severity.\(i.severity.rawValue)")),
                    ]
                }, empty: ctx.t("care.no_open_incidents")),
        ]
    }
}
