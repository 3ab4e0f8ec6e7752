import Testing
@testable import AnsinhCore

/// The case workflow, every (state, transition, role), from the centre's practice: social
/// workers take a case through its steps, only a centre manager closes or reopens one.
@Suite("Lifecycles: cases")
struct CaseLifecycleTests {
    typealias Row = LifecycleTests.Row<CaseLifecycle>
    static let workers: Set<Role> = [.systemAdmin, .centreSocialWorker, .centreManager]
    static let managers: Set<Role> = [.systemAdmin, .centreManager]

    @Test func everyStepEveryRole() {
        let rows: [Row] = [
            Row(t: .assess, from: [.registered], to: .assessed, roles: Self.workers),
            Row(t: .plan, from: [.assessed], to: .planned, roles: Self.workers),
            Row(t: .intervene, from: [.planned], to: .inIntervention, roles: Self.workers),
            Row(t: .followUp, from: [.inIntervention], to: .followUp, roles: Self.workers),
            Row(t: .requestClosure, from: [.inIntervention, .followUp], to: .closureRequested, roles: Self.workers),
            Row(t: .approveClosure, from: [.closureRequested], to: .closed, roles: Self.managers),
            Row(t: .returnClosure, from: [.closureRequested], to: .followUp, roles: Self.managers),
            Row(t: .reopen, from: [.closed], to: .assessed, roles: Self.managers),
        ]
        let fields = [
            "risk_level": "high", "assessment": "x", "goal": "x", "responsible": "x", "due_date": "2025-07-01", "closure_reason": "x",
            "outcome": "x", "reason": "x",
        ]
        let n = LifecycleTests.verify(CaseLifecycle.self, rows, fields: fields) { t, s in
            .notAllowed(Message("lifecycle.error.step", ["state": s.rawValue, "action": t.rawValue]))
        }
        #expect(n == 8 * 7 * Role.allCases.count)
    }

    /// What each step needs is named, whatever the state: no assessment without a risk level and
    /// its reason, no plan without a goal, who and by when, no closure without reason and outcome.
    @Test func requiredFieldsAreNamed() {
        #expect(throws: AppError.validation([FieldError(field: "assessment", message: Message("validation.required"))])) {
            try CaseLifecycle.check(.assess, from: .registered, role: .centreSocialWorker, fields: ["risk_level": "high"])
        }
        #expect(throws: AppError.invalid("due_date", "validation.required")) {
            try CaseLifecycle.check(.plan, from: .assessed, role: .centreSocialWorker, fields: ["goal": "Đi học lại", "responsible": "Đức"])
        }
        #expect(throws: AppError.forbidden) { try CaseLifecycle.check(.approveClosure, from: .closureRequested, role: .centreSocialWorker) }
        #expect(throws: AppError.forbidden) { try CaseLifecycle.check(.assess, from: .registered, role: .wardOfficer, fields: ["risk_level": "low"]) }
    }

    /// The API names the state it wants; the transition is the one way there from the case's state.
    @Test func targetStateNamesOneTransition() {
        #expect(CaseLifecycle.transition(from: .registered, to: .assessed) == .assess)
        #expect(CaseLifecycle.transition(from: .inIntervention, to: .followUp) == .followUp)
        #expect(CaseLifecycle.transition(from: .closureRequested, to: .followUp) == .returnClosure)
        #expect(CaseLifecycle.transition(from: .closureRequested, to: .closed) == .approveClosure)
        #expect(CaseLifecycle.transition(from: .followUp, to: .closed) == nil)  // closing goes through a request
        #expect(CaseLifecycle.transition(from: .closed, to: .assessed) == .reopen)
        for s in CaseLifecycle.State.allCases {
            for target in CaseLifecycle.State.allCases {
                let matching = CaseLifecycle.Transition.allCases.filter { CaseLifecycle.rule($0).from.contains(s) && CaseLifecycle.rule($0).to == target }
                #expect(matching.count <= 1, "\(s) → \(target): \(matching)")
            }
        }
    }

    /// A refused step names its missing field in the officer's language: every field any
    /// lifecycle requires has its label in the catalogue (a flash once showed `field.assessment`).
    @Test func everyRequiredFieldHasALabel() {
        func fields<L: Lifecycle>(_: L.Type) -> [String] { L.Transition.allCases.flatMap { L.rule($0).requires } }
        let all = Set(
            fields(CaseLifecycle.self) + fields(ReferralLifecycle.self) + fields(TaskLifecycle.self) + fields(ApplicationLifecycle.self)
                + fields(LedgerLifecycle.self)
                + fields(CycleLifecycle.self)
                + fields(CampaignLifecycle.self) + fields(ImportLifecycle.self))
        for locale in AppLocale.allCases {
            let missing = all.filter { MessageCatalogue.shared.texts[locale]?["field.\($0)"] == nil }.sorted()
            #expect(missing == [], "\(locale): \(missing)")
        }
    }
}

