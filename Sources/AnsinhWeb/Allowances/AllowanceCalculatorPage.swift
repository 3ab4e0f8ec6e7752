import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// Evaluates the allowance of any facts typed in (a person, their household, their family) for
/// a month, with each component, its article and the reasons, without writing anything.
enum AllowanceCalculatorPage: Page {
    struct Model: Sendable {
        let form: AllowancesController.CalculatorForm
        let circumstances: CircumstanceForm
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
                                ctx, name: "residence", label: ctx.t("field.residence"),
                                options: AllowanceParts.options(ctx, ["allowance", "residence"], Residence.self),
                                selected: f.residence ?? "community", errors: errors),
                            check(ctx, "has_pension", ctx.t("field.has_pension"), checked(f.has_pension)),
                        ]),
                ] + m.circumstances.fieldsets(ctx, errors) + [
                    H.button(ctx.t("allowance.evaluate"))
                ]))
        return content
    }
}
