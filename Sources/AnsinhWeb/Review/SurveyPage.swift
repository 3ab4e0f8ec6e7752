import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The survey of one household of a review: what the registry knows, the result with its
/// reasons, and (for who manages reviews) the form with income and the standard's indicators.
enum SurveyPage: Page {
    struct Model: Sendable {
        let entryID: UUID
        let campaignID: UUID
        let campaign: CampaignsPage.Name
        let householdID: UUID
        let householdCode: String
        let headName: String?
        let address: String
        let groupName: String?
        let areaType: AreaType
        let origin: EntryOrigin
        let previousClass: PovertyClass?
        let standard: PovertyStandard
        let income: Int64?
        let deprivations: [String]
        let collector: String?
        let collectedOn: LocalDate?
        let enteredBy: String?
        let povertyClass: PovertyClass?
        let reasons: [Reason]
        let canEdit: Bool
        let today: LocalDate
        /// The form as sent when refused, with its errors.
        let form: ReviewController.SurveyForm?
        let errors: [FieldError]
    }

    /// The query: the entry, its campaign and the campaign's standard.
    static func model(for req: Request, form: ReviewController.SurveyForm? = nil, errors: [FieldError] = []) async throws -> Model {
        let actor = try req.requireActor()
        let (e, c, standard) = try await ReviewRepository(req.store).entry(actor, id: try req.idParameter())
        return Model(
            entryID: e.id, campaignID: c.id, campaign: CampaignsPage.Name(c), householdID: e.householdID, householdCode: e.householdCode,
            headName: e.headName, address: e.address, groupName: e.groupName, areaType: e.areaType, origin: e.origin, previousClass: e.previousClass,
            standard: standard, income: e.income, deprivations: e.deprivations, collector: e.collector, collectedOn: e.collectedOn,
            enteredBy: e.enteredBy, povertyClass: e.povertyClass, reasons: e.reasons, canEdit: actor.role.can(.manageReview), today: req.today,
            form: form, errors: errors)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("review.survey_title", ["code": m.householdCode]) }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let form = m.form, errors = m.errors
        var content: [Body] = [
            ReviewParts.nav(ctx),
            H.link("← " + m.campaign.text(ctx), SiteRoute.reviewCampaign(m.campaignID).path),
            H.dl([
                (ctx.t("field.household_code"), H.link(m.householdCode, SiteRoute.household(m.householdID).path)),
                (ctx.t("registry.head"), .text(m.headName ?? "—")),
                (ctx.t("field.address"), .text(m.address)),
                (ctx.t("unitkind.residential_group"), .text(m.groupName ?? "—")),
                (ctx.t("field.area_type"), .text(ctx.t("area.\(m.areaType.rawValue)"))),
                (ctx.t("review.origin"), .text(ctx.t("review.origin.\(m.origin.rawValue)"))),
                (ctx.t("review.previous_class"), .text(ReviewParts.className(ctx, m.previousClass))),
                (ctx.t("review.standard"), .text(m.standard.title)),
                (ctx.t("review.income_line"), .text(ctx.money(Dong(m.standard.incomeLine.value(m.areaType))))),
            ]),
        ]
        if let cls = m.povertyClass {
            content.append(
                H.el(
                    .section, [("class", "card result"), ("aria-labelledby", "h-result")],
                    [
                        H.el(.h2, [("id", "h-result")], [.text(ctx.t("review.result")), .text(" "), ReviewParts.classBadge(ctx, cls)]),
                        ReviewParts.reasons(ctx, m.reasons),
                        H.el(
                            .p, [("class", "hint")],
                            [
                                .text(
                                    ctx.t(
                                        "review.collected_by",
                                        ["collector": m.collector ?? "—", "date": m.collectedOn.map(ctx.date) ?? "—", "user": m.enteredBy ?? "—"]))
                            ]),
                    ]))
        }
        if m.canEdit {
            content.append(
                H.form(
                    ctx, action: SiteRoute.reviewEntry(m.entryID).path, classes: "card",
                    [
                        H.errorSummary(ctx, errors),
                        H.field(
                            ctx, name: "income_per_person", label: ctx.t("field.income_per_person"),
                            value: form?.income_per_person ?? m.income.map(String.init) ?? "", type: "text", required: true, errors: errors,
                            hint: ctx.t("review.income_hint")),
                        ReviewParts.indicators(ctx, m.standard, checked: Set(form?.deprivations ?? m.deprivations)),
                        errors.first { $0.field == "deprivations" }.map { H.el(.p, [("class", "error")], [.text(ctx.t($0.message))]) } ?? .empty,
                        H.field(
                            ctx, name: "collector", label: ctx.t("field.collector"), value: form?.collector ?? m.collector ?? "", required: true, errors: errors
                        ),
                        H.field(
                            ctx, name: "collected_on", label: ctx.t("field.collected_on"), value: form?.collected_on ?? m.collectedOn?.iso ?? m.today.iso,
                            type: "date", required: true, errors: errors),
                        H.button(ctx.t("review.save_survey")),
                    ]))
        }
        return content
    }
}

