import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// One-off decisions (Decree 20/2021 Art. 11–15): decided by the commune chairman with the
/// amount the engine gives for the event's month, paid through the commune's next payment
/// cycle or handed out at once, cancelled while no cycle has issued them. Every write is one
/// transaction with its audit entry.
public struct OneOffRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    /// Decides a one-off benefit. Checked before anything is written: the event and signing
    /// dates (signed on or after the event, never in the future), the number, the kind's own
    /// facts, the recipient; then, inside the transaction, that the person is in the actor's
    /// units, one funeral per person, and the household's class for house support.
    public func decide(_ actor: Actor, _ input: OneOffInput) async throws -> UUID {
        try actor.require(.decideAllowances)
        var errors: [FieldError] = []
        let kind = OneOffKind(rawValue: input.kind)
        if kind == nil { errors.append(FieldError(field: "kind", message: Message("validation.choice"))) }
        let event = LocalDate(iso: input.eventDate)
        let signed = LocalDate(iso: input.signedDate)
        if event == nil { errors.append(FieldError(field: "event_date", message: Message("validation.date"))) }
        if signed == nil { errors.append(FieldError(field: "signed_date", message: Message("validation.date"))) }
        if let e = event, let s = signed, s < e { errors.append(FieldError(field: "signed_date", message: Message("one_off.error.signed_before_event"))) }
        if let s = signed, s > store.today { errors.append(FieldError(field: "signed_date", message: Message("one_off.error.future"))) }
        let number = input.number.trimmingCharacters(in: .whitespacesAndNewlines)
        if number.isEmpty { errors.append(FieldError(field: "number", message: Message("validation.required"))) }
        if number.count > 60 { errors.append(FieldError(field: "number", message: Message("validation.too_long", ["max": "60"]))) }
        let note = input.note.trimmingCharacters(in: .whitespacesAndNewlines)
        if note.count > 2000 { errors.append(FieldError(field: "note", message: Message("validation.too_long", ["max": "2000"]))) }
        var recipientKind = input.recipientKind.isEmpty ? RecipientKind.person.rawValue : input.recipientKind
        let recipientName = input.recipientName.trimmingCharacters(in: .whitespacesAndNewlines)
        if kind == .funeral {
            // The deceased cannot receive it: the family or the organiser of the funeral does
            // (Art. 11(3)), or the facility or agency that buried the person (Art. 14, 25(3)).
            if recipientKind == RecipientKind.person.rawValue { recipientKind = RecipientKind.guardian.rawValue }
            if recipientName.isEmpty { errors.append(FieldError(field: "recipient_name", message: Message("one_off.error.funeral_recipient"))) }
        }
        if recipientName.count > 200 { errors.append(FieldError(field: "recipient_name", message: Message("validation.too_long", ["max": "200"]))) }
        let channel = input.channel.isEmpty ? PaymentChannel.cash.rawValue : input.channel
        // A funeral's recipient is named by the check above (said once).
        errors += DecisionRepository.recipientProblems(kind: recipientKind, name: recipientName, channel: channel, account: input.account)
            .filter { kind != .funeral || $0.field != "recipient_name" }
        if kind == .funeral && input.details.funeralCases.isEmpty {
            errors.append(FieldError(field: "funeral_cases", message: Message("validation.required")))
        }
        if kind == .funeral, input.details.others.contains(where: { $0.amount < 0 || $0.amount > 10_000_000_000 }) {
            errors.append(FieldError(field: "other_amount", message: Message("validation.range", ["min": "0", "max": "10000000000"])))
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let p = try await DecisionRepository(store).person(actor, input.personID, on: store.db)
        let place = try await DecisionRepository(store).place(p, on: store.db)
        let rules = try await RuleSettingsRepository(store).allowanceRules(forPath: place.path)
        try DecisionRepository.requireWithinRules(event!.yearMonth, rules, field: "event_date")
        let engine = AllowanceEngine(rules: rules)
        let k = kind!
        var details = input.details
        var amount: Int64 = 0
        var kilograms: Int?
        var category: String
        var reason: Reason
        switch k {
        case .funeral:
            details.riceCause = nil; details.persons = nil; details.months = nil; details.treatmentDays = nil
            let b = try engine.funeral(Set(details.funeralCases), date: event!, others: details.others)
            amount = b.amount; category = b.category; reason = b.reason
        case .seriousInjury:
            // Art. 13: treated at a health facility for 3 days or more.
            let least = rules.limit("injury_min_treatment_days")
            guard let days = details.treatmentDays, days >= least, days <= 3650 else {
                throw AppError.invalid("treatment_days", "one_off.error.treatment_days", ["min": "\(least)"])
            }
            details = OneOffDetails(); details.treatmentDays = days
            let b = try engine.emergency(.seriousInjury, date: event!)
            amount = b.amount; category = b.category; reason = b.reason
        case .houseLost, .relocation, .houseDamaged:
            details = OneOffDetails()
            let b = try engine.emergency(k.emergency!, date: event!)
            amount = b.amount; category = b.category; reason = b.reason
        case .rice:
            guard let cause = details.riceCause else { throw AppError.invalid("rice_cause", "validation.choice") }
            let r = try engine.rice(persons: details.persons ?? 0, months: details.months ?? 0, cause: cause)
            details = OneOffDetails(); details.riceCause = cause; details.persons = input.details.persons; details.months = input.details.months
            kilograms = r.kilograms; category = "D20-12.rice"; reason = r.reason
        }
        let frozen = details
        let (amountF, kilogramsF, categoryF, reasonF, recipientKindF) = (amount, kilograms, category, reason, recipientKind)
        let stopMonth = engine.stopMonth(eventDate: event!)
        return try await store.write(actor) { tx, audit in
            if k == .funeral {
                try await Self.requireFuneralFacts(Set(frozen.funeralCases), personID: p.id!, died: event!, on: tx)
                if try await OneOffDecisionModel.query(on: tx).filter(\.$personID == p.id!).filter(\.$kind == OneOffKind.funeral.rawValue)
                    .filter(\.$status != OneOffLifecycle.State.cancelled.rawValue).first() != nil
                {
                    throw AppError.conflict(Message("one_off.error.funeral_twice"))
                }
            }
            if k.needsHardship, !(try await Self.inHardship(place.household, on: event!, on: tx)) {
                throw AppError.invalid("person_id", "one_off.error.not_hardship")
            }
            if try await OneOffDecisionModel.query(on: tx).filter(\.$communeID == place.commune).filter(\.$number == number).first() != nil {
                throw AppError.invalid("number", "decision.error.number_taken", ["number": number])
            }
            let d = OneOffDecisionModel()
            d.kind = k.rawValue; d.personID = p.id!; d.householdID = k.perHousehold ? place.household : nil; d.communeID = place.commune
            d.groupID = place.group; d.unitPath = place.path; d.eventDate = event!.iso; d.number = number; d.signedDate = signed!.iso
            d.category = categoryF; d.amount = amountF; d.kilograms = kilogramsF; d.details = DecisionRepository.json(frozen)
            d.reason = DecisionRepository.json(reasonF); d.ruleSet = rules.id; d.recipientKind = recipientKindF
            d.recipientName = recipientName.isEmpty ? nil : recipientName; d.channel = channel; d.account = input.account.isEmpty ? nil : input.account
            d.status = OneOffLifecycle.State.decided.rawValue; d.note = note.isEmpty ? nil : note; d.decidedBy = actor.username
            try await d.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "decide", entity: OneOffLifecycle.entity, entityID: d.id!.uuidString, unitID: place.commune, unitPath: place.path,
                    before: NoValue?.none,
                    after: [
                        "person_id": p.id!.uuidString, "kind": k.rawValue, "number": number, "event_date": event!.iso, "amount": "\(amountF)",
                        "kilograms": kilogramsF.map(String.init) ?? "", "category": categoryF,
                    ]))
            if k == .funeral {
                try await stopForDeath(actor, person: p, died: event!, stopMonth: stopMonth, number: number, signed: signed!.iso, on: tx, audit: audit)
            }
            return d.id!
        }
    }

    /// The funeral decision also ends what the deceased received (Decree 20 Art. 8(2); Decree
    /// 147/2025 Art. 5: from the month after the month of death, which is paid in full): each
    /// benefit still open on their ledger gets a stop decision for death under the same number
    /// and signing day — the chairman signs one decision for both — and the registry records the
    /// day of death if it did not hold it. In the funeral's transaction: no month after death is
    /// prepared for payment, whatever the officer does next.
    func stopForDeath(
        _ actor: Actor, person p: PersonModel, died: LocalDate, stopMonth: YearMonth, number: String, signed: String, on tx: any Database,
        audit: AuditBuffer
    ) async throws {
        let decisions = DecisionRepository(store)
        for benefit in Benefit.allCases {
            guard
                try await AllowancePeriodModel.query(on: tx).filter(\.$personID == p.id!).filter(\.$benefit == benefit.rawValue)
                    .filter(\.$untilMonth == nil).first() != nil
            else { continue }
            var input = DecisionInput(personID: p.id!)
            input.benefit = benefit; input.kind = .stop; input.reason = DecisionReason.death.rawValue; input.number = number
            input.signedDate = signed; input.eventDate = died.iso
            _ = try await decisions.record(
                actor, input, effective: stopMonth, evaluation: nil, applicationID: nil, on: tx, audit: audit, sharedNumber: true)
        }
        if p.deathDate == nil {
            p.deathDate = died.iso
            try await p.update(on: tx)
            audit.add(
                AuditRecord(
                    action: "update", entity: "person", entityID: p.id!.uuidString, unitID: nil, unitPath: p.unitPath, before: ["death_date": ""],
                    after: ["death_date": died.iso]))
        }
    }

    /// Art. 25(3): a facility resident's funeral needs the person in a social assistance
    /// facility on the day of death (admitted by then, not discharged before). Art. 11(1): the
    /// deceased received a monthly allowance (or the social pension) in the month of death — a
    /// period of any ledger covers it — unless another case also applies.
    static func requireFuneralFacts(_ cases: Set<FuneralCase>, personID: UUID, died: LocalDate, on db: any Database) async throws {
        if cases.contains(.facilityResident) {
            let resident = try await CareResidentModel.query(on: db).filter(\.$personID == personID).filter(\.$admittedOn <= died.iso).all()
                .contains { $0.dischargedOn.map { $0 >= died.iso } ?? true }
            if !resident { throw AppError.invalid("funeral_cases", "one_off.error.not_resident", ["date": died.iso]) }
        }
        guard cases == [.monthlyRecipient] else { return }
        let month = died.yearMonth
        let paying = try await AllowancePeriodModel.query(on: db).filter(\.$personID == personID).filter(\.$fromMonth <= month.iso).all()
            .contains { $0.untilMonth.map { $0 > month.iso } ?? true }
        if !paying { throw AppError.invalid("funeral_cases", "one_off.error.not_recipient", ["month": month.iso]) }
    }

    /// Art. 15(1), 15(3): a poor or near-poor household (its classification for the event's
    /// year or the latest before), or one with a sudden hardship recorded in the year before
    /// the event.
    static func inHardship(_ householdID: UUID, on day: LocalDate, on db: any Database) async throws -> Bool {
        if let c = try await HouseholdClassificationModel.query(on: db).filter(\.$householdID == householdID).filter(\.$period <= day.year)
            .sort(\.$period, .descending).first(), c.povertyClass == "poor" || c.povertyClass == "near_poor"
        {
            return true
        }
        let yearBefore = day.adding(days: -366).iso
        return try await HardshipEventModel.query(on: db).filter(\.$householdID == householdID).filter(\.$occurredOn <= day.iso)
            .filter(\.$occurredOn >= yearBefore).first() != nil
    }

    /// Records the support as handed out at once (emergency relief within the day, Art. 12(3)):
    /// when, to whom and by whom. A line a draft cycle holds for it is removed; one a cycle has
    /// issued past its draft cannot be handed out again.
    public func handOut(_ actor: Actor, id: UUID, date: String, receivedBy: String) async throws {
        let who = receivedBy.trimmingCharacters(in: .whitespacesAndNewlines)
        let day = date.trimmingCharacters(in: .whitespaces)
        try await store.transition(actor, OneOffDecisionModel.self, id, .handOut, fields: ["handed_date": day, "received_by": who]) { d, tx, _ in
            var errors: [FieldError] = []
            if let x = LocalDate(iso: day) {
                if x < LocalDate(iso: d.signedDate)! { errors.append(FieldError(field: "handed_date", message: Message("one_off.error.handed_before"))) }
                if x > store.today { errors.append(FieldError(field: "handed_date", message: Message("one_off.error.future"))) }
            } else {
                errors.append(FieldError(field: "handed_date", message: Message("validation.date")))
            }
            if who.count > 200 { errors.append(FieldError(field: "received_by", message: Message("validation.too_long", ["max": "200"]))) }
            if !errors.isEmpty { throw AppError.validation(errors) }
            try await Self.releaseDraftLine(d.id!, on: tx)
            d.handedDate = day; d.receivedBy = who; d.handedBy = actor.username
            return ["handed_date": day, "received_by": who]
        }
    }

    /// The chairman cancels a decision no cycle has issued (a wrong person, a duplicate file).
    public func cancel(_ actor: Actor, id: UUID, reason: String) async throws {
        let text = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count > 2000 { throw AppError.invalid("reason", "validation.too_long", ["max": "2000"]) }
        try await store.transition(actor, OneOffDecisionModel.self, id, .cancel, fields: ["reason": text]) { d, tx, _ in
            try await Self.releaseDraftLine(d.id!, on: tx)
            d.cancelReason = text
            return ["reason": text]
        }
    }

    /// Removes the decision's line from a draft cycle; refuses when a cycle past its draft holds one.
    static func releaseDraftLine(_ id: UUID, on tx: any Database) async throws {
        let s = sql(tx)
        let issued = try await s.raw(
            "SELECT c.status FROM payment_lines l JOIN payment_cycles c ON c.id = l.cycle_id WHERE l.one_off_id = \(bind: id) AND c.status <> 'draft'"
        ).first()
        if issued != nil { throw AppError.conflict(Message("one_off.error.issued")) }
        try await s.raw("DELETE FROM payment_lines WHERE one_off_id = \(bind: id)").run()
    }
}
