import Foundation
import Testing
@testable import AnsinhCore

/// Every (state, transition, role) of every lifecycle, against tables written here by hand
/// from the law and the offices' practice — roles by name, not by permission, so that a change
/// of a role's permissions that opens or closes a step shows up here.
@Suite("Lifecycles")
struct LifecycleTests {
    /// One row of a table: a transition, the states it starts from, where it leads (nil: the
    /// state stays) and the roles that may make it.
    struct Row<L: Lifecycle> {
        let t: L.Transition
        let from: Set<L.State>
        let to: L.State?
        let roles: Set<Role>
    }

    static let ward: Set<Role> = [.systemAdmin, .wardOfficer]
    static let chairman: Set<Role> = [.systemAdmin, .wardApprover]
    static let payments: Set<Role> = [.systemAdmin, .wardOfficer, .accountant]
    static let registry: Set<Role> = [.systemAdmin, .wardOfficer]

    /// Checks each combination and returns how many were checked.
    static func verify<L: Lifecycle>(
        _ lifecycle: L.Type, _ rows: [Row<L>], fields: [String: String] = [:],
        refusal: (L.Transition, L.State) -> AppError
    ) -> Int {
        #expect(Set(rows.map(\.t)) == Set(L.Transition.allCases), "every transition has a row")
        var n = 0
        for row in rows {
            for state in L.State.allCases {
                for role in Role.allCases {
                    n += 1
                    let result = Result { try L.check(row.t, from: state, role: role, fields: fields) }
                    switch result {
                    case .success(let next):
                        #expect(row.roles.contains(role) && row.from.contains(state), "\(L.self) \(row.t) from \(state) by \(role) was allowed")
                        #expect(next == (row.to ?? state), "\(L.self) \(row.t) from \(state) leads to \(next)")
                    case .failure(let error as AppError):
                        if !row.roles.contains(role) {
                            #expect(error == .forbidden, "\(L.self) \(row.t) by \(role): \(error)")
                        } else {
                            #expect(!row.from.contains(state), "\(L.self) \(row.t) from \(state) by \(role) was refused: \(error)")
                            #expect(error == refusal(row.t, state), "\(L.self) \(row.t) from \(state): \(error)")
                        }
                        #expect(L.allows(row.t, from: state, role: role) == false)
                    case .failure(let other):
                        Issue.record("unexpected \(other)")
                    }
                }
            }
        }
        return n
    }

    @Test func applications() {
        let rows: [Row<ApplicationLifecycle>] = [
            Row(t: .review, from: [.received, .reviewed], to: .reviewed, roles: Self.ward),
            Row(t: .post, from: [.reviewed, .posted], to: .posted, roles: Self.ward),
            Row(t: .refuse, from: [.received, .reviewed, .posted], to: .refused, roles: Self.chairman),
            Row(t: .decide, from: [.reviewed, .posted], to: .decided, roles: Self.chairman),
        ]
        let n = Self.verify(ApplicationLifecycle.self, rows, fields: ["posting_start": "2026-01-05", "refusal_reason": "x", "signed_date": "2026-01-10"]) {
            t, s in
            t == .decide && s == .received ? .conflict(Message("decision.error.not_reviewed")) : .conflict(Message("decision.error.step"))
        }
        #expect(n == 4 * 5 * Role.allCases.count)
    }

    @Test func ledger() {
        let rows: [Row<LedgerLifecycle>] = [
            Row(t: .start, from: [.none, .suspended, .stopped], to: .paying, roles: Self.chairman),
            Row(t: .adjust, from: [.paying], to: .paying, roles: Self.chairman),
            Row(t: .suspend, from: [.paying], to: .suspended, roles: Self.chairman),
            Row(t: .resume, from: [.suspended], to: .paying, roles: Self.chairman),
            Row(t: .stop, from: [.paying], to: .stopped, roles: Self.chairman),
        ]
        let n = Self.verify(LedgerLifecycle.self, rows, fields: ["signed_date": "2026-01-10"]) { t, _ in
            switch t {
            case .start: return .invalid("decision_kind", "decision.error.already_paid")
            case .resume: return .invalid("decision_kind", "decision.error.not_suspended")
            default: return .invalid("decision_kind", "decision.error.nothing_open")
            }
        }
        #expect(n == 5 * 4 * Role.allCases.count)
        #expect(LedgerLifecycle.state(hasOpenPeriod: true, lastKind: .suspend) == .paying)
        #expect(LedgerLifecycle.state(hasOpenPeriod: false, lastKind: nil) == LedgerLifecycle.State.none)
        #expect(LedgerLifecycle.state(hasOpenPeriod: false, lastKind: .suspend) == .suspended)
        #expect(LedgerLifecycle.state(hasOpenPeriod: false, lastKind: .stop) == .stopped)
    }

