import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The households in scope: search (diacritics folded), filter by residential group, export.
enum HouseholdsPage: Page {
    struct Row: Sendable, Equatable {
        let id: UUID
        let code: String
        let headName: String?
        let members: Int
        let groupName: String?
        let address: String
        let status: HouseholdStatus
    }

    struct Model: Sendable {
        let rows: [Row]
        let query: String?
        let group: UUID?
        /// The residential groups in scope, for the filter.
        let groups: [(id: UUID, name: String)]
        /// Whether the viewer may add households and import.
        let canManage: Bool
        let paging: Paging
    }

    /// The query: one page of the households matching the search and group.
    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let q = req.query[String.self, at: "q"]
        let group = req.query[String.self, at: "group"].flatMap(UUID.init(uuidString:))
        let page = try await RegistryRepository(req.store).households(actor, query: q, groupID: group, page: req.pageSpec)
        let groups = try await UnitRepository(req.store).all(actor, kinds: [.residentialGroup])
        return Model(
            rows: page.items.map { s in
                Row(
                    id: s.household.id, code: s.household.code, headName: s.headName, members: s.memberCount, groupName: s.groupName,
                    address: s.household.address, status: s.household.status)
            }, query: q, group: group, groups: groups.map { (id: $0.id, name: $0.name) }, canManage: actor.role.can(.manageRegistry),
            paging: Paging(page))
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("registry.households") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let query: [(String, String?)] = [("q", m.query), ("group", m.group?.uuidString)]
        return [
            H.form(
                ctx, action: SiteRoute.households.path, method: "get", classes: "filters",
                [
                    H.field(ctx, name: "q", label: ctx.t("common.search"), value: m.query ?? "", type: "search", hint: ctx.t("registry.search_hint")),
                    H.select(
                        ctx, name: "group", label: ctx.t("unitkind.residential_group"), options: m.groups.map { ($0.id.uuidString, $0.name) },
                        selected: m.group?.uuidString, includeBlank: true),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.el(
                .div, [("class", "actions")],
                [
                    m.canManage ? H.link(ctx.t("registry.household_new"), SiteRoute.householdNew.path, [("class", "btn btn-primary")]) : .empty,
                    m.canManage ? H.link(ctx.t("import.title"), SiteRoute.registryImport.path, [("class", "btn btn-secondary")]) : .empty,
                    .group(Spreadsheet.buttons(ctx, .householdsExport, query: query)),
                ]),
            H.table(
                caption: ctx.t("registry.households"),
                headers: [
                    ctx.t("field.household_code"), ctx.t("registry.head"), ctx.t("registry.members"), ctx.t("unitkind.residential_group"),
                    ctx.t("field.address"), ctx.t("field.state"),
                ],
                rows: m.rows.map { r in
                    [
                        H.link(r.code, SiteRoute.household(r.id).path), .text(r.headName ?? "—"), .text(ctx.number(r.members)), .text(r.groupName ?? "—"),
                        .text(r.address), .text(ctx.t("household.status.\(r.status.rawValue)")),
                    ]
                }, empty: ctx.t("registry.no_households")),
            RegistryFields.cappedNote(ctx, query: m.query, total: m.paging.total),
            H.pager(ctx, m.paging) { p in SiteRoute.households.path(query: query + [("page", String(p))]) },
        ]
    }
}

/// A new household with its head: code, commune, residential group, address, area, and the
/// head's person fields.
enum HouseholdFormPage: Page {
    struct Model: Sendable {
        /// What the form shows: blank with today as the start date, or what was sent.
        let form: RegistryController.HouseholdForm
        let communes: [(id: UUID, name: String)]
        let groups: [(id: UUID, name: String)]
        let errors: [FieldError]
    }

    /// The query: the communes and residential groups the viewer may register in.
    static func model(for req: Request, form: RegistryController.HouseholdForm, errors: [FieldError] = []) async throws -> Model {
        let actor = try req.requireActor()
        try actor.require(.manageRegistry)
        let units = try await UnitRepository(req.store).all(actor, kinds: [.commune, .residentialGroup])
        return Model(
            form: form, communes: units.filter { $0.kind == .commune }.map { (id: $0.id, name: $0.name) },
            groups: units.filter { $0.kind == .residentialGroup }.map { (id: $0.id, name: $0.name) }, errors: errors)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("registry.household_new") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let f = m.form, errors = m.errors
        let head = RegistryController.PersonForm(
            full_name: f.head_full_name, gender: f.head_gender, birth: f.head_birth, national_id: f.head_national_id, phone: f.head_phone,
            disability: f.head_disability, disability_certificate_date: f.head_disability_certificate_date, has_pension: f.head_has_pension,
            has_merit: f.head_has_merit)
        let single = m.communes.count == 1
        return [
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
                                ctx, name: "commune_id", label: ctx.t("unitkind.commune"), options: m.communes.map { ($0.id.uuidString, $0.name) },
                                selected: f.commune_id ?? (single ? m.communes[0].id.uuidString : nil), errors: errors, includeBlank: !single),
                            H.select(
                                ctx, name: "group_id", label: ctx.t("unitkind.residential_group"), options: m.groups.map { ($0.id.uuidString, $0.name) },
                                selected: f.group_id, errors: errors, includeBlank: true),
                            H.field(ctx, name: "address", label: ctx.t("field.address"), value: f.address ?? "", required: true, errors: errors),
                            H.select(
                                ctx, name: "area_type", label: ctx.t("field.area_type"),
                                options: AreaType.allCases.map { ($0.rawValue, ctx.t("area.\($0.rawValue)")) }, selected: f.area_type, errors: errors,
                                includeBlank: true),
                            H.field(ctx, name: "phone", label: ctx.t("field.phone"), value: f.phone ?? "", type: "tel", errors: errors),
                            H.field(ctx, name: "since", label: ctx.t("field.since"), value: f.since ?? "", type: "date", required: true, errors: errors),
                        ]),
                    H.el(
                        .fieldset, [],
                        [H.el(.legend, [], [.text(ctx.t("registry.head"))])]
                            + RegistryFields.personFields(ctx, prefix: "head_", form: head, errors: errors, withSensitive: false)),
                    H.button(ctx.t("common.save")),
                ])
        ]
    }
}
