import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

extension EligibilityRunsPage.Run {
    init(_ r: EligibilityRunView) {
        self.init(id: r.id, month: r.month, persons: r.persons, eligible: r.eligible, totalAmount: r.totalAmount, runBy: r.runBy)
    }
}

/// "No one missed": the whole-registry runs of the allowance rules, and the form that runs a
/// month.
enum EligibilityRunsPage: Page {
    struct Run: Sendable, Equatable {
        let id: UUID
        let month: YearMonth
        let persons: Int
        let eligible: Int
        let totalAmount: Int64
        let runBy: String
    }

    struct Model: Sendable {
        let runs: [Run]
        /// Whether the viewer may start a run.
        let canRun: Bool
        let month: YearMonth
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let runs = try await EligibilityRepository(req.store).runs(actor)
        return Model(runs: runs.map(Run.init), canRun: actor.role.can(.manageRegistry), month: req.today.yearMonth)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("allowance.eligibility") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            H.el(.p, [("class", "lead")], [.text(ctx.t("allowance.eligibility_intro"))]),
            m.canRun
                ? H.form(
                    ctx, action: SiteRoute.eligibilityRun.path, classes: "card",
                    [
                        H.field(ctx, name: "month", label: ctx.t("field.month"), value: m.month.iso, type: "month", required: true, hint: "YYYY-MM"),
                        H.button(ctx.t("allowance.run")),
                    ]) : .empty,
            H.table(
                caption: ctx.t("allowance.eligibility"),
                headers: [
                    ctx.t("field.month"), ctx.t("allowance.persons_checked"), ctx.t("allowance.eligible"), ctx.t("allowance.total"),
                    ctx.t("review.recorded_by"),
                ],
                rows: m.runs.map { r in
                    [
                        H.link(r.month.iso, SiteRoute.eligibilityResults(r.id).path), .text(ctx.number(r.persons)), .text(ctx.number(r.eligible)),
                        .text(ctx.money(Dong(r.totalAmount))), .text(r.runBy),
                    ]
                }, empty: ctx.t("allowance.no_runs")),
            H.link(ctx.t("allowance.calculator"), SiteRoute.allowanceCalculator.path),
            H.link(ctx.t("allowance.rules"), SiteRoute.ruleSettings.path),
        ]
    }
}

/// One run: who appears eligible (or only those eligible and not paid: the missed), and who is
/// paid but no longer or differently eligible.
enum EligibilityResultsPage: Page {
    struct Result: Sendable, Equatable {
        let personID: UUID
        let fullName: String
        let birth: String
        let householdID: UUID
        let householdCode: String
        let amount: Int64
        let careAmount: Int64
        let categories: [String]
        let status: String
    }

    struct Mismatch: Sendable, Equatable {
        let personID: UUID
        let fullName: String
        let birth: String
        let benefit: Benefit
        let paid: Int64
        let evaluated: Int64

        init(_ m: EligibilityMismatch) {
            personID = m.personID; fullName = m.fullName; birth = m.birth; benefit = m.benefit; paid = m.paid; evaluated = m.evaluated
        }
    }

    struct Model: Sendable {
        let run: EligibilityRunsPage.Run
        let results: [Result]
        let filter: EligibilityFilter
        let paging: Paging
        /// Empty for a role that does not see payments.
        let noLonger: [Mismatch]
        let different: [Mismatch]
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let filter = req.query[String.self, at: "show"].flatMap(EligibilityFilter.init(rawValue:)) ?? .all
        let repo = EligibilityRepository(req.store)
        let id = try req.idParameter()
        let (run, page) = try await repo.results(actor, runID: id, page: req.pageSpec, filter: filter)
        let mismatches = actor.role.can(.viewAllowances) ? try await repo.mismatches(actor, runID: id) : ([], [])
        return Model(
            run: EligibilityRunsPage.Run(run),
            results: page.items.map { r in
                Result(
                    personID: r.personID, fullName: r.fullName, birth: r.birth, householdID: r.householdID, householdCode: r.householdCode,
                    amount: r.amount, careAmount: r.careAmount, categories: r.categories, status: r.status)
            }, filter: filter, paging: Paging(page), noLonger: mismatches.0.map(Mismatch.init), different: mismatches.1.map(Mismatch.init))
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("allowance.results_title", ["month": m.run.month.iso]) }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let here = SiteRoute.eligibilityResults(m.run.id)
        return [
            H.link("← " + ctx.t("allowance.eligibility"), SiteRoute.eligibility.path),
            H.dl([
                (ctx.t("allowance.persons_checked"), .text(ctx.number(m.run.persons))), (ctx.t("allowance.eligible"), .text(ctx.number(m.run.eligible))),
                (ctx.t("allowance.total"), .text(ctx.money(Dong(m.run.totalAmount)))),
            ]),
            H.el(.p, [("class", "hint")], [.text(ctx.t("allowance.run_hint"))]),
            H.el(
                .div, [("class", "actions")],
                [
                    m.filter == .missed
                        ? H.link(ctx.t("allowance.show_all"), here.path)
                        : H.link(ctx.t("allowance.show_missed"), here.path(query: [("show", "missed")]), [("class", "btn btn-secondary")])
                ] + Spreadsheet.buttons(ctx, .eligibilityExport(m.run.id))),
            H.table(
                caption: ctx.t(m.filter == .missed ? "allowance.missed" : "allowance.eligible"),
                headers: [
                    ctx.t("field.household_code"), ctx.t("field.full_name"), ctx.t("field.birth"), ctx.t("allowance.amount"), ctx.t("allowance.care_support"),
                    ctx.t("allowance.category"), ctx.t("field.state"),
                ],
                rows: m.results.map { r in
                    [
                        H.link(r.householdCode, SiteRoute.household(r.householdID).path), H.link(r.fullName, SiteRoute.personDecisions(r.personID).path),
                        .text(r.birth), .text(ctx.money(Dong(r.amount))), .text(r.careAmount > 0 ? ctx.money(Dong(r.careAmount)) : "—"),
                        H.bdi(r.categories.joined(separator: ", ")), .text(ctx.t("allowance.status.\(r.status)")),
                    ]
                }, empty: ctx.t("allowance.none")),
            H.pager(ctx, m.paging) { here.path(query: [("page", String($0))] + (m.filter == .missed ? [("show", "missed")] : [])) },
            mismatches(ctx, ctx.t("allowance.no_longer"), m.noLonger, empty: ctx.t("allowance.no_longer_none")),
            mismatches(ctx, ctx.t("allowance.different"), m.different, empty: ctx.t("allowance.different_none")),
            H.el(.p, [("class", "hint")], [.text(ctx.t("allowance.mismatch_hint"))]),
        ]
    }

    static func mismatches(_ ctx: PageContext, _ caption: String, _ list: [Mismatch], empty: String) -> Body {
        H.table(
            caption: caption,
            headers: [
                ctx.t("field.full_name"), ctx.t("field.birth"), ctx.t("decision.benefit"), ctx.t("allowance.paid_now"), ctx.t("allowance.evaluated_now"),
            ],
            rows: list.map { m in
                [
                    H.link(m.fullName, SiteRoute.personDecisions(m.personID).path), .text(m.birth), .text(AllowanceParts.benefit(ctx, m.benefit)),
                    .text(ctx.money(Dong(m.paid))), .text(m.evaluated == 0 ? ctx.t("allowance.not_eligible_now") : ctx.money(Dong(m.evaluated))),
                ]
            }, empty: empty)
    }
}
