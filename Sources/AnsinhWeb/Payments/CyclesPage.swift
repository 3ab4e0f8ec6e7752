import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The payment cycles of the units in scope, and the form that prepares a month's cycle.
enum CyclesPage: Page {
    struct Row: Sendable, Equatable {
        let id: UUID
        let month: String
        let communeName: String
        let status: CycleStatus
        let recipients: Int
        let issued: Int64
        let paid: Int64
        let carried: Int64
        let returned: Int64
    }

    struct Model: Sendable {
        let rows: [Row]
        /// The communes the user may prepare a cycle for (empty: no form).
        let communes: [(id: UUID, name: String)]
        /// The month the form proposes.
        let month: String
    }

    /// The query: the cycles and, for a role that prepares payments, its communes.
    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let repo = PayrollRepository(req.store)
        let rows = try await repo.cycles(actor).map { c in
            Row(
                id: c.id, month: c.month.iso, communeName: c.communeName, status: c.status, recipients: c.recipients, issued: c.balance.issued,
                paid: c.balance.paid, carried: c.balance.carried, returned: c.balance.returned)
        }
        let communes = CycleLifecycle.may(.prepare, role: actor.role) ? try await repo.communes(actor).map { (id: $0.0, name: $0.1) } : []
        return Model(rows: rows, communes: communes, month: req.today.yearMonth.iso)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("payroll.cycles") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            AllowanceParts.nav(ctx),
            H.el(.p, [("class", "lead")], [.text(ctx.t("payroll.intro"))]),
            AllowanceParts.communeMonthForm(
                ctx, action: .paymentsGenerate, communes: m.communes, month: m.month, hint: ctx.t("payroll.generate_hint"), button: ctx.t("payroll.generate")),
            H.table(
                caption: ctx.t("payroll.cycles"),
                headers: [
                    ctx.t("field.month"), ctx.t("field.commune"), ctx.t("field.state"), ctx.t("payroll.recipients"), ctx.t("payroll.issued"),
                    ctx.t("payroll.paid"), ctx.t("payroll.carried"), ctx.t("payroll.returned"),
                ],
                rows: m.rows.map { c in
                    [
                        H.link(c.month, SiteRoute.paymentCycle(c.id).path), .text(c.communeName), .text(ctx.t("payroll.status.\(c.status.rawValue)")),
                        .text(ctx.number(c.recipients)), .text(ctx.money(Dong(c.issued))), .text(ctx.money(Dong(c.paid))),
                        .text(ctx.money(Dong(c.carried))), .text(ctx.money(Dong(c.returned))),
                    ]
                }, empty: ctx.t("payroll.no_cycles")),
        ]
    }
}
