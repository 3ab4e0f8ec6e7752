import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// One resident's page data, the daily care log, prescriptions and each dose, and the shift
/// handover: the doses the shift before did not give. Prescriptions and doses are of the
/// health sensitivity class: hidden from a role without it, and every read of them audited.
extension CareRepository {
    public func resident(_ actor: Actor, id: UUID, logDays: Int = 14, today: LocalDate) async throws -> ResidentView {
        try actor.require(.viewCare)
        let r = try await store.scoped(CareResidentModel.self, id, actor)
        let stays = try await CareBedStayModel.query(on: store.db).filter(\.$residentID == id).sort(\.$fromDate, .descending).all()
        let beds = try await CareBedModel.query(on: store.db).filter(\.$id ~~ Set(stays.map(\.bedID))).all()
        let codes = Dictionary(beds.map { ($0.id!, $0.code) }, uniquingKeysWith: { a, _ in a })
        let since = today.adding(days: -logDays).iso
        let log = try await CareLogModel.query(on: store.db).filter(\.$residentID == id).filter(\.$day >= since)
            .sort(\.$day, .descending).sort(\.$recordedAt, .descending).limit(300).all()
        var prescriptions: [PrescriptionView]? = nil
        var doses: [DoseView]? = nil
        var health: [HealthEventRow]? = nil
        if actor.role.canView(.health) {
            health = try await healthRecord(id)
            let ps = try await CarePrescriptionModel.query(on: store.db).filter(\.$residentID == id).sort(\.$fromDate, .descending).all()
            prescriptions = ps.map(Self.prescriptionView)
            let drugs = Dictionary(ps.map { ($0.id!, $0.drug) }, uniquingKeysWith: { a, _ in a })
            let recorded = try await CareDoseModel.query(on: store.db).filter(\.$residentID == id).filter(\.$day >= since)
                .sort(\.$day, .descending).sort(\.$time, .descending).limit(300).all()
            doses = recorded.map {
                DoseView(
                    prescriptionID: $0.prescriptionID, drug: drugs[$0.prescriptionID] ?? "", day: LocalDate(iso: $0.day)!, time: $0.time,
                    status: DoseStatus(rawValue: $0.status), note: $0.note, recordedBy: $0.recordedBy)
            }
            try await store.audit(
                actor,
                [
                    AuditRecord(
                        action: "read_sensitive", entity: ResidentLifecycle.entity, entityID: id.uuidString, unitID: r.unitID, unitPath: r.unitPath,
                        before: NoValue?.none, after: ["fields": "medication,health_record"])
                ])
        }
        let unit = try await OrgUnitModel.find(r.unitID, on: store.db)
        var view = ResidentView(
            row: row(r, bed: stays.first { $0.untilDate == nil }.flatMap { codes[$0.bedID] }), unitName: unit?.name ?? "", personID: r.personID,
            decisionNumber: r.decisionNumber, decisionDate: LocalDate(iso: r.decisionDate)!, decisionSigner: r.decisionSigner,
            referralSource: r.referralSource, caseID: r.caseID, dischargedOn: r.dischargedOn.flatMap(LocalDate.init(iso:)),
            dischargeReason: r.dischargeReason.flatMap(DischargeReason.init(rawValue:)), dischargeNote: r.dischargeNote,
            beds: stays.map { BedStayView(bed: codes[$0.bedID] ?? "", from: LocalDate(iso: $0.fromDate)!, until: $0.untilDate.flatMap(LocalDate.init(iso:))) },
            log: log.map {
                CareLogView(
                    day: LocalDate(iso: $0.day)!, shift: Shift(rawValue: $0.shift)!, kind: CareLogKind(rawValue: $0.kind)!, note: $0.note,
                    recordedBy: $0.recordedBy)
            }, prescriptions: prescriptions, doses: doses, health: health)
        view.anonymisedAt = r.anonymisedAt; view.legalHold = r.legalHold
        return view
    }

    static func prescriptionView(_ p: CarePrescriptionModel) -> PrescriptionView {
        PrescriptionView(
            id: p.id!, drug: p.drug, dose: p.dose, times: p.schedule.times, from: LocalDate(iso: p.fromDate)!,
            until: p.untilDate.flatMap(LocalDate.init(iso:)), prescriber: p.prescriber)
    }

