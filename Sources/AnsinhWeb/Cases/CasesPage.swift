import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The cases in scope, newest first, filtered by step and kind; the way to intake.
enum CasesPage: Page {
    struct Row: Sendable, Equatable {
        let id: UUID
        let number: String
        let personName: String
        let kind: CaseKind
        let riskLevel: RiskLevel
        let placement: Placement
        let status: CaseLifecycle.State
        let receivedAt: Date
        let worker: String
    }

    struct Model: Sendable {
        let rows: [Row]
        let status: CaseLifecycle.State?
        let kind: CaseKind?
        let canOpen: Bool
        let paging: Paging
        let zone: TimeZone
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let status = req.query[String.self, at: "status"].flatMap(CaseLifecycle.State.init(rawValue:))
        let kind = req.query[String.self, at: "kind"].flatMap(CaseKind.init(rawValue:))
        let page = try await CaseRepository(req.store).list(actor, CaseFilter(status: status, kind: kind), page: req.pageSpec)
        return Model(
            rows: page.items.map { c in
                Row(
                    id: c.id, number: c.number, personName: c.personName, kind: c.kind, riskLevel: c.riskLevel, placement: c.placement, status: c.status,
                    receivedAt: c.receivedAt, worker: c.worker)
            }, status: status, kind: kind, canOpen: actor.role.can(.manageCases), paging: Paging(page), zone: req.services.config.timeZone)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("case.list") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            CaseParts.nav(ctx),
            H.el(.p, [("class", "lead")], [.text(ctx.t("case.intro"))]),
            H.form(
                ctx, action: SiteRoute.cases.path, method: "get", classes: "filters",
                [
                    H.select(
                        ctx, name: "status", label: ctx.t("field.state"),
                        options: CaseLifecycle.State.allCases.map { ($0.rawValue, ctx.t("case.status.\($0.rawValue)")) },
                        selected: m.status?.rawValue, includeBlank: true),
                    H.select(
                        ctx, name: "kind", label: ctx.t("case.kind"), options: CaseKind.allCases.map { ($0.rawValue, ctx.t("case.kind.\($0.rawValue)")) },
                        selected: m.kind?.rawValue, includeBlank: true),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.el(
                .div, [("class", "actions")],
                (m.canOpen ? [H.link(ctx.t("case.new"), SiteRoute.caseNew.path, [("class", "btn btn-primary")])] : [])
                    + Spreadsheet.buttons(ctx, .casesExport, query: [("status", m.status?.rawValue), ("kind", m.kind?.rawValue)])),
            H.table(
                caption: ctx.t("case.list"),
                headers: [
                    ctx.t("case.number"), ctx.t("field.full_name"), ctx.t("case.kind"), ctx.t("case.risk_level"), ctx.t("case.placement"),
                    ctx.t("field.state"), ctx.t("case.received_at"), ctx.t("case.worker"),
                ],
                rows: m.rows.map { c in
                    [
                        H.link(c.number, SiteRoute.caseItem(c.id).path), .text(c.personName), .text(ctx.t("case.kind.\(c.kind.rawValue)")),
                        CaseParts.risk(ctx, c.riskLevel), .text(ctx.t("case.placement.\(c.placement.rawValue)")),
                        .text(ctx.t("case.status.\(c.status.rawValue)")), .text(ctx.timestamp(c.receivedAt, zone: m.zone)), .text(c.worker),
                    ]
                }, empty: ctx.t("case.none")),
            H.pager(ctx, m.paging) { p in
                SiteRoute.cases.path(query: [("status", m.status?.rawValue), ("kind", m.kind?.rawValue), ("page", String(p))])
            },
        ]
    }
}

/// Intake: who (a person of the registry by id, or named with minimal facts), what kind, from
/// where, how urgent and why, where the person is supported.
enum CaseFormPage: Page {
    /// A person of the registry whose name matches the one typed.
    struct Person: Sendable, Equatable {
        let id: UUID
        let name: String
        let birth: String
    }

    /// An open case probably about the same person.
    struct OpenCase: Sendable, Equatable {
        let id: UUID
        let number: String
        let status: CaseLifecycle.State
        let personName: String
    }

    struct Model: Sendable {
        let form: CasesController.CaseForm
        let errors: [FieldError]
        let now: String
        /// The search before intake (nil: no name typed yet).
        let persons: [Person]?
        let openCases: [OpenCase]
        /// The person of the registry the case will be about, once chosen.
        let chosen: Person?
    }

