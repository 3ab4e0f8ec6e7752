import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The persons in scope: search by name or number (diacritics folded), export, and the way to
/// the duplicate queue.
enum PersonsPage: Page {
    struct Row: Sendable, Equatable {
        let id: UUID
        let fullName: String
        let birth: BirthDate
        let gender: Gender
        let nationalID: String?
        let phone: String?
    }

    struct Model: Sendable {
        let rows: [Row]
        let query: String?
        let today: LocalDate
        let paging: Paging
    }

    /// The query: one page of the persons matching the search.
    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let q = req.query[String.self, at: "q"]
        let page = try await RegistryRepository(req.store).persons(actor, query: q, page: req.pageSpec)
        return Model(
            rows: page.items.map { Row(id: $0.id, fullName: $0.fullName, birth: $0.birth, gender: $0.gender, nationalID: $0.nationalID, phone: $0.phone) },
            query: q, today: req.today, paging: Paging(page))
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("registry.persons") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            H.form(
                ctx, action: SiteRoute.persons.path, method: "get", classes: "filters",
                [
                    H.field(ctx, name: "q", label: ctx.t("common.search"), value: m.query ?? "", type: "search", hint: ctx.t("registry.search_hint")),
                    H.button(ctx.t("common.search"), kind: "secondary"),
                ]),
            H.el(
                .div, [("class", "actions")],
                [
                    .group(Spreadsheet.buttons(ctx, .personsExport, query: [("q", m.query)])),
                    H.link(ctx.t("duplicates.title"), SiteRoute.duplicates.path, [("class", "btn btn-secondary")]),
                ]),
            H.table(
                caption: ctx.t("registry.persons"),
                headers: [
                    ctx.t("field.full_name"), ctx.t("field.birth"), ctx.t("registry.age"), ctx.t("field.gender"), ctx.t("field.national_id"),
                    ctx.t("field.phone"),
                ],
                rows: m.rows.map { p in
                    [
                        H.link(p.fullName, SiteRoute.person(p.id).path), .text(p.birth.formatted(ctx.locale)), .text("\(p.birth.age(on: m.today))"),
                        .text(ctx.t("gender.\(p.gender.rawValue)")), H.bdi(p.nationalID ?? "—"), .text(p.phone ?? "—"),
                    ]
                }, empty: ctx.t(m.query?.isEmpty == false ? "registry.no_match" : "registry.no_persons")),
            RegistryFields.cappedNote(ctx, query: m.query, total: m.paging.total),
            H.pager(ctx, m.paging) { p in SiteRoute.persons.path(query: [("q", m.query), ("page", String(p))]) },
        ]
    }
}

/// A person's facts (the sensitive ones only for a role that may see them), as sent back when
/// refused.
enum PersonFormPage: Page {
    struct Model: Sendable {
        let id: UUID
        let form: RegistryController.PersonForm
        let errors: [FieldError]
    }

    /// The query: the person's facts as the form's values.
    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        try actor.require(.manageRegistry)
        let (p, _) = try await RegistryRepository(req.store).person(actor, id: try req.idParameter())
        let f = RegistryController.PersonForm(
            full_name: p.fullName, gender: p.gender.rawValue, birth: p.birth.text, national_id: p.nationalID, ethnicity: p.ethnicity, phone: p.phone,
            disability: p.disability.rawValue, disability_certificate_date: p.disabilityCertificateDate?.iso, has_pension: p.hasPension ? "on" : nil,
            has_merit: p.hasMerit ? "on" : nil, hiv: p.hiv == true ? "on" : nil, death_date: p.deathDate?.iso)
        return Model(id: p.id, form: f, errors: [])
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("registry.person_edit", ["name": m.form.full_name ?? ""]) }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            H.form(
                ctx, action: SiteRoute.personEdit(m.id).path, classes: "card",
                [H.errorSummary(ctx, m.errors)] + RegistryFields.personFields(ctx, prefix: "", form: m.form, errors: m.errors, withSensitive: true) + [
                    H.button(ctx.t("common.save"))
                ])
        ]
    }
}
