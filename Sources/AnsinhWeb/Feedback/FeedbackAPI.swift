import AnsinhCore
import AnsinhStore
import Vapor

/// The API twin of residents' requests. Public (no token): send a request, and read where it is
/// by tracking code and phone. For officers: the inbox, one request with its timeline, each step
/// of `RequestLifecycle` (`convert` turns it into a sudden-hardship event), the month's report.
/// Forwarding to a centre, and the centre's side, are in `WardRequestsAPI`.
struct FeedbackAPI: APIDescribed {
    /// The operations a resident's application calls without a token.
    func register(public app: any RoutesBuilder) {
        app.post(.api(.publicRequests), use: submit)
        app.get(.api(.publicRequest(nil)), use: status)
        app.post(.api(.publicRequestMessages(nil)), use: messages)
    }

    func register(api: any RoutesBuilder) {
        api.get(.api(.requests), use: list)
        api.get(.api(.requestsReport), use: report)
        api.get(.api(.request(nil)), use: show)
        for t in RequestLifecycle.Transition.allCases where t != .convert {
            api.post(.api(.requestAction(nil, t))) { req async throws -> APIJSON<RequestDTO> in try await step(req, t) }
        }
        api.post(.api(.requestAction(nil, .convert)), use: convert)
        api.post(.api(.requestApplication(nil)), use: application)
        api.post(.api(.requestHousehold(nil))) { req async throws -> APIJSON<RequestDTO> in
            let actor = try req.requireActor()
            try actor.require(.handleRequests)
            let id = try req.idParameter()
            let b = try req.json(HouseholdRequest.self)
            try APIInput.limit([("household_code", b.householdCode, 50)])
            let repo = FeedbackRepository(req)
            _ = try await repo.convertToHousehold(actor, id: id, householdCode: b.householdCode)
            return APIJSON(RequestDTO(try await repo.get(actor, id: id)))
        }
        api.get(.api(.requestDeadlines)) { req async throws -> APIJSON<[DeadlineDTO]> in
            APIJSON(try await RequestDeadlineRepository(req.store).list(try req.requireActor()).map(DeadlineDTO.init))
        }
        api.post(.api(.requestDeadlines)) { req async throws -> APIJSON<[DeadlineDTO]> in
            let actor = try req.requireActor()
            try actor.require(.handleRequests)
            let b = try req.json(DeadlineChange.self)
            try APIInput.limit([("kind", b.kind, 40)])
            let repo = RequestDeadlineRepository(req.store)
            try await repo.set(actor, kind: b.kind, days: b.workingDays)
            return APIJSON(try await repo.list(actor).map(DeadlineDTO.init))
        }
        api.get(.api(.requestFiles(nil))) { req async throws -> APIJSON<[FileDTO]> in
            let files = try await FeedbackRepository(req).files(try req.requireActor(), requestID: try req.idParameter())
            return APIJSON(files.map { FileDTO(id: $0.id, fileName: $0.fileName, kind: $0.kind.rawValue, size: $0.size) })
        }
        api.get(.api(.requestFile(nil))) { req async throws -> Response in
            let (f, data) = try await FeedbackRepository(req).file(try req.requireActor(), id: try req.idParameter())
            return CasesController.file(data, kind: f.kind, fileName: f.fileName)
        }
    }

