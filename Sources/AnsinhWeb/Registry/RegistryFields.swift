import AnsinhCore
import AnsinhStore
import Foundation
import Plot

/// The registry's shared form pieces: the person fields (household form, new member, person
/// form), the choice lists, a checkbox, and the note of a capped search.
enum RegistryFields {
    static func genderOptions(_ ctx: PageContext) -> [(String, String)] { Gender.allCases.map { ($0.rawValue, ctx.t("gender.\($0.rawValue)")) } }
    static func disabilityOptions(_ ctx: PageContext) -> [(String, String)] {
        DisabilityLevel.allCases.map { ($0.rawValue, ctx.t("disability.\($0.rawValue)")) }
    }
    static func roleOptions(_ ctx: PageContext, includeHead: Bool) -> [(String, String)] {
        MemberRole.allCases.filter { includeHead || $0 != .head }.map { ($0.rawValue, ctx.t("member.\($0.rawValue)")) }
    }

    static func checkbox(_ ctx: PageContext, name: String, label: String, checked: Bool, errors: [FieldError] = []) -> Body {
        checkbox(ctx, name: name, label: label, checked: checked, id: "f-" + name, errors: errors)
    }

    /// A checkbox with its own element id (for a page with several forms holding it), and its
    /// error tied to it for screen readers when the form came back with one.
    static func checkbox(_ ctx: PageContext, name: String, label: String, checked: Bool, id: String, errors: [FieldError] = []) -> Body {
        let error = errors.first { $0.field == name }
        return H.el(
            .div, [("class", error == nil ? "field checkbox" : "field checkbox has-error")],
            [
                H.el(
                    .input,
                    [("type", "checkbox"), ("id", id), ("name", name), ("checked", checked ? "checked" : nil)]
                        + (error == nil ? [] : [("aria-invalid", "true"), ("aria-describedby", id + "-error")])),
                H.el(.label, [("for", id)], [.text(label)]),
                error.map { H.el(.p, [("class", "error"), ("id", id + "-error")], [.text(ctx.t($0.message))]) } ?? .empty,
            ])
    }

    /// Tells the officer that a search reached `SearchIndex.maxMatches` and needs another word.
    static func cappedNote(_ ctx: PageContext, query: String?, total: Int) -> Body {
        guard query?.isEmpty == false, total >= SearchIndex.maxMatches else { return .empty }
        return H.el(
            .p, [("class", "flash flash-info"), ("role", "status")],
            [.text(ctx.t("registry.search_capped", ["count": ctx.number(SearchIndex.maxMatches)]))])
    }

    static func personFields(_ ctx: PageContext, prefix: String, form: RegistryController.PersonForm, errors: [FieldError], withSensitive: Bool) -> [Body] {
        var fields: [Body] = [
            H.field(ctx, name: prefix + "full_name", label: ctx.t("field.full_name"), value: form.full_name ?? "", required: true, errors: errors),
            H.select(
                ctx, name: prefix + "gender", label: ctx.t("field.gender"), options: genderOptions(ctx), selected: form.gender, errors: errors,
                includeBlank: true),
            H.field(
                ctx, name: prefix + "birth", label: ctx.t("field.birth"), value: form.birth ?? "", required: true, errors: errors,
                hint: ctx.t("registry.birth_hint")),
            H.field(
                ctx, name: prefix + "national_id", label: ctx.t("field.national_id"), value: form.national_id ?? "", errors: errors,
                hint: ctx.t("registry.national_id_hint")),
            H.field(ctx, name: prefix + "phone", label: ctx.t("field.phone"), value: form.phone ?? "", type: "tel", errors: errors),
            H.select(
                ctx, name: prefix + "disability", label: ctx.t("field.disability"), options: disabilityOptions(ctx), selected: form.disability ?? "none",
                errors: errors),
            H.field(
                ctx, name: prefix + "disability_certificate_date", label: ctx.t("field.disability_certificate_date"),
                value: form.disability_certificate_date ?? "", type: "date", errors: errors),
            checkbox(ctx, name: prefix + "has_pension", label: ctx.t("field.has_pension"), checked: RegistryController.checked(form.has_pension)),
            checkbox(ctx, name: prefix + "has_merit", label: ctx.t("field.has_merit"), checked: RegistryController.checked(form.has_merit)),
        ]
        if withSensitive {
            fields.append(H.field(ctx, name: prefix + "ethnicity", label: ctx.t("field.ethnicity"), value: form.ethnicity ?? "", errors: errors))
            fields.append(checkbox(ctx, name: prefix + "hiv", label: ctx.t("field.hiv"), checked: RegistryController.checked(form.hiv)))
            fields.append(
                H.field(ctx, name: prefix + "death_date", label: ctx.t("field.death_date"), value: form.death_date ?? "", type: "date", errors: errors))
        }
        return fields
    }
}
