import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// The tamper-evident audit log. Each entry's hash covers the previous entry's hash and every
/// field of the entry, so changing, deleting or reordering any stored entry breaks the chain
/// from that entry on.
///
/// There is one chain per commune, centre, province and the country: an entry joins the chain
/// of the actor who wrote it (`chain(of:)`). A write locks only its own chain's head, so the
/// officers of two wards never wait on each other, while every chain stays linear and exact.
/// Entries written before chains existed form the chain "" with their old hashes.
public enum AuditChain {
    public static let genesisHash = String(repeating: "0", count: 64)
    /// The migration that split the log into chains.
    public static let migrationName = "0025_audit_chains"

    /// The chain of an actor: their scope path cut after the commune or centre (country /
    /// province / commune), so a residential group's leader writes into their commune's chain
    /// and the system itself into "/".
    public static func chain(of actor: Actor) -> String {
        let parts = actor.scopePath.split(separator: "/").prefix(3)
        return parts.isEmpty ? "/" : "/" + parts.joined(separator: "/") + "/"
    }

    /// The canonical text that is hashed; fields are separated by a unit separator that cannot
    /// occur in JSON text or names. Entries of a named chain also cover the chain and their
    /// sequence number in the whole log.
    static func canonical(
        chainSeq: Int, prevHash: String, atMillis: Int64, actorID: UUID?, actorName: String,
        unitID: UUID?, unitPath: String, action: String, entity: String, entityID: String,
        before: String?, after: String?, chain: String, seq: Int
    ) -> String {
        var fields = [
            String(chainSeq), prevHash, String(atMillis), actorID?.uuidString ?? "", actorName,
            unitID?.uuidString ?? "", unitPath, action, entity, entityID, before ?? "\u{0}", after ?? "\u{0}",
        ]
        if !chain.isEmpty { fields += [chain, String(seq)] }
        return fields.joined(separator: "\u{1F}")
    }

    static func hash(_ text: String) -> String {
        Data(text.utf8).sha256Hex
    }

    /// The hash an entry should carry, given its fields and its stored `prevHash`.
    public static func hash(of e: AuditEntryModel) -> String {
        hash(
            canonical(
                chainSeq: e.chainSeq, prevHash: e.prevHash, atMillis: e.atMillis, actorID: e.actorID,
                actorName: e.actorName, unitID: e.unitID, unitPath: e.unitPath, action: e.action,
                entity: e.entity, entityID: e.entityID, before: e.beforeJSON, after: e.afterJSON, chain: e.chain, seq: e.id ?? 0))
    }

    /// The outcome of `verify`.
    public enum Verification: Sendable, Equatable {
        case ok(entries: Int)
        /// The first entry (by its sequence number in the log) whose stored hash or link does
        /// not match, or that follows a gap in its chain.
        case broken(seq: Int, reason: String)
        /// A chain's head does not match its last entry (entries were deleted from its end).
        case headMismatch(expectedSeq: Int, foundSeq: Int)
    }

    /// Walks one chain from its first place, a batch at a time (`batch(n)`: the entries from
    /// place `n` on, in order): each place must follow the last, link to its hash and hash to
    /// its own, and the chain's head (`seq`, `hash`; nil: missing) must name its last entry, so
    /// entries cut from the end show. `.ok` counts the chain's entries.
    static func walk(head: (seq: Int, hash: String)?, _ batch: (Int) async throws -> [AuditEntryModel]) async throws -> Verification {
        var prev = genesisHash
        var expected = 1
        while true {
            let entries = try await batch(expected)
            if entries.isEmpty { break }
            for e in entries {
                let seq = e.id ?? -1
                if e.chainSeq != expected { return .broken(seq: seq, reason: "missing") }
                if e.prevHash != prev { return .broken(seq: seq, reason: "link") }
                if hash(of: e) != e.hash { return .broken(seq: seq, reason: "content") }
                prev = e.hash; expected += 1
            }
        }
        guard let head else { return .headMismatch(expectedSeq: expected - 1, foundSeq: -1) }
        if head.seq != expected - 1 || head.hash != prev { return .headMismatch(expectedSeq: head.seq, foundSeq: expected - 1) }
        return .ok(entries: expected - 1)
    }

