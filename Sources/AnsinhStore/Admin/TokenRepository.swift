import AnsinhCore
import Crypto
import FluentKit
import Foundation
import SQLKit

/// Personal API tokens: `ans_` + 43 URL-safe characters (256 random bits). Only the
/// HMAC-SHA256 of the token under `ANSINH_SECRET` is stored.
public struct TokenRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    func digest(_ token: String) -> String {
        KeyedHash.hex(token, key: store.secret)
    }

    /// Creates a token for `userID` that expires after `days` days and returns it; it cannot
    /// be shown again.
    public func create(_ actor: Actor, for userID: UUID, name: String, days: Int = SessionLimits.defaultTokenDays) async throws -> String {
        if actor.userID != userID { try actor.require(.manageUsers) }
        let label = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !label.isEmpty, label.count <= 100 else { throw AppError.invalid("name", "validation.required_text", ["max": "100"]) }
        var bytes = [UInt8](repeating: 0, count: 32)
        var rng = SystemRandomNumberGenerator()
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255, using: &rng) }
        let token =
            "ans_"
            + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        let hash = digest(token)
        try await store.write(actor) { tx, audit in
            let (user, unit) = try await UserRepository(store).account(actor, userID, on: tx)
            let m = ApiTokenModel()
            m.id = UUID(); m.userID = userID; m.name = label; m.tokenHash = hash
            m.expiresAt = store.now().addingTimeInterval(Double(max(1, days)) * 86_400)
            try await m.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "create", entity: "api_token", entityID: m.id!.uuidString,
                    unitID: unit.id, unitPath: unit.path, before: NoValue?.none,
                    after: ["user": user.username, "name": label, "expires": ISO8601DateFormatter().string(from: m.expiresAt!)]))
        }
        return token
    }

    /// The user id behind a token, or nil when it is unknown, revoked or expired. Its last use
    /// is noted (at most once a minute, so that reads do not all write).
    public func userID(forToken token: String) async throws -> UUID? {
        guard token.hasPrefix("ans_"), token.count < 100 else { return nil }
        let now = store.now()
        guard
            let m = try await ApiTokenModel.query(on: store.db).filter(\.$tokenHash == digest(token))
                .filter(\.$revokedAt == nil).first(), m.expiresAt.map({ $0 > now }) ?? false
        else { return nil }
        if m.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
            try await sql(store.db).update(ApiTokenModel.schema).set("last_used_at", to: now).where("id", .equal, m.id!).run()
        }
        return m.userID
    }

    /// The tokens of `userID` (the actor's own, or any in scope for an administrator), newest
    /// first, never their secret.
    public func list(_ actor: Actor, userID: UUID) async throws -> [TokenView] {
        try await owner(actor, userID, on: store.db)
        return try await ApiTokenModel.query(on: store.db).filter(\.$userID == userID).sort(\.$createdAt, .descending).all().map(TokenView.init)
    }

    /// Revokes one token: one's own, or anyone's in scope for an administrator.
    public func revoke(_ actor: Actor, tokenID: UUID) async throws {
        try await store.write(actor) { tx, audit in
            guard let m = try await ApiTokenModel.find(tokenID, on: tx) else { throw AppError.notFound }
            let unit = try await owner(actor, m.userID, on: tx)
            guard m.revokedAt == nil else { return }
            m.revokedAt = store.now()
            try await m.update(on: tx)
            audit.add(
                AuditRecord(
                    action: "revoke", entity: "api_token", entityID: tokenID.uuidString, unitID: unit.id,
                    unitPath: unit.path, before: NoValue?.none, after: ["name": m.name]))
        }
    }

    /// Revokes every token of `userID` inside the caller's transaction (a password change).
    static func revokeAll(of userID: UUID, at now: Date, on tx: any Database) async throws -> Int {
        let live = try await ApiTokenModel.query(on: tx).filter(\.$userID == userID).filter(\.$revokedAt == nil).count()
        try await ApiTokenModel.query(on: tx).filter(\.$userID == userID).filter(\.$revokedAt == nil).set(\.$revokedAt, to: now).update()
        return live
    }

    /// The unit of a token's owner, when the actor may manage that owner's tokens.
    @discardableResult
    func owner(_ actor: Actor, _ userID: UUID, on db: any Database) async throws -> OrgUnitModel {
        guard let user = try await UserModel.find(userID, on: db), let unit = try await OrgUnitModel.find(user.unitID, on: db) else { throw AppError.notFound }
        if actor.userID == userID { return unit }
        guard actor.role.can(.manageUsers), actor.covers(path: unit.path) else { throw AppError.notFound }
        return unit
    }
}

/// A token as pages and the API show it.
public struct TokenView: Sendable, Codable {
    public let id: UUID
    public let name: String
    public let createdAt: Date?
    public let lastUsedAt: Date?
    public let expiresAt: Date?
    public let revokedAt: Date?
    init(_ m: ApiTokenModel) {
        id = m.id!; name = m.name; createdAt = m.createdAt; lastUsedAt = m.lastUsedAt; expiresAt = m.expiresAt; revokedAt = m.revokedAt
    }
}
