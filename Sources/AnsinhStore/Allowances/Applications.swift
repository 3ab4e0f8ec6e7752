import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// Applications for an allowance (Decree 20/2021 Art. 7–8): received with their papers, reviewed
/// against the registry's facts, posted, then decided or refused (`ApplicationLifecycle`).
extension DecisionRepository {
    /// Receives an application: the papers checked and who will be paid, and how.
    public func receive(_ actor: Actor, _ input: ApplicationInput) async throws -> UUID {
        try actor.require(.manageAllowances)
        try checkApplication(input)
        let reform = try await RuleSettingsRepository(store).allowanceRules().reformDate
        return try await store.write(actor) { tx, audit in try await addApplication(actor, input, reform: reform, on: tx, audit) }
    }

    /// The application's own fields checked (the person's are checked when it is stored).
    func checkApplication(_ input: ApplicationInput) throws {
        var errors: [FieldError] = []
        if ApplicationForm(rawValue: input.formType) == nil { errors.append(FieldError(field: "form_type", message: Message("validation.choice"))) }
        if LocalDate(iso: input.receivedDate) == nil { errors.append(FieldError(field: "received_date", message: Message("validation.date"))) }
        if let bad = input.documents.first(where: { ApplicationDocument(rawValue: $0) == nil }) {
            errors.append(FieldError(field: "documents", message: Message("decision.error.document", ["code": bad])))
        }
        errors += Self.recipientProblems(kind: input.recipientKind, name: input.recipientName, channel: input.channel, account: input.account)
        if let d = LocalDate(iso: input.receivedDate), d > store.today.adding(days: 1) {
            errors.append(FieldError(field: "received_date", message: Message("decision.error.future")))
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
    }

    /// Stores a checked application in the write's transaction (a resident's request turned into
    /// one stores it in the same transaction as the link).
    func addApplication(_ actor: Actor, _ input: ApplicationInput, reform: LocalDate, on tx: any Database, _ audit: AuditBuffer) async throws -> UUID {
        try await Store.lock(PersonModel.self, input.personID, on: tx)
        let p = try await person(actor, input.personID, on: tx)
        let place = try await place(p, on: tx)
        if try await AllowanceApplicationModel.query(on: tx).filter(\.$personID == input.personID).filter(\.$benefit == input.benefit.rawValue)
            .filter(\.$status ~~ [ApplicationStatus.received.rawValue, ApplicationStatus.reviewed.rawValue, ApplicationStatus.posted.rawValue]).first()
            != nil
        {
            throw AppError.conflict(Message("decision.error.application_open"))
        }
        let a = AllowanceApplicationModel()
        a.personID = input.personID; a.communeID = place.commune; a.groupID = place.group; a.unitPath = place.path
        a.benefit = input.benefit.rawValue; a.formType = input.formType; a.receivedDate = input.receivedDate
        a.documents = input.documents.sorted().joined(separator: ","); a.status = ApplicationStatus.received.rawValue
        a.recipientKind = input.recipientKind; a.recipientName = input.recipientName.isEmpty ? nil : input.recipientName
        a.channel = input.channel; a.account = input.account.isEmpty ? nil : input.account
        a.requiresPosting = LocalDate(iso: input.receivedDate)! < reform; a.receivedBy = actor.username
        try await a.create(on: tx)
        audit.add(
            AuditRecord(
                action: "create", entity: "allowance_application", entityID: a.id!.uuidString, unitID: place.commune, unitPath: place.path,
                before: NoValue?.none,
                after: [
                    // The audit trail is not sealed: Form 1đ (HIV) is not named in it.
                    "person_id": input.personID.uuidString, "benefit": input.benefit.rawValue,
                    "form_type": SensitivityClass.of(form: input.formType) == nil ? input.formType : "",
                ]))
        return a.id!
    }

    static func recipientProblems(kind: String, name: String, channel: String, account: String) -> [FieldError] {
        var errors: [FieldError] = []
        guard let k = RecipientKind(rawValue: kind) else { return [FieldError(field: "recipient_kind", message: Message("validation.choice"))] }
        if k != .person && name.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(FieldError(field: "recipient_name", message: Message("decision.error.recipient_name")))
        }
        guard let c = PaymentChannel(rawValue: channel) else { return errors + [FieldError(field: "channel", message: Message("validation.choice"))] }
        if c == .bank && (account.count < 6 || !account.allSatisfy(\.isNumber)) {
            errors.append(FieldError(field: "account", message: Message("decision.error.account")))
        }
        return errors
    }

