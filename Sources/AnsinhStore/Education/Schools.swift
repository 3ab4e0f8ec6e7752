import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Education support of a ward's children: the schools the ward works with and its children at
/// a school per school year (this file); each pupil's support, the school's list and what the
/// school applied (`Supports.swift`); the ward report's figures (`EducationFigures.swift`).
public struct EducationRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    /// The school years a form offers: from 2020 to the one after today's.
    public static func years(today: LocalDate) -> ClosedRange<Int> { 2020...(SchoolYear.of(today).start + 1) }

    /// Records a school of a ward in the actor's units (one name per ward).
    public func addSchool(_ actor: Actor, _ input: SchoolInput) async throws -> UUID {
        try actor.require(.manageEducation)
        var c = InputCheck()
        let name = c.text(input.name, "name", max: 200)
        let address = c.text(input.address, "address", max: 300, optional: true)
        let contact = c.text(input.contact, "contact", max: 200, optional: true)
        let level = SchoolLevel(rawValue: input.level), ownership = SchoolOwnership(rawValue: input.ownership)
        if level == nil { c.fail("level", "validation.choice") }
        if ownership == nil { c.fail("ownership", "validation.choice") }
        let ward = try await LivelihoodRepository(store).ward(actor, code: input.unitCode, into: &c)
        try c.check()
        let w = ward!
        return try await store.write(actor) { tx, audit in
            if try await SchoolModel.query(on: tx).filter(\.$unitID == w.id!).filter(\.$name == name).first() != nil {
                throw AppError.conflict(Message("education.error.school_exists"))
            }
            let m = SchoolModel()
            m.id = UUID(); m.unitID = w.id!; m.unitPath = w.path; m.name = name; m.level = level!.rawValue; m.ownership = ownership!.rawValue
            m.address = address; m.contact = contact; m.createdBy = actor.username
            try await m.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "school_create", entity: "school", entityID: m.id!.uuidString, unitID: w.id!, unitPath: w.path, before: NoValue?.none,
                    after: ["name": name, "level": level!.rawValue, "ownership": ownership!.rawValue]))
            return m.id!
        }
    }

    /// The schools of the actor's units by name, each with its pupils, supports and supports
    /// applied in `year`.
    public func schools(_ actor: Actor, year: SchoolYear) async throws -> [School] {
        try actor.require(.viewEducation)
        let rows = try await store.scoped(SchoolModel.self, actor).sort(\.$name).all()
        return try await views(rows, year: year)
    }

    /// One school of the actor's units with its figures for `year`.
    public func school(_ actor: Actor, id: UUID, year: SchoolYear) async throws -> School {
        try actor.require(.viewEducation)
        return try await views([try await store.scoped(SchoolModel.self, id, actor)], year: year)[0]
    }

    func views(_ rows: [SchoolModel], year: SchoolYear) async throws -> [School] {
        guard !rows.isEmpty else { return [] }
        let ids = rows.compactMap(\.id)
        var pupils: [UUID: Int] = [:], supported: [UUID: Int] = [:], applied: [UUID: Int] = [:]
        for r in try await sql(store.db).raw(
            """
            SELECT p.school_id, COUNT(*) AS n, COUNT(s.id) AS supported,
              SUM(CASE WHEN s.status = \(bind: EducationSupportLifecycle.State.applied.rawValue) THEN 1 ELSE 0 END) AS applied
            FROM pupils p LEFT JOIN education_supports s ON s.pupil_id = p.id
            WHERE p.school_id IN (\(binds: ids)) AND p.school_year = \(bind: year.start) GROUP BY p.school_id
            """
        ).all() {
            let id = try r.decode(column: "school_id", as: UUID.self)
            pupils[id] = try r.decode(column: "n", as: Int.self); supported[id] = try r.decode(column: "supported", as: Int.self)
            applied[id] = try r.decode(column: "applied", as: Int?.self) ?? 0
        }
        let names = try await CaseRepository(store).unitNames(rows.map(\.unitID))
        return rows.map { m in
            School(
                id: m.id!, name: m.name, level: SchoolLevel(rawValue: m.level) ?? .primary, ownership: SchoolOwnership(rawValue: m.ownership) ?? .public,
                address: m.address, contact: m.contact, wardName: names[m.unitID] ?? "", pupils: pupils[m.id!] ?? 0, supported: supported[m.id!] ?? 0,
                applied: applied[m.id!] ?? 0)
        }
    }

    /// Records a living child of the actor's registry at a school of the actor's units for a
    /// school year (one school per child and year), and works out their support at once.
    public func recordPupil(_ actor: Actor, _ input: PupilInput, today: LocalDate) async throws -> UUID {
        try actor.require(.manageEducation)
        var c = InputCheck()
        let grade = c.text(input.grade, "grade", max: 20, optional: true)
        let year = c.number(input.schoolYear, "school_year", in: Self.years(today: today))
        var school: SchoolModel? = nil
        if let id = input.schoolID { school = try await store.reachable(SchoolModel.self, id, actor) }
        if school == nil { c.fail("school_id", "validation.choice") }
        let people = LivelihoodRepository(store)
        let found =
            if let id = input.personID, input.nationalID.isEmpty {
                try await people.person(actor, id: id, into: &c)
            } else {
                try await people.person(actor, nationalID: input.nationalID, into: &c)
            }
        try c.check()
        let (p, place) = found!, s = school!
        let pupil = PupilModel()
        pupil.id = UUID(); pupil.personID = p.id!; pupil.householdID = place.household; pupil.schoolID = s.id!; pupil.schoolYear = year
        pupil.grade = grade; pupil.unitPath = place.path; pupil.recordedBy = actor.username
        let support = try await supports(for: [pupil], schools: [s.id!: s], year: SchoolYear(year))[pupil.id!]!
        return try await store.write(actor) { tx, audit in
            if try await PupilModel.query(on: tx).filter(\.$personID == p.id!).filter(\.$schoolYear == year).first() != nil {
                throw AppError.conflict(Message("education.error.pupil_exists", ["year": SchoolYear(year).label]))
            }
            try await pupil.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "pupil_record", entity: "pupil", entityID: pupil.id!.uuidString, unitID: place.commune, unitPath: place.path,
                    before: NoValue?.none, after: ["person_id": p.id!.uuidString, "school_id": s.id!.uuidString, "school_year": "\(year)", "grade": grade]))
            if support.isEntitled { try await Self.insert(support, for: pupil, on: tx) }
            return pupil.id!
        }
    }

    static func insert(_ support: EducationSupport, for pupil: PupilModel, on tx: any Database) async throws {
        let m = EducationSupportModel()
        m.id = UUID(); m.pupilID = pupil.id!; m.personID = pupil.personID; m.schoolID = pupil.schoolID; m.schoolYear = pupil.schoolYear
        m.unitPath = pupil.unitPath; m.set(support); m.status = EducationSupportLifecycle.State.proposed.rawValue
        try await m.create(on: tx)
    }

    /// The children of school age in the actor's units with no school recorded for `year`, by
    /// household and name: no one is missed because nobody wrote them down.
    public func withoutSchool(_ actor: Actor, year: SchoolYear, page: PageSpec) async throws -> ResultPage<ChildWithoutSchool> {
        try actor.require(.viewEducation)
        let db = store.db, s = sql(db)
        // Children start preschool in the year they turn 3 and finish grade 12 in the year
        // they turn 17 (entry by birth year: Law on Education 2019 Art. 28).
        let condition: SQLQueryString = """
            FROM persons p JOIN memberships m ON m.person_id = p.id AND m.end_date IS NULL
            JOIN households h ON h.id = m.household_id AND h.status = 'active'
            WHERE \(UnitScope.condition("h.unit_path", actor.scopePath, on: db)) AND p.merged_into IS NULL AND p.death_date IS NULL
            AND p.birth_year BETWEEN \(bind: year.start - 17) AND \(bind: year.start - 3)
            AND NOT EXISTS (SELECT 1 FROM pupils u WHERE u.person_id = p.id AND u.school_year = \(bind: year.start))
            """
        let total = try await s.raw("SELECT COUNT(*) AS n " + condition).first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await s.raw(
            "SELECT p.id, p.full_name, p.birth_date, p.birth_year, h.code " + condition
                + " ORDER BY h.code, p.full_name LIMIT \(unsafeRaw: String(page.perPage)) OFFSET \(unsafeRaw: String(page.offset))"
        ).all()
        let items = try rows.map { r in
            ChildWithoutSchool(
                personID: try r.decode(column: "id", as: UUID.self), name: try r.decode(column: "full_name", as: String.self),
                birth: try r.decode(column: "birth_date", as: String?.self).flatMap { $0.isEmpty ? nil : $0 }
                    ?? String(try r.decode(column: "birth_year", as: Int.self)),
                householdCode: try r.decode(column: "code", as: String.self))
        }
        return ResultPage(items: items, request: page, total: total)
    }

    /// The name of a living person of the actor's registry (the pupil form carried from the list
    /// of children with no school), nil when out of reach.
    public func personName(_ actor: Actor, id: UUID) async throws -> String? {
        try actor.require(.viewEducation)
        guard let p = try await store.reachable(PersonModel.self, id, actor), p.mergedInto == nil, p.deathDate == nil else { return nil }
        return p.fullName
    }
}
