import AnsinhCore
import AnsinhStore
import Foundation
import Plot

enum RegistryPages {
    static func genderOptions(_ ctx: PageContext) -> [(String, String)] { Gender.allCases.map { ($0.rawValue, ctx.t("gender.\($0.rawValue)")) } }
    static func disabilityOptions(_ ctx: PageContext) -> [(String, String)] {
        DisabilityLevel.allCases.map { ($0.rawValue, ctx.t("disability.\($0.rawValue)")) }
    }
    static func roleOptions(_ ctx: PageContext, includeHead: Bool) -> [(String, String)] {
        MemberRole.allCases.filter { includeHead || $0 != .head }.map { ($0.rawValue, ctx.t("member.\($0.rawValue)")) }
    }

    static func checkbox(_ ctx: PageContext, name: String, label: String, checked: Bool) -> Body {
        H.el(
            .div, [("class", "field checkbox")],
            [
                H.el(.input, [("type", "checkbox"), ("id", "f-" + name), ("name", name), ("checked", checked ? "checked" : nil)]),
                H.el(.label, [("for", "f-" + name)], [.text(label)]),
            ])
    }

    static func households(_ ctx: PageContext, page: ResultPage<HouseholdSummary>, query: String?, group: UUID?, groups: [UnitView]) -> String {
        let actor = ctx.actor!
        let rows: [[Body]] = page.items.map { s in
            [
                H.link(s.household.code, SiteRoute.household(s.household.id).path), .text(s.headName ?? "—"), .text("\(s.memberCount)"),
                .text(s.groupName ?? "—"), .text(s.household.address), .text(ctx.t("household.status.\(s.household.status.rawValue)")),
            ]
        }
        let query: [(String, String?)] = [("q", query), ("group", group?.uuidString)]
        return Layout.render(
            ctx, title: ctx.t("registry.households"),
            [
                H.form(
                    ctx, action: SiteRoute.households.path, method: "get", classes: "filters",
                    [
                        H.field(ctx, name: "q", label: ctx.t("common.search"), value: query[0].1 ?? "", type: "search", hint: ctx.t("registry.search_hint")),
                        H.select(
                            ctx, name: "group", label: ctx.t("unitkind.residential_group"), options: groups.map { ($0.id.uuidString, $0.name) },
                            selected: group?.uuidString, includeBlank: true),
                        H.button(ctx.t("common.filter"), kind: "secondary"),
                    ]),
                H.el(
                    .div, [("class", "actions")],
                    [
                        actor.role.can(.manageRegistry)
                            ? H.link(ctx.t("registry.household_new"), SiteRoute.householdNew.path, [("class", "btn btn-primary")]) : .empty,
                        actor.role.can(.manageRegistry)
                            ? H.link(ctx.t("import.title"), SiteRoute.registryImport.path, [("class", "btn btn-secondary")]) : .empty,
                        .group(Spreadsheet.buttons(ctx, .householdsExport, query: query)),
                    ]),
                H.table(
                    caption: ctx.t("registry.households"),
                    headers: [
                        ctx.t("field.household_code"), ctx.t("registry.head"), ctx.t("registry.members"), ctx.t("unitkind.residential_group"),
                        ctx.t("field.address"), ctx.t("field.state"),
                    ],
                    rows: rows, empty: ctx.t("registry.no_households")),
                cappedNote(ctx, query: query[0].1, total: page.total),
                H.pager(ctx, page: page.page, pageCount: page.pageCount, total: page.total) { p in
                    SiteRoute.households.path(query: query + [("page", String(p))])
                },
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

    static func householdForm(_ ctx: PageContext, form f: RegistryController.HouseholdForm, units: [UnitView], errors: [FieldError]) -> String {
        let communes = units.filter { $0.kind == .commune }
        let groups = units.filter { $0.kind == .residentialGroup }
        let head = RegistryController.PersonForm(
            full_name: f.head_full_name, gender: f.head_gender, birth: f.head_birth,
            national_id: f.head_national_id, phone: f.head_phone, disability: f.head_disability,
            disability_certificate_date: f.head_disability_certificate_date,
            has_pension: f.head_has_pension, has_merit: f.head_has_merit)
        return Layout.render(
            ctx, title: ctx.t("registry.household_new"),
            [
                H.form(
                    ctx, action: SiteRoute.households.path, classes: "card",
                    [
                        H.errorSummary(ctx, errors),
                        H.el(
                            .fieldset, [],
                            [
                                H.el(.legend, [], [.text(ctx.t("registry.household"))]),
                                H.field(ctx, name: "code", label: ctx.t("field.household_code"), value: f.code ?? "", required: true, errors: errors),
                                H.select(
                                    ctx, name: "commune_id", label: ctx.t("unitkind.commune"), options: communes.map { ($0.id.uuidString, $0.name) },
                                    selected: f.commune_id ?? (communes.count == 1 ? communes[0].id.uuidString : nil), errors: errors,
                                    includeBlank: communes.count != 1),
                                H.select(
                                    ctx, name: "group_id", label: ctx.t("unitkind.residential_group"), options: groups.map { ($0.id.uuidString, $0.name) },
                                    selected: f.group_id, errors: errors, includeBlank: true),
                                H.field(ctx, name: "address", label: ctx.t("field.address"), value: f.address ?? "", required: true, errors: errors),
                                H.select(
                                    ctx, name: "area_type", label: ctx.t("field.area_type"),
                                    options: AreaType.allCases.map { ($0.rawValue, ctx.t("area.\($0.rawValue)")) },
                                    selected: f.area_type, errors: errors, includeBlank: true),
                                H.field(ctx, name: "phone", label: ctx.t("field.phone"), value: f.phone ?? "", type: "tel", errors: errors),
                                H.field(ctx, name: "since", label: ctx.t("field.since"), value: f.since ?? "", type: "date", required: true, errors: errors),
                            ]),
                        H.el(
                            .fieldset, [],
                            [H.el(.legend, [], [.text(ctx.t("registry.head"))])]
                                + personFields(ctx, prefix: "head_", form: head, errors: errors, withSensitive: false)),
                        H.button(ctx.t("common.save")),
                    ])
            ])
    }

}