    @Test func paymentCycles() {
        let rows: [Row<CycleLifecycle>] = [
            Row(t: .prepare, from: [.draft], to: .draft, roles: Self.payments),
            Row(t: .submit, from: [.draft], to: .submitted, roles: Self.payments),
            Row(t: .approve, from: [.submitted], to: .approved, roles: Self.chairman),
            Row(t: .sendBack, from: [.submitted], to: .draft, roles: Self.chairman),
            Row(t: .settle, from: [.approved], to: nil, roles: Self.payments),
            Row(t: .close, from: [.approved], to: .closed, roles: Self.payments),
        ]
        let n = Self.verify(CycleLifecycle.self, rows, fields: ["reason": "wrong month"]) { t, s in
            switch t {
            case .prepare: return .conflict(Message("payroll.error.not_draft"))
            case .settle, .close: return .conflict(Message("payroll.error.not_approved"))
            default: return .conflict(Message("payroll.error.status", ["status": "@payroll.status.\(s.rawValue)"]))
            }
        }
        #expect(n == 6 * 4 * Role.allCases.count)
        // Maker–checker.
        #expect(!CycleLifecycle.mayApprove(approver: "a", approverID: "1", preparedBy: "a", preparedByID: "1", submittedByID: nil))
        #expect(!CycleLifecycle.mayApprove(approver: "b", approverID: "2", preparedBy: "a", preparedByID: "1", submittedByID: "2"))
        #expect(CycleLifecycle.mayApprove(approver: "b", approverID: "2", preparedBy: "a", preparedByID: "1", submittedByID: "1"))
    }

    @Test func reviewCampaigns() {
        let rows: [Row<CampaignLifecycle>] = [
            Row(t: .addHousehold, from: [.listing, .survey], to: nil, roles: Self.ward),
            Row(t: .classify, from: [.listing, .survey, .meeting], to: nil, roles: Self.ward),
            Row(t: .closeList, from: [.listing], to: .survey, roles: Self.ward),
            Row(t: .closeSurvey, from: [.survey], to: .meeting, roles: Self.ward),
            Row(t: .recordMeeting, from: [.meeting], to: nil, roles: Self.ward),
            Row(t: .startPosting, from: [.meeting], to: .posting, roles: Self.ward),
            Row(t: .recordObjection, from: [.posting], to: nil, roles: Self.ward),
            Row(t: .closePosting, from: [.posting], to: .decision, roles: Self.ward),
            Row(t: .decide, from: [.decision], to: .closed, roles: Self.chairman),
        ]
        let n = Self.verify(CampaignLifecycle.self, rows, fields: ["held_on": "2026-10-01", "posting_start": "2026-10-02", "decision_number": "12/QĐ"]) {
            t, s in
            switch t {
            case .recordMeeting, .startPosting: return .conflict(Message("review.error.not_meeting_step"))
            case .recordObjection: return .conflict(Message("review.error.not_posting"))
            case .decide: return .conflict(Message("review.error.not_decision_step"))
            case .closeList, .closeSurvey, .closePosting:
                return .conflict(Message(s == .meeting ? "review.error.use_posting" : "review.error.step_passed"))
            case .addHousehold, .classify: return .conflict(Message("review.error.step_passed"))
            }
        }
        #expect(n == 9 * 6 * Role.allCases.count)
        #expect(CampaignLifecycle.advance(from: .listing) == .closeList)
        #expect(CampaignLifecycle.advance(from: .survey) == .closeSurvey)
        #expect(CampaignLifecycle.advance(from: .posting) == .closePosting)
        #expect(CampaignLifecycle.auditAction(.closeSurvey) == "review_step")
    }

    @Test func importJobs() {
        let rows: [Row<ImportLifecycle>] = [
            Row(t: .start, from: [.validated, .running], to: .running, roles: Self.registry),
            Row(t: .finish, from: [.running, .done], to: .done, roles: Self.registry),
        ]
        let n = Self.verify(ImportLifecycle.self, rows) { t, s in
            .notAllowed(Message("lifecycle.error.step", ["state": s.rawValue, "action": t.rawValue]))
        }
        #expect(n == 2 * 4 * Role.allCases.count)
    }

