import AnsinhCore
import FluentKit
import Foundation

/// Vocational courses: the course, its learners with the state's support for the cost as the
/// rules price it (`LivelihoodRules`), completion with the certificate, and the outcome at 3, 6
/// and 12 months.
extension LivelihoodRepository {
    public func createCourse(_ actor: Actor, _ input: CourseInput) async throws -> UUID {
        try actor.require(.manageLivelihood)
        var c = InputCheck()
        let title = c.text(input.title, "title", max: 200), trade = c.text(input.trade, "trade", max: 100)
        let provider = c.text(input.provider, "provider", max: 200)
        let starts = c.date(input.startsOn, "starts_on"), ends = c.date(input.endsOn, "ends_on")
        if let starts, let ends, ends < starts { c.fail("ends_on", "validation.end_before_start") }
        let places = c.number(input.places, "places", in: 1...500), cost = c.number(input.cost, "cost", in: 0...100_000_000)
        let w = try await ward(actor, code: input.unitCode, into: &c)
        try c.check()
        return try await store.write(actor) { tx, audit in
            let m = CourseModel()
            m.id = UUID(); m.unitID = w!.id!; m.unitPath = w!.path; m.title = title; m.trade = trade; m.provider = provider
            m.startsOn = starts!.iso; m.endsOn = ends!.iso; m.places = places; m.cost = cost; m.createdBy = actor.username
            try await m.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "course_create", entity: "course", entityID: m.id!.uuidString, unitID: w!.id, unitPath: w!.path, before: NoValue?.none,
                    after: ["title": title, "starts_on": starts!.iso, "ends_on": ends!.iso, "places": "\(places)", "cost": "\(cost)"]))
            return m.id!
        }
    }

    /// The courses of the actor's units, latest start first.
    public func courses(_ actor: Actor, page: PageSpec) async throws -> ResultPage<Course> {
        try actor.require(.viewLivelihood)
        let q = store.scoped(CourseModel.self, actor)
        let total = try await q.count()
        let rows = try await q.sort(\.$startsOn, .descending).sort(\.$title).range(page.offset..<(page.offset + page.perPage)).all()
        return ResultPage(items: try await courseViews(rows), request: page, total: total)
    }

    /// One course and its learners.
    public func course(_ actor: Actor, id: UUID) async throws -> (Course, [Enrolment]) {
        try actor.require(.viewLivelihood)
        let m = try await store.scoped(CourseModel.self, id, actor)
        let rows = try await EnrolmentModel.query(on: store.db).filter(\.$courseID == id).sort(\.$enrolledOn).all()
        return (try await courseViews([m])[0], try await enrolmentViews(rows))
    }

    /// One enrolment (within the actor's units).
    public func enrolment(_ actor: Actor, id: UUID) async throws -> Enrolment {
        try actor.require(.viewLivelihood)
        return try await enrolmentViews([try await store.scoped(EnrolmentModel.self, id, actor)])[0]
    }

    /// Enrols a registered job seeker (by national ID) on a course with a place, on a day up to
    /// the course's end (`enrolledOn`, today when empty: a paper list is entered afterwards); the
    /// support is priced from the person's disability level and their household's latest
    /// official class (`LivelihoodRules.group`).
    public func enrol(_ actor: Actor, courseID: UUID, nationalID: String, enrolledOn: String = "", today: LocalDate) async throws -> UUID {
        try actor.require(.manageLivelihood)
        var c = InputCheck()
        let day = enrolledOn.isEmpty ? today : c.date(enrolledOn, "enrolled_on", notAfter: today)
        let found = try await person(actor, nationalID: nationalID, into: &c)
        try c.check()
        let (p, place) = found!
        let rules = LivelihoodRules.shared
        return try await store.write(actor) { tx, audit in
            try await Store.lock(CourseModel.self, courseID, on: tx)
            let course = try await store.scoped(CourseModel.self, courseID, actor, on: tx)
            if LocalDate(iso: course.endsOn)! < day! { throw AppError.conflict(Message("livelihood.error.course_over")) }
            guard let seeker = try await JobSeekerModel.query(on: tx).filter(\.$personID == p.id!).first() else {
                throw AppError.invalid("national_id", "livelihood.error.not_seeker")
            }
            let taken = try await EnrolmentModel.query(on: tx).filter(\.$courseID == courseID).all()
            if taken.contains(where: { $0.personID == p.id! }) { throw AppError.conflict(Message("livelihood.error.enrolled")) }
            if taken.filter({ $0.status != EnrolmentLifecycle.State.dropped.rawValue }).count >= course.places {
                throw AppError.conflict(Message("livelihood.error.course_full"))
            }
            let group = LivelihoodRules.group(
                disability: DisabilityLevel(rawValue: p.disabilityLevel) ?? .none,
                povertyClass: PovertyClass.latest(try await classes(of: place.household, on: tx), upTo: day!.year))
            let e = EnrolmentModel()
            e.id = UUID(); e.courseID = courseID; e.seekerID = seeker.id!; e.personID = p.id!; e.unitID = seeker.unitID; e.unitPath = seeker.unitPath
            e.status = EnrolmentLifecycle.State.enrolled.rawValue; e.trainingGroup = group.rawValue
            e.support = rules.support(cost: course.cost, group: group); e.enrolledOn = day!.iso
            try await e.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "enrolment_create", entity: EnrolmentLifecycle.entity, entityID: e.id!.uuidString, unitID: seeker.unitID,
                    unitPath: seeker.unitPath, before: NoValue?.none,
                    after: ["course_id": courseID.uuidString, "seeker_id": seeker.id!.uuidString, "group": group.rawValue, "support": "\(e.support)"]))
            return e.id!
        }
    }

    /// Completes (day and certificate number) or drops (reason) an enrolment.
    public func step(
        _ actor: Actor, enrolment id: UUID, _ t: EnrolmentLifecycle.Transition, completedOn: String, certificate: String, reason: String,
        today: LocalDate
    ) async throws {
        try actor.require(.manageLivelihood)
        var c = InputCheck()
        var day: LocalDate? = nil
        let fields = t == .complete ? ["completed_on": completedOn] : ["reason": reason]
        let cert = c.text(certificate, "certificate", max: 60, optional: true)
        if t == .complete, !completedOn.isEmpty { day = c.date(completedOn, "completed_on", notAfter: today) }
        let why = t == .drop && !reason.isEmpty ? c.text(reason, "reason", max: 500) : ""
        try c.check()
        let done = day
        try await store.transition(actor, EnrolmentModel.self, id, t, fields: fields) { e, tx, _ in
            guard t == .complete else {
                e.reason = why
                return ["reason": why]
            }
            if let course = try await CourseModel.find(e.courseID, on: tx), done! < LocalDate(iso: course.startsOn)! {
                throw AppError.invalid("completed_on", "livelihood.error.before_course")
            }
            e.completedOn = done!.iso; e.certificate = cert.isEmpty ? nil : cert
            return ["completed_on": done!.iso, "certificate": cert]
        }
    }

    /// Records what a former learner does at one of the follow-up months, once it is due.
    public func recordOutcome(_ actor: Actor, enrolment id: UUID, month: Int?, status: String, income: Int64?, today: LocalDate) async throws {
        try actor.require(.manageLivelihood)
        var c = InputCheck()
        let rules = LivelihoodRules.shared
        if month == nil || !rules.followUpMonths.contains(month!) { c.fail("month", "validation.choice") }
        if CourseOutcomeStatus(rawValue: status) == nil { c.fail("status", "validation.choice") }
        let income = c.number(income, "monthly_income", in: 0...1_000_000_000)
        try c.check()
        try await store.write(actor) { tx, audit in
            try await Store.lock(EnrolmentModel.self, id, on: tx)
            let e = try await store.scoped(EnrolmentModel.self, id, actor, on: tx)
            guard e.lifecycleState == .completed, let done = e.completedOn.flatMap(LocalDate.init(iso:)) else {
                throw AppError.conflict(Message("livelihood.error.not_completed"))
            }
            let due = done.adding(months: month!)
            if today < due { throw AppError.conflict(Message("livelihood.error.outcome_early", ["due": due.iso])) }
            if try await CourseOutcomeModel.query(on: tx).filter(\.$enrolmentID == id).filter(\.$month == month!).first() != nil {
                throw AppError.conflict(Message("livelihood.error.outcome_recorded"))
            }
            let o = CourseOutcomeModel()
            o.id = UUID(); o.enrolmentID = id; o.unitPath = e.unitPath; o.month = month!; o.recordedOn = today.iso; o.status = status
            o.monthlyIncome = income
            try await o.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "course_outcome", entity: EnrolmentLifecycle.entity, entityID: id.uuidString, unitID: e.unitID, unitPath: e.unitPath,
                    before: NoValue?.none, after: ["month": "\(month!)", "status": status, "monthly_income": "\(income)"]))
        }
    }

    /// The follow-ups due by `today` and not yet recorded, oldest first.
    public func followUpsDue(_ actor: Actor, today: LocalDate) async throws -> [FollowUpDue] {
        try actor.require(.viewLivelihood)
        let rows = try await store.scoped(EnrolmentModel.self, actor).filter(\.$status == EnrolmentLifecycle.State.completed.rawValue).all()
        return try await enrolmentViews(rows).flatMap { e in
            e.pending.filter { $0.due <= today }.map {
                FollowUpDue(enrolmentID: e.id, courseID: e.courseID, personName: e.personName, courseTitle: e.courseTitle, month: $0.month, due: $0.due)
            }
        }.sorted { ($0.due, $0.personName) < ($1.due, $1.personName) }
    }

    func courseViews(_ rows: [CourseModel]) async throws -> [Course] {
        let ids = rows.map { $0.id! }
        var enrolled: [UUID: Int] = [:], completed: [UUID: Int] = [:]
        for chunk in ids.chunked(500) {
            for e in try await EnrolmentModel.query(on: store.db).filter(\.$courseID ~~ chunk).all() {
                if e.lifecycleState != .dropped { enrolled[e.courseID, default: 0] += 1 }
                if e.lifecycleState == .completed { completed[e.courseID, default: 0] += 1 }
            }
        }
        let names = try await CaseRepository(store).unitNames(rows.map(\.unitID))
        return rows.map { m in
            Course(
                id: m.id!, wardName: names[m.unitID] ?? "", title: m.title, trade: m.trade, provider: m.provider, startsOn: LocalDate(iso: m.startsOn)!,
                endsOn: LocalDate(iso: m.endsOn)!, places: m.places, cost: m.cost, enrolled: enrolled[m.id!] ?? 0, completed: completed[m.id!] ?? 0)
        }
    }

    func enrolmentViews(_ rows: [EnrolmentModel]) async throws -> [Enrolment] {
        let persons = try await self.persons(Set(rows.map(\.personID)))
        var titles: [UUID: String] = [:], outcomes: [UUID: [CourseOutcome]] = [:]
        for chunk in Array(Set(rows.map(\.courseID))).chunked(500) {
            for c in try await CourseModel.query(on: store.db).filter(\.$id ~~ chunk).all() { titles[c.id!] = c.title }
        }
        for chunk in rows.map({ $0.id! }).chunked(500) {
            for o in try await CourseOutcomeModel.query(on: store.db).filter(\.$enrolmentID ~~ chunk).sort(\.$month).all() {
                outcomes[o.enrolmentID, default: []].append(
                    CourseOutcome(
                        month: o.month, recordedOn: LocalDate(iso: o.recordedOn)!, status: CourseOutcomeStatus(rawValue: o.status) ?? .notWorking,
                        monthlyIncome: o.monthlyIncome))
            }
        }
        let rules = LivelihoodRules.shared
        return rows.map { e in
            let done = e.completedOn.flatMap(LocalDate.init(iso:))
            let recorded = Set((outcomes[e.id!] ?? []).map(\.month))
            let pending = done.map { d in rules.followUps(completed: d).filter { !recorded.contains($0.month) }.map { FollowUp(month: $0.month, due: $0.due) } }
            return Enrolment(
                id: e.id!, courseID: e.courseID, courseTitle: titles[e.courseID] ?? "", seekerID: e.seekerID, personName: persons[e.personID]?.fullName ?? "",
                status: e.lifecycleState, group: TrainingGroup(rawValue: e.trainingGroup) ?? .other, support: e.support,
                enrolledOn: LocalDate(iso: e.enrolledOn)!, completedOn: done, certificate: e.certificate, reason: e.reason, outcomes: outcomes[e.id!] ?? [],
                pending: pending ?? [])
        }
    }
}