    /// Reviews an application: evaluates the person's registry facts for the month received and
    /// stores the evaluation. A result resting on HIV status is never posted
    /// (`ApplicationLifecycle.requiresPosting`).
    public func review(_ actor: Actor, applicationID: UUID) async throws {
        try ApplicationLifecycle.authorize(.review, role: actor.role)
        let a = try await store.scoped(AllowanceApplicationModel.self, applicationID, actor)
        _ = try ApplicationLifecycle.next(.review, from: a.lifecycleState)
        let month = LocalDate(iso: a.receivedDate)!.yearMonth
        let ev = try await evaluate(.system, a.personID, benefit: Benefit(rawValue: a.benefit)!, month: month)
        let rules = try await RuleSettingsRepository(store).allowanceRules()
        try await store.transition(actor, AllowanceApplicationModel.self, applicationID, .review) { m, _, _ in
            m.evaluation = Self.json(ev); m.monthlyAmount = ev.amount
            m.requiresPosting = ApplicationLifecycle.requiresPosting(
                categories: ev.categories, received: LocalDate(iso: m.receivedDate)!, reform: rules.reformDate)
            // The audit trail is not sealed: an HIV category is written as the neutral D20-5.
            return ["categories": SensitivityClass.withoutSensitive(ev.categories).joined(separator: ","), "amount": "\(ev.amount)"]
        }
    }

    /// Posts the review result publicly for the working days of Decree 20/2021 Art. 8(2) (2,
    /// from the rule file) from `start`.
    public func post(_ actor: Actor, applicationID: UUID, start: String, objections: String) async throws {
        try ApplicationLifecycle.authorize(.post, role: actor.role, fields: ["posting_start": start])
        guard let s = LocalDate(iso: start) else { throw AppError.invalid("posting_start", "validation.date") }
        let days = try await RuleSettingsRepository(store).allowanceRules().postingWorkingDays
        try await store.transition(actor, AllowanceApplicationModel.self, applicationID, .post, fields: ["posting_start": start]) { m, _, _ in
            guard m.requiresPosting else { throw AppError.conflict(Message("decision.error.no_posting")) }
            m.postingStart = s.iso; m.postingEnd = WorkingDays.end(start: s, days: days).iso
            m.objections = objections.isEmpty ? nil : objections
            return ["posting_start": s.iso, "posting_end": m.postingEnd!]
        }
    }

    /// The commune chairman refuses in writing, with reasons (Decree 147/2025 Art. 5). The
    /// step is checked inside the write: a decision signed meanwhile wins, and the application
    /// is never both refused and paid.
    public func refuse(_ actor: Actor, applicationID: UUID, reason: String) async throws {
        let text = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        try await store.transition(actor, AllowanceApplicationModel.self, applicationID, .refuse, fields: ["refusal_reason": text]) { m, _, _ in
            m.refusalReason = text; m.refusedAt = store.now()
            return ["reason": text]
        }
    }

    /// The chairman's decision on an application: the start month follows the rule in force
    /// on the signing date (`AllowanceEngine.startMonth`), the amount the stored evaluation.
    public func decide(_ actor: Actor, applicationID: UUID, number: String, signedDate: String) async throws -> UUID {
        try ApplicationLifecycle.authorize(.decide, role: actor.role, fields: ["signed_date": signedDate])
        let a = try await store.scoped(AllowanceApplicationModel.self, applicationID, actor)
        guard let signed = LocalDate(iso: signedDate) else { throw AppError.invalid("signed_date", "validation.date") }
        // The chairman decides a received application: never before it was received.
        if let received = LocalDate(iso: a.receivedDate), signed < received {
            throw AppError.invalid("signed_date", "decision.error.signed_before_received", ["date": received.iso])
        }
        try ApplicationLifecycle.checkDecision(
            status: a.lifecycleState, requiresPosting: a.requiresPosting,
            postingEnd: a.postingEnd.flatMap(LocalDate.init(iso:)), signed: signed)
        guard let ev = Self.stored(a.evaluation), ev.standardTenths + ev.pensionTenths > 0 else { throw AppError.conflict(Message("decision.error.no_amount")) }
        if ev.birthDependent == true { throw AppError.conflict(Message("decision.error.birth_year_only")) }
        var input = DecisionInput(personID: a.personID)
        input.benefit = Benefit(rawValue: a.benefit)!; input.kind = .start; input.number = number; input.signedDate = signedDate
        input.recipientKind = a.recipientKind; input.recipientName = a.recipientName ?? ""; input.channel = a.channel; input.account = a.account ?? ""
        let engine = AllowanceEngine(rules: try await RuleSettingsRepository(store).allowanceRules())
        try await IdentityVerificationRepository(store).requireVerified(a.personID, rules: engine.rules, on: store.db)
        // The earliest start any of the categories allows (Decree 20 Art. 8 before July 2025).
        // …but never before the rule set's first month: a certificate of 2019 reaches back only to
        // July 2021, when Decree 20 took effect (earlier months were under Decree 136/2013, which
        // Ansinh does not price).
        // …and never more than `arrears_look_back_months` before the signing month (a 2019
        // certificate decided in 2025 pays back three years, not six).
        let computed = ev.categories.map { engine.startMonth(decisionDate: signed, category: $0, facts: ev.facts) }.min() ?? signed.yearMonth
        let start = max(computed, engine.rules.earliestMonth, signed.yearMonth.adding(months: -engine.rules.arrearsLookBackMonths))
        try Self.requireWithinRules(start, engine.rules, field: "signed_date")
        return try await record(actor, input, effective: start, evaluation: ev, applicationID: applicationID)
    }

