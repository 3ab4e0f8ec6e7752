import AnsinhCore
import AnsinhStore
import Foundation
import Testing
@testable import AnsinhWeb

/// The payment cycle, the payments report and the signature list, from fixed models.
@Suite("Pages: payments")
struct PaymentPageTests {
    static let cycleID = UUID(uuidString: "00000000-0000-0000-0000-0000000000C1")!
    static let personID = UUID(uuidString: "00000000-0000-0000-0000-0000000000B1")!

    static func cycle(status: CycleStatus, actions: [CycleLifecycle.Transition]) -> CyclePage.Model {
        var balance = CycleBalance()
        balance.add(750_000, .paid)
        balance.add(500_000, .issued)
        return CyclePage.Model(
            id: cycleID, communeID: UUID(), communeName: "Phường Khương Đình", month: "2026-10", status: status, preparedBy: "canbo.khuongdinh",
            preparedAt: Date(timeIntervalSince1970: 1_790_000_000), approvedBy: nil, recipients: 2, arrears: 500_000, adjustments: 0, balance: balance,
            actions: actions,
            lines: [
                CyclePage.Line(
                    id: 41, groupName: "Tổ 3", personID: personID, personName: "Nguyễn Thị <i>Lan</i>", benefit: .allowance, categories: ["18(1)"],
                    month: "2026-10", arrears: false, carried: false, amount: 750_000, recipientName: nil, channel: .cash, status: .paid, reason: nil),
                CyclePage.Line(
                    id: 42, groupName: "Tổ 3", personID: personID, personName: "Nguyễn Thị <i>Lan</i>", benefit: .allowance, categories: ["18(1)"],
                    month: "2026-09", arrears: true, carried: false, amount: 500_000, recipientName: nil, channel: .cash, status: .issued, reason: nil),
            ], paging: Paging(page: 1, pageCount: 3, total: 102), statusFilter: nil, channelFilter: .cash,
            changes: [
                CyclePage.Change(
                    decisionID: UUID(), number: "12/QĐ-UBND", personName: "Trần Văn Bình", kind: .stop, effectiveMonth: "2026-11", monthlyAmount: 0)
            ])
    }

    @Test func approvedCycleForTheOfficerHasTicksUploadAndClose() {
        let html = CyclePage.render(PageContext(locale: .vi, actor: PageTests.officer), Self.cycle(status: .approved, actions: [.settle, .close]))
        #expect(html.contains("<title>Kỳ chi trả 2026-10 — Phường Khương Đình — Ansinh</title>"))
        #expect(html.contains("1.250.000 ₫"))  // issued
        #expect(html.contains("750.000 ₫"))  // paid
        #expect(!html.contains("Khớp: đã cấp"))  // 500,000 still open
        #expect(html.contains(#"action="/payments/cycles/00000000-0000-0000-0000-0000000000C1/settle""#))
        #expect(html.contains(#"name="line[42]""#))  // the issued line may be ticked
        #expect(!html.contains(#"name="line[41]""#))  // the paid one not
        #expect(html.contains(#"enctype="multipart/form-data""#))
        #expect(html.contains(#"/payments/cycles/00000000-0000-0000-0000-0000000000C1/close""#))
        #expect(!html.contains("/approve\""))
        #expect(html.contains("2026-09 (truy lĩnh)"))
        #expect(html.contains("Nguyễn Thị &lt;i&gt;Lan&lt;/i&gt;"))
        // The pager keeps the channel filter.
        #expect(html.contains("page=2&amp;channel=cash"))
        #expect(html.contains("12/QĐ-UBND"))
    }

    @Test func submittedCycleForTheApproverHasApproveAndSendBackOnly() {
        let html = CyclePage.render(PageContext(locale: .en, actor: PageTests.officer), Self.cycle(status: .submitted, actions: [.approve, .sendBack]))
        #expect(html.contains(#"/payments/cycles/00000000-0000-0000-0000-0000000000C1/approve""#))
        #expect(html.contains(#"/payments/cycles/00000000-0000-0000-0000-0000000000C1/send-back""#))
        #expect(!html.contains("/settle\""))
        #expect(!html.contains(#"name="line[42]""#))
        #expect(html.contains(MessageCatalogue.shared.text(Message("payroll.status.submitted"), .en)))
    }

