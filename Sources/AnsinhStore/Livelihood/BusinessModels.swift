import AnsinhCore
import FluentKit
import Foundation

/// A household member's small-business plan (`BusinessLifecycle`).
public final class BusinessPlanModel: Model, LifecycleRecord, @unchecked Sendable {
    public static let schema = "business_plans"
    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "household_id") public var householdID: UUID
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "kind") public var kind: String
    @Field(key: "name") public var name: String
    @Field(key: "plan") public var plan: String
    /// The capital the plan needs, in đồng.
    @Field(key: "capital") public var capital: Int64
    @Field(key: "status") public var status: String
    @Field(key: "planned_on") public var plannedOn: String
    @OptionalField(key: "started_on") public var startedOn: String?
    @OptionalField(key: "closed_on") public var closedOn: String?
    @OptionalField(key: "reason") public var reason: String?
    @Field(key: "created_by") public var createdBy: String
    public init() {}
    public typealias Life = BusinessLifecycle
    public static var unitPathKey: KeyPath<BusinessPlanModel, FieldProperty<BusinessPlanModel, String>> { \.$unitPath }
    public var lifecycleState: BusinessLifecycle.State {
        get { BusinessLifecycle.State(rawValue: status) ?? .planned }
        set { status = newValue.rawValue }
    }
    public var auditUnitID: UUID? { unitID }
}

/// Support the ward gave a plan; a loan line names the household's policy-bank loan.
public final class BusinessSupportModel: Model, @unchecked Sendable {
    public static let schema = "business_supports"
    @ID(key: .id) public var id: UUID?
    @Field(key: "plan_id") public var planID: UUID
    @Field(key: "kind") public var kind: String
    @Field(key: "day") public var day: String
    @Field(key: "amount") public var amount: Int64
    @OptionalField(key: "loan_id") public var loanID: UUID?
    @Field(key: "note") public var note: String
    @Field(key: "recorded_by") public var recordedBy: String
    public init() {}
}

/// A follow-up of a running business: how it is doing and what it earns a month.
public final class BusinessFollowUpModel: Model, @unchecked Sendable {
    public static let schema = "business_follow_ups"
    @ID(key: .id) public var id: UUID?
    @Field(key: "plan_id") public var planID: UUID
    @Field(key: "day") public var day: String
    @Field(key: "outcome") public var outcome: String
    @Field(key: "monthly_income") public var monthlyIncome: Int64
    @Field(key: "note") public var note: String
    @Field(key: "recorded_by") public var recordedBy: String
    public init() {}
}

/// A plan as typed by the officer.
public struct BusinessPlanInput: Sendable {
    public var nationalID = "", kind = "", name = "", plan = ""
    public var capital: Int64? = nil
    public init() {}
}

/// Support as typed: its kind, day, amount (0 for advice or training paid by no one), the loan
/// it was (a loan line) and a note.
public struct BusinessSupportInput: Sendable {
    public var kind = "", day = "", note = ""
    public var amount: Int64? = nil
    public var loanID: UUID? = nil
    public init() {}
}

/// What a step of a plan carries.
public struct BusinessStepInput: Sendable {
    public var date = "", outcome = "", reason = "", note = ""
    public var income: Int64? = nil
    public init() {}
}

/// A plan as read, with what it was given and how it is doing.
public struct BusinessPlan: Sendable, Equatable {
    public struct Support: Sendable, Equatable {
        public let kind: BusinessSupportKind; public let day: String; public let amount: Int64; public let loan: String?; public let note: String
    }
    public struct FollowUp: Sendable, Equatable {
        public let day: String; public let outcome: BusinessOutcome; public let monthlyIncome: Int64; public let note: String
    }
    public let id: UUID
    public let owner: String
    public let householdCode: String
    public let kind: BusinessKind
    public let name: String
    public let plan: String
    public let capital: Int64
    public let status: BusinessLifecycle.State
    public let plannedOn: String
    public let startedOn: String?
    public let closedOn: String?
    public let reason: String?
    public let supports: [Support]
    public let followUps: [FollowUp]
    /// The household's loans, for a loan line (id and purpose).
    public let loans: [(id: UUID, label: String)]
    /// The latest follow-up's outcome.
    public var latest: BusinessOutcome? { followUps.first?.outcome }

    public static func == (a: BusinessPlan, b: BusinessPlan) -> Bool {
        a.id == b.id && a.status == b.status && a.supports == b.supports && a.followUps == b.followUps && a.loans.map(\.id) == b.loans.map(\.id)
    }
}
