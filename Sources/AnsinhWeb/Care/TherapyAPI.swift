import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The API twin of the sessions and the therapy programme.
struct TherapyAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.careSessions), use: sessions)
        api.post(.api(.careSessions), use: recordSession)
        api.get(.api(.careTherapy), use: enrolments)
        api.post(.api(.careTherapy), use: enrol)
        api.get(.api(.careEnrolment(nil)), use: enrolment)
        api.post(.api(.careEnrolmentStart(nil)), use: start)
        api.post(.api(.careEnrolmentMeasures(nil)), use: measure)
        api.post(.api(.careEnrolmentDischarge(nil)), use: discharge)
    }

    struct SessionDTO: Content { let id: UUID; let kind: String; let day: String; let title: String; let ledBy: String; let participants: Int }
    struct SessionCreate: Content {
        let kind: String; let day: String; let title: String; let ledBy: String; let note: String?; let residents: [UUID]?; let children: [UUID]?
    }
    struct RowDTO: Content { let id: UUID; let fullName: String; let birthDate: String; let enrolledOn: String; let status: String }
    struct MeasureDTO: Content { let domain: String; let instrument: String; let day: String; let score: Int; let note: String? }
    struct ProgressDTO: Content { let domain: String; let instrument: String; let baseline: Int; let latest: Int; let measures: Int }
    struct AttendedDTO: Content { let day: String; let kind: String; let title: String; let note: String? }
    struct EnrolmentDTO: Content {
        let child: RowDTO; let referral: String; let startedOn: String?; let dischargedOn: String?; let outcome: String?
        /// Null for a role without the psychotherapy class.
        let diagnosis: String?
        let measures: [MeasureDTO]?
        let progress: [ProgressDTO]?
        let sessions: [AttendedDTO]; let actions: [String]
    }
    struct Enrol: Content {
        let unitId: UUID?; let residentId: UUID?; let fullName: String; let gender: String; let birthDate: String; let referral: String
        let diagnosis: String; let enrolledOn: String
    }
    struct Start: Content { let startedOn: String }
    struct Measure: Content { let domain: String; let instrument: String; let day: String; let score: Int; let note: String? }
    struct Discharge: Content { let outcome: String; let dischargedOn: String }

    static func row(_ r: EnrolmentRow) -> RowDTO {
        RowDTO(id: r.id, fullName: r.fullName, birthDate: r.birthDate.iso, enrolledOn: r.enrolledOn.iso, status: r.status.rawValue)
    }

    func sessions(req: Request) async throws -> APIJSON<[SessionDTO]> {
        let a = try req.requireActor()
        let today = req.today
        let from = try req.queryDate("from") ?? today.yearMonth.firstDay, to = try req.queryDate("to") ?? today
        return APIJSON(
            try await CareRepository(req.store).sessions(a, from: from, to: to).map {
                SessionDTO(id: $0.id, kind: $0.kind.rawValue, day: $0.day.iso, title: $0.title, ledBy: $0.ledBy, participants: $0.participants)
            })
    }

    func recordSession(req: Request) async throws -> APIJSON<SessionDTO> {
        let a = try req.requireActor()
        try a.require(.manageCare)
        let b = try req.json(SessionCreate.self)
        try APIInput.limit([("title", b.title, 200), ("led_by", b.ledBy, 120), ("note", b.note, 2000)])
        let repo = CareRepository(req.store)
        let id = try await repo.recordSession(
            a, kind: b.kind, day: b.day, title: b.title, ledBy: b.ledBy, note: b.note ?? "", residents: b.residents ?? [], enrolments: b.children ?? [],
            today: req.today)
        let day = LocalDate(iso: b.day)!
        guard let s = try await repo.sessions(a, from: day, to: day).first(where: { $0.id == id }) else { throw AppError.notFound }
        return APIJSON(
            SessionDTO(id: s.id, kind: s.kind.rawValue, day: s.day.iso, title: s.title, ledBy: s.ledBy, participants: s.participants), status: .created)
    }

    func enrolments(req: Request) async throws -> APIJSON<APIPage<RowDTO>> {
        let a = try req.requireActor()
        let s = try req.queryChoice("status", TherapyLifecycle.State.self)
        return APIJSON(APIPage(try await TherapyRepository(req.store).enrolments(a, status: s, page: try req.pageSpec).map(Self.row)))
    }

    func detail(_ req: Request, _ id: UUID) async throws -> EnrolmentDTO {
        let a = try req.requireActor()
        let e = try await TherapyRepository(req.store).enrolment(a, id: id)
        return EnrolmentDTO(
            child: Self.row(e.row), referral: e.referral, startedOn: e.startedOn?.iso, dischargedOn: e.dischargedOn?.iso, outcome: e.outcome,
            diagnosis: e.diagnosis,
            measures: e.measures?.map { MeasureDTO(domain: $0.domain.rawValue, instrument: $0.instrument, day: $0.day.iso, score: $0.score, note: $0.note) },
            progress: e.progress?.map {
                ProgressDTO(domain: $0.domain.rawValue, instrument: $0.instrument, baseline: $0.baseline, latest: $0.latest, measures: $0.measures)
            }, sessions: e.sessions.map { AttendedDTO(day: $0.day.iso, kind: $0.kind.rawValue, title: $0.title, note: $0.note) },
            actions: TherapyLifecycle.available(from: e.row.status, role: a.role).map(\.rawValue))
    }

    func enrolment(req: Request) async throws -> APIJSON<EnrolmentDTO> { APIJSON(try await detail(req, try req.idParameter())) }

    func enrol(req: Request) async throws -> APIJSON<EnrolmentDTO> {
        let a = try req.requireActor()
        try a.require(.manageCare)
        let b = try req.json(Enrol.self)
        try APIInput.limit([("full_name", b.fullName, 120), ("referral", b.referral, 200), ("diagnosis", b.diagnosis, 500)])
        var i = EnrolmentInput()
        i.unitID = b.unitId; i.residentID = b.residentId; i.fullName = b.fullName; i.gender = b.gender; i.birthDate = b.birthDate; i.referral = b.referral
        i.diagnosis = b.diagnosis; i.enrolledOn = b.enrolledOn
        let id = try await TherapyRepository(req.store).enrol(a, i, today: req.today)
        return APIJSON(try await detail(req, id), status: .created)
    }

    func start(req: Request) async throws -> APIJSON<EnrolmentDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        let b = try req.json(Start.self)
        try await TherapyRepository(req.store).start(a, id: id, on: b.startedOn, today: req.today)
        return APIJSON(try await detail(req, id))
    }

    func measure(req: Request) async throws -> APIJSON<EnrolmentDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        let b = try req.json(Measure.self)
        try APIInput.limit([("instrument", b.instrument, 60), ("note", b.note, 1000)])
        try await TherapyRepository(req.store).measure(
            a, id: id, domain: b.domain, instrument: b.instrument, day: b.day, score: b.score, note: b.note ?? "", today: req.today)
        return APIJSON(try await detail(req, id), status: .created)
    }

    func discharge(req: Request) async throws -> APIJSON<EnrolmentDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        let b = try req.json(Discharge.self)
        try APIInput.limit([("outcome", b.outcome, 1000)])
        try await TherapyRepository(req.store).discharge(a, id: id, outcome: b.outcome, on: b.dischargedOn, today: req.today)
        return APIJSON(try await detail(req, id))
    }

    static var operations: [APIOperation] {
        let tag = "care"
        return [
            APIOperation(
                .GET, .careSessions, "The sessions held from a day to a day (default: this month), each once with its participants", tag: tag,
                query: [("from", OpenAPI.date), ("to", OpenAPI.date)], response: "CareSessions"),
            APIOperation(
                .POST, .careSessions, "Record a session with its participants: residents in care that day and children of the therapy programme", tag: tag,
                request: "CareSessionCreate", response: "CareSession", status: 201),
            APIOperation(
                .GET, .careTherapy, "The children of the therapy programme (status: waiting, in_treatment, discharged), in the order they came", tag: tag,
                query: [("status", ["type": "string", "enum": TherapyLifecycle.State.allCases.map(\.rawValue)])] + OpenAPI.paging, response: "TherapyPage"),
            APIOperation(
                .POST, .careTherapy, "Enrol a child (on the waiting list)", tag: tag, request: "TherapyEnrol", response: "TherapyEnrolment", status: 201),
            APIOperation(
                .GET, .careEnrolment(nil), "One child: measures and progress for a role with the psychotherapy class (audited), sessions attended", tag: tag,
                response: "TherapyEnrolment"),
            APIOperation(.POST, .careEnrolmentStart(nil), "Start the treatment", tag: tag, request: "TherapyStart", response: "TherapyEnrolment"),
            APIOperation(
                .POST, .careEnrolmentMeasures(nil), "A standard measure: instrument, domain, day, score", tag: tag, request: "TherapyMeasure",
                response: "TherapyEnrolment", status: 201),
            APIOperation(
                .POST, .careEnrolmentDischarge(nil), "Discharge with the outcome", tag: tag, request: "TherapyDischarge", response: "TherapyEnrolment"),
        ]
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"]
        let int: [String: Any] = ["type": "integer"]
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        let nstr: [String: Any] = ["type": ["string", "null"]]
        let session = OpenAPI.obj(
            ["id": uuid, "kind": str, "day": str, "title": str, "led_by": str, "participants": int],
            required: ["id", "kind", "day", "title", "led_by", "participants"])
        let row = OpenAPI.obj(
            [
                "id": uuid, "full_name": str, "birth_date": str, "enrolled_on": str,
                "status": ["type": "string", "enum": TherapyLifecycle.State.allCases.map(\.rawValue)],
            ],
            required: ["id", "full_name", "birth_date", "enrolled_on", "status"])
        return [
            "CareSession": session,
            "CareSessions": ["type": "array", "items": session],
            "CareSessionCreate": OpenAPI.request(
                [
                    "kind": ["type": "string", "enum": SessionKind.allCases.map(\.rawValue)], "day": OpenAPI.date, "title": OpenAPI.name(200),
                    "led_by": OpenAPI.name(120), "note": ["type": "string", "maxLength": 2000], "residents": ["type": "array", "items": uuid],
                    "children": ["type": "array", "items": uuid],
                ], required: ["kind", "day", "title", "led_by"]),
            "TherapyRow": row,
            "TherapyPage": OpenAPI.page("TherapyRow"),
            "TherapyEnrolment": OpenAPI.obj(
                [
                    "child": row, "referral": str, "started_on": nstr, "discharged_on": nstr, "outcome": nstr, "diagnosis": nstr,
                    "measures": [
                        "type": ["array", "null"],
                        "items": OpenAPI.obj(
                            ["domain": str, "instrument": str, "day": str, "score": int, "note": nstr], required: ["domain", "instrument", "day", "score"]),
                    ],
                    "progress": [
                        "type": ["array", "null"],
                        "items": OpenAPI.obj(
                            ["domain": str, "instrument": str, "baseline": int, "latest": int, "measures": int],
                            required: ["domain", "instrument", "baseline", "latest", "measures"]),
                    ],
                    "sessions": [
                        "type": "array", "items": OpenAPI.obj(["day": str, "kind": str, "title": str, "note": nstr], required: ["day", "kind", "title"]),
                    ],
                    "actions": ["type": "array", "items": str],
                ], required: ["child", "referral", "sessions", "actions"]),
            "TherapyEnrol": OpenAPI.request(
                [
                    "unit_id": uuid, "resident_id": uuid, "full_name": OpenAPI.name(120),
                    "gender": ["type": "string", "enum": Gender.allCases.map(\.rawValue)],
                    "birth_date": OpenAPI.date, "referral": OpenAPI.name(200), "diagnosis": OpenAPI.name(500), "enrolled_on": OpenAPI.date,
                ], required: ["full_name", "gender", "birth_date", "referral", "diagnosis", "enrolled_on"]),
            "TherapyStart": OpenAPI.request(["started_on": OpenAPI.date], required: ["started_on"]),
            "TherapyMeasure": OpenAPI.request(
                [
                    "domain": ["type": "string", "enum": TherapyDomain.allCases.map(\.rawValue)], "instrument": OpenAPI.name(60), "day": OpenAPI.date,
                    "score": ["type": "integer", "minimum": 0, "maximum": 1000], "note": ["type": "string", "maxLength": 1000],
                ], required: ["domain", "instrument", "day", "score"]),
            "TherapyDischarge": OpenAPI.request(["outcome": OpenAPI.name(1000), "discharged_on": OpenAPI.date], required: ["outcome", "discharged_on"]),
        ]
    }
}
