import AnsinhCore
import FluentKit
import Foundation

/// Jobs and training of a ward: job seekers registered from the registry, suggestions of open
/// vacancies with the reasons, referrals followed to a hire or a refusal (this file); courses,
/// enrolments and outcomes (`Training.swift`); employers, vacancies and counselling sessions
/// (`Employers.swift`); the ward report's figures (`LivelihoodFigures.swift`).
public struct LivelihoodRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    /// Everything about one job seeker the officer works from.
    public struct SeekerFile: Sendable {
        public let seeker: JobSeeker
        public let suggestions: [JobSuggestion]
        public let referrals: [JobReferral]
        public let enrolments: [Enrolment]
    }

    /// Registers a resident of working age (15 or older: Labour Code 2019 Art. 3) as a job
    /// seeker, found by national ID in the actor's registry; once per person.
    public func register(_ actor: Actor, _ input: SeekerInput, today: LocalDate) async throws -> UUID {
        try actor.require(.manageLivelihood)
        var c = InputCheck()
        let skills = c.text(input.skills, "skills", max: 300)
        let wishes = c.text(input.wishes, "wishes", max: 500, optional: true)
        let constraints = c.text(input.constraints, "constraints", max: 500, optional: true)
        let found = try await person(actor, nationalID: input.nationalID, into: &c)
        if let (p, _) = found, today.year - p.birthYear < 15 { c.fail("national_id", "livelihood.error.age") }
        try c.check()
        let (p, place) = found!
        return try await store.write(actor) { tx, audit in
            if try await JobSeekerModel.query(on: tx).filter(\.$personID == p.id!).first() != nil {
                throw AppError.conflict(Message("livelihood.error.seeker_exists"))
            }
            let m = JobSeekerModel()
            m.id = UUID(); m.personID = p.id!; m.unitID = place.commune; m.groupID = place.group; m.unitPath = place.path
            m.skills = skills; m.wishes = wishes; m.constraints = constraints; m.status = SeekerStatus.seeking.rawValue; m.registeredOn = today.iso
            m.createdBy = actor.username
            try await m.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "job_seeker_register", entity: "job_seeker", entityID: m.id!.uuidString, unitID: place.commune, unitPath: place.path,
                    before: NoValue?.none, after: ["person_id": p.id!.uuidString, "skills": skills]))
            return m.id!
        }
    }

    /// The job seekers of the actor's units, newest first; `query` searches names and skills
    /// however they are typed (diacritics, đ), `status` is `seeking` or `placed`.
    public func seekers(_ actor: Actor, query: String = "", status: SeekerStatus? = nil, page: PageSpec) async throws -> ResultPage<JobSeeker> {
        try actor.require(.viewLivelihood)
        var all = try await views(try await store.scoped(JobSeekerModel.self, actor).sort(\.$registeredOn, .descending).all())
        let q = TextFolding.fold(query)
        if !q.isEmpty { all = all.filter { TextFolding.fold($0.name + " " + $0.skills).contains(q) } }
        if let status { all = all.filter { $0.status == status } }
        return ResultPage(items: Array(all.dropFirst(page.offset).prefix(page.perPage)), request: page, total: all.count)
    }

    /// One job seeker with the open vacancies suggested for them (best first, those they are
    /// already referred to left out), their referrals and their courses.
    public func seeker(_ actor: Actor, id: UUID) async throws -> SeekerFile {
        try actor.require(.viewLivelihood)
        let m = try await store.scoped(JobSeekerModel.self, id, actor)
        let s = try await views([m])[0]
        let referrals = try await JobReferralModel.query(on: store.db).filter(\.$seekerID == id).sort(\.$referredOn, .descending).all()
        let referred = Set(referrals.filter { $0.status != JobReferralLifecycle.State.notHired.rawValue }.map(\.vacancyID))
        let profile = SeekerProfile(skills: JobMatch.skills(m.skills), disability: s.disability, groupID: m.groupID, wardID: m.unitID)
        let open = try await store.scoped(VacancyModel.self, actor).filter(\.$open == true).all().filter { !referred.contains($0.id!) }
        let vacancies = Dictionary(uniqueKeysWithValues: try await vacancyViews(open).map { ($0.id, $0) })
        let suggestions = open.compactMap { v -> JobSuggestion? in
            let p = VacancyProfile(skills: JobMatch.skills(v.skills), suitsMildDisability: v.suitsMildDisability, groupID: v.groupID, wardID: v.unitID)
            return JobMatch.match(profile, p).map { JobSuggestion(vacancy: vacancies[v.id!]!, match: $0) }
        }.sorted { ($0.match.score, $1.vacancy.title) > ($1.match.score, $0.vacancy.title) }
        let enrolments = try await EnrolmentModel.query(on: store.db).filter(\.$seekerID == id).sort(\.$enrolledOn, .descending).all()
        return SeekerFile(
            seeker: s, suggestions: Array(suggestions.prefix(10)), referrals: try await referralViews(referrals),
            enrolments: try await enrolmentViews(enrolments))
    }

    /// Refers a job seeker to an open vacancy (not twice while a referral to it is open), on
    /// `referredOn` (today when empty).
    public func refer(_ actor: Actor, seekerID: UUID, vacancyID: UUID?, referredOn: String = "", today: LocalDate) async throws -> UUID {
        try actor.require(.manageLivelihood)
        var c = InputCheck()
        if vacancyID == nil { c.fail("vacancy_id", "validation.choice") }
        let day = referredOn.isEmpty ? today : c.date(referredOn, "referred_on", notAfter: today)
        try c.check()
        let vacancyID = vacancyID!
        return try await store.write(actor) { tx, audit in
            try await Store.lock(JobSeekerModel.self, seekerID, on: tx)
            let s = try await store.scoped(JobSeekerModel.self, seekerID, actor, on: tx)
            guard let v = try await store.reachable(VacancyModel.self, vacancyID, actor, on: tx), v.open else {
                throw AppError.invalid("vacancy_id", "livelihood.error.vacancy")
            }
            let active = [JobReferralLifecycle.State.referred.rawValue, JobReferralLifecycle.State.interviewed.rawValue]
            if try await JobReferralModel.query(on: tx).filter(\.$seekerID == seekerID).filter(\.$vacancyID == vacancyID).filter(\.$status ~~ active).first()
                != nil
            {
                throw AppError.conflict(Message("livelihood.error.referral_open"))
            }
            let r = JobReferralModel()
            r.id = UUID(); r.seekerID = seekerID; r.vacancyID = vacancyID; r.unitID = s.unitID; r.unitPath = s.unitPath
            r.status = JobReferralLifecycle.State.referred.rawValue; r.referredOn = day!.iso; r.createdBy = actor.username
            try await r.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "referral_create", entity: JobReferralLifecycle.entity, entityID: r.id!.uuidString, unitID: s.unitID, unitPath: s.unitPath,
                    before: NoValue?.none, after: ["seeker_id": seekerID.uuidString, "vacancy_id": vacancyID.uuidString]))
            return r.id!
        }
    }

    /// Closes a referral's loop: the interview day, the hire (start day and monthly wage: the
    /// seeker is placed, and the vacancy closes when its places are filled) or the reason it
    /// came to nothing.
    public func step(_ actor: Actor, referral id: UUID, _ t: JobReferralLifecycle.Transition, date: String, wage: Int64?, reason: String) async throws {
        try actor.require(.manageLivelihood)
        var c = InputCheck()
        var fields: [String: String] = [:]
        var day: LocalDate? = nil
        switch t {
        case .interview, .hire:
            let name = t == .interview ? "interview_on" : "start_on"
            fields[name] = date
            if !date.isEmpty { day = c.date(date, name) }
            if t == .hire {
                fields["wage"] = wage.map { "\($0)" } ?? ""
                if let wage { _ = c.number(wage, "wage", in: 1...1_000_000_000) }
            }
        case .decline:
            fields["reason"] = reason
            if !reason.isEmpty { _ = c.text(reason, "reason", max: 500) }
        }
        try c.check()
        let text = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        let (chosen, given) = (day, fields)
        try await store.transition(actor, JobReferralModel.self, id, t, fields: given) { r, tx, _ in
            if let chosen, chosen < LocalDate(iso: r.referredOn)! {
                throw AppError.invalid(t == .interview ? "interview_on" : "start_on", "livelihood.error.before_referral")
            }
            switch t {
            case .interview:
                r.interviewOn = chosen!.iso
                return ["interview_on": chosen!.iso]
            case .decline:
                r.reason = text
                return ["reason": text]
            case .hire:
                r.startOn = chosen!.iso; r.wage = wage
                if let s = try await JobSeekerModel.find(r.seekerID, on: tx) { s.status = SeekerStatus.placed.rawValue; try await s.save(on: tx) }
                if let v = try await VacancyModel.find(r.vacancyID, on: tx) {
                    let hired = try await JobReferralModel.query(on: tx).filter(\.$vacancyID == v.id!).filter(
                        \.$status == JobReferralLifecycle.State.hired.rawValue
                    )
                    .count()
                    if hired + 1 >= v.places { v.open = false; try await v.save(on: tx) }
                }
                return ["start_on": chosen!.iso, "wage": "\(wage!)"]
            }
        }
    }

    /// One referral (within the actor's units).
    public func referral(_ actor: Actor, id: UUID) async throws -> JobReferral {
        try actor.require(.viewLivelihood)
        return try await referralViews([try await store.scoped(JobReferralModel.self, id, actor)])[0]
    }

    /// The ward named by code, within the actor's units.
    func ward(_ actor: Actor, code: String, into c: inout InputCheck) async throws -> OrgUnitModel? {
        let w = try await OrgUnitModel.query(on: store.db).filter(\.$code == code).filter(\.$kind == UnitKind.commune.rawValue).first()
        guard let w, actor.covers(path: w.path) else {
            c.fail("unit", "request.error.unit")
            return nil
        }
        return w
    }

    /// The ward named by code within the actor's units and, when a code is given, one of its
    /// residential groups (the employers', the works' place).
    func place(_ actor: Actor, unitCode: String, groupCode: String, into c: inout InputCheck) async throws -> (OrgUnitModel?, OrgUnitModel?) {
        let w = try await ward(actor, code: unitCode, into: &c)
        guard let w, !groupCode.isEmpty else { return (w, nil) }
        let group = try await OrgUnitModel.query(on: store.db).filter(\.$parentID == w.id!).filter(\.$code == groupCode).first()
        if group == nil { c.fail("group", "request.error.group") }
        return (w, group)
    }

    /// The living person with this national ID in the actor's registry, and their household's place.
    func person(_ actor: Actor, nationalID: String, into c: inout InputCheck) async throws -> (PersonModel, DecisionRepository.Place)? {
        let id = NationalID.normalise(nationalID.trimmingCharacters(in: .whitespaces))
        guard NationalID.isWellFormed(id) else {
            c.fail("national_id", "validation.national_id_digits")
            return nil
        }
        let p = try await store.scoped(PersonModel.self, actor).filter(\.$nationalID == id).filter(\.$mergedInto == nil).first()
        return try await placed(p, field: "national_id", into: &c)
    }

    /// The living person `id` of the actor's registry (chosen from a list), and their household's place.
    func person(_ actor: Actor, id: UUID, into c: inout InputCheck) async throws -> (PersonModel, DecisionRepository.Place)? {
        try await placed(try await store.reachable(PersonModel.self, id, actor), field: "person_id", into: &c)
    }

    /// `p` with their household's place when they are living and not merged; otherwise `field`
    /// is named with the reason.
    private func placed(_ p: PersonModel?, field: String, into c: inout InputCheck) async throws -> (PersonModel, DecisionRepository.Place)? {
        guard let p, p.mergedInto == nil, p.deathDate == nil else {
            c.fail(field, "livelihood.error.person")
            return nil
        }
        do {
            return (p, try await DecisionRepository(store).place(p, on: store.db))
        } catch AppError.validation {
            c.fail(field, "decision.error.no_household")
            return nil
        }
    }

    /// A household's official classes, period → class (the support of a course and the loans
    /// read the latest by a day: `PovertyClass.latest`).
    func classes(of household: UUID, on db: any Database) async throws -> [Int: PovertyClass] {
        let rows = try await HouseholdClassificationModel.query(on: db).filter(\.$householdID == household).all()
        return Dictionary(rows.compactMap { r in PovertyClass(rawValue: r.povertyClass).map { (r.period, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    func views(_ rows: [JobSeekerModel]) async throws -> [JobSeeker] {
        let persons = try await self.persons(Set(rows.map(\.personID)))
        let names = try await CaseRepository(store).unitNames(rows.map(\.unitID) + rows.compactMap(\.groupID))
        return rows.map { r in
            let p = persons[r.personID]
            return JobSeeker(
                id: r.id!, personID: r.personID, name: p?.fullName ?? "", birthYear: p?.birthYear ?? 0,
                disability: DisabilityLevel(rawValue: p?.disabilityLevel ?? "") ?? .none, wardName: names[r.unitID] ?? "",
                groupName: r.groupID.flatMap { names[$0] }, skills: r.skills, wishes: r.wishes, constraints: r.constraints,
                status: SeekerStatus(rawValue: r.status) ?? .seeking,
                registeredOn: LocalDate(iso: r.registeredOn)!)
        }
    }

    func persons(_ ids: Set<UUID>) async throws -> [UUID: PersonModel] {
        var out: [UUID: PersonModel] = [:]
        for chunk in Array(ids).chunked(500) { for p in try await PersonModel.query(on: store.db).filter(\.$id ~~ chunk).all() { out[p.id!] = p } }
        return out
    }
}