    /// A required field is named before the state is looked at, whatever the state.
    @Test func missingFieldsAreNamedFirst() {
        #expect(throws: AppError.invalid("refusal_reason", "validation.required")) {
            try ApplicationLifecycle.check(.refuse, from: .decided, role: .wardApprover, fields: ["refusal_reason": "  "])
        }
        #expect(throws: AppError.forbidden) { try ApplicationLifecycle.check(.refuse, from: .received, role: .accountant) }
        #expect(ApplicationLifecycle.available(from: .reviewed, role: .wardOfficer) == [.review, .post])
        #expect(ApplicationLifecycle.available(from: .posted, role: .wardApprover) == [.refuse, .decide])
    }

    /// Decree 20/2021 Art. 8(2) and the HIV rule: what must be posted, and when the chairman
    /// may sign.
    @Test func postingBeforeDecision() throws {
        let reform = AllowanceRules.shared.reformDate
        let before = LocalDate(iso: "2025-06-30")!, after = LocalDate(iso: "2025-07-01")!
        #expect(ApplicationLifecycle.requiresPosting(categories: ["D20-5.6"], received: before, reform: reform))
        #expect(!ApplicationLifecycle.requiresPosting(categories: ["D20-5.3.under4"], received: before, reform: reform))
        #expect(!ApplicationLifecycle.requiresPosting(categories: ["D20-5.8"], received: before, reform: reform))
        // Decree 147/2025 Art. 5: no posting from 1 July 2025, a decision within 10 working days.
        #expect(!ApplicationLifecycle.requiresPosting(categories: ["D20-5.6"], received: after, reform: reform))
        #expect(ApplicationLifecycle.decisionDue(received: before, reform: reform, days: 10) == nil)
        #expect(ApplicationLifecycle.decisionDue(received: after, reform: reform, days: 10) == LocalDate(iso: "2025-07-15")!)
        // Holidays count: received Friday 29 Aug 2025, 1–2 Sep are National Day.
        #expect(ApplicationLifecycle.decisionDue(received: LocalDate(iso: "2025-08-29")!, reform: reform, days: 10) == LocalDate(iso: "2025-09-16")!)
        #expect(
            ApplicationLifecycle.decisionDue(received: LocalDate(iso: "2025-08-29")!, reform: reform, days: 10, holidays: HolidayCalendar([])) == LocalDate(
                iso: "2025-09-12")!)
        // Tết 2026: received Friday 13 Feb, five holidays from the 16th.
        #expect(WorkingDays.after(LocalDate(iso: "2026-02-13")!, days: 1) == LocalDate(iso: "2026-02-23")!)
        let end = LocalDate(iso: "2026-01-06")!
        #expect(throws: AppError.invalid("signed_date", "decision.error.posting_running", ["date": "2026-01-06"])) {
            try ApplicationLifecycle.checkDecision(status: .posted, requiresPosting: true, postingEnd: end, signed: end)
        }
        #expect(throws: AppError.conflict(Message("decision.error.not_posted"))) {
            try ApplicationLifecycle.checkDecision(status: .reviewed, requiresPosting: true, postingEnd: nil, signed: end)
        }
        try ApplicationLifecycle.checkDecision(status: .posted, requiresPosting: true, postingEnd: end, signed: LocalDate(iso: "2026-01-07")!)
        try ApplicationLifecycle.checkDecision(status: .reviewed, requiresPosting: false, postingEnd: nil, signed: end)
    }

    /// The law's dates and limits come from the rule file.
    @Test func lawConstantsAreRuleData() {
        let rules = AllowanceRules.shared
        #expect(rules.reformMonth == YearMonth(year: 2025, month: 7)!)
        #expect(rules.uncollectedMonthsToSuspend == 3)
        #expect(rules.postingWorkingDays == 2)
        #expect(rules.decisionWorkingDays == 10)
        #expect(rules.arrearsLookBackMonths == 36)
        #expect(rules.dates["procedure_reform"]?.basis.contains("147/2025") == true)
    }

    @Test func oneOffDecisions() {
        let rows: [Row<OneOffLifecycle>] = [
            Row(t: .handOut, from: [.decided], to: .handedOut, roles: Self.payments),
            Row(t: .cancel, from: [.decided], to: .cancelled, roles: Self.chairman),
        ]
        let n = Self.verify(OneOffLifecycle.self, rows, fields: ["handed_date": "2026-01-02", "received_by": "x", "reason": "y"]) { _, s in
            .conflict(Message("one_off.error.state", ["status": "@one_off.status.\(s.rawValue)"]))
        }
        #expect(n == 2 * 3 * Role.allCases.count)
    }

    @Test func personalDataRequests() {
        let rows: [Row<SubjectRequestLifecycle>] = [
            Row(t: .complete, from: [.received], to: .done, roles: Self.registry),
            Row(t: .refuse, from: [.received], to: .refused, roles: Self.registry),
        ]
        let n = Self.verify(SubjectRequestLifecycle.self, rows, fields: ["outcome": "Đã sửa"]) { _, s in
            .conflict(Message("privacy.error.state", ["status": "@privacy.status.\(s.rawValue)"]))
        }
        #expect(n == 2 * 3 * Role.allCases.count)
        #expect(SubjectRequestLifecycle.requestDays == 15)
    }

    /// The breach log: the heads of a ward or a centre (and the administrator) handle breaches.
    @Test func breaches() {
        let heads: Set<Role> = [.systemAdmin, .wardApprover, .centreManager]
        let rows: [Row<BreachLifecycle>] = [
            Row(t: .report, from: [.open], to: .reported, roles: heads),
            Row(t: .notifyPersons, from: [.open, .reported], to: nil, roles: heads),
            Row(t: .addMeasure, from: [.open, .reported], to: nil, roles: heads),
            Row(t: .close, from: [.reported], to: .closed, roles: heads),
            Row(t: .dismiss, from: [.open], to: .closed, roles: heads),
        ]
        let n = Self.verify(BreachLifecycle.self, rows, fields: ["authority_reference": "1/BC", "how": "Gọi", "measure": "Khoá", "outcome": "Xong"]) {
            _, s in .conflict(Message("breach.error.state", ["status": "@breach.status.\(s.rawValue)"]))
        }
        #expect(n == 5 * 3 * Role.allCases.count)
        #expect(PrivacyRules.current.breach_notify_hours == 72)
        // Every kind of record says why it is held and on what basis.
        #expect(Set(PrivacyRules.current.processing.keys) == Set(ProcessingKind.allCases.map(\.rawValue)))
        #expect(PrivacyRules.current.basis(.therapy)?.basis == .consent && PrivacyRules.current.basis(.payment)?.basis == .legalDuty)
        #expect(BreachLifecycle.reportDue(foundAt: Date(timeIntervalSince1970: 0)) == Date(timeIntervalSince1970: 72 * 3600))
        #expect(BreachLifecycle.auditAction(.notifyPersons) == "breach_notify_persons")
    }

    /// `viewSensitive(class)` is a permission of a role like any other.
    @Test func sensitiveClassesArePermissions() {
        #expect(Role.accountant.sensitiveClasses.isEmpty)
        #expect(Role.auditor.sensitiveClasses.isEmpty)
        #expect(Role.wardOfficer.sensitiveClasses == [.hiv, .childProtection, .health])
        #expect(Role.centreSocialWorker.sensitiveClasses == Set(SensitivityClass.allCases))
        #expect(Role.wardApprover.can(.viewSensitive(.hiv)) && !Role.wardApprover.can(.viewSensitive(.psychotherapy)))
    }
}