    public func applications(_ actor: Actor, status: ApplicationStatus?, page: PageSpec) async throws -> ResultPage<ApplicationView> {
        try actor.require(.viewAllowances)
        var q = store.scoped(AllowanceApplicationModel.self, actor)
        if let status { q = q.filter(\.$status == status.rawValue) }
        let total = try await q.count()
        let rows = try await q.sort(\.$receivedDate, .descending).sort(\.$createdAt, .descending).range(page.offset..<(page.offset + page.perPage)).all()
        return ResultPage(items: try await views(rows, for: actor.role), request: page, total: total)
    }

    /// Applications in scope still being handled (received, reviewed or posted).
    public func openApplications(_ actor: Actor) async throws -> Int {
        try actor.require(.viewAllowances)
        return try await store.scoped(AllowanceApplicationModel.self, actor)
            .filter(\.$status ~~ [ApplicationStatus.received, .reviewed, .posted].map(\.rawValue)).count()
    }

    public func applicationView(_ actor: Actor, _ id: UUID) async throws -> ApplicationView {
        try actor.require(.viewAllowances)
        return try await views([try await store.scoped(AllowanceApplicationModel.self, id, actor)], for: actor.role)[0]
    }

    func views(_ rows: [AllowanceApplicationModel], for role: Role) async throws -> [ApplicationView] {
        let persons = Dictionary(
            try await PersonModel.query(on: store.db).filter(\.$id ~~ rows.map(\.personID)).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let rules = try await RuleSettingsRepository(store).allowanceRules()
        let today = store.today
        return rows.map { a in
            let status = ApplicationStatus(rawValue: a.status) ?? .received
            let due = LocalDate(iso: a.receivedDate).flatMap {
                ApplicationLifecycle.decisionDue(received: $0, reform: rules.reformDate, days: rules.decisionWorkingDays)
            }
            return ApplicationView(
                id: a.id!, personID: a.personID, personName: persons[a.personID]?.fullName ?? "", birth: persons[a.personID]?.birthDate ?? "",
                // A role without the HIV class sees neither Form 1đ nor the HIV certificate.
                benefit: Benefit(rawValue: a.benefit) ?? .allowance,
                formType: SensitivityClass.of(form: a.formType).map(role.canView) == false ? "" : a.formType, receivedDate: a.receivedDate,
                documents: a.documents.split(separator: ",").map(String.init).filter { SensitivityClass.of(document: $0).map(role.canView) ?? true },
                status: ApplicationStatus(rawValue: a.status) ?? .received,
                recipientKind: a.recipientKind, recipientName: a.recipientName, channel: a.channel, account: a.account,
                evaluation: Self.stored(a.evaluation, for: role), requiresPosting: a.requiresPosting, postingStart: a.postingStart, postingEnd: a.postingEnd,
                objections: a.objections, refusalReason: a.refusalReason, decisionID: a.decisionID, receivedBy: a.receivedBy,
                decisionDue: due, overdue: due.map { today > $0 && [.received, .reviewed, .posted].contains(status) } ?? false,
                anonymisedAt: a.anonymisedAt, legalHold: a.legalHold)
        }
    }
}
