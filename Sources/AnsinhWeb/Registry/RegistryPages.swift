import AnsinhCore
import AnsinhStore
import Foundation
import Plot

enum RegistryPages {
    static func genderOptions(_ ctx: PageContext) -> [(String, String)] { Gender.allCases.map { ($0.rawValue, ctx.t("gender.\($0.rawValue)")) } }
    static func disabilityOptions(_ ctx: PageContext) -> [(String, String)] { DisabilityLevel.allCases.map { ($0.rawValue, ctx.t("disability.\($0.rawValue)")) } }
    static func roleOptions(_ ctx: PageContext, includeHead: Bool) -> [(String, String)] {
        MemberRole.allCases.filter { includeHead || $0 != .head }.map { ($0.rawValue, ctx.t("member.\($0.rawValue)")) }
    }

    static func checkbox(_ ctx: PageContext, name: String, label: String, checked: Bool) -> Body {
        H.el("div", [("class", "field checkbox")], [
            H.el("input", [("type", "checkbox"), ("id", "f-" + name), ("name", name), ("checked", checked ? "checked" : nil)]),
            H.el("label", [("for", "f-" + name)], [.text(label)]),
        ])
    }

    static func households(_ ctx: PageContext, page: ResultPage<HouseholdSummary>, query: String?, group: UUID?, groups: [UnitView]) -> String {
        let actor = ctx.actor!
        let rows: [[Body]] = page.items.map { s in
            [H.link(s.household.code, SiteRoute.household(s.household.id).path), .text(s.headName ?? "—"), .text("\(s.memberCount)"),
             .text(s.groupName ?? "—"), .text(s.household.address), .text(ctx.t("household.status.\(s.household.status.rawValue)"))]
        }
        let query: [(String, String?)] = [("q", query), ("group", group?.uuidString)]
        return Layout.render(ctx, title: ctx.t("registry.households"), [
            H.form(ctx, action: SiteRoute.households.path, method: "get", classes: "filters", [
                H.field(ctx, name: "q", label: ctx.t("common.search"), value: query[0].1 ?? "", type: "search", hint: ctx.t("registry.search_hint")),
                H.select(ctx, name: "group", label: ctx.t("unitkind.residential_group"), options: groups.map { ($0.id.uuidString, $0.name) },
                         selected: group?.uuidString, includeBlank: true),
                H.button(ctx.t("common.filter"), kind: "secondary"),
            ]),
            H.el("div", [("class", "actions")], [
                actor.role.can(.manageRegistry) ? H.link(ctx.t("registry.household_new"), SiteRoute.householdNew.path, [("class", "btn btn-primary")]) : .empty,
                actor.role.can(.manageRegistry) ? H.link(ctx.t("import.title"), SiteRoute.registryImport.path, [("class", "btn btn-secondary")]) : .empty,
                .group(Spreadsheet.buttons(ctx, .householdsExport, query: query)),
            ]),
            H.table(caption: ctx.t("registry.households"),
                    headers: [ctx.t("field.household_code"), ctx.t("registry.head"), ctx.t("registry.members"), ctx.t("unitkind.residential_group"),
                              ctx.t("field.address"), ctx.t("field.state")],
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
        return H.el("p", [("class", "flash flash-info"), ("role", "status")],
                    [.text(ctx.t("registry.search_capped", ["count": ctx.number(SearchIndex.maxMatches)]))])
    }

    static func personFields(_ ctx: PageContext, prefix: String, form: RegistryController.PersonForm, errors: [FieldError], withSensitive: Bool) -> [Body] {
        var fields: [Body] = [
            H.field(ctx, name: prefix + "full_name", label: ctx.t("field.full_name"), value: form.full_name ?? "", required: true, errors: errors),
            H.select(ctx, name: prefix + "gender", label: ctx.t("field.gender"), options: genderOptions(ctx), selected: form.gender, errors: errors, includeBlank: true),
            H.field(ctx, name: prefix + "birth", label: ctx.t("field.birth"), value: form.birth ?? "", required: true, errors: errors, hint: ctx.t("registry.birth_hint")),
            H.field(ctx, name: prefix + "national_id", label: ctx.t("field.national_id"), value: form.national_id ?? "", errors: errors, hint: ctx.t("registry.national_id_hint")),
            H.field(ctx, name: prefix + "phone", label: ctx.t("field.phone"), value: form.phone ?? "", type: "tel", errors: errors),
            H.select(ctx, name: prefix + "disability", label: ctx.t("field.disability"), options: disabilityOptions(ctx), selected: form.disability ?? "none", errors: errors),
            H.field(ctx, name: prefix + "disability_certificate_date", label: ctx.t("field.disability_certificate_date"),
                    value: form.disability_certificate_date ?? "", type: "date", errors: errors),
            checkbox(ctx, name: prefix + "has_pension", label: ctx.t("field.has_pension"), checked: RegistryController.checked(form.has_pension)),
            checkbox(ctx, name: prefix + "has_merit", label: ctx.t("field.has_merit"), checked: RegistryController.checked(form.has_merit)),
        ]
        if withSensitive {
            fields.append(H.field(ctx, name: prefix + "ethnicity", label: ctx.t("field.ethnicity"), value: form.ethnicity ?? "", errors: errors))
            fields.append(checkbox(ctx, name: prefix + "hiv", label: ctx.t("field.hiv"), checked: RegistryController.checked(form.hiv)))
            fields.append(H.field(ctx, name: prefix + "death_date", label: ctx.t("field.death_date"), value: form.death_date ?? "", type: "date", errors: errors))
        }
        return fields
    }

    static func householdForm(_ ctx: PageContext, form f: RegistryController.HouseholdForm, units: [UnitView], errors: [FieldError]) -> String {
        let communes = units.filter { $0.kind == .commune }
        let groups = units.filter { $0.kind == .residentialGroup }
        let head = RegistryController.PersonForm(full_name: f.head_full_name, gender: f.head_gender, birth: f.head_birth,
                                                 national_id: f.head_national_id, phone: f.head_phone, disability: f.head_disability,
                                                 disability_certificate_date: f.head_disability_certificate_date,
                                                 has_pension: f.head_has_pension, has_merit: f.head_has_merit)
        return Layout.render(ctx, title: ctx.t("registry.household_new"), [
            H.form(ctx, action: SiteRoute.households.path, classes: "card", [
                H.errorSummary(ctx, errors),
                H.el("fieldset", [], [
                    H.el("legend", [], [.text(ctx.t("registry.household"))]),
                    H.field(ctx, name: "code", label: ctx.t("field.household_code"), value: f.code ?? "", required: true, errors: errors),
                    H.select(ctx, name: "commune_id", label: ctx.t("unitkind.commune"), options: communes.map { ($0.id.uuidString, $0.name) },
                             selected: f.commune_id ?? (communes.count == 1 ? communes[0].id.uuidString : nil), errors: errors, includeBlank: communes.count != 1),
                    H.select(ctx, name: "group_id", label: ctx.t("unitkind.residential_group"), options: groups.map { ($0.id.uuidString, $0.name) },
                             selected: f.group_id, errors: errors, includeBlank: true),
                    H.field(ctx, name: "address", label: ctx.t("field.address"), value: f.address ?? "", required: true, errors: errors),
                    H.select(ctx, name: "area_type", label: ctx.t("field.area_type"), options: AreaType.allCases.map { ($0.rawValue, ctx.t("area.\($0.rawValue)")) },
                             selected: f.area_type, errors: errors, includeBlank: true),
                    H.field(ctx, name: "phone", label: ctx.t("field.phone"), value: f.phone ?? "", type: "tel", errors: errors),
                    H.field(ctx, name: "since", label: ctx.t("field.since"), value: f.since ?? "", type: "date", required: true, errors: errors),
                ]),
                H.el("fieldset", [], [H.el("legend", [], [.text(ctx.t("registry.head"))])] + personFields(ctx, prefix: "head_", form: head, errors: errors, withSensitive: false)),
                H.button(ctx.t("common.save")),
            ]),
        ])
    }

    static func household(_ ctx: PageContext, _ d: HouseholdDetail, timeline: [AuditEntryView], today: LocalDate, zone: TimeZone,
                          errors: [FieldError], memberForm: RegistryController.PersonForm?, review: HouseholdReview? = nil,
                          groups: [UnitView] = []) -> String {
        let actor = ctx.actor!
        let h = d.household
        let canEdit = actor.role.can(.manageRegistry) && d.asOf == today
        let memberRows: [[Body]] = d.members.map { m in
            [H.link(m.person.fullName, SiteRoute.person(m.person.id).path), .text(ctx.t("member.\(m.role.rawValue)")),
             .text(m.person.birth.formatted(ctx.locale)), .text("\(m.person.birth.age(on: d.asOf))"), .text(ctx.t("gender.\(m.person.gender.rawValue)")),
             H.bdi(m.person.nationalID ?? "—"), .text(ctx.t("disability.\(m.person.disability.rawValue)")), .text(ctx.date(m.startDate))]
        }
        let formerRows: [[Body]] = d.formerMembers.map { m in
            [H.link(m.person.fullName, SiteRoute.person(m.person.id).path), .text(ctx.t("member.\(m.role.rawValue)")),
             .text(ctx.date(m.startDate)), .text(m.endDate.map(ctx.date) ?? "—"), .text(m.endReason ?? "")]
        }
        var content: [Body] = [
            H.dl([
                (ctx.t("field.household_code"), H.bdi(h.code)),
                (ctx.t("unitkind.commune"), .text(d.commune.name)),
                (ctx.t("unitkind.residential_group"), .text(d.group?.name ?? "—")),
                (ctx.t("field.address"), .text(h.address)),
                (ctx.t("field.area_type"), .text(ctx.t("area.\(h.areaType.rawValue)"))),
                (ctx.t("field.phone"), .text(h.phone ?? "—")),
                (ctx.t("field.state"), .text(ctx.t("household.status.\(h.status.rawValue)"))),
            ]),
            H.form(ctx, action: SiteRoute.household(h.id).path, method: "get", classes: "filters", [
                H.field(ctx, name: "as_of", label: ctx.t("registry.as_of"), value: d.asOf.iso, type: "date"),
                H.button(ctx.t("registry.show_as_of"), kind: "secondary"),
            ]),
            d.asOf != today ? H.el("p", [("class", "flash flash-info"), ("role", "status")], [.text(ctx.t("registry.as_of_notice", ["date": ctx.date(d.asOf)]))]) : .empty,
            H.el("section", [("aria-labelledby", "h-flags")], [
                H.el("h2", [("id", "h-flags")], [.text(ctx.t("registry.flags"))]),
                d.flags.isEmpty ? H.el("p", [("class", "empty")], [.text(ctx.t("registry.no_flags"))])
                    : H.el("ul", [("class", "flags")], d.flags.map { f in
                        H.el("li", [], [H.el("strong", [], [.text(ctx.t("flag.\(f.flag.rawValue)"))]), .text(" — " + ctx.t(f.reason))])
                    }),
            ]),
            H.el("h2", [], [.text(ctx.t("registry.members"))]),
            H.table(caption: ctx.t("registry.members"),
                    headers: [ctx.t("field.full_name"), ctx.t("field.relation"), ctx.t("field.birth"), ctx.t("registry.age"), ctx.t("field.gender"),
                              ctx.t("field.national_id"), ctx.t("field.disability"), ctx.t("field.since")],
                    rows: memberRows, empty: ctx.t("registry.no_members")),
        ]
        if !formerRows.isEmpty {
            content.append(H.el("h2", [], [.text(ctx.t("registry.former_members"))]))
            content.append(H.table(caption: ctx.t("registry.former_members"),
                                   headers: [ctx.t("field.full_name"), ctx.t("field.relation"), ctx.t("field.since"), ctx.t("field.until"), ctx.t("field.reason")],
                                   rows: formerRows, empty: ""))
        }
        if canEdit {
            let f = memberForm ?? RegistryController.PersonForm(since: today.iso)
            content.append(H.el("details", [("class", "card"), ("open", memberForm != nil ? "open" : nil)], [
                H.el("summary", [], [.text(ctx.t("registry.add_member"))]),
                H.form(ctx, action: SiteRoute.householdMembers(h.id).path, [
                    H.errorSummary(ctx, errors),
                    H.select(ctx, name: "role", label: ctx.t("field.relation"), options: roleOptions(ctx, includeHead: false), selected: f.role, errors: errors, includeBlank: true),
                    H.field(ctx, name: "since", label: ctx.t("field.since"), value: f.since ?? today.iso, type: "date", required: true, errors: errors),
                ] + personFields(ctx, prefix: "", form: f, errors: errors, withSensitive: false) + [H.button(ctx.t("registry.add_member"))]),
            ]))
            if !d.members.isEmpty {
                content.append(H.el("details", [("class", "card")], [
                    H.el("summary", [], [.text(ctx.t("registry.member_leaves"))]),
                    H.form(ctx, action: SiteRoute.householdLeave(h.id).path, [
                        H.select(ctx, name: "person_id", label: ctx.t("field.full_name"), options: d.members.map { ($0.person.id.uuidString, $0.person.fullName) }, selected: nil, includeBlank: true),
                        H.field(ctx, name: "date", label: ctx.t("field.until"), value: today.iso, type: "date", required: true),
                        H.field(ctx, name: "reason", label: ctx.t("field.reason"), required: true, hint: ctx.t("registry.leave_hint")),
                        H.button(ctx.t("common.save"), kind: "secondary"),
                    ]),
                ]))
            }
        }
        if canEdit && h.status == .active {
            content += changeForms(ctx, d, groups: groups, today: today)
        }
        if let review {
            content += ReviewPages.householdSection(ctx, householdID: h.id, review, today: today,
                                                    canRecord: actor.role.can(.recordHardship) && d.asOf == today)
        }
        // Filled by later capabilities: allowances, cases.
        content.append(H.el("section", [("aria-labelledby", "h-later"), ("class", "placeholders")], [
            H.el("h2", [("id", "h-later")], [.text(ctx.t("registry.programmes"))]),
            H.dl([
                (ctx.t("registry.classification"), review?.classifications.first.map { ReviewPages.classBadge(ctx, $0.povertyClass) }
                    ?? .text(ctx.t("registry.not_recorded"))),
                (ctx.t("registry.allowances"), .text(ctx.t("registry.not_recorded"))),
                (ctx.t("registry.cases"), .text(ctx.t("registry.not_recorded"))),
            ]),
        ]))
        content.append(H.el("h2", [], [.text(ctx.t("audit.history"))]))
        content.append(H.table(caption: ctx.t("audit.history"), headers: [ctx.t("field.at"), ctx.t("field.actor"), ctx.t("field.action"), ctx.t("audit.changes")],
                               rows: timeline.map { e in
                                   [.text(ctx.timestamp(e.at, zone: zone)), .text(e.actorName),
                                    .text(ctx.t("audit.action.\(e.action)") + " · " + ctx.t("audit.entity.\(e.entity)")),
                                    H.el("pre", [], [.text(e.after ?? e.before ?? "")])]
                               }, empty: ctx.t("audit.empty")))
        return Layout.render(ctx, title: ctx.t("registry.household") + " " + h.code, content)
    }

    /// Move, split (tách hộ) and merge (nhập hộ): each keeps the history.
    static func changeForms(_ ctx: PageContext, _ d: HouseholdDetail, groups: [UnitView], today: LocalDate) -> [Body] {
        let h = d.household
        let people = d.members.map { ($0.person.id.uuidString, $0.person.fullName) }
        let groupOptions = groups.map { ($0.id.uuidString, $0.name) }
        return [
            H.el("details", [("class", "card")], [
                H.el("summary", [], [.text(ctx.t("registry.move"))]),
                H.form(ctx, action: SiteRoute.householdMove(h.id).path, [
                    H.field(ctx, name: "address", label: ctx.t("field.address"), value: h.address, required: true),
                    H.select(ctx, name: "group_id", label: ctx.t("unitkind.residential_group"), options: groupOptions, selected: h.groupID?.uuidString, includeBlank: true),
                    H.field(ctx, name: "date", label: ctx.t("field.date"), value: today.iso, type: "date", required: true),
                    H.button(ctx.t("registry.move"), kind: "secondary"),
                ]),
            ]),
            d.members.count > 1 ? H.el("details", [("class", "card")], [
                H.el("summary", [], [.text(ctx.t("registry.split"))]),
                H.form(ctx, action: SiteRoute.householdSplit(h.id).path, [
                    H.el("p", [("class", "hint")], [.text(ctx.t("registry.split.hint"))]),
                    H.el("fieldset", [], [H.el("legend", [], [.text(ctx.t("registry.split.members"))])] + d.members.map { m in
                        H.el("div", [("class", "field checkbox")], [
                            H.el("input", [("type", "checkbox"), ("id", "f-split-" + m.person.id.uuidString), ("name", "members[]"), ("value", m.person.id.uuidString)]),
                            H.el("label", [("for", "f-split-" + m.person.id.uuidString)], [.text(m.person.fullName + " (" + ctx.t("member.\(m.role.rawValue)") + ")")]),
                        ])
                    }),
                    H.field(ctx, name: "new_code", label: ctx.t("registry.split.new_code"), required: true),
                    H.field(ctx, name: "address", label: ctx.t("field.address"), required: true),
                    H.select(ctx, name: "group_id", label: ctx.t("unitkind.residential_group"), options: groupOptions, selected: h.groupID?.uuidString, includeBlank: true),
                    H.select(ctx, name: "new_head", label: ctx.t("registry.split.new_head"), options: people, selected: nil, includeBlank: true),
                    H.select(ctx, name: "remaining_head", label: ctx.t("registry.split.remaining_head"), options: people, selected: nil, includeBlank: true),
                    H.field(ctx, name: "date", label: ctx.t("field.date"), value: today.iso, type: "date", required: true),
                    H.button(ctx.t("registry.split"), kind: "secondary"),
                ]),
            ]) : .empty,
            H.el("details", [("class", "card")], [
                H.el("summary", [], [.text(ctx.t("registry.merge"))]),
                H.form(ctx, action: SiteRoute.householdMerge(h.id).path, [
                    H.el("p", [("class", "hint")], [.text(ctx.t("registry.merge.hint"))]),
                    H.field(ctx, name: "into_code", label: ctx.t("registry.merge.into_code"), required: true),
                    H.field(ctx, name: "date", label: ctx.t("field.date"), value: today.iso, type: "date", required: true),
                    H.button(ctx.t("registry.merge"), kind: "danger"),
                ]),
            ]),
        ]
    }

    static func persons(_ ctx: PageContext, page: ResultPage<PersonView>, query: String?, today: LocalDate) -> String {
        let rows: [[Body]] = page.items.map { p in
            [H.link(p.fullName, SiteRoute.person(p.id).path), .text(p.birth.formatted(ctx.locale)), .text("\(p.birth.age(on: today))"),
             .text(ctx.t("gender.\(p.gender.rawValue)")), H.bdi(p.nationalID ?? "—"), .text(p.phone ?? "—")]
        }
        return Layout.render(ctx, title: ctx.t("registry.persons"), [
            H.form(ctx, action: SiteRoute.persons.path, method: "get", classes: "filters", [
                H.field(ctx, name: "q", label: ctx.t("common.search"), value: query ?? "", type: "search", hint: ctx.t("registry.search_hint")),
                H.button(ctx.t("common.search"), kind: "secondary"),
            ]),
            H.el("div", [("class", "actions")], [
                .group(Spreadsheet.buttons(ctx, .personsExport, query: [("q", query)])),
                H.link(ctx.t("duplicates.title"), SiteRoute.duplicates.path, [("class", "btn btn-secondary")]),
            ]),
            H.table(caption: ctx.t("registry.persons"),
                    headers: [ctx.t("field.full_name"), ctx.t("field.birth"), ctx.t("registry.age"), ctx.t("field.gender"), ctx.t("field.national_id"), ctx.t("field.phone")],
                    rows: rows, empty: ctx.t(query?.isEmpty == false ? "registry.no_match" : "registry.no_persons")),
            cappedNote(ctx, query: query, total: page.total),
            H.pager(ctx, page: page.page, pageCount: page.pageCount, total: page.total) { p in
                SiteRoute.persons.path(query: [("q", query), ("page", String(p))])
            },
        ])
    }

    static func person(_ ctx: PageContext, _ p: PersonView, history: [(MemberView, HouseholdView)], today: LocalDate,
                       allowance: RegistryAllowance? = nil, relationships: [RelationshipView] = [], housemates: [PersonView] = []) -> String {
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
        return Layout.render(ctx, title: p.fullName, [
            H.dl(facts),
            actor.role.can(.manageRegistry) ? H.el("div", [("class", "actions")], [H.link(ctx.t("common.edit"), SiteRoute.personEdit(p.id).path, [("class", "btn btn-secondary")])]) : .empty,
            H.el("h2", [], [.text(ctx.t("registry.membership_history"))]),
            H.table(caption: ctx.t("registry.membership_history"),
                    headers: [ctx.t("field.household_code"), ctx.t("field.relation"), ctx.t("field.since"), ctx.t("field.until"), ctx.t("field.reason")],
                    rows: history.map { m, h in
                        [H.link(h.code, SiteRoute.household(h.id).path), .text(ctx.t("member.\(m.role.rawValue)")), .text(ctx.date(m.startDate)),
                         .text(m.endDate.map(ctx.date) ?? "—"), .text(m.endReason ?? "")]
                    }, empty: ctx.t("registry.no_memberships")),
            actor.role.can(.viewAudit) ? H.link(ctx.t("audit.history"), SiteRoute.audit.path(query: [("entity", "person"), ("entity_id", p.id.uuidString)])) : .empty,
            H.el("h2", [], [.text(ctx.t("registry.relationships"))]),
            H.table(caption: ctx.t("registry.relationships"),
                    headers: [ctx.t("field.kind"), ctx.t("field.full_name"), ctx.t("field.since"), ctx.t("field.until"), ""],
                    rows: relationships.map { r in
                        [.text(ctx.t(r.otherIsThe ? "relationship.\(r.kind.rawValue)" : "relationship.\(r.kind.rawValue)_of")),
                         H.link(r.other.fullName, SiteRoute.person(r.other.id).path), .text(ctx.date(r.since)), .text(r.until.map(ctx.date) ?? "—"),
                         r.until == nil && actor.role.can(.manageRegistry)
                            ? H.form(ctx, action: SiteRoute.relationshipEnd(r.id).path, classes: "inline", [
                                H.hidden("person", p.id.uuidString), H.hidden("date", today.iso), H.button(ctx.t("registry.relationship.end"), kind: "link")])
                            : .empty]
                    }, empty: ctx.t("registry.relationship.none")),
            actor.role.can(.manageRegistry) ? H.el("details", [("class", "card")], [
                H.el("summary", [], [.text(ctx.t("registry.relationship.add"))]),
                H.form(ctx, action: SiteRoute.personRelationships(p.id).path, [
                    H.select(ctx, name: "kind", label: ctx.t("registry.relationship.kind", ["name": p.fullName]),
                             options: RelationshipKind.allCases.map { ($0.rawValue, ctx.t("relationship.\($0.rawValue)")) }, selected: nil, includeBlank: true),
                    H.select(ctx, name: "member", label: ctx.t("registry.relationship.member"), options: housemates.map { ($0.id.uuidString, $0.fullName) },
                             selected: nil, includeBlank: true),
                    H.field(ctx, name: "related", label: ctx.t("registry.relationship.national_id"), hint: ctx.t("registry.relationship.national_id_hint")),
                    H.field(ctx, name: "since", label: ctx.t("field.since"), value: today.iso, type: "date", required: true),
                    H.button(ctx.t("common.save"), kind: "secondary"),
                ]),
            ]) : .empty,
            .group(allowance.map { AllowancePages.personSection(ctx, $0, personID: p.id) } ?? []),
        ])
    }

    static func personForm(_ ctx: PageContext, id: UUID, form: RegistryController.PersonForm, errors: [FieldError]) -> String {
        Layout.render(ctx, title: ctx.t("registry.person_edit", ["name": form.full_name ?? ""]), [
            H.form(ctx, action: SiteRoute.personEdit(id).path, classes: "card",
                   [H.errorSummary(ctx, errors)] + personFields(ctx, prefix: "", form: form, errors: errors, withSensitive: true) + [H.button(ctx.t("common.save"))]),
        ])
    }
}
