import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// An application for a monthly allowance (Decree 20 Art. 7–8; Decree 147/2025 Art. 5):
/// received → reviewed (evaluation stored) → posted for 2 working days (not when HIV is
/// involved) → decided by the commune chairman, or refused in writing with reasons.
public final class AllowanceApplicationModel: Model, @unchecked Sendable {
    public static let schema = "allowance_applications"
    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "commune_id") public var communeID: UUID
    @OptionalField(key: "group_id") public var groupID: UUID?
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "benefit") public var benefit: String
    @Field(key: "form_type") public var formType: String
    @Field(key: "received_date") public var receivedDate: String
    /// Documents checked, comma-separated codes.
    @Field(key: "documents") public var documents: String
    @Field(key: "status") public var status: String
    @Field(key: "recipient_kind") public var recipientKind: String
    @OptionalField(key: "recipient_name") public var recipientName: String?
    @Field(key: "channel") public var channel: String
    @OptionalField(key: "account") public var account: String?
    /// The evaluation at review: JSON of facts, components and reasons; the rule set id.
    @OptionalField(key: "evaluation") public var evaluation: String?
    @OptionalField(key: "monthly_amount") public var monthlyAmount: Int64?
    @Field(key: "requires_posting") public var requiresPosting: Bool
    @OptionalField(key: "posting_start") public var postingStart: String?
    @OptionalField(key: "posting_end") public var postingEnd: String?
    @OptionalField(key: "objections") public var objections: String?
    @OptionalField(key: "refusal_reason") public var refusalReason: String?
    @OptionalField(key: "decision_id") public var decisionID: UUID?
    @Field(key: "received_by") public var receivedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    public init() {}
}

/// A signed decision on one ledger of one person, with the facts, rule set and reasons it was
/// taken on, so it can be reproduced and explained later (DESIGN "facts in, decisions out").
public final class AllowanceDecisionModel: Model, @unchecked Sendable {
    public static let schema = "allowance_decisions"
    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "commune_id") public var communeID: UUID
    @OptionalField(key: "group_id") public var groupID: UUID?
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "benefit") public var benefit: String
    @Field(key: "kind") public var kind: String
    @Field(key: "reason") public var reason: String
    /// Nil only for a suspension Ansinh records itself (3 months not collected).
    @OptionalField(key: "number") public var number: String?
    @Field(key: "signed_date") public var signedDate: String
    @Field(key: "effective_month") public var effectiveMonth: String
    @Field(key: "standard_tenths") public var standardTenths: Int
    @Field(key: "pension_tenths") public var pensionTenths: Int
    @Field(key: "monthly_amount") public var monthlyAmount: Int64
    @Field(key: "categories") public var categories: String
    @Field(key: "evaluation") public var evaluation: String
    @Field(key: "rule_set") public var ruleSet: String
    @Field(key: "recipient_kind") public var recipientKind: String
    @OptionalField(key: "recipient_name") public var recipientName: String?
    @Field(key: "channel") public var channel: String
    @OptionalField(key: "account") public var account: String?
    @OptionalField(key: "application_id") public var applicationID: UUID?
    @OptionalField(key: "note") public var note: String?
    @Field(key: "decided_by") public var decidedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

/// A span of months paid at one rate (see `PayPeriod`), derived from the decisions. At most one
/// open period per person and ledger, enforced by the database.
public final class AllowancePeriodModel: Model, @unchecked Sendable {
    public static let schema = "allowance_periods"
    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "benefit") public var benefit: String
    @Field(key: "commune_id") public var communeID: UUID
    @OptionalField(key: "group_id") public var groupID: UUID?
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "from_month") public var fromMonth: String
    @OptionalField(key: "until_month") public var untilMonth: String?
    /// Months before this one were paid outside Ansinh (recipients taken over from paper lists).
    @OptionalField(key: "paid_before") public var paidBefore: String?
    @Field(key: "standard_tenths") public var standardTenths: Int
    @Field(key: "pension_tenths") public var pensionTenths: Int
    @Field(key: "recipient_kind") public var recipientKind: String
    @OptionalField(key: "recipient_name") public var recipientName: String?
    @Field(key: "channel") public var channel: String
    @OptionalField(key: "account") public var account: String?
    @Field(key: "decision_id") public var decisionID: UUID
    public init() {}

    var period: PayPeriod {
        PayPeriod(from: YearMonth(iso: fromMonth)!, until: untilMonth.flatMap(YearMonth.init(iso:)), standardTenths: standardTenths, pensionTenths: pensionTenths)
    }
}

