import AnsinhCore
import AnsinhStore
import Foundation
import Plot

/// A household's page: members, facts, history, the review and allowance sections, and the
/// forms that move, split or merge it.
extension RegistryPages {
    static func household(
        _ ctx: PageContext, _ d: HouseholdDetail, timeline: [AuditEntryView], today: LocalDate, zone: TimeZone,
        errors: [FieldError], memberForm: RegistryController.PersonForm?, review: HouseholdReview? = nil,
        groups: [UnitView] = []
    ) -> String {
        let actor = ctx.actor!
        let h = d.household
        let canEdit = actor.role.can(.manageRegistry) && d.asOf == today
        let memberRows: [[Body]] = d.members.map { m in
            [
                H.link(m.person.fullName, SiteRoute.person(m.person.id).path), .text(ctx.t("member.\(m.role.rawValue)")),
                .text(m.person.birth.formatted(ctx.locale)), .text("\(m.person.birth.age(on: d.asOf))"), .text(ctx.t("gender.\(m.person.gender.rawValue)")),
                H.bdi(m.person.nationalID ?? "—"), .text(ctx.t("disability.\(m.person.disability.rawValue)")), .text(ctx.date(m.startDate)),
            ]
        }
        let formerRows: [[Body]] = d.formerMembers.map { m in
            [
                H.link(m.person.fullName, SiteRoute.person(m.person.id).path), .text(ctx.t("member.\(m.role.rawValue)")),
                .text(ctx.date(m.startDate)), .text(m.endDate.map(ctx.date) ?? "—"), .text(m.endReason ?? ""),
            ]
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
            H.form(
                ctx, action: SiteRoute.household(h.id).path, method: "get", classes: "filters",
                [
                    H.field(ctx, name: "as_of", label: ctx.t("registry.as_of"), value: d.asOf.iso, type: "date"),
                    H.button(ctx.t("registry.show_as_of"), kind: "secondary"),
                ]),
            d.asOf != today
                ? H.el(.p, [("class", "flash flash-info"), ("role", "status")], [.text(ctx.t("registry.as_of_notice", ["date": ctx.date(d.asOf)]))]) : .empty,
            H.el(
                .section, [("aria-labelledby", "h-flags")],
                [
                    H.el(.h2, [("id", "h-flags")], [.text(ctx.t("registry.flags"))]),
                    d.flags.isEmpty
                        ? H.el(.p, [("class", "empty")], [.text(ctx.t("registry.no_flags"))])
                        : H.el(
                            .ul, [("class", "flags")],
                            d.flags.map { f in
                                H.el(.li, [], [H.el(.strong, [], [.text(ctx.t("flag.\(f.flag.rawValue)"))]), .text(" — " + ctx.t(f.reason))])
                            }),
                ]),
            H.el(.h2, [], [.text(ctx.t("registry.members"))]),
            H.table(
                caption: ctx.t("registry.members"),
                headers: [
                    ctx.t("field.full_name"), ctx.t("field.relation"), ctx.t("field.birth"), ctx.t("registry.age"), ctx.t("field.gender"),
                    ctx.t("field.national_id"), ctx.t("field.disability"), ctx.t("field.since"),
                ],
                rows: memberRows, empty: ctx.t("registry.no_members")),
        ]
        if !formerRows.isEmpty {
            content.append(H.el(.h2, [], [.text(ctx.t("registry.former_members"))]))
            content.append(
                H.table(
                    caption: ctx.t("registry.former_members"),
                    headers: [ctx.t("field.full_name"), ctx.t("field.relation"), ctx.t("field.since"), ctx.t("field.until"), ctx.t("field.reason")],
                    rows: formerRows, empty: ""))
        }
        if canEdit {
            let f = memberForm ?? RegistryController.PersonForm(since: today.iso)
            content.append(
                H.el(
                    .details, [("class", "card"), ("open", memberForm != nil ? "open" : nil)],
                    [
                        H.el(.summary, [], [.text(ctx.t("registry.add_member"))]),
                        H.form(
                            ctx, action: SiteRoute.householdMembers(h.id).path,
                            [
                                H.errorSummary(ctx, errors),
                                H.select(
                                    ctx, name: "role", label: ctx.t("field.relation"), options: roleOptions(ctx, includeHead: false), selected: f.role,
                                    errors: errors, includeBlank: true),
                                H.field(
                                    ctx, name: "since", label: ctx.t("field.since"), value: f.since ?? today.iso, type: "date", required: true, errors: errors),
                            ] + personFields(ctx, prefix: "", form: f, errors: errors, withSensitive: false) + [H.button(ctx.t("registry.add_member"))]),
                    ]))
            if !d.members.isEmpty {
                content.append(
                    H.el(
                        .details, [("class", "card")],
                        [
                            H.el(.summary, [], [.text(ctx.t("registry.member_leaves"))]),
                            H.form(
                                ctx, action: SiteRoute.householdLeave(h.id).path,
                                [
                                    H.select(
                                        ctx, name: "person_id", label: ctx.t("field.full_name"),
                                        options: d.members.map { ($0.person.id.uuidString, $0.person.fullName) }, selected: nil, includeBlank: true),
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
            content += ReviewPages.householdSection(
                ctx, householdID: h.id, review, today: today,
                canRecord: actor.role.can(.recordHardship) && d.asOf == today)
        }
        // Filled by later capabilities: allowances, cases.
        content.append(
            H.el(
                .section, [("aria-labelledby", "h-later"), ("class", "placeholders")],
                [
                    H.el(.h2, [("id", "h-later")], [.text(ctx.t("registry.programmes"))]),
                    H.dl([
                        (
                            ctx.t("registry.classification"),
                            review?.classifications.first.map { ReviewPages.classBadge(ctx, $0.povertyClass) }
                                ?? .text(ctx.t("registry.not_recorded"))
                        ),
                        (ctx.t("registry.allowances"), .text(ctx.t("registry.not_recorded"))),
                        (ctx.t("registry.cases"), .text(ctx.t("registry.not_recorded"))),
                    ]),
                ]))
        content.append(H.el(.h2, [], [.text(ctx.t("audit.history"))]))
        content.append(
            H.table(
                caption: ctx.t("audit.history"), headers: [ctx.t("field.at"), ctx.t("field.actor"), ctx.t("field.action"), ctx.t("audit.changes")],
                rows: timeline.map { e in
                    [
                        .text(ctx.timestamp(e.at, zone: zone)), .text(e.actorName),
                        .text(ctx.t("audit.action.\(e.action)") + " · " + ctx.t("audit.entity.\(e.entity)")),
                        H.el(.pre, [], [.text(e.after ?? e.before ?? "")]),
                    ]
                }, empty: ctx.t("audit.empty")))
        return Layout.render(ctx, title: ctx.t("registry.household") + " " + h.code, content)
    }

    /// Move, split (tách hộ) and merge (nhập hộ): each keeps the history.
    static func changeForms(_ ctx: PageContext, _ d: HouseholdDetail, groups: [UnitView], today: LocalDate) -> [Body] {
        let h = d.household
        let people = d.members.map { ($0.person.id.uuidString, $0.person.fullName) }
        let groupOptions = groups.map { ($0.id.uuidString, $0.name) }
        return [
            H.el(
                .details, [("class", "card")],
                [
                    H.el(.summary, [], [.text(ctx.t("registry.move"))]),
                    H.form(
                        ctx, action: SiteRoute.householdMove(h.id).path,
                        [
                            H.field(ctx, name: "address", label: ctx.t("field.address"), value: h.address, required: true),
                            H.select(
                                ctx, name: "group_id", label: ctx.t("unitkind.residential_group"), options: groupOptions, selected: h.groupID?.uuidString,
                                includeBlank: true),
                            H.field(ctx, name: "date", label: ctx.t("field.date"), value: today.iso, type: "date", required: true),
                            H.button(ctx.t("registry.move"), kind: "secondary"),
                        ]),
                ]),
            d.members.count > 1
                ? H.el(
                    .details, [("class", "card")],
                    [
                        H.el(.summary, [], [.text(ctx.t("registry.split"))]),
                        H.form(
                            ctx, action: SiteRoute.householdSplit(h.id).path,
                            [
                                H.el(.p, [("class", "hint")], [.text(ctx.t("registry.split.hint"))]),
                                H.el(
                                    .fieldset, [],
                                    [H.el(.legend, [], [.text(ctx.t("registry.split.members"))])]
                                        + d.members.map { m in
                                            H.el(
                                                .div, [("class", "field checkbox")],
                                                [
                                                    H.el(
                                                        .input,
                                                        [
                                                            ("type", "checkbox"), ("id", "f-split-" + m.person.id.uuidString), ("name", "members[]"),
                                                            ("value", m.person.id.uuidString),
                                                        ]),
                                                    H.el(
                                                        .label, [("for", "f-split-" + m.person.id.uuidString)],
                                                        [.text(m.person.fullName + " (" + ctx.t("member.\(m.role.rawValue)") + ")")]),
                                                ])
                                        }),
                                H.field(ctx, name: "new_code", label: ctx.t("registry.split.new_code"), required: true),
                                H.field(ctx, name: "address", label: ctx.t("field.address"), required: true),
                                H.select(
                                    ctx, name: "group_id", label: ctx.t("unitkind.residential_group"), options: groupOptions, selected: h.groupID?.uuidString,
                                    includeBlank: true),
                                H.select(ctx, name: "new_head", label: ctx.t("registry.split.new_head"), options: people, selected: nil, includeBlank: true),
                                H.select(
                                    ctx, name: "remaining_head", label: ctx.t("registry.split.remaining_head"), options: people, selected: nil,
                                    includeBlank: true),
                                H.field(ctx, name: "date", label: ctx.t("field.date"), value: today.iso, type: "date", required: true),
                                H.button(ctx.t("registry.split"), kind: "secondary"),
                            ]),
                    ]) : .empty,
            H.el(
                .details, [("class", "card")],
                [
                    H.el(.summary, [], [.text(ctx.t("registry.merge"))]),
                    H.form(
                        ctx, action: SiteRoute.householdMerge(h.id).path,
                        [
                            H.el(.p, [("class", "hint")], [.text(ctx.t("registry.merge.hint"))]),
                            H.field(ctx, name: "into_code", label: ctx.t("registry.merge.into_code"), required: true),
                            H.field(ctx, name: "date", label: ctx.t("field.date"), value: today.iso, type: "date", required: true),
                            H.button(ctx.t("registry.merge"), kind: "danger"),
                        ]),
                ]),
        ]
    }
}
