import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// Pieces shared by the jobs-and-training pages.
enum LivelihoodParts {
    static func nav(_ ctx: PageContext) -> Body {
        H.el(
            .nav, [("class", "subnav"), ("aria-label", ctx.t("livelihood.title"))],
            [
                H.link(ctx.t("livelihood.seekers"), SiteRoute.livelihood.path), .text(" · "),
                H.link(ctx.t("livelihood.courses"), SiteRoute.livelihoodCourses.path), .text(" · "),
                H.link(ctx.t("livelihood.employers"), SiteRoute.livelihoodEmployers.path), .text(" · "),
                H.link(ctx.t("livelihood.events"), SiteRoute.livelihoodEvents.path), .text(" · "),
                H.link(ctx.t("loan.title"), SiteRoute.livelihoodLoans.path), .text(" · "),
                H.link(ctx.t("business.title"), SiteRoute.livelihoodBusiness.path), .text(" · "),
                H.link(ctx.t("campaign.ward_report"), SiteRoute.wardReport.path),
            ])
    }

    static func place(_ ward: String, _ group: String?) -> String { group.map { ward + " — " + $0 } ?? ward }

    /// The model of a list page of the area (courses, employers, sessions): a page of rows, the
    /// wards of the viewer for the form of a new one, and that form as typed with its errors.
    struct ListModel<Row: Sendable, Form: Sendable>: Sendable {
        let rows: [Row]
        let paging: Paging
        let wards: [(code: String, name: String, groups: [(code: String, name: String)])]
        let canManage: Bool
        let form: Form
        let errors: [FieldError]
    }

    /// Renders such a list page: the rows `load` reads, the viewer's wards, the form.
    static func list<P: Page, Row: Sendable, Form: Sendable>(
        _ req: Request, _ page: P.Type, form: Form, errors: [FieldError], status: HTTPResponseStatus,
        _ load: (LivelihoodRepository, Actor, PageSpec) async throws -> ResultPage<Row>
    ) async throws -> Response where P.Model == ListModel<Row, Form> {
        let actor = try req.requireActor()
        let rows = try await load(LivelihoodRepository(req.store), actor, req.pageSpec)
        let model = ListModel(
            rows: rows.items, paging: Paging(rows), wards: try await FeedbackRepository(req).wards(within: actor.scopePath),
            canManage: actor.role.can(.manageLivelihood), form: form, errors: errors)
        return HTMLResponse(P.render(PageContext(req), model), status: status).response()
    }

    static func outcome(_ ctx: PageContext, _ o: CourseOutcome) -> String {
        ctx.t("livelihood.outcome_line", ["month": "\(o.month)", "status": ctx.t("livelihood.outcome.\(o.status.rawValue)")])
            + (o.monthlyIncome > 0 ? " · " + ctx.money(Dong(o.monthlyIncome)) : "")
    }
}

/// The job seekers of the viewer's units (search by name or skill, seeking or placed), the
/// course follow-ups due, and the form to register a seeker from the registry.
enum SeekersPage: Page {
    struct Model: Sendable {
        let rows: [JobSeeker]
        let paging: Paging
        let query: String
        let status: SeekerStatus?
        let due: [FollowUpDue]
        let canManage: Bool
        let form: LivelihoodController.SeekerForm
        let errors: [FieldError]
    }

