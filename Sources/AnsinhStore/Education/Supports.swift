import AnsinhCore
import FluentKit
import Foundation
import SQLKit

extension EducationRepository {
    /// What the rules give each pupil, from the registry as it stood on the school year's first
    /// day: the pupil's disability and merit, their circumstances (no source of care), the
    /// household's latest official class and the area's flag.
    func supports(for pupils: [PupilModel], schools: [UUID: SchoolModel], year: SchoolYear) async throws -> [UUID: EducationSupport] {
        let db = store.db, day = year.firstDay
        let personIDs = Array(Set(pupils.map(\.personID))), householdIDs = Array(Set(pupils.map(\.householdID)))
        let persons = try await LivelihoodRepository(store).persons(Set(personIDs))
        var merit = Set<UUID>(), classes: [UUID: [Int: PovertyClass]] = [:]
        var circumstances: [UUID: PersonCircumstances] = [:], households: [UUID: HouseholdModel] = [:]
        for chunk in personIDs.chunked(500) {
            merit.formUnion(try await MeritRecordModel.query(on: db).filter(\.$personID ~~ chunk).filter(\.$since <= day.iso).all().map(\.personID))
            circumstances.merge(try await PersonFactsRepository.current(chunk, on: day, db: db)) { _, b in b }
        }
        for chunk in householdIDs.chunked(500) {
            for h in try await HouseholdModel.query(on: db).filter(\.$id ~~ chunk).all() { households[h.id!] = h }
            for c in try await HouseholdClassificationModel.query(on: db).filter(\.$householdID ~~ chunk).all() {
                if let k = PovertyClass(rawValue: c.povertyClass) { classes[c.householdID, default: [:]][c.period] = k }
            }
        }
        let flags = try await UnitFactKey.difficultAreas(on: day, db: db)
        var out: [UUID: EducationSupport] = [:]
        for pupil in pupils {
            guard let s = schools[pupil.schoolID], let p = persons[pupil.personID] else { continue }
            var f = EducationFacts(
                level: SchoolLevel(rawValue: s.level) ?? .primary, ownership: SchoolOwnership(rawValue: s.ownership) ?? .public, year: year)
            f.merit = p.hasMerit || merit.contains(p.id!)
            f.disability = (DisabilityLevel(rawValue: p.disabilityLevel) ?? .none) != DisabilityLevel.none
            let c = circumstances[p.id!] ?? PersonCircumstances()
            f.noSourceOfCare = c.noSourceOfCare
            f.householdClass = PovertyClass.latest(classes[pupil.householdID] ?? [:], upTo: year.start)
            if let h = households[pupil.householdID] { f.difficultArea = UnitFactKey.isDifficult(flags, group: h.groupID, commune: h.communeID) }
            out[pupil.id!] = EducationRules.shared.support(f)
        }
        return out
    }

    /// Works the school's list for `year` out again from today's registry: a pupil newly
    /// entitled is added, a proposal still open follows the facts (or goes when nothing is
    /// left), what the school applied or refused stays as agreed. Returns the lines added,
    /// changed and removed.
    public func refresh(_ actor: Actor, school id: UUID, year: Int?, today: LocalDate) async throws -> (added: Int, changed: Int, removed: Int) {
        try actor.require(.manageEducation)
        var c = InputCheck()
        let y = c.number(year, "school_year", in: Self.years(today: today))
        try c.check()
        let school = try await store.scoped(SchoolModel.self, id, actor)
        let pupils = try await PupilModel.query(on: store.db).filter(\.$schoolID == id).filter(\.$schoolYear == y).all()
        let now = try await supports(for: pupils, schools: [id: school], year: SchoolYear(y))
        return try await store.write(actor) { tx, audit in
            let existing = Dictionary(
                try await EducationSupportModel.query(on: tx).filter(\.$schoolID == id).filter(\.$schoolYear == y).all().map { ($0.pupilID, $0) },
                uniquingKeysWith: { a, _ in a })
            var added = 0, changed = 0, removed = 0
            for pupil in pupils {
                let support = now[pupil.id!]
                guard let m = existing[pupil.id!] else {
                    if let support, support.isEntitled { try await Self.insert(support, for: pupil, on: tx); added += 1 }
                    continue
                }
                guard m.lifecycleState == .proposed else { continue }
                guard let support, support.isEntitled else { try await m.delete(on: tx); removed += 1; continue }
                let before = [m.tuition, "\(m.tuitionPercent)", m.tuitionGrounds, m.learningCostGrounds, "\(m.learningCost)"]
                m.set(support)
                if before != [m.tuition, "\(m.tuitionPercent)", m.tuitionGrounds, m.learningCostGrounds, "\(m.learningCost)"] {
                    try await m.save(on: tx); changed += 1
                }
            }
            audit.add(
                AuditRecord(
                    action: "education_list", entity: "school", entityID: id.uuidString, unitID: school.unitID, unitPath: school.unitPath,
                    before: NoValue?.none, after: ["school_year": "\(y)", "added": "\(added)", "changed": "\(changed)", "removed": "\(removed)"]))
            return (added, changed, removed)
        }
    }

    /// A page of the school's list for `year` (all, or one state), by household and name.
    public func list(_ actor: Actor, school id: UUID, year: SchoolYear, status: EducationSupportLifecycle.State?, page: PageSpec) async throws
        -> ResultPage<PupilSupport>
    {
        let (items, total) = try await lines(actor, school: id, year: year, status: status, page: page)
        return ResultPage(items: items, request: page, total: total)
    }

