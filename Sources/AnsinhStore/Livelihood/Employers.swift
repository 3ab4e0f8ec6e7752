import AnsinhCore
import FluentKit
import Foundation

/// Employers in and around the ward with their vacancies, and the counselling sessions and job
/// fairs held with the employment service centre, with who came.
extension LivelihoodRepository {
    public func createEmployer(_ actor: Actor, _ input: EmployerInput) async throws -> UUID {
        try actor.require(.manageLivelihood)
        var c = InputCheck()
        let name = c.text(input.name, "name", max: 200), sector = c.text(input.sector, "sector", max: 100)
        let address = c.text(input.address, "address", max: 300)
        let typed = c.text(input.phone, "phone", max: 20, optional: true), phone = PhoneNumber.normalise(typed)
        if !typed.isEmpty, phone == nil { c.fail("phone", "request.error.phone") }
        let (w, group) = try await place(actor, unitCode: input.unitCode, groupCode: input.groupCode, into: &c)
        try c.check()
        let unit = group ?? w!
        return try await store.write(actor) { tx, audit in
            let m = EmployerModel()
            m.id = UUID(); m.unitID = w!.id!; m.groupID = group?.id; m.unitPath = unit.path; m.name = name; m.sector = sector; m.address = address
            m.phone = phone; m.createdBy = actor.username
            try await m.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "employer_create", entity: "employer", entityID: m.id!.uuidString, unitID: w!.id, unitPath: unit.path, before: NoValue?.none,
                    after: ["name": name, "sector": sector]))
            return m.id!
        }
    }

    /// The employers of the actor's units with their vacancies, by name.
    public func employers(_ actor: Actor, page: PageSpec) async throws -> ResultPage<Employer> {
        try actor.require(.viewLivelihood)
        let q = store.scoped(EmployerModel.self, actor)
        let total = try await q.count()
        let rows = try await q.sort(\.$name).range(page.offset..<(page.offset + page.perPage)).all()
        return ResultPage(items: try await employerViews(rows), request: page, total: total)
    }

    /// One employer with its vacancies (within the actor's units).
    public func employer(_ actor: Actor, id: UUID) async throws -> Employer {
        try actor.require(.viewLivelihood)
        return try await employerViews([try await store.scoped(EmployerModel.self, id, actor)])[0]
    }

    func employerViews(_ rows: [EmployerModel]) async throws -> [Employer] {
        var vacancies: [UUID: [Vacancy]] = [:]
        for chunk in rows.map({ $0.id! }).chunked(500) {
            let vs = try await VacancyModel.query(on: store.db).filter(\.$employerID ~~ chunk).sort(\.$openedOn, .descending).all()
            for v in try await vacancyViews(vs) { vacancies[v.employerID, default: []].append(v) }
        }
        let names = try await CaseRepository(store).unitNames(rows.compactMap(\.groupID))
        return rows.map {
            Employer(
                id: $0.id!, name: $0.name, sector: $0.sector, address: $0.address, phone: $0.phone, groupName: $0.groupID.flatMap { names[$0] },
                vacancies: vacancies[$0.id!] ?? [])
        }
    }

    /// Opens a vacancy of an employer.
    public func addVacancy(_ actor: Actor, employerID: UUID, _ input: VacancyInput, today: LocalDate) async throws -> UUID {
        try actor.require(.manageLivelihood)
        var c = InputCheck()
        let title = c.text(input.title, "title", max: 200), skills = c.text(input.skills, "skills", max: 300, optional: true)
        let places = c.number(input.places, "places", in: 1...1000), wage = c.number(input.wage, "wage", in: 0...1_000_000_000)
        try c.check()
        return try await store.write(actor) { tx, audit in
            let e = try await store.scoped(EmployerModel.self, employerID, actor, on: tx)
            let v = VacancyModel()
            v.id = UUID(); v.employerID = employerID; v.unitID = e.unitID; v.groupID = e.groupID; v.unitPath = e.unitPath; v.title = title
            v.skills = skills; v.places = places; v.wage = wage; v.suitsMildDisability = input.suitsMildDisability; v.open = true; v.openedOn = today.iso
            try await v.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "vacancy_create", entity: "employer", entityID: employerID.uuidString, unitID: e.unitID, unitPath: e.unitPath,
                    before: NoValue?.none, after: ["vacancy_id": v.id!.uuidString, "title": title, "places": "\(places)", "wage": "\(wage)"]))
            return v.id!
        }
    }

    public func createEvent(_ actor: Actor, _ input: EventInput, today: LocalDate) async throws -> UUID {
        try actor.require(.manageLivelihood)
        var c = InputCheck()
        if LivelihoodEventKind(rawValue: input.kind) == nil { c.fail("kind", "validation.choice") }
        let title = c.text(input.title, "title", max: 200), place = c.text(input.place, "place", max: 200)
        let partner = c.text(input.partner, "partner", max: 200, optional: true)
        let held = c.date(input.heldOn, "held_on")
        let w = try await ward(actor, code: input.unitCode, into: &c)
        try c.check()
        return try await store.write(actor) { tx, audit in
            let m = LivelihoodEventModel()
            m.id = UUID(); m.unitID = w!.id!; m.unitPath = w!.path; m.kind = input.kind; m.title = title; m.heldOn = held!.iso; m.place = place
            m.partner = partner; m.createdBy = actor.username
            try await m.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "livelihood_event_create", entity: "livelihood_event", entityID: m.id!.uuidString, unitID: w!.id, unitPath: w!.path,
                    before: NoValue?.none, after: ["kind": input.kind, "title": title, "held_on": held!.iso]))
            return m.id!
        }
    }

    /// The counselling sessions and job fairs of the actor's units, latest first, with who came.
    public func events(_ actor: Actor, page: PageSpec) async throws -> ResultPage<LivelihoodEvent> {
        try actor.require(.viewLivelihood)
        let q = store.scoped(LivelihoodEventModel.self, actor)
        let total = try await q.count()
        let rows = try await q.sort(\.$heldOn, .descending).range(page.offset..<(page.offset + page.perPage)).all()
        return ResultPage(items: try await eventViews(rows), request: page, total: total)
    }

    /// One counselling session or job fair with who came (within the actor's units).
    public func event(_ actor: Actor, id: UUID) async throws -> LivelihoodEvent {
        try actor.require(.viewLivelihood)
        return try await eventViews([try await store.scoped(LivelihoodEventModel.self, id, actor)])[0]
    }

    func eventViews(_ rows: [LivelihoodEventModel]) async throws -> [LivelihoodEvent] {
        var people: [UUID: [UUID]] = [:]
        for chunk in rows.map({ $0.id! }).chunked(500) {
            for a in try await EventAttendanceModel.query(on: store.db).filter(\.$eventID ~~ chunk).all() { people[a.eventID, default: []].append(a.personID) }
        }
        let persons = try await self.persons(Set(people.values.flatMap { $0 }))
        return rows.map { m in
            LivelihoodEvent(
                id: m.id!, kind: LivelihoodEventKind(rawValue: m.kind) ?? .counselling, title: m.title, heldOn: LocalDate(iso: m.heldOn)!,
                place: m.place, partner: m.partner, attendees: (people[m.id!] ?? []).compactMap { persons[$0]?.fullName }.sorted())
        }
    }

    /// Records that a resident (by national ID) came to a session or fair; once each.
    public func attend(_ actor: Actor, eventID: UUID, nationalID: String) async throws {
        try actor.require(.manageLivelihood)
        var c = InputCheck()
        let found = try await person(actor, nationalID: nationalID, into: &c)
        try c.check()
        let (p, place) = found!
        try await store.write(actor) { tx, audit in
            let e = try await store.scoped(LivelihoodEventModel.self, eventID, actor, on: tx)
            if try await EventAttendanceModel.query(on: tx).filter(\.$eventID == eventID).filter(\.$personID == p.id!).first() != nil {
                throw AppError.conflict(Message("livelihood.error.attended"))
            }
            let a = EventAttendanceModel()
            a.id = UUID(); a.eventID = eventID; a.personID = p.id!; a.unitPath = place.path
            try await a.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "livelihood_event_attend", entity: "livelihood_event", entityID: eventID.uuidString, unitID: e.unitID, unitPath: e.unitPath,
                    before: NoValue?.none, after: ["person_id": p.id!.uuidString]))
        }
    }

    func vacancyViews(_ rows: [VacancyModel]) async throws -> [Vacancy] {
        var employers: [UUID: String] = [:]
        for chunk in Array(Set(rows.map(\.employerID))).chunked(500) {
            for e in try await EmployerModel.query(on: store.db).filter(\.$id ~~ chunk).all() { employers[e.id!] = e.name }
        }
        let names = try await CaseRepository(store).unitNames(rows.compactMap(\.groupID))
        return rows.map { v in
            Vacancy(
                id: v.id!, employerID: v.employerID, employerName: employers[v.employerID] ?? "", title: v.title, skills: v.skills, places: v.places,
                wage: v.wage, suitsMildDisability: v.suitsMildDisability, open: v.open, groupName: v.groupID.flatMap { names[$0] })
        }
    }

    func referralViews(_ rows: [JobReferralModel]) async throws -> [JobReferral] {
        var vacancies: [UUID: Vacancy] = [:]
        for chunk in Array(Set(rows.map(\.vacancyID))).chunked(500) {
            for v in try await vacancyViews(try await VacancyModel.query(on: store.db).filter(\.$id ~~ chunk).all()) { vacancies[v.id] = v }
        }
        var seekers: [UUID: UUID] = [:]
        for chunk in Array(Set(rows.map(\.seekerID))).chunked(500) {
            for s in try await JobSeekerModel.query(on: store.db).filter(\.$id ~~ chunk).all() { seekers[s.id!] = s.personID }
        }
        let persons = try await self.persons(Set(seekers.values))
        return rows.map { r in
            let v = vacancies[r.vacancyID]
            return JobReferral(
                id: r.id!, seekerID: r.seekerID, seekerName: seekers[r.seekerID].flatMap { persons[$0]?.fullName } ?? "", vacancyTitle: v?.title ?? "",
                employerName: v?.employerName ?? "", status: r.lifecycleState, referredOn: LocalDate(iso: r.referredOn)!,
                interviewOn: r.interviewOn.flatMap(LocalDate.init(iso:)), startOn: r.startOn.flatMap(LocalDate.init(iso:)), wage: r.wage, reason: r.reason)
        }
    }
}
