import AnsinhCore
import AnsinhStore
import Foundation
import Plot
import Vapor

/// Reads form values into facts, collecting one error per field that cannot be read.
final class FactReader {
    var errors: [FieldError] = []

    func date(_ field: String, _ value: String?, required: Bool = false) -> LocalDate? {
        let v = (value ?? "").trimmingCharacters(in: .whitespaces)
        if v.isEmpty { if required { errors.append(FieldError(field: field, message: Message("validation.required"))) }; return nil }
        guard let d = LocalDate(iso: v) else { errors.append(FieldError(field: field, message: Message("validation.date"))); return nil }
        return d
    }
    func choice<T: RawRepresentable>(_ field: String, _ value: String?, _ fallback: T) -> T where T.RawValue == String {
        guard let v = value, !v.isEmpty else { return fallback }
        guard let t = T(rawValue: v) else { errors.append(FieldError(field: field, message: Message("validation.choice"))); return fallback }
        return t
    }
    /// Dates separated by commas, semicolons, spaces or lines.
    func dates(_ field: String, _ value: String?) -> [LocalDate] {
        (value ?? "").split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " || $0 == "\n" || $0 == "\r" }).compactMap { s in
            guard let d = LocalDate(iso: String(s)) else { errors.append(FieldError(field: field, message: Message("validation.date"))); return nil }
            return d
        }
    }
    /// A whole amount in đồng (dots, commas and spaces between thousands allowed); empty: none.
    func amount(_ field: String, _ value: String?) -> Int64? {
        let v = (value ?? "").filter { !" .,\u{00A0}".contains($0) }
        if v.isEmpty { return nil }
        guard v.count <= 13, let n = Int64(v), n >= 0 else {
            errors.append(FieldError(field: field, message: Message("allowance.error.amount_range"))); return nil
        }
        return n
    }
}

/// The form fields of a person's circumstances (`PersonCircumstances`), shared by the
/// calculator and the person's facts page: read with an error per field, drawn as two fieldsets.
struct CircumstanceForm: Content {
    var marital_status: String?; var parent1: String?; var parent2: String?; var abandoned: String?
    var children: String?; var children_studying: String?; var studying: String?; var first_degree: String?
    var receiving_5_1_at_16: String?; var has_monthly_social_insurance: String?; var monthly_social_insurance_amount: String?
    var supporter: String?; var cared_by_community_carer: String?; var household_carer: String?
    var needs_facility_care: String?; var pregnant: String?; var spouse_receives_care_support: String?

    init() {}

    /// The form filled with recorded circumstances.
    init(_ c: PersonCircumstances) {
        func on(_ b: Bool) -> String? { b ? "on" : nil }
        marital_status = c.maritalStatus.rawValue
        parent1 = c.parents.first?.status.rawValue; parent2 = c.parents.dropFirst().first?.status.rawValue
        abandoned = on(c.abandoned)
        children = c.childrenRaised.filter { !$0.studying }.map(\.birthDate.iso).joined(separator: ", ")
        children_studying = c.childrenRaised.filter(\.studying).map(\.birthDate.iso).joined(separator: ", ")
        studying = c.studying.rawValue; first_degree = on(c.firstDegree); receiving_5_1_at_16 = on(c.receiving51At16)
        has_monthly_social_insurance = on(c.hasMonthlySocialInsurance); monthly_social_insurance_amount = c.monthlySocialInsuranceAmount.map(String.init)
        supporter = c.supporter.rawValue; cared_by_community_carer = on(c.caredByCommunityCarer); household_carer = on(c.householdCarer)
        needs_facility_care = on(c.needsFacilityCare); pregnant = on(c.pregnant); spouse_receives_care_support = on(c.spouseReceivesCareSupport)
    }