    @Test func readerSeesNoStepButTheFiles() {
        let html = CyclePage.render(PageContext(locale: .ar, actor: PageTests.auditor), Self.cycle(status: .closed, actions: []))
        #expect(html.contains(#"dir="rtl""#))
        #expect(!html.contains(#"action="/payments/cycles/00000000-0000-0000-0000-0000000000C1/"#))
        #expect(!html.contains(#"action="/payments/generate""#))
        #expect(html.contains(#"/payments/cycles/00000000-0000-0000-0000-0000000000C1/export.csv?channel=bank"#))
    }

    @Test func reportSumsTheYearAndNamesCategories() {
        let m = PaymentReportPage.Model(
            year: 2025,
            rows: [
                PaymentReportPage.Row(
                    communeName: "Phường Khương Đình", month: "2025-07", benefit: .allowance, categories: ["D20-5.1", "20(1)(a)"], recipients: 1_204,
                    issued: 900_000_000, paid: 899_000_000),
                PaymentReportPage.Row(
                    communeName: "Phường Khương Đình", month: "2025-08", benefit: .allowance, categories: [], recipients: 3, issued: 1_000_000,
                    paid: 1_000_000),
            ], budget: [PaymentReportPage.Budget(communeName: "Phường Khương Đình", planned: 1_800_000_000, paid: 900_000_000)],
            budgetCommunes: [])
        let html = PaymentReportPage.render(PageContext(locale: .vi, actor: PageTests.auditor), m)
        #expect(html.contains("901.000.000 ₫"))  // issued in all
        #expect(html.contains("900.000.000 ₫"))  // paid in all
        #expect(html.contains("50 %"))
        #expect(html.contains("1.204"))
        // A care-support code has no name of its own: it is shown as the article.
        #expect(html.contains(MessageCatalogue.shared.text(Message("allowance.category.D20-5.1"), .vi) + " + 20(1)(a)"))
        #expect(!html.contains(#"action="/payments/budget""#))
        let manager = PaymentReportPage.render(
            PageContext(locale: .vi, actor: PageTests.officer),
            PaymentReportPage.Model(year: 2025, rows: [], budget: [], budgetCommunes: [(id: UUID(), name: "Phường Khương Đình")]))
        #expect(manager.contains(#"action="/payments/budget""#))
        #expect(manager.contains(MessageCatalogue.shared.text(Message("payroll.no_report"), .vi)))
    }

    @Test func signatureListHasOneSheetPerGroup() {
        let m = SignaturesPage.Model(
            month: "2026-10",
            groups: [
                SignaturesPage.Group(
                    name: "Tổ 3",
                    recipients: [
                        SignaturesPage.Recipient(personName: "Nguyễn Thị Lan", recipientName: nil, months: ["2026-09", "2026-10"], amount: 1_250_000),
                        SignaturesPage.Recipient(personName: "Trần Văn Bình", recipientName: "Trần Thị Hoa", months: ["2026-10"], amount: 500_000),
                    ]),
                SignaturesPage.Group(name: "Tổ 4", recipients: []),
            ])
        let html = SignaturesPage.render(PageContext(locale: .vi, actor: PageTests.officer), m)
        #expect(html.components(separatedBy: "signature-list").count - 1 == 2)
        #expect(html.contains("Tổ 3 — chi trả tháng 2026-10"))
        #expect(html.contains("Tổng cộng: 1.750.000 ₫ cho 2 người."))
        #expect(html.contains("2026-09, 2026-10"))
        #expect(html.contains("Trần Thị Hoa"))
        let empty = SignaturesPage.render(PageContext(locale: .vi, actor: PageTests.officer), SignaturesPage.Model(month: "2026-10", groups: []))
        #expect(empty.contains("Không có dòng chi trả."))
    }
}
