import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// Announcements: the officers' list with the form, one announcement with its steps; the public
/// list of current announcements and the printable notice for a residential group's board.
struct AnnouncementController {
    struct Form: Content {
        var unit: String?; var kind: String?; var title: String?; var body: String?; var groups: [String]?; var until: String?; var notify: String?
        var audience: String?; var households: String?
    }
    struct StepForm: Content { var step: String? }

    func register(public html: any RoutesBuilder) {
        html.get(.publicAnnouncements) { req in
            let ward = req.query[String.self, at: "ward"].map { String($0.prefix(50)) }
            let list = try await AnnouncementRepository(req.store).current(wardCode: ward, today: req.today)
            return HTMLResponse(PublicAnnouncementsPage.render(PageContext(req), list.map(AnnouncementParts.Item.init)))
        }
        html.get(.publicAnnouncement(nil)) { req in
            let a = try await AnnouncementRepository(req.store).published(id: try req.idParameter(), today: req.today)
            return HTMLResponse(AnnouncementNoticePage.render(PageContext(req), AnnouncementParts.Item(a)))
        }
    }

    func register(authed: any RoutesBuilder) {
        authed.get(.announcements) { req in try await Self.list(req, form: Form(), errors: [], status: .ok) }
        authed.post(.announcements, use: create)
        authed.get(.announcement(nil)) { req in
            let a = try await AnnouncementRepository(req.store).get(try req.requireActor(), id: try req.idParameter())
            return HTMLResponse(AnnouncementPage.render(PageContext(req), AnnouncementParts.Item(a)))
        }
        authed.post(.announcementStep(nil), use: step)
    }

    static func list(_ req: Request, form: Form, errors: [FieldError], status: HTTPResponseStatus) async throws -> Response {
        let actor = try req.requireActor()
        let repo = AnnouncementRepository(req.store)
        let page = try await repo.list(actor, page: req.pageSpec)
        let model = AnnouncementsPage.Model(
            rows: page.items.map(AnnouncementParts.Item.init), paging: Paging(page),
            wards: try await FeedbackRepository(req).wards(within: actor.scopePath), form: form, errors: errors,
            today: req.today)
        return HTMLResponse(AnnouncementsPage.render(PageContext(req), model), status: status).response()
    }

    func create(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.handleRequests)
        let f = try req.content.decode(Form.self)
        var input = AnnouncementInput()
        input.unitCode = f.unit ?? ""; input.kind = f.kind ?? ""; input.title = f.title ?? ""; input.body = f.body ?? ""; input.groups = f.groups ?? []
        input.until = f.until ?? ""; input.notify = f.notify != nil; input.audience = f.audience ?? AnnouncementAudience.groups.rawValue
        input.households = AnnouncementParts.codes(f.households ?? "")
        do {
            let id = try await AnnouncementRepository(req.store).create(actor, input, today: req.today)
            req.flash(.success, Message("announcement.created"))
            return req.redirect(to: SiteRoute.announcement(id).path)
        } catch AppError.validation(let errors) {
            return try await Self.list(req, form: f, errors: errors, status: .unprocessableEntity)
        }
    }

    func step(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.handleRequests)
        let id = try req.idParameter()
        let f = try req.content.decode(StepForm.self)
        let t = AnnouncementLifecycle.Transition(rawValue: f.step ?? "")
        return try await req.perform(back: SiteRoute.announcement(id).path, success: t.map { Message("announcement.done.\($0.rawValue)") }) {
            guard let t else { throw AppError.invalid("step", "validation.choice") }
            try await AnnouncementRepository(req.store).take(actor, id: id, t)
        }
    }
}

/// An announcement as the pages show it.
enum AnnouncementParts {
    struct Item: Sendable {
        let id: UUID
        let wardName: String
        let kind: AnnouncementKind
        let title: String
        let body: String
        let groups: [String]
        let audience: AnnouncementAudience
        let households: [String]
        let status: AnnouncementLifecycle.State
        let until: LocalDate
        let notify: Bool
        let notified: Int
        init(_ a: Announcement) {
            id = a.id; wardName = a.wardName; kind = a.kind; title = a.title; body = a.body; groups = a.groups; audience = a.audience; households = a.households
            status = a.status; until = a.until
            notify = a.notify; notified = a.notified
        }
    }

