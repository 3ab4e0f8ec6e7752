import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The centre's figures for a year, counted from the records when the page is asked for.
enum CentreReportPage: Page {
    struct Model: Sendable {
        let unitCode: String
        let year: Int
        let figures: CaseFigures
        /// The hotline's year, for a viewer who answers it.
        let hotline: HotlineReport?
        /// The residents, for a viewer who sees them.
        let care: CareFigures?
        /// The centres the viewer may report on.
        let units: [(code: String, name: String)]
        /// Departments under the centre and staff in post on the last day.
        var departments = 0
        var staff = 0
        /// Children in therapy on the last day and therapy sessions in the year (who sees the residents).
        var therapy: (inTreatment: Int, sessions: Int)? = nil
        /// Young people helped into a job in the year (who sees the residents).
        var intoJobs: Int? = nil
        /// Fee-paying care in the year (who sees the residents).
        var contracts: ContractFigures? = nil
        /// The Child Protection Fund's year and the charity raised (who sees the funds).
        var childProtectionFund: FundFigures? = nil
        var charityRaised: Int64? = nil
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        try actor.require(.viewCases)
        let year = try req.queryInt("year", in: Bounds.year) ?? req.today.year
        let units = try await UnitRepository(req.store).all(actor, kinds: [.centre]).map { (code: $0.code, name: $0.name) }
        let asked = req.query[String.self, at: "unit"] ?? units.first?.code
        guard let code = asked else { return Model(unitCode: "", year: year, figures: CaseFigures(), hotline: nil, care: nil, units: []) }
        let hotline = actor.role.can(.answerHotline) ? try await HotlineRepository(req.store).report(actor, unitCode: code, year: year) : nil
        let care = actor.role.can(.viewCare) ? try await CareRepository(req.store).figures(actor, unitCode: code, year: year) : nil
        let staff = try await StaffRepository(req.store).figures(actor, unitCode: code, on: LocalDate(year: year, month: 12, day: 31)!)
        let funds = FundRepository(req.store), seesFunds = actor.role.can(.viewFunds)
        return Model(
            unitCode: code, year: year, figures: try await CaseRepository(req.store).figures(actor, unitCode: code, year: year), hotline: hotline,
            care: care, units: units, departments: staff.departments, staff: staff.staff,
            therapy: actor.role.can(.viewCare) ? try await TherapyRepository(req.store).figures(actor, unitCode: code, year: year) : nil,
            intoJobs: actor.role.can(.viewCare) ? try await CareRepository(req.store).placedInJobs(actor, unitCode: code, year: year) : nil,
            contracts: actor.role.can(.viewCare) ? try await CareRepository(req.store).contractFigures(actor, unitCode: code, year: year) : nil,
            childProtectionFund: seesFunds ? try await funds.figures(actor, unitCode: code, year: year, kind: .childProtection) : nil,
            charityRaised: seesFunds ? try await funds.figures(actor, unitCode: code, year: year, kind: .charity).received : nil)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("case.centre_report_title", ["year": "\(m.year)"]) }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let f = m.figures
        return [
            CaseParts.nav(ctx),
            H.form(
                ctx, action: SiteRoute.centreReport.path, method: "get", classes: "filters",
                [
                    H.select(ctx, name: "unit", label: ctx.t("unitkind.centre"), options: m.units.map { ($0.code, $0.name) }, selected: m.unitCode),
                    H.field(ctx, name: "year", label: ctx.t("field.year"), value: "\(m.year)", type: "number"),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.el(.h2, [], [.text(ctx.t("case.emergency_cases"))]),
            H.dl([
                (ctx.t("case.figure.total"), .text(ctx.number(f.total))),
                (ctx.t("case.placement.temporary_shelter"), .text(ctx.number(f.temporaryShelter))),
                (ctx.t("case.placement.community_support"), .text(ctx.number(f.communitySupport))),
                (ctx.t("case.status.closed"), .text(ctx.number(f.closed))),
                (ctx.t("case.figure.follow_up"), .text(ctx.number(f.followUp))),
            ]),
            m.care.map { c in
                H.el(
                    .section, [("aria-labelledby", "h-care")],
                    [
                        H.el(.h2, [("id", "h-care")], [.text(ctx.t("care.residents_year"))]),
                        H.dl([
                            (ctx.t("care.figure.children"), .text(ctx.number(c.children))), (ctx.t("care.figure.adults"), .text(ctx.number(c.adults))),
                            (ctx.t("care.figure.admitted"), .text(ctx.number(c.admitted))), (ctx.t("care.figure.discharged"), .text(ctx.number(c.discharged))),
                        ]),
                        H.dl([(ctx.t("staff.figure.departments"), .text(ctx.number(m.departments))), (ctx.t("staff.figure.staff"), .text(ctx.number(m.staff)))]
                        ),
                        m.therapy.map { t in
                            H.dl([
                                (ctx.t("therapy.figure.children"), .text(ctx.number(t.inTreatment))),
                                (ctx.t("therapy.figure.sessions"), .text(ctx.number(t.sessions))),
                            ])
                        } ?? .empty,
                        m.intoJobs.map { H.dl([(ctx.t("care.figure.into_jobs"), .text(ctx.number($0)))]) } ?? .empty,
                        m.contracts.map { c in
                            H.dl([
                                (ctx.t("contract.figure.active"), .text(ctx.number(c.active))),
                                (ctx.t("contract.invoiced"), .text(ctx.money(Dong(c.invoiced)))), (ctx.t("contract.paid"), .text(ctx.money(Dong(c.received)))),
                                (ctx.t("contract.arrears"), .text(ctx.money(Dong(c.arrears)))),
                            ])
                        } ?? .empty,
                    ])
            } ?? .empty,
            m.childProtectionFund.map { f in
                H.el(
                    .section, [("aria-labelledby", "h-funds")],
                    [
                        H.el(.h2, [("id", "h-funds")], [.text(ctx.t("fund.type.child_protection"))]),
                        H.dl([
                            (ctx.t("fund.received"), .text(ctx.money(Dong(f.received)))), (ctx.t("fund.figure.donors"), .text(ctx.number(f.donors))),
                            (ctx.t("fund.given_out"), .text(ctx.money(Dong(f.givenOut)))),
                            (ctx.t("fund.figure.charity"), .text(ctx.money(Dong(m.charityRaised ?? 0)))),
                        ]),
                    ])
            } ?? .empty,
            m.hotline.map { h in
                H.el(
                    .section, [("aria-labelledby", "h-hotline")],
                    [
                        H.el(.h2, [("id", "h-hotline")], [.text(ctx.t("hotline.year"))]),
                        H.dl([
                            (ctx.t("hotline.figure.contacts"), .text(ctx.number(h.contacts))),
                            (ctx.t("hotline.figure.answered"), .text(ctx.number(h.answered) + " (\(h.answeredShare) %)")),
                        ]),
                        H.table(
                            caption: ctx.t("hotline.by_topic"), headers: [ctx.t("hotline.topic"), ctx.t("hotline.figure.contacts")],
                            rows: h.byTopic.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map {
                                [.text(HotlineParts.topic(ctx, $0.key, nil)), .text(ctx.number($0.value))]
                            }, empty: ctx.t("hotline.none")),
                    ])
            } ?? .empty,
        ]
    }
}
