import AnsinhCore
import AnsinhStore
import Vapor

/// A person's rights over their data (Law 91/2025/QH15), from the person's page: the copy of
/// everything held about them (printable and JSON), and their requests — a copy, a correction,
/// a restriction, a deletion — received and answered.
struct PrivacyController {
    /// The public notice of why records are held (no account needed).
    func register(public html: any RoutesBuilder) {
        html.get(.privacyNotice) { req in HTMLResponse(PrivacyNoticePage.render(PageContext(req), ())) }
    }

    func register(authed: any RoutesBuilder) {
        authed.get(.personData(nil), use: subjectData)
        authed.get(.personDataJSON(nil), use: subjectJSON)
        authed.post(.personDataRequests(nil), use: receive)
        authed.post(.dataRequestComplete(nil), use: complete)
        authed.post(.dataRequestRefuse(nil), use: refuse)
        authed.post(.dataRequestErase(nil), use: erase)
    }

    /// The person's data, printable (their right of access).
    func subjectData(req: Request) async throws -> HTMLResponse {
        HTMLResponse(SubjectDataPage.render(PageContext(req), try await SubjectDataPage.model(for: req)))
    }

    /// The same as a JSON file to hand over.
    func subjectJSON(req: Request) async throws -> Response {
        let d = try await SubjectDataRepository(req.store).export(try req.requireActor(), personID: try req.idParameter())
        return try Self.json(d, attachment: true)
    }