@Suite("Shifts and dose schedules")
struct ShiftTests {
    @Test func aTimeBelongsToItsShiftAndTheNightCrossesMidnight() {
        let d = LocalDate(iso: "2025-12-01")!
        #expect(Shift.of(d, time: "06:00")! == (d, .morning))
        #expect(Shift.of(d, time: "13:59")! == (d, .morning))
        #expect(Shift.of(d, time: "14:00")! == (d, .afternoon))
        #expect(Shift.of(d, time: "22:00")! == (d, .night))
        #expect(Shift.of(d, time: "02:00")! == (LocalDate(iso: "2025-11-30")!, .night))
        #expect(Shift.of(d, time: "24:00") == nil && Shift.of(d, time: "8:00") == nil)
        #expect(Shift.morning.previous(on: d) == (LocalDate(iso: "2025-11-30")!, .night))
        let s = DoseSchedule(times: DoseSchedule.times("22:30;02:00 08:00")!, from: d, until: LocalDate(iso: "2025-12-02")!)
        // The night of 1 December holds 22:30 that day and 02:00 the next.
        #expect(s.due(in: .night, of: d).map { "\($0.0.iso) \($0.1)" } == ["2025-12-01 22:30", "2025-12-02 02:00"])
        // The night of 30 November holds the first day's 02:00 dose, not the 22:30 before the start.
        #expect(s.due(in: .night, of: LocalDate(iso: "2025-11-30")!).map { "\($0.0.iso) \($0.1)" } == ["2025-12-01 02:00"])
        #expect(DoseSchedule.times("") == nil && DoseSchedule.times("8h") == nil)
    }

    @Test func residentLifecycleRoles() throws {
        #expect(throws: AppError.forbidden) {
            try ResidentLifecycle.check(.discharge, from: .inCare, role: .centreSocialWorker, fields: ["reason": "age", "discharged_on": "2025-01-01"])
        }
        #expect(
            try ResidentLifecycle.check(.discharge, from: .inCare, role: .centreManager, fields: ["reason": "age", "discharged_on": "2025-01-01"])
                == .discharged)
        #expect(throws: AppError.self) { try ResidentLifecycle.check(.recordCare, from: .discharged, role: .centreSocialWorker) }
        #expect(throws: AppError.forbidden) { try ResidentLifecycle.check(.recordCare, from: .inCare, role: .wardOfficer) }
    }
}