    /// Who it is for; named households are counted, never named (the public pages show it).
    static func audience(_ ctx: PageContext, _ a: Item) -> String {
        let who: String
        switch a.audience {
        case .groups: who = a.groups.isEmpty ? ctx.t("announcement.whole_ward") : a.groups.joined(separator: ", ")
        case .paidThisMonth: who = ctx.t("announcement.audience.paid_this_month")
        case .households: who = ctx.t("announcement.households_count", ["count": ctx.number(a.households.count)])
        }
        return a.wardName + " — " + who
    }

    /// Household codes as typed: separated by commas, semicolons, spaces or lines.
    static func codes(_ typed: String) -> [String] {
        typed.split { $0 == "," || $0 == ";" || $0.isWhitespace || $0.isNewline }.map(String.init).prefix(1000).map { $0 }
    }
}

/// The ward's announcements and the form for a new one.
enum AnnouncementsPage: Page {
    struct Model: Sendable {
        let rows: [AnnouncementParts.Item]
        let paging: Paging
        let wards: [(code: String, name: String, groups: [(code: String, name: String)])]
        let form: AnnouncementController.Form
        let errors: [FieldError]
        let today: LocalDate
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("announcement.list") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let f = m.form
        let groups = m.wards.flatMap { w in w.groups.map { ($0.code, w.name + " — " + $0.name) } }
        return [
            H.el(
                .p, [("class", "lead")],
                [.text(ctx.t("announcement.intro")), .text(" "), H.link(ctx.t("announcement.public"), SiteRoute.publicAnnouncements.path)]),
            H.table(
                caption: ctx.t("announcement.list"),
                headers: [
                    ctx.t("announcement.title"), ctx.t("announcement.audience"), ctx.t("announcement.kind"), ctx.t("announcement.status"),
                    ctx.t("announcement.until"),
                ],
                rows: m.rows.map { a in
                    [
                        H.link(a.title, SiteRoute.announcement(a.id).path), .text(AnnouncementParts.audience(ctx, a)),
                        .text(ctx.t("announcement.kind.\(a.kind.rawValue)")), .text(ctx.t("announcement.status.\(a.status.rawValue)")),
                        .text(ctx.date(a.until)),
                    ]
                }, empty: ctx.t("announcement.none")),
            H.pager(ctx, m.paging) { SiteRoute.announcements.path(query: [("page", String($0))]) },
            H.form(
                ctx, action: SiteRoute.announcements.path, classes: "card",
                [
                    H.el(.h2, [], [.text(ctx.t("announcement.new"))]),
                    H.errorSummary(ctx, m.errors),
                    H.select(ctx, name: "unit", label: ctx.t("request.ward"), options: m.wards.map { ($0.code, $0.name) }, selected: f.unit, errors: m.errors),
                    H.select(
                        ctx, name: "kind", label: ctx.t("announcement.kind"),
                        options: AnnouncementKind.allCases.map { ($0.rawValue, ctx.t("announcement.kind.\($0.rawValue)")) }, selected: f.kind, errors: m.errors),
                    H.field(ctx, name: "title", label: ctx.t("announcement.title"), value: f.title ?? "", required: true, errors: m.errors),
                    FeedbackParts.textarea(ctx, name: "body", label: ctx.t("announcement.body"), value: f.body ?? "", errors: m.errors),
                    H.select(
                        ctx, name: "audience", label: ctx.t("announcement.audience"),
                        options: AnnouncementAudience.allCases.map { ($0.rawValue, ctx.t("announcement.audience.\($0.rawValue)")) },
                        selected: f.audience ?? AnnouncementAudience.groups.rawValue, errors: m.errors),
                    H.checkboxes(legend: ctx.t("announcement.groups_hint"), name: "groups", idPrefix: "group", options: groups),
                    FeedbackParts.textarea(
                        ctx, name: "households", label: ctx.t("announcement.households"), value: f.households ?? "", errors: m.errors,
                        hint: ctx.t("announcement.households_hint")),
                    H.field(
                        ctx, name: "until", label: ctx.t("announcement.until"), value: f.until ?? m.today.adding(days: 30).iso, type: "date", errors: m.errors),
                    RegistryFields.checkbox(ctx, name: "notify", label: ctx.t("announcement.notify"), checked: f.notify != nil),
                    H.button(ctx.t("announcement.save")),
                ]),
        ]
    }
}

