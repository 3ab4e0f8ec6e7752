import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

extension AllowanceParts.Evaluation {
    init(_ e: StoredEvaluation) {
        self.init(month: e.month, amount: e.amount, categories: e.categories, ruleSet: e.ruleSet, reasons: e.reasons, assumed: e.assumed)
    }
}

/// The allowances' shared pieces: the sub-menu, benefit names, choice lists, an evaluation
/// with its components and reasons (calculator, person page, application, decision).
enum AllowanceParts {
    /// An evaluation as an application or a decision stored it.
    struct Evaluation: Sendable, Equatable {
        let month: YearMonth
        let amount: Int64
        let categories: [String]
        let ruleSet: String
        let reasons: [Reason]
        /// Message keys of what the evaluation had to assume.
        let assumed: [String]
    }

    static func nav(_ ctx: PageContext) -> Body {
        H.el(
            .nav, [("class", "subnav"), ("aria-label", ctx.t("allowance.section"))],
            [
                H.link(ctx.t("decision.applications"), SiteRoute.applications.path),
                H.link(ctx.t("payroll.cycles"), SiteRoute.payments.path),
                H.link(ctx.t("payroll.report"), SiteRoute.paymentReport.path),
                H.link(ctx.t("allowance.eligibility"), SiteRoute.eligibility.path),
                H.link(ctx.t("health.lists"), SiteRoute.healthInsurance.path),
                H.link(ctx.t("one_off.ledger"), SiteRoute.oneOff.path),
                H.link(ctx.t("allowance.calculator"), SiteRoute.allowanceCalculator.path),
            ])
    }

    /// The form that makes something for one of the user's communes and a month (a payment
    /// cycle, a health-insurance list); nothing when the user has no commune to choose.
    static func communeMonthForm(
        _ ctx: PageContext, action: SiteRoute, communes: [(id: UUID, name: String)], month: String, hint: String?, button: String
    ) -> Body {
        guard !communes.isEmpty else { return .empty }
        return H.form(
            ctx, action: action.path, classes: "card",
            [
                H.select(
                    ctx, name: "commune_id", label: ctx.t("field.commune"), options: communes.map { ($0.id.uuidString, $0.name) },
                    selected: communes.first?.id.uuidString, errors: []),
                H.field(ctx, name: "month", label: ctx.t("field.month"), value: month, type: "month", required: true, hint: "YYYY-MM"),
                hint.map { H.el(.p, [("class", "hint")], [.text($0)]) } ?? .empty,
                H.button(button),
            ])
    }

    /// The decision deadline of Decree 147/2025 Art. 5, marked when passed; "—" under the
    /// older procedure.
    static func due(_ ctx: PageContext, _ day: LocalDate?, overdue: Bool) -> Body {
        guard let day else { return .text("—") }
        return overdue
            ? H.el(.span, [("class", "badge badge-overdue")], [.text(ctx.t("decision.overdue", ["date": ctx.date(day)]))]) : .text(ctx.date(day))
    }

    static func benefit(_ ctx: PageContext, _ b: Benefit) -> String { ctx.t("decision.benefit.\(b.rawValue)") }

    /// Options of an enum, labelled from the catalogue family `namespace.family.value`
    /// (the families are listed in the catalogue test).
    static func options<T: RawRepresentable & CaseIterable>(_ ctx: PageContext, _ family: [String], _ type: T.Type) -> [(String, String)]
    where T.RawValue == String {
        T.allCases.map { ($0.rawValue, ctx.t((family + [$0.rawValue]).joined(separator: "."))) }
    }

    static func components(_ ctx: PageContext, _ list: [AllowanceComponent]) -> Body {
        H.table(
            caption: ctx.t("allowance.components"),
            headers: [ctx.t("allowance.category"), ctx.t("allowance.coefficient"), ctx.t("allowance.amount"), ctx.t("allowance.payee")],
            rows: list.map { c in
                [
                    .text(ctx.t("allowance.category.\(c.category.components(separatedBy: ".").prefix(2).joined(separator: "."))") + " (\(c.category))"),
                    H.bdi(c.coefficient.description), .text(ctx.money(Dong(c.amount))), .text(ctx.t(["allowance", "payee", c.payee].joined(separator: "."))),
                ]
            }, empty: ctx.t("allowance.none"))
    }

    /// The result block shared by the calculator and the person page.
    static func result(_ ctx: PageContext, _ r: AllowanceEvaluation) -> Body {
        H.el(
            .section, [("class", "card result"), ("aria-live", "polite"), ("aria-labelledby", "h-allowance")],
            [
                H.el(
                    .h2, [("id", "h-allowance")], [.text(ctx.t("allowance.result_title", ["month": r.month.iso, "amount": Message.money(r.monthlyAmount)]))]),
                components(ctx, r.components),
                r.careSupport.isEmpty ? .empty : H.el(.h3, [], [.text(ctx.t("allowance.care_support"))]),
                r.careSupport.isEmpty ? .empty : components(ctx, r.careSupport),
                H.el(.h3, [], [.text(ctx.t("review.reasons"))]),
                ReviewParts.reasons(ctx, r.reasons),
            ])
    }

    /// A stored evaluation: amount, categories, rule set, reasons and assumptions.
    static func evaluation(_ ctx: PageContext, _ e: Evaluation) -> Body {
        H.el(
            .section, [("class", "card")],
            [
                H.el(.h2, [], [.text(ctx.t("decision.evaluation", ["month": e.month.iso]))]),
                H.dl([
                    (ctx.t("allowance.amount"), .text(ctx.money(Dong(e.amount)))),
                    (ctx.t("allowance.category"), H.bdi(e.categories.isEmpty ? "—" : e.categories.joined(separator: ", "))),
                    (ctx.t("decision.rule_set"), H.bdi(e.ruleSet)),
                ]),
                ReviewParts.reasons(ctx, e.reasons),
                H.el(.ul, [("class", "hint")], e.assumed.map { H.el(.li, [], [.text(ctx.t($0))]) }),
            ])
    }

    /// This month's allowance on a person's page; `personID` links to the person's decisions
    /// (nil: the viewer may not see them).
    static func personSection(_ ctx: PageContext, _ evaluation: AllowanceEvaluation, assumed: [String], personID: UUID?) -> [Body] {
        [
            result(ctx, evaluation),
            H.el(.ul, [("class", "hint")], assumed.map { H.el(.li, [], [.text(ctx.t($0))]) }),
            personID != nil
                ? H.link(ctx.t("decision.person_link"), SiteRoute.personDecisions(personID).path, [("class", "btn btn-secondary")]) : .empty,
            personID != nil ? H.link(ctx.t("facts.link"), SiteRoute.personFacts(personID).path, [("class", "btn btn-secondary")]) : .empty,
            H.link(ctx.t("allowance.calculator"), SiteRoute.allowanceCalculator.path),
        ]
    }
}
