import AnsinhCore
import AnsinhStore
import Vapor

/// The API twin: a person's identity checks, and a new one.
struct IdentityAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.personVerifications(nil)), use: list)
        api.post(.api(.personVerifications(nil)), use: record)
        api.post(.api(.personVerificationConnector(nil)), use: askConnector)
    }

    struct CheckDTO: Content {
        let status: String; let method: String; let checkedOn: String; let note: String?; let recordedBy: String
        init(_ c: IdentityCheck) {
            status = c.status.rawValue; method = c.method.rawValue; checkedOn = c.checkedOn.iso; note = c.note; recordedBy = c.recordedBy
        }
    }
    struct CheckRequest: Content { let status: String; let method: String; let checkedOn: String; let note: String? }

    func list(req: Request) async throws -> APIJSON<[CheckDTO]> {
        APIJSON(try await IdentityVerificationRepository(req.store).history(try req.requireActor(), personID: try req.idParameter()).map(CheckDTO.init))
    }

    func record(req: Request) async throws -> APIJSON<CheckDTO> {
        let a = try req.requireActor()
        try a.require(.manageRegistry)
        let b = try req.json(CheckRequest.self)
        try APIInput.limit([("note", b.note, 1000)])
        let c = try await IdentityVerificationRepository(req.store).record(
            a, personID: try req.idParameter(), status: b.status, method: b.method, checkedOn: b.checkedOn, note: b.note ?? "")
        return APIJSON(CheckDTO(c), status: .created)
    }

    func askConnector(req: Request) async throws -> APIJSON<CheckDTO> {
        APIJSON(CheckDTO(try await PopulationClient.check(req, personID: try req.idParameter())), status: .created)
    }

    static var operations: [APIOperation] {
        let tag = "registry"
        return [
            APIOperation(
                .GET, .personVerifications(nil), "A person's checks against the national population database, latest first", tag: tag,
                response: "IdentityCheckList"),
            APIOperation(
                .POST, .personVerifications(nil),
                "Record a check of the person's identity details against the national population database (Decrees 147/2025, 176/2025)", tag: tag,
                request: "IdentityCheckRequest", response: "IdentityCheck", status: 201),
            APIOperation(
                .POST, .personVerificationConnector(nil),
                "Ask the configured population database (ANSINH_POPULATION_CONNECTOR) about the person and record its answer; 409 when none is configured or it does not answer",
                tag: tag, response: "IdentityCheck", status: 201),
        ]
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"]
        return [
            "IdentityCheck": OpenAPI.obj(
                [
                    "status": ["type": "string", "enum": VerificationStatus.allCases.map(\.rawValue)],
                    "method": ["type": "string", "enum": VerificationMethod.allCases.map(\.rawValue)], "checked_on": str,
                    "note": ["type": ["string", "null"]], "recorded_by": str,
                ], required: ["status", "method", "checked_on"]),
            "IdentityCheckList": ["type": "array", "items": OpenAPI.ref("IdentityCheck")],
            "IdentityCheckRequest": OpenAPI.request(
                [
                    "status": ["type": "string", "enum": [VerificationStatus.verified.rawValue, VerificationStatus.mismatch.rawValue]],
                    "method": ["type": "string", "enum": VerificationMethod.allCases.filter { $0 != .connector }.map(\.rawValue)],
                    "checked_on": OpenAPI.date,
                    "note": ["type": ["string", "null"], "maxLength": 1000],
                ], required: ["status", "method", "checked_on"]),
        ]
    }
}
