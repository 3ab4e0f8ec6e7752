import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The year's payments by commune, month, ledger and category, and the budget used; a role that
/// manages payments sets a commune's planned budget here.
enum PaymentReportPage: Page {
    struct Row: Sendable, Equatable {
        let communeName: String
        let month: String
        let benefit: Benefit
        var oneOff = false
        /// Decree 20 category codes ("5(1)", "20(1)(a)"…); empty for a difference on a month no
        /// longer paid.
        let categories: [String]
        let recipients: Int
        let issued: Int64
        let paid: Int64
    }

    struct Budget: Sendable, Equatable {
        let communeName: String
        let planned: Int64?
        let paid: Int64
    }

    struct Model: Sendable {
        let year: Int
        let rows: [Row]
        let budget: [Budget]
        /// The communes whose budget the viewer may set (empty: no form).
        let budgetCommunes: [(id: UUID, name: String)]
        var issued: Int64 { rows.reduce(0) { $0 + $1.issued } }
        var paid: Int64 { rows.reduce(0) { $0 + $1.paid } }
    }

    /// The query: the report of the year asked (this year by default).
    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let r = try await PaymentReportRepository(req.store).report(actor, year: try PaymentsController.year(req))
        let communes = actor.role.can(.managePayments) ? try await PayrollRepository(req.store).communes(actor).map { (id: $0.0, name: $0.1) } : []
        return Model(
            year: r.year,
            rows: r.rows.map {
                Row(
                    communeName: $0.communeName, month: $0.month, benefit: $0.benefit, oneOff: $0.oneOff,
                    categories: $0.categories.split(separator: ",").map(String.init), recipients: $0.recipients, issued: $0.issued, paid: $0.paid)
            }, budget: r.budget.map { Budget(communeName: $0.communeName, planned: $0.planned, paid: $0.paid) }, budgetCommunes: communes)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("payroll.report_title", ["year": "\(m.year)"]) }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            AllowanceParts.nav(ctx),
            H.form(
                ctx, action: SiteRoute.paymentReport.path, method: "get", classes: "inline",
                [
                    H.field(ctx, name: "year", label: ctx.t("field.year"), value: "\(m.year)", type: "number"),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.el(.p, [("class", "lead")], [.text(ctx.t("payroll.report_intro"))]),
            H.dl([(ctx.t("payroll.issued"), .text(ctx.money(Dong(m.issued)))), (ctx.t("payroll.paid"), .text(ctx.money(Dong(m.paid))))]),
            H.table(
                caption: ctx.t("payroll.budget"),
                headers: [ctx.t("field.commune"), ctx.t("payroll.planned"), ctx.t("payroll.used"), ctx.t("payroll.used_share")],
                rows: m.budget.map { b in
                    [
                        .text(b.communeName), .text(b.planned.map { ctx.money(Dong($0)) } ?? "—"), .text(ctx.money(Dong(b.paid))),
                        .text(b.planned.flatMap { $0 > 0 ? "\(b.paid * 100 / $0) %" : nil } ?? "—"),
                    ]
                }, empty: ctx.t("payroll.no_report")),
            m.budgetCommunes.isEmpty
                ? .empty
                : H.form(
                    ctx, action: SiteRoute.paymentBudget.path, classes: "card",
                    [
                        H.el(.h2, [], [.text(ctx.t("payroll.set_budget"))]),
                        H.select(
                            ctx, name: "commune_id", label: ctx.t("field.commune"), options: m.budgetCommunes.map { ($0.id.uuidString, $0.name) },
                            selected: nil, errors: []),
                        H.hidden("year", "\(m.year)"),
                        H.field(ctx, name: "amount", label: ctx.t("payroll.planned"), required: true, hint: ctx.t("payroll.amount_hint")),
                        H.button(ctx.t("common.save")),
                    ]),
            H.el(.div, [("class", "actions")], Spreadsheet.buttons(ctx, .paymentReportExport, query: [("year", "\(m.year)")])),
            H.table(
                caption: ctx.t("payroll.report"),
                headers: [
                    ctx.t("field.commune"), ctx.t("field.month"), ctx.t("decision.benefit"), ctx.t("allowance.category"), ctx.t("payroll.recipients"),
                    ctx.t("payroll.issued"), ctx.t("payroll.paid"),
                ],
                rows: m.rows.map { row in
                    [
                        .text(row.communeName), H.bdi(row.month), .text(row.oneOff ? ctx.t("one_off.ledger") : AllowanceParts.benefit(ctx, row.benefit)),
                        .text(categories(ctx, row.categories)),
                        .text(ctx.number(row.recipients)), .text(ctx.money(Dong(row.issued))), .text(ctx.money(Dong(row.paid))),
                    ]
                }, empty: ctx.t("payroll.no_report")),
        ]
    }

    /// Category names joined; Art. 20 care-support codes have no name of their own and are
    /// shown as the article code.
    static func categories(_ ctx: PageContext, _ codes: [String]) -> String {
        codes.isEmpty
            ? "—"
            : codes.map { code in
                ctx.catalogue.texts[ctx.locale]?["allowance.category.\(code)"] != nil ? ctx.t("allowance.category.\(code)") : code
            }.joined(separator: " + ")
    }
}
