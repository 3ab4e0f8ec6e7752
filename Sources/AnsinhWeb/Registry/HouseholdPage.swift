import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// A household's page: facts (as of any day), members and former members, flags, the review
/// section, the forms that add a member, let one leave, move, split or merge it, and its history.
enum HouseholdPage: Page {
    static var processing: ProcessingKind? { .registry }
    struct Member: Sendable, Equatable {
        let personID: UUID
        let name: String
        let role: MemberRole
        let birth: BirthDate
        let gender: Gender
        let nationalID: String?
        let disability: DisabilityLevel
        let since: LocalDate
        let until: LocalDate?
        let reason: String?
    }

    /// One audit entry about the household or its members.
    struct Entry: Sendable, Equatable {
        let at: Date
        let actorName: String
        let action: String
        let entity: String
        let detail: String
    }

    struct Model: Sendable {
        let id: UUID
        let code: String
        let communeName: String
        let groupID: UUID?
        let groupName: String?
        let address: String
        let areaType: AreaType
        let phone: String?
        let status: HouseholdStatus
        let asOf: LocalDate
        let today: LocalDate
        let members: [Member]
        let formerMembers: [Member]
        let flags: [DerivedFlag]
        /// Whether the viewer may change the household (only as of today).
        let canEdit: Bool
        let review: HouseholdReviewSection.Model?
        /// The commune's residential groups, for the move and split forms.
        let groups: [(id: UUID, name: String)]
        let timeline: [Entry]
        let zone: TimeZone
        /// The new-member form as sent, with its errors (nil: a blank form, closed).
        let memberForm: RegistryController.PersonForm?
        let errors: [FieldError]
        /// Residents' reports of a change in this household (for who handles requests).
        var changeRequests: [(id: UUID, code: String)] = []
    }

