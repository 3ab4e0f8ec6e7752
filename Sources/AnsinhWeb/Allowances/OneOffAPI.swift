import AnsinhCore
import AnsinhStore
import Vapor

/// The API twin of the one-off pages: decide a one-off benefit (Decree 20/2021 Art. 11–15),
/// read the register and one decision, record it handed out, cancel it.
struct OneOffAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.oneOffs), use: list)
        api.post(.api(.oneOffs), use: decide)
        api.get(.api(.oneOff(nil)), use: get)
        api.post(.api(.oneOffHandOut(nil)), use: handOut)
        api.post(.api(.oneOffCancel(nil)), use: cancel)
    }

    struct OneOffDTO: Content {
        let id: UUID; let kind: String; let personId: UUID; let personName: String; let householdCode: String?; let communeName: String
        let eventDate: String; let number: String; let signedDate: String; let category: String; let amount: Int64; let kilograms: Int?
        let funeralCases: [String]; let otherBenefits: [OtherFuneralBenefit]; let treatmentDays: Int?; let riceCause: String?
        let persons: Int?; let months: Int?; let reason: String?; let ruleSet: String; let recipientKind: String; let recipientName: String?
        let channel: String; let status: String; let handedDate: String?; let receivedBy: String?; let cancelReason: String?
        let note: String?; let decidedBy: String; let cycleId: UUID?; let cycleMonth: String?; let lineStatus: String?
        init(_ r: OneOffRecord) {
            id = r.id; kind = r.kind.rawValue; personId = r.personID; personName = r.personName; householdCode = r.householdCode
            communeName = r.communeName; eventDate = r.eventDate; number = r.number; signedDate = r.signedDate; category = r.category
            amount = r.amount; kilograms = r.kilograms; funeralCases = r.details.funeralCases.map(\.rawValue); otherBenefits = r.details.others
            treatmentDays = r.details.treatmentDays; riceCause = r.details.riceCause?.rawValue; persons = r.details.persons
            months = r.details.months; reason = r.reason?.code; ruleSet = r.ruleSet; recipientKind = r.recipientKind
            recipientName = r.recipientName; channel = r.channel; status = r.status.rawValue; handedDate = r.handedDate
            receivedBy = r.receivedBy; cancelReason = r.cancelReason; note = r.note; decidedBy = r.decidedBy; cycleId = r.cycleID
            cycleMonth = r.cycleMonth; lineStatus = r.lineStatus?.rawValue
        }
    }
    struct DecideRequest: Content {
        let personId: UUID; let kind: String; let eventDate: String; let number: String; let signedDate: String
        let funeralCases: [FuneralCase]?; let otherBenefits: [OtherFuneralBenefit]?; let treatmentDays: Int?; let riceCause: RiceCause?
        let persons: Int?; let months: Int?; let recipientKind: String?; let recipientName: String?; let channel: String?; let account: String?
        let note: String?
    }
    struct HandOutRequest: Content { let handedDate: String; let receivedBy: String }
    struct CancelRequest: Content { let reason: String }

    func list(req: Request) async throws -> APIJSON<APIPage<OneOffDTO>> {
        let a = try req.requireActor()
        let (filter, _) = try OneOffListPage.filter(req)
        return APIJSON(APIPage(try await OneOffRepository(req.store).list(a, filter: filter, page: try req.pageSpec), OneOffDTO.init))
    }

    func decide(req: Request) async throws -> APIJSON<OneOffDTO> {
        let a = try req.requireActor()
        try a.require(.decideAllowances)
        let b = try req.json(DecideRequest.self)
        try APIInput.limit([("number", b.number, 60), ("recipient_name", b.recipientName, 200), ("account", b.account, 34), ("note", b.note, 2000)])
        var input = OneOffInput(personID: b.personId)
        input.kind = b.kind; input.eventDate = b.eventDate; input.number = b.number; input.signedDate = b.signedDate
        input.details.funeralCases = b.funeralCases ?? []; input.details.others = b.otherBenefits ?? []
        input.details.treatmentDays = b.treatmentDays; input.details.riceCause = b.riceCause; input.details.persons = b.persons
        input.details.months = b.months; input.recipientKind = b.recipientKind ?? ""; input.recipientName = b.recipientName ?? ""
        input.channel = b.channel ?? ""; input.account = b.account ?? ""; input.note = b.note ?? ""
        let repo = OneOffRepository(req.store)
        let id = try await repo.decide(a, input)
        return APIJSON(OneOffDTO(try await repo.get(a, id)), status: .created)
    }

    func get(req: Request) async throws -> APIJSON<OneOffDTO> {
        APIJSON(OneOffDTO(try await OneOffRepository(req.store).get(try req.requireActor(), try req.idParameter())))
    }

    func handOut(req: Request) async throws -> APIJSON<OneOffDTO> {
        let a = try req.requireActor()
        try a.require(OneOffLifecycle.rule(.handOut).permission)
        let id = try req.idParameter()
        let b = try req.json(HandOutRequest.self)
        let repo = OneOffRepository(req.store)
        try await repo.handOut(a, id: id, date: b.handedDate, receivedBy: b.receivedBy)
        return APIJSON(OneOffDTO(try await repo.get(a, id)))
    }

    func cancel(req: Request) async throws -> APIJSON<OneOffDTO> {
        let a = try req.requireActor()
        try a.require(OneOffLifecycle.rule(.cancel).permission)
        let id = try req.idParameter()
        let b = try req.json(CancelRequest.self)
        let repo = OneOffRepository(req.store)
        try await repo.cancel(a, id: id, reason: b.reason)
        return APIJSON(OneOffDTO(try await repo.get(a, id)))
    }

    static var operations: [APIOperation] {
        let tag = "allowances"
        return [
            APIOperation(
                .GET, .oneOffs, "The one-off register in scope (funeral, injury, house and rice support), newest first", tag: tag,
                query: [
                    ("kind", ["type": "string", "enum": OneOffKind.allCases.map(\.rawValue)]),
                    ("status", ["type": "string", "enum": OneOffLifecycle.State.allCases.map(\.rawValue)]),
                    ("year", ["type": "integer", "minimum": Bounds.year.lowerBound, "maximum": Bounds.year.upperBound]),
                    ("person_id", ["type": "string", "format": "uuid"]),
                ] + OpenAPI.paging, response: "OneOffPage"),
            APIOperation(
                .POST, .oneOffs,
                "Decide a one-off benefit (Decree 20/2021 Art. 11–15): paid through the commune's next payment cycle unless handed out; only the highest funeral benefit (Art. 11(2))",
                tag: tag, request: "OneOffRequest", response: "OneOff", status: 201),
            APIOperation(.GET, .oneOff(nil), "One one-off decision and where its payment stands", tag: tag, response: "OneOff"),
            APIOperation(
                .POST, .oneOffHandOut(nil), "Record the support handed out at once (when, to whom); no cycle pays it then", tag: tag,
                request: "OneOffHandOutRequest", response: "OneOff"),
            APIOperation(
                .POST, .oneOffCancel(nil), "Cancel a decision no cycle has issued, with the reason", tag: tag, request: "OneOffCancelRequest",
                response: "OneOff"),
        ]
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"]
        let nullable: [String: Any] = ["type": ["string", "null"]]
        let nullableInt: [String: Any] = ["type": ["integer", "null"]]
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        let other = OpenAPI.obj(
            [
                "source": ["type": "string", "enum": OtherFuneralBenefit.Source.allCases.map(\.rawValue)],
                "amount": ["type": "integer", "minimum": 0, "maximum": 10_000_000_000],
            ], required: ["source", "amount"])
        func choice(_ values: [String]) -> [String: Any] { ["type": ["string", "null"], "enum": values + [NSNull()]] }
        return [
            "OneOff": OpenAPI.obj(
                [
                    "id": uuid, "kind": ["type": "string", "enum": OneOffKind.allCases.map(\.rawValue)], "person_id": uuid, "person_name": str,
                    "household_code": nullable, "commune_name": str, "event_date": str, "number": str, "signed_date": str, "category": str,
                    "amount": ["type": "integer", "description": "đồng"], "kilograms": nullableInt,
                    "funeral_cases": ["type": "array", "items": str], "other_benefits": ["type": "array", "items": other],
                    "treatment_days": nullableInt, "rice_cause": nullable, "persons": nullableInt, "months": nullableInt, "reason": nullable,
                    "rule_set": str, "recipient_kind": str, "recipient_name": nullable, "channel": str,
                    "status": ["type": "string", "enum": OneOffLifecycle.State.allCases.map(\.rawValue)], "handed_date": nullable,
                    "received_by": nullable, "cancel_reason": nullable, "note": nullable, "decided_by": str,
                    "cycle_id": ["type": ["string", "null"], "format": "uuid"], "cycle_month": nullable, "line_status": nullable,
                ], required: ["id", "kind", "person_id", "number", "amount", "status"]),
            "OneOffPage": OpenAPI.page("OneOff"),
            "OneOffRequest": OpenAPI.request(
                [
                    "person_id": uuid, "kind": ["type": "string", "enum": OneOffKind.allCases.map(\.rawValue)], "event_date": OpenAPI.date,
                    "number": OpenAPI.name(60), "signed_date": OpenAPI.date,
                    "funeral_cases": ["type": ["array", "null"], "items": ["type": "string", "enum": FuneralCase.allCases.map(\.rawValue)]],
                    "other_benefits": ["type": ["array", "null"], "items": other],
                    "treatment_days": ["type": ["integer", "null"], "minimum": 0, "maximum": 3650],
                    "rice_cause": choice(RiceCause.allCases.map(\.rawValue)),
                    "persons": ["type": ["integer", "null"], "minimum": 1, "maximum": 50],
                    "months": ["type": ["integer", "null"], "minimum": 1, "maximum": 3],
                    "recipient_kind": choice(RecipientKind.allCases.map(\.rawValue)), "recipient_name": ["type": ["string", "null"], "maxLength": 200],
                    "channel": choice(PaymentChannel.allCases.map(\.rawValue)), "account": ["type": ["string", "null"], "maxLength": 34],
                    "note": ["type": ["string", "null"], "maxLength": 2000],
                ], required: ["person_id", "kind", "event_date", "number", "signed_date"]),
            "OneOffHandOutRequest": OpenAPI.request(
                ["handed_date": OpenAPI.date, "received_by": OpenAPI.name(200)], required: ["handed_date", "received_by"]),
            "OneOffCancelRequest": OpenAPI.request(["reason": OpenAPI.name(2000)], required: ["reason"]),
        ]
    }
}
