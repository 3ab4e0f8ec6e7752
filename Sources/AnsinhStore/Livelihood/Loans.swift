import AnsinhCore
import FluentKit
import Foundation

/// A household's loan from the Vietnam Bank for Social Policies, as the ward keeps it.
public final class LoanModel: Model, LifecycleRecord, @unchecked Sendable {
    public static let schema = "vbsp_loans"
    @ID(key: .id) public var id: UUID?
    @Field(key: "household_id") public var householdID: UUID
    /// The borrower: a member of the household, 18 or older.
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "programme") public var programme: String
    @Field(key: "purpose") public var purpose: String
    @Field(key: "requested") public var requested: Int64
    @Field(key: "term_months") public var termMonths: Int
    @Field(key: "savings_group") public var savingsGroup: String
    /// The household's latest official class when the dossier was prepared ("" when none).
    @Field(key: "household_class") public var householdClass: String
    @Field(key: "status") public var status: String
    @Field(key: "prepared_on") public var preparedOn: String
    @OptionalField(key: "confirmation_number") public var confirmationNumber: String?
    @OptionalField(key: "confirmed_on") public var confirmedOn: String?
    @OptionalField(key: "submitted_on") public var submittedOn: String?
    @OptionalField(key: "bank_decision") public var bankDecision: String?
    @OptionalField(key: "approved") public var approved: Int64?
    @OptionalField(key: "approved_on") public var approvedOn: String?
    @OptionalField(key: "disbursed") public var disbursed: Int64?
    @OptionalField(key: "disbursed_on") public var disbursedOn: String?
    @OptionalField(key: "use_checked_on") public var useCheckedOn: String?
    @OptionalField(key: "use_note") public var useNote: String?
    @OptionalField(key: "closed_on") public var closedOn: String?
    @OptionalField(key: "reason") public var reason: String?
    /// The bank's transaction day the borrower was last reminded of (`remindBorrowers`).
    @OptionalField(key: "reminded_for") public var remindedFor: String?
    @Field(key: "created_by") public var createdBy: String
    public init() {}
    public typealias Life = LoanLifecycle
    public static var unitPathKey: KeyPath<LoanModel, FieldProperty<LoanModel, String>> { \.$unitPath }
    public var lifecycleState: LoanLifecycle.State {
        get { LoanLifecycle.State(rawValue: status) ?? .prepared }
        set { status = newValue.rawValue }
    }
    public var auditUnitID: UUID? { unitID }
}

/// A loan dossier as typed by the officer.
public struct LoanInput: Sendable {
    public var nationalID = "", programme = "", purpose = "", savingsGroup = ""
    public var amount: Int64? = nil
    public var termMonths: Int? = nil
    public init() {}
}

/// A loan as read.
public struct Loan: Sendable, Equatable {
    public let id: UUID
    public let borrower: String
    public let nationalID: String
    public let householdCode: String
    public let address: String
    public let programme: String
    public let purpose: String
    public let requested: Int64
    public let termMonths: Int
    public let savingsGroup: String
    public let householdClass: String
    public let status: LoanLifecycle.State
    public let preparedOn: LocalDate
    public let confirmationNumber: String?
    public let confirmedOn: String?
    public let submittedOn: String?
    public let bankDecision: String?
    public let approved: Int64?
    public let disbursed: Int64?
    public let disbursedOn: String?
    public let useCheckedOn: String?
    public let useNote: String?
    public let closedOn: String?
    public let reason: String?
    /// The next check of the money's use (a disbursed loan), `useCheckMonths` after the last.
    public let useCheckDue: LocalDate?
    /// The bank's transaction day the borrower was last reminded of.
    public let remindedFor: String?
}

/// What a step of a loan carries: its day, an amount, the confirmation number or the bank's
/// decision, the reason or the note.
public struct LoanStepInput: Sendable {
    public var date = "", number = "", text = ""
    public var amount: Int64? = nil
    public init() {}
}

