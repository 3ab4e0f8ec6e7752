import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// One person: facts (HIV status only for a role that may see it), household history,
/// relationships (parent, guardian, carer) with their forms, and this month's allowance with
/// its reasons.
enum PersonPage: Page {
    static var processing: ProcessingKind? { .registry }
    struct Membership: Sendable, Equatable {
        let householdID: UUID
        let code: String
        let role: MemberRole
        let since: LocalDate
        let until: LocalDate?
        let reason: String?
    }

    struct Relationship: Sendable, Equatable {
        let id: UUID
        let kind: RelationshipKind
        /// True when the other person is the parent / guardian / carer of this one.
        let otherIsThe: Bool
        let otherID: UUID
        let otherName: String
        let since: LocalDate
        let until: LocalDate?
    }

    /// The facts as the viewer may see them (`hiv` nil without the permission).
    struct Facts: Sendable, Equatable {
        let id: UUID
        let fullName: String
        let gender: Gender
        let birth: BirthDate
        let nationalID: String?
        let ethnicity: String?
        let phone: String?
        let disability: DisabilityLevel
        let disabilityCertificateDate: LocalDate?
        let hasPension: Bool
        let hasMerit: Bool
        let deathDate: LocalDate?
        let hiv: Bool?
    }

    struct Model: Sendable {
        let person: Facts
        let today: LocalDate
        let history: [Membership]
        let relationships: [Relationship]
        /// The other current members of the person's household, to relate in one click.
        let housemates: [(id: UUID, name: String)]
        /// This month's allowance from the registry's facts, and what it had to assume.
        let allowance: (evaluation: AllowanceEvaluation, assumed: [String])?
        let canManage: Bool
        let canViewAudit: Bool
        let canViewAllowances: Bool
        /// The checks against the national population database, latest first.
        var identityChecks: [IdentityCheck] = []
        /// The person's requests about their data.
        var dataRequests: [SubjectRequestRecord] = []
        /// While a deletion request is open: the records a legal duty keeps (empty: erasable).
        var erasureBlockers: [ErasureBlocker]? = nil
        /// The configured population database, when the person can be looked up in it (they
        /// have a national ID number).
        var connector: String? = nil
        /// The person's consents outside a case.
        var consents: [PersonConsentView] = []
        var canManageConsents = false
    }

