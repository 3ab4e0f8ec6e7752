import AnsinhCore
import FluentKit
import Foundation

public struct EnrolmentInput: Sendable {
    public var unitID: UUID?
    public var residentID: UUID?
    public var fullName = ""
    public var gender = ""
    public var birthDate = ""
    public var referral = ""
    public var diagnosis = ""
    public var enrolledOn = ""
    public init() {}
}

public struct EnrolmentRow: Sendable, Equatable {
    public let id: UUID
    public let fullName: String
    public let birthDate: LocalDate
    public let enrolledOn: LocalDate
    public let status: TherapyLifecycle.State
}

public struct MeasureRow: Sendable, Equatable {
    public let domain: TherapyDomain
    public let instrument: String
    public let day: LocalDate
    public let score: Int
    public let note: String?
}

/// One child of the programme. The diagnosis, the measures and the session notes are of the
/// psychotherapy class: nil for a role without it, and every read of them audited.
public struct EnrolmentView: Sendable {
    public let row: EnrolmentRow
    public let gender: String
    public let residentID: UUID?
    public let referral: String
    public let startedOn: LocalDate?
    public let dischargedOn: LocalDate?
    public let outcome: String?
    public let diagnosis: String?
    public let measures: [MeasureRow]?
    public let progress: [DomainProgress]?
    public let sessions: [AttendedSession]
}

