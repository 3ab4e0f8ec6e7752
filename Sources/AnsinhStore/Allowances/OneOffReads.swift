import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// What the one-off pages and the API read: the register in the actor's units, one decision
/// with where its payment stands.
extension OneOffRepository {
    public func list(_ actor: Actor, filter: OneOffFilter, page: PageSpec) async throws -> ResultPage<OneOffRecord> {
        try actor.require(.viewAllowances)
        var q = store.scoped(OneOffDecisionModel.self, actor)
        if let k = filter.kind { q = q.filter(\.$kind == k.rawValue) }
        if let s = filter.status { q = q.filter(\.$status == s.rawValue) }
        if let y = filter.year { q = q.filter(\.$eventDate >= "\(y)-01-01").filter(\.$eventDate <= "\(y)-12-31") }
        if let p = filter.personID { q = q.filter(\.$personID == p) }
        let total = try await q.count()
        let rows = try await q.sort(\.$signedDate, .descending).sort(\.$createdAt, .descending).range(page.offset..<(page.offset + page.perPage)).all()
        return ResultPage(items: try await records(rows), request: page, total: total)
    }

    public func get(_ actor: Actor, _ id: UUID) async throws -> OneOffRecord {
        try actor.require(.viewAllowances)
        return try await records([try await store.scoped(OneOffDecisionModel.self, id, actor)])[0]
    }

    /// Totals of the register for a year, by kind: decisions in force, đồng and kilograms.
    public func totals(_ actor: Actor, year: Int) async throws -> [(kind: OneOffKind, count: Int, amount: Int64, kilograms: Int)] {
        try actor.require(.viewAllowances)
        let rows = try await sql(store.db).raw(
            """
            SELECT kind, COUNT(*) AS n, CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS amount, CAST(COALESCE(SUM(kilograms), 0) AS BIGINT) AS kg
            FROM one_off_decisions
            WHERE \(UnitScope.condition("unit_path", actor.scopePath, on: store.db)) AND status <> 'cancelled'
              AND event_date >= \(bind: "\(year)-01-01") AND event_date <= \(bind: "\(year)-12-31")
            GROUP BY kind ORDER BY kind
            """
        ).all()
        return try rows.compactMap { r in
            guard let k = OneOffKind(rawValue: try r.decode(column: "kind", as: String.self)) else { return nil }
            return (k, try r.decode(column: "n", as: Int.self), try r.decode(column: "amount", as: Int64.self), Int(try r.decode(column: "kg", as: Int64.self)))
        }
    }

    func records(_ rows: [OneOffDecisionModel]) async throws -> [OneOffRecord] {
        guard !rows.isEmpty else { return [] }
        let db = store.db
        let persons = Dictionary(
            try await PersonModel.query(on: db).filter(\.$id ~~ Set(rows.map(\.personID)).map { $0 }).all().map { ($0.id!, $0.fullName) },
            uniquingKeysWith: { a, _ in a })
        let households = Dictionary(
            try await HouseholdModel.query(on: db).filter(\.$id ~~ Set(rows.compactMap(\.householdID)).map { $0 }).all().map { ($0.id!, $0.code) },
            uniquingKeysWith: { a, _ in a })
        let units = Dictionary(
            try await OrgUnitModel.query(on: db).filter(\.$id ~~ Set(rows.map(\.communeID)).map { $0 }).all().map { ($0.id!, $0.name) },
            uniquingKeysWith: { a, _ in a })
        // The latest line a cycle issued for each decision (a carried line after an unpaid one).
        var lines: [UUID: (UUID, String, LineStatus)] = [:]
        for r in try await sql(db).raw(
            """
            SELECT l.one_off_id, l.cycle_id, c.month, l.status FROM payment_lines l JOIN payment_cycles c ON c.id = l.cycle_id
            WHERE l.one_off_id IN (\(binds: rows.map { $0.id! })) ORDER BY l.id
            """
        ).all() {
            lines[try r.decode(column: "one_off_id", as: UUID.self)] = (
                try r.decode(column: "cycle_id", as: UUID.self), try r.decode(column: "month", as: String.self),
                LineStatus(rawValue: try r.decode(column: "status", as: String.self)) ?? .issued
            )
        }
        return rows.map { d in
            let line = lines[d.id!]
            return OneOffRecord(
                id: d.id!, kind: OneOffKind(rawValue: d.kind) ?? .funeral, personID: d.personID, personName: persons[d.personID] ?? "",
                householdCode: d.householdID.flatMap { households[$0] }, communeName: units[d.communeID] ?? "", eventDate: d.eventDate,
                number: d.number, signedDate: d.signedDate, category: d.category, amount: d.amount, kilograms: d.kilograms,
                details: (try? JSONDecoder().decode(OneOffDetails.self, from: Data(d.details.utf8))) ?? OneOffDetails(),
                reason: try? JSONDecoder().decode(Reason.self, from: Data(d.reason.utf8)), ruleSet: d.ruleSet, recipientKind: d.recipientKind,
                recipientName: d.recipientName, channel: d.channel, status: d.lifecycleState, handedDate: d.handedDate, receivedBy: d.receivedBy,
                cancelReason: d.cancelReason, note: d.note, decidedBy: d.decidedBy, cycleID: line?.0, cycleMonth: line?.1, lineStatus: line?.2)
        }
    }
}
