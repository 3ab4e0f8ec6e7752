import AnsinhCore
import AnsinhStore
import Vapor

/// The API twin of sudden hardship (a household hit by illness, an accident, a lost job…: the
/// officer records it, the alert list shows it until support is given) and of difficult
/// circumstances. The same repository calls as the pages.
struct HardshipAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.hardshipAlerts), use: alerts)
        api.post(.api(.householdHardship(nil)), use: record)
        api.post(.api(.hardshipResolve(nil)), use: resolve)
        api.post(.api(.householdCircumstances(nil)), use: circumstance)
    }

    struct HardshipDTO: Content {
        let id: UUID; let householdId: UUID; let householdCode: String; let eventKind: String; let occurredOn: String; let note: String
        let recordedBy: String; let recordedOn: String; let support: String?; let resolvedOn: String?
        /// Unresolved past the ward's highlight threshold.
        let overdue: Bool
        init(_ h: HardshipView) {
            id = h.id; householdId = h.householdID; householdCode = h.householdCode; eventKind = h.kind.rawValue; occurredOn = h.occurredOn.iso
            note = h.note; recordedBy = h.recordedBy; recordedOn = h.recordedOn.iso; support = h.support; resolvedOn = h.resolvedOn?.iso
            overdue = h.overdue
        }
    }
    struct HardshipRequest: Content { let eventKind: String; let occurredOn: String; let note: String }
    struct ResolveRequest: Content { let support: String }
    struct CircumstanceRequest: Content { let reason: String; let since: String }

    /// Open hardship events in scope, oldest first (`all=true`: resolved ones too).
    func alerts(req: Request) async throws -> APIJSON<APIPage<HardshipDTO>> {
        let a = try req.requireActor()
        let all = try req.queryChoice("all", Flag.self) == .true
        let page = try await ReviewRepository(req.store).alerts(a, includeResolved: all, today: req.today, page: try req.pageSpec)
        return APIJSON(APIPage(page, HardshipDTO.init))
    }

    func record(req: Request) async throws -> APIJSON<RecordStatusDTO> {
        let a = try req.requireActor()
        try a.require(.recordHardship)
        let b = try req.json(HardshipRequest.self)
        try APIInput.limit([("note", b.note, 2000)])
        let id = try await ReviewRepository(req.store).recordHardship(
            a, householdID: try req.idParameter(), kind: b.eventKind, occurredOn: b.occurredOn, note: b.note, today: req.today)
        return APIJSON(RecordStatusDTO(id: id, status: "open"), status: .created)
    }

    func resolve(req: Request) async throws -> APIJSON<RecordStatusDTO> {
        let a = try req.requireActor()
        try a.require(.recordHardship)
        let b = try req.json(ResolveRequest.self)
        try APIInput.limit([("support", b.support, 2000)])
        let id = try req.idParameter()
        try await ReviewRepository(req.store).resolveHardship(a, eventID: id, support: b.support, today: req.today)
        return APIJSON(RecordStatusDTO(id: id, status: "resolved"))
    }

    func circumstance(req: Request) async throws -> APIJSON<RecordStatusDTO> {
        let a = try req.requireActor()
        try a.require(.recordHardship)
        let b = try req.json(CircumstanceRequest.self)
        try APIInput.limit([("reason", b.reason, 2000)])
        let id = try req.idParameter()
        try await ReviewRepository(req.store).recordCircumstance(a, householdID: id, reason: b.reason, since: b.since)
        return APIJSON(RecordStatusDTO(id: id, status: "recorded"), status: .created)
    }

    /// A yes/no query value.
    enum Flag: String { case `true`, `false` }

    static var operations: [APIOperation] {
        let tag = "review"
        return [
            APIOperation(
                .GET, .hardshipAlerts, "Households hit by sudden hardship and not yet supported, oldest first (all=true: resolved too)", tag: tag,
                query: [("all", ["type": "string", "enum": ["true", "false"]])] + OpenAPI.paging, response: "HardshipPage"),
            APIOperation(
                .POST, .householdHardship(nil), "Record sudden hardship of a household (illness, accident, job loss…)", tag: tag,
                request: "HardshipRequest", response: "RecordStatus", status: 201),
            APIOperation(
                .POST, .hardshipResolve(nil), "Record the support given; the alert closes", tag: tag, request: "ResolveRequest", response: "RecordStatus"),
            APIOperation(
                .POST, .householdCircumstances(nil), "Record a household's difficult circumstances since a date", tag: tag,
                request: "CircumstanceRequest", response: "RecordStatus", status: 201),
        ]
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"]
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        return [
            "Hardship": OpenAPI.obj(
                [
                    "id": uuid, "household_id": uuid, "household_code": str, "event_kind": ["type": "string", "enum": HardshipKind.allCases.map(\.rawValue)],
                    "occurred_on": str, "note": str, "recorded_by": str, "recorded_on": str, "support": ["type": ["string", "null"]],
                    "resolved_on": ["type": ["string", "null"]], "overdue": ["type": "boolean"],
                ], required: ["id", "household_id", "event_kind", "occurred_on", "note", "overdue"]),
            "HardshipPage": OpenAPI.page("Hardship"),
            "HardshipRequest": OpenAPI.request(
                ["event_kind": ["type": "string", "enum": HardshipKind.allCases.map(\.rawValue)], "occurred_on": OpenAPI.date, "note": OpenAPI.name(2000)],
                required: ["event_kind", "occurred_on", "note"]),
            "ResolveRequest": OpenAPI.request(["support": OpenAPI.name(2000)], required: ["support"]),
            "CircumstanceRequest": OpenAPI.request(["reason": OpenAPI.name(2000), "since": OpenAPI.date], required: ["reason", "since"]),
        ]
    }
}
