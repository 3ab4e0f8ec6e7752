import AnsinhCore
import Crypto
import FluentKit
import Foundation

/// Personal API tokens: `ans_` + 43 URL-safe characters (256 random bits). Only the
/// HMAC-SHA256 of the token under `ANSINH_SECRET` is stored.
public struct TokenRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    func digest(_ token: String) -> String {
        let key = SymmetricKey(data: Data(store.secret.utf8))
        return HMAC<SHA256>.authenticationCode(for: Data(token.utf8), using: key).map { String(format: "%02x", $0) }.joined()
    }

    /// Creates a token for `userID` and returns it; it cannot be shown again.
    public func create(_ actor: Actor, for userID: UUID, name: String) async throws -> String {
        if actor.userID != userID { try actor.require(.manageUsers) }
        let label = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !label.isEmpty, label.count <= 100 else { throw AppError.invalid("name", "validation.required_text", ["max": "100"]) }
        var bytes = [UInt8](repeating: 0, count: 32)
        var rng = SystemRandomNumberGenerator()
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255, using: &rng) }
        let token = "ans_" + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        let hash = digest(token)
        try await store.write(actor) { tx, audit in
            guard let user = try await UserModel.find(userID, on: tx),
                  let unit = try await OrgUnitModel.find(user.unitID, on: tx),
                  actor.userID == userID || actor.covers(path: unit.path) else { throw AppError.notFound }
            let m = ApiTokenModel()
            m.id = UUID(); m.userID = userID; m.name = label; m.tokenHash = hash
            try await m.create(on: tx)
            audit.add(AuditRecord(action: "create", entity: "api_token", entityID: m.id!.uuidString,
                                  unitID: unit.id, unitPath: unit.path, before: NoValue?.none,
                                  after: ["user": user.username, "name": label]))
        }
        return token
    }

    /// The user id behind a token, or nil when it is unknown or revoked.
    public func userID(forToken token: String) async throws -> UUID? {
        guard token.hasPrefix("ans_"), token.count < 100 else { return nil }
        guard let m = try await ApiTokenModel.query(on: store.db).filter(\.$tokenHash == digest(token))
            .filter(\.$revokedAt == nil).first() else { return nil }
        return m.userID
    }
}
