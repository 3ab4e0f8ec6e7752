import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// What the pages of education support share: the sub-navigation, a line's tuition and grounds
/// in words.
enum EducationParts {
    static func nav(_ ctx: PageContext, year: SchoolYear) -> Body {
        H.el(
            .nav, [("class", "subnav"), ("aria-label", ctx.t("education.title"))],
            [
                H.link(ctx.t("education.schools"), SiteRoute.education.path(query: [("year", "\(year.start)")])), .text(" · "),
                H.link(ctx.t("campaign.ward_report"), SiteRoute.wardReport.path),
            ])
    }

    static func tuition(_ ctx: PageContext, _ l: PupilSupport) -> String {
        switch l.tuition {
        case .reduced: return ctx.t("education.tuition.reduced", ["percent": "\(l.tuitionPercent)"])
        default: return ctx.t("education.tuition.\(l.tuition.rawValue)")
        }
    }

    static func grounds(_ ctx: PageContext, _ g: [EducationGround]) -> String {
        g.isEmpty ? "—" : g.map { ctx.t("education.ground.\($0.rawValue)") }.joined(separator: ", ")
    }

    static func yearOptions(_ today: LocalDate) -> [(String, String)] {
        EducationRepository.years(today: today).reversed().map { ("\($0)", SchoolYear($0).label) }
    }
}

/// The schools of the viewer's units with their figures for a school year, the children of
/// school age with no school recorded, and the forms of a pupil and a new school.
enum EducationPage: Page {
    struct Model: Sendable {
        let year: SchoolYear
        let schools: [School]
        let missing: [ChildWithoutSchool]
        let paging: Paging
        let canManage: Bool
        let wards: [(code: String, name: String)]
        /// The child carried from the list (their id and name), when one was chosen.
        let chosen: (id: UUID, name: String)?
        let today: LocalDate
        let school: EducationSupportController.SchoolForm
        let pupil: EducationSupportController.PupilForm
        let errors: [FieldError]
    }

