import Foundation
import Testing
@testable import AnsinhCore

/// Jobs and training: who may take a referral or an enrolment through its steps, how a vacancy is
/// suggested and why, the state's support for a course, the follow-up days.
@Suite("Livelihood rules")
struct LivelihoodRulesTests {
    typealias Row = LifecycleTests.Row

    @Test func referralsAndEnrolmentsAreTheWardOfficers() {
        let referrals: [Row<JobReferralLifecycle>] = [
            Row(t: .interview, from: [.referred], to: .interviewed, roles: LifecycleTests.ward),
            Row(t: .hire, from: [.referred, .interviewed], to: .hired, roles: LifecycleTests.ward),
            Row(t: .decline, from: [.referred, .interviewed], to: .notHired, roles: LifecycleTests.ward),
        ]
        let n = LifecycleTests.verify(
            JobReferralLifecycle.self, referrals, fields: ["interview_on": "2025-06-05", "start_on": "2025-06-16", "wage": "6500000", "reason": "Xa"]
        ) { _, s in .conflict(Message("livelihood.error.referral_state", ["status": "@livelihood.referral.\(s.rawValue)"])) }
        #expect(n == 3 * 4 * Role.allCases.count)
        let enrolments: [Row<EnrolmentLifecycle>] = [
            Row(t: .complete, from: [.enrolled], to: .completed, roles: LifecycleTests.ward),
            Row(t: .drop, from: [.enrolled], to: .dropped, roles: LifecycleTests.ward),
        ]
        let m = LifecycleTests.verify(EnrolmentLifecycle.self, enrolments, fields: ["completed_on": "2025-05-30", "reason": "Chuyển nhà"]) { _, s in
            .conflict(Message("livelihood.error.enrolment_state", ["status": "@livelihood.enrolment.\(s.rawValue)"]))
        }
        #expect(m == 2 * 3 * Role.allCases.count)
        // A missing field is named before the state is looked at.
        #expect(throws: AppError.validation([FieldError(field: "wage", message: Message("validation.required"))])) {
            try JobReferralLifecycle.check(.hire, from: .hired, role: .wardOfficer, fields: ["start_on": "2025-06-16"])
        }
    }

    @Test func suggestionsSayWhy() {
        let ward = UUID(), group = UUID(), other = UUID()
        let cook = SeekerProfile(skills: JobMatch.skills("Nau an, PHỤC VỤ "), disability: .none, groupID: group, wardID: ward)
        let kitchen = VacancyProfile(skills: JobMatch.skills("nấu ăn, sơ chế"), suitsMildDisability: false, groupID: group, wardID: ward)
        let m = JobMatch.match(cook, kitchen)
        // Diacritics and case do not matter (the reason names the vacancy's words); the same
        // residential group counts more than the ward.
        #expect(m == JobMatch(score: 15, reasons: [Message("livelihood.reason.skills", ["skills": "nấu ăn"]), Message("livelihood.reason.same_group")]))
        let across = VacancyProfile(skills: JobMatch.skills("nấu ăn"), suitsMildDisability: false, groupID: other, wardID: ward)
        #expect(JobMatch.match(cook, across)?.score == 13)
        // No skill in common: not suggested; a vacancy that asks no skill is suggested for its place.
        #expect(JobMatch.match(cook, VacancyProfile(skills: ["may mac": "may mặc"], suitsMildDisability: true, groupID: group, wardID: ward)) == nil)
        #expect(JobMatch.match(cook, VacancyProfile(skills: [:], suitsMildDisability: false, groupID: nil, wardID: ward))?.score == 3)
        // A mild disability: only work the employer says suits it; a severe one: the officer decides.
        let mild = SeekerProfile(skills: ["may mac": "may mặc"], disability: .mild, groupID: nil, wardID: ward)
        #expect(JobMatch.match(mild, VacancyProfile(skills: ["may mac": "may mặc"], suitsMildDisability: false, groupID: nil, wardID: other)) == nil)
        #expect(
            JobMatch.match(mild, VacancyProfile(skills: ["may mac": "may mặc"], suitsMildDisability: true, groupID: nil, wardID: other))
                == JobMatch(score: 10, reasons: [Message("livelihood.reason.skills", ["skills": "may mặc"]), Message("livelihood.reason.mild_disability")]))
        let severe = SeekerProfile(skills: ["may mac": "may mặc"], disability: .severe, groupID: nil, wardID: ward)
        #expect(JobMatch.match(severe, VacancyProfile(skills: ["may mac": "may mặc"], suitsMildDisability: true, groupID: nil, wardID: ward)) == nil)
    }

    @Test func supportAndFollowUpsComeFromTheRuleFile() {
        let r = LivelihoodRules.shared
        #expect(r.followUpMonths == [3, 6, 12] && r.reportMonth == 6)
        #expect(LivelihoodRules.group(disability: .mild, povertyClass: .poor) == .disability)
        #expect(LivelihoodRules.group(disability: .none, povertyClass: .poor) == .poor)
        #expect(LivelihoodRules.group(disability: .none, povertyClass: .nearPoor) == .nearPoor)
        #expect(LivelihoodRules.group(disability: .none, povertyClass: nil) == .other)
        // The cost, at most the group's ceiling, in đồng.
        #expect(r.support(cost: 3_000_000, group: .poor) == 3_000_000)
        #expect(r.support(cost: 5_000_000, group: .poor) == 4_000_000)
        #expect(r.support(cost: 5_000_000, group: .nearPoor) == 3_000_000)
        #expect(r.support(cost: 8_000_000, group: .disability) == 6_000_000)
        #expect(r.support(cost: 3_000_000, group: .other) == 2_500_000)
        // Month ends: 31 August + 6 months is the last day of February.
        let marks = r.followUps(completed: LocalDate(iso: "2025-08-31")!).map { "\($0.month):\($0.due.iso)" }
        #expect(marks == ["3:2025-11-30", "6:2026-02-28", "12:2026-08-31"])
        #expect(LocalDate(iso: "2024-02-29")!.adding(months: 12).iso == "2025-02-28")
        #expect(LocalDate(iso: "2025-05-30")!.adding(months: -3).iso == "2025-02-28")
    }

    /// Loans: the ward's chairman confirms, its officer records the rest; the bank's programmes
    /// lend by the household's official classes.
    @Test func loansAreConfirmedByTheChairman() {
        let rows: [Row<LoanLifecycle>] = [
            Row(t: .confirm, from: [.prepared], to: .confirmed, roles: LifecycleTests.chairman),
            Row(t: .submit, from: [.confirmed], to: .submitted, roles: LifecycleTests.ward),
            Row(t: .approve, from: [.submitted], to: .approved, roles: LifecycleTests.ward),
            Row(t: .refuse, from: [.prepared, .confirmed, .submitted], to: .refused, roles: LifecycleTests.ward),
            Row(t: .disburse, from: [.approved], to: .disbursed, roles: LifecycleTests.ward),
            Row(t: .checkUse, from: [.disbursed], to: nil, roles: LifecycleTests.ward),
            Row(t: .close, from: [.disbursed], to: .closed, roles: LifecycleTests.ward),
        ]
        let fields = ["confirmation_number": "XN-1", "date": "2025-03-01", "amount": "1000", "bank_decision": "QĐ 1", "reason": "x", "note": "y"]
        let n = LifecycleTests.verify(LoanLifecycle.self, rows, fields: fields) { _, s in
            .conflict(Message("loan.error.state", ["status": "@loan.status.\(s.rawValue)"]))
        }
        #expect(n == 7 * 7 * Role.allCases.count)
        let r = LoanRules.shared
        let poor = r.programme("poor_household")!, nearPoor = r.programme("near_poor_household")!, justOut = r.programme("just_out_of_poverty")!
        let jobs = r.programme("job_creation")!
        #expect(r.programme("clean_water_sanitation")?.ceiling == 25_000_000 && jobs.ceiling == 100_000_000 && r.justOutYears == 3)
        // The latest class counts, not an older one.
        #expect(r.refusal(poor, classes: [2024: .poor, 2025: .nearPoor], year: 2025) == "loan.error.not_poor")
        #expect(r.refusal(nearPoor, classes: [2024: .poor, 2025: .nearPoor], year: 2025) == nil)
        // Just out of poverty: middle now, poor or near-poor within the last three years.
        #expect(r.refusal(justOut, classes: [2023: .nearPoor, 2025: .middle], year: 2025) == nil)
        #expect(r.refusal(justOut, classes: [2022: .nearPoor, 2025: .middle], year: 2025) == "loan.error.not_just_out")
        #expect(r.refusal(justOut, classes: [2024: .poor], year: 2025) == "loan.error.not_just_out")
        // A class of a later year is not read for an earlier one; any household may borrow to create jobs.
        #expect(r.refusal(poor, classes: [2026: .poor], year: 2025) == "loan.error.not_poor")
        #expect(r.refusal(jobs, classes: [:], year: 2025) == nil)
    }
}