    /// The query: the person, their households, relationships and this month's allowance.
    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let repo = RegistryRepository(req.store)
        let (p, history) = try await repo.person(actor, id: try req.idParameter())
        // "Why this amount": this month's allowance from the facts the registry holds.
        let allowance = try? await AllowanceFactsRepository(req.store).evaluate(actor, personID: p.id, month: req.today.yearMonth)
        let relationships = try await repo.relationships(actor, personID: p.id)
        var housemates: [PersonView] = []
        if let current = history.first(where: { $0.0.endDate == nil })?.1 {
            housemates = try await repo.household(actor, id: current.id, asOf: req.today).members.map(\.person).filter { $0.id != p.id }
        }
        let requests = try await SubjectRequestRepository(req.store).list(actor, personID: p.id)
        let deletionOpen = actor.role.can(.manageRegistry) && requests.contains { $0.kind == .deletion && $0.status == .received }
        return Model(
            person: Facts(
                id: p.id, fullName: p.fullName, gender: p.gender, birth: p.birth, nationalID: p.nationalID, ethnicity: p.ethnicity, phone: p.phone,
                disability: p.disability, disabilityCertificateDate: p.disabilityCertificateDate, hasPension: p.hasPension, hasMerit: p.hasMerit,
                deathDate: p.deathDate, hiv: p.hiv), today: req.today,
            history: history.map { m, h in
                Membership(householdID: h.id, code: h.code, role: m.role, since: m.startDate, until: m.endDate, reason: m.endReason)
            },
            relationships: relationships.map {
                Relationship(
                    id: $0.id, kind: $0.kind, otherIsThe: $0.otherIsThe, otherID: $0.other.id, otherName: $0.other.fullName, since: $0.since,
                    until: $0.until)
            }, housemates: housemates.map { (id: $0.id, name: $0.fullName) },
            allowance: allowance.map { (evaluation: $0.evaluation, assumed: $0.assumed) }, canManage: actor.role.can(.manageRegistry),
            canViewAudit: actor.role.can(.viewAudit), canViewAllowances: actor.role.can(.viewAllowances),
            identityChecks: try await IdentityVerificationRepository(req.store).history(actor, personID: p.id),
            dataRequests: requests,
            erasureBlockers: deletionOpen ? try await SubjectRequestRepository(req.store).erasureBlockers(actor, personID: p.id) : nil,
            connector: (p.nationalID ?? "").isEmpty ? nil : req.services.config.populationConnector?.name,
            consents: try await PersonConsentRepository(req.store).list(actor, personID: p.id),
            canManageConsents: actor.role.can(.manageRegistry) || actor.role.can(.manageCare))
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { m.person.fullName }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let p = m.person
        var facts: [(String, Body)] = [
            (ctx.t("field.gender"), .text(ctx.t("gender.\(p.gender.rawValue)"))),
            (ctx.t("field.birth"), .text(p.birth.formatted(ctx.locale) + " (" + ctx.t("registry.age_years", ["age": "\(p.birth.age(on: m.today))"]) + ")")),
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
        return [
            H.dl(facts),
            m.canManage
                ? H.el(.div, [("class", "actions")], [H.link(ctx.t("common.edit"), SiteRoute.personEdit(p.id).path, [("class", "btn btn-secondary")])])
                : .empty,
            IdentityController.section(
                ctx, personID: p.id, checks: m.identityChecks, canRecord: m.canManage, today: m.today,
                connector: m.connector),
            m.canManage || m.canViewAudit
                ? H.el(.div, [("class", "actions")], [H.link(ctx.t("privacy.link"), SiteRoute.personData(p.id).path, [("class", "btn btn-secondary")])])
                : .empty,
            PrivacyController.section(
                ctx, personID: p.id, requests: m.dataRequests, canManage: m.canManage, today: m.today, erasureBlockers: m.erasureBlockers),
            ConsentController.section(ctx, personID: p.id, consents: m.consents, canManage: m.canManageConsents, today: m.today),
            H.el(.h2, [], [.text(ctx.t("registry.membership_history"))]),
            H.table(
                caption: ctx.t("registry.membership_history"),
                headers: [ctx.t("field.household_code"), ctx.t("field.relation"), ctx.t("field.since"), ctx.t("field.until"), ctx.t("field.reason")],
                rows: m.history.map { h in
                    [
                        H.link(h.code, SiteRoute.household(h.householdID).path), .text(ctx.t("member.\(h.role.rawValue)")), .text(ctx.date(h.since)),
                        .text(h.until.map(ctx.date) ?? "—"), .text(h.reason ?? ""),
                    ]
                }, empty: ctx.t("registry.no_memberships")),
            m.canViewAudit
                ? H.link(ctx.t("audit.history"), SiteRoute.audit.path(query: [("entity", "person"), ("entity_id", p.id.uuidString)])) : .empty,
            H.el(.h2, [], [.text(ctx.t("registry.relationships"))]),
            H.table(
                caption: ctx.t("registry.relationships"),
                headers: [ctx.t("field.kind"), ctx.t("field.full_name"), ctx.t("field.since"), ctx.t("field.until"), ""],
                rows: m.relationships.map { r in
                    [
                        .text(ctx.t(r.otherIsThe ? "relationship.\(r.kind.rawValue)" : "relationship.\(r.kind.rawValue)_of")),
                        H.link(r.otherName, SiteRoute.person(r.otherID).path), .text(ctx.date(r.since)), .text(r.until.map(ctx.date) ?? "—"),
                        r.until == nil && m.canManage
                            ? H.form(
                                ctx, action: SiteRoute.relationshipEnd(r.id).path, classes: "inline",
                                [
                                    H.hidden("person", p.id.uuidString), H.hidden("date", m.today.iso),
                                    H.button(ctx.t("registry.relationship.end"), kind: "link"),
                                ])
                            : .empty,
                    ]
                }, empty: ctx.t("registry.relationship.none")),
            m.canManage
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
                                    options: m.housemates.map { ($0.id.uuidString, $0.name) },
                                    selected: nil, includeBlank: true),
                                H.field(
                                    ctx, name: "related", label: ctx.t("registry.relationship.national_id"),
                                    hint: ctx.t("registry.relationship.national_id_hint")),
                                H.field(ctx, name: "since", label: ctx.t("field.since"), value: m.today.iso, type: "date", required: true),
                                H.button(ctx.t("common.save"), kind: "secondary"),
                            ]),
                    ]) : .empty,
            .group(m.allowance.map { AllowanceParts.personSection(ctx, $0.evaluation, assumed: $0.assumed, personID: m.canViewAllowances ? p.id : nil) } ?? []),
        ]
    }
}