    /// The circumstances the form says; unreadable values are reported in `reader`.
    func read(_ r: FactReader) -> PersonCircumstances {
        let checked = RegistryController.checked
        var c = PersonCircumstances()
        c.maritalStatus = r.choice("marital_status", marital_status, MaritalStatus.married)
        c.parents = [parent1, parent2].enumerated().compactMap { i, v in
            guard let v, !v.isEmpty else { return nil }
            return ParentFact(status: r.choice("parent\(i + 1)", v, ParentStatus.unknown))
        }
        c.abandoned = checked(abandoned)
        c.childrenRaised =
            r.dates("children", children).map { ChildFact(birthDate: $0) }
            + r.dates("children_studying", children_studying).map { ChildFact(birthDate: $0, studying: true) }
        if c.childrenRaised.count > PersonCircumstances.maxChildren {
            r.errors.append(FieldError(field: "children", message: Message("allowance.error.children_count")))
        }
        c.studying = r.choice("studying", studying, Studying.none)
        c.firstDegree = checked(first_degree)
        c.receiving51At16 = checked(receiving_5_1_at_16)
        c.hasMonthlySocialInsurance = checked(has_monthly_social_insurance)
        c.monthlySocialInsuranceAmount = r.amount("monthly_social_insurance_amount", monthly_social_insurance_amount)
        c.supporter = r.choice("supporter", supporter, Supporter.present)
        c.caredByCommunityCarer = checked(cared_by_community_carer)
        c.householdCarer = checked(household_carer)
        c.needsFacilityCare = checked(needs_facility_care)
        c.pregnant = checked(pregnant)
        c.spouseReceivesCareSupport = checked(spouse_receives_care_support)
        return c
    }

    /// The family fieldset (Art. 5(1), 5(2), 5(4)) and the care and support fieldset (Art. 5(5),
    /// 20; social insurance).
    func fieldsets(_ ctx: PageContext, _ errors: [FieldError]) -> [Body] {
        let checked = RegistryController.checked
        func check(_ name: String, _ value: String?) -> Body {
            RegistryFields.checkbox(ctx, name: name, label: ctx.t("field.\(name)"), checked: checked(value))
        }
        return [
            H.el(
                .fieldset, [],
                [
                    H.el(.legend, [], [.text(ctx.t("allowance.family"))]),
                    H.select(
                        ctx, name: "marital_status", label: ctx.t("field.marital_status"),
                        options: AllowanceParts.options(ctx, ["allowance", "marital"], MaritalStatus.self), selected: marital_status ?? "married",
                        errors: errors),
                    H.select(
                        ctx, name: "parent1", label: ctx.t("field.parent1"), options: AllowanceParts.options(ctx, ["allowance", "parent"], ParentStatus.self),
                        selected: parent1, errors: errors, includeBlank: true),
                    H.select(
                        ctx, name: "parent2", label: ctx.t("field.parent2"), options: AllowanceParts.options(ctx, ["allowance", "parent"], ParentStatus.self),
                        selected: parent2, errors: errors, includeBlank: true),
                    check("abandoned", abandoned),
                    H.field(ctx, name: "children", label: ctx.t("field.children"), value: children ?? "", errors: errors, hint: ctx.t("allowance.dates_hint")),
                    H.field(
                        ctx, name: "children_studying", label: ctx.t("field.children_studying"), value: children_studying ?? "", errors: errors,
                        hint: ctx.t("allowance.dates_hint")),
                    H.select(
                        ctx, name: "studying", label: ctx.t("field.studying"), options: AllowanceParts.options(ctx, ["allowance", "studying"], Studying.self),
                        selected: studying ?? "none", errors: errors),
                    check("first_degree", first_degree), check("receiving_5_1_at_16", receiving_5_1_at_16),
                ]),
            H.el(
                .fieldset, [],
                [
                    H.el(.legend, [], [.text(ctx.t("allowance.care_and_support"))]),
                    H.select(
                        ctx, name: "supporter", label: ctx.t("field.supporter"),
                        options: AllowanceParts.options(ctx, ["allowance", "supporter"], Supporter.self),
                        selected: supporter ?? "present", errors: errors),
                    check("household_carer", household_carer), check("cared_by_community_carer", cared_by_community_carer),
                    check("needs_facility_care", needs_facility_care), check("pregnant", pregnant),
                    check("spouse_receives_care_support", spouse_receives_care_support),
                    check("has_monthly_social_insurance", has_monthly_social_insurance),
                    H.field(
                        ctx, name: "monthly_social_insurance_amount", label: ctx.t("field.monthly_social_insurance_amount"),
                        value: monthly_social_insurance_amount ?? "", errors: errors, hint: ctx.t("allowance.amount_hint")),
                ]),
        ]
    }
}
