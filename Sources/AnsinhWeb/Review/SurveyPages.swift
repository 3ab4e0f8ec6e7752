import AnsinhCore
import AnsinhStore
import Foundation
import Plot

/// The survey form of one household (income and the deprivation indicators of the standard)
/// and the classification calculator.
extension ReviewPages {
    /// The indicator checkboxes of a standard, grouped by dimension.
    static func indicators(_ ctx: PageContext, _ standard: PovertyStandard, checked: Set<String>) -> Body {
        var dims: [String] = []
        for i in standard.indicators where !dims.contains(i.dimension) { dims.append(i.dimension) }
        return H.el(
            .fieldset, [("class", "indicators")],
            [H.el(.legend, [], [.text(ctx.t("review.deprivations_legend"))])]
                + dims.map { d in
                    H.el(
                        .div, [("class", "dimension")],
                        [H.el(.h3, [], [.text(ctx.t("dimension.\(d)"))])]
                            + standard.indicators.filter { $0.dimension == d }.map { i in
                                H.el(
                                    .div, [("class", "field checkbox")],
                                    [
                                        H.el(
                                            .input,
                                            [
                                                ("type", "checkbox"), ("id", "f-dep-" + i.code), ("name", "deprivations[]"), ("value", i.code),
                                                ("checked", checked.contains(i.code) ? "checked" : nil),
                                            ]),
                                        H.el(.label, [("for", "f-dep-" + i.code)], [.text(ctx.t("indicator.\(i.code)"))]),
                                    ])
                            })
                })
    }

    static func survey(
        _ ctx: PageContext, _ e: EntryView, campaign c: CampaignView, standard: PovertyStandard, form: ReviewController.SurveyForm?,
        errors: [FieldError], today: LocalDate
    ) -> String {
        let canEdit = ctx.actor!.role.can(.manageReview)
        let checked = Set(form?.deprivations ?? e.deprivations)
        var content: [Body] = [
            nav(ctx),
            H.link("← " + campaignTitle(ctx, c), SiteRoute.reviewCampaign(c.id).path),
            H.dl([
                (ctx.t("field.household_code"), H.link(e.householdCode, SiteRoute.household(e.householdID).path)),
                (ctx.t("registry.head"), .text(e.headName ?? "—")),
                (ctx.t("field.address"), .text(e.address)),
                (ctx.t("unitkind.residential_group"), .text(e.groupName ?? "—")),
                (ctx.t("field.area_type"), .text(ctx.t("area.\(e.areaType.rawValue)"))),
                (ctx.t("review.origin"), .text(ctx.t("review.origin.\(e.origin.rawValue)"))),
                (ctx.t("review.previous_class"), .text(className(ctx, e.previousClass))),
                (ctx.t("review.standard"), .text(standard.title)),
                (ctx.t("review.income_line"), .text(ctx.money(Dong(standard.incomeLine.value(e.areaType))))),
            ]),
        ]
        if let cls = e.povertyClass {
            content.append(
                H.el(
                    .section, [("class", "card result"), ("aria-labelledby", "h-result")],
                    [
                        H.el(.h2, [("id", "h-result")], [.text(ctx.t("review.result")), .text(" "), classBadge(ctx, cls)]),
                        reasons(ctx, e.reasons),
                        H.el(
                            .p, [("class", "hint")],
                            [
                                .text(
                                    ctx.t(
                                        "review.collected_by",
                                        [
                                            "collector": e.collector ?? "—", "date": e.collectedOn.map(ctx.date) ?? "—",
                                            "user": e.enteredBy ?? "—",
                                        ]))
                            ]),
                    ]))
        }
        if canEdit {
            content.append(
                H.form(
                    ctx, action: SiteRoute.reviewEntry(e.id).path, classes: "card",
                    [
                        H.errorSummary(ctx, errors),
                        H.field(
                            ctx, name: "income_per_person", label: ctx.t("field.income_per_person"),
                            value: form?.income_per_person ?? e.income.map(String.init) ?? "", type: "text", required: true, errors: errors,
                            hint: ctx.t("review.income_hint")),
                        indicators(ctx, standard, checked: checked),
                        errors.first { $0.field == "deprivations" }.map { H.el(.p, [("class", "error")], [.text(ctx.t($0.message))]) } ?? .empty,
                        H.field(
                            ctx, name: "collector", label: ctx.t("field.collector"), value: form?.collector ?? e.collector ?? "", required: true, errors: errors
                        ),
                        H.field(
                            ctx, name: "collected_on", label: ctx.t("field.collected_on"), value: form?.collected_on ?? e.collectedOn?.iso ?? today.iso,
                            type: "date", required: true, errors: errors),
                        H.button(ctx.t("review.save_survey")),
                    ]))
        }
        return Layout.render(ctx, title: ctx.t("review.survey_title", ["code": e.householdCode]), content)
    }

    static func calculator(_ ctx: PageContext, form f: ReviewController.CalculatorForm, result: PovertyResult?, errors: [FieldError]) -> String {
        let period = ((try? Bounds.int(f.period, field: "period", in: Bounds.year)) ?? nil) ?? PovertyRules.shared.periods.lowerBound
        let standard = PovertyRules.shared.standard(for: period) ?? PovertyRules.shared.standards.last!
        var content: [Body] = [nav(ctx), H.el(.p, [("class", "lead")], [.text(ctx.t("review.calculator_intro"))])]
        if let r = result {
            content.append(
                H.el(
                    .section, [("class", "card result"), ("aria-live", "polite"), ("aria-labelledby", "h-result")],
                    [
                        H.el(.h2, [("id", "h-result")], [.text(ctx.t("review.result")), .text(" "), classBadge(ctx, r.povertyClass)]),
                        H.el(.p, [], [.text(ctx.t("review.result_standard", ["standard": r.standard.title, "count": "\(r.deprivationCount)"]))]),
                        reasons(ctx, r.reasons),
                    ]))
        }
        content.append(
            H.form(
                ctx, action: SiteRoute.reviewCalculator.path, classes: "card",
                [
                    H.errorSummary(ctx, errors),
                    H.field(
                        ctx, name: "period", label: ctx.t("field.period"), value: f.period ?? "", type: "number", required: true, errors: errors,
                        hint: ctx.t(
                            "review.period_range", ["first": "\(PovertyRules.shared.periods.lowerBound)", "last": "\(PovertyRules.shared.periods.upperBound)"])),
                    H.select(
                        ctx, name: "area_type", label: ctx.t("field.area_type"), options: AreaType.allCases.map { ($0.rawValue, ctx.t("area.\($0.rawValue)")) },
                        selected: f.area_type, errors: errors),
                    H.field(
                        ctx, name: "income_per_person", label: ctx.t("field.income_per_person"), value: f.income_per_person ?? "", required: true,
                        errors: errors,
                        hint: ctx.t("review.income_hint")),
                    indicators(ctx, standard, checked: Set(f.deprivations ?? [])),
                    errors.first { $0.field == "deprivations" }.map { H.el(.p, [("class", "error")], [.text(ctx.t($0.message))]) } ?? .empty,
                    H.el(.p, [("class", "hint")], [.text(ctx.t("review.indicator_set_hint", ["standard": standard.id]))]),
                    H.button(ctx.t("review.classify")),
                ]))
        return Layout.render(ctx, title: ctx.t("review.calculator"), content)
    }
}
