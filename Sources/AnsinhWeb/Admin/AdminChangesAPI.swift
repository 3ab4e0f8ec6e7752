import AnsinhCore
import AnsinhStore
import Vapor

/// The API twin of the administrator's remaining page actions: delete a unit, record whether a
/// unit is an especially difficult area from a date, change an account, disable or enable it.
/// The same repository calls as the pages (permission, scope, audit).
struct AdminChangesAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.on(.DELETE, SiteRoute.api(.unit(nil)).pattern, use: deleteUnit)
        api.post(.api(.unitFacts(nil)), use: setFact)
        api.patch(.api(.user(nil)), use: updateUser)
        api.post(.api(.userDisable(nil)), use: disable)
        api.post(.api(.userEnable(nil)), use: enable)
    }

    /// A unit's especially difficult area status from `valid_from` (Decree 20/2021 Art. 5(1)(c)
    /// and 6(1) read it for children under 3 and the disabled).
    struct FactRequest: Content { let difficultArea: Bool; let validFrom: String; let note: String? }
    /// Any field left out keeps its value; a password given replaces it.
    struct UserPatch: Content { let fullName: String?; let role: String?; let unitId: UUID?; let locale: String?; let password: String? }

    func deleteUnit(req: Request) async throws -> APIJSON<RecordStatusDTO> {
        let id = try req.idParameter()
        try await UnitRepository(req.store).delete(try req.requireActor(), id: id)
        return APIJSON(RecordStatusDTO(id: id, status: "deleted"))
    }

    func setFact(req: Request) async throws -> APIJSON<AdminAPI.UnitDTO> {
        let a = try req.requireActor()
        try a.require(.manageUnits)
        let id = try req.idParameter()
        let b = try req.json(FactRequest.self)
        try APIInput.limit([("note", b.note ?? "", 2000)])
        let repo = UnitRepository(req.store)
        try await repo.setDifficultArea(a, unitID: id, value: b.difficultArea, validFrom: b.validFrom, note: b.note)
        return APIJSON(AdminAPI.UnitDTO(try await repo.get(a, id: id)))
    }

    func updateUser(req: Request) async throws -> APIJSON<AdminAPI.UserDTO> {
        let a = try req.requireActor()
        try a.require(.manageUsers)
        let id = try req.idParameter()
        let repo = UserRepository(req.store)
        let current = try await repo.get(a, id: id).0
        let b = try req.json(UserPatch.self)
        let input = UserInput(
            username: current.username, fullName: b.fullName ?? current.fullName, password: b.password, role: b.role ?? current.role.rawValue,
            unitID: b.unitId ?? current.unitID, locale: b.locale ?? current.locale?.rawValue)
        return APIJSON(AdminAPI.UserDTO(try await repo.update(a, id: id, input)))
    }

    func disable(req: Request) async throws -> APIJSON<AdminAPI.UserDTO> { try await setDisabled(req, true) }
    func enable(req: Request) async throws -> APIJSON<AdminAPI.UserDTO> { try await setDisabled(req, false) }

    /// Disabling ends the person's sessions and tokens; one cannot disable oneself (409).
    func setDisabled(_ req: Request, _ disabled: Bool) async throws -> APIJSON<AdminAPI.UserDTO> {
        APIJSON(AdminAPI.UserDTO(try await UserRepository(req.store).setDisabled(try req.requireActor(), id: try req.idParameter(), disabled: disabled)))
    }

    static var operations: [APIOperation] {
        [
            APIOperation(
                .DELETE, .unit(nil), "Delete a unit that holds nothing (409 when households, accounts or other records remain)", tag: "units",
                response: "RecordStatus"),
            APIOperation(
                .POST, .unitFacts(nil), "Record from a date whether the unit is an especially difficult area", tag: "units", request: "UnitFact",
                response: "Unit"),
            APIOperation(
                .PATCH, .user(nil), "Change an account (name, role, unit, language, password)", tag: "accounts", request: "UserPatch", response: "User"),
            APIOperation(.POST, .userDisable(nil), "Disable an account: its sessions and tokens end", tag: "accounts", response: "User"),
            APIOperation(.POST, .userEnable(nil), "Enable an account again", tag: "accounts", response: "User"),
        ]
    }

    static var schemas: [String: Any] {
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        return [
            "UnitFact": OpenAPI.request(
                ["difficult_area": ["type": "boolean"], "valid_from": OpenAPI.date, "note": ["type": ["string", "null"], "maxLength": 2000]],
                required: ["difficult_area", "valid_from"]),
            "UserPatch": OpenAPI.request(
                [
                    "full_name": OpenAPI.name(200), "role": ["type": "string", "enum": Role.allCases.map(\.rawValue)], "unit_id": uuid,
                    "locale": ["type": "string", "enum": AppLocale.allCases.map(\.rawValue)],
                    "password": [
                        "type": "string", "minLength": AccountRules.minPasswordLength, "maxLength": AccountRules.maxPasswordBytes,
                    ],
                ], required: []),
        ]
    }
}