/// Classifies a household from its income and deprivations under the standard of a period,
/// with the reasons, without writing anything.
enum PovertyCalculatorPage: Page {
    struct Model: Sendable {
        let form: ReviewController.CalculatorForm
        let result: PovertyResult?
        let errors: [FieldError]
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("review.calculator") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let f = m.form, errors = m.errors
        let rules = PovertyRules.shared
        let period = ((try? Bounds.int(f.period, field: "period", in: Bounds.year)) ?? nil) ?? rules.periods.lowerBound
        let standard = rules.standard(for: period) ?? rules.standards.last!
        var content: [Body] = [ReviewParts.nav(ctx), H.el(.p, [("class", "lead")], [.text(ctx.t("review.calculator_intro"))])]
        if let r = m.result {
            content.append(
                H.el(
                    .section, [("class", "card result"), ("aria-live", "polite"), ("aria-labelledby", "h-result")],
                    [
                        H.el(.h2, [("id", "h-result")], [.text(ctx.t("review.result")), .text(" "), ReviewParts.classBadge(ctx, r.povertyClass)]),
                        H.el(.p, [], [.text(ctx.t("review.result_standard", ["standard": r.standard.title, "count": "\(r.deprivationCount)"]))]),
                        ReviewParts.reasons(ctx, r.reasons),
                    ]))
        }
        content.append(
            H.form(
                ctx, action: SiteRoute.reviewCalculator.path, classes: "card",
                [
                    H.errorSummary(ctx, errors),
                    H.field(
                        ctx, name: "period", label: ctx.t("field.period"), value: f.period ?? "", type: "number", required: true, errors: errors,
                        hint: ctx.t("review.period_range", ["first": "\(rules.periods.lowerBound)", "last": "\(rules.periods.upperBound)"])),
                    H.select(
                        ctx, name: "area_type", label: ctx.t("field.area_type"), options: AreaType.allCases.map { ($0.rawValue, ctx.t("area.\($0.rawValue)")) },
                        selected: f.area_type, errors: errors),
                    H.field(
                        ctx, name: "income_per_person", label: ctx.t("field.income_per_person"), value: f.income_per_person ?? "", required: true,
                        errors: errors, hint: ctx.t("review.income_hint")),
                    ReviewParts.indicators(ctx, standard, checked: Set(f.deprivations ?? [])),
                    errors.first { $0.field == "deprivations" }.map { H.el(.p, [("class", "error")], [.text(ctx.t($0.message))]) } ?? .empty,
                    H.el(.p, [("class", "hint")], [.text(ctx.t("review.indicator_set_hint", ["standard": standard.id]))]),
                    H.button(ctx.t("review.classify")),
                ]))
        return content
    }
}