    /// A line of the daily log for a shift.
    public func recordLog(_ actor: Actor, residentID: UUID, day: String, shift: String, kind: String, note: String, today: LocalDate) async throws {
        try actor.require(ResidentLifecycle.rule(.recordCare).permission)
        var errors: [FieldError] = []
        let d = Self.date(day, "day", today: today, into: &errors)
        if Shift(rawValue: shift) == nil { errors.append(FieldError(field: "shift", message: Message("validation.choice"))) }
        if CareLogKind(rawValue: kind) == nil { errors.append(FieldError(field: "kind", message: Message("validation.choice"))) }
        let text = Self.text(note, "note", max: 2000, into: &errors)
        if !errors.isEmpty { throw AppError.validation(errors) }
        try await store.transition(actor, CareResidentModel.self, residentID, .recordCare) { r, tx, _ in
            guard d! >= LocalDate(iso: r.admittedOn)! else { throw AppError.invalid("day", "care.error.before_admission") }
            let m = CareLogModel()
            m.id = UUID(); m.residentID = residentID; m.unitPath = r.unitPath; m.day = d!.iso; m.shift = shift; m.kind = kind; m.note = text
            m.recordedBy = actor.username
            try await m.create(on: tx)
            return ["day": d!.iso, "shift": shift, "kind": kind]
        }
    }

    /// A prescription: drug, dose, times of day, from a day (to a day).
    public func prescribe(
        _ actor: Actor, residentID: UUID, drug: String, dose: String, times: String, from: String, until: String, prescriber: String, today: LocalDate
    ) async throws -> UUID {
        try ResidentLifecycle.authorize(.prescribe, role: actor.role, fields: ["drug": drug, "dose": dose, "times": times])
        var errors: [FieldError] = []
        let drugName = Self.text(drug, "drug", max: 120, into: &errors)
        let doseText = Self.text(dose, "dose", max: 60, into: &errors)
        let schedule = DoseSchedule.times(times)
        if schedule == nil { errors.append(FieldError(field: "times", message: Message("care.error.times"))) }
        let start = LocalDate(iso: from)
        if start == nil { errors.append(FieldError(field: "from", message: Message("validation.date"))) }
        let end = until.isEmpty ? nil : LocalDate(iso: until)
        if !until.isEmpty && end == nil { errors.append(FieldError(field: "until", message: Message("validation.date"))) }
        if let start, let end, end < start { errors.append(FieldError(field: "until", message: Message("validation.end_before_start"))) }
        let by = Self.text(prescriber, "prescriber", max: 120, into: &errors)
        if !errors.isEmpty { throw AppError.validation(errors) }
        return try await store.transition(actor, CareResidentModel.self, residentID, .prescribe, fields: ["drug": drug, "dose": dose, "times": times]) {
            r, tx, _ in
            let p = CarePrescriptionModel()
            p.id = UUID(); p.residentID = residentID; p.unitPath = r.unitPath; p.drug = drugName; p.dose = doseText
            p.times = schedule!.joined(separator: ","); p.fromDate = start!.iso; p.untilDate = end?.iso; p.prescriber = by
            p.createdBy = actor.username
            try await p.create(on: tx)
            // The audit entry names the prescription, not the drug (health class).
            return (p.id!, ["prescription": p.id!.uuidString])
        }
    }

