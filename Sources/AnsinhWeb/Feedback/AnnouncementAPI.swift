import AnsinhCore
import AnsinhStore
import Vapor

/// The API twin of announcements: list and new, one, publish or withdraw; and, without a token,
/// the current announcements (of one ward with `?ward=`).
struct AnnouncementAPI: APIDescribed {
    func register(public app: any RoutesBuilder) {
        app.get(.api(.publicAnnouncements)) { req async throws -> APIJSON<[AnnouncementDTO]> in
            let ward = req.query[String.self, at: "ward"]
            if let ward, ward.isEmpty || ward.unicodeScalars.count > 50 { throw AppError.invalid("ward", "request.error.unit") }
            return APIJSON(try await AnnouncementRepository(req.store).current(wardCode: ward, today: req.today).map { AnnouncementDTO($0) })
        }
    }

    func register(api: any RoutesBuilder) {
        api.get(.api(.announcements), use: list)
        api.post(.api(.announcements), use: create)
        api.get(.api(.announcement(nil))) { req async throws -> APIJSON<AnnouncementDTO> in
            APIJSON(AnnouncementDTO(try await AnnouncementRepository(req.store).get(try req.requireActor(), id: try req.idParameter()), officer: true))
        }
        for t in AnnouncementLifecycle.Transition.allCases {
            api.post(.api(.announcementAction(nil, t))) { req async throws -> APIJSON<AnnouncementDTO> in
                let actor = try req.requireActor()
                let id = try req.idParameter()
                let repo = AnnouncementRepository(req.store)
                try await repo.take(actor, id: id, t)
                return APIJSON(AnnouncementDTO(try await repo.get(actor, id: id), officer: true))
            }
        }
    }

    struct AnnouncementDTO: Content {
        let id: UUID; let ward: String; let wardName: String; let kind: String; let title: String; let body: String; let groups: [String]
        let audience: String; let status: String; let until: String; let notify: Bool; let notified: Int; let publishedAt: Date?
        /// The codes of the households named: for officers only, never on the public list.
        let households: [String]?
        init(_ a: Announcement, officer: Bool = false) {
            households = officer ? a.households : nil
            id = a.id; ward = a.wardCode; wardName = a.wardName; kind = a.kind.rawValue; title = a.title; body = a.body; groups = a.groups
            audience = a.audience.rawValue; status = a.status.rawValue; until = a.until.iso; notify = a.notify; notified = a.notified;
            publishedAt = a.publishedAt
        }
    }
    struct Create: Content {
        let unit: String; let kind: String; let title: String; let body: String; let groups: [String]?; let until: String; let notify: Bool?
        let audience: String?; let households: [String]?
    }
    func list(req: Request) async throws -> APIJSON<APIPage<AnnouncementDTO>> {
        let page = try await AnnouncementRepository(req.store).list(try req.requireActor(), page: req.pageSpec)
        return APIJSON(APIPage(page.map { AnnouncementDTO($0, officer: true) }))
    }

    func create(req: Request) async throws -> APIJSON<AnnouncementDTO> {
        let actor = try req.requireActor()
        try actor.require(.handleRequests)
        let b = try req.json(Create.self)
        try APIInput.limit([("unit", b.unit, 50), ("title", b.title, 200), ("body", b.body, 4000), ("until", b.until, 10)])
        if (b.groups ?? []).count > 200 { throw AppError.invalid("groups", "validation.too_long", ["max": "200"]) }
        if (b.households ?? []).count > 200 { throw AppError.invalid("households", "validation.too_long", ["max": "200"]) }
        var input = AnnouncementInput()
        input.unitCode = b.unit; input.kind = b.kind; input.title = b.title; input.body = b.body; input.groups = b.groups ?? []; input.until = b.until
        input.notify = b.notify ?? false; input.audience = b.audience ?? AnnouncementAudience.groups.rawValue; input.households = b.households ?? []
        let repo = AnnouncementRepository(req.store)
        let id = try await repo.create(actor, input, today: req.today)
        return APIJSON(AnnouncementDTO(try await repo.get(actor, id: id), officer: true), status: .created)
    }

    static var operations: [APIOperation] {
        let tag = "announcements"
        return [
            APIOperation(
                .GET, .publicAnnouncements, "The announcements published and not past their last day (of one ward with `ward`)", tag: tag,
                query: [("ward", ["type": "string", "minLength": 1, "maxLength": 50])], response: "AnnouncementList", isPublic: true),
            APIOperation(
                .GET, .announcements, "The announcements of the caller's units, newest first", tag: tag, query: OpenAPI.paging, response: "AnnouncementPage"),
            APIOperation(
                .POST, .announcements, "Draft an announcement for a ward or some of its residential groups (by code)", tag: tag, request: "AnnouncementCreate",
                response: "Announcement", status: 201),
            APIOperation(.GET, .announcement(nil), "One announcement", tag: tag, response: "Announcement"),
            APIOperation(
                .POST, .announcementAction(nil, .publish),
                "Publish: on the public pages until its last day, and sent to the audience's households with a phone when `notify`", tag: tag,
                response: "Announcement"),
            APIOperation(.POST, .announcementAction(nil, .withdraw), "Withdraw from the public pages", tag: tag, response: "Announcement"),
        ]
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"]
        let announcement = OpenAPI.obj(
            [
                "id": ["type": "string", "format": "uuid"], "ward": str, "ward_name": str, "kind": str, "title": str, "body": str,
                "groups": ["type": "array", "items": str], "status": ["type": "string", "enum": AnnouncementLifecycle.State.allCases.map(\.rawValue)],
                "until": str, "notify": ["type": "boolean"], "notified": ["type": "integer"],
                "audience": ["type": "string", "enum": AnnouncementAudience.allCases.map(\.rawValue)],
                "households": ["type": "array", "items": str], "published_at": ["type": ["string", "null"], "format": "date-time"],
            ], required: ["id", "ward", "kind", "title", "body", "groups", "status", "until"])
        return [
            "Announcement": announcement,
            "AnnouncementList": ["type": "array", "items": ["$ref": "#/components/schemas/Announcement"]],
            "AnnouncementPage": OpenAPI.page("Announcement"),
            "AnnouncementCreate": OpenAPI.request(
                [
                    "unit": OpenAPI.name(50), "kind": ["type": "string", "enum": AnnouncementKind.allCases.map(\.rawValue)], "title": OpenAPI.name(200),
                    "body": OpenAPI.name(4000), "groups": ["type": "array", "maxItems": 200, "items": ["type": "string", "maxLength": 50]],
                    "until": ["type": "string", "format": "date"], "notify": ["type": "boolean"],
                    "audience": ["type": "string", "enum": AnnouncementAudience.allCases.map(\.rawValue)],
                    "households": ["type": "array", "maxItems": 200, "items": ["type": "string", "maxLength": 50]],
                ], required: ["unit", "kind", "title", "body", "until"]),
        ]
    }
}
