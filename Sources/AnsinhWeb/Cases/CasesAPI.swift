import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The API twin of the case pages: the list, intake, one case, a step of `CaseLifecycle` (named
/// by the transition or by the state wanted), and the centre's report. Same repository calls as
/// the forms; own DTOs.
struct CasesAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.cases), use: list)
        api.post(.api(.cases), use: open)
        api.get(.api(.caseItem(nil)), use: item)
        api.post(.api(.caseTransitions(nil)), use: transition)
        api.get(.api(.caseEntries(nil)), use: entries)
        api.post(.api(.caseEntries(nil)), use: addEntry)
        api.post(.api(.caseWorker(nil)), use: transfer)
        api.post(.api(.caseHold(nil)), use: hold)
        api.get(.api(.caseDocuments(nil)), use: documents)
        api.upload(.api(.caseDocuments(nil)), use: upload)
        api.get(.api(.caseDocument(nil)), use: download)
    }

    // MARK: DTOs

    struct GoalDTO: Content {
        let goal: String; let responsible: String; let dueDate: String
        /// A referral's outcome once recorded (`ReferralLifecycle` state), null while open.
        let result: String?
    }

    struct CaseDTO: Content {
        let id: UUID
        let number: String
        let unitId: UUID
        let unitName: String
        let kind: String
        let source: String
        let status: String
        let riskLevel: String
        let riskReason: String
        let receivedAt: Date
        let placement: String
        let shelterFrom: String?
        let shelterUntil: String?
        /// Null, with `person_name` "—", for a caller without the child-protection permission.
        let personId: UUID?
        let personName: String
        let assessment: String?
        let closureReason: String?
        let outcome: String?
        let worker: String
        let goals: [GoalDTO]
        /// The `CaseLifecycle` steps the caller's role may take now.
        let actions: [String]
        /// Retention: when the case was anonymised; the legal hold keeping it whole.
        let anonymisedAt: Date?
        let legalHold: String?
    }

    struct PersonCreate: Content { let fullName: String; let gender: String?; let birthYear: Int? }

    struct CaseCreate: Content {
        let unit: String?
        let kind: String
        let source: String
        let riskLevel: String
        let riskReason: String
        let receivedAt: String?
        let placement: String
        let shelterFrom: String?
        let personId: UUID?
        let person: PersonCreate?
        /// True: the caller confirmed that no open case is about this person (`CaseDuplicates`).
        let notDuplicate: Bool?
    }

    struct TransitionRequest: Content {
        let transition: String?
        let to: String?
        let riskLevel: String?
        let riskReason: String?
        let assessment: String?
        let goal: String?
        let responsible: String?
        let dueDate: String?
        let closureReason: String?
        let outcome: String?
        let reason: String?
    }

    struct EntryDTO: Content { let kind: String; let on: String; let text: String; let givenBy: String; let recordedBy: String }
    struct EntryCreate: Content { let kind: String; let on: String; let text: String; let givenBy: String? }

    static func dto(_ c: CaseView, role: Role) -> CaseDTO {
        CaseDTO(
            id: c.id, number: c.number, unitId: c.unitID, unitName: c.unitName, kind: c.kind.rawValue, source: c.source.rawValue,
            status: c.status.rawValue, riskLevel: c.riskLevel.rawValue, riskReason: c.riskReason, receivedAt: c.receivedAt,
            placement: c.placement.rawValue, shelterFrom: c.shelterFrom, shelterUntil: c.shelterUntil, personId: c.personID, personName: c.personName,
            assessment: c.assessment, closureReason: c.closureReason, outcome: c.outcome, worker: c.worker,
            goals: c.goals.map { GoalDTO(goal: $0.goal, responsible: $0.responsible, dueDate: $0.dueDate.iso, result: $0.result) },
            actions: CaseLifecycle.available(from: c.status, role: role).map(\.rawValue), anonymisedAt: c.anonymisedAt, legalHold: c.legalHold)
    }

    /// An RFC 3339 instant with its offset (`2025-06-03T09:30:00+07:00`).
    static func instant(_ s: String, field: String) throws -> Date {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        if let d = f.date(from: s) { return d }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: s) { return d }
        throw AppError.invalid(field, "validation.date")
    }

    // MARK: handlers

    func list(req: Request) async throws -> APIJSON<APIPage<CaseDTO>> {
        let a = try req.requireActor()
        let filter = CaseFilter(status: try req.queryChoice("status", CaseLifecycle.State.self), kind: try req.queryChoice("kind", CaseKind.self))
        let page = try await CaseRepository(req.store).list(a, filter, page: try req.pageSpec)
        return APIJSON(APIPage(page.map { Self.dto($0, role: a.role) }))
    }

    func open(req: Request) async throws -> APIJSON<CaseDTO> {
        let a = try req.requireActor()
        let b = try req.json(CaseCreate.self)
        try APIInput.limit([("risk_reason", b.riskReason, 2000), ("person.full_name", b.person?.fullName, 200), ("unit", b.unit, 50)])
        var input = CaseInput()
        input.unitCode = b.unit
        input.kind = b.kind; input.source = b.source; input.riskLevel = b.riskLevel; input.riskReason = b.riskReason
        input.placement = b.placement; input.shelterFrom = b.shelterFrom ?? ""
        input.receivedAt = try b.receivedAt.map { try Self.instant($0, field: "received_at") }
        input.personID = b.personId; input.notDuplicate = b.notDuplicate ?? false
        if b.personId == nil {
            guard let p = b.person else { throw AppError.invalid("person", "validation.required") }
            input.personName = p.fullName; input.personGender = p.gender ?? ""; input.personBirthYear = p.birthYear
        }
        return APIJSON(Self.dto(try await CaseRepository(req.store).open(a, input), role: a.role), status: .created)
    }

    func item(req: Request) async throws -> APIJSON<CaseDTO> {
        let a = try req.requireActor()
        return APIJSON(Self.dto(try await CaseRepository(req.store).get(a, id: try req.idParameter()), role: a.role))
    }

    /// One step: `{"transition": "assess", …}` or `{"to": "assessed", …}` with the step's fields.
    func transition(req: Request) async throws -> APIJSON<CaseDTO> {
        let a = try req.requireActor()
        let id = try req.idParameter()
        let b = try req.json(TransitionRequest.self)
        try APIInput.limit([
            ("assessment", b.assessment, 4000), ("risk_reason", b.riskReason, 2000), ("goal", b.goal, 500), ("responsible", b.responsible, 200),
            ("closure_reason", b.closureReason, 2000), ("outcome", b.outcome, 2000), ("reason", b.reason, 2000),
        ])
        let repo = CaseRepository(req.store)
        let t: CaseLifecycle.Transition
        if let name = b.transition {
            guard let named = CaseLifecycle.Transition(rawValue: name) else { throw AppError.invalid("transition", "validation.choice") }
            t = named
        } else if let to = b.to {
            guard let target = CaseLifecycle.State(rawValue: to) else { throw AppError.invalid("to", "validation.choice") }
            t = try await repo.transition(a, id: id, leadingTo: target)
        } else {
            throw AppError.invalid("to", "validation.required")
        }
        let fields = [String: String](present: [
            ("risk_level", b.riskLevel), ("risk_reason", b.riskReason), ("assessment", b.assessment), ("goal", b.goal), ("responsible", b.responsible),
            ("due_date", b.dueDate), ("closure_reason", b.closureReason), ("outcome", b.outcome), ("reason", b.reason),
        ])
        try await repo.transition(a, id: id, t, fields: fields)
        return APIJSON(Self.dto(try await repo.get(a, id: id), role: a.role))
    }

    func entries(req: Request) async throws -> APIJSON<[EntryDTO]> {
        let a = try req.requireActor()
        let list = try await CaseRepository(req.store).entries(a, caseID: try req.idParameter())
        return APIJSON(list.map { EntryDTO(kind: $0.kind.rawValue, on: $0.on.iso, text: $0.text, givenBy: $0.givenBy, recordedBy: $0.recordedBy) })
    }

    func addEntry(req: Request) async throws -> APIJSON<[EntryDTO]> {
        let a = try req.requireActor()
        let id = try req.idParameter()
        let b = try req.json(EntryCreate.self)
        try APIInput.limit([("text", b.text, 4000), ("given_by", b.givenBy, 200)])
        try await CaseRepository(req.store).addEntry(a, caseID: id, kind: b.kind, on: b.on, text: b.text, givenBy: b.givenBy ?? "")
        let list = try await CaseRepository(req.store).entries(a, caseID: id)
        return APIJSON(
            list.map { EntryDTO(kind: $0.kind.rawValue, on: $0.on.iso, text: $0.text, givenBy: $0.givenBy, recordedBy: $0.recordedBy) }, status: .created)
    }

    struct DocumentDTO: Content {
        let id: UUID; let title: String; let fileName: String; let kind: String; let size: Int; let sha256: String; let uploadedBy: String
        let uploadedAt: Date?
    }

    func documents(req: Request) async throws -> APIJSON<[DocumentDTO]> {
        let a = try req.requireActor()
        return APIJSON(try await CaseRepository(req.store).documents(a, caseID: try req.idParameter()).map(Self.dto))
    }

    /// The file is the body (PDF, JPEG or PNG); `?title=` and `?file_name=` describe it.
    func upload(req: Request) async throws -> APIJSON<[DocumentDTO]> {
        let a = try req.requireActor()
        let id = try req.idParameter()
        try a.require(.manageCases)  // before the file is read
        let title = req.query[String.self, at: "title"] ?? "", name = req.query[String.self, at: "file_name"] ?? ""
        try APIInput.limit([("title", title, 300), ("file_name", name, 200)])
        let data = req.body.data.map { Data(buffer: $0) } ?? Data()
        let repo = CaseRepository(req.store)
        try await repo.addDocument(a, caseID: id, title: title, fileName: name, data: data)
        return APIJSON(try await repo.documents(a, caseID: id).map(Self.dto), status: .created)
    }

    func download(req: Request) async throws -> Response {
        let (d, data) = try await CaseRepository(req.store).document(try req.requireActor(), id: try req.idParameter())
        return CasesController.file(data, kind: d.kind, fileName: d.fileName)
    }

    static func dto(_ d: CaseDocumentView) -> DocumentDTO {
        DocumentDTO(
            id: d.id, title: d.title, fileName: d.fileName, kind: d.kind.rawValue, size: d.size, sha256: d.sha256, uploadedBy: d.uploadedBy,
            uploadedAt: d.uploadedAt)
    }

    struct TransferRequest: Content { let worker: String; let reason: String }

    /// `{"worker": username, "reason": …}`: a centre manager hands the case over.
    func transfer(req: Request) async throws -> APIJSON<CaseDTO> {
        let a = try req.requireActor()
        let id = try req.idParameter()
        let b = try req.json(TransferRequest.self)
        try APIInput.limit([("worker", b.worker, 100), ("reason", b.reason, 2000)])
        let repo = CaseRepository(req.store)
        try await repo.transfer(a, caseID: id, to: b.worker, reason: b.reason)
        return APIJSON(Self.dto(try await repo.get(a, id: id), role: a.role))
    }
}

