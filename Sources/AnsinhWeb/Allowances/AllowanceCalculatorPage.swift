import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// Evaluates the allowance of any facts typed in (a person, their household, their family) for
/// a month, with each component, its article and the reasons, without writing anything.
enum AllowanceCalculatorPage: Page {
    struct Model: Sendable {
        let form: AllowancesController.CalculatorForm
        let result: AllowanceEvaluation?
        let errors: [FieldError]
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("allowance.calculator") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let f = m.form, errors = m.errors
        let check: (PageContext, String, String, Bool) -> Body = { RegistryFields.checkbox($0, name: $1, label: $2, checked: $3) }
        let checked = RegistryController.checked
        var content: [Body] = [H.el(.p, [("class", "lead")], [.text(ctx.t("allowance.calculator_intro"))])]
        if let r = m.result { content.append(AllowanceParts.result(ctx, r)) }
        content.append(
            H.form(
                ctx, action: SiteRoute.allowanceCalculator.path, classes: "card",
                [
                    H.errorSummary(ctx, errors),
                    H.field(
                        ctx, name: "month", label: ctx.t("field.month"), value: f.month ?? "", type: "month", required: true, errors: errors, hint: "YYYY-MM"),
                    H.el(
                        .fieldset, [],
                        [
                            H.el(.legend, [], [.text(ctx.t("allowance.person"))]),
                            H.field(
                                ctx, name: "birth_date", label: ctx.t("field.birth_date"), value: f.birth_date ?? "", type: "date", required: true,
                                errors: errors),
                            H.select(
                                ctx, name: "gender", label: ctx.t("field.gender"), options: AllowanceParts.options(ctx, ["gender"], Gender.self),
                                selected: f.gender,
                                errors: errors),
                            H.select(
                                ctx, name: "disability_level", label: ctx.t("field.disability"),
                                options: AllowanceParts.options(ctx, ["disability"], DisabilityLevel.self),
                                selected: f.disability_level ?? "none", errors: errors),
                            H.field(
                                ctx, name: "disability_certificate_date", label: ctx.t("field.disability_certificate_date"),
                                value: f.disability_certificate_date ?? "",
                                type: "date", errors: errors),
                            check(ctx, "hiv", ctx.t("field.hiv"), checked(f.hiv)),
                            H.select(
                                ctx, name: "marital_status", label: ctx.t("field.marital_status"),
                                options: AllowanceParts.options(ctx, ["allowance", "marital"], MaritalStatus.self),
                                selected: f.marital_status ?? "married", errors: errors),
                            check(ctx, "pregnant", ctx.t("field.pregnant"), checked(f.pregnant)),
                            H.field(ctx, name: "death_date", label: ctx.t("field.death_date"), value: f.death_date ?? "", type: "date", errors: errors),
                        ]),
                    H.el(
                        .fieldset, [],
                        [
                            H.el(.legend, [], [.text(ctx.t("allowance.household"))]),
                            H.select(
                                ctx, name: "household_poverty", label: ctx.t("field.household_poverty"),
                                options: AllowanceParts.options(ctx, ["allowance", "poverty"], HouseholdPoverty.self),
                                selected: f.household_poverty ?? "none", errors: errors),
                            H.select(
                                ctx, name: "area_type", label: ctx.t("field.area_type"), options: AllowanceParts.options(ctx, ["area"], AreaType.self),
                                selected: f.area_type,
                                errors: errors),
                            check(
                                ctx, "ethnic_mountain_difficult_area", ctx.t("field.ethnic_mountain_difficult_area"), checked(f.ethnic_mountain_difficult_area)),
                            H.select(
                                ctx, name: "supporter", label: ctx.t("field.supporter"),
                                options: AllowanceParts.options(ctx, ["allowance", "supporter"], Supporter.self),
                                selected: f.supporter ?? "present", errors: errors),
                            H.select(
                                ctx, name: "residence", label: ctx.t("field.residence"),
                                options: AllowanceParts.options(ctx, ["allowance", "residence"], Residence.self),
                                selected: f.residence ?? "community", errors: errors),
                            check(ctx, "cared_by_community_carer", ctx.t("field.cared_by_community_carer"), checked(f.cared_by_community_carer)),
                            check(ctx, "needs_facility_care", ctx.t("field.needs_facility_care"), checked(f.needs_facility_care)),
                        ]),
                    H.el(
                        .fieldset, [],
                        [
                            H.el(.legend, [], [.text(ctx.t("allowance.family"))]),
                            H.select(
                                ctx, name: "parent1", label: ctx.t("field.parent1"),
                                options: AllowanceParts.options(ctx, ["allowance", "parent"], ParentStatus.self),
                                selected: f.parent1, errors: errors, includeBlank: true),
                            H.select(
                                ctx, name: "parent2", label: ctx.t("field.parent2"),
                                options: AllowanceParts.options(ctx, ["allowance", "parent"], ParentStatus.self),
                                selected: f.parent2, errors: errors, includeBlank: true),
                            check(ctx, "abandoned", ctx.t("field.abandoned"), checked(f.abandoned)),
                            H.field(
                                ctx, name: "children", label: ctx.t("field.children"), value: f.children ?? "", errors: errors,
                                hint: ctx.t("allowance.dates_hint")),
                            H.field(
                                ctx, name: "children_studying", label: ctx.t("field.children_studying"), value: f.children_studying ?? "", errors: errors,
                                hint: ctx.t("allowance.dates_hint")),
                            H.select(
                                ctx, name: "studying", label: ctx.t("field.studying"),
                                options: AllowanceParts.options(ctx, ["allowance", "studying"], Studying.self),
                                selected: f.studying ?? "none", errors: errors),
                            check(ctx, "first_degree", ctx.t("field.first_degree"), checked(f.first_degree)),
                            check(ctx, "has_pension", ctx.t("field.has_pension"), checked(f.has_pension)),
                            check(ctx, "has_monthly_social_insurance", ctx.t("field.has_monthly_social_insurance"), checked(f.has_monthly_social_insurance)),
                        ]),
                    H.button(ctx.t("allowance.evaluate")),
                ]))
        return content
    }
}
