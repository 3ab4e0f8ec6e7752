import AnsinhCore
import AnsinhStore
import Foundation
import Testing
@testable import AnsinhWeb

/// The allowances' pages from fixed models: the steps follow `ApplicationLifecycle`, the
/// letter is the official Vietnamese paper.
@Suite("Pages: allowances")
struct AllowancePageTests {
    static let applicationID = UUID(uuidString: "00000000-0000-0000-0000-0000000000A7")!
    static let personID = UUID(uuidString: "00000000-0000-0000-0000-0000000000B7")!
    static let today = LocalDate(year: 2026, month: 12, day: 5)!

    static func application(_ status: ApplicationStatus, role: Role, posting: Bool = true) -> ApplicationPage.Model {
        ApplicationPage.Model(
            id: applicationID, personID: personID, personName: "Lê Thị Hoa", birth: "1950-03-02", benefit: .allowance, formType: "1a",
            receivedDate: "2026-11-20", documents: ["declaration", "identity"], status: status, recipientKind: "person", recipientName: nil,
            channel: "cash", account: nil,
            evaluation: AllowanceParts.Evaluation(
                month: YearMonth(year: 2026, month: 12)!, amount: 750_000, categories: ["D20-5.6"], ruleSet: "VN-ND20-2021+ND176-2025",
                reasons: [], assumed: []), requiresPosting: posting, postingStart: nil, postingEnd: nil, objections: nil, refusalReason: nil,
            decisionID: nil, decisionDue: LocalDate(year: 2026, month: 12, day: 4)!, overdue: status == .received,
            actions: ApplicationLifecycle.available(from: status, role: role), today: today)
    }

    /// Decree 147/2025 Art. 5: the decision deadline shows, marked once passed.
    @Test func decisionDeadlineIsShownAndMarkedWhenPassed() {
        let open = ApplicationPage.render(PageContext(locale: .en, actor: PageTests.officer), Self.application(.received, role: .wardOfficer))
        #expect(open.contains(#"<span class="badge badge-overdue">Overdue since"#))
        let done = ApplicationPage.render(PageContext(locale: .en, actor: PageTests.officer), Self.application(.decided, role: .wardOfficer))
        #expect(!done.contains("badge-overdue"))
        #expect(done.contains("Decision due"))
    }

    @Test func receivedApplicationIsReviewedByTheOfficerBeforeAnyoneSigns() {
        let base = "/allowances/applications/00000000-0000-0000-0000-0000000000A7"
        let officer = ApplicationPage.render(PageContext(locale: .vi, actor: PageTests.officer), Self.application(.received, role: .wardOfficer))
        #expect(officer.contains(#"action="\#(base)/review""#))
        #expect(!officer.contains(#"action="\#(base)/posting""#))  // posting follows the review
        #expect(!officer.contains(#"action="\#(base)/decision""#))
        #expect(officer.contains("750.000 ₫"))
        let approver = ApplicationPage.render(PageContext(locale: .vi, actor: PageTests.officer), Self.application(.received, role: .wardApprover))
        #expect(!approver.contains(#"action="\#(base)/decision""#))  // nothing to sign before the review
        #expect(approver.contains(#"action="\#(base)/refuse""#))
    }

