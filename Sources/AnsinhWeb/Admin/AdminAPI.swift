import AnsinhCore
import AnsinhStore
import Vapor

/// The JSON API for accounts, units and the audit trail (`/api/v1`).
struct AdminAPI {
    struct MeDTO: Content { let id: UUID?; let username: String; let role: Role; let unitId: UUID?; let locale: AppLocale }
    struct UnitCreate: Content { let code: String; let name: String; let kind: String; let parentId: UUID? }
    struct UnitPatch: Content { let code: String?; let name: String? }
    struct UserCreate: Content {
        let username: String; let fullName: String; let password: String; let role: String; let unitId: UUID?; let locale: String?
    }
    struct VerifyDTO: Content { let ok: Bool; let entries: Int?; let brokenSeq: Int?; let reason: String? }

    /// An organisational unit (the public contract; `UnitView` stays inside).
    struct UnitDTO: Content {
        let id: UUID; let code: String; let name: String; let kind: String; let parentId: UUID?; let path: String; let areaType: String?
        init(_ u: UnitView) {
            id = u.id; code = u.code; name = u.name; kind = u.kind.rawValue; parentId = u.parentID; path = u.path; areaType = u.areaType?.rawValue
        }
    }
    struct UserDTO: Content {
        let id: UUID; let username: String; let fullName: String; let role: String; let unitId: UUID; let locale: String?; let isDisabled: Bool
        let lastLoginAt: Date?
        init(_ u: UserView) {
            id = u.id; username = u.username; fullName = u.fullName; role = u.role.rawValue; unitId = u.unitID; locale = u.locale?.rawValue
            isDisabled = u.isDisabled; lastLoginAt = u.lastLoginAt
        }
    }
    struct AuditEntryDTO: Content {
        let seq: Int; let at: Date; let actorName: String; let action: String; let entity: String; let entityId: String; let before: String?
        let after: String?; let hash: String
        init(_ e: AuditEntryView) {
            seq = e.seq; at = e.at; actorName = e.actorName; action = e.action; entity = e.entity; entityId = e.entityID; before = e.before
            after = e.after; hash = e.hash
        }
    }

    func register(api: any RoutesBuilder) {
        api.get(.api(.me), use: me)
        api.post(.api(.mePassword), use: changePassword)
        api.get(.api(.tokens), use: tokens)
        api.post(.api(.tokens), use: createToken)
        api.post(.api(.tokenRevoke(nil)), use: revokeToken)
        api.get(.api(.units), use: units)
        api.post(.api(.units), use: createUnit)
        api.get(.api(.unit(nil)), use: unit)
        api.patch(.api(.unit(nil)), use: patchUnit)
        api.get(.api(.users), use: users)
        api.post(.api(.users), use: createUser)
        api.get(.api(.user(nil)), use: user)
        api.get(.api(.audit), use: audit)
        api.get(.api(.auditVerify), use: verify)
    }

    struct PasswordChange: Content { let currentPassword: String; let newPassword: String }
    struct TokenCreate: Content { let name: String; let userId: UUID? }
    struct TokenDTO: Content {
        let id: UUID; let name: String; let createdAt: Date?; let lastUsedAt: Date?; let expiresAt: Date?; let revokedAt: Date?
        init(_ t: TokenView) { id = t.id; name = t.name; createdAt = t.createdAt; lastUsedAt = t.lastUsedAt; expiresAt = t.expiresAt; revokedAt = t.revokedAt }
    }
    struct NewTokenDTO: Content { let token: String; let expiresInDays: Int }
    struct Done: Content { let ok: Bool }

    /// `POST /api/v1/me/password`: the twin of the account page. The token used for the call
    /// ends with every other token and session of the person.
    func changePassword(req: Request) async throws -> APIJSON<Done> {
        let a = try req.requireActor()
        let b = try req.json(PasswordChange.self)
        try await UserRepository(req.store).changeOwnPassword(a, current: b.currentPassword, new: b.newPassword, confirmation: b.newPassword, keepSession: nil)
        return APIJSON(Done(ok: true))
    }

    /// `GET /api/v1/tokens[?user_id=]`: one's own tokens, or (administrators) an account's in scope.
    func tokens(req: Request) async throws -> APIJSON<[TokenDTO]> {
        let a = try req.requireActor()
        let user = try req.queryUUID("user_id") ?? a.userID ?? UUID()
        return APIJSON(try await TokenRepository(req.store).list(a, userID: user).map(TokenDTO.init))
    }