struct M0013Decisions: AsyncMigration {
    var name: String { "0013_allowance_decisions" }
    func prepare(on db: Database) async throws {
        try await db.schema("allowance_applications")
            .id()
            .field("person_id", .uuid, .required, .references("persons", "id"))
            .field("commune_id", .uuid, .required)
            .field("group_id", .uuid)
            .field("unit_path", .string, .required)
            .field("benefit", .string, .required)
            .field("form_type", .string, .required)
            .field("received_date", .string, .required)
            .field("documents", .string, .required)
            .field("status", .string, .required)
            .field("recipient_kind", .string, .required)
            .field("recipient_name", .string)
            .field("channel", .string, .required)
            .field("account", .string)
            .field("evaluation", .string)
            .field("monthly_amount", .int64)
            .field("requires_posting", .bool, .required)
            .field("posting_start", .string)
            .field("posting_end", .string)
            .field("objections", .string)
            .field("refusal_reason", .string)
            .field("decision_id", .uuid)
            .field("received_by", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await db.schema("allowance_decisions")
            .id()
            .field("person_id", .uuid, .required, .references("persons", "id"))
            .field("commune_id", .uuid, .required)
            .field("group_id", .uuid)
            .field("unit_path", .string, .required)
            .field("benefit", .string, .required)
            .field("kind", .string, .required)
            .field("reason", .string, .required)
            .field("number", .string)
            .field("signed_date", .string, .required)
            .field("effective_month", .string, .required)
            .field("standard_tenths", .int, .required)
            .field("pension_tenths", .int, .required)
            .field("monthly_amount", .int64, .required)
            .field("categories", .string, .required)
            .field("evaluation", .string, .required)
            .field("rule_set", .string, .required)
            .field("recipient_kind", .string, .required)
            .field("recipient_name", .string)
            .field("channel", .string, .required)
            .field("account", .string)
            .field("application_id", .uuid)
            .field("note", .string)
            .field("decided_by", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "commune_id", "number", name: "uq_allowance_decision_number")
            .create()
        try await db.schema("allowance_periods")
            .id()
            .field("person_id", .uuid, .required, .references("persons", "id"))
            .field("benefit", .string, .required)
            .field("commune_id", .uuid, .required)
            .field("group_id", .uuid)
            .field("unit_path", .string, .required)
            .field("from_month", .string, .required)
            .field("until_month", .string)
            .field("paid_before", .string)
            .field("standard_tenths", .int, .required)
            .field("pension_tenths", .int, .required)
            .field("recipient_kind", .string, .required)
            .field("recipient_name", .string)
            .field("channel", .string, .required)
            .field("account", .string)
            .field("decision_id", .uuid, .required, .references("allowance_decisions", "id"))
            .create()
        let s = sql(db)
        // One open period per person and ledger: a race can never open two.
        try await s.raw("CREATE UNIQUE INDEX uq_allowance_period_open ON allowance_periods (person_id, benefit) WHERE until_month IS NULL").run()
        try await s.raw("CREATE INDEX ix_allowance_periods_commune ON allowance_periods (commune_id, from_month)").run()
        try await s.raw("CREATE INDEX ix_allowance_decisions_person ON allowance_decisions (person_id, benefit)").run()
        try await s.raw("CREATE INDEX ix_allowance_applications_person ON allowance_applications (person_id, status)").run()
    }
    func revert(on db: Database) async throws {
        try await db.schema("allowance_periods").delete()
        try await db.schema("allowance_decisions").delete()
        try await db.schema("allowance_applications").delete()
    }
}

/// What the evaluation of an application or decision stored.
public struct StoredEvaluation: Codable, Sendable {
    public var facts: PersonFacts
    public var month: YearMonth
    public var categories: [String]
    public var amount: Int64
    public var standardTenths: Int
    public var pensionTenths: Int
    public var reasons: [Reason]
    public var assumed: [String]
    public var ruleSet: String
}

public struct ApplicationInput: Sendable {
    public var personID: UUID
    public var benefit: Benefit = .allowance
    public var formType: String = ""
    public var receivedDate: String = ""
    public var documents: [String] = []
    public var recipientKind: String = RecipientKind.person.rawValue
    public var recipientName: String = ""
    public var channel: String = PaymentChannel.cash.rawValue
    public var account: String = ""
    public init(personID: UUID) { self.personID = personID }
}

public struct DecisionInput: Sendable {
    public var personID: UUID
    public var benefit: Benefit = .allowance
    public var kind: DecisionKind = .start
    public var reason: String = DecisionReason.eligible.rawValue
    public var number: String = ""
    public var signedDate: String = ""
    /// The day the change happened (turned 80, died, moved…); the effective month follows the
    /// rule in force. For a resumption: the first month paid again (arrears from it).
    public var eventDate: String = ""
    /// Months before this one were paid outside Ansinh (taking over a paper list).
    public var paidBefore: String = ""
    public var recipientKind: String = ""
    public var recipientName: String = ""
    public var channel: String = ""
    public var account: String = ""
    public var note: String = ""
    public init(personID: UUID) { self.personID = personID }
}

public struct ApplicationView: Sendable {
    public let id: UUID
    public let personID: UUID
    public let personName: String
    public let birth: String
    public let benefit: Benefit
    public let formType: String
    public let receivedDate: String
    public let documents: [String]
    public let status: ApplicationStatus
    public let recipientKind: String
    public let recipientName: String?
    public let channel: String
    public let account: String?
    public let evaluation: StoredEvaluation?
    public let requiresPosting: Bool
    public let postingStart: String?
    public let postingEnd: String?
    public let objections: String?
    public let refusalReason: String?
    public let decisionID: UUID?
    public let receivedBy: String
}

public struct DecisionView: Sendable {
    public let id: UUID
    public let personID: UUID
    public let personName: String
    public let birth: String
    public let nationalID: String?
    public let address: String
    public let communeName: String
    public let benefit: Benefit
    public let kind: DecisionKind
    public let reason: String
    public let number: String?
    public let signedDate: String
    public let effectiveMonth: YearMonth
    public let monthlyAmount: Int64
    public let categories: [String]
    public let evaluation: StoredEvaluation?
    public let ruleSet: String
    public let recipientKind: String
    public let recipientName: String?
    public let channel: String
    public let note: String?
    public let decidedBy: String
    public let createdAt: Date?
}

public struct PeriodView: Sendable {
    public let benefit: Benefit
    public let from: YearMonth
    public let until: YearMonth?
    public let monthlyAmountNow: Int64
    public let channel: String
    public let recipient: String
}

/// Applications, decisions and the paid periods they make. Every write is one transaction with
/// its audit entry; periods are only ever changed here.
public struct DecisionRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    struct Place { let commune: UUID; let group: UUID?; let path: String }

