import AnsinhCore
import AnsinhStore
import Foundation
import Plot

/// The persons list and one person's page and form.
extension RegistryPages {
    static func persons(_ ctx: PageContext, page: ResultPage<PersonView>, query: String?, today: LocalDate) -> String {
        let rows: [[Body]] = page.items.map { p in
            [
                H.link(p.fullName, SiteRoute.person(p.id).path), .text(p.birth.formatted(ctx.locale)), .text("\(p.birth.age(on: today))"),
                .text(ctx.t("gender.\(p.gender.rawValue)")), H.bdi(p.nationalID ?? "—"), .text(p.phone ?? "—"),
            ]
        }
        return Layout.render(
            ctx, title: ctx.t("registry.persons"),
            [
                H.form(
                    ctx, action: SiteRoute.persons.path, method: "get", classes: "filters",
                    [
                        H.field(ctx, name: "q", label: ctx.t("common.search"), value: query ?? "", type: "search", hint: ctx.t("registry.search_hint")),
                        H.button(ctx.t("common.search"), kind: "secondary"),
                    ]),
                H.el(
                    .div, [("class", "actions")],
                    [
                        .group(Spreadsheet.buttons(ctx, .personsExport, query: [("q", query)])),
                        H.link(ctx.t("duplicates.title"), SiteRoute.duplicates.path, [("class", "btn btn-secondary")]),
                    ]),
                H.table(
                    caption: ctx.t("registry.persons"),
                    headers: [
                        ctx.t("field.full_name"), ctx.t("field.birth"), ctx.t("registry.age"), ctx.t("field.gender"), ctx.t("field.national_id"),
                        ctx.t("field.phone"),
                    ],
                    rows: rows, empty: ctx.t(query?.isEmpty == false ? "registry.no_match" : "registry.no_persons")),
                cappedNote(ctx, query: query, total: page.total),
                H.pager(ctx, page: page.page, pageCount: page.pageCount, total: page.total) { p in
                    SiteRoute.persons.path(query: [("q", query), ("page", String(p))])
                },
            ])
    }

