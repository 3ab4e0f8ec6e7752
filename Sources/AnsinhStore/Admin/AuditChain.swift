import AnsinhCore
import Crypto
import FluentKit
import Foundation
import SQLKit

/// The tamper-evident audit log. Each entry's hash covers the previous entry's hash and every
/// field of the entry, so changing, deleting or reordering any stored entry breaks the chain
/// from that entry on.
public enum AuditChain {
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The canonical text that is hashed; fields are separated by a unit separator that cannot
    /// occur in JSON text or names.
    static func canonical(
        seq: Int, prevHash: String, atMillis: Int64, actorID: UUID?, actorName: String,
        unitID: UUID?, unitPath: String, action: String, entity: String, entityID: String,
        before: String?, after: String?
    ) -> String {
        [
            String(seq), prevHash, String(atMillis), actorID?.uuidString ?? "", actorName,
            unitID?.uuidString ?? "", unitPath, action, entity, entityID, before ?? "\u{0}", after ?? "\u{0}",
        ]
        .joined(separator: "\u{1F}")
    }

    static func hash(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The hash an entry should carry, given its fields and its stored `prevHash`.
    public static func hash(of e: AuditEntryModel) -> String {
        hash(
            canonical(
                seq: e.id ?? 0, prevHash: e.prevHash, atMillis: e.atMillis, actorID: e.actorID,
                actorName: e.actorName, unitID: e.unitID, unitPath: e.unitPath, action: e.action,
                entity: e.entity, entityID: e.entityID, before: e.beforeJSON, after: e.afterJSON))
    }

    /// The outcome of `verify`.
    public enum Verification: Sendable, Equatable {
        case ok(entries: Int)
        /// The first entry whose stored hash or link does not match.
        case broken(seq: Int, reason: String)
        /// The chain head does not match the last entry (entries were deleted from the end).
        case headMismatch(expectedSeq: Int, foundSeq: Int)
    }

    /// Recomputes the whole chain in order, reading in batches.
    public static func verify(on db: Database, batchSize: Int = 5000) async throws -> Verification {
        var prev = genesisHash
        var expectedSeq = 1
        var count = 0
        while true {
            let batch = try await AuditEntryModel.query(on: db)
                .filter(\.$id >= expectedSeq).sort(\.$id).limit(batchSize).all()
            if batch.isEmpty { break }
            for e in batch {
                let seq = e.id ?? -1
                if seq != expectedSeq { return .broken(seq: expectedSeq, reason: "missing") }
                if e.prevHash != prev { return .broken(seq: seq, reason: "link") }
                if hash(of: e) != e.hash { return .broken(seq: seq, reason: "content") }
                prev = e.hash; expectedSeq += 1; count += 1
            }
        }
        guard let head = try await AuditHeadModel.find(1, on: db) else {
            return .headMismatch(expectedSeq: count, foundSeq: -1)
        }
        if head.seq != count || head.hash != prev { return .headMismatch(expectedSeq: head.seq, foundSeq: count) }
        return .ok(entries: count)
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