    struct Submission: Content {
        let kind: String; let unit: String; let residentialGroup: String?; let text: String; let name: String?; let phone: String?
        let zalo: Bool?; let anonymous: Bool?; let email: String?
        /// Photos or scans (JPEG, PNG, PDF), each with its name and its bytes in base64.
        let attachments: [Attachment]?
        /// The language the resident reads (vi, en, ar; absent: Vietnamese): their messages are in it.
        let language: String?
        /// The resident agreed to the use of the data for handling the request; the API's
        /// caller asked them (absent: true, as the application's own screen asked).
        let consent: Bool?
    }
    struct Sent: Content { let trackingCode: String; let status: String; let dueOn: String }
    struct StatusDTO: Content {
        let trackingCode: String; let kind: String; let status: String; let receivedOn: String; let dueOn: String; let answer: String?
        let answeredAt: Date?; let outcome: String?; let messagesStopped: Bool
        init(_ s: PublicRequestStatus) {
            trackingCode = s.code; kind = s.kind.rawValue; status = s.status.rawValue; receivedOn = s.receivedOn.iso; dueOn = s.dueOn.iso
            answer = s.answer; answeredAt = s.answeredAt; outcome = s.outcome?.rawValue; messagesStopped = s.messagesStopped
        }
    }
    struct Attachment: Content { let name: String?; let contentBase64: String }
    /// `working_days` absent or null: back to the file's days.
    struct DeadlineChange: Content { let kind: String; let workingDays: Int? }
    struct DeadlineDTO: Content {
        let kind: String; let fileDays: Int; let workingDays: Int; let maxDays: Int; let legal: Bool; let changedBy: String?
        init(_ d: RequestDeadlineView) {
            kind = d.kind.rawValue; fileDays = d.fileDays; workingDays = d.days; maxDays = d.maxDays; legal = d.legal; changedBy = d.changedBy
        }
    }
    struct FileDTO: Content { let id: UUID; let fileName: String; let kind: String; let size: Int }
    /// Stop (false) or resume (true) the ward's messages about the request.
    struct MessagesRequest: Content { let phone: String?; let messages: Bool }
    struct StepDTO: Content { let kind: String; let at: Date; let text: String; let by: String }
    struct RequestDTO: Content {
        let id: UUID; let trackingCode: String; let kind: String; let channel: String; let status: String; let residentialGroup: String?
        let name: String?; let phone: String?; let zalo: Bool; let email: String?; let language: String; let anonymous: Bool; let text: String
        let receivedAt: Date; let dueOn: String
        let assignee: String?; let escalatedAt: Date?; let answer: String?; let answeredAt: Date?; let outcome: String?; let linkedKind: String?
        let linkedId: UUID?; let overdue: Bool; let steps: [StepDTO]; let forwardedUnitId: UUID?; let forwardedAt: Date?
        init(_ r: RequestView) {
            id = r.id; trackingCode = r.code; kind = r.kind.rawValue; channel = r.channel.rawValue; status = r.status.rawValue
            residentialGroup = r.residentialGroup; name = r.name; phone = r.phone; zalo = r.zalo; email = r.email
            language = r.language.rawValue; anonymous = r.anonymous; text = r.text
            receivedAt = r.receivedAt; dueOn = r.dueOn.iso; assignee = r.assignee; escalatedAt = r.escalatedAt; answer = r.answer
            answeredAt = r.answeredAt; outcome = r.outcome?.rawValue; linkedKind = r.linkedKind; linkedId = r.linkedID; overdue = r.overdue
            steps = r.steps.map { StepDTO(kind: $0.kind, at: $0.at, text: $0.text, by: $0.by) }
            forwardedUnitId = r.forwardedUnitID; forwardedAt = r.forwardedAt
        }
    }
    struct StepRequest: Content { let text: String }
    struct ConvertRequest: Content { let householdCode: String; let eventKind: String; let occurredOn: String; let note: String? }
    struct ReportRowDTO: Content { let kind: String; let channel: String; let received: Int; let answered: Int; let answeredInTime: Int }
    struct ReportDTO: Content {
        let month: String; let received: Int; let answered: Int; let answeredInTime: Int; let inTimeShare: Int; let averageDays: Double
        let rows: [ReportRowDTO]
    }

