import AnsinhCore
import FluentKit
import Foundation

public struct SessionRow: Sendable, Equatable {
    public let id: UUID
    public let kind: SessionKind
    public let day: LocalDate
    public let title: String
    public let ledBy: String
    public let participants: Int
}

/// A session attended, as a participant's timeline shows it.
public struct AttendedSession: Sendable, Equatable {
    public let day: LocalDate
    public let kind: SessionKind
    public let title: String
    /// Nil when the note is of a class the viewer may not see.
    public let note: String?
}

/// Sessions: one record for a group or individual session, with its participants (residents
/// and children of the therapy programme). The session is written once — it counts once in the
/// activity report — and shows on each participant's timeline through its attendance.
extension CareRepository {
    public func recordSession(
        _ actor: Actor, kind: String, day: String, title: String, ledBy: String, note: String, residents: [UUID], enrolments: [UUID], today: LocalDate
    ) async throws -> UUID {
        try actor.require(.manageCare)
        var errors: [FieldError] = []
        let k = SessionKind(rawValue: kind)
        if k == nil { errors.append(FieldError(field: "kind", message: Message("validation.choice"))) }
        let d = Self.date(day, "day", today: today, into: &errors)
        let t = Self.text(title, "title", max: 200, into: &errors)
        let by = Self.text(ledBy, "led_by", max: 120, into: &errors)
        if note.count > 2000 { errors.append(FieldError(field: "note", message: Message("validation.too_long", ["max": "2000"]))) }
        let people = Array(Set(residents)), children = Array(Set(enrolments))
        if people.isEmpty && children.isEmpty { errors.append(FieldError(field: "participants", message: Message("care.error.no_participants"))) }
        if people.count + children.count > 500 { errors.append(FieldError(field: "participants", message: Message("validation.too_long", ["max": "500"]))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return try await store.write(actor) { tx, audit in
            let residents = try await store.scoped(CareResidentModel.self, actor, on: tx).filter(\.$id ~~ people).all()
            let enrolled = try await store.scoped(TherapyEnrolmentModel.self, actor, on: tx).filter(\.$id ~~ children).all()
            guard residents.count == people.count, enrolled.count == children.count else {
                throw AppError.invalid("participants", "care.error.participant_unknown")
            }
            // Everyone attending was in care (or in the programme) that day.
            if residents.contains(where: { $0.admittedOn > d!.iso || ($0.dischargedOn.map { $0 <= d!.iso } ?? false) }) {
                throw AppError.invalid("participants", "care.error.not_in_care_that_day")
            }
            guard let unitID = residents.first?.unitID ?? enrolled.first?.unitID, let unit = try await OrgUnitModel.find(unitID, on: tx) else {
                throw AppError.notFound
            }
            let s = CareSessionModel()
            s.id = UUID(); s.unitID = unitID; s.unitPath = unit.path; s.kind = k!.rawValue; s.day = d!.iso; s.title = t; s.ledBy = by
            s.note = note.isEmpty ? nil : note; s.createdBy = actor.username
            try await s.create(on: tx)
            for r in residents {
                let a = CareAttendanceModel()
                a.id = UUID(); a.sessionID = s.id!; a.residentID = r.id; a.unitPath = r.unitPath
                try await a.create(on: tx)
            }
            for e in enrolled {
                let a = CareAttendanceModel()
                a.id = UUID(); a.sessionID = s.id!; a.enrolmentID = e.id; a.unitPath = e.unitPath
                try await a.create(on: tx)
            }
            audit.add(
                AuditRecord(
                    action: "record_session", entity: "care_session", entityID: s.id!.uuidString, unitID: unitID, unitPath: unit.path, before: NoValue?.none,
                    after: ["kind": s.kind, "day": s.day, "participants": "\(residents.count + enrolled.count)"]))
            return s.id!
        }
    }

    /// The sessions of a period, newest first, each counted once with its participants.
    public func sessions(_ actor: Actor, from: LocalDate, to: LocalDate) async throws -> [SessionRow] {
        try actor.require(.viewCare)
        let list = try await store.scoped(CareSessionModel.self, actor).filter(\.$day >= from.iso).filter(\.$day <= to.iso)
            .sort(\.$day, .descending).all()
        var counts: [UUID: Int] = [:]
        for chunk in list.compactMap(\.id).chunked(500) {
            for a in try await CareAttendanceModel.query(on: store.db).filter(\.$sessionID ~~ chunk).all() { counts[a.sessionID, default: 0] += 1 }
        }
        return list.map {
            SessionRow(
                id: $0.id!, kind: SessionKind(rawValue: $0.kind)!, day: LocalDate(iso: $0.day)!, title: $0.title, ledBy: $0.ledBy,
                participants: counts[$0.id!] ?? 0)
        }
    }

    /// A participant's sessions, newest first (psychotherapy notes only for a role with the class).
    public func attended(_ actor: Actor, resident: UUID? = nil, enrolment: UUID? = nil, limit: Int = 100) async throws -> [AttendedSession] {
        let q = CareAttendanceModel.query(on: store.db)
        if let resident { q.filter(\.$residentID == resident) }
        if let enrolment { q.filter(\.$enrolmentID == enrolment) }
        let ids = try await q.all().map(\.sessionID)
        guard !ids.isEmpty else { return [] }
        let psycho = actor.role.canView(.psychotherapy)
        return try await CareSessionModel.query(on: store.db).filter(\.$id ~~ ids).sort(\.$day, .descending).limit(limit).all().map {
            let kind = SessionKind(rawValue: $0.kind)!
            return AttendedSession(day: LocalDate(iso: $0.day)!, kind: kind, title: $0.title, note: kind.isPsychotherapy && !psycho ? nil : $0.note)
        }
    }
}