    /// A dose's status, checked: one of the list, and a note saying why unless it was given.
    /// `field` prefixes the field names (a shift sheet's "doses[3].").
    static func doseStatus(_ status: String, note: String, maxNote: Int, field: String, into errors: inout [FieldError]) -> DoseStatus? {
        let s = DoseStatus(rawValue: status)
        if s == nil { errors.append(FieldError(field: field + "status", message: Message("validation.choice"))) }
        if s != nil && s != .given && note.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(FieldError(field: field + "note", message: Message("care.error.dose_note")))
        }
        if note.count > maxNote { errors.append(FieldError(field: field + "note", message: Message("validation.too_long", ["max": "\(maxNote)"]))) }
        return s
    }

    /// What happened to one scheduled dose. Recorded once; a dose not on the schedule is refused.
    public func recordDose(_ actor: Actor, prescriptionID: UUID, day: String, time: String, status: String, note: String, today: LocalDate) async throws {
        try actor.require(ResidentLifecycle.rule(.recordCare).permission)
        var errors: [FieldError] = []
        let d = Self.date(day, "day", today: today, into: &errors)
        let s = Self.doseStatus(status, note: note, maxNote: 1000, field: "", into: &errors)
        if !errors.isEmpty { throw AppError.validation(errors) }
        guard let p = try await CarePrescriptionModel.find(prescriptionID, on: store.db) else { throw AppError.notFound }
        try await store.transition(actor, CareResidentModel.self, p.residentID, .recordCare) { r, tx, _ in
            guard p.schedule.isScheduled(d!, time: time) else {
                throw AppError.invalid("time", "care.error.not_scheduled")
            }
            if try await CareDoseModel.query(on: tx).filter(\.$prescriptionID == prescriptionID).filter(\.$day == d!.iso).filter(\.$time == time).first()
                != nil
            {
                throw AppError.conflict(Message("care.error.dose_recorded"))
            }
            let (shiftDay, shift) = Shift.of(d!, time: time)!
            let m = CareDoseModel()
            m.id = UUID(); m.prescriptionID = prescriptionID; m.residentID = r.id!; m.unitPath = r.unitPath; m.day = d!.iso; m.time = time
            m.shiftDay = shiftDay.iso; m.shift = shift.rawValue; m.status = s!.rawValue; m.note = note.isEmpty ? nil : note
            m.recordedBy = actor.username
            try await m.create(on: tx)
            return ["prescription": prescriptionID.uuidString, "day": d!.iso, "time": time, "status": s!.rawValue]
        }
    }

    /// The handover to `shift` of `day`: every dose due in the shift before for a resident in
    /// care that was refused, missed or not recorded at all. Health class; the read is audited.
    public func handover(_ actor: Actor, day: LocalDate, shift: Shift) async throws -> [HandoverItem] {
        try actor.require(.viewCare)
        guard actor.role.canView(.health) else { throw AppError.forbidden }
        let (pday, pshift) = shift.previous(on: day)
        let residents = try await store.scoped(CareResidentModel.self, actor).filter(\.$status == ResidentLifecycle.State.inCare.rawValue).all()
        let byID = Dictionary(residents.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        var items: [HandoverItem] = []
        for chunk in Array(byID.keys).chunked(500) {
            let ps = try await CarePrescriptionModel.query(on: store.db).filter(\.$residentID ~~ chunk).all()
            let recorded = try await CareDoseModel.query(on: store.db).filter(\.$residentID ~~ chunk).filter(\.$shiftDay == pday.iso)
                .filter(\.$shift == pshift.rawValue).all()
            let done = Dictionary(recorded.map { ("\($0.prescriptionID)|\($0.day)|\($0.time)", $0) }, uniquingKeysWith: { a, _ in a })
            for p in ps {
                for (d, t) in p.schedule.due(in: pshift, of: pday) {
                    let r = byID[p.residentID]!
                    guard d.iso >= r.admittedOn else { continue }
                    let dose = done["\(p.id!)|\(d.iso)|\(t)"]
                    if dose?.status == DoseStatus.given.rawValue { continue }
                    items.append(
                        HandoverItem(
                            residentID: r.id!, residentName: r.fullName, drug: p.drug, dose: p.dose, day: d, time: t,
                            status: dose.flatMap { DoseStatus(rawValue: $0.status) }, note: dose?.note))
                }
            }
        }
        items.sort { ($0.residentName, $0.day, $0.time) < ($1.residentName, $1.day, $1.time) }
        if !items.isEmpty {
            try await store.audit(
                actor,
                [
                    AuditRecord(
                        action: "read_sensitive", entity: "care_handover", entityID: "\(day.iso)-\(shift.rawValue)", unitID: actor.unitID,
                        unitPath: actor.scopePath, before: NoValue?.none, after: ["fields": "medication", "items": "\(items.count)"])
                ])
        }
        return items
    }
}
