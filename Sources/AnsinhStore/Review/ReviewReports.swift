import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// The ward's poverty report for one period, computed from the official classifications.
public struct WardPovertyReport: Sendable {
    public struct Group: Sendable { public let name: String; public let counts: [PovertyClass: Int] }
    public let period: Int
    public let totals: [PovertyClass: Int]
    public let groups: [Group]
    /// Households poor (or near-poor) this period that were not the period before, and the reverse.
    public let poorEntries: Int
    public let poorExits: Int
    public let nearPoorEntries: Int
    public let nearPoorExits: Int
    /// Poor / near-poor counts of the five periods up to this one.
    public let series: [(period: Int, poor: Int, nearPoor: Int)]
    /// The headline the ward reports: computed, never typed.
    public var poorHouseholds: Int { totals[.poor] ?? 0 }
}

public struct ReviewReports: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    public func ward(_ actor: Actor, period: Int) async throws -> WardPovertyReport {
        try actor.require(.viewReview)
        let s = sql(store.db)
        var totals: [PovertyClass: Int] = [:]
        var byGroup: [String: [PovertyClass: Int]] = [:]
        let rows = try await s.raw(
            """
            SELECT hc.class AS class, u.name AS group_name, COUNT(*) AS n FROM household_classifications hc
            LEFT JOIN org_units u ON u.id = hc.group_id
            WHERE hc.period = \(bind: period) AND \(UnitScope.condition("hc.unit_path", actor.scopePath, on: store.db))
            GROUP BY hc.class, u.name
            """
        ).all()
        for r in rows {
            guard let cls = PovertyClass(rawValue: try r.decode(column: "class", as: String.self)) else { continue }
            let n = try r.decode(column: "n", as: Int.self)
            let g = try r.decode(column: "group_name", as: String?.self) ?? "—"
            totals[cls, default: 0] += n
            byGroup[g, default: [:]][cls, default: 0] += n
        }
        func moves(_ cls: PovertyClass) async throws -> (Int, Int) {
            let row = try await s.raw(
                """
                SELECT
                  (SELECT COUNT(*) FROM household_classifications a WHERE a.period = \(bind: period) AND a.class = \(bind: cls.rawValue)
                     AND \(UnitScope.condition("a.unit_path", actor.scopePath, on: store.db))
                     AND NOT EXISTS (SELECT 1 FROM household_classifications b WHERE b.household_id = a.household_id
                                     AND b.period = \(bind: period - 1) AND b.class = \(bind: cls.rawValue))) AS entries,
                  (SELECT COUNT(*) FROM household_classifications b WHERE b.period = \(bind: period - 1) AND b.class = \(bind: cls.rawValue)
                     AND \(UnitScope.condition("b.unit_path", actor.scopePath, on: store.db))
                     AND NOT EXISTS (SELECT 1 FROM household_classifications a WHERE a.household_id = b.household_id
                                     AND a.period = \(bind: period) AND a.class = \(bind: cls.rawValue))) AS exits
                """
            ).first()
            return (try row?.decode(column: "entries", as: Int.self) ?? 0, try row?.decode(column: "exits", as: Int.self) ?? 0)
        }
        let (pe, px) = try await moves(.poor)
        let (ne, nx) = try await moves(.nearPoor)
        var series: [(Int, Int, Int)] = []
        let seriesRows = try await s.raw(
            """
            SELECT period, SUM(CASE WHEN class = 'poor' THEN 1 ELSE 0 END) AS poor, SUM(CASE WHEN class = 'near_poor' THEN 1 ELSE 0 END) AS near_poor
            FROM household_classifications WHERE period BETWEEN \(bind: period - 4) AND \(bind: period) AND \(UnitScope.condition("unit_path", actor.scopePath, on: store.db))
            GROUP BY period ORDER BY period
            """
        ).all()
        for r in seriesRows {
            series.append(
                (
                    try r.decode(column: "period", as: Int.self), try r.decode(column: "poor", as: Int?.self) ?? 0,
                    try r.decode(column: "near_poor", as: Int?.self) ?? 0
                ))
        }
        let groups = byGroup.map { WardPovertyReport.Group(name: $0.key, counts: $0.value) }.sorted { $0.name < $1.name }
        return WardPovertyReport(
            period: period, totals: totals, groups: groups, poorEntries: pe, poorExits: px,
            nearPoorEntries: ne, nearPoorExits: nx, series: series.map { (period: $0.0, poor: $0.1, nearPoor: $0.2) })
    }
}
