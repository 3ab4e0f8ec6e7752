import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// The centre's residents: admission with its legal basis and decision, beds and their history,
/// discharge. The community allowance and the facility's nursing allowance follow the stay in
/// the same transaction (Decree 20/2021 Art. 25(5)): paid in the community through the month
/// of admission, by the facility from the month after, and back in the community from the
/// month after discharge — no gap, no double month.
public struct CareRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    static func text(_ v: String, _ field: String, max: Int, into errors: inout [FieldError]) -> String {
        var c = InputCheck()
        defer { errors += c.errors }
        return c.text(v, field, max: max)
    }

    static func date(_ v: String, _ field: String, today: LocalDate, into errors: inout [FieldError]) -> LocalDate? {
        var c = InputCheck()
        defer { errors += c.errors }
        return c.date(v, field, notAfter: today)
    }

    /// The centre an admission is for: the one named, else the actor's own.
    func centre(_ actor: Actor, _ id: UUID?, on db: any Database) async throws -> OrgUnitModel {
        guard let id = id ?? actor.unitID, let u = try await store.reachable(OrgUnitModel.self, id, actor, on: db), u.kind == UnitKind.centre.rawValue
        else { throw AppError.invalid("unit_id", "validation.parent_not_found") }
        return u
    }

    // MARK: admission

    public func admit(_ actor: Actor, _ input: AdmissionInput, today: LocalDate) async throws -> UUID {
        try actor.require(.admitResidents)
        var errors: [FieldError] = []
        let basis = AdmissionBasis(rawValue: input.basis)
        if basis == nil { errors.append(FieldError(field: "basis", message: Message("validation.choice"))) }
        let number = Self.text(input.decisionNumber, "decision_number", max: 60, into: &errors)
        let decided = Self.date(input.decisionDate, "decision_date", today: today, into: &errors)
        let signer = Self.text(input.decisionSigner, "decision_signer", max: 120, into: &errors)
        let source = Self.text(input.referralSource, "referral_source", max: 200, into: &errors)
        let admitted = Self.date(input.admittedOn, "admitted_on", today: today, into: &errors)
        let nationalID = NationalID.normalise(input.nationalID.trimmingCharacters(in: .whitespaces))
        var person: PersonModel? = nil
        if !nationalID.isEmpty {
            if !NationalID.isWellFormed(nationalID) {
                errors.append(FieldError(field: "national_id", message: Message("validation.national_id_digits")))
            } else {
                // The centre finds the person in any ward's registry by national ID: the admission
                // decision names them, and the lookup is part of the audited admission.
                person = try await PersonModel.query(on: store.db).filter(\.$nationalID == nationalID).filter(\.$mergedInto == nil).first()
            }
        }
        let name = input.fullName.trimmingCharacters(in: .whitespaces).isEmpty ? (person?.fullName ?? "") : input.fullName
        let fullName = Self.text(name, "full_name", max: 120, into: &errors)
        let gender = input.gender.isEmpty ? (person?.gender ?? "") : input.gender
        if Gender(rawValue: gender) == nil { errors.append(FieldError(field: "gender", message: Message("validation.choice"))) }
        let birthText = input.birthDate.isEmpty ? (person.flatMap { $0.birthDate.count == 10 ? $0.birthDate : nil } ?? "") : input.birthDate
        let birth = Self.date(birthText, "birth_date", today: today, into: &errors)
        if let birth, let admitted, admitted < birth { errors.append(FieldError(field: "admitted_on", message: Message("care.error.before_birth"))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        // The nursing allowance as the rules price it from the month after admission.
        let next = admitted!.yearMonth.adding(months: 1)
        let decisions = DecisionRepository(store)
        var nursing: StoredEvaluation? = nil
        if let p = person, basis!.nursingAllowance,
            try await MembershipModel.query(on: store.db).filter(\.$personID == p.id!).filter(\.$endDate == nil).first() != nil
        {
            nursing = try await decisions.evaluate(.system, p.id!, benefit: .nursing, month: next, inFacility: true)
        }
        let caseID = input.caseID, bedID = input.bedID, personID = person?.id
        let nursingEval = nursing
        return try await store.write(actor) { tx, audit in
            let unit = try await centre(actor, input.unitID, on: tx)
            if let personID,
                try await CareResidentModel.query(on: tx).filter(\.$personID == personID).filter(\.$status == ResidentLifecycle.State.inCare.rawValue)
                    .first() != nil
            {
                throw AppError.conflict(Message("care.error.already_in_care"))
            }
            if let caseID { _ = try await store.scoped(CaseModel.self, caseID, actor, on: tx) }
            let r = CareResidentModel()
            r.id = UUID(); r.unitID = unit.id!; r.unitPath = unit.path; r.personID = personID; r.fullName = fullName; r.gender = gender
            r.birthDate = birth!.iso; r.basis = basis!.rawValue; r.stay = basis!.stay.rawValue; r.decisionNumber = number
            r.decisionDate = decided!.iso; r.decisionSigner = signer; r.referralSource = source; r.caseID = caseID
            r.admittedOn = admitted!.iso; r.status = ResidentLifecycle.State.inCare.rawValue; r.createdBy = actor.username
            try await r.create(on: tx)
            var after = [
                "basis": r.basis, "decision_number": number, "admitted_on": r.admittedOn, "linked_person": personID?.uuidString ?? "",
            ]
            if let bedID { after["bed"] = try await place(r, bedID: bedID, from: admitted!, actor: actor, on: tx).code }
            if let personID, let ev = nursingEval {
                after["allowance_switch"] = try await switchToFacility(
                    personID, admitted: admitted!, decisionDate: decided!, facility: unit.name, nursing: ev, decisions: decisions, tx: tx, audit: audit)
            }
            audit.add(
                AuditRecord(
                    action: "admit", entity: ResidentLifecycle.entity, entityID: r.id!.uuidString, unitID: unit.id, unitPath: unit.path,
                    before: NoValue?.none, after: after))
            return r.id!
        }
    }

    /// Art. 25(5): the community allowance is paid through the month of admission and stops; the
    /// nursing allowance, paid to the facility, starts the month after. Recorded by the system
    /// on the person's ledger, each decision with its audit entry. Returns what was done.
    func switchToFacility(
        _ personID: UUID, admitted: LocalDate, decisionDate: LocalDate, facility: String, nursing: StoredEvaluation,
        decisions: DecisionRepository, tx: any Database, audit: AuditBuffer
    ) async throws -> String {
        let next = admitted.yearMonth.adding(months: 1)
        var done: [String] = []
        let open = try await AllowancePeriodModel.query(on: tx).filter(\.$personID == personID).filter(\.$benefit == Benefit.allowance.rawValue)
            .filter(\.$untilMonth == nil).first()
        if open != nil {
            var stop = DecisionInput(personID: personID)
            stop.benefit = .allowance; stop.kind = .stop; stop.reason = DecisionReason.facilityAdmission.rawValue
            stop.signedDate = decisionDate.iso; stop.eventDate = admitted.iso
            _ = try await decisions.record(.system, stop, effective: next, evaluation: nil, applicationID: nil, on: tx, audit: audit)
            done.append("allowance_stopped_from:\(next.iso)")
        }
        if nursing.amount > 0 {
            var start = DecisionInput(personID: personID)
            start.benefit = .nursing; start.kind = .start; start.reason = DecisionReason.eligible.rawValue
            start.signedDate = decisionDate.iso; start.eventDate = next.firstDay.iso
            start.recipientKind = RecipientKind.facility.rawValue; start.recipientName = facility; start.channel = PaymentChannel.cash.rawValue
            _ = try await decisions.record(.system, start, effective: next, evaluation: nursing, applicationID: nil, on: tx, audit: audit)
            done.append("nursing_from:\(next.iso)")
        }
        return done.joined(separator: ",")
    }

    /// Puts a resident in a bed from a day, ending the bed they had. The bed must be free from
    /// that day on (the open-stay index refuses a second occupant even to a racing request).
    func place(_ r: CareResidentModel, bedID: UUID, from: LocalDate, actor: Actor, on tx: any Database) async throws -> CareBedModel {
        guard let bed = try await store.reachable(CareBedModel.self, bedID, actor, on: tx), bed.unitPath.hasPrefix(r.unitPath) else {
            throw AppError.invalid("bed_id", "care.error.bed_unknown")
        }
        try await Store.lock(CareBedModel.self, bedID, on: tx)
        let taken = try await CareBedStayModel.query(on: tx).filter(\.$bedID == bedID).all()
            .contains { $0.residentID != r.id && ($0.untilDate.map { $0 > from.iso } ?? true) }
        if taken { throw AppError.conflict(Message("care.error.bed_taken", ["bed": bed.code])) }
        if let current = try await CareBedStayModel.query(on: tx).filter(\.$residentID == r.id!).filter(\.$untilDate == nil).first() {
            guard current.fromDate <= from.iso else { throw AppError.invalid("from", "care.error.before_current_bed", ["date": current.fromDate]) }
            if current.bedID == bedID { return bed }
            current.untilDate = from.iso
            try await current.update(on: tx)
        }
        let s = CareBedStayModel()
        s.id = UUID(); s.residentID = r.id!; s.bedID = bedID; s.unitPath = bed.unitPath; s.fromDate = from.iso
        try await s.create(on: tx)
        return bed
    }

    public func assignBed(_ actor: Actor, residentID: UUID, bedID: UUID, from: String, today: LocalDate) async throws {
        try actor.require(ResidentLifecycle.rule(.assignBed).permission)
        var errors: [FieldError] = []
        let day = Self.date(from, "from", today: today, into: &errors)
        if !errors.isEmpty { throw AppError.validation(errors) }
        try await store.transition(actor, CareResidentModel.self, residentID, .assignBed) { r, tx, _ in
            if day! < LocalDate(iso: r.admittedOn)! { throw AppError.invalid("from", "care.error.before_admission") }
            let bed = try await place(r, bedID: bedID, from: day!, actor: actor, on: tx)
            return ["bed": bed.code, "from": day!.iso]
        }
    }

    // MARK: discharge

    /// Discharges a resident (Art. 30). `afterCareMonths` (at most 24) keeps the nursing
    /// allowance paid after the month of discharge until the person is self-reliant (Art. 26(5)),
    /// only for the Art. 24(1) and 24(3) groups leaving to live on their own or with family.
    public func discharge(
        _ actor: Actor, residentID: UUID, reason: String, on date: String, note: String, afterCareMonths: Int = 0, today: LocalDate
    ) async throws {
        try ResidentLifecycle.authorize(.discharge, role: actor.role, fields: ["reason": reason, "discharged_on": date])
        var errors: [FieldError] = []
        let why = DischargeReason(rawValue: reason)
        if !reason.isEmpty && why == nil { errors.append(FieldError(field: "reason", message: Message("validation.choice"))) }
        let day = date.isEmpty ? nil : Self.date(date, "discharged_on", today: today, into: &errors)
        if note.count > 2000 { errors.append(FieldError(field: "note", message: Message("validation.too_long", ["max": "2000"]))) }
        if !(0...AfterCare.maxMonths).contains(afterCareMonths) {
            errors.append(FieldError(field: "after_care_months", message: Message("care.error.after_care_months", ["max": "\(AfterCare.maxMonths)"])))
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let decisions = DecisionRepository(store)
        try await store.transition(actor, CareResidentModel.self, residentID, .discharge, fields: ["reason": reason, "discharged_on": date]) { r, tx, audit in
            guard day! >= LocalDate(iso: r.admittedOn)! else { throw AppError.invalid("discharged_on", "care.error.before_admission") }
            if afterCareMonths > 0 && !AfterCare.allowed(basis: AdmissionBasis(rawValue: r.basis)!, reason: why!) {
                throw AppError.invalid("after_care_months", "care.error.after_care_not_allowed")
            }
            // Whoever is out on leave when discharged is signed back by the discharge.
            if let leave = try await CareLeaveModel.query(on: tx).filter(\.$residentID == residentID).filter(\.$returnedAt == nil).first() {
                leave.returnedAt = max("\(day!.iso)T00:00", leave.leftAt); leave.signedInBy = actor.username; leave.returnNote = "discharge"
                try await leave.update(on: tx)
            }
            if let open = try await CareBedStayModel.query(on: tx).filter(\.$residentID == residentID).filter(\.$untilDate == nil).first() {
                open.untilDate = max(day!.iso, open.fromDate)
                try await open.update(on: tx)
            }
            r.dischargedOn = day!.iso; r.dischargeReason = why!.rawValue; r.dischargeNote = note.isEmpty ? nil : note
            var after = ["reason": why!.rawValue, "discharged_on": day!.iso]
            // A fee-paying resident's contract ends with the stay (its last day at the latest).
            for c in try await CareContractModel.query(on: tx).filter(\.$residentID == residentID)
                .filter(\.$status == ContractLifecycle.State.active.rawValue).all()
            {
                c.status = ContractLifecycle.State.ended.rawValue; c.endsOn = min(c.endsOn ?? day!.iso, max(day!.iso, c.startsOn))
                try await c.update(on: tx)
                after["contract_ended"] = c.number
            }
            if let personID = r.personID,
                try await AllowancePeriodModel.query(on: tx).filter(\.$personID == personID).filter(\.$benefit == Benefit.nursing.rawValue)
                    .filter(\.$untilMonth == nil).first() != nil
            {
                // The facility pays through the month of discharge (Art. 25(5)), and through the
                // after-care months when given (Art. 26(5)); the month after, the community
                // allowance is decided again by the ward from the person's facts.
                var stop = DecisionInput(personID: personID)
                stop.benefit = .nursing; stop.kind = .stop
                stop.reason = (why == .death ? DecisionReason.death : DecisionReason.facilityDischarge).rawValue
                stop.signedDate = day!.iso; stop.eventDate = day!.iso
                let from = day!.yearMonth.adding(months: 1 + afterCareMonths)
                if afterCareMonths > 0 { r.afterCareUntil = from.adding(months: -1).iso; after["after_care_until"] = r.afterCareUntil }
                _ = try await decisions.record(.system, stop, effective: from, evaluation: nil, applicationID: nil, on: tx, audit: audit)
                after["nursing_stopped_from"] = from.iso
            }
            return after
        }
    }
}