    static func response(
        _ req: Request, school: EducationSupportController.SchoolForm, pupil: EducationSupportController.PupilForm, errors: [FieldError],
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.viewEducation)
        let year = try EducationSupportController.year(req)
        let repo = EducationRepository(req.store)
        let missing = try await repo.withoutSchool(actor, year: year, page: req.pageSpec)
        var chosen: (UUID, String)? = nil
        if let id = try req.queryUUID("person") ?? pupil.person_id.flatMap(UUID.init(uuidString:)),
            let name = try await repo.personName(actor, id: id)
        {
            chosen = (id, name)
        }
        let model = Model(
            year: year, schools: try await repo.schools(actor, year: year), missing: missing.items, paging: Paging(missing),
            canManage: actor.role.can(.manageEducation), wards: try await FeedbackRepository(req).wards(within: actor.scopePath).map { ($0.code, $0.name) },
            chosen: chosen, today: req.today, school: school, pupil: pupil, errors: errors)
        return HTMLResponse(render(PageContext(req), model), status: status).response()
    }

    static var processing: ProcessingKind? { .education }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("education.title") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let y = "\(m.year.start)"
        var out: [Body] = [
            EducationParts.nav(ctx, year: m.year),
            H.el(.p, [("class", "lead")], [.text(ctx.t("education.intro"))]),
            H.form(
                ctx, action: SiteRoute.education.path, method: "get", classes: "filters",
                [
                    H.select(ctx, name: "year", label: ctx.t("education.school_year"), options: EducationParts.yearOptions(m.today), selected: y),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.table(
                caption: ctx.t("education.schools"),
                headers: [
                    ctx.t("field.name"), ctx.t("education.level"), ctx.t("education.ownership"), ctx.t("education.pupils"), ctx.t("education.supported"),
                    ctx.t("education.applied"),
                ],
                rows: m.schools.map { s in
                    [
                        H.link(s.name, SiteRoute.educationSchool(s.id).path(query: [("year", y)])), .text(ctx.t("education.level.\(s.level.rawValue)")),
                        .text(ctx.t("education.ownership.\(s.ownership.rawValue)")), H.bdi("\(s.pupils)"), H.bdi("\(s.supported)"), H.bdi("\(s.applied)"),
                    ]
                }, empty: ctx.t("education.no_schools")),
            H.el(.h2, [], [.text(ctx.t("education.missing", ["n": "\(m.paging.total)", "year": m.year.label]))]),
            H.el(.p, [("class", "hint")], [.text(ctx.t("education.missing_hint"))]),
            H.table(
                caption: ctx.t("education.missing", ["n": "\(m.paging.total)", "year": m.year.label]),
                headers: [ctx.t("field.full_name"), ctx.t("field.birth"), ctx.t("field.household_code"), ""],
                rows: m.missing.map { c in
                    [
                        .text(c.name), H.bdi(c.birth), H.bdi(c.householdCode),
                        m.canManage
                            ? H.link(
                                ctx.t("education.record_here"), SiteRoute.education.path(query: [("year", y), ("person", c.personID.uuidString)]) + "#pupil")
                            : .empty,
                    ]
                }, empty: ctx.t("education.none_missing")),
            H.pager(ctx, m.paging) { SiteRoute.education.path(query: [("year", y), ("page", String($0))]) },
        ]
        guard m.canManage else { return out }
        let p = m.pupil
        var who: [Body] = []
        if let chosen = m.chosen {
            who = [H.hidden("person_id", chosen.id.uuidString), H.el(.p, [], [.text(ctx.t("education.pupil_chosen", ["name": chosen.name]))])]
        } else {
            who = [
                H.field(
                    ctx, name: "national_id", label: ctx.t("field.national_id"), value: p.national_id ?? "", required: true, errors: m.errors,
                    hint: ctx.t("education.national_id_hint"))
            ]
        }
        out.append(
            H.el(
                .section, [("id", "pupil")],
                [
                    H.form(
                        ctx, action: SiteRoute.educationPupils.path, classes: "card",
                        [H.el(.h2, [], [.text(ctx.t("education.record_pupil"))]), H.errorSummary(ctx, m.errors)] + who + [
                            H.select(
                                ctx, name: "school_id", label: ctx.t("education.school"), options: m.schools.map { ($0.id.uuidString, $0.name) },
                                selected: p.school_id, errors: m.errors),
                            H.select(
                                ctx, name: "school_year", label: ctx.t("education.school_year"), options: EducationParts.yearOptions(m.today),
                                selected: p.school_year ?? y, errors: m.errors, id: "f-pupil-year"),
                            H.field(
                                ctx, name: "grade", label: ctx.t("education.grade"), value: p.grade ?? "", errors: m.errors, hint: ctx.t("education.grade_hint")
                            ),
                            H.button(ctx.t("education.record_pupil")),
                        ])
                ]))
        let s = m.school
        out.append(
            H.form(
                ctx, action: SiteRoute.education.path, classes: "card",
                [
                    H.el(.h2, [], [.text(ctx.t("education.new_school"))]),
                    H.select(ctx, name: "unit", label: ctx.t("unitkind.commune"), options: m.wards, selected: s.unit, errors: m.errors),
                    H.field(ctx, name: "name", label: ctx.t("field.name"), value: s.name ?? "", required: true, errors: m.errors),
                    H.select(
                        ctx, name: "level", label: ctx.t("education.level"),
                        options: SchoolLevel.allCases.map { ($0.rawValue, ctx.t("education.level.\($0.rawValue)")) }, selected: s.level, errors: m.errors),
                    H.select(
                        ctx, name: "ownership", label: ctx.t("education.ownership"),
                        options: SchoolOwnership.allCases.map { ($0.rawValue, ctx.t("education.ownership.\($0.rawValue)")) }, selected: s.ownership,
                        errors: m.errors),
                    H.field(ctx, name: "address", label: ctx.t("field.address"), value: s.address ?? "", errors: m.errors),
                    H.field(ctx, name: "contact", label: ctx.t("education.contact"), value: s.contact ?? "", errors: m.errors),
                    H.button(ctx.t("education.new_school")),
                ]))
        return out
    }
}