extension CasesAPI {
    /// Legal hold against retention: a reason sets it, null releases it.
    func hold(req: Request) async throws -> APIJSON<CaseDTO> {
        let id = try await RetentionSection.holdJSON(req, CaseModel.self)
        let a = try req.requireActor()
        return APIJSON(Self.dto(try await CaseRepository(req.store).get(a, id: id), role: a.role))
    }

    static var operations: [APIOperation] {
        let tag = "cases"
        return [
            APIOperation(
                .GET, .cases, "The cases in scope, newest first (identifying details only with the child-protection permission)", tag: tag,
                query: [
                    ("status", ["type": "string", "enum": CaseLifecycle.State.allCases.map(\.rawValue)]),
                    ("kind", ["type": "string", "enum": CaseKind.allCases.map(\.rawValue)]),
                ] + OpenAPI.paging, response: "CasePage"),
            APIOperation(
                .POST, .cases, "Open a case (intake) for a person of the registry or a newly named one; it starts at \"registered\"", tag: tag,
                request: "CaseCreate", response: "Case", status: 201),
            APIOperation(
                .GET, .caseItem(nil), "One case, its plan's goals and the steps the caller may take (the read is audited)", tag: tag, response: "Case"),
            APIOperation(
                .POST, .caseTransitions(nil),
                "One step of the case workflow, named by `transition` or by the state wanted (`to`); 409 transition_not_allowed from a state it does not start from, 422 naming a missing field",
                tag: tag, request: "CaseTransition", response: "Case"),
            APIOperation(.GET, .caseEntries(nil), "The case's timeline: notes and services given, newest first", tag: tag, response: "CaseEntries"),
            APIOperation(
                .POST, .caseEntries(nil), "Record a note or a service given on a case not closed; answers the timeline", tag: tag,
                request: "CaseEntryCreate", response: "CaseEntries", status: 201),
            APIOperation(.GET, .caseDocuments(nil), "The files of a case, newest first (without their bytes)", tag: tag, response: "CaseDocuments"),
            APIOperation(
                .POST, .caseDocuments(nil), "Add a file to a case not closed: the body is a PDF, JPEG or PNG of at most 10 MB (recognised by its bytes)",
                tag: tag, query: [("title", ["type": "string", "maxLength": 300]), ("file_name", ["type": "string", "maxLength": 200])],
                request: "CaseDocumentFile", requestType: "application/octet-stream", response: "CaseDocuments", status: 201),
            APIOperation(
                .GET, .caseDocument(nil), "One file of a case (child-protection permission; the read is audited)", tag: tag, response: "CaseDocumentFile",
                responseTypes: DocumentKind.allCases.map(\.contentType)),
            APIOperation(
                .POST, .caseWorker(nil), "Hand a case over to another worker of its unit (a centre manager), with the reason", tag: tag,
                request: "CaseTransfer", response: "Case"),
            APIOperation(
                .POST, .caseHold(nil),
                "Put a case under legal hold (kept whole past its retention after closing) with the reason, or release it with a null reason",
                tag: tag, request: "ContactHold", response: "Case"),
        ]
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"]
        let nullableStr: [String: Any] = ["type": ["string", "null"]]
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        let count: [String: Any] = ["type": "integer", "minimum": 0]
        func choice(_ values: [String]) -> [String: Any] { ["type": "string", "enum": values] }
        return [
            "Case": OpenAPI.obj(
                [
                    "id": uuid, "number": str, "unit_id": uuid, "unit_name": str, "kind": choice(CaseKind.allCases.map(\.rawValue)),
                    "source": choice(CaseSource.allCases.map(\.rawValue)), "status": choice(CaseLifecycle.State.allCases.map(\.rawValue)),
                    "risk_level": choice(RiskLevel.allCases.map(\.rawValue)), "risk_reason": str, "received_at": ["type": "string", "format": "date-time"],
                    "placement": choice(Placement.allCases.map(\.rawValue)), "shelter_from": nullableStr, "shelter_until": nullableStr,
                    "person_id": ["type": ["string", "null"], "format": "uuid"], "person_name": str, "assessment": nullableStr,
                    "closure_reason": nullableStr, "outcome": nullableStr, "worker": str,
                    "goals": [
                        "type": "array",
                        "items": OpenAPI.obj(
                            [
                                "goal": str, "responsible": str, "due_date": str,
                                "result": nullableStr,
                            ], required: ["goal", "responsible", "due_date"]),
                    ],
                    "actions": ["type": "array", "items": choice(CaseLifecycle.Transition.allCases.map(\.rawValue))],
                    "anonymised_at": ["type": ["string", "null"], "format": "date-time"], "legal_hold": nullableStr,
                ], required: ["id", "number", "kind", "status", "risk_level", "placement", "actions"]),
            "CasePage": OpenAPI.page("Case"),
            "CaseEntries": [
                "type": "array",
                "items": OpenAPI.obj(
                    ["kind": choice(CaseEntryKind.allCases.map(\.rawValue)), "on": str, "text": str, "given_by": str, "recorded_by": str],
                    required: ["kind", "on", "text"]),
            ],
            "CaseEntryCreate": OpenAPI.request(
                [
                    "kind": choice(CaseEntryKind.recorded.map(\.rawValue)), "on": OpenAPI.date, "text": OpenAPI.name(4000),
                    "given_by": ["type": "string", "maxLength": 200],
                ], required: ["kind", "on", "text"]),
            "CaseCreate": OpenAPI.request(
                [
                    "unit": OpenAPI.name(50), "kind": choice(CaseKind.allCases.map(\.rawValue)), "source": choice(CaseSource.allCases.map(\.rawValue)),
                    "risk_level": choice(RiskLevel.allCases.map(\.rawValue)), "risk_reason": OpenAPI.name(2000),
                    "received_at": ["type": "string", "format": "date-time"], "placement": choice(Placement.allCases.map(\.rawValue)),
                    "shelter_from": OpenAPI.date, "person_id": uuid, "not_duplicate": ["type": "boolean"],
                    "person": OpenAPI.request(
                        [
                            "full_name": OpenAPI.name(200), "gender": choice(Gender.allCases.map(\.rawValue)),
                            "birth_year": ["type": "integer", "minimum": 1900, "maximum": 2100],
                        ], required: ["full_name"]),
                ], required: ["kind", "source", "risk_level", "risk_reason", "placement"]),
            "CaseDocuments": [
                "type": "array",
                "items": OpenAPI.obj(
                    [
                        "id": uuid, "title": str, "file_name": str, "kind": choice(DocumentKind.allCases.map(\.rawValue)), "size": count, "sha256": str,
                        "uploaded_by": str, "uploaded_at": ["type": ["string", "null"], "format": "date-time"],
                    ], required: ["id", "title", "file_name", "kind", "size", "sha256"]),
            ],
            "CaseDocumentFile": ["type": "string", "format": "binary", "description": "the file's bytes: PDF, JPEG or PNG"],
            "CaseTransfer": OpenAPI.request(["worker": OpenAPI.name(100), "reason": OpenAPI.name(2000)], required: ["worker", "reason"]),
            "CaseTransition": OpenAPI.request(
                [
                    "transition": choice(CaseLifecycle.Transition.allCases.map(\.rawValue)), "to": choice(CaseLifecycle.State.allCases.map(\.rawValue)),
                    "risk_level": choice(RiskLevel.allCases.map(\.rawValue)), "risk_reason": ["type": "string", "maxLength": 2000],
                    "assessment": ["type": "string", "maxLength": 4000], "goal": ["type": "string", "maxLength": 500],
                    "responsible": ["type": "string", "maxLength": 200], "due_date": OpenAPI.date,
                    "closure_reason": ["type": "string", "maxLength": 2000], "outcome": ["type": "string", "maxLength": 2000],
                    "reason": ["type": "string", "maxLength": 2000],
                ], required: []),
        ]
    }
}
