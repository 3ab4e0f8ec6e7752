import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// The official administrative map (34 provinces, 3,321 communes since 1 July 2025), shipped as
/// `Resources/Registry/official-units-2025.csv` (see `scripts/gen-official-units.py`).
public enum OfficialMap {
    public struct Entry: Sendable, Equatable {
        public let kind: UnitKind
        public let code: String
        public let name: String
        public let parentCode: String?
        public let divisionType: String
        public let areaType: AreaType?
    }

    public static func entries() throws -> [Entry] {
        let url = Bundle.module.bundleURL.appendingPathComponent("Resources/Registry/official-units-2025.csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        return CSVReader.rows(text).dropFirst().compactMap { r in
            guard r.count == 6, let kind = UnitKind(rawValue: r[0]) else { return nil }
            return Entry(
                kind: kind, code: r[1], name: r[2], parentCode: r[3].isEmpty ? nil : r[3],
                divisionType: r[4], areaType: AreaType(rawValue: r[5]))
        }
    }

    public struct Result: Sendable, Equatable { public let created: Int; public let updated: Int; public let unchanged: Int }

    /// Creates or updates every official province and commune under the country root, in
    /// batches of one transaction each with one audit entry per batch. Running it again
    /// changes nothing; residential groups and centres added by people are kept.
    public static func importOfficial(_ store: Store, batchSize: Int = 500) async throws -> Result {
        let list = try entries()
        let root = try await UnitRepository(store).createRoot(code: "VN", name: "Việt Nam")
        var created = 0, updated = 0, unchanged = 0
        // Provinces first, so communes find their parent.
        for kind in [UnitKind.province, .commune] {
            let items = list.filter { $0.kind == kind }
            var start = 0
            while start < items.count {
                let batch = Array(items[start..<min(start + batchSize, items.count)])
                start += batchSize
                let counts = try await store.write(.system) { tx, audit in
                    let existing = try await OrgUnitModel.query(on: tx).filter(\.$code ~~ batch.map(\.code)).all()
                    let byCode = Dictionary(existing.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
                    let parentCodes = Set(batch.compactMap(\.parentCode))
                    let parents = parentCodes.isEmpty ? [] : try await OrgUnitModel.query(on: tx).filter(\.$code ~~ Array(parentCodes)).all()
                    let parentByCode = Dictionary(parents.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
                    var c = 0, u = 0, same = 0
                    var changedCodes: [String] = []
                    for e in batch {
                        if let m = byCode[e.code] {
                            if m.name == e.name && m.areaType == e.areaType?.rawValue && m.divisionType == e.divisionType { same += 1; continue }
                            m.name = e.name; m.areaType = e.areaType?.rawValue; m.divisionType = e.divisionType
                            m.searchKey = TextFolding.fold(e.name + " " + e.code)
                            try await m.update(on: tx); u += 1; changedCodes.append(e.code)
                        } else {
                            let parentPath: String
                            let parentID: UUID?
                            if let pc = e.parentCode {
                                guard let p = parentByCode[pc] else { continue }
                                parentPath = p.path; parentID = p.id
                            } else {
                                parentPath = root.path; parentID = root.id
                            }
                            let m = OrgUnitModel()
                            m.id = UUID(); m.code = e.code; m.name = e.name; m.kind = e.kind.rawValue
                            m.parentID = parentID; m.path = parentPath + m.id!.uuidString + "/"
                            m.searchKey = TextFolding.fold(e.name + " " + e.code)
                            m.areaType = e.areaType?.rawValue; m.divisionType = e.divisionType
                            try await m.create(on: tx); c += 1; changedCodes.append(e.code)
                        }
                    }
                    if c + u > 0 {
                        audit.add(
                            AuditRecord(
                                action: "import_official", entity: "org_unit", entityID: batch.first!.code + "…" + batch.last!.code,
                                unitID: root.id, unitPath: root.path, before: NoValue?.none,
                                after: ["created": String(c), "updated": String(u), "codes": changedCodes.joined(separator: " ")]))
                    }
                    return [c, u, same]
                }
                created += counts[0]; updated += counts[1]; unchanged += counts[2]
            }
        }
        return Result(created: created, updated: updated, unchanged: unchanged)
    }
}
