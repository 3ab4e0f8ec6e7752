import AnsinhCore
import FluentKit
import Foundation

/// A resident signed out of the centre (home visit, outing, hospital, school) and back.
public final class CareLeaveModel: Model, UnitScoped, @unchecked Sendable {
    public static let schema = "care_leaves"
    @ID(key: .id) public var id: UUID?
    @Field(key: "resident_id") public var residentID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "kind") public var kind: String
    @Field(key: "destination") public var destination: String
    @OptionalField(key: "companion") public var companion: String?
    @Field(key: "left_at") public var leftAt: String
    @Field(key: "expected_back") public var expectedBack: String
    @OptionalField(key: "returned_at") public var returnedAt: String?
    @OptionalField(key: "return_note") public var returnNote: String?
    @Field(key: "signed_out_by") public var signedOutBy: String
    @OptionalField(key: "signed_in_by") public var signedInBy: String?
    public init() {}
    public static var unitPathKey: KeyPath<CareLeaveModel, FieldProperty<CareLeaveModel, String>> { \.$unitPath }
}

/// An incident in the facility, followed up until closed with an outcome.
public final class CareIncidentModel: Model, @unchecked Sendable {
    public static let schema = "care_incidents"
    @ID(key: .id) public var id: UUID?
    @Field(key: "resident_id") public var residentID: UUID
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "occurred_at") public var occurredAt: String
    @Field(key: "kind") public var kind: String
    @Field(key: "severity") public var severity: String
    @Field(key: "description") public var description: String
    @OptionalField(key: "action_taken") public var actionTaken: String?
    @Field(key: "status") public var status: String
    @OptionalField(key: "closed_on") public var closedOn: String?
    @OptionalField(key: "outcome") public var outcome: String?
    @Field(key: "reported_by") public var reportedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

extension CareIncidentModel: LifecycleRecord {
    public typealias Life = IncidentLifecycle
    public static var unitPathKey: KeyPath<CareIncidentModel, FieldProperty<CareIncidentModel, String>> { \.$unitPath }
    public var lifecycleState: IncidentLifecycle.State {
        get { IncidentLifecycle.State(rawValue: status) ?? .open }
        set { status = newValue.rawValue }
    }
    public var auditUnitID: UUID? { unitID }
}

/// A note of what was done after an incident.
public final class CareFollowUpModel: Model, @unchecked Sendable {
    public static let schema = "care_incident_follow_ups"
    @ID(key: .id) public var id: UUID?
    @Field(key: "incident_id") public var incidentID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "day") public var day: String
    @Field(key: "note") public var note: String
    @Field(key: "by") public var by: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

public struct LeaveRow: Sendable, Equatable {
    public let id: UUID
    public let residentID: UUID
    public let residentName: String
    public let kind: LeaveKind
    public let destination: String
    public let companion: String?
    public let leftAt: CareMoment
    public let expectedBack: CareMoment
    public let returnedAt: CareMoment?
    public let returnNote: String?
    /// Still out after the time they were expected back.
    public let late: Bool
}

public struct FollowUpRow: Sendable, Equatable {
    public let day: LocalDate
    public let note: String
    public let by: String
}

public struct IncidentRow: Sendable, Equatable {
    public let id: UUID
    public let residentID: UUID
    public let residentName: String
    public let occurredAt: CareMoment
    public let kind: IncidentKind
    public let severity: IncidentSeverity
    public let description: String
    public let actionTaken: String?
    public let status: IncidentLifecycle.State
    public let closedOn: LocalDate?
    public let outcome: String?
    public let followUps: [FollowUpRow]
}

/// What the care staff must see first: plans overdue, residents out late (or out now), and the
/// incidents still open.
public struct CareReminders: Sendable {
    public let overduePlans: [(resident: ResidentRow, due: LocalDate)]
    public let out: [LeaveRow]
    public let openIncidents: [IncidentRow]
}