    @Test func reviewedApplicationOffersPostingAndSigningInOrder() {
        let base = "/allowances/applications/00000000-0000-0000-0000-0000000000A7"
        let officer = ApplicationPage.render(PageContext(locale: .vi, actor: PageTests.officer), Self.application(.reviewed, role: .wardOfficer))
        #expect(officer.contains(#"action="\#(base)/posting""#))
        let noPosting = ApplicationPage.render(
            PageContext(locale: .vi, actor: PageTests.officer), Self.application(.reviewed, role: .wardOfficer, posting: false))
        #expect(!noPosting.contains(#"action="\#(base)/posting""#))
        let approver = ApplicationPage.render(PageContext(locale: .vi, actor: PageTests.officer), Self.application(.reviewed, role: .wardApprover))
        let sign = approver.range(of: #"action="\#(base)/decision""#)
        let refuse = approver.range(of: #"action="\#(base)/refuse""#)
        #expect(sign != nil && refuse != nil && sign!.lowerBound < refuse!.lowerBound)
        let closed = ApplicationPage.render(PageContext(locale: .en, actor: PageTests.auditor), Self.application(.decided, role: .auditor))
        #expect(!closed.contains(#"action="\#(base)/"#))
    }

    @Test func personDecisionsShowTheFormsOnlyToWhoMayUseThem() {
        let m = PersonDecisionsPage.Model(
            personID: Self.personID, name: "Lê Thị Hoa",
            periods: [
                PersonDecisionsPage.Period(
                    benefit: .allowance, from: YearMonth(year: 2025, month: 7)!, until: nil, monthlyAmountNow: 750_000, channel: "post", recipient: "")
            ],
            decisions: [
                PersonDecisionsPage.Decision(
                    id: UUID(), number: "12/QĐ-UBND", signedDate: "2025-06-20", kind: .start, benefit: .allowance,
                    effectiveMonth: YearMonth(year: 2025, month: 7)!, monthlyAmount: 750_000, reason: "eligible")
            ], canReceive: true, canDecide: false, today: Self.today)
        let html = PersonDecisionsPage.render(PageContext(locale: .vi, actor: PageTests.officer), m)
        #expect(html.contains("12/QĐ-UBND"))
        #expect(html.contains("2025-07"))
        #expect(html.contains(#"action="/registry/persons/00000000-0000-0000-0000-0000000000B7/applications""#))
        #expect(!html.contains(#"action="/registry/persons/00000000-0000-0000-0000-0000000000B7/decisions""#))
    }

    @Test func theLetterSaysFromWhichMonthAndHowMuch() {
        let d = DecisionSummary(
            id: UUID(), personID: Self.personID, personName: "Lê Thị Hoa", birth: "1950-03-02", address: "Số 1 ngõ 2", communeName: "Phường Khương Đình",
            benefit: .allowance, kind: .start, reason: "eligible", number: "12/QĐ-UBND", signedDate: "2025-06-20",
            effectiveMonth: YearMonth(year: 2025, month: 7)!, monthlyAmount: 750_000, recipientKind: "person", recipientName: nil, channel: "post",
            ruleSet: "VN-ND20-2021", note: nil, decidedBy: "lanhdao", evaluation: nil)
        let html = DecisionLetterPage.render(PageContext(locale: .vi, actor: PageTests.officer), d)
        #expect(html.contains("Theo Quyết định số 12/QĐ-UBND ngày 20/06/2025"))
        #expect(html.contains("750.000 ₫/tháng kể từ tháng 2025-07"))
        #expect(html.contains("Phường Khương Đình"))
    }

    /// A decision whose stored facts no longer give its amount says so, in the warning colour.
    @Test func aDecisionThatNoLongerReproducesIsMarked() {
        var d = DecisionSummary(
            id: UUID(), personID: Self.personID, personName: "Lê Thị Hoa", birth: "1950-03-02", address: "Số 1", communeName: "Phường Khương Đình",
            benefit: .allowance, kind: .start, reason: "eligible", number: "12/QĐ-UBND", signedDate: "2025-06-20",
            effectiveMonth: YearMonth(year: 2025, month: 7)!, monthlyAmount: 750_000, recipientKind: "person", recipientName: nil, channel: "post",
            ruleSet: "VN-ND20-2021", note: nil, decidedBy: "lanhdao", evaluation: nil, reproducedAmount: 750_000)
        var html = DecisionPage.render(PageContext(locale: .en, actor: PageTests.officer), d)
        #expect(html.contains("the decision reproduces"))
        d.reproducedAmount = 810_000
        html = DecisionPage.render(PageContext(locale: .en, actor: PageTests.officer), d)
        #expect(html.contains(#"<p class="flash flash-error">Re-evaluated from the stored facts"#) && html.contains("810,000"))
        #expect(!html.contains("the decision reproduces"))
    }

    @Test func missedListKeepsItsFilterInThePager() {
        let run = EligibilityRunsPage.Run(
            id: UUID(uuidString: "00000000-0000-0000-0000-0000000000C7")!, month: YearMonth(year: 2026, month: 12)!, persons: 12_345, eligible: 321,
            totalAmount: 240_750_000, runBy: "canbo")
        let m = EligibilityResultsPage.Model(
            run: run,
            results: [
                EligibilityResultsPage.Result(
                    personID: Self.personID, fullName: "Lê Thị Hoa", birth: "1950-03-02", householdID: UUID(), householdCode: "00364-H0001",
                    amount: 750_000, careAmount: 0, categories: ["D20-5.6"], status: "missed")
            ], filter: .missed, paging: Paging(page: 1, pageCount: 2, total: 40), noLonger: [], different: [])
        let html = EligibilityResultsPage.render(PageContext(locale: .vi, actor: PageTests.officer), m)
        #expect(html.contains("12.345"))
        #expect(html.contains("240.750.000 ₫"))
        #expect(html.contains("page=2&amp;show=missed"))
        #expect(html.contains(MessageCatalogue.shared.text(Message("allowance.no_longer_none"), .vi)))
    }
}
