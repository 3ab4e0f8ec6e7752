import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// How the values of one sealed column stand: how many under each key, still in clear text
/// (written before sealing began), or under a key this server does not hold.
public struct SealedColumnStatus: Sendable, Equatable {
    public let column: SealedColumn
    public let byKey: [String: Int]
    public let clear: Int
    /// Sealed under a key that is not configured (a lost or not yet given old key).
    public let unreadable: Int
}

/// Sealing and key rotation for `SealedColumn.all`: values in clear text or under a retired key
/// are re-sealed under the current key, a batch per transaction, so that a rotation stopped
/// half-way (`kill -9`) goes on where it stopped when run again and a finished one changes
/// nothing. A value under a key that is not held is left as it is and counted.
public struct SealedFieldRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    /// Each column's values by key.
    public func status() async throws -> [SealedColumnStatus] {
        let ring = Sealed.keyring
        var out: [SealedColumnStatus] = []
        for col in SealedColumn.all {
            var byKey: [String: Int] = [:]
            var clear = 0, unreadable = 0
            try await each(col) { _, id in
                guard let id else { clear += 1; return }
                if ring.keys[id] == nil { unreadable += 1 } else { byKey[id, default: 0] += 1 }
            }
            out.append(SealedColumnStatus(column: col, byKey: byKey, clear: clear, unreadable: unreadable))
        }
        return out
    }

    /// Re-seals under the current key what is not yet under it: clear text, or every value
    /// under a retired key (`clearOnly: false`, a rotation). Returns how many values changed;
    /// each column's batches are audited with their count.
    @discardableResult
    public func reseal(_ actor: Actor, clearOnly: Bool = false, batch: Int = 500) async throws -> Int {
        let ring = Sealed.keyring
        var total = 0
        for col in SealedColumn.all {
            var pending: [([UUID], SQLBind)] = []
            var done = 0
            // A document is read whole only when it is re-sealed, a few per transaction.
            let size = col.blob ? min(batch, 10) : batch
            func flush() async throws {
                guard !pending.isEmpty else { return }
                let rows = pending
                pending = []
                try await store.write(actor) { tx, audit in
                    for (key, value) in rows {
                        var update = sql(tx).update(col.table).set(SQLIdentifier(col.column), to: value)
                        for (name, v) in zip(col.keys, key) { update = update.where(SQLIdentifier(name), .equal, SQLBind(v)) }
                        try await update.run()
                    }
                    audit.add(
                        AuditRecord(
                            action: "reseal", entity: "sealed_field", entityID: col.name, unitID: nil, unitPath: "/",
                            before: NoValue?.none, after: ["key": ring.currentID, "count": "\(rows.count)"]))
                }
                done += rows.count
            }
            try await each(col, clearOnly: clearOnly) { row, id in
                if id == ring.currentID || (clearOnly && id != nil) { return }
                if let id, ring.keys[id] == nil { return }
                let rowKey = try col.keys.map { try row.decode(column: $0, as: UUID.self) }
                if col.blob {
                    let whole = try await sql(store.db).select().column(SQLIdentifier(col.column)).from(col.table).where("id", .equal, SQLBind(rowKey[0]))
                        .first()
                    guard let bytes = try whole?.decode(column: col.column, as: Data?.self), let clear = Sealed.open(bytes, col.name) else { return }
                    pending.append((rowKey, SQLBind(Sealed.seal(clear, col.name))))
                } else {
                    guard let text = try row.decode(column: "value", as: String?.self) else { return }
                    pending.append((rowKey, SQLBind(Sealed.seal(Sealed.open(text, col.name), col.name))))
                }
                if pending.count >= size { try await flush() }
            }
            try await flush()
            total += done
        }
        return total
    }

    /// Calls `body` with each non-null value's row (its keys, and `value`: the text, or a
    /// document's first bytes only) and key id (nil: clear text), a page at a time in key order;
    /// `clearOnly` leaves sealed text out in the query.
    private func each(_ col: SealedColumn, clearOnly: Bool = false, _ body: (any SQLRow, String?) async throws -> Void) async throws {
        var after: [UUID]?
        while true {
            // `substr` takes bytes on both engines: a page never holds whole documents.
            let value: any SQLExpression =
                col.blob
                ? SQLFunction("substr", args: SQLIdentifier(col.column), SQLLiteral.numeric("1"), SQLLiteral.numeric("\(Sealed.headLength)"))
                : SQLIdentifier(col.column)
            var q = sql(store.db).select().columns(col.keys.map { SQLIdentifier($0) }).column(SQLAlias(value, as: SQLIdentifier("value")))
                .from(col.table)
                .where(SQLIdentifier(col.column), .isNot, SQLLiteral.null)
            // Only clear text: the database skips the sealed values itself (text columns).
            if clearOnly && !col.blob { q = q.where(SQLIdentifier(col.column), .notLike, SQLBind(Sealed.marker + "%")) }
            // After the last row of the page before: `(a, b) > (x, y)` orders a pair of keys.
            if let after {
                q = q.where(
                    SQLGroupExpression(col.keys.map { SQLIdentifier($0) as any SQLExpression }), .greaterThan,
                    SQLGroupExpression(after.map { SQLBind($0) as any SQLExpression }))
            }
            for k in col.keys { q = q.orderBy(SQLIdentifier(k)) }
            let rows = try await q.limit(1000).all()
            for r in rows {
                let id: String?
                if col.blob {
                    id = try r.decode(column: "value", as: Data?.self).flatMap(Sealed.keyID(of:))
                } else {
                    id = try r.decode(column: "value", as: String?.self).flatMap(Sealed.keyID(of:))
                }
                try await body(r, id)
            }
            guard rows.count == 1000, let last = rows.last else { return }
            after = try col.keys.map { try last.decode(column: $0, as: UUID.self) }
        }
    }
}
