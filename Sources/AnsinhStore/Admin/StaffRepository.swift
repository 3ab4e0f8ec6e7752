import AnsinhCore
import FluentKit
import Foundation

/// One line of the job-position plan: a position of a department, approved and filled on a day.
public struct StaffPlanLine: Sendable, Equatable {
    public let positionID: UUID
    public let department: String
    public let title: String
    public let approved: Int
    public let filled: Int
}

public struct StaffMemberRow: Sendable, Equatable {
    public let id: UUID
    public let fullName: String
    public let department: String
    public let position: String
    public let qualification: String
    public let startedOn: LocalDate
    public let leftOn: LocalDate?
    public let username: String?
}

/// The centre's staff: the approved job-position plan per department and the staff placed in it
/// (a centre of 7 departments and 129 staff, field notes §2). The centre's manager keeps it;
/// who sees the accounts sees it.
public struct StaffRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    public func addPosition(_ actor: Actor, departmentID: UUID?, title: String, approved: Int?) async throws -> UUID {
        try actor.require(.manageUnits)
        var errors: [FieldError] = []
        if departmentID == nil { errors.append(FieldError(field: "department_id", message: Message("validation.required"))) }
        let t = CareRepository.text(title, "position_title", max: 120, into: &errors)
        guard let approved, (0...500).contains(approved) else {
            throw AppError.validation(errors + [FieldError(field: "approved", message: Message("validation.range", ["min": "0", "max": "500"]))])
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return try await store.write(actor) { tx, audit in
            guard let d = try await store.reachable(OrgUnitModel.self, departmentID!, actor, on: tx), d.kind == UnitKind.department.rawValue else {
                throw AppError.invalid("department_id", "validation.parent_not_found")
            }
            if try await StaffPositionModel.query(on: tx).filter(\.$unitID == d.id!).filter(\.$title == t).first() != nil {
                throw AppError.invalid("position_title", "staff.error.position_exists", ["title": t])
            }
            let p = StaffPositionModel()
            p.id = UUID(); p.unitID = d.id!; p.unitPath = d.path; p.title = t; p.approved = approved
            try await p.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "create", entity: "staff_position", entityID: p.id!.uuidString, unitID: d.id, unitPath: d.path, before: NoValue?.none,
                    after: ["title": t, "approved": "\(approved)"]))
            return p.id!
        }
    }

    public func addMember(
        _ actor: Actor, positionID: UUID?, fullName: String, qualification: String, startedOn: String, username: String, today: LocalDate
    ) async throws -> UUID {
        try actor.require(.manageUnits)
        var errors: [FieldError] = []
        if positionID == nil { errors.append(FieldError(field: "position_id", message: Message("validation.required"))) }
        let name = CareRepository.text(fullName, "full_name", max: 120, into: &errors)
        let q = CareRepository.text(qualification, "qualification", max: 200, into: &errors)
        let start = CareRepository.date(startedOn, "started_on", today: today, into: &errors)
        let account = username.trimmingCharacters(in: .whitespaces)
        if !errors.isEmpty { throw AppError.validation(errors) }
        return try await store.write(actor) { tx, audit in
            let p = try await store.scoped(StaffPositionModel.self, positionID!, actor, on: tx)
            if !account.isEmpty, try await UserModel.query(on: tx).filter(\.$username == account).first() == nil {
                throw AppError.invalid("username", "staff.error.no_account", ["username": account])
            }
            let m = StaffMemberModel()
            m.id = UUID(); m.positionID = p.id!; m.unitID = p.unitID; m.unitPath = p.unitPath; m.fullName = name; m.qualification = q
            m.startedOn = start!.iso; m.username = account.isEmpty ? nil : account; m.createdBy = actor.username
            try await m.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "create", entity: "staff_member", entityID: m.id!.uuidString, unitID: p.unitID, unitPath: p.unitPath, before: NoValue?.none,
                    after: ["position": p.title, "started_on": m.startedOn]))
            return m.id!
        }
    }

    /// A member leaves on a day (kept in the history; the place is free from then).
    public func leave(_ actor: Actor, memberID: UUID, on day: String, today: LocalDate) async throws {
        try actor.require(.manageUnits)
        var errors: [FieldError] = []
        let d = CareRepository.date(day, "left_on", today: today, into: &errors)
        if !errors.isEmpty { throw AppError.validation(errors) }
        try await store.write(actor) { tx, audit in
            let m = try await store.scoped(StaffMemberModel.self, memberID, actor, on: tx)
            guard m.leftOn == nil else { throw AppError.conflict(Message("staff.error.already_left")) }
            guard d!.iso >= m.startedOn else { throw AppError.invalid("left_on", "validation.end_before_start") }
            m.leftOn = d!.iso
            try await m.update(on: tx)
            audit.add(
                AuditRecord(
                    action: "staff_leave", entity: "staff_member", entityID: memberID.uuidString, unitID: m.unitID, unitPath: m.unitPath, before: NoValue?.none,
                    after: ["left_on": d!.iso]))
        }
    }

    func departments(_ actor: Actor) async throws -> [UUID: String] {
        Dictionary(
            try await store.scoped(OrgUnitModel.self, actor).filter(\.$kind == UnitKind.department.rawValue).all().map { ($0.id!, $0.name) },
            uniquingKeysWith: { a, _ in a })
    }

    /// The plan on `day`: each position, approved and filled (members started on or before the
    /// day and not left by it), by department.
    public func plan(_ actor: Actor, on day: LocalDate) async throws -> [StaffPlanLine] {
        try actor.require(.viewUsers)
        let names = try await departments(actor)
        let positions = try await store.scoped(StaffPositionModel.self, actor).sort(\.$unitPath).sort(\.$title).all()
        let members = try await store.scoped(StaffMemberModel.self, actor).filter(\.$startedOn <= day.iso).all()
            .filter { $0.leftOn.map { $0 > day.iso } ?? true }
        var filled: [UUID: Int] = [:]
        for m in members { filled[m.positionID, default: 0] += 1 }
        return positions.map {
            StaffPlanLine(positionID: $0.id!, department: names[$0.unitID] ?? "", title: $0.title, approved: $0.approved, filled: filled[$0.id!] ?? 0)
        }
    }

    public func members(_ actor: Actor, page: PageSpec) async throws -> ResultPage<StaffMemberRow> {
        try actor.require(.viewUsers)
        let names = try await departments(actor)
        let q = store.scoped(StaffMemberModel.self, actor)
        let total = try await q.count()
        let rows = try await store.scoped(StaffMemberModel.self, actor).sort(\.$unitPath).sort(\.$fullName).offset(page.offset).limit(page.perPage).all()
        let positions = Dictionary(
            try await StaffPositionModel.query(on: store.db).filter(\.$id ~~ Set(rows.map(\.positionID))).all().map { ($0.id!, $0.title) },
            uniquingKeysWith: { a, _ in a })
        return ResultPage(
            items: rows.map {
                StaffMemberRow(
                    id: $0.id!, fullName: $0.fullName, department: names[$0.unitID] ?? "", position: positions[$0.positionID] ?? "",
                    qualification: $0.qualification, startedOn: LocalDate(iso: $0.startedOn)!, leftOn: $0.leftOn.flatMap(LocalDate.init(iso:)),
                    username: $0.username)
            }, request: page, total: total)
    }

    /// The centre report's figures: departments under the centre, and staff in post on `day`.
    public func figures(_ actor: Actor, unitCode: String, on day: LocalDate) async throws -> (departments: Int, staff: Int) {
        guard let unit = try await CaseRepository(store).reachableUnit(actor, code: unitCode) else { throw AppError.notFound }
        let departments = try await OrgUnitModel.query(on: store.db).filter(\.$parentID == unit.id!).filter(\.$kind == UnitKind.department.rawValue)
            .all().compactMap(\.id)
        let staff = try await StaffMemberModel.query(on: store.db).filter(\.$unitID ~~ departments).filter(\.$startedOn <= day.iso).all()
            .filter { $0.leftOn.map { $0 > day.iso } ?? true }.count
        return (departments.count, staff)
    }
}

extension StaffRepository {
    /// One member of staff in the actor's units.
    public func member(_ actor: Actor, id: UUID) async throws -> StaffMemberRow {
        try actor.require(.viewUsers)
        let m = try await store.scoped(StaffMemberModel.self, id, actor)
        let p = try await StaffPositionModel.find(m.positionID, on: store.db)
        let d = try await OrgUnitModel.find(m.unitID, on: store.db)
        return StaffMemberRow(
            id: m.id!, fullName: m.fullName, department: d?.name ?? "", position: p?.title ?? "", qualification: m.qualification,
            startedOn: LocalDate(iso: m.startedOn)!, leftOn: m.leftOn.flatMap(LocalDate.init(iso:)), username: m.username)
    }
}
