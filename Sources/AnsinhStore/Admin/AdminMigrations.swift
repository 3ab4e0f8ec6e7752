import FluentKit
import Foundation

/// Migrations are numbered and never edited once released; a change is a new migration.
public enum AnsinhMigrations {
    public static var all: [any Migration] {
        [M0001CreateOrgUnits(), M0002CreateUsers(), M0003CreateApiTokens(),
         M0004CreateAuditLog(), M0005CreateLoginThrottle(), M0006UnitAreas(), M0007Registry(),
         M0008ImportsAndDuplicates(), M0009Review(), M0010SearchTokenProbe(), M0011Eligibility(), M0012RuleSettings(),
         M0013Decisions(), M0014Payments(), M0015PaymentBudgets(), M0016ReviewSettings(), M0017FullTextSearch(), M0018ImportFiles(), M0019SearchPrefixes(), M0020PersonKeys(), M0021SearchPrefixLexemes(),
         M0022SearchVectorPLpgSQL(), M0023SearchLeanIndex(), M0024SessionsAndTokenExpiry()]
    }
}

struct M0001CreateOrgUnits: AsyncMigration {
    var name: String { "0001_create_org_units" }
    func prepare(on db: Database) async throws {
        try await db.schema("org_units")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("parent_id", .uuid, .references("org_units", "id", onDelete: .restrict))
            .field("path", .string, .required)
            .field("search_key", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code", name: "uq_org_units_code")
            .create()
        try await sql(db).create(index: "ix_org_units_path").on("org_units").column("path").run()
        try await sql(db).create(index: "ix_org_units_parent").on("org_units").column("parent_id").run()
    }
    func revert(on db: Database) async throws { try await db.schema("org_units").delete() }
}

struct M0002CreateUsers: AsyncMigration {
    var name: String { "0002_create_users" }
    func prepare(on db: Database) async throws {
        try await db.schema("users")
            .id()
            .field("username", .string, .required)
            .field("full_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("unit_id", .uuid, .required, .references("org_units", "id", onDelete: .restrict))
            .field("locale", .string)
            .field("is_disabled", .bool, .required)
            .field("failed_logins", .int, .required)
            .field("locked_until", .datetime)
            .field("last_login_at", .datetime)
            .field("search_key", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "username", name: "uq_users_username")
            .create()
        try await sql(db).create(index: "ix_users_unit").on("users").column("unit_id").run()
    }
    func revert(on db: Database) async throws { try await db.schema("users").delete() }
}

struct M0003CreateApiTokens: AsyncMigration {
    var name: String { "0003_create_api_tokens" }
    func prepare(on db: Database) async throws {
        try await db.schema("api_tokens")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "token_hash", name: "uq_api_tokens_hash")
            .create()
    }
    func revert(on db: Database) async throws { try await db.schema("api_tokens").delete() }
}

struct M0004CreateAuditLog: AsyncMigration {
    var name: String { "0004_create_audit_log" }
    func prepare(on db: Database) async throws {
        try await db.schema("audit_log")
            .field("seq", .int64, .identifier(auto: false))
            .field("at_ms", .int64, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("unit_id", .uuid)
            .field("unit_path", .string, .required)
            .field("action", .string, .required)
            .field("entity", .string, .required)
            .field("entity_id", .string, .required)
            .field("before_json", .string)
            .field("after_json", .string)
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
        try await sql(db).create(index: "ix_audit_entity").on("audit_log").column("entity").column("entity_id").run()
        try await sql(db).create(index: "ix_audit_unit_path").on("audit_log").column("unit_path").run()
        try await db.schema("audit_head")
            .field("id", .int, .identifier(auto: false))
            .field("seq", .int64, .required)
            .field("hash", .string, .required)
            .create()
        let head = AuditHeadModel()
        head.id = 1; head.seq = 0; head.hash = AuditChain.genesisHash
        try await head.create(on: db)
    }
    func revert(on db: Database) async throws {
        try await db.schema("audit_head").delete()
        try await db.schema("audit_log").delete()
    }
}

struct M0005CreateLoginThrottle: AsyncMigration {
    var name: String { "0005_create_login_throttle" }
    func prepare(on db: Database) async throws {
        try await db.schema("login_throttle")
            .field("key", .string, .identifier(auto: false))
            .field("failures", .int, .required)
            .field("window_start", .datetime, .required)
            .field("locked_until", .datetime)
            .create()
    }
    func revert(on db: Database) async throws { try await db.schema("login_throttle").delete() }
}
