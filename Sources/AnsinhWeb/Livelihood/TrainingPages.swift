import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The courses of the viewer's units and the form for a new one.
enum CoursesPage: Page {
    typealias Model = LivelihoodParts.ListModel<Course, LivelihoodController.CourseForm>

    static func response(_ req: Request, form: LivelihoodController.CourseForm, errors: [FieldError], status: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        try await LivelihoodParts.list(req, Self.self, form: form, errors: errors, status: status) { repo, actor, page in
            try await repo.courses(actor, page: page)
        }
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("livelihood.courses") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        var out: [Body] = [
            LivelihoodParts.nav(ctx),
            H.table(
                caption: ctx.t("livelihood.courses"),
                headers: [
                    ctx.t("livelihood.course"), ctx.t("field.trade"), ctx.t("livelihood.provider"), ctx.t("livelihood.dates"), ctx.t("livelihood.learners"),
                    ctx.t("field.cost"),
                ],
                rows: m.rows.map { c in
                    [
                        H.link(c.title, SiteRoute.livelihoodCourse(c.id).path), .text(c.trade), .text(c.provider),
                        .text(ctx.date(c.startsOn) + " – " + ctx.date(c.endsOn)),
                        H.bdi(ctx.t("livelihood.learners_line", ["enrolled": "\(c.enrolled)", "places": "\(c.places)", "completed": "\(c.completed)"])),
                        .text(ctx.money(Dong(c.cost))),
                    ]
                }, empty: ctx.t("livelihood.no_courses")),
            H.pager(ctx, m.paging) { SiteRoute.livelihoodCourses.path(query: [("page", String($0))]) },
        ]
        guard m.canManage else { return out }
        let f = m.form
        out.append(
            H.form(
                ctx, action: SiteRoute.livelihoodCourses.path, classes: "card",
                [
                    H.el(.h2, [], [.text(ctx.t("livelihood.new_course"))]),
                    H.errorSummary(ctx, m.errors),
                    H.select(ctx, name: "unit", label: ctx.t("request.ward"), options: m.wards.map { ($0.code, $0.name) }, selected: f.unit, errors: m.errors),
                    H.field(ctx, name: "title", label: ctx.t("livelihood.course"), value: f.title ?? "", required: true, errors: m.errors),
                    H.field(ctx, name: "trade", label: ctx.t("field.trade"), value: f.trade ?? "", required: true, errors: m.errors),
                    H.field(ctx, name: "provider", label: ctx.t("livelihood.provider"), value: f.provider ?? "", required: true, errors: m.errors),
                    H.field(ctx, name: "starts_on", label: ctx.t("field.starts_on"), value: f.starts_on ?? "", type: "date", required: true, errors: m.errors),
                    H.field(ctx, name: "ends_on", label: ctx.t("field.ends_on"), value: f.ends_on ?? "", type: "date", required: true, errors: m.errors),
                    H.field(ctx, name: "places", label: ctx.t("field.places"), value: f.places ?? "", required: true, errors: m.errors),
                    H.field(
                        ctx, name: "cost", label: ctx.t("field.cost"), value: f.cost ?? "", required: true, errors: m.errors,
                        hint: ctx.t("livelihood.cost_hint")),
                    H.button(ctx.t("livelihood.new_course")),
                ]))
        return out
    }
}