    /// The commune and residential group of a person's current household.
    func place(_ p: PersonModel, on db: any Database) async throws -> Place {
        let row = try await sql(db).raw("""
            SELECT h.commune_id, h.group_id, h.unit_path FROM memberships m JOIN households h ON h.id = m.household_id
            WHERE m.person_id = \(bind: p.id!) AND m.end_date IS NULL
            """).first()
        guard let row else { throw AppError.invalid("person_id", "decision.error.no_household") }
        return Place(commune: try row.decode(column: "commune_id", as: UUID.self), group: try row.decode(column: "group_id", as: UUID?.self),
                     path: try row.decode(column: "unit_path", as: String.self))
    }

    func person(_ actor: Actor, _ id: UUID, on db: any Database) async throws -> PersonModel {
        let p = try await store.scoped(PersonModel.self, id, actor, on: db)
        guard p.mergedInto == nil else { throw AppError.notFound }
        return p
    }

    /// Evaluates a person for a month and keeps what the ledger needs.
    func evaluate(_ actor: Actor, _ personID: UUID, benefit: Benefit, month: YearMonth) async throws -> StoredEvaluation {
        let r = try await AllowanceFactsRepository(store).evaluate(actor, personID: personID, month: month)
        let comps: [AllowanceComponent]
        switch benefit {
        case .allowance: comps = r.evaluation.components.filter { $0.category != "D20-25.1" }
        case .nursing: comps = r.evaluation.components.filter { $0.category == "D20-25.1" }
        case .careSupport: comps = r.evaluation.careSupport
        }
        let rate = PayPeriod.rate(comps)
        return StoredEvaluation(facts: r.facts, month: month, categories: comps.map(\.category), amount: comps.reduce(0) { $0 + $1.amount },
                                standardTenths: rate.standardTenths, pensionTenths: rate.pensionTenths, reasons: r.evaluation.reasons,
                                assumed: r.assumed, ruleSet: r.evaluation.ruleSet)
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

    // MARK: applications

    /// Receives an application: the papers checked and who will be paid, and how.
    public func receive(_ actor: Actor, _ input: ApplicationInput) async throws -> UUID {
        try actor.require(.manageAllowances)
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
        return try await store.write(actor) { tx, audit in
            let p = try await person(actor, input.personID, on: tx)
            let place = try await place(p, on: tx)
            if try await AllowanceApplicationModel.query(on: tx).filter(\.$personID == input.personID).filter(\.$benefit == input.benefit.rawValue)
                .filter(\.$status ~~ [ApplicationStatus.received.rawValue, ApplicationStatus.reviewed.rawValue, ApplicationStatus.posted.rawValue]).first() != nil {
                throw AppError.conflict(Message("decision.error.application_open"))
            }
            let a = AllowanceApplicationModel()
            a.personID = input.personID; a.communeID = place.commune; a.groupID = place.group; a.unitPath = place.path
            a.benefit = input.benefit.rawValue; a.formType = input.formType; a.receivedDate = input.receivedDate
            a.documents = input.documents.sorted().joined(separator: ","); a.status = ApplicationStatus.received.rawValue
            a.recipientKind = input.recipientKind; a.recipientName = input.recipientName.isEmpty ? nil : input.recipientName
            a.channel = input.channel; a.account = input.account.isEmpty ? nil : input.account
            a.requiresPosting = true; a.receivedBy = actor.username
            try await a.create(on: tx)
            audit.add(AuditRecord(action: "create", entity: "allowance_application", entityID: a.id!.uuidString, unitID: place.commune, unitPath: place.path,
                                  before: NoValue?.none, after: ["person_id": input.personID.uuidString, "benefit": input.benefit.rawValue, "form_type": input.formType]))
            return a.id!
        }
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
        try await store.transition(actor, AllowanceApplicationModel.self, applicationID, .review) { m, _, _ in
            m.evaluation = Self.json(ev); m.monthlyAmount = ev.amount
            m.requiresPosting = ApplicationLifecycle.requiresPosting(categories: ev.categories)
            return ["categories": ev.categories.joined(separator: ","), "amount": "\(ev.amount)"]
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
            m.refusalReason = text
            return ["reason": text]
        }
    }

    /// The chairman's decision on an application: the start month follows the rule in force
    /// on the signing date (`AllowanceEngine.startMonth`), the amount the stored evaluation.
    public func decide(_ actor: Actor, applicationID: UUID, number: String, signedDate: String) async throws -> UUID {
        try ApplicationLifecycle.authorize(.decide, role: actor.role, fields: ["signed_date": signedDate])
        let a = try await store.scoped(AllowanceApplicationModel.self, applicationID, actor)
        guard let signed = LocalDate(iso: signedDate) else { throw AppError.invalid("signed_date", "validation.date") }
        try ApplicationLifecycle.checkDecision(status: a.lifecycleState, requiresPosting: a.requiresPosting,
                                               postingEnd: a.postingEnd.flatMap(LocalDate.init(iso:)), signed: signed)
        guard let ev = Self.stored(a.evaluation), ev.standardTenths + ev.pensionTenths > 0 else { throw AppError.conflict(Message("decision.error.no_amount")) }
        var input = DecisionInput(personID: a.personID)
        input.benefit = Benefit(rawValue: a.benefit)!; input.kind = .start; input.number = number; input.signedDate = signedDate
        input.recipientKind = a.recipientKind; input.recipientName = a.recipientName ?? ""; input.channel = a.channel; input.account = a.account ?? ""
        let engine = AllowanceEngine(rules: try await RuleSettingsRepository(store).allowanceRules())
        // The earliest start any of the categories allows (Decree 20 Art. 8 before July 2025).
        // …but never before the rule set's first month: a certificate of 2019 reaches back only to
        // July 2021, when Decree 20 took effect (earlier months were under Decree 136/2013, which
        // Ansinh does not price).
        let computed = ev.categories.map { engine.startMonth(decisionDate: signed, category: $0, facts: ev.facts) }.min() ?? signed.yearMonth
        let start = max(computed, engine.rules.earliestMonth)
        try Self.requireWithinRules(start, engine.rules, field: "signed_date")
        return try await record(actor, input, effective: start, evaluation: ev, applicationID: applicationID)
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
            // The month of death (or of the change) is paid in full (Art. 8(3)).
            effective = engine.stopMonth(eventDate: event!)
        case .suspend, .resume:
            effective = event!.yearMonth
        }
        try Self.requireWithinRules(effective, engine.rules, field: "event_date")
        var ev: StoredEvaluation?
        if input.kind == .start || input.kind == .adjust || input.kind == .resume {
            _ = try await person(actor, input.personID, on: store.db)  // in the actor's units, before reading facts beyond their role
            ev = try await evaluate(.system, input.personID, benefit: input.benefit, month: effective)
        }
        return try await record(actor, input, effective: effective, evaluation: ev, applicationID: nil)
    }

