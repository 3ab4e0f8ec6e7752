import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// One section of a person's data: the records of one kind, or a note that the viewer's role may
/// not read them (so the export says it is incomplete and who can complete it).
public struct SubjectSection: Sendable, Codable {
    public let table: String
    public let withheld: Bool
    public let rows: [[String: String]]
}

/// Who did what with the person's records: the entries of the audit log about the person, their
/// stays and cases (reads of sensitive parts included).
public struct SubjectAccess: Sendable, Codable {
    public let at: Date
    public let actor: String
    public let action: String
    public let entity: String
}

public struct SubjectData: Sendable {
    public let personID: UUID
    public let fullName: String
    public let producedAt: Date
    public let producedBy: String
    public let sections: [SubjectSection]
    public let accessLog: [SubjectAccess]
}

/// A person's data as Ansinh holds it, for the person's right of access: every record of every
/// kind that names the person, within the producer's units and classes; nothing about another
/// person (a relationship shows its kind, not the other person's record). Producing it is
/// audited.
public struct SubjectDataRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    public static var sources: [SubjectSource] { SubjectSource.all }

    /// Internal columns that say nothing about the person (search keys) and columns that hold
    /// another person's identity.
    static let hiddenColumns: Set<String> = ["search_key", "search_words", "related_person_id", "content", "data"]

    /// The tables with a column naming a person, a resident or a case, as the database has them.
    public func tablesNamingAPerson() async throws -> Set<String> {
        try await Self.tables(withColumn: ["person_id", "resident_id", "case_id"], on: store.db)
    }

    /// The tables (not views or indexes) that have one of `columns`, as the database has them.
    static func tables(withColumn columns: [String], on db: any Database) async throws -> Set<String> {
        let s = sql(db)
        let rows: [SQLRow]
        if db.isPostgres {
            rows = try await s.raw(
                """
                SELECT c.table_name AS t FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema AND t.table_type = 'BASE TABLE'
                WHERE c.table_schema = current_schema() AND c.column_name IN (\(binds: columns))
                """
            ).all()
        } else {
            rows = try await s.raw(
                """
                SELECT m.name AS t FROM sqlite_master m JOIN pragma_table_info(m.name) p
                WHERE m.type = 'table' AND p.name IN (\(binds: columns))
                """
            ).all()
        }
        return Set(try rows.map { try $0.decode(column: "t", as: String.self) })
    }

    /// The person's data. The producer needs the registry and either the registry's management
    /// or the audit (ward officer, ward leader, auditor, administrator).
    public func export(_ actor: Actor, personID: UUID) async throws -> SubjectData {
        try actor.require(.viewRegistry)
        guard actor.role.can(.manageRegistry) || actor.role.can(.viewAudit) else { throw AppError.forbidden }
        let p = try await store.scoped(PersonModel.self, personID, actor)
        guard p.mergedInto == nil else { throw AppError.notFound }
        let s = sql(store.db)
        func ids(_ q: SQLQueryString, _ column: String) async throws -> [UUID] {
            try await s.raw(q).all().map { try $0.decode(column: column, as: UUID.self) }
        }
        let residents = try await ids("SELECT id FROM care_residents WHERE person_id = \(bind: personID)", "id")
        let cases = try await ids("SELECT id FROM cases WHERE person_id = \(bind: personID)", "id")
        let households = try await ids("SELECT DISTINCT household_id FROM memberships WHERE person_id = \(bind: personID)", "household_id")
        var sections: [SubjectSection] = []
        var sensitiveRead: [String] = []
        for src in Self.sources {
            let keys: [UUID]
            let column: String
            switch src.key {
            case .person(let c): keys = [personID]; column = c
            case .resident: keys = residents; column = "resident_id"
            case .caseRecord: keys = cases; column = "case_id"
            case .household(let c): keys = households; column = c
            }
            guard !keys.isEmpty else { continue }
            let allowed = actor.role.can(src.permission) && (src.sensitivity.map(actor.role.canView) ?? true)
            let rows = try await s.raw("SELECT * FROM \(ident: src.table) WHERE \(ident: column) IN (\(binds: keys))").all()
            if rows.isEmpty { continue }
            if !allowed {
                sections.append(SubjectSection(table: src.table, withheld: true, rows: []))
                continue
            }
            var out: [[String: String]] = []
            for r in rows {
                // Records of units the producer does not reach stay out (another centre's case).
                if r.allColumns.contains("unit_path"), let path = try? r.decode(column: "unit_path", as: String.self), !actor.covers(path: path) {
                    continue
                }
                out.append(Self.values(r, table: src.table, role: actor.role))
            }
            if out.isEmpty { continue }
            if src.sensitivity != nil { sensitiveRead.append(src.table) }
            sections.append(SubjectSection(table: src.table, withheld: false, rows: out))
        }
        let entityIDs = ([personID] + residents + cases).map(\.uuidString)
        let log = try await AuditEntryModel.query(on: store.db).filter(\.$entityID ~~ entityIDs).sort(\.$atMillis).all().map {
            SubjectAccess(at: Date(timeIntervalSince1970: Double($0.atMillis) / 1000), actor: $0.actorName, action: $0.action, entity: $0.entity)
        }
        let producedAt = store.now()
        try await store.audit(
            actor,
            [
                AuditRecord(
                    action: "export_subject_data", entity: "person", entityID: personID.uuidString, unitID: nil, unitPath: p.unitPath,
                    before: NoValue?.none,
                    after: ["sections": sections.map(\.table).joined(separator: ","), "sensitive": sensitiveRead.joined(separator: ",")])
            ])
        return SubjectData(
            personID: personID, fullName: p.fullName, producedAt: producedAt, producedBy: actor.username, sections: sections, accessLog: log)
    }

    /// A row's columns as text, sealed ones opened; HIV status and the evaluations that may rest
    /// on it only for a role with the class.
    static func values(_ r: SQLRow, table: String, role: Role) -> [String: String] {
        var out: [String: String] = [:]
        for c in r.allColumns where !hiddenColumns.contains(c) {
            if !role.canView(.hiv) && (c == "hiv_status" || c == "evaluation") { continue }
            if c == "categories", let v = try? r.decode(column: c, as: String?.self) {
                let clear = SealedColumn.named(table, c).map { $0.open(v ?? "") } ?? (v ?? "")
                out[c] = SensitivityClass.visibleCategories(clear.split(separator: ",").map(String.init), for: role).joined(separator: ",")
                continue
            }
            let value = text(r, c)
            out[c] = SealedColumn.named(table, c).map { Sealed.open(value, $0.name) } ?? value
        }
        return out
    }

    /// A column's value as text, whatever its type in either database; "" for NULL.
    static func text(_ r: SQLRow, _ c: String) -> String {
        if (try? r.decodeNil(column: c)) == true { return "" }
        if let v = try? r.decode(column: c, as: UUID.self) { return v.uuidString }
        if let v = try? r.decode(column: c, as: Int64.self) { return String(v) }
        if let v = try? r.decode(column: c, as: Bool.self) { return v ? "true" : "false" }
        if let v = try? r.decode(column: c, as: Date.self) { return ISO8601DateFormatter().string(from: v) }
        if let v = try? r.decode(column: c, as: String.self) { return v }
        if let v = try? r.decode(column: c, as: Double.self) { return String(v) }
        return ""
    }
}
