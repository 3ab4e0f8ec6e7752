import AnsinhCore
import FluentKit
import Foundation

/// A task with a due day and an assignee: of a case (`caseID`), or a call back to a hotline
/// caller (`contactID`, with the number to call until the call is made).
public final class CaseTaskModel: Model, @unchecked Sendable {
    public static let schema = "case_tasks"
    @ID(key: .id) public var id: UUID?
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "kind") public var kind: String
    @OptionalField(key: "case_id") public var caseID: UUID?
    @OptionalField(key: "contact_id") public var contactID: UUID?
    @Field(key: "title") public var title: String
    /// The number to call back; erased when the task is closed.
    @OptionalField(key: "callback_number") public var callbackNumber: String?
    @Field(key: "assignee") public var assignee: String
    @Field(key: "due_on") public var dueOn: String
    @Field(key: "status") public var status: String
    @OptionalField(key: "closed_note") public var closedNote: String?
    @OptionalField(key: "closed_on") public var closedOn: String?
    @Field(key: "created_by") public var createdBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

extension CaseTaskModel: LifecycleRecord {
    public typealias Life = TaskLifecycle
    public static var unitPathKey: KeyPath<CaseTaskModel, FieldProperty<CaseTaskModel, String>> { \.$unitPath }
    public var lifecycleState: TaskLifecycle.State {
        get { TaskLifecycle.State(rawValue: status) ?? .open }
        set { status = newValue.rawValue }
    }
    public var auditUnitID: UUID? { unitID }
}