/// A referral's closed loop, every (state, transition, role): the receiving ward's officers and
/// the centre's staff record the outcome; only the centre withdraws one; every step needs a note.
@Suite("Lifecycles: referrals and consent")
struct ReferralLifecycleTests {
    typealias Row = LifecycleTests.Row<ReferralLifecycle>

    @Test func everyStepEveryRole() {
        let answer: Set<Role> = [.systemAdmin, .wardOfficer, .centreSocialWorker, .centreManager]
        let rows: [Row] = [
            Row(t: .serviceGiven, from: [.sent], to: .serviceGiven, roles: answer),
            Row(t: .declined, from: [.sent], to: .declined, roles: answer),
            Row(t: .unreachable, from: [.sent], to: .unreachable, roles: answer),
            Row(t: .withdraw, from: [.sent], to: .withdrawn, roles: CaseLifecycleTests.workers),
        ]
        let n = LifecycleTests.verify(ReferralLifecycle.self, rows, fields: ["note": "x"]) { t, s in
            .notAllowed(Message("lifecycle.error.step", ["state": s.rawValue, "action": t.rawValue]))
        }
        #expect(n == 4 * 5 * Role.allCases.count)
        #expect(throws: AppError.invalid("note", "validation.required")) {
            try ReferralLifecycle.check(.declined, from: .sent, role: .wardOfficer, fields: ["note": "  "])
        }
        // An accountant of the same ward never answers a referral.
        #expect(throws: AppError.forbidden) { try ReferralLifecycle.check(.serviceGiven, from: .sent, role: .accountant, fields: ["note": "x"]) }
    }

    /// A task is closed once, done or cancelled, with its note, by who works cases.
    @Test func tasksEveryStepEveryRole() {
        let rows: [LifecycleTests.Row<TaskLifecycle>] = [
            .init(t: .complete, from: [.open], to: .done, roles: CaseLifecycleTests.workers),
            .init(t: .cancel, from: [.open], to: .cancelled, roles: CaseLifecycleTests.workers),
        ]
        let n = LifecycleTests.verify(TaskLifecycle.self, rows, fields: ["note": "x"]) { t, s in
            .notAllowed(Message("lifecycle.error.step", ["state": s.rawValue, "action": t.rawValue]))
        }
        #expect(n == 2 * 3 * Role.allCases.count)
    }

    /// A deadline setting replaces its one value, within 1–720 hours.
    @Test func deadlineSettings() {
        let d = CaseDeadlines.shared.with(["critical.assess_hours": 6, "high.plan_hours": 0, "nonsense": 5])
        #expect(CaseDeadlines.names.count == 8)
        #expect(d.value("critical.assess_hours") == 6)
        #expect(d.value("critical.plan_hours") == CaseDeadlines.shared.value("critical.plan_hours"))
        #expect(d.value("high.plan_hours") == CaseDeadlines.shared.value("high.plan_hours"))
    }

    /// A consent allows one purpose, towards its kind of recipient (or any), from the day it was
    /// given until the day it is withdrawn.
    @Test func aConsentCoversItsPurposeRecipientAndDays() {
        let given = LocalDate(year: 2025, month: 6, day: 3)!, later = LocalDate(year: 2025, month: 6, day: 10)!
        let school = ConsentTerms(purpose: .referral, recipient: .school, givenOn: given, withdrawnOn: nil)
        #expect(school.covers(.referral, .school, on: given))
        #expect(!school.covers(.referral, .police, on: given))
        #expect(!school.covers(.shareFile, .school, on: given))
        #expect(!school.covers(.referral, .school, on: given.adding(days: -1)))
        let any = ConsentTerms(purpose: .shareFile, recipient: nil, givenOn: given, withdrawnOn: later)
        #expect(any.covers(.shareFile, .hospital, on: later.adding(days: -1)))
        #expect(!any.covers(.shareFile, .hospital, on: later))
        // Law on Children 2016 Art. 33 [U]: a child under 7 cannot consent alone.
        #expect(!ConsentTerms.mayGive(.person, forAge: 6))
        #expect(ConsentTerms.mayGive(.person, forAge: 7))
        #expect(ConsentTerms.mayGive(.guardian, forAge: 3))
        #expect(ConsentTerms.mayGive(.person, forAge: nil))
    }
}
