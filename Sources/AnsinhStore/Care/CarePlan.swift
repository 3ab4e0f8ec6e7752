import AnsinhCore
import FluentKit
import Foundation

/// A goal of a resident's care plan in one domain, with the day it should be reached by.
public final class CareGoalModel: Model, UnitScoped, @unchecked Sendable {
    public static let schema = "care_goals"
    @ID(key: .id) public var id: UUID?
    @Field(key: "resident_id") public var residentID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "domain") public var domain: String
    @Field(key: "goal") public var goal: String
    @OptionalField(key: "target_date") public var targetDate: String?
    @Field(key: "status") public var status: String
    /// The review day the goal was marked achieved or dropped.
    @OptionalField(key: "status_on") public var statusOn: String?
    @Field(key: "created_by") public var createdBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
    public static var unitPathKey: KeyPath<CareGoalModel, FieldProperty<CareGoalModel, String>> { \.$unitPath }
}

/// A review of the plan: what was found, and when the next review is due.
public final class CarePlanReviewModel: Model, @unchecked Sendable {
    public static let schema = "care_plan_reviews"
    @ID(key: .id) public var id: UUID?
    @Field(key: "resident_id") public var residentID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "reviewed_on") public var reviewedOn: String
    @Field(key: "note") public var note: String
    @Field(key: "next_review_on") public var nextReviewOn: String
    @Field(key: "reviewed_by") public var reviewedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

public struct GoalRow: Sendable, Equatable {
    public let id: UUID
    public let domain: CareDomain
    public let goal: String
    public let targetDate: LocalDate?
    public let status: GoalStatus
    public let statusOn: LocalDate?
}

public struct PlanReviewRow: Sendable, Equatable {
    public let reviewedOn: LocalDate
    public let note: String
    public let nextReviewOn: LocalDate
    public let reviewedBy: String
}

/// A resident's plan: goals by domain, reviews (newest first), and when it is next due.
public struct CarePlanRecord: Sendable, Equatable {
    public let goals: [GoalRow]
    public let reviews: [PlanReviewRow]
    public let due: LocalDate
    public let overdue: Bool
}