    static func person(
        _ ctx: PageContext, _ p: PersonView, history: [(MemberView, HouseholdView)], today: LocalDate,
        allowance: RegistryAllowance? = nil, relationships: [RelationshipView] = [], housemates: [PersonView] = []
    ) -> String {
        let actor = ctx.actor!
        var facts: [(String, Body)] = [
            (ctx.t("field.gender"), .text(ctx.t("gender.\(p.gender.rawValue)"))),
            (ctx.t("field.birth"), .text(p.birth.formatted(ctx.locale) + " (" + ctx.t("registry.age_years", ["age": "\(p.birth.age(on: today))"]) + ")")),
            (ctx.t("field.national_id"), H.bdi(p.nationalID ?? "—")),
            (ctx.t("field.phone"), .text(p.phone ?? "—")),
            (ctx.t("field.ethnicity"), .text(p.ethnicity ?? "—")),
            (ctx.t("field.disability"), .text(ctx.t("disability.\(p.disability.rawValue)"))),
            (ctx.t("field.disability_certificate_date"), .text(p.disabilityCertificateDate.map(ctx.date) ?? "—")),
            (ctx.t("field.has_pension"), .text(ctx.t(p.hasPension ? "common.yes" : "common.no"))),
            (ctx.t("field.has_merit"), .text(ctx.t(p.hasMerit ? "common.yes" : "common.no"))),
            (ctx.t("field.death_date"), .text(p.deathDate.map(ctx.date) ?? "—")),
        ]
        if let hiv = p.hiv { facts.append((ctx.t("field.hiv"), .text(ctx.t(hiv ? "common.yes" : "common.no")))) }
        return Layout.render(
            ctx, title: p.fullName,
            [
                H.dl(facts),
                actor.role.can(.manageRegistry)
                    ? H.el(.div, [("class", "actions")], [H.link(ctx.t("common.edit"), SiteRoute.personEdit(p.id).path, [("class", "btn btn-secondary")])])
                    : .empty,
                H.el(.h2, [], [.text(ctx.t("registry.membership_history"))]),
                H.table(
                    caption: ctx.t("registry.membership_history"),
                    headers: [ctx.t("field.household_code"), ctx.t("field.relation"), ctx.t("field.since"), ctx.t("field.until"), ctx.t("field.reason")],
                    rows: history.map { m, h in
                        [
                            H.link(h.code, SiteRoute.household(h.id).path), .text(ctx.t("member.\(m.role.rawValue)")), .text(ctx.date(m.startDate)),
                            .text(m.endDate.map(ctx.date) ?? "—"), .text(m.endReason ?? ""),
                        ]
                    }, empty: ctx.t("registry.no_memberships")),
                actor.role.can(.viewAudit)
                    ? H.link(ctx.t("audit.history"), SiteRoute.audit.path(query: [("entity", "person"), ("entity_id", p.id.uuidString)])) : .empty,
                H.el(.h2, [], [.text(ctx.t("registry.relationships"))]),
                H.table(
                    caption: ctx.t("registry.relationships"),
                    headers: [ctx.t("field.kind"), ctx.t("field.full_name"), ctx.t("field.since"), ctx.t("field.until"), ""],
                    rows: relationships.map { r in
                        [
                            .text(ctx.t(r.otherIsThe ? "relationship.\(r.kind.rawValue)" : "relationship.\(r.kind.rawValue)_of")),
                            H.link(r.other.fullName, SiteRoute.person(r.other.id).path), .text(ctx.date(r.since)), .text(r.until.map(ctx.date) ?? "—"),
                            r.until == nil && actor.role.can(.manageRegistry)
                                ? H.form(
                                    ctx, action: SiteRoute.relationshipEnd(r.id).path, classes: "inline",
                                    [
                                        H.hidden("person", p.id.uuidString), H.hidden("date", today.iso),
                                        H.button(ctx.t("registry.relationship.end"), kind: "link"),
                                    ])
                                : .empty,
                        ]
                    }, empty: ctx.t("registry.relationship.none")),
                actor.role.can(.manageRegistry)
                    ? H.el(
                        .details, [("class", "card")],
                        [
                            H.el(.summary, [], [.text(ctx.t("registry.relationship.add"))]),
                            H.form(
                                ctx, action: SiteRoute.personRelationships(p.id).path,
                                [
                                    H.select(
                                        ctx, name: "kind", label: ctx.t("registry.relationship.kind", ["name": p.fullName]),
                                        options: RelationshipKind.allCases.map { ($0.rawValue, ctx.t("relationship.\($0.rawValue)")) }, selected: nil,
                                        includeBlank: true),
                                    H.select(
                                        ctx, name: "member", label: ctx.t("registry.relationship.member"),
                                        options: housemates.map { ($0.id.uuidString, $0.fullName) },
                                        selected: nil, includeBlank: true),
                                    H.field(
                                        ctx, name: "related", label: ctx.t("registry.relationship.national_id"),
                                        hint: ctx.t("registry.relationship.national_id_hint")),
                                    H.field(ctx, name: "since", label: ctx.t("field.since"), value: today.iso, type: "date", required: true),
                                    H.button(ctx.t("common.save"), kind: "secondary"),
                                ]),
                        ]) : .empty,
                .group(allowance.map { AllowancePages.personSection(ctx, $0, personID: p.id) } ?? []),
            ])
    }

    static func personForm(_ ctx: PageContext, id: UUID, form: RegistryController.PersonForm, errors: [FieldError]) -> String {
        Layout.render(
            ctx, title: ctx.t("registry.person_edit", ["name": form.full_name ?? ""]),
            [
                H.form(
                    ctx, action: SiteRoute.personEdit(id).path, classes: "card",
                    [H.errorSummary(ctx, errors)] + personFields(ctx, prefix: "", form: form, errors: errors, withSensitive: true) + [
                        H.button(ctx.t("common.save"))
                    ])
            ])
    }
}
