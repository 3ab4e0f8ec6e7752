import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// One line of a shift's sheet: a resident's log line, or what happened to one scheduled dose.
public struct ShiftLogLine: Sendable {
    public let residentID: UUID
    public let kind: String
    public let note: String
    public init(residentID: UUID, kind: String, note: String) { self.residentID = residentID; self.kind = kind; self.note = note }
}

public struct ShiftDoseLine: Sendable {
    public let prescriptionID: UUID
    public let day: String
    public let time: String
    public let status: String
    public let note: String
    public init(prescriptionID: UUID, day: String, time: String, status: String, note: String) {
        self.prescriptionID = prescriptionID; self.day = day; self.time = time; self.status = status; self.note = note
    }
}

/// A whole shift's sheet at once (a tablet on the ward sends it at the end of the shift): every
/// line is checked with the single forms' rules first — a bad one is named by its place in the
/// sheet and nothing is written — then all of it is written in one transaction with one audit
/// entry. Sending the same sheet again is refused for the doses already recorded.
extension CareRepository {
    /// A sheet's size, kept within the 2 MB request limit even at the longest notes: a shift of a
    /// department (40–80 residents) or of a small centre at once.
    public static let maxShiftLines = 600
    public static let maxSheetLogNote = 500
    public static let maxSheetDoseNote = 200

    @discardableResult
    public func recordShift(
        _ actor: Actor, day: String, shift: String, log: [ShiftLogLine], doses: [ShiftDoseLine], today: LocalDate
    ) async throws -> (log: Int, doses: Int) {
        try actor.require(ResidentLifecycle.rule(.recordCare).permission)
        var errors: [FieldError] = []
        let d = Self.date(day, "day", today: today, into: &errors)
        let s = Shift(rawValue: shift)
        if s == nil { errors.append(FieldError(field: "shift", message: Message("validation.choice"))) }
        if log.count > Self.maxShiftLines || doses.count > Self.maxShiftLines {
            errors.append(FieldError(field: "log", message: Message("care.error.sheet_size", ["max": "\(Self.maxShiftLines)"])))
        }
        if log.isEmpty && doses.isEmpty { errors.append(FieldError(field: "log", message: Message("care.error.sheet_empty"))) }
        for (i, l) in log.enumerated() {
            if CareLogKind(rawValue: l.kind) == nil { errors.append(FieldError(field: "log[\(i)].kind", message: Message("validation.choice"))) }
            _ = Self.text(l.note, "log[\(i)].note", max: Self.maxSheetLogNote, into: &errors)
        }
        for (i, x) in doses.enumerated() {
            if LocalDate(iso: x.day) == nil { errors.append(FieldError(field: "doses[\(i)].day", message: Message("validation.date"))) }
            _ = Self.doseStatus(x.status, note: x.note, maxNote: Self.maxSheetDoseNote, field: "doses[\(i)].", into: &errors)
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let now = store.now()
        return try await store.write(actor) { tx, audit in
            // The residents and prescriptions named, in the actor's units and in care on the day.
            var residents: [UUID: CareResidentModel] = [:]
            for chunk in Array(Set(log.map(\.residentID))).chunked(500) {
                for r in try await store.scoped(CareResidentModel.self, actor, on: tx).filter(\.$id ~~ chunk).all() { residents[r.id!] = r }
            }
            var prescriptions: [UUID: CarePrescriptionModel] = [:]
            for chunk in Array(Set(doses.map(\.prescriptionID))).chunked(500) {
                for p in try await CarePrescriptionModel.query(on: tx).filter(\.$id ~~ chunk).all() { prescriptions[p.id!] = p }
            }
            for chunk in Array(Set(prescriptions.values.map(\.residentID)).subtracting(residents.keys)).chunked(500) {
                for r in try await store.scoped(CareResidentModel.self, actor, on: tx).filter(\.$id ~~ chunk).all() { residents[r.id!] = r }
            }
            func inCare(_ r: CareResidentModel?, on day: LocalDate) -> Bool {
                guard let r else { return false }
                return r.status == ResidentLifecycle.State.inCare.rawValue && r.admittedOn <= day.iso
            }
            for (i, l) in log.enumerated() where !inCare(residents[l.residentID], on: d!) {
                throw AppError.invalid("log[\(i)].resident_id", "care.error.not_in_care")
            }
            var doseRows: [(ShiftDoseLine, CarePrescriptionModel, LocalDate, Shift)] = []
            for (i, x) in doses.enumerated() {
                let day = LocalDate(iso: x.day)!
                guard let p = prescriptions[x.prescriptionID], inCare(residents[p.residentID], on: day) else {
                    throw AppError.invalid("doses[\(i)].prescription_id", "care.error.not_in_care")
                }
                guard p.schedule.isScheduled(day, time: x.time), day <= today else {
                    throw AppError.invalid("doses[\(i)].time", "care.error.not_scheduled")
                }
                let (shiftDay, shift) = Shift.of(day, time: x.time)!
                doseRows.append((x, p, shiftDay, shift))
            }
            // A dose is recorded once: one already on record (or twice in the sheet) is refused.
            var seen = Set<String>()
            for chunk in Array(Set(doseRows.map { $0.1.id! })).chunked(500) {
                let days = Array(Set(doseRows.map(\.0.day)))
                for r in try await CareDoseModel.query(on: tx).filter(\.$prescriptionID ~~ chunk).filter(\.$day ~~ days).all() {
                    seen.insert("\(r.prescriptionID)|\(r.day)|\(r.time)")
                }
            }
            for (i, row) in doseRows.enumerated() where !seen.insert("\(row.1.id!)|\(row.0.day)|\(row.0.time)").inserted {
                throw AppError.invalid("doses[\(i)].time", "care.error.dose_recorded")
            }
            let db = sql(tx)
            for chunk in log.chunked(300) {
                var q = db.insert(into: CareLogModel.schema).columns([
                    "id", "resident_id", "unit_path", "day", "shift", "kind", "note", "recorded_by", "recorded_at",
                ])
                for l in chunk {
                    let note = l.note.trimmingCharacters(in: .whitespacesAndNewlines)
                    q = q.values([
                        SQLBind(UUID()), SQLBind(l.residentID), SQLBind(residents[l.residentID]!.unitPath), SQLBind(d!.iso), SQLBind(s!.rawValue),
                        SQLBind(l.kind), SQLBind(note), SQLBind(actor.username), SQLBind(now),
                    ])
                }
                try await q.run()
            }
            for chunk in doseRows.chunked(250) {
                var q = db.insert(into: CareDoseModel.schema).columns([
                    "id", "prescription_id", "resident_id", "unit_path", "day", "time", "shift_day", "shift", "status", "note", "recorded_by", "recorded_at",
                ])
                for (x, p, shiftDay, shift) in chunk {
                    q = q.values([
                        SQLBind(UUID()), SQLBind(p.id!), SQLBind(p.residentID), SQLBind(p.unitPath), SQLBind(x.day), SQLBind(x.time), SQLBind(shiftDay.iso),
                        SQLBind(shift.rawValue), SQLBind(x.status), SQLBind(x.note.isEmpty ? nil : x.note), SQLBind(actor.username), SQLBind(now),
                    ])
                }
                try await q.run()
            }
            audit.add(
                AuditRecord(
                    action: "record_shift", entity: "care_shift", entityID: "\(d!.iso)-\(s!.rawValue)", unitID: actor.unitID, unitPath: actor.scopePath,
                    before: NoValue?.none, after: ["log": "\(log.count)", "doses": "\(doses.count)"]))
            return (log.count, doses.count)
        }
    }
}
