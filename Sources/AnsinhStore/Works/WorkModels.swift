import AnsinhCore
import FluentKit
import Foundation

/// A living-conditions work of a ward: what and where, the need and who raised it, the
/// estimate, and its way from proposal to handover (`WorkLifecycle`).
public final class WorkModel: Model, LifecycleRecord, @unchecked Sendable {
    public static let schema = "works"
    @ID(key: .id) public var id: UUID?
    @Field(key: "unit_id") public var unitID: UUID
    @OptionalField(key: "group_id") public var groupID: UUID?
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "kind") public var kind: String
    @Field(key: "title") public var title: String
    @Field(key: "location") public var location: String
    /// "latitude, longitude" as typed ("" when not known).
    @Field(key: "coordinates") public var coordinates: String
    @Field(key: "need") public var need: String
    @Field(key: "origin") public var origin: String
    /// The resident's request the need came from (`origin` = resident_request).
    @OptionalField(key: "request_id") public var requestID: UUID?
    @Field(key: "estimate") public var estimate: Int64
    @Field(key: "status") public var status: String
    @Field(key: "proposed_on") public var proposedOn: String
    @OptionalField(key: "decision") public var decision: String?
    @OptionalField(key: "approved_on") public var approvedOn: String?
    @OptionalField(key: "started_on") public var startedOn: String?
    @Field(key: "percent") public var percent: Int
    @OptionalField(key: "completed_on") public var completedOn: String?
    @OptionalField(key: "handed_over_on") public var handedOverOn: String?
    @OptionalField(key: "handed_to") public var handedTo: String?
    @OptionalField(key: "reason") public var reason: String?
    @Field(key: "created_by") public var createdBy: String
    /// A gratitude-house repair's household, the house's condition as surveyed, and the contractor.
    @OptionalField(key: "household_id") public var householdID: UUID?
    @OptionalField(key: "house_condition") public var houseCondition: String?
    @OptionalField(key: "contractor") public var contractor: String?
    public init() {}
    public typealias Life = WorkLifecycle
    public static var unitPathKey: KeyPath<WorkModel, FieldProperty<WorkModel, String>> { \.$unitPath }
    public var lifecycleState: WorkLifecycle.State {
        get { WorkLifecycle.State(rawValue: status) ?? .proposed }
        set { status = newValue.rawValue }
    }
    public var auditUnitID: UUID? { unitID }
}

/// A line of a work's diary: the day, how far it is, what was done (and photos, `WorkPhotoModel`).
public final class WorkProgressModel: Model, @unchecked Sendable {
    public static let schema = "work_progress"
    @ID(key: .id) public var id: UUID?
    @Field(key: "work_id") public var workID: UUID
    @Field(key: "day") public var day: String
    @Field(key: "percent") public var percent: Int
    @Field(key: "note") public var note: String
    @Field(key: "recorded_by") public var recordedBy: String
    public init() {}
}

/// State budget allotted to a work (the ledger's funds give through their disbursements).
public final class WorkBudgetModel: Model, @unchecked Sendable {
    public static let schema = "work_budget"
    @ID(key: .id) public var id: UUID?
    @Field(key: "work_id") public var workID: UUID
    @Field(key: "amount") public var amount: Int64
    @Field(key: "decision") public var decision: String
    @Field(key: "day") public var day: String
    @Field(key: "recorded_by") public var recordedBy: String
    public init() {}
}

/// A photo of a work (JPEG or PNG, `DocumentKind`), with its caption and day.
public final class WorkPhotoModel: Model, @unchecked Sendable {
    public static let schema = "work_photos"
    @ID(key: .id) public var id: UUID?
    @Field(key: "work_id") public var workID: UUID
    @Field(key: "caption") public var caption: String
    @Field(key: "day") public var day: String
    @Field(key: "kind") public var kind: String
    @Field(key: "size") public var size: Int
    @Field(key: "sha256") public var sha256: String
    @Field(key: "data") public var data: Data
    @Field(key: "uploaded_by") public var uploadedBy: String
    public init() {}
}

/// A work as typed by the officer.
public struct WorkInput: Sendable {
    public var unitCode = "", groupCode = "", kind = "", title = "", location = "", coordinates = "", need = "", origin = ""
    public var requestCode = ""
    public var estimate: Int64? = nil
    /// A gratitude-house repair: the policy family's household (by code) and the house's condition.
    public var householdCode = "", houseCondition = ""
    public init() {}
}

/// What a step of a work carries.
public struct WorkStepInput: Sendable {
    public var date = "", decision = "", note = "", handedTo = "", reason = ""
    public var percent: Int? = nil
    /// Who does the work (at its start; required for a gratitude-house repair).
    public var contractor = ""
    public init() {}
}

/// A work as read, with its money: the state budget and what the funds gave (approved
/// disbursements to the work).
public struct Work: Sendable, Equatable {
    public let id: UUID
    public let wardName: String
    public let groupName: String?
    public let kind: WorkKind
    public let title: String
    public let location: String
    public let point: String
    public let need: String
    public let origin: WorkOrigin
    public let requestCode: String?
    public let estimate: Int64
    public let status: WorkLifecycle.State
    public let proposedOn: String
    public let decision: String?
    public let approvedOn: String?
    public let startedOn: String?
    public let percent: Int
    public let completedOn: String?
    public let handedOverOn: String?
    public let handedTo: String?
    public let reason: String?
    public let budget: Int64
    public let funds: Int64
    /// A gratitude-house repair: the household's code, the house's condition surveyed, the contractor.
    public var householdCode: String? = nil
    public var houseCondition: HouseCondition? = nil
    public var contractor: String? = nil
}

/// A work's page: the work, its diary, its money lines, its photos.
public struct WorkFile: Sendable {
    public struct Diary: Sendable, Equatable { public let day: String; public let percent: Int; public let note: String; public let by: String }
    public struct Money: Sendable, Equatable { public let source: String; public let reference: String; public let day: String; public let amount: Int64 }
    public struct Photo: Sendable, Equatable { public let id: UUID; public let caption: String; public let day: String; public let size: Int }
    public let work: Work
    public let diary: [Diary]
    public let money: [Money]
    public let photos: [Photo]
}