/// The free psychotherapy programme for children with autism and mental disorders: enrolment
/// (the waiting list first), treatment with standard measures on a schedule, discharge with an
/// outcome.
public struct TherapyRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    public func enrol(_ actor: Actor, _ input: EnrolmentInput, today: LocalDate) async throws -> UUID {
        try actor.require(.manageCare)
        var errors: [FieldError] = []
        let name = CareRepository.text(input.fullName, "full_name", max: 120, into: &errors)
        if Gender(rawValue: input.gender) == nil { errors.append(FieldError(field: "gender", message: Message("validation.choice"))) }
        let birth = CareRepository.date(input.birthDate, "birth_date", today: today, into: &errors)
        let referral = CareRepository.text(input.referral, "referral", max: 200, into: &errors)
        let diagnosis = CareRepository.text(input.diagnosis, "diagnosis", max: 500, into: &errors)
        let enrolled = CareRepository.date(input.enrolledOn, "enrolled_on", today: today, into: &errors)
        if !errors.isEmpty { throw AppError.validation(errors) }
        return try await store.write(actor) { tx, audit in
            let unit = try await CareRepository(store).centre(actor, input.unitID, on: tx)
            if let r = input.residentID { _ = try await store.scoped(CareResidentModel.self, r, actor, on: tx) }
            let e = TherapyEnrolmentModel()
            e.id = UUID(); e.unitID = unit.id!; e.unitPath = unit.path; e.residentID = input.residentID; e.fullName = name; e.gender = input.gender
            e.birthDate = birth!.iso; e.referral = referral; e.diagnosis = diagnosis; e.enrolledOn = enrolled!.iso
            e.status = TherapyLifecycle.State.waiting.rawValue; e.createdBy = actor.username
            try await e.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "enrol", entity: TherapyLifecycle.entity, entityID: e.id!.uuidString, unitID: unit.id, unitPath: unit.path, before: NoValue?.none,
                    after: ["enrolled_on": e.enrolledOn]))
            return e.id!
        }
    }

    public func start(_ actor: Actor, id: UUID, on day: String, today: LocalDate) async throws {
        try TherapyLifecycle.authorize(.start, role: actor.role, fields: ["started_on": day])
        var errors: [FieldError] = []
        let d = CareRepository.date(day, "started_on", today: today, into: &errors)
        if !errors.isEmpty { throw AppError.validation(errors) }
        try await store.transition(actor, TherapyEnrolmentModel.self, id, .start, fields: ["started_on": day]) { e, _, _ in
            guard d!.iso >= e.enrolledOn else { throw AppError.invalid("started_on", "validation.end_before_start") }
            e.startedOn = d!.iso
            return ["started_on": d!.iso]
        }
    }

    public func measure(
        _ actor: Actor, id: UUID, domain: String, instrument: String, day: String, score: Int?, note: String, today: LocalDate
    ) async throws {
        try TherapyLifecycle.authorize(.measure, role: actor.role, fields: ["instrument": instrument])
        var errors: [FieldError] = []
        let dom = TherapyDomain(rawValue: domain)
        if dom == nil { errors.append(FieldError(field: "domain", message: Message("validation.choice"))) }
        let inst = CareRepository.text(instrument, "instrument", max: 60, into: &errors)
        let d = CareRepository.date(day, "day", today: today, into: &errors)
        if score == nil || !(0...1000).contains(score!) {
            errors.append(FieldError(field: "score", message: Message("validation.range", ["min": "0", "max": "1000"])))
        }
        if note.count > 1000 { errors.append(FieldError(field: "note", message: Message("validation.too_long", ["max": "1000"]))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        try await store.transition(actor, TherapyEnrolmentModel.self, id, .measure, fields: ["instrument": instrument]) { e, tx, _ in
            guard let started = e.startedOn, d!.iso >= started else { throw AppError.invalid("day", "therapy.error.before_start") }
            let m = TherapyMeasureModel()
            m.id = UUID(); m.enrolmentID = id; m.unitPath = e.unitPath; m.domain = dom!.rawValue; m.instrument = inst; m.day = d!.iso; m.score = score!
            m.note = note.isEmpty ? nil : note; m.recordedBy = actor.username
            try await m.create(on: tx)
            // The audit entry names the measure, not the score (psychotherapy class).
            return ["measure": m.id!.uuidString, "day": d!.iso]
        }
    }

    public func discharge(_ actor: Actor, id: UUID, outcome: String, on day: String, today: LocalDate) async throws {
        try TherapyLifecycle.authorize(.discharge, role: actor.role, fields: ["outcome": outcome])
        var errors: [FieldError] = []
        let text = CareRepository.text(outcome, "outcome", max: 1000, into: &errors)
        let d = CareRepository.date(day, "discharged_on", today: today, into: &errors)
        if !errors.isEmpty { throw AppError.validation(errors) }
        try await store.transition(actor, TherapyEnrolmentModel.self, id, .discharge, fields: ["outcome": outcome]) { e, _, _ in
            guard d!.iso >= e.enrolledOn else { throw AppError.invalid("discharged_on", "validation.end_before_start") }
            e.dischargedOn = d!.iso; e.outcome = text
            return ["discharged_on": d!.iso]
        }
    }

    static func row(_ e: TherapyEnrolmentModel) -> EnrolmentRow {
        EnrolmentRow(
            id: e.id!, fullName: e.fullName, birthDate: LocalDate(iso: e.birthDate)!, enrolledOn: LocalDate(iso: e.enrolledOn)!, status: e.lifecycleState)
    }

    /// The children of the programme in a state; the waiting list in the order they came.
    public func enrolments(_ actor: Actor, status: TherapyLifecycle.State?, page: PageSpec) async throws -> ResultPage<EnrolmentRow> {
        try actor.require(.viewCare)
        let q = store.scoped(TherapyEnrolmentModel.self, actor)
        if let status { q.filter(\.$status == status.rawValue) }
        let total = try await q.count()
        let rows = try await q.copy().sort(\.$enrolledOn).sort(\.$fullName).offset(page.offset).limit(page.perPage).all()
        return ResultPage(items: rows.map(Self.row), request: page, total: total)
    }

    public func enrolment(_ actor: Actor, id: UUID) async throws -> EnrolmentView {
        try actor.require(.viewCare)
        let e = try await store.scoped(TherapyEnrolmentModel.self, id, actor)
        let psycho = actor.role.canView(.psychotherapy)
        var measures: [MeasureRow]? = nil
        if psycho {
            measures = try await TherapyMeasureModel.query(on: store.db).filter(\.$enrolmentID == id).sort(\.$day).all().map {
                MeasureRow(domain: TherapyDomain(rawValue: $0.domain)!, instrument: $0.instrument, day: LocalDate(iso: $0.day)!, score: $0.score, note: $0.note)
            }
            try await store.audit(
                actor,
                [
                    AuditRecord(
                        action: "read_sensitive", entity: TherapyLifecycle.entity, entityID: id.uuidString, unitID: e.unitID, unitPath: e.unitPath,
                        before: NoValue?.none, after: ["fields": "therapy"])
                ])
        }
        return EnrolmentView(
            row: Self.row(e), gender: e.gender, residentID: e.residentID, referral: e.referral, startedOn: e.startedOn.flatMap(LocalDate.init(iso:)),
            dischargedOn: e.dischargedOn.flatMap(LocalDate.init(iso:)), outcome: e.outcome, diagnosis: psycho ? e.diagnosis : nil, measures: measures,
            progress: measures.map { DomainProgress.of($0.map { ($0.domain, $0.instrument, $0.day, $0.score) }) },
            sessions: try await CareRepository(store).attended(actor, enrolment: id))
    }

    /// The centre report's figures: children in treatment on the year's last day, therapy
    /// sessions held in the year.
    public func figures(_ actor: Actor, unitCode: String, year: Int) async throws -> (inTreatment: Int, sessions: Int) {
        try actor.require(.viewCare)
        guard let unit = try await CaseRepository(store).reachableUnit(actor, code: unitCode) else { throw AppError.notFound }
        let end = LocalDate(year: year, month: 12, day: 31)!.iso
        let children = try await store.scoped(TherapyEnrolmentModel.self, actor).filter(\.$unitID == unit.id!).all().filter {
            ($0.startedOn.map { $0 <= end } ?? false) && ($0.dischargedOn.map { $0 > end } ?? true)
        }.count
        let sessions = try await store.scoped(CareSessionModel.self, actor).filter(\.$unitID == unit.id!).filter(\.$kind == SessionKind.therapy.rawValue)
            .filter(\.$day >= "\(year)-01-01").filter(\.$day <= end).count()
        return (children, sessions)
    }
}
