import AnsinhCore
import FluentKit
import Foundation

/// An organisational unit: the country, a province, a commune/ward, a residential group, a
/// social assistance centre or one of its departments. `path` holds the ids from the root down
/// (`/id1/id2/`) so that "this unit and everything below it" is one prefix comparison.
public final class OrgUnitModel: Model, @unchecked Sendable {
    public static let schema = "org_units"
    @ID(key: .id) public var id: UUID?
    @Field(key: "code") public var code: String
    @Field(key: "name") public var name: String
    @Field(key: "kind") public var kind: String
    @OptionalField(key: "parent_id") public var parentID: UUID?
    @Field(key: "path") public var path: String
    @Field(key: "search_key") public var searchKey: String
    /// Communes: `urban` (wards) or `rural` (communes, special zones). Migration 0006.
    @OptionalField(key: "area_type") public var areaType: String?
    /// As the official list writes it: "phường", "xã", "đặc khu", "tỉnh"…
    @OptionalField(key: "division_type") public var divisionType: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    public init() {}
}

/// A person who signs in to Ansinh. The password is stored only as a Bcrypt hash.
public final class UserModel: Model, @unchecked Sendable {
    public static let schema = "users"
    @ID(key: .id) public var id: UUID?
    @Field(key: "username") public var username: String
    @Field(key: "full_name") public var fullName: String
    @Field(key: "password_hash") public var passwordHash: String
    @Field(key: "role") public var role: String
    @Field(key: "unit_id") public var unitID: UUID
    @OptionalField(key: "locale") public var locale: String?
    @Field(key: "is_disabled") public var isDisabled: Bool
    @Field(key: "failed_logins") public var failedLogins: Int
    @OptionalField(key: "locked_until") public var lockedUntil: Date?
    @OptionalField(key: "last_login_at") public var lastLoginAt: Date?
    @Field(key: "search_key") public var searchKey: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    public init() {}
}

/// A personal API token. Only an HMAC of the token is stored; the token itself is shown once.
public final class ApiTokenModel: Model, @unchecked Sendable {
    public static let schema = "api_tokens"
    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "name") public var name: String
    @Field(key: "token_hash") public var tokenHash: String
    @OptionalField(key: "last_used_at") public var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") public var revokedAt: Date?
    @OptionalField(key: "expires_at") public var expiresAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

/// Failed sign-ins from one network address, shared by every server process through the database.
public final class LoginThrottleModel: Model, @unchecked Sendable {
    public static let schema = "login_throttle"
    @ID(custom: "key", generatedBy: .user) public var id: String?
    @Field(key: "failures") public var failures: Int
    @Field(key: "window_start") public var windowStart: Date
    @OptionalField(key: "locked_until") public var lockedUntil: Date?
    public init() {}
}

/// One entry of the tamper-evident audit log. `hash` = SHA-256 of the previous entry's hash and
/// this entry's fields; `ansinh audit verify` recomputes the chain.
public final class AuditEntryModel: Model, @unchecked Sendable {
    public static let schema = "audit_log"
    @ID(custom: "seq", generatedBy: .user) public var id: Int?
    @Field(key: "at_ms") public var atMillis: Int64
    @OptionalField(key: "actor_id") public var actorID: UUID?
    @Field(key: "actor_name") public var actorName: String
    @OptionalField(key: "unit_id") public var unitID: UUID?
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "action") public var action: String
    @Field(key: "entity") public var entity: String
    @Field(key: "entity_id") public var entityID: String
    @OptionalField(key: "before_json") public var beforeJSON: String?
    @OptionalField(key: "after_json") public var afterJSON: String?
    @Field(key: "prev_hash") public var prevHash: String
    @Field(key: "hash") public var hash: String
    /// The chain the entry belongs to (`AuditChain.chain(of:)`); "" for entries written before
    /// there were chains.
    @Field(key: "chain") public var chain: String
    /// The entry's place in its chain, from 1 without gaps.
    @Field(key: "chain_seq") public var chainSeq: Int
    public init() {}
}

/// The head of one audit chain: its last place and hash. A write locks the head of its actor's
/// chain first, which serialises the writers of one commune (or centre, province, the country)
/// across processes and keeps that chain linear, while other chains go on in parallel.
public final class AuditChainHeadModel: Model, @unchecked Sendable {
    public static let schema = "audit_chains"
    @ID(custom: "chain", generatedBy: .user) public var id: String?
    @Field(key: "seq") public var seq: Int
    @Field(key: "hash") public var hash: String
    public init() {}
}

/// The single head of the audit log before migration 0025 split it into chains; only that
/// migration's predecessors use it.
public final class AuditHeadModel: Model, @unchecked Sendable {
    public static let schema = "audit_head"
    @ID(custom: "id", generatedBy: .user) public var id: Int?
    @Field(key: "seq") public var seq: Int
    @Field(key: "hash") public var hash: String
    public init() {}
}

extension OrgUnitModel: UnitScoped {
    public static var unitPathKey: KeyPath<OrgUnitModel, FieldProperty<OrgUnitModel, String>> { \.$path }
}

extension OrgUnitModel {
    /// The name of the ward or commune each unit path lies in (a residential group's path names
    /// its ward), read in one go; a path under no commune is left out.
    static func communeNames(of paths: Set<String>, on db: any Database) async throws -> [String: String] {
        let ids = Set(paths.flatMap { $0.split(separator: "/").compactMap { UUID(uuidString: String($0)) } })
        var names: [UUID: String] = [:]
        for chunk in Array(ids).chunked(500) {
            for u in try await OrgUnitModel.query(on: db).filter(\.$id ~~ chunk).filter(\.$kind == UnitKind.commune.rawValue).all() { names[u.id!] = u.name }
        }
        var out: [String: String] = [:]
        for path in paths {
            out[path] = path.split(separator: "/").lazy.compactMap { UUID(uuidString: String($0)).flatMap { names[$0] } }.first
        }
        return out
    }
}
