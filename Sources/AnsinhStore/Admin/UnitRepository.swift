import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// An organisational unit as pages and the API see it.
public struct UnitView: Sendable, Codable, Equatable {
    public let id: UUID
    public let code: String
    public let name: String
    public let kind: UnitKind
    public let parentID: UUID?
    public let path: String
    public let areaType: AreaType?
    /// Depth below the root (country = 0), for indenting the tree.
    public var depth: Int { path.split(separator: "/").count - 1 }

    init(_ m: OrgUnitModel) {
        id = m.id!; code = m.code; name = m.name; kind = UnitKind(rawValue: m.kind) ?? .commune
        parentID = m.parentID; path = m.path; areaType = m.areaType.flatMap(AreaType.init(rawValue:))
    }
}

/// What a person types to create or rename a unit.
public struct UnitInput: Sendable, Codable {
    public var code: String
    public var name: String
    public var kind: String
    public var parentID: UUID?
    public var areaType: AreaType?
    public init(code: String, name: String, kind: String, parentID: UUID?, areaType: AreaType? = nil) {
        self.code = code; self.name = name; self.kind = kind; self.parentID = parentID; self.areaType = areaType
    }
}

/// Reads and writes organisational units, always within the actor's scope.
public struct UnitRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    /// Units in the actor's scope, in tree order, filtered by kind and a diacritic-free search.
    public func list(
        _ actor: Actor, kind: UnitKind? = nil, query: String? = nil,
        page: PageSpec
    ) async throws -> ResultPage<UnitView> {
        try actor.require(.viewUnits)
        let q = scoped(actor, on: store.db)
        if let kind { q.filter(\.$kind == kind.rawValue) }
        for term in likeTerms(TextFolding.fold(query ?? "")) { q.filter(\.$searchKey, .custom("LIKE"), term) }
        let total = try await q.copy().count()
        let items = try await q.sort(\.$path).offset(page.offset).limit(page.perPage).all()
        return ResultPage(items: items.map(UnitView.init), request: page, total: total)
    }

    /// Every unit in scope (for pickers); bounded by the size of one organisation.
    public func all(_ actor: Actor, kinds: [UnitKind]? = nil) async throws -> [UnitView] {
        try actor.require(.viewUnits)
        let q = scoped(actor, on: store.db)
        if let kinds { q.filter(\.$kind ~~ kinds.map(\.rawValue)) }
        return try await q.sort(\.$path).all().map(UnitView.init)
    }

    /// One unit, or `notFound` when it does not exist or lies outside the actor's scope.
    public func get(_ actor: Actor, id: UUID) async throws -> UnitView {
        try actor.require(.viewUnits)
        guard let m = try await store.reachable(OrgUnitModel.self, id, actor, on: store.db) else {
            throw AppError.notFound
        }
        return UnitView(m)
    }

    /// The actor's own unit (always in scope).
    public func home(_ actor: Actor) async throws -> UnitView? {
        guard let id = actor.unitID, let m = try await OrgUnitModel.find(id, on: store.db) else { return nil }
        return UnitView(m)
    }

    public func count(_ actor: Actor, kind: UnitKind) async throws -> Int {
        try await scoped(actor, on: store.db).filter(\.$kind == kind.rawValue).count()
    }

    public func create(_ actor: Actor, _ input: UnitInput) async throws -> UnitView {
        try actor.require(.manageUnits)
        var errors: [FieldError] = []
        let code = input.code.trimmingCharacters(in: .whitespaces)
        let name = input.name.trimmingCharacters(in: .whitespacesAndNewlines)
        if let e = AccountRules.validateUnitCode(code) { errors.append(e) }
        if name.isEmpty || name.count > 200 { errors.append(FieldError(field: "name", message: Message("validation.required_text", ["max": "200"]))) }
        let kind = UnitKind(rawValue: input.kind)
        if kind == nil { errors.append(FieldError(field: "kind", message: Message("validation.choice"))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let unitKind = kind!
        guard actor.role.creatableUnitKinds.contains(unitKind) else { throw AppError.forbidden }
        guard let parentID = input.parentID else {
            throw AppError.invalid("parent_id", "validation.parent_required")
        }
        let captured = (code, name)
        return try await store.write(actor) { tx, audit in
            guard let parent = try await store.reachable(OrgUnitModel.self, parentID, actor, on: tx) else {
                throw AppError.invalid("parent_id", "validation.parent_not_found")
            }
            guard let parentKind = UnitKind(rawValue: parent.kind), parentKind.allowedChildren.contains(unitKind) else {
                throw AppError.invalid(
                    "kind", "validation.kind_not_allowed_under",
                    ["kind": "@unitkind.\(unitKind.rawValue)", "parent": "@unitkind.\(parent.kind)"])
            }
            if try await OrgUnitModel.query(on: tx).filter(\.$code == captured.0).count() > 0 {
                throw AppError.validation([FieldError(field: "code", message: Message("validation.code_taken", ["code": captured.0]))])
            }
            let m = OrgUnitModel()
            m.id = UUID(); m.code = captured.0; m.name = captured.1; m.kind = unitKind.rawValue
            m.parentID = parent.id; m.path = parent.path + m.id!.uuidString + "/"
            m.searchKey = TextFolding.fold(captured.1 + " " + captured.0)
            m.areaType = input.areaType?.rawValue
            try await m.create(on: tx)
            let view = UnitView(m)
            audit.add(
                AuditRecord(
                    action: "create", entity: "org_unit", entityID: m.id!.uuidString,
                    unitID: m.id, unitPath: m.path, before: NoValue?.none, after: view))
            return view
        }
    }

    /// Renames a unit or changes its code (its place in the tree never changes).
    public func update(_ actor: Actor, id: UUID, code: String, name: String) async throws -> UnitView {
        try actor.require(.manageUnits)
        let code = code.trimmingCharacters(in: .whitespaces)
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [FieldError] = []
        if let e = AccountRules.validateUnitCode(code) { errors.append(e) }
        if name.isEmpty || name.count > 200 { errors.append(FieldError(field: "name", message: Message("validation.required_text", ["max": "200"]))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return try await store.write(actor) { tx, audit in
            let m = try await store.scoped(OrgUnitModel.self, id, actor, on: tx)
            guard let kind = UnitKind(rawValue: m.kind), actor.role.creatableUnitKinds.contains(kind) else { throw AppError.forbidden }
            if code != m.code, try await OrgUnitModel.query(on: tx).filter(\.$code == code).count() > 0 {
                throw AppError.validation([FieldError(field: "code", message: Message("validation.code_taken", ["code": code]))])
            }
            let before = UnitView(m)
            m.code = code; m.name = name; m.searchKey = TextFolding.fold(name + " " + code)
            try await m.update(on: tx)
            let after = UnitView(m)
            audit.add(
                AuditRecord(
                    action: "update", entity: "org_unit", entityID: id.uuidString,
                    unitID: id, unitPath: m.path, before: before, after: after))
            return after
        }
    }

    /// Deletes an empty unit: one with no units below it and no accounts in it.
    public func delete(_ actor: Actor, id: UUID) async throws {
        try actor.require(.manageUnits)
        try await store.write(actor) { tx, audit in
            let m = try await store.scoped(OrgUnitModel.self, id, actor, on: tx)
            guard let kind = UnitKind(rawValue: m.kind), actor.role.creatableUnitKinds.contains(kind),
                m.id != actor.unitID
            else { throw AppError.forbidden }
            let children = try await OrgUnitModel.query(on: tx).filter(\.$parentID == id).count()
            let members = try await UserModel.query(on: tx).filter(\.$unitID == id).count()
            if children > 0 || members > 0 {
                throw AppError.conflict(Message("units.not_empty"))
            }
            // Records of the registry, the review, allowances or payments still in the unit keep
            // it: a clear refusal, never a database error (the black-box fuzzing found a 500).
            let households = try await HouseholdModel.query(on: tx).group(.or) { $0.filter(\.$communeID == id).filter(\.$groupID == id) }.count()
            if households > 0 { throw AppError.conflict(Message("units.in_use")) }
            let before = UnitView(m)
            do { try await m.delete(on: tx) } catch let e as any DatabaseError where e.isConstraintFailure {
                throw AppError.conflict(Message("units.in_use"))
            }
            audit.add(
                AuditRecord(
                    action: "delete", entity: "org_unit", entityID: id.uuidString,
                    unitID: id, unitPath: m.path, before: before, after: NoValue?.none))
        }
    }

    private func scoped(_ actor: Actor, on db: any Database) -> QueryBuilder<OrgUnitModel> {
        store.scoped(OrgUnitModel.self, actor, on: db)
    }

    /// Creates the root unit of a new database (the country), outside any actor's scope check.
    /// Used once by the official-map import and the demo loader.
    public func createRoot(code: String, name: String) async throws -> UnitView {
        try await store.write(.system) { tx, audit in
            if let existing = try await OrgUnitModel.query(on: tx).filter(\.$parentID == nil).first() {
                return UnitView(existing)
            }
            let m = OrgUnitModel()
            m.id = UUID(); m.code = code; m.name = name; m.kind = UnitKind.country.rawValue
            m.parentID = nil; m.path = "/" + m.id!.uuidString + "/"; m.searchKey = TextFolding.fold(name + " " + code)
            try await m.create(on: tx)
            let view = UnitView(m)
            audit.add(
                AuditRecord(
                    action: "create", entity: "org_unit", entityID: m.id!.uuidString,
                    unitID: m.id, unitPath: m.path, before: NoValue?.none, after: view))
            return view
        }
    }

    public func find(code: String) async throws -> UnitView? {
        try await OrgUnitModel.query(on: store.db).filter(\.$code == code).first().map(UnitView.init)
    }

    // MARK: Dated facts

    /// The "extremely difficult ethnic-minority and mountainous area" flag of a commune, newest
    /// first. Each change is a dated row; the value on a day is the latest row valid by then.
    public func facts(_ actor: Actor, unitID: UUID) async throws -> [UnitFactView] {
        _ = try await get(actor, id: unitID)
        return try await UnitFactModel.query(on: store.db).filter(\.$unitID == unitID).sort(\.$validFrom, .descending).all().map(UnitFactView.init)
    }

    public func setDifficultArea(_ actor: Actor, unitID: UUID, value: Bool, validFrom: String, note: String?) async throws {
        try actor.require(.manageUnits)
        guard let day = LocalDate(iso: validFrom) else { throw AppError.invalid("valid_from", "validation.date") }
        try await store.write(actor) { tx, audit in
            let u = try await store.scoped(OrgUnitModel.self, unitID, actor, on: tx)
            // Decree 20 Art. 5(5)(b), 5(7): the list names communes and villages (a village is a
            // residential group here).
            guard [UnitKind.commune, .residentialGroup].map(\.rawValue).contains(u.kind) else {
                throw AppError.invalid("unit_id", "units.error.fact_commune_only")
            }
            if try await UnitFactModel.query(on: tx).filter(\.$unitID == unitID).filter(\.$fact == UnitFactKey.extremelyDifficultArea)
                .filter(\.$validFrom == day.iso).count() > 0
            {
                throw AppError.invalid("valid_from", "units.error.fact_same_day", ["date": day.iso])
            }
            let f = UnitFactModel()
            f.id = UUID(); f.unitID = unitID; f.fact = UnitFactKey.extremelyDifficultArea; f.value = value; f.validFrom = day.iso
            f.note = note.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces) }
            try await f.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "set_fact", entity: "org_unit", entityID: unitID.uuidString, unitID: unitID, unitPath: u.path,
                    before: NoValue?.none, after: ["fact": f.fact, "value": value ? "yes" : "no", "valid_from": day.iso, "note": f.note ?? ""]))
        }
    }
}

public struct UnitFactView: Sendable {
    public let fact: String
    public let value: Bool
    public let validFrom: LocalDate
    public let note: String?
    init(_ m: UnitFactModel) {
        fact = m.fact; value = m.value; validFrom = LocalDate(iso: m.validFrom) ?? LocalDate(year: 2000, month: 1, day: 1)!; note = m.note
    }
}
