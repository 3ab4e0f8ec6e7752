import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// One school's list for a school year: its pupils supported, the grounds and amounts, what the
/// school applied; the list worked out again from the registry, the export to agree with it.
enum SchoolPage: Page {
    struct Model: Sendable {
        let school: School
        let year: SchoolYear
        let status: EducationSupportLifecycle.State?
        let lines: [PupilSupport]
        let paging: Paging
        let canManage: Bool
        let today: LocalDate
    }
    static var processing: ProcessingKind? { .education }

    static func response(_ req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter(), year = try EducationSupportController.year(req)
        let status = try req.filterChoice("status", EducationSupportLifecycle.State.self)
        let repo = EducationRepository(req.store)
        let school = try await repo.school(actor, id: id, year: year)
        let page = try await repo.list(actor, school: id, year: year, status: status, page: req.pageSpec)
        let model = Model(
            school: school, year: year, status: status, lines: page.items, paging: Paging(page), canManage: actor.role.can(.manageEducation),
            today: req.today)
        return HTMLResponse(render(PageContext(req), model)).response()
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { m.school.name }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let s = m.school, y = "\(m.year.start)"
        var query: [(String, String)] = [("year", y)]
        if let status = m.status { query.append(("status", status.rawValue)) }
        var out: [Body] = [
            EducationParts.nav(ctx, year: m.year),
            H.dl([
                (ctx.t("education.level"), .text(ctx.t("education.level.\(s.level.rawValue)"))),
                (ctx.t("education.ownership"), .text(ctx.t("education.ownership.\(s.ownership.rawValue)"))),
                (ctx.t("unitkind.commune"), .text(s.wardName)), (ctx.t("field.address"), .text(s.address.isEmpty ? "—" : s.address)),
                (ctx.t("education.contact"), .text(s.contact.isEmpty ? "—" : s.contact)),
                (ctx.t("education.pupils"), H.bdi("\(s.pupils)")), (ctx.t("education.supported"), H.bdi("\(s.supported)")),
                (ctx.t("education.applied"), H.bdi("\(s.applied)")),
            ]),
            H.form(
                ctx, action: SiteRoute.educationSchool(s.id).path, method: "get", classes: "filters",
                [
                    H.select(ctx, name: "year", label: ctx.t("education.school_year"), options: EducationParts.yearOptions(m.today), selected: y),
                    H.select(
                        ctx, name: "status", label: ctx.t("education.status"),
                        options: [("", ctx.t("livelihood.all"))]
                            + EducationSupportLifecycle.State.allCases.map { ($0.rawValue, ctx.t("education.status.\($0.rawValue)")) },
                        selected: m.status?.rawValue ?? ""),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.el(.div, [("class", "actions")], Spreadsheet.buttons(ctx, .educationSchoolExport(s.id), query: [("year", y)])),
            H.table(
                caption: ctx.t("education.list", ["year": m.year.label]),
                headers: [
                    ctx.t("field.full_name"), ctx.t("field.household_code"), ctx.t("education.grade"), ctx.t("education.tuition"),
                    ctx.t("education.learning_cost"), ctx.t("education.status"),
                ],
                rows: m.lines.map { l in
                    [
                        H.link(l.name, SiteRoute.educationSupport(l.id).path), H.bdi(l.householdCode), .text(l.grade),
                        .text(EducationParts.tuition(ctx, l) + (l.tuitionGrounds.isEmpty ? "" : " — " + EducationParts.grounds(ctx, l.tuitionGrounds))),
                        .text(l.learningCost > 0 ? ctx.money(Dong(l.learningCost)) : "—"), .text(ctx.t("education.status.\(l.status.rawValue)")),
                    ]
                }, empty: ctx.t("education.no_lines")),
            H.pager(ctx, m.paging) { SiteRoute.educationSchool(s.id).path(query: query + [("page", String($0))]) },
        ]
        if m.canManage {
            out.append(
                H.form(
                    ctx, action: SiteRoute.educationSchoolList(s.id).path, classes: "card",
                    [
                        H.el(.h2, [], [.text(ctx.t("education.refresh"))]), H.el(.p, [("class", "hint")], [.text(ctx.t("education.refresh_hint"))]),
                        H.hidden("school_year", y), H.button(ctx.t("education.refresh")),
                    ]))
        }
        return out
    }
}

/// One line of a school's list: who, the grounds with the rule set, the amounts, what the
/// school did, and the steps left.
enum SupportPage: Page {
    struct Model: Sendable {
        let line: PupilSupport
        let steps: [EducationSupportLifecycle.Transition]
        let today: LocalDate
    }
    static var processing: ProcessingKind? { .education }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("education.support_of", ["name": m.line.name]) }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let l = m.line
        var lines: [(String, Body)] = [
            (ctx.t("education.school"), H.link(l.schoolName, SiteRoute.educationSchool(l.schoolID).path(query: [("year", "\(l.schoolYear.start)")]))),
            (ctx.t("education.school_year"), H.bdi(l.schoolYear.label)), (ctx.t("field.birth"), H.bdi(l.birth)),
            (ctx.t("field.household_code"), H.bdi(l.householdCode)), (ctx.t("education.grade"), .text(l.grade.isEmpty ? "—" : l.grade)),
            (ctx.t("education.tuition"), .text(EducationParts.tuition(ctx, l))),
            (ctx.t("education.tuition_grounds"), .text(EducationParts.grounds(ctx, l.tuitionGrounds))),
            (ctx.t("education.learning_cost"), .text(l.learningCost > 0 ? ctx.money(Dong(l.learningCost)) : "—")),
            (ctx.t("education.learning_cost_grounds"), .text(EducationParts.grounds(ctx, l.learningCostGrounds))),
            (ctx.t("education.status"), .text(ctx.t("education.status.\(l.status.rawValue)"))),
        ]
        if let d = l.appliedOn { lines.append((ctx.t("education.applied_on"), H.bdi(d))) }
        if let r = l.reason { lines.append((ctx.t("field.reason"), .text(r))) }
        var out: [Body] = [EducationParts.nav(ctx, year: l.schoolYear), H.dl(lines), H.el(.p, [("class", "hint")], [.text(ctx.t("education.basis"))])]
        for t in m.steps {
            let field: Body =
                t == .apply
                ? H.field(ctx, name: "applied_on", label: ctx.t("education.applied_on"), value: m.today.iso, type: "date")
                : H.field(ctx, name: "reason", label: ctx.t("field.reason"), hint: ctx.t("education.reason_hint"))
            out.append(
                H.form(
                    ctx, action: SiteRoute.educationSupportStep(l.id).path, classes: "card",
                    [
                        H.el(.h2, [], [.text(ctx.t("education.step.\(t.rawValue)"))]), H.hidden("step", t.rawValue), field,
                        H.button(ctx.t("education.step.\(t.rawValue)"), kind: t == .decline ? "secondary" : "primary"),
                    ]))
        }
        return out
    }
}