    /// Stores a decision and applies it to the ledger's periods, in one transaction.
    func record(_ actor: Actor, _ input: DecisionInput, effective: YearMonth, evaluation ev: StoredEvaluation?, applicationID: UUID?) async throws -> UUID {
        try await store.write(actor) { tx, audit in
            try await record(actor, input, effective: effective, evaluation: ev, applicationID: applicationID, on: tx, audit: audit)
        }
    }

    /// `record` inside a transaction the caller holds (a payroll close suspends in its own).
    func record(_ actor: Actor, _ input: DecisionInput, effective: YearMonth, evaluation ev: StoredEvaluation?, applicationID: UUID?,
                on tx: any Database, audit: AuditBuffer) async throws -> UUID {
        let number = input.number.trimmingCharacters(in: .whitespaces)
        if number.isEmpty && actor != .system { throw AppError.invalid("number", "validation.required") }
        // The application's step, checked again inside the transaction (a refusal may have been
        // recorded since the page was read).
        let application = try await applicationID.asyncMap { try await store.scoped(AllowanceApplicationModel.self, $0, actor, on: tx) }
        if let application { _ = try ApplicationLifecycle.next(.decide, from: application.lifecycleState) }
            let p = try await person(actor, input.personID, on: tx)
            let place = try await place(p, on: tx)
            if !number.isEmpty, try await AllowanceDecisionModel.query(on: tx).filter(\.$communeID == place.commune).filter(\.$number == number).first() != nil {
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
               let latest = periods.compactMap({ $0.untilMonth.flatMap(YearMonth.init(iso:)) }).max(), effective < latest {
                throw AppError.invalid("event_date", "decision.error.overlap", ["month": latest.iso])
            }
            let rate = (ev?.standardTenths ?? 0, ev?.pensionTenths ?? 0)
            let change = try PeriodRules.apply(input.kind, effective: effective, rate: rate, open: open?.period, lastKind: last.flatMap { DecisionKind(rawValue: $0.kind) })
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
                audit.add(AuditRecord(action: "decide", entity: ApplicationLifecycle.entity, entityID: application.id!.uuidString, unitID: application.communeID,
                                      unitPath: application.unitPath, before: ["status": was], after: ["status": "decided", "decision_id": d.id!.uuidString]))
            }
            audit.add(AuditRecord(action: input.kind.rawValue, entity: "allowance_decision", entityID: d.id!.uuidString, unitID: place.commune, unitPath: place.path,
                                  before: NoValue?.none, after: ["person_id": input.personID.uuidString, "benefit": input.benefit.rawValue, "number": number,
                                                       "effective_month": effective.iso, "amount": "\(d.monthlyAmount)", "reason": input.reason]))
            return d.id!
    }