    func createToken(req: Request) async throws -> APIJSON<NewTokenDTO> {
        let a = try req.requireActor()
        let b = try req.json(TokenCreate.self)
        let days = req.services.config.tokenDays
        let token = try await TokenRepository(req.store).create(a, for: b.userId ?? a.userID ?? UUID(), name: b.name, days: days)
        return APIJSON(NewTokenDTO(token: token, expiresInDays: days), status: .created)
    }

    func revokeToken(req: Request) async throws -> APIJSON<Done> {
        let a = try req.requireActor()
        try await TokenRepository(req.store).revoke(a, tokenID: try req.idParameter())
        return APIJSON(Done(ok: true))
    }

    /// Decodes a JSON body with snake_case keys; a malformed body is a 422 naming the field.
    func me(req: Request) async throws -> APIJSON<MeDTO> {
        let a = try req.requireActor()
        return APIJSON(MeDTO(id: a.userID, username: a.username, role: a.role, unitId: a.unitID, locale: a.locale))
    }

    func units(req: Request) async throws -> APIJSON<APIPage<UnitDTO>> {
        let a = try req.requireActor()
        let kind = try req.queryChoice("kind", UnitKind.self)
        return APIJSON(
            APIPage(try await UnitRepository(req.store).list(a, kind: kind, query: req.query[String.self, at: "q"], page: req.pageSpec), UnitDTO.init))
    }

    func createUnit(req: Request) async throws -> APIJSON<UnitDTO> {
        let a = try req.requireActor()
        let b = try req.json(UnitCreate.self)
        return APIJSON(
            UnitDTO(try await UnitRepository(req.store).create(a, UnitInput(code: b.code, name: b.name, kind: b.kind, parentID: b.parentId))), status: .created)
    }

    func unit(req: Request) async throws -> APIJSON<UnitDTO> {
        APIJSON(UnitDTO(try await UnitRepository(req.store).get(try req.requireActor(), id: try req.idParameter())))
    }

    func patchUnit(req: Request) async throws -> APIJSON<UnitDTO> {
        let a = try req.requireActor()
        let repo = UnitRepository(req.store)
        let current = try await repo.get(a, id: try req.idParameter())
        let b = try req.json(UnitPatch.self)
        return APIJSON(UnitDTO(try await repo.update(a, id: current.id, code: b.code ?? current.code, name: b.name ?? current.name)))
    }

    func users(req: Request) async throws -> APIJSON<APIPage<UserDTO>> {
        let a = try req.requireActor()
        let role = try req.queryChoice("role", Role.self)
        let p = try await UserRepository(req.store).list(a, query: req.query[String.self, at: "q"], role: role, page: req.pageSpec)
        return APIJSON(APIPage(p) { UserDTO($0.0) })
    }

    func createUser(req: Request) async throws -> APIJSON<UserDTO> {
        let a = try req.requireActor()
        let b = try req.json(UserCreate.self)
        let input = UserInput(username: b.username, fullName: b.fullName, password: b.password, role: b.role, unitID: b.unitId, locale: b.locale)
        return APIJSON(UserDTO(try await UserRepository(req.store).create(a, input)), status: .created)
    }

    func user(req: Request) async throws -> APIJSON<UserDTO> {
        APIJSON(UserDTO(try await UserRepository(req.store).get(try req.requireActor(), id: try req.idParameter()).0))
    }

    func audit(req: Request) async throws -> APIJSON<APIPage<AuditEntryDTO>> {
        let a = try req.requireActor()
        return APIJSON(
            APIPage(
                try await AuditRepository(req.store).list(
                    a, entity: req.query[String.self, at: "entity"], entityID: req.query[String.self, at: "entity_id"],
                    actorName: req.query[String.self, at: "actor"], page: req.pageSpec), AuditEntryDTO.init))
    }

    func verify(req: Request) async throws -> APIJSON<VerifyDTO> {
        let a = try req.requireActor()
        try a.require(.viewAudit)
        guard a.role == .auditor || a.role == .systemAdmin else { throw AppError.forbidden }
        switch try await AuditRepository(req.store).verify() {
        case .ok(let n): return APIJSON(VerifyDTO(ok: true, entries: n, brokenSeq: nil, reason: nil))
        case .broken(let seq, let reason): return APIJSON(VerifyDTO(ok: false, entries: nil, brokenSeq: seq, reason: reason))
        case .headMismatch(let expected, _): return APIJSON(VerifyDTO(ok: false, entries: nil, brokenSeq: expected, reason: "head"))
        }
    }
}

extension String {
    /// `parentId` → `parent_id`.
    var snakeCased: String {
        var out = ""
        for ch in self {
            if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
        }
        return out
    }
}
