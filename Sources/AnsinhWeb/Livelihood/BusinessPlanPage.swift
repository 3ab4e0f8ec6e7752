import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// One small-business plan: the plan, the support given (training, equipment, the loan…), the
/// follow-ups, and the forms of support and of the next steps.
enum BusinessPlanPage: Page {
    struct Model: Sendable {
        let plan: BusinessPlan
        let steps: [BusinessLifecycle.Transition]
        let canManage: Bool
        let today: LocalDate
    }
    static var processing: ProcessingKind? { .livelihood }

    static func title(_ ctx: PageContext, _ m: Model) -> String { m.plan.name }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let p = m.plan
        var facts: [(String, Body)] = [
            (ctx.t("business.status"), .text(ctx.t("business.status.\(p.status.rawValue)"))), (ctx.t("business.owner"), .text(p.owner)),
            (ctx.t("field.household_code"), H.bdi(p.householdCode)), (ctx.t("business.kind"), .text(ctx.t("business.kind.\(p.kind.rawValue)"))),
            (ctx.t("business.plan"), .text(p.plan)), (ctx.t("business.capital"), .text(ctx.money(Dong(p.capital)))),
            (ctx.t("business.planned_on"), H.bdi(p.plannedOn)),
        ]
        let optional: [(String, String?)] = [("business.started_on", p.startedOn), ("business.closed_on", p.closedOn), ("field.reason", p.reason)]
        facts += optional.compactMap { k, v in v.map { (ctx.t(k), H.bdi($0)) } }
        var out: [Body] = [
            LivelihoodParts.nav(ctx), H.dl(facts),
            H.table(
                caption: ctx.t("business.supports"),
                headers: [ctx.t("business.support_kind"), ctx.t("field.date"), ctx.t("field.amount"), ctx.t("field.note")],
                rows: p.supports.map { s in
                    [
                        .text(ctx.t("business.support.\(s.kind.rawValue)") + (s.loan.map { " — " + $0 } ?? "")), H.bdi(s.day),
                        .text(s.amount > 0 ? ctx.money(Dong(s.amount)) : "—"), .text(s.note),
                    ]
                }, empty: ctx.t("business.no_supports")),
            H.table(
                caption: ctx.t("business.follow_ups"),
                headers: [ctx.t("field.date"), ctx.t("business.outcome"), ctx.t("field.monthly_income"), ctx.t("field.note")],
                rows: p.followUps.map { f in
                    [H.bdi(f.day), .text(ctx.t("business.outcome.\(f.outcome.rawValue)")), .text(ctx.money(Dong(f.monthlyIncome))), .text(f.note)]
                }, empty: ctx.t("business.no_follow_ups")),
        ]
        guard m.canManage else { return out }
        out.append(
            H.form(
                ctx, action: SiteRoute.livelihoodBusinessSupport(p.id).path, classes: "card",
                [
                    H.el(.h2, [], [.text(ctx.t("business.add_support"))]),
                    H.select(
                        ctx, name: "kind", label: ctx.t("business.support_kind"),
                        options: BusinessSupportKind.allCases.map { ($0.rawValue, ctx.t("business.support.\($0.rawValue)")) }, selected: nil,
                        id: "support-kind"),
                    H.field(ctx, name: "day", label: ctx.t("field.date"), value: m.today.iso, type: "date", id: "support-day"),
                    H.field(ctx, name: "amount", label: ctx.t("field.amount"), hint: ctx.t("business.amount_hint"), id: "support-amount"),
                    H.select(
                        ctx, name: "loan_id", label: ctx.t("business.loan"), options: p.loans.map { ($0.id.uuidString, $0.label) }, selected: nil,
                        includeBlank: true, id: "support-loan"),
                    H.field(ctx, name: "note", label: ctx.t("field.note"), id: "support-note"),
                    H.button(ctx.t("business.add_support")),
                ]))
        for t in m.steps {
            var fields: [Body] = [
                H.el(.h2, [], [.text(ctx.t("business.step.\(t.rawValue)"))]), H.hidden("step", t.rawValue),
                H.field(ctx, name: "date", label: ctx.t("field.date"), value: m.today.iso, type: "date", id: "date-\(t.rawValue)"),
            ]
            switch t {
            case .start: break
            case .followUp:
                fields += [
                    H.select(
                        ctx, name: "outcome", label: ctx.t("business.outcome"),
                        options: BusinessOutcome.allCases.map { ($0.rawValue, ctx.t("business.outcome.\($0.rawValue)")) }, selected: nil, id: "outcome"),
                    H.field(ctx, name: "monthly_income", label: ctx.t("field.monthly_income"), id: "monthly-income"),
                    H.field(ctx, name: "note", label: ctx.t("field.note"), id: "follow-up-note"),
                ]
            case .close: fields.append(H.field(ctx, name: "reason", label: ctx.t("field.reason"), id: "close-reason"))
            }
            out.append(
                H.form(
                    ctx, action: SiteRoute.livelihoodBusinessStep(p.id).path, classes: "card",
                    fields + [H.button(ctx.t("business.step.\(t.rawValue)"), kind: t == .close ? "secondary" : "primary")]))
        }
        return out
    }
}