    static func model(for req: Request, form: CasesController.CaseForm, errors: [FieldError]) async throws -> Model {
        let actor = try req.requireActor()
        var chosen: Person?
        if let id = form.person_id.flatMap(UUID.init(uuidString:)), actor.role.can(.viewRegistry) {
            let p = try await RegistryRepository(req.store).person(actor, id: id).0
            chosen = Person(id: p.id, name: p.fullName, birth: p.birth.text)
        }
        let name = (chosen?.name ?? form.person_name ?? "").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return Model(form: form, errors: errors, now: req.localDateTimeNow, persons: nil, openCases: [], chosen: chosen) }
        let year = form.person_birth_year.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let persons =
            chosen == nil && actor.role.can(.viewRegistry)
            ? try await RegistryRepository(req.store).persons(actor, query: name, page: PageSpec(page: 1, perPage: 5)).items.map {
                Person(id: $0.id, name: $0.fullName, birth: $0.birth.text)
            } : []
        let open = try await CaseRepository(req.store).openCases(actor, samePersonAs: name, birthYear: year, personID: chosen?.id).map {
            OpenCase(id: $0.id, number: $0.number, status: $0.status, personName: $0.personName)
        }
        return Model(form: form, errors: errors, now: req.localDateTimeNow, persons: persons, openCases: open, chosen: chosen)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("case.new") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let f = m.form, errors = m.errors
        func options<T: RawRepresentable & CaseIterable>(_ family: String, _ type: T.Type) -> [(String, String)] where T.RawValue == String {
            T.allCases.map { ($0.rawValue, ctx.t("\(family).\($0.rawValue)")) }
        }
        return [
            CaseParts.nav(ctx),
            search(ctx, m),
            H.form(
                ctx, action: SiteRoute.cases.path, classes: "card",
                [
                    H.errorSummary(ctx, errors),
                    H.el(
                        .fieldset, [],
                        (m.chosen.map { p in
                            [
                                H.hidden("person_id", p.id.uuidString),
                                H.el(.p, [("class", "flash flash-info")], [.text(ctx.t("case.chosen_person", ["name": p.name, "birth": p.birth]))]),
                            ]
                        } ?? []) + [
                            H.el(.legend, [], [.text(ctx.t("case.person"))]),
                            H.field(
                                ctx, name: "person_name", label: ctx.t("field.full_name"), value: m.chosen?.name ?? f.person_name ?? "", errors: errors,
                                hint: ctx.t("case.person_hint")),
                            H.select(
                                ctx, name: "person_gender", label: ctx.t("field.gender"), options: options("gender", Gender.self), selected: f.person_gender,
                                errors: errors, includeBlank: true),
                            H.field(
                                ctx, name: "person_birth_year", label: ctx.t("case.birth_year"), value: f.person_birth_year ?? "", type: "number",
                                errors: errors),
                        ]),
                    H.select(
                        ctx, name: "kind", label: ctx.t("case.kind"), options: options("case.kind", CaseKind.self), selected: f.kind, errors: errors,
                        includeBlank: true),
                    H.select(
                        ctx, name: "source", label: ctx.t("case.source"), options: options("case.source", CaseSource.self), selected: f.source, errors: errors,
                        includeBlank: true),
                    H.select(
                        ctx, name: "risk_level", label: ctx.t("case.risk_level"), options: options("case.risk", RiskLevel.self), selected: f.risk_level,
                        errors: errors, includeBlank: true),
                    H.field(ctx, name: "risk_reason", label: ctx.t("case.risk_reason"), value: f.risk_reason ?? "", required: true, errors: errors),
                    H.field(
                        ctx, name: "received_at", label: ctx.t("case.received_at"), value: f.received_at ?? m.now, type: "datetime-local", required: true,
                        errors: errors),
                    H.select(
                        ctx, name: "placement", label: ctx.t("case.placement"), options: options("case.placement", Placement.self),
                        selected: f.placement ?? Placement.communitySupport.rawValue, errors: errors),
                    H.field(
                        ctx, name: "shelter_from", label: ctx.t("case.shelter_from"), value: f.shelter_from ?? "", type: "date", errors: errors,
                        hint: ctx.t("case.shelter_hint")),
                    m.openCases.isEmpty
                        ? .empty
                        : CaseParts.notDuplicate(ctx),
                    H.button(ctx.t("case.open")),
                ]),
        ]
    }

    /// The search before intake: the registry's persons of that name (to open the case for one
    /// of them) and the open cases probably about the same person (to continue one of them).
    static func search(_ ctx: PageContext, _ m: Model) -> Body {
        H.el(
            .section, [("class", "card"), ("aria-labelledby", "h-search")],
            [
                H.el(.h2, [("id", "h-search")], [.text(ctx.t("case.search"))]),
                H.form(
                    ctx, action: SiteRoute.caseNew.path, method: "get", classes: "filters",
                    [
                        H.field(ctx, name: "person_name", label: ctx.t("field.full_name"), value: m.form.person_name ?? "", id: "search-person_name"),
                        H.field(
                            ctx, name: "person_birth_year", label: ctx.t("case.birth_year"), value: m.form.person_birth_year ?? "", type: "number",
                            id: "search-person_birth_year"),
                        H.button(ctx.t("common.search"), kind: "secondary"),
                    ]),
                m.openCases.isEmpty
                    ? .empty
                    : H.el(
                        .div, [("class", "flash flash-error"), ("role", "status")],
                        [
                            H.el(.strong, [], [.text(ctx.t("case.open_matches"))]),
                            H.el(
                                .ul, [],
                                m.openCases.map { c in
                                    H.el(
                                        .li, [],
                                        [
                                            H.link(c.number, SiteRoute.caseItem(c.id).path),
                                            .text(" — " + c.personName + " (" + ctx.t("case.status.\(c.status.rawValue)") + ")"),
                                        ])
                                }),
                        ]),
                m.persons.map { persons in
                    H.table(
                        caption: ctx.t("case.registry_matches"), headers: [ctx.t("field.full_name"), ctx.t("field.birth"), ""],
                        rows: persons.map { p in
                            [
                                .text(p.name), .text(p.birth),
                                H.link(ctx.t("case.use_person"), SiteRoute.caseNew.path(query: [("person_id", p.id.uuidString)])),
                            ]
                        }, empty: ctx.t("case.no_registry_match"))
                } ?? .empty,
            ])
    }
}
