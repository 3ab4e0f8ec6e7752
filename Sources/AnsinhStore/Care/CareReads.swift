import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Rooms and beds, the residents, one resident, occupancy on a day, the report's figures.
extension CareRepository {
    /// Adds a room with `beds` beds (numbered 1…n) to a department of the centre.
    public func addRoom(_ actor: Actor, departmentID: UUID?, code: String, sex: String, beds: Int?) async throws -> UUID {
        try actor.require(.admitResidents)
        var errors: [FieldError] = []
        if departmentID == nil { errors.append(FieldError(field: "department_id", message: Message("validation.required"))) }
        let code = Self.text(code, "code", max: 30, into: &errors)
        if !["male", "female", "mixed"].contains(sex) { errors.append(FieldError(field: "sex", message: Message("validation.choice"))) }
        guard let beds, (1...40).contains(beds) else {
            throw AppError.validation(errors + [FieldError(field: "beds", message: Message("validation.range", ["min": "1", "max": "40"]))])
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return try await store.write(actor) { tx, audit in
            guard let d = try await store.reachable(OrgUnitModel.self, departmentID!, actor, on: tx), d.kind == UnitKind.department.rawValue else {
                throw AppError.invalid("department_id", "validation.parent_not_found")
            }
            if try await CareRoomModel.query(on: tx).filter(\.$unitID == d.id!).filter(\.$code == code).first() != nil {
                throw AppError.invalid("code", "validation.code_taken", ["code": code])
            }
            let room = CareRoomModel()
            room.id = UUID(); room.unitID = d.id!; room.unitPath = d.path; room.code = code; room.sex = sex
            try await room.create(on: tx)
            for n in 1...beds {
                let b = CareBedModel()
                b.id = UUID(); b.roomID = room.id!; b.unitPath = d.path; b.code = "\(code)-\(n)"
                try await b.create(on: tx)
            }
            audit.add(
                AuditRecord(
                    action: "create", entity: "care_room", entityID: room.id!.uuidString, unitID: d.id, unitPath: d.path, before: NoValue?.none,
                    after: ["code": code, "sex": sex, "beds": "\(beds)"]))
            return room.id!
        }
    }

    /// The rooms in the actor's units, with each bed and who sleeps in it on `day`.
    public func rooms(_ actor: Actor, on day: LocalDate) async throws -> [RoomView] {
        try actor.require(.viewCare)
        let rooms = try await store.scoped(CareRoomModel.self, actor).sort(\.$unitPath).sort(\.$code).all()
        let beds = try await CareBedModel.query(on: store.db).filter(\.$roomID ~~ rooms.compactMap(\.id)).sort(\.$code).all()
        let occupants = try await occupants(beds.compactMap(\.id), on: day)
        let names = try await OrgUnitModel.query(on: store.db).filter(\.$id ~~ Set(rooms.map(\.unitID))).all()
        let departments = Dictionary(names.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        return rooms.map { room in
            RoomView(
                id: room.id!, department: departments[room.unitID] ?? "", code: room.code, sex: room.sex,
                beds: beds.filter { $0.roomID == room.id }.map { b in
                    BedView(id: b.id!, code: b.code, occupant: occupants[b.id!]?.1, occupantID: occupants[b.id!]?.0)
                })
        }
    }

    /// Who was in each bed on `day`: a stay that began on or before it and ended after it.
    func occupants(_ beds: [UUID], on day: LocalDate) async throws -> [UUID: (UUID, String)] {
        guard !beds.isEmpty else { return [:] }
        var out: [UUID: (UUID, String)] = [:]
        for chunk in beds.chunked(500) {
            for r in try await sql(store.db).raw(
                """
                SELECT s.bed_id, r.id, r.full_name FROM care_bed_stays s JOIN care_residents r ON r.id = s.resident_id
                WHERE s.bed_id IN (\(binds: chunk)) AND s.from_date <= \(bind: day.iso) AND (s.until_date IS NULL OR s.until_date > \(bind: day.iso))
                """
            ).all() {
                out[try r.decode(column: "bed_id", as: UUID.self)] = (
                    try r.decode(column: "id", as: UUID.self), try r.decode(column: "full_name", as: String.self)
                )
            }
        }
        return out
    }

    func row(_ r: CareResidentModel, bed: String?) -> ResidentRow {
        ResidentRow(
            id: r.id!, fullName: r.fullName, gender: r.gender, birthDate: LocalDate(iso: r.birthDate)!, basis: AdmissionBasis(rawValue: r.basis)!,
            stay: StayKind(rawValue: r.stay) ?? .residential, admittedOn: LocalDate(iso: r.admittedOn)!, status: r.lifecycleState, bed: bed)
    }

    /// The residents in the actor's units: in care (or discharged, or all), a name search,
    /// newest admission first.
    public func residents(_ actor: Actor, status: ResidentLifecycle.State?, query: String?, page: PageSpec) async throws -> ResultPage<ResidentRow> {
        try actor.require(.viewCare)
        let q = store.scoped(CareResidentModel.self, actor)
        if let status { q.filter(\.$status == status.rawValue) }
        var rows = try await q.sort(\.$admittedOn, .descending).sort(\.$fullName).all()
        if let query, !query.trimmingCharacters(in: .whitespaces).isEmpty {
            let key = TextFolding.fold(query)
            rows = rows.filter { TextFolding.fold($0.fullName).contains(key) }
        }
        let slice = Array(rows.dropFirst(page.offset).prefix(page.perPage))
        let beds = try await currentBeds(slice.compactMap(\.id))
        return ResultPage(items: slice.map { row($0, bed: beds[$0.id!]) }, request: page, total: rows.count)
    }

    func currentBeds(_ residents: [UUID]) async throws -> [UUID: String] {
        guard !residents.isEmpty else { return [:] }
        var out: [UUID: String] = [:]
        for chunk in residents.chunked(500) {
            for r in try await sql(store.db).raw(
                "SELECT s.resident_id, b.code FROM care_bed_stays s JOIN care_beds b ON b.id = s.bed_id WHERE s.until_date IS NULL AND s.resident_id IN (\(binds: chunk))"
            ).all() {
                out[try r.decode(column: "resident_id", as: UUID.self)] = try r.decode(column: "code", as: String.self)
            }
        }
        return out
    }

    /// Who is in care on `day` (admitted on or before it, not discharged before or on it) by
    /// department of their bed, sex and age group, with the beds of each department.
    public func occupancy(_ actor: Actor, on day: LocalDate) async throws -> OccupancyView {
        try actor.require(.viewCare)
        var v = OccupancyView(day: day)
        let residents = try await store.scoped(CareResidentModel.self, actor).filter(\.$admittedOn <= day.iso).all()
            .filter { $0.dischargedOn.map { $0 > day.iso } ?? true }
        v.residents = residents.count
        for r in residents {
            v.bySex[r.gender, default: 0] += 1
            v.byAgeGroup[CareAgeGroup.of(age: LocalDate(iso: r.birthDate)!.age(on: day)), default: 0] += 1
        }
        let rooms = try await rooms(actor, on: day)
        var lines: [String: (Int, Int)] = [:]
        var inBed = Set<UUID>()
        for room in rooms {
            lines[room.department, default: (0, 0)].0 += room.beds.count
            lines[room.department, default: (0, 0)].1 += room.beds.filter { $0.occupant != nil }.count
            room.beds.compactMap(\.occupantID).forEach { inBed.insert($0) }
        }
        v.byDepartment = lines.keys.sorted().map { OccupancyView.Line(department: $0, beds: lines[$0]!.0, occupied: lines[$0]!.1) }
        v.withoutBed = residents.filter { !inBed.contains($0.id!) }.count
        return v
    }

    /// The centre report's figures for a year: in care on its last day, children under 16 and
    /// adults (temporary shelter stays apart); admitted and discharged during it.
    public func figures(_ actor: Actor, unitCode: String, year: Int) async throws -> CareFigures {
        try actor.require(.viewCare)
        guard let unit = try await CaseRepository(store).reachableUnit(actor, code: unitCode) else { throw AppError.notFound }
        let end = LocalDate(year: year, month: 12, day: 31)!
        let first = LocalDate(year: year, month: 1, day: 1)!
        var f = CareFigures()
        for r in try await store.scoped(CareResidentModel.self, actor).filter(\.$unitID == unit.id!).all() {
            let admitted = LocalDate(iso: r.admittedOn)!, left = r.dischargedOn.flatMap(LocalDate.init(iso:))
            if admitted >= first && admitted <= end { f.admitted += 1 }
            if let left, left >= first && left <= end { f.discharged += 1 }
            guard admitted <= end, left.map({ $0 > end }) ?? true else { continue }
            if r.stay == StayKind.shelter.rawValue {
                f.inShelter += 1
            } else if LocalDate(iso: r.birthDate)!.age(on: end) < 16 {
                f.children += 1
            } else {
                f.adults += 1
            }
        }
        return f
    }
}
