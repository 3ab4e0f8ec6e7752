import AnsinhCore
import AnsinhStore
import Vapor

/// The API twin: a person's data, their requests, one received, one done or refused.
struct PrivacyAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.personData(nil)), use: subjectData)
        api.get(.api(.personDataRequests(nil)), use: list)
        api.post(.api(.personDataRequests(nil)), use: receive)
        for t in SubjectRequestLifecycle.Transition.allCases {
            api.post(.api(.dataRequestAction(nil, t))) { req async throws -> APIJSON<RequestDTO> in try await handle(req, t) }
        }
        api.post(.api(.dataRequestErase(nil)), use: erase)
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
    struct EraseRequest: Content { let outcome: String?; let confirm: Bool }
    struct ErasureDTO: Content {
        let personId: UUID; let deleted: [String: Int]
        init(_ r: ErasureResult) { personId = r.personID; deleted = r.deleted }
    }

    func subjectData(req: Request) async throws -> Response {
        try PrivacyController.json(
            try await SubjectDataRepository(req.store).export(try req.requireActor(), personID: try req.idParameter()), attachment: false)
    }

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
        return APIJSON(RequestDTO(try await repo.get(a, id)))
    }

    /// Erases the person of an open deletion request (409 while a legal duty keeps a record).
    func erase(req: Request) async throws -> APIJSON<ErasureDTO> {
        let a = try req.requireActor()
        try a.require(.manageRegistry)
        let id = try req.idParameter()
        let b = try req.json(EraseRequest.self)
        return APIJSON(ErasureDTO(try await SubjectRequestRepository(req.store).erase(a, requestID: id, outcome: b.outcome ?? "", confirmed: b.confirm)))
    }

    static var operations: [APIOperation] {
        let tag = "registry"
        return [
            APIOperation(
                .GET, .personData(nil),
                "Everything Ansinh holds about the person, for their right of access (Law 91/2025/QH15): each kind of record, what the caller's role may not read marked as withheld, and the access log",
                tag: tag, response: "SubjectData"),
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
            APIOperation(
                .POST, .dataRequestErase(nil),
                "Erase the person of an open deletion request: the person, their own records, the request and an emptied household are deleted (audited); 409 while a legal duty keeps a record of them (an allowance file, a payment, a donation, a case, a stay, the poverty review)",
                tag: tag, request: "SubjectErasure", response: "SubjectErased"),
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
            "SubjectData": OpenAPI.obj(
                [
                    "person_id": ["type": "string", "format": "uuid"], "full_name": str, "produced_at": str, "produced_by": str,
                    "sections": [
                        "type": "array",
                        "items": OpenAPI.obj(
                            [
                                "table": str, "withheld": ["type": "boolean"],
                                "records": ["type": "array", "items": ["type": "object", "additionalProperties": str]],
                            ], required: ["table", "withheld", "records"]),
                    ],
                    "access_log": [
                        "type": "array",
                        "items": OpenAPI.obj(["at": str, "actor": str, "action": str, "entity": str], required: ["at", "actor", "action", "entity"]),
                    ],
                ], required: ["person_id", "sections", "access_log"]),
            "SubjectRequestCreate": OpenAPI.request(
                ["kind": kinds, "received_on": OpenAPI.date, "requested_by": OpenAPI.name(200), "detail": OpenAPI.name(2000)],
                required: ["kind", "received_on", "requested_by", "detail"]),
            "SubjectRequestOutcome": OpenAPI.request(["outcome": OpenAPI.name(2000)], required: ["outcome"]),
            "SubjectErasure": OpenAPI.request(
                ["outcome": OpenAPI.name(2000), "confirm": ["type": "boolean", "description": "must be true: the deletion cannot be undone"]],
                required: ["confirm"]),
            "SubjectErased": OpenAPI.obj(
                ["person_id": ["type": "string", "format": "uuid"], "deleted": ["type": "object", "additionalProperties": ["type": "integer"]]],
                required: ["person_id", "deleted"]),
        ]
    }
}