    /// The whole list of the school for `year`, to agree with the school (the export).
    public func allLines(_ actor: Actor, school id: UUID, year: SchoolYear) async throws -> [PupilSupport] {
        try await lines(actor, school: id, year: year, status: nil, page: nil).0
    }

    func lines(_ actor: Actor, school id: UUID, year: SchoolYear, status: EducationSupportLifecycle.State?, page: PageSpec?) async throws -> (
        [PupilSupport], Int
    ) {
        try actor.require(.viewEducation)
        let school = try await store.scoped(SchoolModel.self, id, actor)
        let only: SQLQueryString = status.map { "AND s.status = \(bind: $0.rawValue)" } ?? ""
        let condition: SQLQueryString =
            "FROM education_supports s JOIN persons p ON p.id = s.person_id JOIN pupils u ON u.id = s.pupil_id JOIN households h ON h.id = u.household_id "
            + "WHERE s.school_id = \(bind: id) AND s.school_year = \(bind: year.start) AND \(UnitScope.condition("s.unit_path", actor.scopePath, on: store.db)) "
            + only
        let total = try await sql(store.db).raw("SELECT COUNT(*) AS n " + condition).first()?.decode(column: "n", as: Int.self) ?? 0
        let paging: SQLQueryString = page.map { " LIMIT \(unsafeRaw: String($0.perPage)) OFFSET \(unsafeRaw: String($0.offset))" } ?? ""
        return (try await rows(condition + " ORDER BY h.code, p.full_name" + paging, school: school), total)
    }

    /// One line of a list, within the actor's units.
    public func support(_ actor: Actor, id: UUID) async throws -> PupilSupport {
        try actor.require(.viewEducation)
        let m = try await store.scoped(EducationSupportModel.self, id, actor)
        let school = try await SchoolModel.find(m.schoolID, on: store.db)!
        let condition: SQLQueryString =
            "FROM education_supports s JOIN persons p ON p.id = s.person_id JOIN pupils u ON u.id = s.pupil_id JOIN households h ON h.id = u.household_id "
            + "WHERE s.id = \(bind: id)"
        return try await rows(condition, school: school)[0]
    }

    func rows(_ from: SQLQueryString, school: SchoolModel) async throws -> [PupilSupport] {
        try await sql(store.db).raw(
            """
            SELECT s.id, s.pupil_id, s.person_id, s.school_year, s.tuition, s.tuition_percent, s.tuition_grounds, s.learning_cost_grounds,
              s.learning_cost, s.status, s.applied_on, s.reason, p.full_name, p.birth_date, p.birth_year, h.code, u.grade
            """ + " " + from
        ).all().map { r in
            func grounds(_ c: String) throws -> [EducationGround] {
                try r.decode(column: c, as: String.self).split(separator: ",").compactMap { EducationGround(rawValue: String($0)) }
            }
            let birth = try r.decode(column: "birth_date", as: String?.self) ?? ""
            return PupilSupport(
                id: try r.decode(column: "id", as: UUID.self), pupilID: try r.decode(column: "pupil_id", as: UUID.self),
                personID: try r.decode(column: "person_id", as: UUID.self), name: try r.decode(column: "full_name", as: String.self),
                birth: birth.isEmpty ? String(try r.decode(column: "birth_year", as: Int.self)) : birth,
                householdCode: try r.decode(column: "code", as: String.self), grade: try r.decode(column: "grade", as: String.self),
                schoolID: school.id!, schoolName: school.name, schoolYear: SchoolYear(try r.decode(column: "school_year", as: Int.self)),
                tuition: TuitionTreatment(rawValue: try r.decode(column: "tuition", as: String.self)) ?? .none,
                tuitionPercent: try r.decode(column: "tuition_percent", as: Int.self), tuitionGrounds: try grounds("tuition_grounds"),
                learningCostGrounds: try grounds("learning_cost_grounds"), learningCost: try r.decode(column: "learning_cost", as: Int64.self),
                status: EducationSupportLifecycle.State(rawValue: try r.decode(column: "status", as: String.self)) ?? .proposed,
                appliedOn: try r.decode(column: "applied_on", as: String?.self), reason: try r.decode(column: "reason", as: String?.self))
        }
    }

    /// Records what the school did with a line: applied on a day (not after today, not before
    /// the school year's first day) or not applied with the reason.
    public func step(_ actor: Actor, support id: UUID, _ t: EducationSupportLifecycle.Transition, date: String, reason: String, today: LocalDate)
        async throws
    {
        try actor.require(EducationSupportLifecycle.rule(t).permission)
        var c = InputCheck(), fields: [String: String] = [:], day: LocalDate? = nil, text = ""
        switch t {
        case .apply:
            fields["applied_on"] = date
            if !date.isEmpty { day = c.date(date, "applied_on", notAfter: today) }
        case .decline:
            fields["reason"] = reason
            if !reason.isEmpty { text = c.text(reason, "reason", max: 500) }
        }
        try c.check()
        let (chosen, why) = (day, text)
        try await store.transition(actor, EducationSupportModel.self, id, t, fields: fields) { m, _, _ in
            switch t {
            case .apply:
                if chosen! < LocalDate(year: m.schoolYear, month: 1, day: 1)! { throw AppError.invalid("applied_on", "education.error.before_year") }
                m.appliedOn = chosen!.iso
                return ["applied_on": chosen!.iso]
            case .decline:
                m.reason = why
                return ["reason": why]
            }
        }
    }
}