    static func response(_ req: Request, form: LivelihoodController.SeekerForm, errors: [FieldError], status: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        let actor = try req.requireActor()
        try actor.require(.viewLivelihood)
        let query = String((req.query[String.self, at: "q"] ?? "").prefix(100))
        let state = try req.filterChoice("status", SeekerStatus.self)
        let repo = LivelihoodRepository(req.store)
        let page = try await repo.seekers(actor, query: query, status: state, page: req.pageSpec)
        let model = Model(
            rows: page.items, paging: Paging(page), query: query, status: state, due: try await repo.followUpsDue(actor, today: req.today),
            canManage: actor.role.can(.manageLivelihood), form: form, errors: errors)
        return HTMLResponse(render(PageContext(req), model), status: status).response()
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("livelihood.title") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        var out: [Body] = [
            LivelihoodParts.nav(ctx),
            H.el(.p, [("class", "lead")], [.text(ctx.t("livelihood.intro"))]),
            H.form(
                ctx, action: SiteRoute.livelihood.path, method: "get", classes: "filters",
                [
                    H.field(ctx, name: "q", label: ctx.t("livelihood.search"), value: m.query, type: "search"),
                    H.select(
                        ctx, name: "status", label: ctx.t("livelihood.seeker_status"),
                        options: [("", ctx.t("livelihood.all"))] + SeekerStatus.allCases.map { ($0.rawValue, ctx.t("livelihood.seeker.\($0.rawValue)")) },
                        selected: m.status?.rawValue ?? ""),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.table(
                caption: ctx.t("livelihood.seekers"),
                headers: [
                    ctx.t("field.full_name"), ctx.t("livelihood.place"), ctx.t("field.skills"), ctx.t("livelihood.seeker_status"),
                    ctx.t("livelihood.registered_on"),
                ],
                rows: m.rows.map { s in
                    [
                        H.link(s.name, SiteRoute.livelihoodSeeker(s.id).path), .text(LivelihoodParts.place(s.wardName, s.groupName)), .text(s.skills),
                        .text(ctx.t("livelihood.seeker.\(s.status.rawValue)")), .text(ctx.date(s.registeredOn)),
                    ]
                }, empty: ctx.t("livelihood.no_seekers")),
            H.pager(ctx, m.paging) { p in
                SiteRoute.livelihood.path(query: [("q", m.query), ("status", m.status?.rawValue ?? ""), ("page", String(p))].filter { !$0.1.isEmpty })
            },
            H.table(
                caption: ctx.t("livelihood.follow_ups_due"),
                headers: [ctx.t("field.full_name"), ctx.t("livelihood.course"), ctx.t("livelihood.month_mark"), ctx.t("livelihood.due")],
                rows: m.due.map { d in
                    [
                        .text(d.personName), H.link(d.courseTitle, SiteRoute.livelihoodCourse(d.courseID).path),
                        .text(ctx.t("livelihood.months", ["n": "\(d.month)"])), .text(ctx.date(d.due)),
                    ]
                }, empty: ctx.t("livelihood.no_follow_ups")),
        ]
        guard m.canManage else { return out }
        let f = m.form
        out.append(
            H.form(
                ctx, action: SiteRoute.livelihood.path, classes: "card",
                [
                    H.el(.h2, [], [.text(ctx.t("livelihood.register"))]),
                    H.errorSummary(ctx, m.errors),
                    H.field(
                        ctx, name: "national_id", label: ctx.t("field.national_id"), value: f.national_id ?? "", required: true, errors: m.errors,
                        hint: ctx.t("livelihood.national_id_hint")),
                    H.field(
                        ctx, name: "skills", label: ctx.t("field.skills"), value: f.skills ?? "", required: true, errors: m.errors,
                        hint: ctx.t("livelihood.skills_hint")),
                    H.field(ctx, name: "wishes", label: ctx.t("field.wishes"), value: f.wishes ?? "", errors: m.errors),
                    H.field(
                        ctx, name: "constraints", label: ctx.t("field.constraints"), value: f.constraints ?? "", errors: m.errors,
                        hint: ctx.t("livelihood.constraints_hint")),
                    H.button(ctx.t("livelihood.register")),
                ]))
        return out
    }
}

/// One job seeker: the profile, the vacancies suggested with their reasons (and the referral
/// form), the referrals with their steps, the courses.
enum SeekerPage: Page {
    struct Model: Sendable {
        let file: LivelihoodRepository.SeekerFile
        let steps: [UUID: [JobReferralLifecycle.Transition]]
        let canManage: Bool
        let today: LocalDate
    }
    static var processing: ProcessingKind? { .livelihood }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let file = try await LivelihoodRepository(req.store).seeker(actor, id: try req.idParameter())
        let steps = Dictionary(uniqueKeysWithValues: file.referrals.map { ($0.id, JobReferralLifecycle.available(from: $0.status, role: actor.role)) })
        return Model(file: file, steps: steps, canManage: actor.role.can(.manageLivelihood), today: req.today)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { m.file.seeker.name }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let s = m.file.seeker
        var out: [Body] = [
            LivelihoodParts.nav(ctx),
            H.dl([
                (ctx.t("livelihood.place"), .text(LivelihoodParts.place(s.wardName, s.groupName))),
                (ctx.t("livelihood.birth_year"), H.bdi("\(s.birthYear)")),
                (ctx.t("field.disability_level"), .text(ctx.t("disability.\(s.disability.rawValue)"))),
                (ctx.t("field.skills"), .text(s.skills)), (ctx.t("field.wishes"), .text(s.wishes)), (ctx.t("field.constraints"), .text(s.constraints)),
                (ctx.t("livelihood.seeker_status"), .text(ctx.t("livelihood.seeker.\(s.status.rawValue)"))),
                (ctx.t("livelihood.registered_on"), .text(ctx.date(s.registeredOn))),
                (ctx.t("livelihood.registry_record"), H.link(ctx.t("livelihood.open_person"), SiteRoute.person(s.personID).path)),
            ]),
            H.table(
                caption: ctx.t("livelihood.suggestions"),
                headers: [ctx.t("livelihood.vacancy"), ctx.t("livelihood.employer"), ctx.t("field.wage"), ctx.t("livelihood.reasons")],
                rows: m.file.suggestions.map { g in
                    [
                        .text(g.vacancy.title), .text(g.vacancy.employerName), .text(ctx.money(Dong(g.vacancy.wage))),
                        .text(g.match.reasons.map { ctx.t($0) }.joined(separator: "; ")),
                    ]
                }, empty: ctx.t("livelihood.no_suggestions")),
        ]
        if m.canManage && !m.file.suggestions.isEmpty {
            out.append(
                H.form(
                    ctx, action: SiteRoute.livelihoodRefer(s.id).path, classes: "card",
                    [
                        H.el(.h2, [], [.text(ctx.t("livelihood.refer"))]),
                        H.select(
                            ctx, name: "vacancy_id", label: ctx.t("livelihood.vacancy"),
                            options: m.file.suggestions.map { ($0.vacancy.id.uuidString, $0.vacancy.title + " — " + $0.vacancy.employerName) }, selected: nil),
                        H.field(ctx, name: "referred_on", label: ctx.t("field.referred_on"), value: m.today.iso, type: "date"),
                        H.button(ctx.t("livelihood.refer")),
                    ]))
        }
        out.append(H.el(.h2, [], [.text(ctx.t("livelihood.referrals"))]))
        if m.file.referrals.isEmpty { out.append(H.el(.p, [], [.text(ctx.t("livelihood.no_referrals"))])) }
        for r in m.file.referrals { out.append(referral(ctx, r, steps: m.steps[r.id] ?? [], today: m.today)) }
        out.append(
            H.table(
                caption: ctx.t("livelihood.courses"),
                headers: [ctx.t("livelihood.course"), ctx.t("livelihood.enrolment_status"), ctx.t("livelihood.outcomes")],
                rows: m.file.enrolments.map { e in
                    [
                        H.link(e.courseTitle, SiteRoute.livelihoodCourse(e.courseID).path), .text(ctx.t("livelihood.enrolment.\(e.status.rawValue)")),
                        .text(e.outcomes.map { LivelihoodParts.outcome(ctx, $0) }.joined(separator: "; ")),
                    ]
                }, empty: ctx.t("livelihood.no_enrolments")))
        return out
    }

    static func referral(_ ctx: PageContext, _ r: JobReferral, steps: [JobReferralLifecycle.Transition], today: LocalDate) -> Body {
        var lines: [(String, Body)] = [
            (ctx.t("livelihood.vacancy"), .text(r.vacancyTitle + " — " + r.employerName)),
            (ctx.t("livelihood.referral_status"), .text(ctx.t("livelihood.referral.\(r.status.rawValue)"))),
            (ctx.t("field.referred_on"), .text(ctx.date(r.referredOn))),
        ]
        if let d = r.interviewOn { lines.append((ctx.t("field.interview_on"), .text(ctx.date(d)))) }
        if let d = r.startOn { lines.append((ctx.t("field.start_on"), .text(ctx.date(d)))) }
        if let w = r.wage { lines.append((ctx.t("field.wage"), .text(ctx.money(Dong(w))))) }
        if let why = r.reason { lines.append((ctx.t("field.reason"), .text(why))) }
        let id = r.id.uuidString.prefix(8)
        let forms: [Body] = steps.map { t in
            var fields: [Body] = [H.hidden("step", t.rawValue)]
            switch t {
            case .interview:
                fields.append(H.field(ctx, name: "date", label: ctx.t("field.interview_on"), value: today.iso, type: "date", id: "interview-\(id)"))
            case .hire:
                fields.append(H.field(ctx, name: "date", label: ctx.t("field.start_on"), value: today.iso, type: "date", id: "start-\(id)"))
                fields.append(H.field(ctx, name: "wage", label: ctx.t("field.wage"), id: "wage-\(id)"))
            case .decline:
                fields.append(H.field(ctx, name: "reason", label: ctx.t("field.reason"), id: "reason-\(id)"))
            }
            return H.form(
                ctx, action: SiteRoute.livelihoodReferralStep(r.id).path, classes: "inline-card",
                fields + [H.button(ctx.t("livelihood.referral_step.\(t.rawValue)"), kind: t == .decline ? "secondary" : "primary")])
        }
        return H.el(.section, [("class", "card")], [H.dl(lines)] + forms)
    }
}
