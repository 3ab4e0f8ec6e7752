import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// Small-business support: the plans by state and a new plan; one plan with the support given,
/// its follow-ups and its steps.
extension LivelihoodController {
    struct PlanForm: Content { var national_id: String?; var kind: String?; var name: String?; var plan: String?; var capital: String? }
    struct SupportForm: Content { var kind: String?; var day: String?; var amount: String?; var loan_id: String?; var note: String? }
    struct PlanStepForm: Content {
        var step: String?; var date: String?; var outcome: String?; var monthly_income: String?; var note: String?; var reason: String?
    }

    func registerBusiness(_ authed: any RoutesBuilder) {
        authed.get(.livelihoodBusiness) { req in try await BusinessPlansPage.response(req, form: PlanForm(), errors: []) }
        authed.post(.livelihoodBusiness) { req in
            let actor = try req.requireActor()
            try actor.require(.manageLivelihood)
            let f = try req.content.decode(PlanForm.self)
            var input = BusinessPlanInput()
            input.nationalID = f.national_id ?? ""; input.kind = f.kind ?? ""; input.name = f.name ?? ""; input.plan = f.plan ?? ""
            input.capital = f.capital.flatMap { $0.isEmpty ? 0 : ImportTable.dong($0) ?? -1 }
            do {
                let id = try await LivelihoodRepository(req.store).createPlan(actor, input, today: req.today)
                req.flash(.success, Message("business.created"))
                return req.redirect(to: SiteRoute.livelihoodBusinessPlan(id).path)
            } catch AppError.validation(let errors) {
                return try await BusinessPlansPage.response(req, form: f, errors: errors, status: .unprocessableEntity)
            }
        }
        authed.get(.livelihoodBusinessPlan(nil)) { req in
            let actor = try req.requireActor()
            let plan = try await LivelihoodRepository(req.store).plan(actor, id: try req.idParameter())
            let model = BusinessPlanPage.Model(
                plan: plan, steps: BusinessLifecycle.available(from: plan.status, role: actor.role),
                canManage: actor.role.can(.manageLivelihood) && plan.status != .closed, today: req.today)
            return HTMLResponse(BusinessPlanPage.render(PageContext(req), model))
        }
        authed.post(.livelihoodBusinessSupport(nil)) { req in
            let actor = try req.requireActor()
            try actor.require(.manageLivelihood)
            let id = try req.idParameter()
            let f = try req.content.decode(SupportForm.self)
            var input = BusinessSupportInput()
            input.kind = f.kind ?? ""; input.day = f.day ?? ""; input.note = f.note ?? ""; input.loanID = f.loan_id.flatMap(UUID.init(uuidString:))
            input.amount = f.amount.flatMap { $0.isEmpty ? 0 : ImportTable.dong($0) ?? -1 }
            return try await req.perform(back: SiteRoute.livelihoodBusinessPlan(id).path, success: Message("business.support_added")) {
                try await LivelihoodRepository(req.store).addSupport(actor, plan: id, input, today: req.today)
            }
        }
        authed.post(.livelihoodBusinessStep(nil)) { req in
            let actor = try req.requireActor()
            try actor.require(.manageLivelihood)
            let id = try req.idParameter()
            let f = try req.content.decode(PlanStepForm.self)
            let t = BusinessLifecycle.Transition(rawValue: f.step ?? "")
            var input = BusinessStepInput()
            input.date = f.date ?? ""; input.outcome = f.outcome ?? ""; input.note = f.note ?? ""; input.reason = f.reason ?? ""
            input.income = f.monthly_income.flatMap { $0.isEmpty ? nil : ImportTable.dong($0) ?? -1 }
            return try await req.perform(back: SiteRoute.livelihoodBusinessPlan(id).path, success: t.map { Message("business.done.\($0.rawValue)") }) {
                guard let t else { throw AppError.invalid("step", "validation.choice") }
                try await LivelihoodRepository(req.store).step(actor, plan: id, t, input, today: req.today)
            }
        }
    }
}

/// The small-business plans of the viewer's units by state, and the form of a new plan.
enum BusinessPlansPage: Page {
    struct Model: Sendable {
        let rows: [BusinessPlan]
        let paging: Paging
        let status: BusinessLifecycle.State?
        let canManage: Bool
        let form: LivelihoodController.PlanForm
        let errors: [FieldError]
    }

    static func response(_ req: Request, form: LivelihoodController.PlanForm, errors: [FieldError], status code: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        let actor = try req.requireActor()
        let status = try req.filterChoice("status", BusinessLifecycle.State.self)
        let page = try await LivelihoodRepository(req.store).plans(actor, status: status, page: req.pageSpec)
        let model = Model(
            rows: page.items, paging: Paging(page), status: status, canManage: actor.role.can(.manageLivelihood), form: form, errors: errors)
        return HTMLResponse(render(PageContext(req), model), status: code).response()
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("business.title") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let query: [(String, String)] = m.status.map { [("status", $0.rawValue)] } ?? []
        var out: [Body] = [
            LivelihoodParts.nav(ctx),
            H.el(.p, [("class", "lead")], [.text(ctx.t("business.intro"))]),
            H.form(
                ctx, action: SiteRoute.livelihoodBusiness.path, method: "get", classes: "filters",
                [
                    H.select(
                        ctx, name: "status", label: ctx.t("business.status"),
                        options: [("", ctx.t("livelihood.all"))]
                            + BusinessLifecycle.State.allCases.map { ($0.rawValue, ctx.t("business.status.\($0.rawValue)")) },
                        selected: m.status?.rawValue ?? ""),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.table(
                caption: ctx.t("business.list"),
                headers: [ctx.t("business.name"), ctx.t("business.owner"), ctx.t("business.kind"), ctx.t("business.status"), ctx.t("business.latest")],
                rows: m.rows.map { p in
                    [
                        H.link(p.name, SiteRoute.livelihoodBusinessPlan(p.id).path), .text(p.owner + " — " + p.householdCode),
                        .text(ctx.t("business.kind.\(p.kind.rawValue)")), .text(ctx.t("business.status.\(p.status.rawValue)")),
                        .text(p.latest.map { ctx.t("business.outcome.\($0.rawValue)") } ?? "—"),
                    ]
                }, empty: ctx.t("business.none")),
            H.pager(ctx, m.paging) { SiteRoute.livelihoodBusiness.path(query: query + [("page", String($0))]) },
        ]
        guard m.canManage else { return out }
        let f = m.form
        out.append(
            H.form(
                ctx, action: SiteRoute.livelihoodBusiness.path, classes: "card",
                [
                    H.el(.h2, [], [.text(ctx.t("business.new"))]), H.errorSummary(ctx, m.errors),
                    H.field(ctx, name: "national_id", label: ctx.t("business.owner_id"), value: f.national_id ?? "", required: true, errors: m.errors),
                    H.select(
                        ctx, name: "kind", label: ctx.t("business.kind"),
                        options: BusinessKind.allCases.map { ($0.rawValue, ctx.t("business.kind.\($0.rawValue)")) }, selected: f.kind, errors: m.errors),
                    H.field(ctx, name: "name", label: ctx.t("business.name"), value: f.name ?? "", required: true, errors: m.errors),
                    FeedbackParts.textarea(
                        ctx, name: "plan", label: ctx.t("business.plan"), value: f.plan ?? "", errors: m.errors, hint: ctx.t("business.plan_hint")),
                    H.field(ctx, name: "capital", label: ctx.t("business.capital"), value: f.capital ?? "", errors: m.errors),
                    H.button(ctx.t("business.new")),
                ]))
        return out
    }
}
