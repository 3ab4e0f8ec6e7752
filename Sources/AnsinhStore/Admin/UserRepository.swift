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

    public func list(_ actor: Actor, query: String? = nil, role: Role? = nil, unitID: UUID? = nil, page: PageSpec) async throws -> ResultPage<
        (UserView, UnitView)
    > {
        try actor.require(.viewUsers)
        let q = UserModel.query(on: store.db).join(OrgUnitModel.self, on: \UserModel.$unitID == \OrgUnitModel.$id)
        q.within(OrgUnitModel.self, \.$path, actor.scopePath)
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
        let (m, unit) = try await account(actor, id, on: store.db)
        return (UserView(m), UnitView(unit))
    }

    /// An account the actor may reach: their own, or one whose unit lies within the actor's
    /// units (an account is scoped by its unit).
    func account(_ actor: Actor, _ id: UUID, on db: any Database) async throws -> (UserModel, OrgUnitModel) {
        guard let m = try await UserModel.find(id, on: db) else { throw AppError.notFound }
        let unit = actor.userID == id ? try await OrgUnitModel.find(m.unitID, on: db) : try await store.reachable(OrgUnitModel.self, m.unitID, actor, on: db)
        guard let unit else { throw AppError.notFound }
        return (m, unit)
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
            guard let unit = try await store.reachable(OrgUnitModel.self, input.unitID!, actor, on: tx) else {
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
            audit.add(
                AuditRecord(
                    action: "create", entity: "user", entityID: m.id!.uuidString,
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
                try await store.reachable(OrgUnitModel.self, m.unitID, actor, on: tx) != nil
            else {
                throw AppError.notFound
            }
            guard let unit = try await store.reachable(OrgUnitModel.self, input.unitID!, actor, on: tx) else {
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
            if let newHash {
                m.passwordHash = newHash; m.failedLogins = 0; m.lockedUntil = nil
                // A reset ends everything the old password opened: sessions and API tokens.
                _ = try await TokenRepository.revokeAll(of: id, at: store.now(), on: tx)
                _ = try await SessionRepository.endSessions(of: id, except: nil, on: tx)
            }
            m.searchKey = TextFolding.fold(m.username + " " + m.fullName)
            try await m.update(on: tx)
            let after = UserView(m)
            var afterRecord = AuditRecord(
                action: "update", entity: "user", entityID: id.uuidString,
                unitID: unit.id, unitPath: unit.path, before: before, after: after)
            if newHash != nil { afterRecord.action = "update_password" }
            audit.add(afterRecord)
            return after
        }
    }

    /// A person changes their own password: the current one must match, the new one follows
    /// the password rules and differs from it. Every other session of theirs (`keepSession`
    /// stays) and every API token they had end in the same transaction.
    public func changeOwnPassword(_ actor: Actor, current: String, new: String, confirmation: String, keepSession: String?) async throws {
        guard let id = actor.userID, let m = try await UserModel.find(id, on: store.db) else { throw AppError.notFound }
        var errors: [FieldError] = []
        let matches = current.utf8.count <= AccountRules.maxPasswordBytes ? try await store.passwords.verify(current, against: m.passwordHash) : false
        if !matches { errors.append(FieldError(field: "current_password", message: Message("account.current_wrong"))) }
        if let e = AccountRules.validatePassword(new) {
            errors.append(FieldError(field: "new_password", message: e.message))
        } else if new == current {
            errors.append(FieldError(field: "new_password", message: Message("account.same_password")))
        }
        if new != confirmation { errors.append(FieldError(field: "confirm_password", message: Message("account.confirmation_differs"))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let hash = try await store.passwords.hash(new)
        try await store.write(actor) { tx, audit in
            guard let m = try await UserModel.find(id, on: tx), let unit = try await OrgUnitModel.find(m.unitID, on: tx) else { throw AppError.notFound }
            m.passwordHash = hash
            try await m.update(on: tx)
            let revoked = try await TokenRepository.revokeAll(of: id, at: store.now(), on: tx)
            let ended = try await SessionRepository.endSessions(of: id, except: keepSession, on: tx)
            audit.add(
                AuditRecord(
                    action: "change_password", entity: "user", entityID: id.uuidString, unitID: unit.id, unitPath: unit.path,
                    before: NoValue?.none, after: ["sessions_ended": "\(ended)", "tokens_revoked": "\(revoked)"]))
        }
    }

    public func setDisabled(_ actor: Actor, id: UUID, disabled: Bool) async throws -> UserView {
        try actor.require(.manageUsers)
        if actor.userID == id && disabled { throw AppError.conflict(Message("users.cannot_disable_self")) }
        return try await store.write(actor) { tx, audit in
            guard let m = try await UserModel.find(id, on: tx),
                let unit = try await store.reachable(OrgUnitModel.self, m.unitID, actor, on: tx)
            else {
                throw AppError.notFound
            }
            let before = UserView(m)
            m.isDisabled = disabled
            if !disabled { m.failedLogins = 0; m.lockedUntil = nil }
            try await m.update(on: tx)
            let after = UserView(m)
            audit.add(
                AuditRecord(
                    action: disabled ? "disable" : "enable", entity: "user", entityID: id.uuidString,
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
            let role = Role(rawValue: m.role)
        else { return nil }
        return Actor(
            userID: m.id, username: m.username, role: role, unitID: unit.id, scopePath: unit.path,
            locale: m.locale.flatMap(AppLocale.init(rawValue:)) ?? fallbackLocale)
    }

    /// Checks a username and password. Failures are counted per username (known or not) and
    /// per client address (`SignInThrottle`): after a few free attempts each further failure
    /// doubles the wait before the next attempt is even checked, up to 15 minutes. There is no
    /// lock that a stranger can put on an account or on a whole office behind one address; a
    /// success clears both counters. An unknown username costs the same Bcrypt work as a
    /// known one, and a password over 72 bytes (which Bcrypt would cut) never matches.
    public func authenticate(username: String, password: String, address: String) async throws -> UUID {
        let now = store.now()
        let userKey = "user:" + String(username.prefix(80)), addressKey = "ip:" + String(address.prefix(80))
        let keys = [userKey, addressKey]
        for t in try await LoginThrottleModel.query(on: store.db).filter(\.$id ~~ keys).all() {
            if let until = t.lockedUntil, until > now { throw AppError.throttled(seconds: Int(until.timeIntervalSince(now).rounded(.up))) }
        }
        let user = try await UserModel.query(on: store.db).filter(\.$username == username).first()
        let ok: Bool
        if let user, password.utf8.count <= AccountRules.maxPasswordBytes {
            ok = try await store.passwords.verify(password, against: user.passwordHash)
        } else {
            // The same work as a verification, so that timing does not tell which usernames exist.
            _ = try await store.passwords.hash(String(decoding: password.utf8.prefix(AccountRules.maxPasswordBytes), as: UTF8.self))
            ok = false
        }
        if ok, let user, !user.isDisabled {
            let captured = user.id!
            try await store.write(.system) { tx, audit in
                guard let m = try await UserModel.find(captured, on: tx) else { return }
                m.failedLogins = 0; m.lockedUntil = nil; m.lastLoginAt = now
                try await m.update(on: tx)
                try await LoginThrottleModel.query(on: tx).filter(\.$id ~~ keys).delete()
                let unit = try await OrgUnitModel.find(m.unitID, on: tx)
                audit.add(
                    AuditRecord(
                        action: "login", entity: "user", entityID: captured.uuidString,
                        unitID: unit?.id, unitPath: unit?.path ?? "/", before: NoValue?.none,
                        after: ["address": address]))
            }
            return captured
        }
        // Count the failure for the username and the address; the longer wait of the two is told.
        let userID = user?.id
        let wait: Int? = try await store.write(.system) { tx, audit in
            var longest: Int? = nil
            for (key, free) in [(userKey, SignInThrottle.freeFailuresPerUsername), (addressKey, SignInThrottle.freeFailuresPerAddress)] {
                let t =
                    try await LoginThrottleModel.find(key, on: tx)
                    ?? {
                        let n = LoginThrottleModel(); n.id = key; n.failures = 0; n.windowStart = now; return n
                    }()
                if now.timeIntervalSince(t.windowStart) > SignInThrottle.forgetAfter { t.failures = 0; t.windowStart = now }
                t.failures += 1
                if let seconds = SignInThrottle.delay(afterFailures: t.failures, free: free) {
                    t.lockedUntil = now.addingTimeInterval(TimeInterval(seconds))
                    longest = max(longest ?? 0, seconds)
                }
                try await t.save(on: tx)
            }
            if let userID, let m = try await UserModel.find(userID, on: tx) {
                m.failedLogins += 1
                try await m.update(on: tx)
                let unit = try await OrgUnitModel.find(m.unitID, on: tx)
                audit.add(
                    AuditRecord(
                        action: longest == nil ? "login_failed" : "login_delayed", entity: "user",
                        entityID: userID.uuidString, unitID: unit?.id, unitPath: unit?.path ?? "/",
                        before: NoValue?.none, after: ["address": address, "wait_seconds": longest.map(String.init) ?? "0"]))
            }
            return longest
        }
        if let wait { throw AppError.throttled(seconds: wait) }
        if let user, user.isDisabled { throw AppError.unauthenticated(Message("auth.disabled")) }
        throw AppError.unauthenticated(Message("auth.invalid"))
    }

    /// Records a sign-out in the audit log.
    public func recordLogout(_ actor: Actor) async throws {
        try await store.audit(
            actor,
            [
                AuditRecord(
                    action: "logout", entity: "user", entityID: actor.userID?.uuidString ?? "",
                    unitID: actor.unitID, unitPath: actor.scopePath,
                    before: NoValue?.none, after: NoValue?.none)
            ])
    }
}