    func submit(req: Request) async throws -> APIJSON<Sent> {
        let b = try req.json(Submission.self)
        try APIInput.limit([
            ("text", b.text, 4000), ("name", b.name, 200), ("phone", b.phone, 20), ("unit", b.unit, 50), ("residential_group", b.residentialGroup, 100),
            ("email", b.email, 254),
        ])
        let language = try b.language.map { raw throws(AppError) -> AppLocale in
            guard let l = AppLocale(rawValue: raw) else { throw AppError.invalid("language", "validation.choice") }
            return l
        }
        var input = PublicRequestInput()
        input.kind = b.kind; input.unitCode = b.unit; input.residentialGroup = b.residentialGroup ?? ""; input.text = b.text
        input.name = b.name ?? ""; input.phone = b.phone ?? ""; input.zalo = b.zalo ?? false; input.anonymous = b.anonymous ?? false
        input.consent = b.consent ?? true; input.channel = .api; input.email = b.email ?? ""; input.language = language ?? .vi
        if (b.attachments ?? []).count > RequestAttachments.maxFiles {
            throw AppError.invalid("attachments", "request.error.files_count", ["max": "\(RequestAttachments.maxFiles)"])
        }
        input.files = try (b.attachments ?? []).map { a throws(AppError) -> PublicRequestFile in
            guard let data = Data(base64Encoded: a.contentBase64, options: .ignoreUnknownCharacters), !data.isEmpty else {
                throw AppError.invalid("attachments", "request.error.base64")
            }
            return PublicRequestFile(name: String((a.name ?? "").prefix(200)), data: data)
        }
        let repo = FeedbackRepository(req)
        let code = try await repo.submit(input, address: req.clientAddress)
        let s = try await repo.status(code: code, phone: b.phone ?? "")
        return APIJSON(Sent(trackingCode: code, status: s.status.rawValue, dueOn: s.dueOn.iso), status: .created)
    }

    func status(req: Request) async throws -> APIJSON<StatusDTO> {
        let code = req.parameters.get("tracking_code") ?? ""
        let phone = req.query[String.self, at: "phone"] ?? ""
        guard code.count <= 20, phone.count <= 20 else { throw AppError.notFound }
        return APIJSON(StatusDTO(try await FeedbackRepository(req).status(code: code, phone: phone)))
    }

    func messages(req: Request) async throws -> APIJSON<StatusDTO> {
        let code = req.parameters.get("tracking_code") ?? ""
        let b = try req.json(MessagesRequest.self)
        try APIInput.limit([("phone", b.phone, 20)])
        guard code.count <= 20 else { throw AppError.notFound }
        return APIJSON(StatusDTO(try await FeedbackRepository(req).setMessages(code: code, phone: b.phone ?? "", stop: !b.messages)))
    }

    func list(req: Request) async throws -> APIJSON<APIPage<RequestDTO>> {
        let actor = try req.requireActor()
        try actor.require(.handleRequests)
        var f = FeedbackRepository.Filter()
        f.kind = try req.queryChoice("kind", RequestKind.self)
        f.status = try req.queryChoice("status", RequestLifecycle.State.self)
        f.openOnly = req.query[String.self, at: "status"] == nil
        f.overdueOnly = try req.queryBool("overdue") ?? false
        f.escalatedOnly = try req.queryBool("escalated") ?? false
        let page = try await FeedbackRepository(req).list(actor, f, page: req.pageSpec)
        return APIJSON(APIPage(page.map(RequestDTO.init)))
    }

    func show(req: Request) async throws -> APIJSON<RequestDTO> {
        APIJSON(RequestDTO(try await FeedbackRepository(req).get(try req.requireActor(), id: try req.idParameter())))
    }

    func step(_ req: Request, _ t: RequestLifecycle.Transition) async throws -> APIJSON<RequestDTO> {
        let actor = try req.requireActor()
        try actor.require(RequestLifecycle.rule(t).permission)
        let id = try req.idParameter()
        let b = try req.json(StepRequest.self)
        let repo = FeedbackRepository(req)
        try await repo.take(actor, id: id, t, text: b.text)
        return APIJSON(RequestDTO(try await repo.get(actor, id: id)))
    }

    func convert(req: Request) async throws -> APIJSON<RequestDTO> {
        let actor = try req.requireActor()
        try actor.require(.handleRequests)
        let id = try req.idParameter()
        let b = try req.json(ConvertRequest.self)
        try APIInput.limit([("household_code", b.householdCode, 50), ("note", b.note, 2000), ("occurred_on", b.occurredOn, 10)])
        let repo = FeedbackRepository(req)
        _ = try await repo.convertToHardship(
            actor, id: id, householdCode: b.householdCode, eventKind: b.eventKind, occurredOn: b.occurredOn, note: b.note ?? "", today: req.today)
        return APIJSON(RequestDTO(try await repo.get(actor, id: id)))
    }