    /// Recomputes every chain in order, reading in batches, and checks that no entry lies
    /// outside a chain.
    public static func verify(on db: Database, batchSize: Int = 5000) async throws -> Verification {
        var total = 0
        let heads = try await AuditChainHeadModel.query(on: db).sort(\.$id).all()
        for head in heads {
            let chain = head.id ?? ""
            let walked = try await walk(head: (head.seq, head.hash)) { from in
                try await AuditEntryModel.query(on: db).filter(\.$chain == chain).filter(\.$chainSeq >= from).sort(\.$chainSeq).limit(batchSize).all()
            }
            guard case .ok(let n) = walked else { return walked }
            total += n
        }
        // An entry of a chain whose head was removed belongs to no verified chain.
        if try await AuditEntryModel.query(on: db).count() != total {
            let stray = try await AuditEntryModel.query(on: db).filter(\.$chain !~ heads.compactMap(\.id)).sort(\.$id).first()
            return .broken(seq: stray?.id ?? 0, reason: "link")
        }
        return .ok(entries: total)
    }

    /// `verify` for a database from before chains (migration 0025 not applied, such as an older
    /// backup being restored): one chain over the whole log, its place the sequence number, with
    /// the head in `audit_head`. Read with plain SQL: the model has the columns of chains.
    public static func verifyBeforeChains(on db: Database, batchSize: Int = 5000) async throws -> Verification {
        let s = sql(db)
        let head = try await s.raw("SELECT seq, hash FROM audit_head WHERE id = 1").first()
        return try await walk(head: try head.map { (try $0.decode(column: "seq", as: Int.self), try $0.decode(column: "hash", as: String.self)) }) { from in
            try await s.raw(
                "SELECT seq, at_ms, actor_id, actor_name, unit_id, unit_path, action, entity, entity_id, before_json, after_json, prev_hash, hash FROM audit_log WHERE seq >= \(bind: from) ORDER BY seq LIMIT \(bind: batchSize)"
            ).all().map { row in
                let e = AuditEntryModel()
                e.id = try row.decode(column: "seq", as: Int.self); e.chainSeq = e.id!; e.chain = ""
                e.atMillis = try row.decode(column: "at_ms", as: Int64.self)
                e.actorID = try row.decode(column: "actor_id", as: UUID?.self)
                e.actorName = try row.decode(column: "actor_name", as: String.self)
                e.unitID = try row.decode(column: "unit_id", as: UUID?.self)
                e.unitPath = try row.decode(column: "unit_path", as: String.self)
                e.action = try row.decode(column: "action", as: String.self)
                e.entity = try row.decode(column: "entity", as: String.self)
                e.entityID = try row.decode(column: "entity_id", as: String.self)
                e.beforeJSON = try row.decode(column: "before_json", as: String?.self)
                e.afterJSON = try row.decode(column: "after_json", as: String?.self)
                e.prevHash = try row.decode(column: "prev_hash", as: String.self)
                e.hash = try row.decode(column: "hash", as: String.self)
                return e
            }
        }
    }
}

/// What changed, for one audit entry.
public struct AuditRecord: Sendable {
    public var action: String
    public var entity: String
    public var entityID: String
    public var unitID: UUID?
    public var unitPath: String
    public var before: String?
    public var after: String?

    public init<B: Encodable, A: Encodable>(
        action: String, entity: String, entityID: String, unitID: UUID?, unitPath: String,
        before: B?, after: A?
    ) {
        self.action = action; self.entity = entity; self.entityID = entityID
        self.unitID = unitID; self.unitPath = unitPath
        self.before = before.map(AuditRecord.json); self.after = after.map(AuditRecord.json)
    }

    /// Sorted-key JSON, so the same value always gives the same text (and hash).
    public static func json<T: Encodable>(_ value: T) -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        enc.dateEncodingStrategy = .iso8601
        return (try? String(decoding: enc.encode(value), as: UTF8.self)) ?? "null"
    }
}

/// A value with nothing in it, for audit records without a before or after side.
public struct NoValue: Codable, Sendable { public init() {} }