/// Leave and outings, and incidents with their follow-up.
extension CareRepository {
    /// Signs a resident out. One leave open at a time (the open-leave index refuses a second
    /// even to a racing request).
    public func signOut(
        _ actor: Actor, residentID: UUID, kind: String, destination: String, companion: String, leftAt: String, expectedBack: String, now: CareMoment
    ) async throws {
        try actor.require(ResidentLifecycle.rule(.signOut).permission)
        var errors: [FieldError] = []
        let k = LeaveKind(rawValue: kind)
        if k == nil { errors.append(FieldError(field: "kind", message: Message("validation.choice"))) }
        let dest = Self.text(destination, "destination", max: 200, into: &errors)
        if companion.count > 200 { errors.append(FieldError(field: "companion", message: Message("validation.too_long", ["max": "200"]))) }
        let left = CareMoment(leftAt), back = CareMoment(expectedBack)
        if left == nil { errors.append(FieldError(field: "left_at", message: Message("care.error.moment"))) }
        if let left, left > now { errors.append(FieldError(field: "left_at", message: Message("review.error.future_date"))) }
        if back == nil { errors.append(FieldError(field: "expected_back", message: Message("care.error.moment"))) }
        if let left, let back, back <= left { errors.append(FieldError(field: "expected_back", message: Message("validation.end_before_start"))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        try await store.transition(actor, CareResidentModel.self, residentID, .signOut) { r, tx, _ in
            guard left!.day >= LocalDate(iso: r.admittedOn)! else { throw AppError.invalid("left_at", "care.error.before_admission") }
            if try await CareLeaveModel.query(on: tx).filter(\.$residentID == residentID).filter(\.$returnedAt == nil).first() != nil {
                throw AppError.conflict(Message("care.error.already_out"))
            }
            let l = CareLeaveModel()
            l.id = UUID(); l.residentID = residentID; l.unitPath = r.unitPath; l.kind = k!.rawValue; l.destination = dest
            l.companion = companion.isEmpty ? nil : companion; l.leftAt = left!.iso; l.expectedBack = back!.iso; l.signedOutBy = actor.username
            try await l.create(on: tx)
            return ["kind": l.kind, "left_at": l.leftAt, "expected_back": l.expectedBack]
        }
    }

    /// Signs a resident back in.
    public func signIn(_ actor: Actor, residentID: UUID, returnedAt: String, note: String, now: CareMoment) async throws {
        try actor.require(ResidentLifecycle.rule(.signIn).permission)
        guard let back = CareMoment(returnedAt) else { throw AppError.invalid("returned_at", "care.error.moment") }
        if back > now { throw AppError.invalid("returned_at", "review.error.future_date") }
        if note.count > 1000 { throw AppError.invalid("note", "validation.too_long", ["max": "1000"]) }
        try await store.transition(actor, CareResidentModel.self, residentID, .signIn) { _, tx, _ in
            guard let l = try await CareLeaveModel.query(on: tx).filter(\.$residentID == residentID).filter(\.$returnedAt == nil).first() else {
                throw AppError.conflict(Message("care.error.not_out"))
            }
            guard back.iso >= l.leftAt else { throw AppError.invalid("returned_at", "validation.end_before_start") }
            l.returnedAt = back.iso; l.returnNote = note.isEmpty ? nil : note; l.signedInBy = actor.username
            try await l.update(on: tx)
            return ["returned_at": back.iso, "late": back.iso > l.expectedBack ? "yes" : "no"]
        }
    }

    public func recordIncident(
        _ actor: Actor, residentID: UUID, occurredAt: String, kind: String, severity: String, description: String, actionTaken: String, now: CareMoment
    ) async throws -> UUID {
        try ResidentLifecycle.authorize(.reportIncident, role: actor.role, fields: ["description": description])
        var errors: [FieldError] = []
        let at = CareMoment(occurredAt)
        if at == nil { errors.append(FieldError(field: "occurred_at", message: Message("care.error.moment"))) }
        if let at, at > now { errors.append(FieldError(field: "occurred_at", message: Message("review.error.future_date"))) }
        let k = IncidentKind(rawValue: kind), s = IncidentSeverity(rawValue: severity)
        if k == nil { errors.append(FieldError(field: "kind", message: Message("validation.choice"))) }
        if s == nil { errors.append(FieldError(field: "severity", message: Message("validation.choice"))) }
        let text = Self.text(description, "description", max: 4000, into: &errors)
        if actionTaken.count > 2000 { errors.append(FieldError(field: "action_taken", message: Message("validation.too_long", ["max": "2000"]))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return try await store.transition(actor, CareResidentModel.self, residentID, .reportIncident, fields: ["description": description]) { r, tx, _ in
            guard at!.day >= LocalDate(iso: r.admittedOn)! else { throw AppError.invalid("occurred_at", "care.error.before_admission") }
            let i = CareIncidentModel()
            i.id = UUID(); i.residentID = residentID; i.unitID = r.unitID; i.unitPath = r.unitPath; i.occurredAt = at!.iso; i.kind = k!.rawValue
            i.severity = s!.rawValue; i.description = text; i.actionTaken = actionTaken.isEmpty ? nil : actionTaken
            i.status = IncidentLifecycle.State.open.rawValue; i.reportedBy = actor.username
            try await i.create(on: tx)
            // The audit entry names the incident and its kind, not what happened.
            return (i.id!, ["incident": i.id!.uuidString, "kind": i.kind, "severity": i.severity])
        }
    }

    /// A follow-up note; `close` ends the incident with the note as its outcome.
    public func followUp(_ actor: Actor, incidentID: UUID, day: String, note: String, close: Bool, today: LocalDate) async throws -> UUID {
        let step: IncidentLifecycle.Transition = close ? .close : .followUp
        try IncidentLifecycle.authorize(step, role: actor.role, fields: ["note": note])
        var errors: [FieldError] = []
        let d = Self.date(day, "day", today: today, into: &errors)
        let text = Self.text(note, "note", max: 2000, into: &errors)
        if !errors.isEmpty { throw AppError.validation(errors) }
        return try await store.transition(actor, CareIncidentModel.self, incidentID, step, fields: ["note": note]) { i, tx, _ in
            guard d!.iso >= String(i.occurredAt.prefix(10)) else { throw AppError.invalid("day", "validation.end_before_start") }
            let f = CareFollowUpModel()
            f.id = UUID(); f.incidentID = incidentID; f.unitPath = i.unitPath; f.day = d!.iso; f.note = text; f.by = actor.username
            try await f.create(on: tx)
            if close { i.closedOn = d!.iso; i.outcome = text }
            return (i.residentID, ["day": d!.iso])
        }
    }

    /// A resident's leaves (newest first) and incidents with their follow-ups.
    public func leaveAndIncidents(_ actor: Actor, residentID: UUID, now: CareMoment) async throws -> (leaves: [LeaveRow], incidents: [IncidentRow]) {
        try actor.require(.viewCare)
        let r = try await store.scoped(CareResidentModel.self, residentID, actor)
        let leaves = try await CareLeaveModel.query(on: store.db).filter(\.$residentID == residentID).sort(\.$leftAt, .descending).limit(200).all()
        let incidents = try await CareIncidentModel.query(on: store.db).filter(\.$residentID == residentID).sort(\.$occurredAt, .descending).limit(200).all()
        let names = [residentID: r.fullName]
        return (leaves.map { Self.leaveRow($0, names, now: now) }, try await incidentRows(incidents, names))
    }

    /// What is overdue or open in the actor's units on `now`.
    public func reminders(_ actor: Actor, now: CareMoment) async throws -> CareReminders {
        let plans = try await overduePlans(actor, today: now.day)
        let out = try await store.scoped(CareLeaveModel.self, actor).filter(\.$returnedAt == nil).sort(\.$expectedBack).limit(500).all()
        let open = try await store.scoped(CareIncidentModel.self, actor).filter(\.$status == IncidentLifecycle.State.open.rawValue)
            .sort(\.$occurredAt).limit(500).all()
        let ids = Set(out.map(\.residentID) + open.map(\.residentID))
        var names: [UUID: String] = [:]
        for chunk in Array(ids).chunked(500) {
            for r in try await CareResidentModel.query(on: store.db).filter(\.$id ~~ chunk).all() { names[r.id!] = r.fullName }
        }
        return CareReminders(overduePlans: plans, out: out.map { Self.leaveRow($0, names, now: now) }, openIncidents: try await incidentRows(open, names))
    }

    static func leaveRow(_ l: CareLeaveModel, _ names: [UUID: String], now: CareMoment) -> LeaveRow {
        LeaveRow(
            id: l.id!, residentID: l.residentID, residentName: names[l.residentID] ?? "", kind: LeaveKind(rawValue: l.kind)!, destination: l.destination,
            companion: l.companion, leftAt: CareMoment(l.leftAt)!, expectedBack: CareMoment(l.expectedBack)!, returnedAt: l.returnedAt.flatMap(CareMoment.init),
            returnNote: l.returnNote, late: (l.returnedAt ?? now.iso) > l.expectedBack)
    }

    func incidentRows(_ list: [CareIncidentModel], _ names: [UUID: String]) async throws -> [IncidentRow] {
        var notes: [UUID: [FollowUpRow]] = [:]
        for chunk in list.map({ $0.id! }).chunked(500) {
            for f in try await CareFollowUpModel.query(on: store.db).filter(\.$incidentID ~~ chunk).sort(\.$day).sort(\.$createdAt).all() {
                notes[f.incidentID, default: []].append(FollowUpRow(day: LocalDate(iso: f.day)!, note: f.note, by: f.by))
            }
        }
        return list.map {
            IncidentRow(
                id: $0.id!, residentID: $0.residentID, residentName: names[$0.residentID] ?? "", occurredAt: CareMoment($0.occurredAt)!,
                kind: IncidentKind(rawValue: $0.kind)!, severity: IncidentSeverity(rawValue: $0.severity)!, description: $0.description,
                actionTaken: $0.actionTaken, status: $0.lifecycleState, closedOn: $0.closedOn.flatMap(LocalDate.init(iso:)), outcome: $0.outcome,
                followUps: notes[$0.id!] ?? [])
        }
    }
}
