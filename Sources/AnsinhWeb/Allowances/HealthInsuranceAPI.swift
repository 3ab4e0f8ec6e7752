import AnsinhCore
import AnsinhStore
import Vapor

/// The API twin of the health-insurance pages: make and read a commune's entitlement list for
/// a month, and record a card issued back on the person.
struct HealthInsuranceAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.healthInsuranceLists), use: lists)
        api.post(.api(.healthInsuranceLists), use: generate)
        api.get(.api(.healthInsuranceList(nil)), use: list)
        api.post(.api(.personHealthCards(nil)), use: recordCard)
        api.get(.api(.personHealthCards(nil)), use: cards)
    }

    struct ListDTO: Content {
        let id: UUID; let communeId: UUID; let communeName: String; let month: String; let persons: Int; let full: Int; let partial: Int
        let added: Int; let changed: Int; let removed: Int; let previousMonth: String?; let createdBy: String
        init(_ l: HealthInsuranceListRecord) {
            id = l.id; communeId = l.communeID; communeName = l.communeName; month = l.month.iso; persons = l.persons; full = l.full
            partial = l.partial; added = l.added; changed = l.changed; removed = l.removed; previousMonth = l.previousMonth?.iso; createdBy = l.createdBy
        }
    }
    struct EntryDTO: Content {
        let personId: UUID; let fullName: String; let birth: String; let nationalId: String?; let householdCode: String; let basis: String?
        let statePercent: Int; let change: String; let previousBasis: String?; let cardNumber: String?; let cardValidUntil: String?
        init(_ e: HealthInsuranceEntryRow) {
            personId = e.personID; fullName = e.fullName; birth = e.birth; nationalId = e.nationalID; householdCode = e.householdCode
            basis = e.basis?.rawValue; statePercent = e.statePercent; change = e.change.rawValue; previousBasis = e.previousBasis?.rawValue
            cardNumber = e.cardNumber; cardValidUntil = e.cardValidUntil
        }
    }
    struct ListDetail: Encodable, Sendable { let list: ListDTO; let entries: APIPage<EntryDTO> }
    struct GenerateRequest: Content { let communeId: UUID; let month: String }
    struct CardRequest: Content { let cardNumber: String; let validFrom: String; let validUntil: String }
    struct CardDTO: Content {
        let cardNumber: String; let validFrom: String; let validUntil: String; let recordedBy: String
        init(_ c: HealthInsuranceCardRecord) {
            cardNumber = c.cardNumber; validFrom = c.validFrom.iso; validUntil = c.validUntil.iso; recordedBy = c.recordedBy
        }
    }

    func lists(req: Request) async throws -> APIJSON<[ListDTO]> {
        APIJSON(try await HealthInsuranceRepository(req.store).lists(try req.requireActor()).map(ListDTO.init))
    }

    func generate(req: Request) async throws -> APIJSON<ListDTO> {
        let a = try req.requireActor()
        try a.require(.manageAllowances)
        let b = try req.json(GenerateRequest.self)
        guard let month = YearMonth(iso: b.month) else { throw AppError.invalid("month", "allowance.error.month") }
        let repo = HealthInsuranceRepository(req.store)
        let id = try await repo.generate(a, communeID: b.communeId, month: month)
        let (list, _) = try await repo.list(a, id: id, change: nil, page: PageSpec(page: 1, perPage: 1))
        return APIJSON(ListDTO(list), status: .created)
    }

    func list(req: Request) async throws -> APIJSON<ListDetail> {
        let a = try req.requireActor()
        let change = try req.queryChoice("change", HealthInsuranceChange.self)
        let (list, page) = try await HealthInsuranceRepository(req.store).list(a, id: try req.idParameter(), change: change, page: try req.pageSpec)
        return APIJSON(ListDetail(list: ListDTO(list), entries: APIPage(page, EntryDTO.init)))
    }

    func recordCard(req: Request) async throws -> APIJSON<CardDTO> {
        let a = try req.requireActor()
        try a.require(.manageAllowances)
        let b = try req.json(CardRequest.self)
        let c = try await HealthInsuranceRepository(req.store).recordCard(
            a, personID: try req.idParameter(), number: b.cardNumber, validFrom: b.validFrom, validUntil: b.validUntil)
        return APIJSON(CardDTO(c), status: .created)
    }

    func cards(req: Request) async throws -> APIJSON<[CardDTO]> {
        APIJSON(try await HealthInsuranceRepository(req.store).cards(try req.requireActor(), personID: try req.idParameter()).map(CardDTO.init))
    }

    static var operations: [APIOperation] {
        let tag = "allowances"
        return [
            APIOperation(
                .GET, .healthInsuranceLists, "The health-insurance entitlement lists in scope, newest month first", tag: tag,
                response: "HealthInsuranceListList"),
            APIOperation(
                .POST, .healthInsuranceLists, "Make a commune's entitlement list for a month, compared with its previous list", tag: tag,
                request: "HealthInsuranceListRequest", response: "HealthInsuranceList", status: 201),
            APIOperation(
                .GET, .healthInsuranceList(nil), "One list and a page of its entries (change=new|changed|same|removed)", tag: tag,
                query: [("change", ["type": "string", "enum": HealthInsuranceChange.allCases.map(\.rawValue)])] + OpenAPI.paging,
                response: "HealthInsuranceListDetail"),
            APIOperation(
                .POST, .personHealthCards(nil), "Record a health-insurance card issued to the person", tag: tag, request: "HealthInsuranceCardRequest",
                response: "HealthInsuranceCard", status: 201),
            APIOperation(.GET, .personHealthCards(nil), "A person's recorded cards, latest validity first", tag: tag, response: "HealthInsuranceCardList"),
        ]
    }

    static var schemas: [String: Any] {
        let int: [String: Any] = ["type": "integer"]
        let str: [String: Any] = ["type": "string"]
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        let nullable: [String: Any] = ["type": ["string", "null"]]
        let bases: [String: Any] = ["type": ["string", "null"], "enum": HealthInsuranceBasis.allCases.map(\.rawValue) + [NSNull()]]
        return [
            "HealthInsuranceList": OpenAPI.obj(
                [
                    "id": uuid, "commune_id": uuid, "commune_name": str, "month": str, "persons": int, "full": int, "partial": int, "added": int,
                    "changed": int, "removed": int, "previous_month": nullable, "created_by": str,
                ], required: ["id", "commune_id", "month", "persons", "full", "partial", "added", "changed", "removed"]),
            "HealthInsuranceListList": ["type": "array", "items": OpenAPI.ref("HealthInsuranceList")],
            "HealthInsuranceListRequest": OpenAPI.request(
                ["commune_id": uuid, "month": ["type": "string", "pattern": OpenAPI.monthPattern]], required: ["commune_id", "month"]),
            "HealthInsuranceEntry": OpenAPI.obj(
                [
                    "person_id": uuid, "full_name": str, "birth": str, "national_id": nullable, "household_code": str, "basis": bases,
                    "state_percent": int, "change": ["type": "string", "enum": HealthInsuranceChange.allCases.map(\.rawValue)],
                    "previous_basis": bases, "card_number": nullable, "card_valid_until": nullable,
                ], required: ["person_id", "full_name", "state_percent", "change"]),
            "HealthInsuranceListDetail": OpenAPI.obj(
                ["list": OpenAPI.ref("HealthInsuranceList"), "entries": OpenAPI.page("HealthInsuranceEntry")], required: ["list", "entries"]),
            "HealthInsuranceCardRequest": OpenAPI.request(
                ["card_number": ["type": "string", "pattern": "^([0-9]{10}|[A-Z]{2}[0-9]{13})$"], "valid_from": OpenAPI.date, "valid_until": OpenAPI.date],
                required: ["card_number", "valid_from", "valid_until"]),
            "HealthInsuranceCard": OpenAPI.obj(
                ["card_number": str, "valid_from": str, "valid_until": str, "recorded_by": str], required: ["card_number", "valid_from", "valid_until"]),
            "HealthInsuranceCardList": ["type": "array", "items": OpenAPI.ref("HealthInsuranceCard")],
        ]
    }
}
