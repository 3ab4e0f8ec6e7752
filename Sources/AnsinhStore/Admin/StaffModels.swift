import AnsinhCore
import FluentKit
import Foundation

/// A job position of a department in the approved job-position plan, with its approved number.
public final class StaffPositionModel: Model, UnitScoped, @unchecked Sendable {
    public static let schema = "staff_positions"
    @ID(key: .id) public var id: UUID?
    /// The department.
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "title") public var title: String
    @Field(key: "approved") public var approved: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
    public static var unitPathKey: KeyPath<StaffPositionModel, FieldProperty<StaffPositionModel, String>> { \.$unitPath }
}

/// A member of staff in a position: qualification, start (and end) date, their account if any.
public final class StaffMemberModel: Model, UnitScoped, @unchecked Sendable {
    public static let schema = "staff_members"
    @ID(key: .id) public var id: UUID?
    @Field(key: "position_id") public var positionID: UUID
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "full_name") public var fullName: String
    @Field(key: "qualification") public var qualification: String
    @Field(key: "started_on") public var startedOn: String
    @OptionalField(key: "left_on") public var leftOn: String?
    @OptionalField(key: "username") public var username: String?
    @Field(key: "created_by") public var createdBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
    public static var unitPathKey: KeyPath<StaffMemberModel, FieldProperty<StaffMemberModel, String>> { \.$unitPath }
}