    /// The query: the household as of `?as_of=` (today by default), its review and its history.
    static func model(for req: Request, memberForm: RegistryController.PersonForm? = nil, errors: [FieldError] = []) async throws -> Model {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let asOf = req.query[String.self, at: "as_of"].flatMap(LocalDate.init(iso:)) ?? req.today
        let repo = RegistryRepository(req.store)
        let d = try await repo.household(actor, id: id, asOf: asOf)
        let timeline = try await repo.timeline(actor, householdID: id)
        let review = try await ReviewRepository(req.store).householdReview(actor, householdID: id, flags: d.flags, today: asOf)
        let groups = try await UnitRepository(req.store).all(actor, kinds: [.residentialGroup]).filter { $0.parentID == d.household.communeID }
        let member = { (m: MemberView) in
            Member(
                personID: m.person.id, name: m.person.fullName, role: m.role, birth: m.person.birth, gender: m.person.gender,
                nationalID: m.person.nationalID, disability: m.person.disability, since: m.startDate, until: m.endDate, reason: m.endReason)
        }
        let h = d.household
        return Model(
            id: h.id, code: h.code, communeName: d.commune.name, groupID: h.groupID, groupName: d.group?.name, address: h.address, areaType: h.areaType,
            phone: h.phone, status: h.status, asOf: asOf, today: req.today, members: d.members.map(member), formerMembers: d.formerMembers.map(member),
            flags: d.flags, canEdit: actor.role.can(.manageRegistry) && asOf == req.today,
            review: HouseholdReviewSection.model(
                review, householdID: h.id, canRecord: actor.role.can(.recordHardship) && asOf == req.today, today: req.today,
                requests: try await FeedbackRepository(req).requests(linkedTo: review.hardships.map(\.id)),
                canSeeRequests: actor.role.can(.handleRequests)),
            groups: groups.map { (id: $0.id, name: $0.name) },
            timeline: timeline.map { Entry(at: $0.at, actorName: $0.actorName, action: $0.action, entity: $0.entity, detail: $0.after ?? $0.before ?? "") },
            zone: req.services.config.timeZone, memberForm: memberForm, errors: errors,
            changeRequests: actor.role.can(.handleRequests) ? try await FeedbackRepository(req).changeRequests(householdID: h.id) : [])
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("registry.household") + " " + m.code }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        var content: [Body] = [
            H.dl(
                [
                    (ctx.t("field.household_code"), H.bdi(m.code)),
                    (ctx.t("unitkind.commune"), .text(m.communeName)),
                    (ctx.t("unitkind.residential_group"), .text(m.groupName ?? "—")),
                    (ctx.t("field.address"), .text(m.address)),
                    (ctx.t("field.area_type"), .text(ctx.t("area.\(m.areaType.rawValue)"))),
                    (ctx.t("field.phone"), .text(m.phone ?? "—")),
                    (ctx.t("field.state"), .text(ctx.t("household.status.\(m.status.rawValue)"))),
                ]
                    + (m.changeRequests.isEmpty
                        ? [] : [(ctx.t("registry.change_requests"), H.el(.span, [], m.changeRequests.map { H.link($0.code, SiteRoute.request($0.id).path) }))])),
            H.form(
                ctx, action: SiteRoute.household(m.id).path, method: "get", classes: "filters",
                [
                    H.field(ctx, name: "as_of", label: ctx.t("registry.as_of"), value: m.asOf.iso, type: "date"),
                    H.button(ctx.t("registry.show_as_of"), kind: "secondary"),
                ]),
            m.asOf != m.today
                ? H.el(.p, [("class", "flash flash-info"), ("role", "status")], [.text(ctx.t("registry.as_of_notice", ["date": ctx.date(m.asOf)]))]) : .empty,
            H.el(
                .section, [("aria-labelledby", "h-flags")],
                [
                    H.el(.h2, [("id", "h-flags")], [.text(ctx.t("registry.flags"))]),
                    m.flags.isEmpty
                        ? H.el(.p, [("class", "empty")], [.text(ctx.t("registry.no_flags"))])
                        : H.el(
                            .ul, [("class", "flags")],
                            m.flags.map { f in
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
                rows: m.members.map { p in
                    [
                        H.link(p.name, SiteRoute.person(p.personID).path), .text(ctx.t("member.\(p.role.rawValue)")), .text(p.birth.formatted(ctx.locale)),
                        .text("\(p.birth.age(on: m.asOf))"), .text(ctx.t("gender.\(p.gender.rawValue)")), H.bdi(p.nationalID ?? "—"),
                        .text(ctx.t("disability.\(p.disability.rawValue)")), .text(ctx.date(p.since)),
                    ]
                }, empty: ctx.t("registry.no_members")),
        ]
        if !m.formerMembers.isEmpty {
            content.append(H.el(.h2, [], [.text(ctx.t("registry.former_members"))]))
            content.append(
                H.table(
                    caption: ctx.t("registry.former_members"),
                    headers: [ctx.t("field.full_name"), ctx.t("field.relation"), ctx.t("field.since"), ctx.t("field.until"), ctx.t("field.reason")],
                    rows: m.formerMembers.map { p in
                        [
                            H.link(p.name, SiteRoute.person(p.personID).path), .text(ctx.t("member.\(p.role.rawValue)")), .text(ctx.date(p.since)),
                            .text(p.until.map(ctx.date) ?? "—"), .text(p.reason ?? ""),
                        ]
                    }, empty: ""))
        }
        if m.canEdit { content += memberForms(ctx, m) }
        if m.canEdit && m.status == .active { content += changeForms(ctx, m) }
        if let review = m.review { content += HouseholdReviewSection.body(ctx, review) }
        // Filled by later capabilities: allowances, cases.
        content.append(
            H.el(
                .section, [("aria-labelledby", "h-later"), ("class", "placeholders")],
                [
                    H.el(.h2, [("id", "h-later")], [.text(ctx.t("registry.programmes"))]),
                    H.dl([
                        (
                            ctx.t("registry.classification"),
                            m.review?.classifications.first.map { ReviewParts.classBadge(ctx, $0.povertyClass) } ?? .text(ctx.t("registry.not_recorded"))
                        ),
                        (ctx.t("registry.allowances"), .text(ctx.t("registry.not_recorded"))),
                        (ctx.t("registry.cases"), .text(ctx.t("registry.not_recorded"))),
                    ]),
                ]))
        content.append(H.el(.h2, [], [.text(ctx.t("audit.history"))]))
        content.append(
            H.table(
                caption: ctx.t("audit.history"), headers: [ctx.t("field.at"), ctx.t("field.actor"), ctx.t("field.action"), ctx.t("audit.changes")],
                rows: m.timeline.map { e in
                    [
                        .text(ctx.timestamp(e.at, zone: m.zone)), .text(e.actorName),
                        .text(ctx.t("audit.action.\(e.action)") + " · " + ctx.t("audit.entity.\(e.entity)")), H.el(.pre, [], [.text(e.detail)]),
                    ]
                }, empty: ctx.t("audit.empty")))
        return content
    }

    /// Add a member (open again with its errors when refused) and let one leave.
    static func memberForms(_ ctx: PageContext, _ m: Model) -> [Body] {
        let f = m.memberForm ?? RegistryController.PersonForm(since: m.today.iso)
        let errors = m.errors
        return [
            H.el(
                .details, [("class", "card"), ("open", m.memberForm != nil ? "open" : nil)],
                [
                    H.el(.summary, [], [.text(ctx.t("registry.add_member"))]),
                    H.form(
                        ctx, action: SiteRoute.householdMembers(m.id).path,
                        [
                            H.errorSummary(ctx, errors),
                            H.select(
                                ctx, name: "role", label: ctx.t("field.relation"), options: RegistryFields.roleOptions(ctx, includeHead: false),
                                selected: f.role, errors: errors, includeBlank: true),
                            H.field(
                                ctx, name: "since", label: ctx.t("field.since"), value: f.since ?? m.today.iso, type: "date", required: true, errors: errors),
                        ] + RegistryFields.personFields(ctx, prefix: "", form: f, errors: errors, withSensitive: false) + [
                            H.button(ctx.t("registry.add_member"))
                        ]),
                ]),
            m.members.isEmpty
                ? .empty
                : H.el(
                    .details, [("class", "card")],
                    [
                        H.el(.summary, [], [.text(ctx.t("registry.member_leaves"))]),
                        H.form(
                            ctx, action: SiteRoute.householdLeave(m.id).path,
                            [
                                H.select(
                                    ctx, name: "person_id", label: ctx.t("field.full_name"), options: m.members.map { ($0.personID.uuidString, $0.name) },
                                    selected: nil, includeBlank: true),
                                H.field(ctx, name: "date", label: ctx.t("field.until"), value: m.today.iso, type: "date", required: true, id: "f-leave-date"),
                                H.field(
                                    ctx, name: "reason", label: ctx.t("field.reason"), required: true, hint: ctx.t("registry.leave_hint"), id: "f-leave-reason"),
                                H.button(ctx.t("common.save"), kind: "secondary"),
                            ]),
                    ]),
        ]
    }

    /// Move, split (tách hộ) and merge (nhập hộ): each keeps the history.
    static func changeForms(_ ctx: PageContext, _ m: Model) -> [Body] {
        let people = m.members.map { ($0.personID.uuidString, $0.name) }
        let groupOptions = m.groups.map { ($0.id.uuidString, $0.name) }
        let today = m.today
        return [
            H.el(
                .details, [("class", "card")],
                [
                    H.el(.summary, [], [.text(ctx.t("registry.move"))]),
                    H.form(
                        ctx, action: SiteRoute.householdMove(m.id).path,
                        [
                            H.field(ctx, name: "address", label: ctx.t("field.address"), value: m.address, required: true, id: "f-move-address"),
                            H.select(
                                ctx, name: "group_id", label: ctx.t("unitkind.residential_group"), options: groupOptions, selected: m.groupID?.uuidString,
                                includeBlank: true, id: "f-move-group"),
                            H.field(ctx, name: "date", label: ctx.t("field.date"), value: today.iso, type: "date", required: true, id: "f-move-date"),
                            H.button(ctx.t("registry.move"), kind: "secondary"),
                        ]),
                ]),
            m.members.count > 1
                ? H.el(
                    .details, [("class", "card")],
                    [
                        H.el(.summary, [], [.text(ctx.t("registry.split"))]),
                        H.form(
                            ctx, action: SiteRoute.householdSplit(m.id).path,
                            [
                                H.el(.p, [("class", "hint")], [.text(ctx.t("registry.split.hint"))]),
                                H.el(
                                    .fieldset, [],
                                    [H.el(.legend, [], [.text(ctx.t("registry.split.members"))])]
                                        + m.members.map { p in
                                            H.el(
                                                .div, [("class", "field checkbox")],
                                                [
                                                    H.el(
                                                        .input,
                                                        [
                                                            ("type", "checkbox"), ("id", "f-split-" + p.personID.uuidString), ("name", "members[]"),
                                                            ("value", p.personID.uuidString),
                                                        ]),
                                                    H.el(
                                                        .label, [("for", "f-split-" + p.personID.uuidString)],
                                                        [.text(p.name + " (" + ctx.t("member.\(p.role.rawValue)") + ")")]),
                                                ])
                                        }),
                                H.field(ctx, name: "new_code", label: ctx.t("registry.split.new_code"), required: true),
                                H.field(ctx, name: "address", label: ctx.t("field.address"), required: true, id: "f-split-address"),
                                H.select(
                                    ctx, name: "group_id", label: ctx.t("unitkind.residential_group"), options: groupOptions, selected: m.groupID?.uuidString,
                                    includeBlank: true, id: "f-split-group"),
                                H.select(ctx, name: "new_head", label: ctx.t("registry.split.new_head"), options: people, selected: nil, includeBlank: true),
                                H.select(
                                    ctx, name: "remaining_head", label: ctx.t("registry.split.remaining_head"), options: people, selected: nil,
                                    includeBlank: true),
                                H.field(ctx, name: "date", label: ctx.t("field.date"), value: today.iso, type: "date", required: true, id: "f-split-date"),
                                H.button(ctx.t("registry.split"), kind: "secondary"),
                            ]),
                    ]) : .empty,
            H.el(
                .details, [("class", "card")],
                [
                    H.el(.summary, [], [.text(ctx.t("registry.merge"))]),
                    H.form(
                        ctx, action: SiteRoute.householdMerge(m.id).path,
                        [
                            H.el(.p, [("class", "hint")], [.text(ctx.t("registry.merge.hint"))]),
                            H.field(ctx, name: "into_code", label: ctx.t("registry.merge.into_code"), required: true),
                            H.field(ctx, name: "date", label: ctx.t("field.date"), value: today.iso, type: "date", required: true, id: "f-merge-date"),
                            H.button(ctx.t("registry.merge"), kind: "danger"),
                        ]),
                ]),
        ]
    }
}