/// The care plan: goals by domain (Decree 20/2021 Art. 27: the facility plans each resident's
/// care, education, rehabilitation and return to the community), reviewed on a schedule.
extension CareRepository {
    public func addGoal(_ actor: Actor, residentID: UUID, domain: String, goal: String, targetDate: String, today: LocalDate) async throws {
        try actor.require(ResidentLifecycle.rule(.plan).permission)
        var errors: [FieldError] = []
        let d = CareDomain(rawValue: domain)
        if d == nil { errors.append(FieldError(field: "domain", message: Message("validation.choice"))) }
        let text = Self.text(goal, "goal", max: 500, into: &errors)
        let target = targetDate.isEmpty ? nil : LocalDate(iso: targetDate)
        if !targetDate.isEmpty && target == nil { errors.append(FieldError(field: "target_date", message: Message("validation.date"))) }
        if let target, target < today { errors.append(FieldError(field: "target_date", message: Message("care.error.target_past"))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        try await store.transition(actor, CareResidentModel.self, residentID, .plan) { r, tx, _ in
            let g = CareGoalModel()
            g.id = UUID(); g.residentID = residentID; g.unitPath = r.unitPath; g.domain = d!.rawValue; g.goal = text; g.targetDate = target?.iso
            g.status = GoalStatus.open.rawValue; g.createdBy = actor.username
            try await g.create(on: tx)
            return ["goal": g.id!.uuidString, "domain": g.domain]
        }
    }

    /// A review: a note, the next review day (after the review, at most a year ahead), and the
    /// goals found achieved or dropped.
    public func reviewPlan(
        _ actor: Actor, residentID: UUID, reviewedOn: String, note: String, nextReviewOn: String, achieved: [UUID], dropped: [UUID],
        today: LocalDate
    ) async throws {
        try actor.require(ResidentLifecycle.rule(.plan).permission)
        var errors: [FieldError] = []
        let day = Self.date(reviewedOn, "reviewed_on", today: today, into: &errors)
        let text = Self.text(note, "note", max: 2000, into: &errors)
        let next = LocalDate(iso: nextReviewOn)
        if next == nil { errors.append(FieldError(field: "next_review_on", message: Message("validation.date"))) }
        if let day, let next, next <= day || next > day.adding(months: CarePlanSchedule.maxReviewMonths) {
            errors.append(FieldError(field: "next_review_on", message: Message("care.error.next_review", ["max": "\(CarePlanSchedule.maxReviewMonths)"])))
        }
        if !Set(achieved).isDisjoint(with: dropped) { errors.append(FieldError(field: "dropped", message: Message("care.error.goal_both"))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        try await store.transition(actor, CareResidentModel.self, residentID, .plan) { r, tx, _ in
            guard day! >= LocalDate(iso: r.admittedOn)! else { throw AppError.invalid("reviewed_on", "care.error.before_admission") }
            let goals = try await CareGoalModel.query(on: tx).filter(\.$residentID == residentID).all()
            let byID = Dictionary(goals.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
            for (ids, status) in [(achieved, GoalStatus.achieved), (dropped, .dropped)] {
                for id in ids {
                    guard let g = byID[id] else { throw AppError.invalid(status == .achieved ? "achieved" : "dropped", "care.error.goal_unknown") }
                    guard g.status == GoalStatus.open.rawValue else { continue }
                    g.status = status.rawValue; g.statusOn = day!.iso
                    try await g.update(on: tx)
                }
            }
            let v = CarePlanReviewModel()
            v.id = UUID(); v.residentID = residentID; v.unitPath = r.unitPath; v.reviewedOn = day!.iso; v.note = text; v.nextReviewOn = next!.iso
            v.reviewedBy = actor.username
            try await v.create(on: tx)
            return ["reviewed_on": v.reviewedOn, "next_review_on": v.nextReviewOn, "achieved": "\(achieved.count)", "dropped": "\(dropped.count)"]
        }
    }

    public func plan(_ actor: Actor, residentID: UUID, today: LocalDate) async throws -> CarePlanRecord {
        try actor.require(.viewCare)
        let r = try await store.scoped(CareResidentModel.self, residentID, actor)
        let goals = try await CareGoalModel.query(on: store.db).filter(\.$residentID == residentID).sort(\.$domain).sort(\.$createdAt).all()
        let reviews = try await CarePlanReviewModel.query(on: store.db).filter(\.$residentID == residentID).sort(\.$reviewedOn, .descending)
            .sort(\.$createdAt, .descending).all()
        let due = CarePlanSchedule.due(admittedOn: LocalDate(iso: r.admittedOn)!, lastNextReview: reviews.first.flatMap { LocalDate(iso: $0.nextReviewOn) })
        return CarePlanRecord(
            goals: goals.map {
                GoalRow(
                    id: $0.id!, domain: CareDomain(rawValue: $0.domain)!, goal: $0.goal, targetDate: $0.targetDate.flatMap(LocalDate.init(iso:)),
                    status: GoalStatus(rawValue: $0.status)!, statusOn: $0.statusOn.flatMap(LocalDate.init(iso:)))
            },
            reviews: reviews.map {
                PlanReviewRow(
                    reviewedOn: LocalDate(iso: $0.reviewedOn)!, note: $0.note, nextReviewOn: LocalDate(iso: $0.nextReviewOn)!, reviewedBy: $0.reviewedBy)
            }, due: due, overdue: r.status == ResidentLifecycle.State.inCare.rawValue && due < today)
    }

    /// The residents in care whose plan is overdue on `today` (the first plan a month after
    /// admission, then each review's next day), most overdue first.
    public func overduePlans(_ actor: Actor, today: LocalDate) async throws -> [(resident: ResidentRow, due: LocalDate)] {
        try actor.require(.viewCare)
        let residents = try await store.scoped(CareResidentModel.self, actor).filter(\.$status == ResidentLifecycle.State.inCare.rawValue).all()
        // The next review set by each resident's latest review (the order `plan` reads them in).
        var next: [UUID: String] = [:]
        for chunk in residents.map({ $0.id! }).chunked(500) {
            for v in try await CarePlanReviewModel.query(on: store.db).filter(\.$residentID ~~ chunk).sort(\.$reviewedOn).sort(\.$createdAt).all() {
                next[v.residentID] = v.nextReviewOn
            }
        }
        return residents.compactMap { r -> (ResidentRow, LocalDate)? in
            let due = CarePlanSchedule.due(admittedOn: LocalDate(iso: r.admittedOn)!, lastNextReview: next[r.id!].flatMap(LocalDate.init(iso:)))
            return due < today ? (row(r, bed: nil), due) : nil
        }.sorted { ($0.1, $0.0.fullName) < ($1.1, $1.0.fullName) }
    }
}