    // MARK: reads

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
        let persons = Dictionary(try await PersonModel.query(on: store.db).filter(\.$id ~~ rows.map(\.personID)).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        return rows.map { a in
            ApplicationView(id: a.id!, personID: a.personID, personName: persons[a.personID]?.fullName ?? "", birth: persons[a.personID]?.birthDate ?? "",
                            benefit: Benefit(rawValue: a.benefit) ?? .allowance, formType: a.formType, receivedDate: a.receivedDate,
                            documents: a.documents.split(separator: ",").map(String.init), status: ApplicationStatus(rawValue: a.status) ?? .received,
                            recipientKind: a.recipientKind, recipientName: a.recipientName, channel: a.channel, account: a.account,
                            evaluation: Self.stored(a.evaluation, for: role), requiresPosting: a.requiresPosting, postingStart: a.postingStart, postingEnd: a.postingEnd,
                            objections: a.objections, refusalReason: a.refusalReason, decisionID: a.decisionID, receivedBy: a.receivedBy)
        }
    }

    /// A person's decisions, newest first, and the periods they make.
    public func history(_ actor: Actor, personID: UUID) async throws -> (decisions: [DecisionView], periods: [PeriodView]) {
        try actor.require(.viewAllowances)
        _ = try await person(actor, personID, on: store.db)
        let decisions = try await AllowanceDecisionModel.query(on: store.db).filter(\.$personID == personID)
            .sort(\.$effectiveMonth, .descending).sort(\.$createdAt, .descending).all()
        let rules = try await RuleSettingsRepository(store).allowanceRules()
        let now = store.today.yearMonth
        let periods = try await AllowancePeriodModel.query(on: store.db).filter(\.$personID == personID).sort(\.$fromMonth).all().map { p in
            PeriodView(benefit: Benefit(rawValue: p.benefit) ?? .allowance, from: YearMonth(iso: p.fromMonth)!, until: p.untilMonth.flatMap(YearMonth.init(iso:)),
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
        let persons = Dictionary(try await PersonModel.query(on: store.db).filter(\.$id ~~ rows.map(\.personID)).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let units = Dictionary(try await OrgUnitModel.query(on: store.db).filter(\.$id ~~ Set(rows.map(\.communeID)).map { $0 }).all().map { ($0.id!, $0.name) },
                               uniquingKeysWith: { a, _ in a })
        // The address of each person's latest household, in one read.
        var addresses: [UUID: String] = [:]
        let ids = Array(Set(rows.map(\.personID)))
        if !ids.isEmpty {
            for r in try await sql(store.db).raw("""
                SELECT m.person_id, h.address FROM memberships m JOIN households h ON h.id = m.household_id
                WHERE m.person_id IN (\(binds: ids)) ORDER BY m.start_date
                """).all() {
                addresses[try r.decode(column: "person_id", as: UUID.self)] = try r.decode(column: "address", as: String.self)
            }
        }
        return rows.map { d in
            let p = persons[d.personID]
            return DecisionView(id: d.id!, personID: d.personID, personName: p?.fullName ?? "", birth: p?.birthDate ?? "", nationalID: p?.nationalID,
                                address: addresses[d.personID] ?? "", communeName: units[d.communeID] ?? "", benefit: Benefit(rawValue: d.benefit) ?? .allowance,
                                kind: DecisionKind(rawValue: d.kind) ?? .start, reason: d.reason, number: d.number, signedDate: d.signedDate,
                                effectiveMonth: YearMonth(iso: d.effectiveMonth)!, monthlyAmount: d.monthlyAmount,
                                categories: SensitivityClass.visibleCategories(d.categories.split(separator: ",").map(String.init), for: role),
                                evaluation: Self.stored(d.evaluation, for: role), ruleSet: d.ruleSet,
                                recipientKind: d.recipientKind, recipientName: d.recipientName, channel: d.channel, note: d.note, decidedBy: d.decidedBy,
                                createdAt: d.createdAt)
        }
    }
}

extension AllowanceApplicationModel: LifecycleRecord {
    public typealias Life = ApplicationLifecycle
    public static var unitPathKey: KeyPath<AllowanceApplicationModel, FieldProperty<AllowanceApplicationModel, String>> { \.$unitPath }
    public var lifecycleState: ApplicationLifecycle.State {
        get { ApplicationStatus(rawValue: status) ?? .received }
        set { status = newValue.rawValue }
    }
    public var auditUnitID: UUID? { communeID }
}

extension AllowanceDecisionModel: UnitScoped {
    public static var unitPathKey: KeyPath<AllowanceDecisionModel, FieldProperty<AllowanceDecisionModel, String>> { \.$unitPath }
}

extension AllowancePeriodModel: UnitScoped {
    public static var unitPathKey: KeyPath<AllowancePeriodModel, FieldProperty<AllowancePeriodModel, String>> { \.$unitPath }
}
