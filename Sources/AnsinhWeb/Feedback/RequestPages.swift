import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The officers' inbox: open requests of their units, soonest due first, filtered by kind,
/// state, residential group, overdue or escalated.
enum RequestsPage: Page {
    struct Model: Sendable {
        let rows: [FeedbackParts.Item]
        let kind: String?
        let status: String
        let overdue: Bool
        let escalated: Bool
        let paging: Paging
        let zone: TimeZone
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        try actor.require(.handleRequests)
        var f = FeedbackRepository.Filter()
        f.kind = req.query[String.self, at: "kind"].flatMap(RequestKind.init(rawValue:))
        let status = req.query[String.self, at: "status"] ?? "open"
        f.status = RequestLifecycle.State(rawValue: status)
        f.openOnly = status == "open"
        f.overdueOnly = req.query[String.self, at: "overdue"] == "1"
        f.escalatedOnly = req.query[String.self, at: "escalated"] == "1"
        let page = try await FeedbackRepository(req).list(actor, f, page: req.pageSpec)
        return Model(
            rows: page.items.map(FeedbackParts.Item.init), kind: f.kind?.rawValue, status: f.status?.rawValue ?? (f.openOnly ? "open" : "all"),
            overdue: f.overdueOnly,
            escalated: f.escalatedOnly, paging: Paging(page), zone: req.services.config.timeZone)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("request.inbox") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let states =
            [("open", ctx.t("request.status.open")), ("all", ctx.t("request.status.all"))]
            + RequestLifecycle.State.allCases.map { ($0.rawValue, FeedbackParts.status(ctx, $0)) }
        return [
            H.el(
                .nav, [("class", "subnav"), ("aria-label", ctx.t("nav.requests"))],
                [
                    H.link(ctx.t("request.inbox"), SiteRoute.requests.path), H.link(ctx.t("request.report"), SiteRoute.requestsReport.path),
                    H.link(ctx.t("announcement.list"), SiteRoute.announcements.path),
                    H.link(ctx.t("request.deadlines"), SiteRoute.requestDeadlines.path),
                ]),
            H.el(.p, [("class", "lead")], [.text(ctx.t("request.inbox_intro"))]),
            H.form(
                ctx, action: SiteRoute.requests.path, method: "get", classes: "filters",
                [
                    H.select(ctx, name: "kind", label: ctx.t("request.kind"), options: FeedbackParts.kinds(ctx), selected: m.kind, includeBlank: true),
                    H.select(ctx, name: "status", label: ctx.t("request.status"), options: states, selected: m.status),
                    RegistryFields.checkbox(ctx, name: "overdue", label: ctx.t("request.overdue_only"), checked: m.overdue),
                    RegistryFields.checkbox(ctx, name: "escalated", label: ctx.t("request.escalated_only"), checked: m.escalated),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.table(
                caption: ctx.t("request.inbox"),
                headers: [
                    ctx.t("request.code"), ctx.t("request.kind"), ctx.t("request.residential_group"), ctx.t("request.received_at"),
                    ctx.t("request.due_on"), ctx.t("request.status"), ctx.t("request.assignee"),
                ],
                rows: m.rows.map { r in
                    [
                        H.link(r.code, SiteRoute.request(r.id).path), .text(ctx.t("request.kind.\(r.kind.rawValue)")), .text(r.residentialGroup ?? "—"),
                        .text(ctx.timestamp(r.receivedAt, zone: m.zone)),
                        H.el(
                            .span, [("class", r.overdue ? "badge badge-warn" : nil)],
                            [
                                .text(
                                    ctx.date(r.dueOn) + (r.overdue ? " · " + ctx.t("request.overdue") : "")
                                        + (r.escalatedAt != nil ? " · " + ctx.t("request.escalated") : ""))
                            ]),
                        .text(FeedbackParts.status(ctx, r.status)), .text(r.assignee ?? "—"),
                    ]
                }, empty: ctx.t("request.none")),
            H.pager(ctx, m.paging) {
                SiteRoute.requests.path(query: [
                    ("kind", m.kind), ("status", m.status), ("overdue", m.overdue ? "1" : nil), ("escalated", m.escalated ? "1" : nil), ("page", String($0)),
                ])
            },
        ]
    }
}

/// One request: what the resident asked and how to reach them, its deadline, the timeline, and
/// the forms of its handling (assign, note, answer, close; a hardship report becomes an event).
enum RequestPage: Page {
    struct Model: Sendable {
        let r: FeedbackParts.Item
        let assignees: [String]
        /// The household of the sudden-hardship event it became.
        let linkedHousehold: (id: UUID, code: String)?
        let zone: TimeZone
        let today: LocalDate
        let canRecordHardship: Bool
        var canReceiveApplications = false
        /// The allowance application it became.
        var linkedApplication: UUID? = nil
        /// The household whose change it reports (`convertToHousehold`), and whether the viewer records changes.
        var linkedChange: (id: UUID, code: String)? = nil
        var canRecordChanges = false
        /// The messages the request caused: channel, state, attempts, last error, sent.
        var messages: [(channel: OutboxChannel, state: OutboxState, attempts: Int, error: String?, sentAt: Date?, duplicate: Bool)] = []
        /// The photos and scans the resident sent: id, name, size in bytes.
        var files: [(id: UUID, name: String, size: Int)] = []
        /// The centres a request may be forwarded to (code, name); the one it went to, and the
        /// case opened there (number and state: the ward does not read the case itself).
        var centres: [(code: String, name: String)] = []
        var forwardedTo: String? = nil
        var centreCase: (number: String, status: CaseLifecycle.State)? = nil
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let repo = FeedbackRepository(req)
        let r = try await repo.get(actor, id: try req.idParameter())
        var linked: (UUID, String)?
        if r.linkedKind == "hardship", let e = r.linkedID, let event = try await HardshipEventModel.find(e, on: req.store.db),
            let h = try await HouseholdModel.find(event.householdID, on: req.store.db)
        {
            linked = (h.id!, h.code)
        }
        var centreCase: (String, CaseLifecycle.State)?
        if r.linkedKind == "case", let id = r.linkedID, let c = try await CaseModel.find(id, on: req.store.db) { centreCase = (c.number, c.lifecycleState) }
        let forwardedTo = try await r.forwardedUnitID.asyncMap { try await OrgUnitModel.find($0, on: req.store.db)?.name }
        var change: (UUID, String)?
        if r.linkedKind == "household", let id = r.linkedID, let h = try await HouseholdModel.find(id, on: req.store.db) { change = (h.id!, h.code) }
        return Model(
            r: FeedbackParts.Item(r), assignees: try await repo.assignees(actor, unitPath: r.unitPath), linkedHousehold: linked,
            zone: req.services.config.timeZone,
            today: req.today, canRecordHardship: actor.role.can(.recordHardship), canReceiveApplications: actor.role.can(.manageAllowances),
            linkedApplication: r.linkedKind == "application" ? r.linkedID : nil, linkedChange: change, canRecordChanges: actor.role.can(.manageRegistry),
            messages: try await OutboxRepository(req.store).messages(sourceID: r.id).map {
                ($0.channel, $0.state, $0.attempts, $0.lastError, $0.sentAt, $0.possibleDuplicate)
            }, files: try await repo.files(actor, requestID: r.id).map { ($0.id, $0.fileName, $0.size) },
            centres: r.kind.forwardable && r.linkedKind == nil ? try await repo.centres() : [], forwardedTo: forwardedTo ?? nil, centreCase: centreCase)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("request.title", ["code": m.r.code]) }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let r = m.r
        let path = SiteRoute.requestStep(r.id).path
        // A request becomes one piece of work: the forms of `convert` only while it is linked to none.
        func may(_ t: RequestLifecycle.Transition) -> Bool { RequestLifecycle.rule(t).from.contains(r.status) && (t != .convert || r.linkedKind == nil) }
        var forms: [Body] = []
        if may(.assign) {
            forms.append(
                H.form(
                    ctx, action: path, classes: "card",
                    [
                        H.hidden("step", "assign"),
                        H.select(
                            ctx, name: "assignee", label: ctx.t("request.assignee"), options: m.assignees.map { ($0, $0) }, selected: r.assignee,
                            id: "f-assignee"),
                        H.button(ctx.t("request.do.assign"), kind: "secondary"),
                    ]))
        }
        if may(.convert) && m.canRecordHardship && [RequestKind.hardshipReport, .hardshipSupport].contains(r.kind) {
            forms.append(
                H.form(
                    ctx, action: SiteRoute.requestConvert(r.id).path, classes: "card",
                    [
                        H.el(.h2, [], [.text(ctx.t("request.convert_title"))]),
                        H.el(.p, [("class", "hint")], [.text(ctx.t("request.convert_hint"))]),
                        H.field(ctx, name: "household_code", label: ctx.t("field.household_code"), required: true),
                        H.select(
                            ctx, name: "event_kind", label: ctx.t("field.event_kind"),
                            options: HardshipKind.allCases.map { ($0.rawValue, ctx.t("hardship.kind.\($0.rawValue)")) }, selected: nil),
                        H.field(ctx, name: "occurred_on", label: ctx.t("field.occurred_on"), value: m.today.iso, type: "date", required: true),
                        FeedbackParts.textarea(ctx, name: "note", label: ctx.t("request.convert_note"), value: "", errors: [], id: "f-convert-note"),
                        H.button(ctx.t("request.do.convert"), kind: "secondary"),
                    ]))
        }
        if may(.convert) && m.canReceiveApplications && r.kind == .allowanceApplication {
            forms.append(
                H.form(
                    ctx, action: SiteRoute.requestApplication(r.id).path, classes: "card",
                    [
                        H.el(.h2, [], [.text(ctx.t("request.application_title"))]),
                        H.el(.p, [("class", "hint")], [.text(ctx.t("request.application_hint"))]),
                        H.field(ctx, name: "national_id", label: ctx.t("field.national_id"), required: true),
                        H.select(
                            ctx, name: "form_type", label: ctx.t("field.form_type"),
                            options: AnsinhCore.ApplicationForm.allCases.map { ($0.rawValue, ctx.t("decision.form.\($0.rawValue)")) }, selected: nil),
                        H.button(ctx.t("request.do.application"), kind: "secondary"),
                    ]))
        }
        if may(.convert) && m.canRecordChanges && r.kind == .householdChange {
            forms.append(
                H.form(
                    ctx, action: SiteRoute.requestHousehold(r.id).path, classes: "card",
                    [
                        H.el(.h2, [], [.text(ctx.t("request.household_title"))]),
                        H.el(.p, [("class", "hint")], [.text(ctx.t("request.household_hint"))]),
                        H.field(ctx, name: "household_code", label: ctx.t("field.household_code"), required: true, id: "f-change-household"),
                        H.button(ctx.t("request.do.household"), kind: "secondary"),
                    ]))
        } else if let c = m.linkedChange, m.canRecordChanges {
            forms.append(H.el(.p, [("class", "card")], [H.link(ctx.t("request.record_change", ["code": c.code]), SiteRoute.household(c.id).path)]))
        }
        if may(.convert) && !m.centres.isEmpty {
            forms.append(
                H.form(
                    ctx, action: SiteRoute.requestCentre(r.id).path, classes: "card",
                    [
                        H.el(.h2, [], [.text(ctx.t("request.forward_title"))]),
                        H.el(.p, [("class", "hint")], [.text(ctx.t("request.forward_hint"))]),
                        H.select(ctx, name: "centre", label: ctx.t("request.centre"), options: m.centres.map { ($0.code, $0.name) }, selected: nil),
                        FeedbackParts.textarea(ctx, name: "note", label: ctx.t("request.forward_note"), value: "", errors: [], id: "f-forward-note"),
                        H.button(ctx.t("request.do.forward"), kind: "secondary"),
                    ]))
        }
        // The answer (read by the resident) and the internal note: a text and the step.
        for (t, value, kind) in [(RequestLifecycle.Transition.answer, r.answer ?? "", "primary"), (.note, "", "secondary")] where may(t) {
            forms.append(
                H.form(
                    ctx, action: path, classes: "card",
                    [
                        H.hidden("step", t.rawValue),
                        FeedbackParts.textarea(
                            ctx, name: "text", label: ctx.t("request.\(t.rawValue)"), value: value, errors: [], hint: ctx.t("request.\(t.rawValue)_hint"),
                            id: "f-\(t.rawValue)"),
                        H.button(ctx.t("request.do.\(t.rawValue)"), kind: kind),
                    ]))
        }
        if may(.close) {
            forms.append(
                H.form(
                    ctx, action: path, classes: "card",
                    [
                        H.hidden("step", "close"),
                        H.select(
                            ctx, name: "outcome", label: ctx.t("request.outcome"),
                            options: RequestOutcome.allCases.map { ($0.rawValue, ctx.t("request.outcome.\($0.rawValue)")) }, selected: nil),
                        H.button(ctx.t("request.do.close"), kind: "secondary"),
                    ]))
        }
        return [
            H.el(.p, [], [H.link(ctx.t("request.inbox"), SiteRoute.requests.path)]),
            H.dl([
                (ctx.t("request.code"), H.bdi(r.code)), (ctx.t("request.kind"), .text(ctx.t("request.kind.\(r.kind.rawValue)"))),
                (ctx.t("request.channel"), .text(ctx.t("request.channel.\(r.channel.rawValue)"))),
                (ctx.t("request.status"), H.el(.strong, [("id", "request-status")], [.text(FeedbackParts.status(ctx, r.status))])),
                (ctx.t("request.residential_group"), .text(r.residentialGroup ?? "—")),
                (ctx.t("field.full_name"), .text(r.anonymous ? ctx.t("request.anonymous_sender") : (r.name ?? "—"))),
                (ctx.t("field.phone"), .text((r.phone ?? "—") + (r.zalo ? " · Zalo" : ""))), (ctx.t("field.email"), .text(r.email ?? "—")),
                (ctx.t("request.language"), .text(r.language.nativeName)),
                (ctx.t("request.text"), H.el(.p, [("class", "prewrap")], [.text(r.text)])),
                (
                    ctx.t("request.files"),
                    m.files.isEmpty
                        ? .text("—")
                        : H.el(
                            .ul, [("class", "files")],
                            m.files.map { f in
                                H.el(.li, [], [H.link(f.name, SiteRoute.requestFile(f.id).path), .text(" (" + ctx.number((f.size + 1023) / 1024) + " KB)")])
                            })
                ),
                (ctx.t("request.received_at"), .text(ctx.timestamp(r.receivedAt, zone: m.zone))),
                (
                    ctx.t("request.due_on"),
                    .text(
                        ctx.date(r.dueOn) + (r.overdue ? " · " + ctx.t("request.overdue") : "")
                            + (r.escalatedAt != nil ? " · " + ctx.t("request.escalated") : ""))
                ),
                (ctx.t("request.assignee"), .text(r.assignee ?? "—")),
                (ctx.t("request.answer"), .text(r.answer ?? "—")),
                (ctx.t("request.outcome"), .text(r.outcome.map { ctx.t("request.outcome.\($0.rawValue)") } ?? "—")),
                (
                    ctx.t("request.linked"),
                    m.linkedHousehold.map { H.link(ctx.t("request.linked_hardship", ["code": $0.code]), SiteRoute.household($0.id).path) }
                        ?? m.linkedApplication.map { H.link(ctx.t("request.linked_application"), SiteRoute.application($0).path) }
                        ?? m.linkedChange.map { H.link(ctx.t("request.linked_household", ["code": $0.code]), SiteRoute.household($0.id).path) }
                        ?? m.centreCase.map {
                            .text(ctx.t("request.linked_case", ["number": $0.number, "status": ctx.t("case.status.\($0.status.rawValue)")]))
                        } ?? m.forwardedTo.map { .text(ctx.t("request.linked_centre", ["centre": $0])) } ?? .text("—")
                ),
            ]),
        ] + forms + [
            H.table(
                caption: ctx.t("request.timeline"),
                headers: [ctx.t("request.step_at"), ctx.t("request.step"), ctx.t("request.step_text"), ctx.t("request.step_by")],
                rows: r.steps.map { s in
                    [
                        .text(ctx.timestamp(s.at, zone: m.zone)), .text(ctx.t("request.step.\(s.kind)")),
                        .text(
                            s.kind == "close"
                                ? (RequestOutcome(rawValue: s.text).map { ctx.t("request.outcome.\($0.rawValue)") } ?? s.text)
                                : s.kind == "household_change" ? ctx.t("request.change.\(s.text)") : s.text),
                        .text(s.by == "resident" ? ctx.t("request.by_resident") : s.by),
                    ]
                }, empty: "—"),
            H.table(
                caption: ctx.t("outbox.messages"),
                headers: [ctx.t("outbox.channel"), ctx.t("outbox.state"), ctx.t("outbox.attempts"), ctx.t("outbox.last_error"), ctx.t("outbox.sent_at")],
                rows: m.messages.map { o in
                    [
                        .text(ctx.t("outbox.channel.\(o.channel.rawValue)")),
                        .text(ctx.t("outbox.state.\(o.state.rawValue)") + (o.duplicate ? " · " + ctx.t("outbox.possible_duplicate") : "")),
                        .text(ctx.number(o.attempts)), .text(o.error ?? "—"), .text(o.sentAt.map { ctx.timestamp($0, zone: m.zone) } ?? "—"),
                    ]
                }, empty: ctx.t("outbox.none")),
            PrivacyNotice.note(ctx, .request),
        ]
    }
}

/// A month's requests: by kind and channel, answered within the deadline, average days.
enum RequestReportPage: Page {
    struct Model: Sendable {
        let month: YearMonth
        let report: RequestReport
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let month = try req.queryValue("month", invalid: "validation.month", YearMonth.init(iso:)) ?? req.today.yearMonth
        return Model(
            month: month, report: try await FeedbackRepository(req).report(actor, unitCode: nil, month: month))
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("request.report") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let r = m.report
        return [
            H.el(
                .nav, [("class", "subnav"), ("aria-label", ctx.t("nav.requests"))],
                [H.link(ctx.t("request.inbox"), SiteRoute.requests.path), H.link(ctx.t("request.report"), SiteRoute.requestsReport.path)]),
            H.form(
                ctx, action: SiteRoute.requestsReport.path, method: "get", classes: "filters",
                [
                    H.field(ctx, name: "month", label: ctx.t("field.month"), value: m.month.iso, type: "month"),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.dl([
                (ctx.t("request.report_received"), .text(ctx.number(r.received))), (ctx.t("request.report_answered"), .text(ctx.number(r.answered))),
                (ctx.t("request.report_in_time"), .text(ctx.t("request.report_share", ["count": ctx.number(r.answeredInTime), "share": "\(r.inTimeShare)"]))),
                (
                    ctx.t("request.report_average"),
                    .text(
                        ctx.t(
                            "request.report_days",
                            ["days": "\(r.averageDaysTenths / 10)\(ctx.locale == .en ? "." : ",")\(r.averageDaysTenths % 10)"]))
                ),
            ]),
            H.table(
                caption: ctx.t("request.report_by_kind"),
                headers: [
                    ctx.t("request.kind"), ctx.t("request.channel"), ctx.t("request.report_received"), ctx.t("request.report_answered"),
                    ctx.t("request.report_in_time"),
                ],
                rows: r.rows.map { row in
                    [
                        .text(ctx.t("request.kind.\(row.kind.rawValue)")), .text(ctx.t("request.channel.\(row.channel.rawValue)")),
                        .text(ctx.number(row.received)),
                        .text(ctx.number(row.answered)), .text(ctx.number(row.answeredInTime)),
                    ]
                }, empty: ctx.t("request.none_month")),
        ]
    }
}
