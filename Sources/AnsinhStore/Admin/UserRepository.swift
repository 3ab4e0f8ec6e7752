import AnsinhCore
import FluentKit
import Foundation

/// An account as pages and the API see it (never the password hash).
public struct UserView: Sendable, Codable, Equatable {
    public let id: UUID
    public let username: String
    public let fullName: String
    public let role: Role
    public let unitID: UUID
    public let locale: AppLocale?
    public let isDisabled: Bool
    public let lastLoginAt: Date?

    init(_ m: UserModel) {
        id = m.id!; username = m.username; fullName = m.fullName
        role = Role(rawValue: m.role) ?? .auditor; unitID = m.unitID
        locale = m.locale.flatMap(AppLocale.init(rawValue:)); isDisabled = m.isDisabled; lastLoginAt = m.lastLoginAt
    }
}

/// What an administrator types to create or change an account.
public struct UserInput: Sendable, Codable {
    public var username: String
    public var fullName: String
    public var password: String?
    public var role: String
    public var unitID: UUID?
    public var locale: String?
    public init(username: String, fullName: String, password: String?, role: String, unitID: UUID?, locale: String?) {
        self.username = username; self.fullName = fullName; self.password = password
        self.role = role; self.unitID = unitID; self.locale = locale
    }
}

/// Accounts, sign-in and the login throttle.
public struct UserRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    public func list(_ actor: Actor, query: String? = nil, role: Role? = nil, unitID: UUID? = nil, page: PageSpec) async throws -> ResultPage<(UserView, UnitView)> {
        try actor.require(.viewUsers)
        let q = UserModel.query(on: store.db).join(OrgUnitModel.self, on: \UserModel.$unitID == \OrgUnitModel.$id)
        if actor.scopePath != "/" { q.filter(OrgUnitModel.self, \.$path, .custom("LIKE"), actor.scopePath + "%") }
        if let role { q.filter(\.$role == role.rawValue) }
        if let unitID { q.filter(\.$unitID == unitID) }
        for term in likeTerms(TextFolding.fold(query ?? "")) { q.filter(\.$searchKey, .custom("LIKE"), term) }
        let total = try await q.copy().count()
        let rows = try await q.sort(\.$username).offset(page.offset).limit(page.perPage).all()
        let items = try rows.map { (UserView($0), UnitView(try $0.joined(OrgUnitModel.self))) }
        return ResultPage(items: items, request: page, total: total)
    }

    public func get(_ actor: Actor, id: UUID) async throws -> (UserView, UnitView) {
        // Everyone may read their own account; others need the permission and the scope.
        if actor.userID != id { try actor.require(.viewUsers) }
        guard let m = try await UserModel.find(id, on: store.db),
              let unit = try await OrgUnitModel.find(m.unitID, on: store.db),
              actor.userID == id || actor.covers(path: unit.path) else { throw AppError.notFound }
        return (UserView(m), UnitView(unit))
    }

    private func validate(_ input: UserInput, requirePassword: Bool) -> [FieldError] {
        var errors: [FieldError] = []
        if let e = AccountRules.validateUsername(input.username) { errors.append(e) }
        let name = input.fullName.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty || name.count > 200 { errors.append(FieldError(field: "full_name", message: Message("validation.required_text", ["max": "200"]))) }
        if requirePassword || !(input.password ?? "").isEmpty {
            if let e = AccountRules.validatePassword(input.password ?? "") { errors.append(e) }
        }
        if Role(rawValue: input.role) == nil { errors.append(FieldError(field: "role", message: Message("validation.choice"))) }
        if input.unitID == nil { errors.append(FieldError(field: "unit_id", message: Message("validation.parent_required"))) }
        if let l = input.locale, !l.isEmpty, AppLocale(rawValue: l) == nil {
            errors.append(FieldError(field: "locale", message: Message("validation.choice")))
        }
        return errors
    }

    public func create(_ actor: Actor, _ input: UserInput) async throws -> UserView {
        try actor.require(.manageUsers)
        let errors = validate(input, requirePassword: true)
        if !errors.isEmpty { throw AppError.validation(errors) }
        let hash = try await store.passwords.hash(input.password!)
        return try await store.write(actor) { tx, audit in
            guard let unit = try await OrgUnitModel.find(input.unitID!, on: tx), actor.covers(path: unit.path) else {
                throw AppError.invalid("unit_id", "validation.parent_not_found")
            }
            if try await UserModel.query(on: tx).filter(\.$username == input.username).count() > 0 {
                throw AppError.validation([FieldError(field: "username", message: Message("validation.username_taken", ["username": input.username]))])
            }
            let m = UserModel()
            m.id = UUID(); m.username = input.username
            m.fullName = input.fullName.trimmingCharacters(in: .whitespacesAndNewlines)
            m.passwordHash = hash; m.role = input.role; m.unitID = unit.id!
            m.locale = (input.locale ?? "").isEmpty ? nil : input.locale
            m.isDisabled = false; m.failedLogins = 0
            m.searchKey = TextFolding.fold(m.username + " " + m.fullName)
            try await m.create(on: tx)
            let view = UserView(m)
            audit.add(AuditRecord(action: "create", entity: "user", entityID: m.id!.uuidString,
                                  unitID: unit.id, unitPath: unit.path, before: NoValue?.none, after: view))
            return view
        }
    }

    /// Changes name, role, unit, language and (when given) the password.
    public func update(_ actor: Actor, id: UUID, _ input: UserInput) async throws -> UserView {
        try actor.require(.manageUsers)
        let errors = validate(input, requirePassword: false)
        if !errors.isEmpty { throw AppError.validation(errors) }
        let newHash: String? = (input.password ?? "").isEmpty ? nil : try await store.passwords.hash(input.password!)
        return try await store.write(actor) { tx, audit in
            guard let m = try await UserModel.find(id, on: tx),
                  let oldUnit = try await OrgUnitModel.find(m.unitID, on: tx), actor.covers(path: oldUnit.path) else {
                throw AppError.notFound
            }
            guard let unit = try await OrgUnitModel.find(input.unitID!, on: tx), actor.covers(path: unit.path) else {
                throw AppError.invalid("unit_id", "validation.parent_not_found")
            }
            if input.username != m.username, try await UserModel.query(on: tx).filter(\.$username == input.username).count() > 0 {
                throw AppError.validation([FieldError(field: "username", message: Message("validation.username_taken", ["username": input.username]))])
            }
            let before = UserView(m)
            m.username = input.username
            m.fullName = input.fullName.trimmingCharacters(in: .whitespacesAndNewlines)
            m.role = input.role; m.unitID = unit.id!
            m.locale = (input.locale ?? "").isEmpty ? nil : input.locale
            if let newHash { m.passwordHash = newHash; m.failedLogins = 0; m.lockedUntil = nil }
            m.searchKey = TextFolding.fold(m.username + " " + m.fullName)
            try await m.update(on: tx)
            let after = UserView(m)
            var afterRecord = AuditRecord(action: "update", entity: "user", entityID: id.uuidString,
                                          unitID: unit.id, unitPath: unit.path, before: before, after: after)
            if newHash != nil { afterRecord.action = "update_password" }
            audit.add(afterRecord)
            return after
        }
    }

    public func setDisabled(_ actor: Actor, id: UUID, disabled: Bool) async throws -> UserView {
        try actor.require(.manageUsers)
        if actor.userID == id && disabled { throw AppError.conflict(Message("users.cannot_disable_self")) }
        return try await store.write(actor) { tx, audit in
            guard let m = try await UserModel.find(id, on: tx),
                  let unit = try await OrgUnitModel.find(m.unitID, on: tx), actor.covers(path: unit.path) else {
                throw AppError.notFound
            }
            let before = UserView(m)
            m.isDisabled = disabled
            if !disabled { m.failedLogins = 0; m.lockedUntil = nil }
            try await m.update(on: tx)
            let after = UserView(m)
            audit.add(AuditRecord(action: disabled ? "disable" : "enable", entity: "user", entityID: id.uuidString,
                                  unitID: unit.id, unitPath: unit.path, before: before, after: after))
            // A disabled account loses its API tokens.
            if disabled {
                try await ApiTokenModel.query(on: tx).filter(\.$userID == id).filter(\.$revokedAt == nil)
                    .set(\.$revokedAt, to: store.now()).update()
            }
            return after
        }
    }

    public func find(username: String) async throws -> UserView? {
        try await UserModel.query(on: store.db).filter(\.$username == username).first().map(UserView.init)
    }

    /// The actor for a signed-in account, or nil when it no longer exists or is disabled.
    public func actor(for userID: UUID, fallbackLocale: AppLocale) async throws -> Actor? {
        guard let m = try await UserModel.find(userID, on: store.db), !m.isDisabled,
              let unit = try await OrgUnitModel.find(m.unitID, on: store.db),
              let role = Role(rawValue: m.role) else { return nil }
        return Actor(userID: m.id, username: m.username, role: role, unitID: unit.id, scopePath: unit.path,
                     locale: m.locale.flatMap(AppLocale.init(rawValue:)) ?? fallbackLocale)
    }

    /// Checks a username and password. Failures are counted per account and per network
    /// address; after `AccountRules.maxFailures` within the window the account or address is
    /// locked for `AccountRules.lockMinutes`, and the user is told so.
    public func authenticate(username: String, password: String, address: String) async throws -> UUID {
        let now = store.now()
        let window = TimeInterval(AccountRules.lockMinutes * 60)
        let addressKey = "ip:" + address
        if let t = try await LoginThrottleModel.find(addressKey, on: store.db), let until = t.lockedUntil, until > now {
            throw AppError.throttled(minutes: Int((until.timeIntervalSince(now) / 60).rounded(.up)))
        }
        let user = try await UserModel.query(on: store.db).filter(\.$username == username).first()
        if let user, let until = user.lockedUntil, until > now {
            throw AppError.throttled(minutes: Int((until.timeIntervalSince(now) / 60).rounded(.up)))
        }
        // Verify even for unknown users' sake of timing? Bcrypt on a dummy hash keeps timing similar.
        let ok: Bool
        if let user { ok = try await store.passwords.verify(password, against: user.passwordHash) } else { ok = false }
        if ok, let user, !user.isDisabled {
            let captured = user.id!
            try await store.write(.system) { tx, audit in
                guard let m = try await UserModel.find(captured, on: tx) else { return }
                m.failedLogins = 0; m.lockedUntil = nil; m.lastLoginAt = now
                try await m.update(on: tx)
                try await LoginThrottleModel.query(on: tx).filter(\.$id == addressKey).delete()
                let unit = try await OrgUnitModel.find(m.unitID, on: tx)
                audit.add(AuditRecord(action: "login", entity: "user", entityID: captured.uuidString,
                                      unitID: unit?.id, unitPath: unit?.path ?? "/", before: NoValue?.none,
                                      after: ["address": address]))
            }
            return captured
        }
        // Record the failure for the account and the address.
        let userID = user?.id
        let lockedMinutes: Int? = try await store.write(.system) { tx, audit in
            var locked: Int? = nil
            if let userID, let m = try await UserModel.find(userID, on: tx) {
                m.failedLogins += 1
                if m.failedLogins >= AccountRules.maxFailures {
                    m.lockedUntil = now.addingTimeInterval(window); m.failedLogins = 0; locked = AccountRules.lockMinutes
                }
                try await m.update(on: tx)
                let unit = try await OrgUnitModel.find(m.unitID, on: tx)
                audit.add(AuditRecord(action: locked == nil ? "login_failed" : "login_locked", entity: "user",
                                      entityID: userID.uuidString, unitID: unit?.id, unitPath: unit?.path ?? "/",
                                      before: NoValue?.none, after: ["address": address]))
            }
            let t = try await LoginThrottleModel.find(addressKey, on: tx) ?? {
                let n = LoginThrottleModel(); n.id = addressKey; n.failures = 0; n.windowStart = now; return n
            }()
            if now.timeIntervalSince(t.windowStart) > window { t.failures = 0; t.windowStart = now; t.lockedUntil = nil }
            t.failures += 1
            if t.failures >= AccountRules.maxFailures * 2 {
                t.lockedUntil = now.addingTimeInterval(window); locked = AccountRules.lockMinutes
            }
            try await t.save(on: tx)
            return locked
        }
        if let lockedMinutes { throw AppError.throttled(minutes: lockedMinutes) }
        if let user, user.isDisabled { throw AppError.unauthenticated(Message("auth.disabled")) }
        throw AppError.unauthenticated(Message("auth.invalid"))
    }

    /// Records a sign-out in the audit log.
    public func recordLogout(_ actor: Actor) async throws {
        try await store.audit(actor, [AuditRecord(action: "logout", entity: "user", entityID: actor.userID?.uuidString ?? "",
                                                  unitID: actor.unitID, unitPath: actor.scopePath,
                                                  before: NoValue?.none, after: NoValue?.none)])
    }
}