    /// The person's data as JSON (the page's file and the API's answer), never cached.
    static func json(_ d: SubjectData, attachment: Bool) throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        if attachment { headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"person-\(d.personID.uuidString).json\"") }
        let options: JSONSerialization.WritingOptions = attachment ? [.sortedKeys, .prettyPrinted] : [.sortedKeys]
        return Response(status: .ok, headers: headers, body: .init(data: try JSONSerialization.data(withJSONObject: SubjectDataPage.json(d), options: options)))
    }

    struct RequestForm: Content { var kind: String?; var received_on: String?; var requested_by: String?; var detail: String? }
    struct HandleForm: Content { var person: String?; var outcome: String?; var confirm: String? }

    func receive(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.manageRegistry)
        let id = try req.idParameter()
        let f = try req.content.decode(RequestForm.self)
        return try await req.perform(back: SiteRoute.person(id).path, success: Message("privacy.request_received")) {
            _ = try await SubjectRequestRepository(req.store).receive(
                actor, personID: id, kind: f.kind ?? "", receivedOn: f.received_on ?? "", requestedBy: f.requested_by ?? "", detail: f.detail ?? "")
        }
    }

    func complete(req: Request) async throws -> Response { try await handle(req, .complete) }
    func refuse(req: Request) async throws -> Response { try await handle(req, .refuse) }

    func handle(_ req: Request, _ t: SubjectRequestLifecycle.Transition) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(HandleForm.self)
        let back = UUID(uuidString: f.person ?? "").map { SiteRoute.person($0).path } ?? SiteRoute.persons.path
        return try await req.perform(back: back, success: Message("privacy.request_\(t.rawValue)d")) {
            try await SubjectRequestRepository(req.store).handle(actor, id: id, t, outcome: f.outcome ?? "")
        }
    }

    /// Erases the person of an open deletion request; the person's page is gone, so the officer
    /// lands on the registry's list. Refused (409, nothing deleted) while a record is kept.
    func erase(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.manageRegistry)
        let id = try req.idParameter()
        let f = try req.content.decode(HandleForm.self)
        let back = UUID(uuidString: f.person ?? "").map { SiteRoute.person($0).path } ?? SiteRoute.persons.path
        return try await req.performShowing(back: back) {
            let r = try await SubjectRequestRepository(req.store).erase(actor, requestID: id, outcome: f.outcome ?? "", confirmed: f.confirm == "on")
            return (SiteRoute.persons.path, Message("privacy.erased", ["count": "\(r.deleted.values.reduce(0, +))"]))
        }
    }

    /// For an open deletion request: the records a legal duty keeps (the request is then refused
    /// with that reason), or the form that erases the person, with a confirmation to tick.
    static func erasure(_ ctx: PageContext, personID: UUID, requests: [SubjectRequestRecord], blockers: [ErasureBlocker]?) -> Body {
        guard let open = requests.first(where: { $0.kind == .deletion && $0.status == .received }), let blockers else { return .empty }
        if !blockers.isEmpty {
            return H.el(
                .div, [("class", "notice"), ("id", "erasure-kept")],
                [
                    H.el(.p, [], [.text(ctx.t("privacy.erasure_kept"))]),
                    H.el(
                        .ul, [],
                        blockers.map { b in
                            H.el(
                                .li, [],
                                [
                                    .text(
                                        ctx.t(b.reason) + " — "
                                            + ctx.t("privacy.erasure_records", ["count": "\(b.count)", "table": ctx.t("privacy.table.\(b.table)")]))
                                ])
                        }),
                ])
        }
        return H.form(
            ctx, action: SiteRoute.dataRequestErase(open.id).path, classes: "erase",
            [
                H.el(.p, [], [.text(ctx.t("privacy.erasure_possible"))]),
                H.hidden("person", personID.uuidString),
                H.field(ctx, name: "outcome", label: ctx.t("privacy.erasure_note"), id: "f-erase-outcome"),
                RegistryFields.checkbox(ctx, name: "confirm", label: ctx.t("privacy.erasure_confirm"), checked: false, id: "f-erase-confirm"),
                H.button(ctx.t("privacy.erase"), kind: "danger"),
            ])
    }

    /// The person page's section: the requests with their due day (overdue marked), the forms
    /// that answer an open one and receive a new one.
    static func section(
        _ ctx: PageContext, personID: UUID, requests: [SubjectRequestRecord], canManage: Bool, today: LocalDate, erasureBlockers: [ErasureBlocker]? = nil
    ) -> Body {
        H.el(
            .section, [("class", "card"), ("aria-labelledby", "h-data-requests")],
            [
                H.el(.h2, [("id", "h-data-requests")], [.text(ctx.t("privacy.requests"))]),
                H.table(
                    caption: ctx.t("privacy.requests"),
                    headers: [
                        ctx.t("field.kind"), ctx.t("privacy.received_on"), ctx.t("privacy.requested_by"), ctx.t("field.detail"), ctx.t("privacy.due_on"),
                        ctx.t("field.state"),
                    ],
                    rows: requests.map { r in
                        [
                            .text(ctx.t("privacy.kind.\(r.kind.rawValue)")), .text(ctx.date(r.receivedOn)), .text(r.requestedBy), .text(r.detail),
                            r.overdue
                                ? H.el(.span, [("class", "badge badge-overdue")], [.text(ctx.t("decision.overdue", ["date": ctx.date(r.dueOn)]))])
                                : .text(ctx.date(r.dueOn)),
                            .text(ctx.t("privacy.status.\(r.status.rawValue)") + (r.outcome.map { " — \($0)" } ?? "")),
                        ]
                    }, empty: ctx.t("privacy.no_requests")),
                .group(
                    canManage
                        ? requests.filter { $0.status == .received }.map { r in
                            H.form(
                                ctx, action: SiteRoute.dataRequestComplete(r.id).path, classes: "inline",
                                [
                                    H.hidden("person", personID.uuidString),
                                    H.field(
                                        ctx, name: "outcome", label: ctx.t("privacy.outcome", ["kind": ctx.t("privacy.kind.\(r.kind.rawValue)")]),
                                        required: true, id: "f-outcome-\(r.id.uuidString)"),
                                    H.button(ctx.t("privacy.complete"), kind: "secondary"),
                                    // Refusing sends the same outcome (the reason) to the refusal.
                                    H.el(
                                        .button,
                                        [("type", "submit"), ("class", "btn btn-link"), ("formaction", SiteRoute.dataRequestRefuse(r.id).path)],
                                        [.text(ctx.t("privacy.refuse"))]),
                                ])
                        } : []),
                canManage ? erasure(ctx, personID: personID, requests: requests, blockers: erasureBlockers) : .empty,
                canManage
                    ? H.el(
                        .details, [],
                        [
                            H.el(.summary, [], [.text(ctx.t("privacy.receive"))]),
                            H.form(
                                ctx, action: SiteRoute.personDataRequests(personID).path,
                                [
                                    H.select(
                                        ctx, name: "kind", label: ctx.t("field.kind"),
                                        options: SubjectRequestKind.allCases.map { ($0.rawValue, ctx.t("privacy.kind.\($0.rawValue)")) }, selected: "access",
                                        id: "f-request-kind"),
                                    H.field(
                                        ctx, name: "received_on", label: ctx.t("privacy.received_on"), value: today.iso, type: "date", required: true,
                                        id: "f-request-received_on"),
                                    H.field(
                                        ctx, name: "requested_by", label: ctx.t("privacy.requested_by"), required: true,
                                        hint: ctx.t("privacy.requested_by_hint"), id: "f-request-requested_by"),
                                    H.field(ctx, name: "detail", label: ctx.t("field.detail"), required: true, id: "f-request-detail"),
                                    H.button(ctx.t("privacy.receive"), kind: "secondary"),
                                ]),
                        ]) : .empty,
            ])
    }
}
