import AnsinhCore
import FluentKit
import Foundation

/// A resident's schooling or training: general school, vocational course, college or
/// university, with its result or certificate (Decree 20/2021 Art. 26(2): a resident who studies
/// stays until graduation, at most to 22).
public final class CareEducationModel: Model, @unchecked Sendable {
    public static let schema = "care_education"
    @ID(key: .id) public var id: UUID?
    @Field(key: "resident_id") public var residentID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "kind") public var kind: String
    @Field(key: "institution") public var institution: String
    @Field(key: "course") public var course: String
    @Field(key: "from_date") public var fromDate: String
    @OptionalField(key: "until_date") public var untilDate: String?
    @OptionalField(key: "result") public var result: String?
    @Field(key: "recorded_by") public var recordedBy: String
    public init() {}
}

/// A job found for a resident after their training: employer, job, start day, monthly wage.
public final class CarePlacementModel: Model, @unchecked Sendable {
    public static let schema = "care_placements"
    @ID(key: .id) public var id: UUID?
    @Field(key: "resident_id") public var residentID: UUID
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "employer") public var employer: String
    @Field(key: "job") public var job: String
    @Field(key: "started_on") public var startedOn: String
    @OptionalField(key: "monthly_wage") public var monthlyWage: Int64?
    @Field(key: "recorded_by") public var recordedBy: String
    public init() {}
}

public struct EducationRow: Sendable, Equatable {
    public let kind: EducationKind
    public let institution: String
    public let course: String
    public let from: LocalDate
    public let until: LocalDate?
    public let result: String?
}

public struct PlacementRow: Sendable, Equatable {
    public let employer: String
    public let job: String
    public let startedOn: LocalDate
    public let monthlyWage: Int64?
}

/// Schooling, training and the jobs found after them.
extension CareRepository {
    public func recordEducation(
        _ actor: Actor, residentID: UUID, kind: String, institution: String, course: String, from: String, until: String, result: String,
        today: LocalDate
    ) async throws {
        try actor.require(.manageCare)
        var errors: [FieldError] = []
        let k = EducationKind(rawValue: kind)
        if k == nil { errors.append(FieldError(field: "kind", message: Message("validation.choice"))) }
        let inst = Self.text(institution, "institution", max: 200, into: &errors)
        let c = Self.text(course, "course", max: 200, into: &errors)
        let start = Self.date(from, "from", today: today, into: &errors)
        let end = until.isEmpty ? nil : LocalDate(iso: until)
        if !until.isEmpty && end == nil { errors.append(FieldError(field: "until", message: Message("validation.date"))) }
        if let start, let end, end < start { errors.append(FieldError(field: "until", message: Message("validation.end_before_start"))) }
        if result.count > 500 { errors.append(FieldError(field: "result", message: Message("validation.too_long", ["max": "500"]))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        try await store.transition(actor, CareResidentModel.self, residentID, .recordCare) { r, tx, _ in
            let e = CareEducationModel()
            e.id = UUID(); e.residentID = residentID; e.unitPath = r.unitPath; e.kind = k!.rawValue; e.institution = inst; e.course = c
            e.fromDate = start!.iso; e.untilDate = end?.iso; e.result = result.isEmpty ? nil : result; e.recordedBy = actor.username
            try await e.create(on: tx)
            return ["education": e.kind, "from": e.fromDate]
        }
    }

    /// A job found for a resident (in care, or discharged when they left for it).
    public func recordPlacement(
        _ actor: Actor, residentID: UUID, employer: String, job: String, startedOn: String, monthlyWage: String, today: LocalDate
    ) async throws {
        try actor.require(.manageCare)
        var errors: [FieldError] = []
        let emp = Self.text(employer, "employer", max: 200, into: &errors)
        let j = Self.text(job, "job", max: 200, into: &errors)
        let start = Self.date(startedOn, "started_on", today: today, into: &errors)
        let wage = monthlyWage.isEmpty ? nil : ImportTable.dong(monthlyWage)
        if !monthlyWage.isEmpty && wage == nil { errors.append(FieldError(field: "monthly_wage", message: Message("validation.number"))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        try await store.write(actor) { tx, audit in
            let r = try await store.scoped(CareResidentModel.self, residentID, actor, on: tx)
            let p = CarePlacementModel()
            p.id = UUID(); p.residentID = residentID; p.unitID = r.unitID; p.unitPath = r.unitPath; p.employer = emp; p.job = j
            p.startedOn = start!.iso; p.monthlyWage = wage; p.recordedBy = actor.username
            try await p.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "job_placement", entity: ResidentLifecycle.entity, entityID: residentID.uuidString, unitID: r.unitID, unitPath: r.unitPath,
                    before: NoValue?.none, after: ["employer": emp, "started_on": p.startedOn]))
        }
    }

    public func education(_ actor: Actor, residentID: UUID) async throws -> (education: [EducationRow], placements: [PlacementRow]) {
        try actor.require(.viewCare)
        _ = try await store.scoped(CareResidentModel.self, residentID, actor)
        let e = try await CareEducationModel.query(on: store.db).filter(\.$residentID == residentID).sort(\.$fromDate, .descending).all().map {
            EducationRow(
                kind: EducationKind(rawValue: $0.kind)!, institution: $0.institution, course: $0.course, from: LocalDate(iso: $0.fromDate)!,
                until: $0.untilDate.flatMap(LocalDate.init(iso:)), result: $0.result)
        }
        let p = try await CarePlacementModel.query(on: store.db).filter(\.$residentID == residentID).sort(\.$startedOn, .descending).all().map {
            PlacementRow(employer: $0.employer, job: $0.job, startedOn: LocalDate(iso: $0.startedOn)!, monthlyWage: $0.monthlyWage)
        }
        return (e, p)
    }

    /// Young people helped into a job in the year: residents with a placement starting in it.
    public func placedInJobs(_ actor: Actor, unitCode: String, year: Int) async throws -> Int {
        try actor.require(.viewCare)
        guard let unit = try await CaseRepository(store).reachableUnit(actor, code: unitCode) else { throw AppError.notFound }
        let rows = try await store.scoped(CarePlacementModel.self, actor).filter(\.$unitID == unit.id!).filter(\.$startedOn >= "\(year)-01-01")
            .filter(\.$startedOn <= "\(year)-12-31").all()
        return Set(rows.map(\.residentID)).count
    }
}

extension CarePlacementModel: UnitScoped {
    public static var unitPathKey: KeyPath<CarePlacementModel, FieldProperty<CarePlacementModel, String>> { \.$unitPath }
}