    struct ApplicationRequest: Content { let nationalId: String; let formType: String }
    struct HouseholdRequest: Content { let householdCode: String }

    func application(req: Request) async throws -> APIJSON<RequestDTO> {
        let actor = try req.requireActor()
        try actor.require(.handleRequests)
        let id = try req.idParameter()
        let b = try req.json(ApplicationRequest.self)
        try APIInput.limit([("national_id", b.nationalId, 20), ("form_type", b.formType, 10)])
        let repo = FeedbackRepository(req)
        _ = try await repo.convertToApplication(actor, id: id, nationalID: b.nationalId, formType: b.formType)
        return APIJSON(RequestDTO(try await repo.get(actor, id: id)))
    }

    func report(req: Request) async throws -> APIJSON<ReportDTO> {
        let actor = try req.requireActor()
        try actor.require(.handleRequests)
        let month = try req.queryValue("month", invalid: "validation.month", YearMonth.init(iso:)) ?? req.today.yearMonth
        let unit = req.query[String.self, at: "unit"]
        if let unit, unit.trimmingCharacters(in: .whitespaces).isEmpty || unit.unicodeScalars.count > 50 {
            throw AppError.invalid("unit", "request.error.unit")
        }
        let r = try await FeedbackRepository(req).report(actor, unitCode: unit, month: month)
        return APIJSON(
            ReportDTO(
                month: month.iso, received: r.received, answered: r.answered, answeredInTime: r.answeredInTime, inTimeShare: r.inTimeShare,
                averageDays: Double(r.averageDaysTenths) / 10,
                rows: r.rows.map {
                    ReportRowDTO(
                        kind: $0.kind.rawValue, channel: $0.channel.rawValue, received: $0.received, answered: $0.answered, answeredInTime: $0.answeredInTime)
                }))
    }
}

