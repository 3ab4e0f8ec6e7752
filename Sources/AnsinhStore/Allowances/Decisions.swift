import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Applications, decisions and the paid periods they make. Every write is one transaction with
/// its audit entry; periods are only ever changed here.
public struct DecisionRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    struct Place { let commune: UUID; let group: UUID?; let path: String; let household: UUID }

    /// The current household of a person, with its commune and residential group.
    func place(_ p: PersonModel, on db: any Database) async throws -> Place {
        let row = try await sql(db).raw(
            """
            SELECT h.id, h.commune_id, h.group_id, h.unit_path FROM memberships m JOIN households h ON h.id = m.household_id
            WHERE m.person_id = \(bind: p.id!) AND m.end_date IS NULL
            """
        ).first()
        guard let row else { throw AppError.invalid("person_id", "decision.error.no_household") }
        return Place(
            commune: try row.decode(column: "commune_id", as: UUID.self), group: try row.decode(column: "group_id", as: UUID?.self),
            path: try row.decode(column: "unit_path", as: String.self), household: try row.decode(column: "id", as: UUID.self))
    }

    func person(_ actor: Actor, _ id: UUID, on db: any Database) async throws -> PersonModel {
        let p = try await store.scoped(PersonModel.self, id, actor, on: db)
        guard p.mergedInto == nil else { throw AppError.notFound }
        return p
    }

    /// Evaluates a person for a month and keeps what the ledger needs.
    func evaluate(_ actor: Actor, _ personID: UUID, benefit: Benefit, month: YearMonth, inFacility: Bool? = nil) async throws -> StoredEvaluation {
        let r = try await AllowanceFactsRepository(store).evaluate(actor, personID: personID, month: month, inFacility: inFacility)
        let comps = Self.components(r.evaluation, benefit: benefit)
        let rate = PayPeriod.rate(comps)
        return StoredEvaluation(
            facts: r.facts, month: month, categories: comps.map(\.category), amount: comps.reduce(0) { $0 + $1.amount },
            standardTenths: rate.standardTenths, pensionTenths: rate.pensionTenths, reasons: r.evaluation.reasons,
            assumed: r.assumed, ruleSet: r.evaluation.ruleSet, birthDependent: r.birthDependent,
            missingFacts: r.missingFacts + (r.facts.disabilityCertificateDate == nil ? ["disability_certificate"] : []))
    }

    /// The components of an evaluation one benefit pays: the allowance (or social pension), the
    /// facility nursing allowance (Art. 25), or the care support (Art. 20).
    static func components(_ e: AllowanceEvaluation, benefit: Benefit) -> [AllowanceComponent] {
        switch benefit {
        case .allowance: return e.components.filter { $0.category != "D20-25.1" }
        case .nursing: return e.components.filter { $0.category == "D20-25.1" }
        case .careSupport: return e.careSupport
        }
    }

    static func json<T: Encodable>(_ v: T) -> String { String(decoding: (try? JSONEncoder().encode(v)) ?? Data(), as: UTF8.self) }
    static func stored(_ s: String?) -> StoredEvaluation? { s.flatMap { try? JSONDecoder().decode(StoredEvaluation.self, from: Data($0.utf8)) } }

    /// The stored evaluation as `role` may see it: an evaluation that rests on HIV status (the
    /// fact, or a Decree 20 Art. 5(3)/5(8) category) is withheld from a role without the `hiv`
    /// class; the page then shows only the amount and the neutral category.
    static func stored(_ s: String?, for role: Role) -> StoredEvaluation? {
        guard let ev = stored(s) else { return nil }
        if !role.canView(.hiv) && (ev.facts.hiv || ev.categories.contains { SensitivityClass.of(category: $0) == .hiv }) { return nil }
        return ev
    }

    /// A decision's effective month has a lower bound: the first month of the rule set in force
    /// (`AllowanceRules.earliestMonth`, from the rule file), so that no date typo reaches back
    /// to months no rule can price.
    static func requireWithinRules(_ month: YearMonth, _ rules: AllowanceRules, field: String) throws {
        guard month >= rules.earliestMonth else {
            throw AppError.invalid(field, "decision.error.before_rules", ["month": month.iso, "first": rules.earliestMonth.iso])
        }
    }

    // MARK: decisions

    /// A decision on a person's ledger without an application: an adjustment, suspension,
    /// resumption or stop, or a start taken over from a paper list (with `paidBefore`).
    public func decide(_ actor: Actor, _ input: DecisionInput) async throws -> UUID {
        try LedgerLifecycle.authorize(input.kind, role: actor.role, fields: ["signed_date": input.signedDate])
        var errors: [FieldError] = []
        let signed = LocalDate(iso: input.signedDate)
        if signed == nil { errors.append(FieldError(field: "signed_date", message: Message("validation.date"))) }
        let event = input.eventDate.isEmpty ? signed : LocalDate(iso: input.eventDate)
        if event == nil { errors.append(FieldError(field: "event_date", message: Message("validation.date"))) }
        guard let r = DecisionReason(rawValue: input.reason), r.allowedFor.contains(input.kind) else {
            throw AppError.validation(errors + [FieldError(field: "reason", message: Message("decision.error.reason"))])
        }
        if !input.paidBefore.isEmpty && (input.kind != .start || YearMonth(iso: input.paidBefore) == nil) {
            errors.append(FieldError(field: "paid_before", message: Message("decision.error.paid_before")))
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let engine = AllowanceEngine(rules: try await RuleSettingsRepository(store).allowanceRules())
        let effective: YearMonth
        switch input.kind {
        case .start:
            effective = event!.yearMonth
        case .adjust:
            // Decree 20 Art. 8 before July 2025: from the month of the change; Decree 147/2025
            // Art. 5(2)(d): from the month after (a setting, [U]).
            let after = event!.yearMonth >= engine.rules.reformMonth && engine.rules.setting("adjust_from_next_month_after_2025_07")
            effective = after ? event!.yearMonth.adding(months: 1) : event!.yearMonth
        case .stop:
            // The month of death (or of the change) is paid in full (Art. 8(2)).
            effective = engine.stopMonth(eventDate: event!)
        case .suspend, .resume:
            effective = event!.yearMonth
        }
        try Self.requireWithinRules(effective, engine.rules, field: "event_date")
        var ev: StoredEvaluation?
        if input.kind == .start || input.kind == .adjust || input.kind == .resume {
            _ = try await person(actor, input.personID, on: store.db)  // in the actor's units, before reading facts beyond their role
            try await IdentityVerificationRepository(store).requireVerified(input.personID, rules: engine.rules, on: store.db)
            ev = try await evaluate(.system, input.personID, benefit: input.benefit, month: effective)
            if ev?.birthDependent == true { throw AppError.invalid("person_id", "decision.error.birth_year_only") }
        }
        return try await record(actor, input, effective: effective, evaluation: ev, applicationID: nil)
    }

    /// Stores a decision and applies it to the ledger's periods, in one transaction.
    func record(_ actor: Actor, _ input: DecisionInput, effective: YearMonth, evaluation ev: StoredEvaluation?, applicationID: UUID?) async throws -> UUID {
        try await store.write(actor) { tx, audit in
            try await record(actor, input, effective: effective, evaluation: ev, applicationID: applicationID, on: tx, audit: audit)
        }
    }

    /// `record` inside a transaction the caller holds (a payroll close suspends in its own, a
    /// funeral decision stops the deceased's benefits in its own).
    func record(
        _ actor: Actor, _ input: DecisionInput, effective: YearMonth, evaluation ev: StoredEvaluation?, applicationID: UUID?,
        on tx: any Database, audit: AuditBuffer, sharedNumber: Bool = false
    ) async throws -> UUID {
        let number = input.number.trimmingCharacters(in: .whitespacesAndNewlines)
        if number.isEmpty && actor != .system { throw AppError.invalid("number", "validation.required") }
        // The application's step, checked again inside the transaction (a refusal may have been
        // recorded since the page was read).
        let application = try await applicationID.asyncMap { try await store.scoped(AllowanceApplicationModel.self, $0, actor, on: tx) }
        if let application { _ = try ApplicationLifecycle.next(.decide, from: application.lifecycleState) }
        let p = try await person(actor, input.personID, on: tx)
        let place = try await place(p, on: tx)
        // `sharedNumber`: one signed decision for several benefits (the funeral's stops).
        if !number.isEmpty, !sharedNumber,
            try await AllowanceDecisionModel.query(on: tx).filter(\.$communeID == place.commune).filter(\.$number == number).first() != nil
        {
            throw AppError.invalid("number", "decision.error.number_taken", ["number": number])
        }
        let periods = try await AllowancePeriodModel.query(on: tx).filter(\.$personID == input.personID).filter(\.$benefit == input.benefit.rawValue).all()
        let open = periods.first { $0.untilMonth == nil }
        // The decision in force last: the latest effective month (then the latest entered).
        let last = try await AllowanceDecisionModel.query(on: tx).filter(\.$personID == input.personID).filter(\.$benefit == input.benefit.rawValue)
            .sort(\.$effectiveMonth, .descending).sort(\.$createdAt, .descending).first()
        // A start or resumption never overlaps months already covered (a move: stop there, start
        // here from the same month; no gap, no double month).
        if open == nil, input.kind == .start || input.kind == .resume,
            let latest = periods.compactMap({ $0.untilMonth.flatMap(YearMonth.init(iso:)) }).max(), effective < latest
        {
            throw AppError.invalid("event_date", "decision.error.overlap", ["month": latest.iso])
        }
        let rate = (ev?.standardTenths ?? 0, ev?.pensionTenths ?? 0)
        let change = try PeriodRules.apply(
            input.kind, effective: effective, rate: rate, open: open?.period, lastKind: last.flatMap { DecisionKind(rawValue: $0.kind) })
        let source = open ?? periods.max { $0.fromMonth < $1.fromMonth }
        let d = AllowanceDecisionModel()
        d.personID = input.personID; d.communeID = place.commune; d.groupID = place.group; d.unitPath = place.path
        d.benefit = input.benefit.rawValue; d.kind = input.kind.rawValue; d.reason = input.reason
        d.number = number.isEmpty ? nil : number; d.signedDate = input.signedDate; d.effectiveMonth = effective.iso
        d.standardTenths = rate.0; d.pensionTenths = rate.1; d.monthlyAmount = ev?.amount ?? 0
        d.categories = ev?.categories.joined(separator: ",") ?? ""; d.evaluation = ev.map(Self.json) ?? "{}"
        d.ruleSet = ev?.ruleSet ?? AllowanceRules.shared.id
        d.recipientKind = input.recipientKind.isEmpty ? (source?.recipientKind ?? RecipientKind.person.rawValue) : input.recipientKind
        d.recipientName = input.recipientName.isEmpty ? source?.recipientName : input.recipientName
        d.channel = input.channel.isEmpty ? (source?.channel ?? PaymentChannel.cash.rawValue) : input.channel
        d.account = input.account.isEmpty ? source?.account : input.account
        let problems = Self.recipientProblems(kind: d.recipientKind, name: d.recipientName ?? "", channel: d.channel, account: d.account ?? "")
        if !problems.isEmpty { throw AppError.validation(problems) }
        d.applicationID = applicationID; d.note = input.note.isEmpty ? nil : input.note; d.decidedBy = actor.username
        try await d.create(on: tx)
        if let at = change.closeOpenAt, let open {
            if at <= YearMonth(iso: open.fromMonth)! {
                try await open.delete(on: tx)  // never paid at this rate: the period is void
            } else {
                open.untilMonth = at.iso
                try await open.update(on: tx)
            }
        }
        if let n = change.open {
            let m = AllowancePeriodModel()
            m.personID = input.personID; m.benefit = input.benefit.rawValue; m.communeID = place.commune; m.groupID = place.group
            m.unitPath = place.path; m.fromMonth = n.from.iso; m.standardTenths = n.standardTenths; m.pensionTenths = n.pensionTenths
            m.paidBefore = input.paidBefore.isEmpty ? nil : input.paidBefore
            m.recipientKind = d.recipientKind; m.recipientName = d.recipientName; m.channel = d.channel; m.account = d.account; m.decisionID = d.id!
            try await m.create(on: tx)
        }
        if let application {
            let was = application.status
            application.lifecycleState = .decided; application.decisionID = d.id
            try await application.update(on: tx)
            audit.add(
                AuditRecord(
                    action: "decide", entity: ApplicationLifecycle.entity, entityID: application.id!.uuidString, unitID: application.communeID,
                    unitPath: application.unitPath, before: ["status": was], after: ["status": "decided", "decision_id": d.id!.uuidString]))
        }
        audit.add(
            AuditRecord(
                action: input.kind.rawValue, entity: "allowance_decision", entityID: d.id!.uuidString, unitID: place.commune, unitPath: place.path,
                before: NoValue?.none,
                after: [
                    "person_id": input.personID.uuidString, "benefit": input.benefit.rawValue, "number": number,
                    "effective_month": effective.iso, "amount": "\(d.monthlyAmount)", "reason": input.reason,
                ]))
        // The household hears of the decision by SMS through the outbox, in this transaction: a
        // notice of the letter (never the category, which may say more than the household knows).
        if let phone = try await HouseholdModel.find(place.household, on: tx)?.phone.flatMap(PhoneNumber.normalise) {
            let args = [
                "number": number.isEmpty ? "—" : number, "name": p.fullName, "benefit": "@decision.benefit.\(input.benefit.rawValue)",
                "month": String(format: "%02d/%04d", effective.month, effective.year), "amount": Message.money(d.monthlyAmount),
            ]
            try await OutboxRepository.notify(
                Message("outbox.msg.decision.\(input.kind.rawValue)", args), to: ResidentContact(phone: phone), sourceKind: "allowance_decision",
                sourceID: d.id!, unitPath: place.path, now: store.now(), on: tx)
        }
        return d.id!
    }

    // MARK: reads

    /// A person's decisions, newest first, and the periods they make.
    public func history(_ actor: Actor, personID: UUID) async throws -> (decisions: [DecisionView], periods: [PeriodView]) {
        try actor.require(.viewAllowances)
        _ = try await person(actor, personID, on: store.db)
        let decisions = try await AllowanceDecisionModel.query(on: store.db).filter(\.$personID == personID)
            .sort(\.$effectiveMonth, .descending).sort(\.$createdAt, .descending).all()
        let rules = try await RuleSettingsRepository(store).allowanceRules()
        let now = store.today.yearMonth
        let periods = try await AllowancePeriodModel.query(on: store.db).filter(\.$personID == personID).sort(\.$fromMonth).all().map { p in
            PeriodView(
                benefit: Benefit(rawValue: p.benefit) ?? .allowance, from: YearMonth(iso: p.fromMonth)!, until: p.untilMonth.flatMap(YearMonth.init(iso:)),
                monthlyAmountNow: p.period.amount(max(now, YearMonth(iso: p.fromMonth)!), rules: rules), channel: p.channel,
                recipient: p.recipientName ?? "")
        }
        return (try await decisionViews(decisions, for: actor.role), periods)
    }

    public func decision(_ actor: Actor, _ id: UUID) async throws -> DecisionView {
        try actor.require(.viewAllowances)
        return try await decisionViews([try await store.scoped(AllowanceDecisionModel.self, id, actor)], for: actor.role)[0]
    }

    func decisionViews(_ rows: [AllowanceDecisionModel], for role: Role) async throws -> [DecisionView] {
        let persons = Dictionary(
            try await PersonModel.query(on: store.db).filter(\.$id ~~ rows.map(\.personID)).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let units = Dictionary(
            try await OrgUnitModel.query(on: store.db).filter(\.$id ~~ Set(rows.map(\.communeID)).map { $0 }).all().map { ($0.id!, $0.name) },
            uniquingKeysWith: { a, _ in a })
        // The address of each person's latest household, in one read.
        var addresses: [UUID: String] = [:]
        let ids = Array(Set(rows.map(\.personID)))
        if !ids.isEmpty {
            for r in try await sql(store.db).raw(
                """
                SELECT m.person_id, h.address FROM memberships m JOIN households h ON h.id = m.household_id
                WHERE m.person_id IN (\(binds: ids)) ORDER BY m.start_date
                """
            ).all() {
                addresses[try r.decode(column: "person_id", as: UUID.self)] = try r.decode(column: "address", as: String.self)
            }
        }
        // Each decision re-evaluated from the facts it stored, under the rules of its place (read
        // once per place: a person's history holds several decisions of the same commune).
        var reproduced: [UUID: Int64] = [:]
        var engines: [String: AllowanceEngine] = [:]
        for d in rows {
            guard let ev = Self.stored(d.evaluation) else { continue }
            if engines[d.unitPath] == nil {
                engines[d.unitPath] = AllowanceEngine(rules: try await RuleSettingsRepository(store).allowanceRules(forPath: d.unitPath))
            }
            if let r = try? engines[d.unitPath]!.evaluate(ev.facts, month: ev.month) {
                reproduced[d.id!] = Self.components(r, benefit: Benefit(rawValue: d.benefit) ?? .allowance).reduce(0) { $0 + $1.amount }
            }
        }
        return rows.map { d in
            let p = persons[d.personID]
            return DecisionView(
                id: d.id!, personID: d.personID, personName: p?.fullName ?? "", birth: p?.birthDate ?? "", nationalID: p?.nationalID,
                address: addresses[d.personID] ?? "", communeName: units[d.communeID] ?? "", benefit: Benefit(rawValue: d.benefit) ?? .allowance,
                kind: DecisionKind(rawValue: d.kind) ?? .start, reason: d.reason, number: d.number, signedDate: d.signedDate,
                effectiveMonth: YearMonth(iso: d.effectiveMonth)!, monthlyAmount: d.monthlyAmount,
                categories: SensitivityClass.visibleCategories(d.categories.split(separator: ",").map(String.init), for: role),
                evaluation: Self.stored(d.evaluation, for: role), ruleSet: d.ruleSet,
                recipientKind: d.recipientKind, recipientName: d.recipientName, channel: d.channel, note: d.note, decidedBy: d.decidedBy,
                createdAt: d.createdAt, reproducedAmount: reproduced[d.id!], anonymisedAt: d.anonymisedAt, legalHold: d.legalHold)
        }
    }
}
