import AnsinhCore
import AnsinhStore
import Vapor

/// The API twin: a person's consents outside a case, one recorded, one withdrawn.
struct ConsentAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.personConsents(nil)), use: list)
        api.post(.api(.personConsents(nil)), use: record)
        api.post(.api(.personConsentWithdraw(nil)), use: withdraw)
    }

    struct ConsentDTO: Content {
        let id: UUID; let personId: UUID; let purpose: String; let recipient: String; let givenBy: String; let givenByName: String
        let givenOn: String; let withdrawnOn: String?; let withdrawalReason: String?; let recordedBy: String; let inForce: Bool
        init(_ c: PersonConsentView) {
            id = c.id; personId = c.personID; purpose = c.purpose.rawValue; recipient = c.recipient; givenBy = c.givenBy.rawValue
            givenByName = c.givenByName; givenOn = c.givenOn.iso; withdrawnOn = c.withdrawnOn?.iso; withdrawalReason = c.withdrawalReason
            recordedBy = c.recordedBy; inForce = c.inForce
        }
    }
    struct RecordRequest: Content { let purpose: String; let recipient: String?; let givenBy: String; let givenByName: String; let givenOn: String }
    struct WithdrawRequest: Content { let on: String; let reason: String }

    func list(req: Request) async throws -> APIJSON<[ConsentDTO]> {
        APIJSON(try await PersonConsentRepository(req.store).list(try req.requireActor(), personID: try req.idParameter()).map(ConsentDTO.init))
    }

    func record(req: Request) async throws -> APIJSON<ConsentDTO> {
        let a = try req.requireActor()
        try PersonConsentRepository.requireManage(a)
        let b = try req.json(RecordRequest.self)
        try APIInput.limit([("recipient", b.recipient, 200), ("given_by_name", b.givenByName, 200)])
        var input = PersonConsentInput()
        input.purpose = b.purpose; input.recipient = b.recipient ?? ""; input.givenBy = b.givenBy; input.givenByName = b.givenByName
        input.givenOn = b.givenOn
        return APIJSON(ConsentDTO(try await PersonConsentRepository(req.store).record(a, personID: try req.idParameter(), input)), status: .created)
    }

    func withdraw(req: Request) async throws -> APIJSON<ConsentDTO> {
        let a = try req.requireActor()
        try PersonConsentRepository.requireManage(a)
        let id = try req.idParameter()
        let b = try req.json(WithdrawRequest.self)
        try APIInput.limit([("reason", b.reason, 1000)])
        let repo = PersonConsentRepository(req.store)
        try await repo.withdraw(a, consentID: id, on: b.on, reason: b.reason)
        return APIJSON(ConsentDTO(try await repo.get(a, id)))
    }

    static var operations: [APIOperation] {
        let tag = "registry"
        return [
            APIOperation(.GET, .personConsents(nil), "A person's consents outside a case, the latest given first", tag: tag, response: "PersonConsentList"),
            APIOperation(
                .POST, .personConsents(nil),
                "Record a person's consent (Law 91/2025/QH15): the purpose, the one recipient it is given to (empty: any), who gave it and when",
                tag: tag, request: "PersonConsentCreate", response: "PersonConsent", status: 201),
            APIOperation(
                .POST, .personConsentWithdraw(nil), "Withdraw a consent from a day, with the reason; what it allowed is refused from that day", tag: tag,
                request: "PersonConsentWithdrawal", response: "PersonConsent"),
        ]
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"]
        let purposes: [String: Any] = ["type": "string", "enum": PersonConsentPurpose.allCases.map(\.rawValue)]
        let givers: [String: Any] = ["type": "string", "enum": ConsentGiver.allCases.map(\.rawValue)]
        return [
            "PersonConsent": OpenAPI.obj(
                [
                    "id": ["type": "string", "format": "uuid"], "person_id": ["type": "string", "format": "uuid"], "purpose": purposes,
                    "recipient": str, "given_by": givers, "given_by_name": str, "given_on": str, "withdrawn_on": ["type": ["string", "null"]],
                    "withdrawal_reason": ["type": ["string", "null"]], "recorded_by": str, "in_force": ["type": "boolean"],
                ], required: ["id", "person_id", "purpose", "given_by", "given_on", "in_force"]),
            "PersonConsentList": ["type": "array", "items": OpenAPI.ref("PersonConsent")],
            "PersonConsentCreate": OpenAPI.request(
                [
                    "purpose": purposes, "recipient": ["type": "string", "maxLength": 200], "given_by": givers, "given_by_name": OpenAPI.name(200),
                    "given_on": OpenAPI.date,
                ], required: ["purpose", "given_by", "given_by_name", "given_on"]),
            "PersonConsentWithdrawal": OpenAPI.request(["on": OpenAPI.date, "reason": OpenAPI.name(1000)], required: ["on", "reason"]),
        ]
    }
}
