import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// A person's request about their personal data.
public final class SubjectRequestModel: Model, @unchecked Sendable {
    public static let schema = "subject_requests"
    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "kind") public var kind: String
    @Field(key: "received_on") public var receivedOn: String
    /// The person, or the parent or guardian of a child, who asked.
    @Field(key: "requested_by") public var requestedBy: String
    @Field(key: "detail") public var detail: String
    @Field(key: "due_on") public var dueOn: String
    @Field(key: "status") public var status: String
    @OptionalField(key: "outcome") public var outcome: String?
    @OptionalField(key: "handled_by") public var handledBy: String?
    @OptionalField(key: "handled_on") public var handledOn: String?
    @Field(key: "received_by") public var receivedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

extension SubjectRequestModel: LifecycleRecord {
    public typealias Life = SubjectRequestLifecycle
    public static var unitPathKey: KeyPath<SubjectRequestModel, FieldProperty<SubjectRequestModel, String>> { \.$unitPath }
    public var lifecycleState: SubjectRequestLifecycle.State {
        get { SubjectRequestLifecycle.State(rawValue: status) ?? .received }
        set { status = newValue.rawValue }
    }
    public var auditUnitID: UUID? { nil }
}

/// A request as the pages and the API read it.
public struct SubjectRequestRecord: Sendable, Equatable {
    public let id: UUID
    public let personID: UUID
    public let kind: SubjectRequestKind
    public let receivedOn: LocalDate
    public let requestedBy: String
    public let detail: String
    public let dueOn: LocalDate
    public let status: SubjectRequestLifecycle.State
    public let outcome: String?
    public let handledBy: String?
    public let handledOn: String?
    /// Still open after the day it was due.
    public let overdue: Bool
}

/// Persons' requests about their data (Law 91/2025/QH15): received with the day they are due
/// (`SubjectRequestLifecycle.requestDays` after), done or refused with what was done.
public struct SubjectRequestRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    public func receive(
        _ actor: Actor, personID: UUID, kind: String, receivedOn: String, requestedBy: String, detail: String
    ) async throws -> SubjectRequestRecord {
        try actor.require(.manageRegistry)
        var errors: [FieldError] = []
        let k = SubjectRequestKind(rawValue: kind)
        if k == nil { errors.append(FieldError(field: "kind", message: Message("validation.choice"))) }
        let day = LocalDate(iso: receivedOn.trimmingCharacters(in: .whitespaces))
        if day == nil || day! > store.today || day! < LocalDate(year: 2026, month: 1, day: 1)! {
            // Law 91/2025/QH15 is in force from 1 January 2026.
            errors.append(FieldError(field: "received_on", message: Message("privacy.error.received_on")))
        }
        let by = requestedBy.trimmingCharacters(in: .whitespacesAndNewlines)
        let text = detail.trimmingCharacters(in: .whitespacesAndNewlines)
        if by.isEmpty || by.count > 200 { errors.append(FieldError(field: "requested_by", message: Message("validation.required_text", ["max": "200"]))) }
        if text.isEmpty || text.count > 2000 { errors.append(FieldError(field: "detail", message: Message("validation.required_text", ["max": "2000"]))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return try await store.write(actor) { tx, audit in
            let p = try await store.scoped(PersonModel.self, personID, actor, on: tx)
            guard p.mergedInto == nil else { throw AppError.notFound }
            let r = SubjectRequestModel()
            r.id = UUID(); r.personID = personID; r.unitPath = p.unitPath; r.kind = k!.rawValue; r.receivedOn = day!.iso; r.requestedBy = by
            r.detail = text; r.dueOn = day!.adding(days: SubjectRequestLifecycle.requestDays).iso
            r.status = SubjectRequestLifecycle.State.received.rawValue; r.receivedBy = actor.username
            try await r.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "receive", entity: SubjectRequestLifecycle.entity, entityID: r.id!.uuidString, unitID: nil, unitPath: p.unitPath,
                    before: NoValue?.none, after: ["person_id": personID.uuidString, "kind": k!.rawValue, "due_on": r.dueOn]))
            return record(r)
        }
    }

    /// Closes a request, done (what was corrected, restricted, deleted or handed over) or
    /// refused (why).
    public func handle(_ actor: Actor, id: UUID, _ t: SubjectRequestLifecycle.Transition, outcome: String) async throws {
        let text = outcome.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count > 2000 { throw AppError.invalid("outcome", "validation.too_long", ["max": "2000"]) }
        try await store.transition(actor, SubjectRequestModel.self, id, t, fields: ["outcome": text]) { r, _, _ in
            r.outcome = text; r.handledBy = actor.username; r.handledOn = store.today.iso
            return ["outcome": text]
        }
    }

    /// One request in the actor's units.
    public func get(_ actor: Actor, _ id: UUID) async throws -> SubjectRequestRecord {
        try actor.require(.viewRegistry)
        return record(try await store.scoped(SubjectRequestModel.self, id, actor))
    }

    /// A person's requests, newest first.
    public func list(_ actor: Actor, personID: UUID) async throws -> [SubjectRequestRecord] {
        try actor.require(.viewRegistry)
        _ = try await store.scoped(PersonModel.self, personID, actor)
        return try await store.scoped(SubjectRequestModel.self, actor).filter(\.$personID == personID).sort(\.$receivedOn, .descending)
            .sort(\.$createdAt, .descending).all().map(record)
    }

    func record(_ r: SubjectRequestModel) -> SubjectRequestRecord {
        let due = LocalDate(iso: r.dueOn)!
        return SubjectRequestRecord(
            id: r.id!, personID: r.personID, kind: SubjectRequestKind(rawValue: r.kind) ?? .access, receivedOn: LocalDate(iso: r.receivedOn)!,
            requestedBy: r.requestedBy, detail: r.detail, dueOn: due, status: r.lifecycleState, outcome: r.outcome, handledBy: r.handledBy,
            handledOn: r.handledOn, overdue: r.lifecycleState == .received && store.today > due)
    }
}