/// One course: its learners with the state's support, completion or leaving, the follow-ups
/// at 3, 6 and 12 months; the enrolment form.
enum CoursePage: Page {
    struct Model: Sendable {
        let course: Course
        let learners: [Enrolment]
        let steps: [UUID: [EnrolmentLifecycle.Transition]]
        let canManage: Bool
        let today: LocalDate
    }
    static var processing: ProcessingKind? { .livelihood }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let (course, learners) = try await LivelihoodRepository(req.store).course(actor, id: try req.idParameter())
        let steps = Dictionary(uniqueKeysWithValues: learners.map { ($0.id, EnrolmentLifecycle.available(from: $0.status, role: actor.role)) })
        return Model(course: course, learners: learners, steps: steps, canManage: actor.role.can(.manageLivelihood), today: req.today)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { m.course.title }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let c = m.course
        var out: [Body] = [
            LivelihoodParts.nav(ctx),
            H.dl([
                (ctx.t("request.ward"), .text(c.wardName)), (ctx.t("field.trade"), .text(c.trade)), (ctx.t("livelihood.provider"), .text(c.provider)),
                (ctx.t("livelihood.dates"), .text(ctx.date(c.startsOn) + " – " + ctx.date(c.endsOn))),
                (
                    ctx.t("livelihood.learners"),
                    H.bdi(ctx.t("livelihood.learners_line", ["enrolled": "\(c.enrolled)", "places": "\(c.places)", "completed": "\(c.completed)"]))
                ),
                (ctx.t("field.cost"), .text(ctx.money(Dong(c.cost)))),
            ]),
            H.el(.p, [("class", "hint")], [.text(ctx.t("livelihood.support_note"))]),
        ]
        out.append(H.el(.h2, [], [.text(ctx.t("livelihood.learners"))]))
        if m.learners.isEmpty { out.append(H.el(.p, [], [.text(ctx.t("livelihood.no_enrolments"))])) }
        for e in m.learners { out.append(learner(ctx, e, steps: m.steps[e.id] ?? [], canManage: m.canManage, today: m.today)) }
        if m.canManage {
            out.append(
                H.form(
                    ctx, action: SiteRoute.livelihoodEnrol(c.id).path, classes: "card",
                    [
                        H.el(.h2, [], [.text(ctx.t("livelihood.enrol"))]),
                        H.field(ctx, name: "national_id", label: ctx.t("field.national_id"), required: true, hint: ctx.t("livelihood.enrol_hint")),
                        H.field(ctx, name: "enrolled_on", label: ctx.t("livelihood.enrolled_on"), value: min(m.today, c.endsOn).iso, type: "date"),
                        H.button(ctx.t("livelihood.enrol")),
                    ]))
        }
        return out
    }

    static func learner(_ ctx: PageContext, _ e: Enrolment, steps: [EnrolmentLifecycle.Transition], canManage: Bool, today: LocalDate) -> Body {
        var lines: [(String, Body)] = [
            (ctx.t("livelihood.enrolment_status"), .text(ctx.t("livelihood.enrolment.\(e.status.rawValue)"))),
            (ctx.t("livelihood.group"), .text(ctx.t("livelihood.group.\(e.group.rawValue)"))),
            (ctx.t("livelihood.support"), .text(ctx.money(Dong(e.support)))),
            (ctx.t("livelihood.enrolled_on"), .text(ctx.date(e.enrolledOn))),
        ]
        if let d = e.completedOn { lines.append((ctx.t("field.completed_on"), .text(ctx.date(d)))) }
        if let n = e.certificate { lines.append((ctx.t("field.certificate"), H.bdi(n))) }
        if let why = e.reason { lines.append((ctx.t("field.reason"), .text(why))) }
        for o in e.outcomes { lines.append((ctx.t("livelihood.months", ["n": "\(o.month)"]), .text(LivelihoodParts.outcome(ctx, o)))) }
        for p in e.pending { lines.append((ctx.t("livelihood.months", ["n": "\(p.month)"]), .text(ctx.t("livelihood.due_on", ["date": ctx.date(p.due)])))) }
        let id = e.id.uuidString.prefix(8)
        var forms: [Body] = steps.map { t in
            let fields: [Body] =
                t == .complete
                ? [
                    H.field(ctx, name: "completed_on", label: ctx.t("field.completed_on"), value: today.iso, type: "date", id: "done-\(id)"),
                    H.field(ctx, name: "certificate", label: ctx.t("field.certificate"), id: "cert-\(id)"),
                ] : [H.field(ctx, name: "reason", label: ctx.t("field.reason"), id: "why-\(id)")]
            return H.form(
                ctx, action: SiteRoute.livelihoodEnrolmentStep(e.id).path, classes: "inline-card",
                [H.hidden("step", t.rawValue)] + fields
                    + [H.button(ctx.t("livelihood.enrolment_step.\(t.rawValue)"), kind: t == .drop ? "secondary" : "primary")])
        }
        if canManage, let next = e.pending.first(where: { $0.due <= today }) {
            forms.append(
                H.form(
                    ctx, action: SiteRoute.livelihoodOutcome(e.id).path, classes: "inline-card",
                    [
                        H.hidden("month", "\(next.month)"),
                        H.el(.p, [], [.text(ctx.t("livelihood.record_outcome", ["n": "\(next.month)"]))]),
                        H.select(
                            ctx, name: "status", label: ctx.t("livelihood.outcome_status"),
                            options: CourseOutcomeStatus.allCases.map { ($0.rawValue, ctx.t("livelihood.outcome.\($0.rawValue)")) }, selected: nil,
                            id: "status-\(id)"),
                        H.field(ctx, name: "monthly_income", label: ctx.t("field.monthly_income"), value: "0", id: "income-\(id)"),
                        H.button(ctx.t("livelihood.save_outcome")),
                    ]))
        }
        return H.el(.section, [("class", "card")], [H.el(.h3, [], [H.link(e.personName, SiteRoute.livelihoodSeeker(e.seekerID).path)]), H.dl(lines)] + forms)
    }
}