extension LivelihoodRepository {
    /// Prepares a dossier for a member (18 or older) of a household the programme lends to, as
    /// the registry's official classes say, within the programme's ceiling and term; one open
    /// dossier per household and programme.
    public func prepareLoan(_ actor: Actor, _ input: LoanInput, today: LocalDate) async throws -> UUID {
        try actor.require(.manageLivelihood)
        var c = InputCheck()
        let rules = LoanRules.shared
        let programme = rules.programme(input.programme)
        if programme == nil { c.fail("programme", "validation.choice") }
        let purpose = c.text(input.purpose, "purpose", max: 300), group = c.text(input.savingsGroup, "savings_group", max: 200, optional: true)
        let amount = c.number(input.amount, "amount", in: 1...(programme?.ceiling ?? 1_000_000_000))
        let term = c.number(input.termMonths, "term_months", in: 1...(programme?.maxTermMonths ?? 120))
        let found = try await person(actor, nationalID: input.nationalID, into: &c)
        if let (p, _) = found, today.year - p.birthYear < 18 { c.fail("national_id", "loan.error.age") }
        var latest = ""
        if let programme, let (_, place) = found {
            let classes = try await classes(of: place.household, on: store.db)
            latest = PovertyClass.latest(classes, upTo: today.year)?.rawValue ?? ""
            if let why = rules.refusal(programme, classes: classes, year: today.year) { c.fail("programme", why) }
        }
        try c.check()
        let (p, place) = found!
        let cls = latest
        return try await store.write(actor) { tx, audit in
            try await Store.lock(HouseholdModel.self, place.household, on: tx)
            let open = LoanLifecycle.State.allCases.filter { ![.refused, .closed].contains($0) }.map(\.rawValue)
            if try await LoanModel.query(on: tx).filter(\.$householdID == place.household).filter(\.$programme == input.programme)
                .filter(\.$status ~~ open).first() != nil
            {
                throw AppError.conflict(Message("loan.error.open"))
            }
            let m = LoanModel()
            m.id = UUID(); m.householdID = place.household; m.personID = p.id!; m.unitID = place.commune; m.unitPath = place.path
            m.programme = input.programme; m.purpose = purpose; m.requested = amount; m.termMonths = term; m.savingsGroup = group
            m.householdClass = cls; m.status = LoanLifecycle.State.prepared.rawValue; m.preparedOn = today.iso; m.createdBy = actor.username
            try await m.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "loan_prepare", entity: LoanLifecycle.entity, entityID: m.id!.uuidString, unitID: place.commune, unitPath: place.path,
                    before: NoValue?.none,
                    after: ["person_id": p.id!.uuidString, "programme": input.programme, "requested": "\(amount)", "household_class": cls]))
            return m.id!
        }
    }

    /// Takes a loan one step: each step's day (not after today), amounts within the programme's
    /// ceiling (a disbursement within the amount approved).
    public func step(_ actor: Actor, loan id: UUID, _ t: LoanLifecycle.Transition, _ input: LoanStepInput, today: LocalDate) async throws {
        let rule = LoanLifecycle.rule(t)
        try actor.require(rule.permission)
        var c = InputCheck(), fields: [String: String] = [:]
        let text = c.text(input.text, t == .checkUse ? "note" : "reason", max: 500, optional: true)
        let number = c.text(input.number, t == .confirm ? "confirmation_number" : "bank_decision", max: 60, optional: true)
        var day: LocalDate? = nil
        if rule.requires.contains("date") {
            fields["date"] = input.date
            if !input.date.isEmpty { day = c.date(input.date, "date", notAfter: today) }
        }
        if rule.requires.contains("amount") {
            fields["amount"] = input.amount.map { "\($0)" } ?? ""
            if let a = input.amount { _ = c.number(a, "amount", in: 1...1_000_000_000) }
        }
        for k in ["confirmation_number", "bank_decision"] where rule.requires.contains(k) { fields[k] = number }
        for k in ["reason", "note"] where rule.requires.contains(k) { fields[k] = text }
        try c.check()
        let (on, amount, given) = (day ?? today, input.amount, fields)
        try await store.transition(actor, LoanModel.self, id, t, fields: given) { m, _, _ in
            let ceiling = LoanRules.shared.programme(m.programme)?.ceiling ?? 0
            switch t {
            case .confirm: m.confirmationNumber = number; m.confirmedOn = on.iso
            case .submit: m.submittedOn = on.iso
            case .approve:
                if amount! > ceiling { throw AppError.invalid("amount", "loan.error.ceiling", ["max": "\(ceiling)"]) }
                m.approved = amount; m.approvedOn = on.iso; m.bankDecision = number
            case .refuse: m.reason = text
            case .disburse:
                if amount! > (m.approved ?? 0) { throw AppError.invalid("amount", "loan.error.over_approved") }
                m.disbursed = amount; m.disbursedOn = on.iso
            case .checkUse: m.useCheckedOn = on.iso; m.useNote = text
            case .close: m.closedOn = on.iso
            }
            return given.merging(["date": on.iso]) { _, new in new }
        }
    }

    /// The loans of the actor's units, newest first, of one state when asked.
    public func loans(_ actor: Actor, status: LoanLifecycle.State? = nil, page: PageSpec) async throws -> ResultPage<Loan> {
        try actor.require(.viewLivelihood)
        let q = store.scoped(LoanModel.self, actor)
        if let status { q.filter(\.$status == status.rawValue) }
        let total = try await q.count()
        let rows = try await q.sort(\.$preparedOn, .descending).sort(\.$id).range(page.offset..<(page.offset + page.perPage)).all()
        return ResultPage(items: try await loanViews(rows), request: page, total: total)
    }

    /// Every loan of the actor's units of one state (all when nil), for the bank's list.
    public func allLoans(_ actor: Actor, status: LoanLifecycle.State?) async throws -> [Loan] {
        try actor.require(.viewLivelihood)
        let q = store.scoped(LoanModel.self, actor)
        if let status { q.filter(\.$status == status.rawValue) }
        return try await loanViews(try await q.sort(\.$preparedOn).sort(\.$id).limit(20_000).all())
    }

    /// The disbursed loans whose use is due to be checked by `today`, soonest first.
    public func useChecksDue(_ actor: Actor, today: LocalDate) async throws -> [Loan] {
        try await allLoans(actor, status: .disbursed).filter { ($0.useCheckDue ?? today.adding(days: 1)) <= today }.sorted {
            ($0.useCheckDue!, $0.borrower) < ($1.useCheckDue!, $1.borrower)
        }
    }

    public func loan(_ actor: Actor, id: UUID) async throws -> Loan {
        try actor.require(.viewLivelihood)
        return try await loanViews([try await store.scoped(LoanModel.self, id, actor)])[0]
    }

    func loanViews(_ rows: [LoanModel]) async throws -> [Loan] {
        let persons = try await self.persons(Set(rows.map(\.personID)))
        var households: [UUID: HouseholdModel] = [:]
        for chunk in Array(Set(rows.map(\.householdID))).chunked(500) {
            for h in try await HouseholdModel.query(on: store.db).filter(\.$id ~~ chunk).all() { households[h.id!] = h }
        }
        let months = LoanRules.shared.useCheckMonths
        return rows.map { m in
            let h = households[m.householdID]
            let last = (m.useCheckedOn ?? m.disbursedOn).flatMap(LocalDate.init(iso:))
            return Loan(
                id: m.id!, borrower: persons[m.personID]?.fullName ?? "", nationalID: persons[m.personID]?.nationalID ?? "", householdCode: h?.code ?? "",
                address: h?.address ?? "", programme: m.programme, purpose: m.purpose, requested: m.requested, termMonths: m.termMonths,
                savingsGroup: m.savingsGroup, householdClass: m.householdClass, status: m.lifecycleState, preparedOn: LocalDate(iso: m.preparedOn)!,
                confirmationNumber: m.confirmationNumber, confirmedOn: m.confirmedOn, submittedOn: m.submittedOn, bankDecision: m.bankDecision,
                approved: m.approved, disbursed: m.disbursed, disbursedOn: m.disbursedOn, useCheckedOn: m.useCheckedOn, useNote: m.useNote,
                closedOn: m.closedOn, reason: m.reason, useCheckDue: m.lifecycleState == .disbursed ? last?.adding(months: months) : nil,
                remindedFor: m.remindedFor)
        }
    }
}
