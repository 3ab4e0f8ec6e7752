import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The API twin of requests forwarded by a ward to a social assistance centre: the ward forwards
/// a hardship report; the centre lists what it received, reads one, opens a case from it or
/// gives it back.
struct WardRequestsAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.post(.api(.requestCentre(nil)), use: forward)
        api.get(.api(.wardRequests), use: list)
        api.get(.api(.wardRequest(nil)), use: show)
        api.post(.api(.wardRequestCase(nil)), use: openCase)
        api.post(.api(.wardRequestGiveBack(nil)), use: giveBack)
    }

    struct Forward: Content { let centre: String; let note: String }
    struct GiveBack: Content { let reason: String }
    struct FileDTO: Content { let id: UUID; let fileName: String; let kind: String; let size: Int }
    struct WardRequestDTO: Content {
        let id: UUID; let trackingCode: String; let kind: String; let ward: String; let residentialGroup: String?; let anonymous: Bool
        let name: String?; let phone: String?; let text: String?; let receivedAt: Date; let forwardedAt: Date; let note: String; let forwardedBy: String
        let caseId: UUID?; let caseNumber: String?; let files: [FileDTO]
        init(_ r: WardRequestView) {
            id = r.id; trackingCode = r.code; kind = r.kind.rawValue; ward = r.wardName; residentialGroup = r.residentialGroup; anonymous = r.anonymous
            name = r.name; phone = r.phone; text = r.text; receivedAt = r.receivedAt; forwardedAt = r.forwardedAt; note = r.note; forwardedBy = r.forwardedBy
            caseId = r.caseID; caseNumber = r.caseNumber
            files = r.files.map { FileDTO(id: $0.id, fileName: $0.fileName, kind: $0.kind.rawValue, size: $0.size) }
        }
    }

    func forward(req: Request) async throws -> APIJSON<FeedbackAPI.RequestDTO> {
        let actor = try req.requireActor()
        try actor.require(.handleRequests)
        let id = try req.idParameter()
        let b = try req.json(Forward.self)
        try APIInput.limit([("centre", b.centre, 50), ("note", b.note, 4000)])
        let repo = FeedbackRepository(req)
        try await repo.forwardToCentre(actor, id: id, centreCode: b.centre, note: b.note)
        return APIJSON(FeedbackAPI.RequestDTO(try await repo.get(actor, id: id)))
    }

    func list(req: Request) async throws -> APIJSON<APIPage<WardRequestDTO>> {
        let actor = try req.requireActor()
        let all = try req.queryChoice("show", WardRequestsPage.Show.self) == .all
        return APIJSON(APIPage(try await CaseRepository(req.store).wardRequests(actor, waitingOnly: !all, page: try req.pageSpec).map(WardRequestDTO.init)))
    }

    func show(req: Request) async throws -> APIJSON<WardRequestDTO> {
        APIJSON(WardRequestDTO(try await CaseRepository(req.store).wardRequest(try req.requireActor(), id: try req.idParameter())))
    }

    func openCase(req: Request) async throws -> APIJSON<CasesAPI.CaseDTO> {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        try actor.require(.manageCases)
        let b = try req.json(HotlineAPI.CaseFromContact.self)
        try APIInput.limit([("person_name", b.personName, 200), ("risk_reason", b.riskReason, 2000)])
        var input = CaseInput()
        input.personName = b.personName; input.kind = b.kind; input.riskLevel = b.riskLevel; input.riskReason = b.riskReason; input.placement = b.placement
        input.notDuplicate = b.notDuplicate ?? false
        let repo = CaseRepository(req.store)
        let caseID = try await repo.openCase(actor, fromRequest: id, input)
        return APIJSON(CasesAPI.dto(try await repo.get(actor, id: caseID), role: actor.role), status: .created)
    }

    func giveBack(req: Request) async throws -> APIJSON<WardRequestDTO> {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        try actor.require(.manageCases)
        let b = try req.json(GiveBack.self)
        try APIInput.limit([("reason", b.reason, 4000)])
        let repo = CaseRepository(req.store)
        let before = try await repo.wardRequest(actor, id: id)
        try await repo.giveBack(actor, requestID: id, reason: b.reason)
        return APIJSON(WardRequestDTO(before))
    }
}

extension WardRequestsAPI {
    static var operations: [APIOperation] {
        [
            APIOperation(
                .POST, .requestCentre(nil),
                "Forward a hardship report to a social assistance centre (by code) with the ward's note; the centre opens a case from it or gives it back",
                tag: "requests", request: "RequestForward", response: "Request"),
            APIOperation(
                .GET, .wardRequests, "The requests wards forwarded to the caller's centre, oldest forward first: waiting for a case, or all", tag: "cases",
                query: [("show", ["type": "string", "enum": WardRequestsPage.Show.allCases.map(\.rawValue)])] + OpenAPI.paging,
                response: "WardRequestPage"),
            APIOperation(
                .GET, .wardRequest(nil), "One forwarded request; what the resident wrote only for who sees child protection (the read is audited)",
                tag: "cases", response: "WardRequest"),
            APIOperation(
                .POST, .wardRequestCase(nil), "Open a case from a forwarded request (source: ward office; linked both ways)", tag: "cases",
                request: "CaseFromContact", response: "Case", status: 201),
            APIOperation(
                .POST, .wardRequestGiveBack(nil), "Give a forwarded request back to its ward, with the reason; answers it as it was", tag: "cases",
                request: "RequestGiveBack", response: "WardRequest"),
        ]
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"]
        let nullableStr: [String: Any] = ["type": ["string", "null"]]
        let time: [String: Any] = ["type": "string", "format": "date-time"]
        let request = OpenAPI.obj(
            [
                "id": ["type": "string", "format": "uuid"], "tracking_code": str, "kind": ["type": "string", "enum": RequestKind.allCases.map(\.rawValue)],
                "ward": str, "residential_group": nullableStr, "anonymous": ["type": "boolean"], "name": nullableStr, "phone": nullableStr,
                "text": nullableStr, "received_at": time, "forwarded_at": time, "note": str, "forwarded_by": str,
                "case_id": ["type": ["string", "null"], "format": "uuid"], "case_number": nullableStr,
                "files": [
                    "type": "array",
                    "items": OpenAPI.obj(
                        ["id": ["type": "string", "format": "uuid"], "file_name": str, "kind": str, "size": ["type": "integer"]],
                        required: ["id", "file_name", "kind", "size"]),
                ],
            ], required: ["id", "tracking_code", "kind", "ward", "anonymous", "received_at", "forwarded_at", "note", "files"])
        return [
            "WardRequest": request,
            "WardRequestPage": OpenAPI.page("WardRequest"),
            "RequestForward": OpenAPI.request(["centre": OpenAPI.name(50), "note": OpenAPI.name(4000)], required: ["centre", "note"]),
            "RequestGiveBack": OpenAPI.request(["reason": OpenAPI.name(4000)], required: ["reason"]),
        ]
    }
}
