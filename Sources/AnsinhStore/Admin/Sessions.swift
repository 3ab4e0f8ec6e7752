import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// A signed-in browser session, kept in the database so that several server processes share
/// it. Beside the session data it records whose session it is and when it began and was last
/// used, so that idle and absolute limits are enforced on the server, expired rows are purged,
/// and a password change can end the person's other sessions.
public final class UserSessionModel: Model, @unchecked Sendable {
    public static let schema = "user_sessions"
    @ID(custom: "key", generatedBy: .user) public var id: String?
    @OptionalField(key: "user_id") public var userID: UUID?
    @Field(key: "data") public var data: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "seen_at") public var seenAt: Date
    public init() {}
}

/// How long sessions and tokens live (set from the configuration).
public struct SessionLimits: Sendable, Equatable {
    /// A session unused this long ends (a shared office computer left open).
    public var idleMinutes: Int
    /// A session ends this long after sign-in, used or not.
    public var maxHours: Int
    /// A new API token expires after this many days.
    public var tokenDays: Int
    public static let defaultTokenDays = 90
    public init(idleMinutes: Int = 8 * 60, maxHours: Int = 12, tokenDays: Int = SessionLimits.defaultTokenDays) {
        self.idleMinutes = idleMinutes; self.maxHours = maxHours; self.tokenDays = tokenDays
    }
    func expired(_ s: UserSessionModel, now: Date) -> Bool {
        now.timeIntervalSince(s.seenAt) > Double(idleMinutes * 60) || now.timeIntervalSince(s.createdAt) > Double(maxHours * 3600)
    }
}

/// The session rows. Reads of an expired session delete it and answer "none".
public struct SessionRepository: Sendable {
    let store: Store
    let limits: SessionLimits
    public init(_ store: Store, limits: SessionLimits) { self.store = store; self.limits = limits }

    static func encode(_ data: [String: String]) -> String {
        let enc = JSONEncoder(); enc.outputFormatting = [.sortedKeys]
        return (try? enc.encode(data)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    public func read(_ key: String) async throws -> [String: String]? {
        guard let s = try await UserSessionModel.find(key, on: store.db) else { return nil }
        if limits.expired(s, now: store.now()) {
            try await s.delete(on: store.db)
            return nil
        }
        return (try? JSONDecoder().decode([String: String].self, from: Data(s.data.utf8))) ?? [:]
    }

    public func create(_ key: String, _ data: [String: String]) async throws {
        let s = UserSessionModel()
        s.id = key; s.data = Self.encode(data); s.userID = data["uid"].flatMap(UUID.init(uuidString:))
        s.createdAt = store.now(); s.seenAt = store.now()
        try await s.create(on: store.db)
    }

    public func update(_ key: String, _ data: [String: String]) async throws {
        let now = store.now(), uid = data["uid"].flatMap(UUID.init(uuidString:))
        try await sql(store.db).update(UserSessionModel.schema)
            .set("data", to: Self.encode(data)).set("user_id", to: uid).set("seen_at", to: now)
            .where("key", .equal, key).run()
    }

    public func delete(_ key: String) async throws {
        try await UserSessionModel.query(on: store.db).filter(\.$id == key).delete()
    }

    /// Ends every session of `userID` but `keep` (a password change keeps the one that made
    /// it), inside the caller's transaction; returns how many ended.
    static func endSessions(of userID: UUID, except keep: String?, on tx: any Database) async throws -> Int {
        func sessions() -> QueryBuilder<UserSessionModel> {
            let q = UserSessionModel.query(on: tx).filter(\.$userID == userID)
            return keep.map { q.filter(\.$id != $0) } ?? q
        }
        let n = try await sessions().count()
        try await sessions().delete()
        return n
    }

    /// Deletes the sessions past either limit; returns how many. Run hourly by `serve`.
    @discardableResult
    public func purge() async throws -> Int {
        let now = store.now()
        let idle = now.addingTimeInterval(-Double(limits.idleMinutes * 60)), born = now.addingTimeInterval(-Double(limits.maxHours * 3600))
        func expired() -> QueryBuilder<UserSessionModel> {
            UserSessionModel.query(on: store.db).group(.or) { $0.filter(\.$seenAt < idle).filter(\.$createdAt < born) }
        }
        let n = try await expired().count()
        try await expired().delete()
        return n
    }
}
