import AnsinhCore
import AnsinhStore
import Vapor

/// The API twin of the breach log: the list (and a breach recorded), one breach with its
/// timeline, each step of `BreachLifecycle`.
struct BreachAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.breaches), use: list)
        api.post(.api(.breaches), use: record)
        api.get(.api(.breach(nil)), use: show)
        for t in BreachLifecycle.Transition.allCases {
            api.post(.api(.breachAction(nil, t))) { req async throws -> APIJSON<BreachDTO> in try await step(req, t) }
        }
    }

    struct StepDTO: Content { let kind: String; let at: Date; let text: String; let by: String }
    struct BreachDTO: Content {
        let id: UUID; let summary: String; let foundAt: Date; let description: String; let dataAffected: String; let classes: [String]
        let personsAffected: Int; let status: String; let reportDueAt: Date; let reportedAt: Date?; let authorityReference: String?
        let personsNotifiedAt: Date?; let outcome: String?; let recordedBy: String; let overdue: Bool; let steps: [StepDTO]
        init(_ b: BreachRecord) {
            id = b.id; summary = b.summary; foundAt = b.foundAt; description = b.description; dataAffected = b.dataAffected
            classes = b.classes.map(\.rawValue); personsAffected = b.personsAffected; status = b.status.rawValue; reportDueAt = b.reportDueAt
            reportedAt = b.reportedAt; authorityReference = b.authorityReference; personsNotifiedAt = b.personsNotifiedAt; outcome = b.outcome
            recordedBy = b.recordedBy; overdue = b.overdue; steps = b.steps.map { StepDTO(kind: $0.kind, at: $0.at, text: $0.text, by: $0.by) }
        }
    }
    struct RecordRequest: Content {
        let summary: String; let foundAt: String; let description: String; let dataAffected: String; let classes: [String]?
        let personsAffected: Int; let measures: String?
    }
    struct StepRequest: Content { let text: String }

    func list(req: Request) async throws -> APIJSON<APIPage<BreachDTO>> {
        let actor = try req.requireActor()
        let page = try await BreachRepository(req.store).list(
            actor, status: try req.queryChoice("status", BreachLifecycle.State.self), page: req.pageSpec)
        return APIJSON(APIPage(page.map(BreachDTO.init)))
    }

    func show(req: Request) async throws -> APIJSON<BreachDTO> {
        APIJSON(BreachDTO(try await BreachRepository(req.store).get(try req.requireActor(), try req.idParameter())))
    }

    func record(req: Request) async throws -> APIJSON<BreachDTO> {
        let actor = try req.requireActor()
        try actor.require(.manageBreaches)
        let b = try req.json(RecordRequest.self)
        var input = BreachInput()
        input.summary = b.summary; input.foundAt = try? req.localDateTime(b.foundAt, field: "found_at"); input.description = b.description;
        input.dataAffected = b.dataAffected
        input.classes = b.classes ?? []; input.personsAffected = "\(b.personsAffected)"; input.measures = b.measures ?? ""
        let repo = BreachRepository(req.store)
        let id = try await repo.record(actor, input)
        return APIJSON(BreachDTO(try await repo.get(actor, id)), status: .created)
    }

    func step(_ req: Request, _ t: BreachLifecycle.Transition) async throws -> APIJSON<BreachDTO> {
        let actor = try req.requireActor()
        try actor.require(BreachLifecycle.rule(t).permission)
        let id = try req.idParameter()
        let b = try req.json(StepRequest.self)
        let repo = BreachRepository(req.store)
        try await repo.take(actor, id: id, t, text: b.text)
        return APIJSON(BreachDTO(try await repo.get(actor, id)))
    }

    static var operations: [APIOperation] {
        let tag = "admin"
        return [
            APIOperation(
                .GET, .breaches, "The breach log of the caller's units, newest first (filter by status)", tag: tag,
                query: [("status", ["type": "string", "enum": BreachLifecycle.State.allCases.map(\.rawValue)])] + OpenAPI.paging, response: "BreachPage"),
            APIOperation(
                .POST, .breaches,
                "Record a personal-data breach (Law 91/2025/QH15; Decree 356/2025): the report to the authority falls due the rule file's hours after it was found",
                tag: tag, request: "BreachCreate", response: "Breach", status: 201),
            APIOperation(.GET, .breach(nil), "One breach with its timeline", tag: tag, response: "Breach"),
            APIOperation(
                .POST, .breachAction(nil, .report), "Record the report to the authority, with its reference", tag: tag, request: "BreachStep",
                response: "Breach"),
            APIOperation(
                .POST, .breachAction(nil, .notifyPersons), "Record that the persons affected were told, and how", tag: tag, request: "BreachStep",
                response: "Breach"),
            APIOperation(.POST, .breachAction(nil, .addMeasure), "Add a measure taken", tag: tag, request: "BreachStep", response: "Breach"),
            APIOperation(.POST, .breachAction(nil, .close), "Close a reported breach with its outcome", tag: tag, request: "BreachStep", response: "Breach"),
            APIOperation(
                .POST, .breachAction(nil, .dismiss), "Close an open breach that proved not to be one, with the reason", tag: tag, request: "BreachStep",
                response: "Breach"),
        ]
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"]
        let time: [String: Any] = ["type": "string", "format": "date-time"]
        let optionalTime: [String: Any] = ["type": ["string", "null"], "format": "date-time"]
        let classes: [String: Any] = ["type": "array", "items": ["type": "string", "enum": SensitivityClass.allCases.map(\.rawValue)]]
        return [
            "Breach": OpenAPI.obj(
                [
                    "id": ["type": "string", "format": "uuid"], "summary": str, "found_at": time, "description": str, "data_affected": str,
                    "classes": classes, "persons_affected": ["type": "integer"],
                    "status": ["type": "string", "enum": BreachLifecycle.State.allCases.map(\.rawValue)], "report_due_at": time,
                    "reported_at": optionalTime, "authority_reference": ["type": ["string", "null"]], "persons_notified_at": optionalTime,
                    "outcome": ["type": ["string", "null"]], "recorded_by": str, "overdue": ["type": "boolean"],
                    "steps": [
                        "type": "array",
                        "items": OpenAPI.obj(["kind": str, "at": time, "text": str, "by": str], required: ["kind", "at", "text", "by"]),
                    ],
                ], required: ["id", "summary", "found_at", "status", "report_due_at", "overdue"]),
            "BreachPage": OpenAPI.page("Breach"),
            "BreachCreate": OpenAPI.request(
                [
                    "summary": OpenAPI.name(200),
                    "found_at": ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$", "description": "local time of the office"],
                    "description": OpenAPI.name(4000), "data_affected": OpenAPI.name(1000),
                    "classes": ["type": ["array", "null"], "items": classes["items"]!],
                    "persons_affected": ["type": "integer", "minimum": 0, "maximum": 100_000_000],
                    "measures": ["type": ["string", "null"], "maxLength": 4000],
                ], required: ["summary", "found_at", "description", "data_affected", "persons_affected"]),
            "BreachStep": OpenAPI.request(["text": OpenAPI.name(2000)], required: ["text"]),
        ]
    }
}
