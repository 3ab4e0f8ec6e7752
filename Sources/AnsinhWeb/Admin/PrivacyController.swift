import AnsinhCore
import AnsinhStore
import Vapor

/// A person's requests about their data (Law 91/2025/QH15), received and answered from the
/// person's page: a copy (the export), a correction, a restriction, a deletion.
struct PrivacyController {
    func register(authed: any RoutesBuilder) {
        authed.post(.personDataRequests(nil), use: receive)
        authed.post(.dataRequestComplete(nil), use: complete)
        authed.post(.dataRequestRefuse(nil), use: refuse)
    }

    struct RequestForm: Content { var kind: String?; var received_on: String?; var requested_by: String?; var detail: String? }
    struct HandleForm: Content { var person: String?; var outcome: String? }

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

    /// The person page's section: the requests with their due day (overdue marked), the forms
    /// that answer an open one and receive a new one.
    static func section(_ ctx: PageContext, personID: UUID, requests: [SubjectRequestRecord], canManage: Bool, today: LocalDate) -> Body {
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

/// The API twin: a person's requests, one received, one done or refused.
struct PrivacyAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.personDataRequests(nil)), use: list)
        api.post(.api(.personDataRequests(nil)), use: receive)
        for t in SubjectRequestLifecycle.Transition.allCases {
            api.post(.api(.dataRequestAction(nil, t))) { req async throws -> APIJSON<RequestDTO> in try await handle(req, t) }
        }
    }

    struct RequestDTO: Content {
        let id: UUID; let personId: UUID; let kind: String; let receivedOn: String; let requestedBy: String; let detail: String
        let dueOn: String; let status: String; let outcome: String?; let handledBy: String?; let overdue: Bool
        init(_ r: SubjectRequestRecord) {
            id = r.id; personId = r.personID; kind = r.kind.rawValue; receivedOn = r.receivedOn.iso; requestedBy = r.requestedBy
            detail = r.detail; dueOn = r.dueOn.iso; status = r.status.rawValue; outcome = r.outcome; handledBy = r.handledBy; overdue = r.overdue
        }
    }
    struct ReceiveRequest: Content { let kind: String; let receivedOn: String; let requestedBy: String; let detail: String }
    struct HandleRequest: Content { let outcome: String }

    func list(req: Request) async throws -> APIJSON<[RequestDTO]> {
        APIJSON(try await SubjectRequestRepository(req.store).list(try req.requireActor(), personID: try req.idParameter()).map(RequestDTO.init))
    }

    func receive(req: Request) async throws -> APIJSON<RequestDTO> {
        let a = try req.requireActor()
        try a.require(.manageRegistry)
        let b = try req.json(ReceiveRequest.self)
        return APIJSON(
            RequestDTO(
                try await SubjectRequestRepository(req.store).receive(
                    a, personID: try req.idParameter(), kind: b.kind, receivedOn: b.receivedOn, requestedBy: b.requestedBy, detail: b.detail)),
            status: .created)
    }

    func handle(_ req: Request, _ t: SubjectRequestLifecycle.Transition) async throws -> APIJSON<RequestDTO> {
        let a = try req.requireActor()
        try a.require(SubjectRequestLifecycle.rule(t).permission)
        let id = try req.idParameter()
        let b = try req.json(HandleRequest.self)
        let repo = SubjectRequestRepository(req.store)
        try await repo.handle(a, id: id, t, outcome: b.outcome)
        let m = try await req.store.scoped(SubjectRequestModel.self, id, a)
        return APIJSON(RequestDTO(try await repo.list(a, personID: m.personID).first { $0.id == id }!))
    }

    static var operations: [APIOperation] {
        let tag = "registry"
        return [
            APIOperation(.GET, .personDataRequests(nil), "A person's requests about their data, newest first", tag: tag, response: "SubjectRequestList"),
            APIOperation(
                .POST, .personDataRequests(nil),
                "Receive a person's request about their data (access, correction, restriction, deletion; Law 91/2025/QH15), due after the rule file's days",
                tag: tag, request: "SubjectRequestCreate", response: "SubjectRequest", status: 201),
            APIOperation(
                .POST, .dataRequestAction(nil, .complete), "Close a request as done, saying what was done", tag: tag, request: "SubjectRequestOutcome",
                response: "SubjectRequest"),
            APIOperation(
                .POST, .dataRequestAction(nil, .refuse), "Refuse a request in writing, with the reason", tag: tag, request: "SubjectRequestOutcome",
                response: "SubjectRequest"),
        ]
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"]
        let kinds: [String: Any] = ["type": "string", "enum": SubjectRequestKind.allCases.map(\.rawValue)]
        return [
            "SubjectRequest": OpenAPI.obj(
                [
                    "id": ["type": "string", "format": "uuid"], "person_id": ["type": "string", "format": "uuid"], "kind": kinds, "received_on": str,
                    "requested_by": str, "detail": str, "due_on": str,
                    "status": ["type": "string", "enum": SubjectRequestLifecycle.State.allCases.map(\.rawValue)], "outcome": ["type": ["string", "null"]],
                    "handled_by": ["type": ["string", "null"]], "overdue": ["type": "boolean"],
                ], required: ["id", "person_id", "kind", "received_on", "due_on", "status"]),
            "SubjectRequestList": ["type": "array", "items": OpenAPI.ref("SubjectRequest")],
            "SubjectRequestCreate": OpenAPI.request(
                ["kind": kinds, "received_on": OpenAPI.date, "requested_by": OpenAPI.name(200), "detail": OpenAPI.name(2000)],
                required: ["kind", "received_on", "requested_by", "detail"]),
            "SubjectRequestOutcome": OpenAPI.request(["outcome": OpenAPI.name(2000)], required: ["outcome"]),
        ]
    }
}
