import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// The ward report's works figures: works completed in the year, by kind.
public struct WorkFigures: Sendable, Equatable {
    public let completed: [WorkKind: Int]
    public var total: Int { completed.values.reduce(0, +) }
}

extension WorksRepository {
    /// Works of the ward at `wardPath` completed in `year` (handed over or not), by kind,
    /// counted from the records when asked.
    public func figures(wardPath: String, year: Int) async throws -> WorkFigures {
        let db = store.db
        var out: [WorkKind: Int] = [:]
        for r in try await sql(db).raw(
            """
            SELECT kind, COUNT(*) AS n FROM works WHERE \(UnitScope.condition("unit_path", wardPath, on: db))
            AND completed_on >= \(bind: "\(year)-01-01") AND completed_on <= \(bind: "\(year)-12-31") GROUP BY kind
            """
        ).all() {
            if let k = WorkKind(rawValue: try r.decode(column: "kind", as: String.self)) { out[k] = try r.decode(column: "n", as: Int.self) }
        }
        return WorkFigures(completed: out)
    }

    /// The works of the actor's units (one residential group) that have coordinates, for the
    /// map: each with its place on the map and its number in the legend.
    public func mapped(_ actor: Actor, groupCode: String?) async throws -> [(work: Work, point: MapPoint)] {
        let all = try await works(actor, groupCode: groupCode, page: nil).items
        return all.compactMap { w in MapPoint(text: w.point).map { (w, $0) } }
    }
}