/// One announcement, its audience and state, publishing and withdrawing.
enum AnnouncementPage: Page {
    typealias Model = AnnouncementParts.Item
    static func title(_ ctx: PageContext, _ a: Model) -> String { a.title }
    static func body(_ ctx: PageContext, _ a: Model) -> [Body] {
        let path = SiteRoute.announcementStep(a.id).path
        var out: [Body] = [
            H.el(.p, [], [H.link(ctx.t("announcement.list"), SiteRoute.announcements.path)]),
            H.dl([
                (ctx.t("announcement.status"), H.el(.strong, [("id", "announcement-status")], [.text(ctx.t("announcement.status.\(a.status.rawValue)"))])),
                (ctx.t("announcement.kind"), .text(ctx.t("announcement.kind.\(a.kind.rawValue)"))),
                (ctx.t("announcement.audience"), .text(AnnouncementParts.audience(ctx, a))),
                (ctx.t("announcement.households"), .text(a.households.isEmpty ? "—" : a.households.joined(separator: ", "))),
                (ctx.t("announcement.until"), .text(ctx.date(a.until))),
                (ctx.t("announcement.body"), H.el(.p, [("class", "prewrap")], [.text(a.body)])),
                (
                    ctx.t("announcement.notify"),
                    .text(a.notify ? ctx.t("announcement.notified", ["count": ctx.number(a.notified)]) : ctx.t("announcement.not_notified"))
                ),
            ]),
        ]
        for t in AnnouncementLifecycle.Transition.allCases where AnnouncementLifecycle.rule(t).from.contains(a.status) {
            out.append(
                H.form(
                    ctx, action: path, classes: "inline",
                    [H.hidden("step", t.rawValue), H.button(ctx.t("announcement.do.\(t.rawValue)"), kind: t == .publish ? "primary" : "secondary")]))
        }
        if a.status == .published { out.append(H.el(.p, [], [H.link(ctx.t("announcement.print"), SiteRoute.publicAnnouncement(a.id).path)])) }
        return out
    }
}

/// The current announcements, for everyone.
enum PublicAnnouncementsPage: Page {
    typealias Model = [AnnouncementParts.Item]
    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("announcement.public") }
    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        (m.isEmpty ? [H.el(.p, [("class", "empty")], [.text(ctx.t("announcement.none_current"))])] : [])
            + m.map { a in
                H.el(
                    .article, [("class", "card")],
                    [
                        H.el(.h2, [], [.text(a.title)]),
                        H.el(.p, [("class", "hint")], [.text(AnnouncementParts.audience(ctx, a) + " · " + ctx.t("announcement.kind.\(a.kind.rawValue)"))]),
                        H.el(.p, [("class", "prewrap")], [.text(a.body)]),
                        H.el(.p, [], [H.link(ctx.t("announcement.print"), SiteRoute.publicAnnouncement(a.id).path)]),
                    ])
            } + [H.el(.p, [], [H.link(ctx.t("request.public_new"), SiteRoute.publicRequestNew.path)])]
    }
}

/// The notice for a residential group's board: printed as it is.
enum AnnouncementNoticePage: Page {
    typealias Model = AnnouncementParts.Item
    static func title(_ ctx: PageContext, _ a: Model) -> String { a.title }
    static func body(_ ctx: PageContext, _ a: Model) -> [Body] {
        [
            H.el(
                .article, [("class", "notice")],
                [
                    H.el(.p, [("class", "lead")], [.text(ctx.t("announcement.notice_of", ["ward": a.wardName]))]),
                    H.el(.p, [], [.text(ctx.t("announcement.audience") + ": " + AnnouncementParts.audience(ctx, a))]),
                    H.el(.p, [("class", "prewrap")], [.text(a.body)]),
                    H.el(.p, [("class", "hint")], [.text(ctx.t("announcement.shown_until", ["date": ctx.date(a.until)]))]),
                ])
        ]
    }
}