extension FeedbackAPI {
    static var operations: [APIOperation] {
        let tag = "requests"
        let step = "RequestStep"
        return [
            APIOperation(
                .POST, .publicRequests,
                "A resident sends a request without an account (limited per address and phone); answers its tracking code and the day the answer is due",
                tag: tag, request: "PublicRequestCreate", response: "PublicRequestSent", status: 201, isPublic: true),
            APIOperation(
                .GET, .publicRequest(nil), "Where a request is, by its tracking code and the phone given with it (a wrong phone is not found)", tag: tag,
                query: [("phone", ["type": "string", "maxLength": 20])], response: "PublicRequestStatus", isPublic: true),
            APIOperation(
                .POST, .publicRequestMessages(nil),
                "Stop (`messages`: false) or resume the ward's messages (SMS, Zalo, email) to the phone and email of a request, by its tracking code and phone",
                tag: tag, request: "PublicRequestMessages", response: "PublicRequestStatus", isPublic: true),
            APIOperation(
                .GET, .requests, "The inbox of the caller's units, soonest due first (open ones unless a status is asked)", tag: tag,
                query: [
                    ("kind", ["type": "string", "enum": RequestKind.allCases.map(\.rawValue)]),
                    ("status", ["type": "string", "enum": RequestLifecycle.State.allCases.map(\.rawValue)]),
                    ("overdue", ["type": "string", "enum": ["true", "false"]]),
                    ("escalated", ["type": "string", "enum": ["true", "false"]]),
                ] + OpenAPI.paging, response: "RequestPage"),
            APIOperation(.GET, .request(nil), "One request with its timeline", tag: tag, response: "Request"),
            APIOperation(
                .GET, .requestDeadlines, "The working days each kind of request is answered in: the file's, the days in force, the most allowed", tag: tag,
                response: "RequestDeadlines"),
            APIOperation(
                .POST, .requestDeadlines,
                "Change the working days of a kind (national administrators; a kind whose days the law sets only shortened; `working_days` null: the file's)",
                tag: tag, request: "RequestDeadlineChange", response: "RequestDeadlines"),
            APIOperation(.GET, .requestFiles(nil), "The photos and scans the resident sent with a request", tag: tag, response: "RequestFiles"),
            APIOperation(
                .GET, .requestFile(nil), "One file a resident sent (the read is audited)", tag: tag, response: "RequestFile",
                responseTypes: DocumentKind.allCases.map(\.contentType)),
            APIOperation(
                .POST, .requestAction(nil, .assign), "Assign to an officer (by username) who handles the unit's requests", tag: tag, request: step,
                response: "Request"),
            APIOperation(.POST, .requestAction(nil, .note), "Add an internal note (the resident never sees it)", tag: tag, request: step, response: "Request"),
            APIOperation(.POST, .requestAction(nil, .answer), "Answer the resident (read by tracking code)", tag: tag, request: step, response: "Request"),
            APIOperation(
                .POST, .requestAction(nil, .close), "Close with the outcome (`text`: resolved, converted, referred, not_eligible, duplicate, no_contact, spam)",
                tag: tag, request: step, response: "Request"),
            APIOperation(
                .POST, .requestAction(nil, .convert), "Turn a hardship report into a sudden-hardship event of a household (linked both ways)", tag: tag,
                request: "RequestConvert", response: "Request"),
            APIOperation(
                .POST, .requestApplication(nil),
                "Turn an application sent online into an allowance application of the person with this national ID, received on the day it was sent",
                tag: tag, request: "RequestApplication", response: "Request"),
            APIOperation(
                .POST, .requestHousehold(nil),
                "Link a report of a change in a household to the household (by code): each change then recorded there is a step of the request",
                tag: tag, request: "RequestHousehold", response: "Request"),
            APIOperation(
                .GET, .requestsReport, "A month's requests by kind and channel, answered within the deadline, average days to answer", tag: tag,
                query: [("month", ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"]), ("unit", ["type": "string", "minLength": 1, "maxLength": 50])],
                response: "RequestReport"),
        ]
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"]
        let nullableStr: [String: Any] = ["type": ["string", "null"]]
        let optionalTime: [String: Any] = ["type": ["string", "null"], "format": "date-time"]
        let int: [String: Any] = ["type": "integer"]
        return [
            "PublicRequestCreate": OpenAPI.request(
                [
                    "kind": ["type": "string", "enum": RequestKind.allCases.map(\.rawValue)], "unit": OpenAPI.name(50),
                    "residential_group": ["type": "string", "maxLength": 100], "text": OpenAPI.name(4000), "name": ["type": "string", "maxLength": 200],
                    "phone": ["type": "string", "maxLength": 20], "zalo": ["type": "boolean"], "anonymous": ["type": "boolean"],
                    "consent": ["type": "boolean"], "email": ["type": "string", "maxLength": 254],
                    "language": ["type": "string", "enum": AppLocale.allCases.map(\.rawValue)],
                    "attachments": [
                        "type": "array", "maxItems": RequestAttachments.maxFiles,
                        "items": OpenAPI.request(
                            ["name": ["type": "string", "maxLength": 200], "content_base64": ["type": "string", "minLength": 4]], required: ["content_base64"]),
                    ],
                ], required: ["kind", "unit", "text"]),
            "RequestFiles": [
                "type": "array",
                "items": OpenAPI.obj(
                    [
                        "id": ["type": "string", "format": "uuid"], "file_name": str,
                        "kind": ["type": "string", "enum": DocumentKind.allCases.map(\.rawValue)], "size": int,
                    ],
                    required: ["id", "file_name", "kind", "size"]),
            ],
            "RequestFile": ["type": "string", "format": "binary", "description": "the file's bytes: PDF, JPEG or PNG"],
            "RequestDeadlines": [
                "type": "array",
                "items": OpenAPI.obj(
                    [
                        "kind": ["type": "string", "enum": RequestKind.allCases.map(\.rawValue)], "file_days": int, "working_days": int, "max_days": int,
                        "legal": ["type": "boolean"], "changed_by": nullableStr,
                    ], required: ["kind", "file_days", "working_days", "max_days", "legal"]),
            ],
            "RequestDeadlineChange": OpenAPI.request(
                [
                    "kind": ["type": "string", "enum": RequestKind.allCases.map(\.rawValue)],
                    "working_days": ["type": ["integer", "null"], "minimum": 1, "maximum": 60],
                ], required: ["kind"]),
            "PublicRequestMessages": OpenAPI.request(
                ["phone": ["type": "string", "maxLength": 20], "messages": ["type": "boolean"]], required: ["messages"]),
            "PublicRequestSent": OpenAPI.obj(["tracking_code": str, "status": str, "due_on": str], required: ["tracking_code", "status", "due_on"]),
            "PublicRequestStatus": OpenAPI.obj(
                [
                    "tracking_code": str, "kind": str, "status": ["type": "string", "enum": RequestLifecycle.State.allCases.map(\.rawValue)],
                    "received_on": str, "due_on": str, "answer": nullableStr, "answered_at": optionalTime, "outcome": nullableStr,
                    "messages_stopped": ["type": "boolean"],
                ], required: ["tracking_code", "kind", "status", "received_on", "due_on", "messages_stopped"]),
            "Request": OpenAPI.obj(
                [
                    "id": ["type": "string", "format": "uuid"], "tracking_code": str, "kind": str, "channel": str, "status": str,
                    "residential_group": nullableStr, "name": nullableStr, "phone": nullableStr, "zalo": ["type": "boolean"], "email": nullableStr,
                    "language": ["type": "string", "enum": AppLocale.allCases.map(\.rawValue)],
                    "anonymous": ["type": "boolean"], "text": str, "received_at": ["type": "string", "format": "date-time"], "due_on": str,
                    "assignee": nullableStr, "escalated_at": optionalTime, "answer": nullableStr, "answered_at": optionalTime, "outcome": nullableStr,
                    "linked_kind": nullableStr, "linked_id": ["type": ["string", "null"], "format": "uuid"], "overdue": ["type": "boolean"],
                    "forwarded_unit_id": ["type": ["string", "null"], "format": "uuid"], "forwarded_at": optionalTime,
                    "steps": [
                        "type": "array",
                        "items": OpenAPI.obj(
                            ["kind": str, "at": ["type": "string", "format": "date-time"], "text": str, "by": str], required: ["kind", "at", "text", "by"]),
                    ],
                ], required: ["id", "tracking_code", "kind", "status", "text", "due_on", "steps"]),
            "RequestPage": OpenAPI.page("Request"),
            "RequestStep": OpenAPI.request(["text": OpenAPI.name(4000)], required: ["text"]),
            "RequestConvert": OpenAPI.request(
                [
                    "household_code": OpenAPI.name(50), "event_kind": ["type": "string", "enum": HardshipKind.allCases.map(\.rawValue)],
                    "occurred_on": ["type": "string", "format": "date"], "note": ["type": "string", "maxLength": 2000],
                ], required: ["household_code", "event_kind", "occurred_on"]),
            "RequestHousehold": OpenAPI.request(["household_code": OpenAPI.name(50)], required: ["household_code"]),
            "RequestApplication": OpenAPI.request(
                ["national_id": OpenAPI.name(20), "form_type": ["type": "string", "enum": ApplicationForm.allCases.map(\.rawValue)]],
                required: ["national_id", "form_type"]),
            "RequestReport": OpenAPI.obj(
                [
                    "month": str, "received": int, "answered": int, "answered_in_time": int, "in_time_share": int, "average_days": ["type": "number"],
                    "rows": [
                        "type": "array",
                        "items": OpenAPI.obj(
                            ["kind": str, "channel": str, "received": int, "answered": int, "answered_in_time": int],
                            required: ["kind", "channel", "received"]),
                    ],
                ], required: ["month", "received", "answered", "rows"]),
        ]
    }
}
