import AnsinhCore
import AnsinhStore
import Vapor

/// The API twin of the person page's relationships (parent, guardian, carer: the facts the
/// allowance rules read for children and carers) and of the duplicate review queue. The same
/// repository calls as the pages, so the same permission, scope and audit.
struct RelationshipsAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.personRelationships(nil)), use: relationships)
        api.post(.api(.personRelationships(nil)), use: relate)
        api.post(.api(.relationshipEnd(nil)), use: end)
        api.get(.api(.duplicates), use: duplicates)
        api.post(.api(.duplicates), use: findDuplicates)
        api.post(.api(.duplicateMerge(nil)), use: merge)
        api.post(.api(.duplicateDismiss(nil)), use: dismiss)
    }

    /// One relationship of the person: `other_is_the` says whether the other person is the
    /// parent / guardian / carer of this one (true) or this one of the other (false).
    struct RelationshipDTO: Content {
        let id: UUID; let kind: String; let otherIsThe: Bool; let other: RegistryAPI.PersonDTO; let since: String; let until: String?
        init(_ r: RelationshipView) {
            id = r.id; kind = r.kind.rawValue; otherIsThe = r.otherIsThe; other = RegistryAPI.PersonDTO(r.other); since = r.since.iso; until = r.until?.iso
        }
    }
    /// `related`: the other person's id or national ID.
    struct RelateRequest: Content { let related: String; let kind: String; let since: String }
    struct EndRequest: Content { let date: String }
    struct DuplicateDTO: Content {
        let id: UUID; let reason: String; let status: String; let a: RegistryAPI.PersonDTO; let b: RegistryAPI.PersonDTO
        let householdA: String?; let householdB: String?
        init(_ d: DuplicatePairView) {
            id = d.id; reason = d.reason; status = d.status; a = RegistryAPI.PersonDTO(d.a); b = RegistryAPI.PersonDTO(d.b)
            householdA = d.householdA; householdB = d.householdB
        }
    }
    struct Found: Content { let found: Int }
    /// Which person of the pair stays (`a` or `b`); the other is merged into it.
    struct MergeRequest: Content { let keep: String }

    func relationships(req: Request) async throws -> APIJSON<[RelationshipDTO]> {
        let list = try await RegistryRepository(req.store).relationships(try req.requireActor(), personID: try req.idParameter())
        return APIJSON(list.map(RelationshipDTO.init))
    }

    func relate(req: Request) async throws -> APIJSON<[RelationshipDTO]> {
        let a = try req.requireActor()
        let id = try req.idParameter()
        let b = try req.json(RelateRequest.self)
        guard let since = LocalDate(iso: b.since) else { throw AppError.invalid("since", "validation.date") }
        try APIInput.limit([("related", b.related, 100)])
        let repo = RegistryRepository(req.store)
        try await repo.addRelationship(a, personID: id, related: b.related, kind: b.kind, since: since)
        return APIJSON(try await repo.relationships(a, personID: id).map(RelationshipDTO.init), status: .created)
    }

    func end(req: Request) async throws -> APIJSON<RecordStatusDTO> {
        let a = try req.requireActor()
        let id = try req.idParameter()
        let b = try req.json(EndRequest.self)
        guard let day = LocalDate(iso: b.date) else { throw AppError.invalid("date", "validation.date") }
        try await RegistryRepository(req.store).endRelationship(a, id: id, on: day)
        return APIJSON(RecordStatusDTO(id: id, status: "ended"))
    }

    func duplicates(req: Request) async throws -> APIJSON<APIPage<DuplicateDTO>> {
        APIJSON(APIPage(try await DuplicateRepository(req.store).open(try req.requireActor(), page: try req.pageSpec), DuplicateDTO.init))
    }

    /// Looks for likely duplicates in the caller's units; answers with how many new pairs.
    func findDuplicates(req: Request) async throws -> APIJSON<Found> {
        APIJSON(Found(found: try await DuplicateRepository(req.store).find(try req.requireActor())))
    }

    func merge(req: Request) async throws -> APIJSON<RecordStatusDTO> {
        let a = try req.requireActor()
        try a.require(.manageRegistry)
        let b = try req.json(MergeRequest.self)
        guard ["a", "b"].contains(b.keep) else { throw AppError.invalid("keep", "validation.choice") }
        let id = try req.idParameter()
        try await DuplicateRepository(req.store).merge(a, pairID: id, keepFirst: b.keep == "a")
        return APIJSON(RecordStatusDTO(id: id, status: "merged"))
    }

    func dismiss(req: Request) async throws -> APIJSON<RecordStatusDTO> {
        let id = try req.idParameter()
        try await DuplicateRepository(req.store).dismiss(try req.requireActor(), pairID: id)
        return APIJSON(RecordStatusDTO(id: id, status: "dismissed"))
    }

    static var operations: [APIOperation] {
        let tag = "registry"
        return [
            APIOperation(
                .GET, .personRelationships(nil), "A person's parents, guardians and carers, and whom they care for", tag: tag, response: "RelationshipList"),
            APIOperation(
                .POST, .personRelationships(nil), "Record that another person (by id or national ID) is this person's parent, guardian or carer",
                tag: tag, request: "RelateRequest", response: "RelationshipList", status: 201),
            APIOperation(.POST, .relationshipEnd(nil), "End a relationship on a date", tag: tag, request: "EndRelationship", response: "RecordStatus"),
            APIOperation(.GET, .duplicates, "Open pairs of likely duplicate persons in scope", tag: tag, query: OpenAPI.paging, response: "DuplicatePage"),
            APIOperation(.POST, .duplicates, "Look for likely duplicate persons in the caller's units", tag: tag, response: "DuplicatesFound"),
            APIOperation(
                .POST, .duplicateMerge(nil), "Merge a pair: keep a or b, the other is merged into it", tag: tag, request: "MergeRequest",
                response: "RecordStatus"),
            APIOperation(.POST, .duplicateDismiss(nil), "Dismiss a pair: two different persons", tag: tag, response: "RecordStatus"),
        ]
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"]
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        return [
            "Relationship": OpenAPI.obj(
                [
                    "id": uuid, "kind": ["type": "string", "enum": RelationshipKind.allCases.map(\.rawValue)], "other_is_the": ["type": "boolean"],
                    "other": OpenAPI.ref("Person"), "since": str, "until": ["type": ["string", "null"]],
                ], required: ["id", "kind", "other_is_the", "other", "since"]),
            "RelationshipList": ["type": "array", "items": OpenAPI.ref("Relationship")],
            "RelateRequest": OpenAPI.request(
                ["related": OpenAPI.name(100), "kind": ["type": "string", "enum": RelationshipKind.allCases.map(\.rawValue)], "since": OpenAPI.date],
                required: ["related", "kind", "since"]),
            "EndRelationship": OpenAPI.request(["date": OpenAPI.date], required: ["date"]),
            "Duplicate": OpenAPI.obj(
                [
                    "id": uuid, "reason": str, "status": str, "a": OpenAPI.ref("Person"), "b": OpenAPI.ref("Person"),
                    "household_a": ["type": ["string", "null"]], "household_b": ["type": ["string", "null"]],
                ], required: ["id", "reason", "status", "a", "b"]),
            "DuplicatePage": OpenAPI.page("Duplicate"),
            "DuplicatesFound": OpenAPI.obj(["found": ["type": "integer"]], required: ["found"]),
            "MergeRequest": OpenAPI.request(["keep": ["type": "string", "enum": ["a", "b"]]], required: ["keep"]),
        ]
    }
}
