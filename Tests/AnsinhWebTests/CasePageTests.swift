import AnsinhCore
import AnsinhStore
import Foundation
import Testing
@testable import AnsinhWeb

/// The case pages from fixed models: the forms are the steps `CaseLifecycle` allows the viewer.
@Suite("Pages: cases")
struct CasePageTests {
    static let id = UUID(uuidString: "00000000-0000-0000-0000-0000000000CA")!
    static let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    static func model(_ status: CaseLifecycle.State, role: Role) -> CasePage.Model {
        CasePage.Model(
            id: id, number: "22-TTTGXH-2025-0001", unitName: "Trung tâm Trợ giúp xã hội tỉnh Quảng Ninh", personName: "Nguyễn Thị <b>Hạnh</b>",
            kind: .emergency, source: .hotline, status: status, riskLevel: .critical, riskReason: "Bị bạo hành",
            receivedAt: Date(timeIntervalSince1970: 1_748_917_800), placement: .temporaryShelter, shelterFrom: "2025-06-03", shelterUntil: nil,
            assessment: nil, closureReason: status == .closureRequested ? "Đã an toàn" : nil, outcome: status == .closureRequested ? "Về với bà" : nil,
            closureRequestedBy: status == .closureRequested ? "ctxh.quangninh" : nil, returnedReason: nil, worker: "ctxh.quangninh",
            goals: [CasePage.Goal(goal: "Về ở với bà ngoại", responsible: "Đức", dueDate: LocalDate(year: 2025, month: 7, day: 15)!, result: nil)],
            entries: [CasePage.Entry(kind: .legalAid, on: LocalDate(year: 2025, month: 6, day: 4)!, text: "Trợ giúp <pháp lý>", givenBy: "Luật sư Hà")],
            canAddEntry: role == .centreSocialWorker && status != .closed, actions: CaseLifecycle.available(from: status, role: role),
            sharing: sharing(canRefer: role == .centreSocialWorker && status != .closed),
            contacts: [
                CasePage.Contact(
                    id: UUID(uuidString: "00000000-0000-0000-0000-0000000000C0")!, at: Date(timeIntervalSince1970: 1_748_917_800), topic: "violence",
                    subtopic: "physical", summary: "Hàng xóm <gọi> báo")
            ], canSeeContacts: role != .wardOfficer,
            workers: role == .centreManager && status != .closed ? [(username: "ctxh.khac", name: "Nguyễn <Khác>")] : [],
            tasks: [
                TaskParts.Task(
                    id: UUID(uuidString: "00000000-0000-0000-0000-00000000007A")!, kind: .task, caseID: id, caseNumber: "22-TTTGXH-2025-0001",
                    contactID: nil, title: "Thăm <nhà>", callbackNumber: nil, assignee: "ctxh", dueOn: LocalDate(year: 2025, month: 6, day: 1)!,
                    status: .open, closedNote: nil, overdue: true)
            ],
            documents: [
                CasePage.Document(
                    id: UUID(uuidString: "00000000-0000-0000-0000-0000000000D0")!, title: "Biên bản <xác minh>", fileName: "bb.pdf", size: 2_048,
                    uploadedBy: "ctxh")
            ], canDownload: role != .auditor, taskWorkers: [],
            today: LocalDate(year: 2025, month: 6, day: 4)!, zone: zone)
    }

    static let referralID = UUID(uuidString: "00000000-0000-0000-0000-0000000000EF")!

    static func sharing(canRefer: Bool) -> CaseSharingSection.Model {
        let day = LocalDate(year: 2025, month: 6, day: 4)!
        return CaseSharingSection.Model(
            caseID: id,
            consents: [
                CaseSharingSection.Consent(
                    id: UUID(uuidString: "00000000-0000-0000-0000-0000000000C1")!, purpose: .referral, recipient: .wardOffice, recipientName: "",
                    scope: "Họ tên <i>địa chỉ</i>", givenBy: .parent, givenByName: "Lê Thị Mơ", givenOn: day, withdrawnOn: nil, withdrawalReason: nil)
            ],
            referrals: [
                CaseSharingSection.Referral(
                    id: referralID, recipient: .wardOffice, receiver: "Phường Khương Đình", service: "Đi học lại", dueDate: day.adding(days: 7),
                    status: .serviceGiven, outcomeNote: "Đã đi học", overdue: false)
            ], canRefer: canRefer, canShare: canRefer, today: day)
    }

    /// The sharing part: consents with their withdrawal, referrals linked to their page, and the
    /// forms for who may use them; nothing of it escapes unescaped.
    @Test func consentsAndReferralsOnTheCasePage() {
        let html = CasePage.render(PageContext(locale: .en, actor: PageTests.officer), Self.model(.inIntervention, role: .centreSocialWorker))
        #expect(html.contains("Họ tên &lt;i&gt;địa chỉ&lt;/i&gt;"))
        #expect(html.contains("A parent: Lê Thị Mơ"))
        #expect(html.contains(#"action="/consents/00000000-0000-0000-0000-0000000000C1/withdraw""#))
        #expect(html.contains(#"href="/referrals/00000000-0000-0000-0000-0000000000EF""#))
        #expect(html.contains("Service given"))
        #expect(html.contains(#"action="/cases/00000000-0000-0000-0000-0000000000CA/referrals""#))
        #expect(html.contains(#"action="/cases/00000000-0000-0000-0000-0000000000CA/file""#))
        // Files: linked for download, the upload form multipart.
        #expect(html.contains(#"href="/case-documents/00000000-0000-0000-0000-0000000000D0""#) && html.contains("Biên bản &lt;xác minh&gt;"))
        #expect(html.contains(#"enctype="multipart/form-data""#))
        // Tasks: listed (escaped, overdue marked), closable and addable by the worker.
        #expect(html.contains("Thăm &lt;nhà&gt;"))
        #expect(html.contains(#"action="/tasks/00000000-0000-0000-0000-00000000007A/close""#))
        #expect(html.contains(#"action="/cases/00000000-0000-0000-0000-0000000000CA/tasks""#))
        let closed = CasePage.render(PageContext(locale: .en, actor: PageTests.officer), Self.model(.closed, role: .centreSocialWorker))
        #expect(!closed.contains(#"action="/cases/00000000-0000-0000-0000-0000000000CA/referrals""#))
        #expect(!closed.contains("/withdraw"))
        #expect(!closed.contains("/close\"") && !closed.contains("/tasks\""))
    }

    /// The ward officer's view of a referral: the outcome forms, never the withdrawal, and no
    /// link to the centre's case.
    @Test func aWardOfficerAnswersAReferral() {
        let m = ReferralPage.Model(
            id: Self.referralID, caseID: Self.id, caseNumber: "22-TTTGXH-2025-0001", caseKind: .childProtection, riskLevel: .high, personName: "Lê Văn Tùng",
            fromUnit: "Trung tâm", recipient: .wardOffice, recipientUnit: "Phường Khương Đình", receiver: "Phường Khương Đình", service: "Đi học <lại>",
            dueDate: LocalDate(year: 2025, month: 6, day: 1)!, status: .sent, outcomeNote: nil, outcomeOn: nil, answeredBy: nil, createdBy: "ctxh",
            overdue: true, canOpenCase: false, actions: ReferralLifecycle.available(from: .sent, role: .wardOfficer))
        let html = ReferralPage.render(PageContext(locale: .vi, actor: PageTests.officer), m)
        #expect(html.contains(#"value="service_given""#) && html.contains(#"value="declined""#) && html.contains(#"value="unreachable""#))
        #expect(!html.contains(#"value="withdraw""#))
        #expect(!html.contains(#"href="/cases/"#))
        #expect(html.contains("Đi học &lt;lại&gt;"))
        #expect(html.contains(MessageCatalogue.shared.text(Message("referral.overdue"), .vi)))
    }

    @Test func registeredCaseOffersTheAssessmentWithItsFields() {
        let html = CasePage.render(PageContext(locale: .vi, actor: PageTests.officer), Self.model(.registered, role: .centreSocialWorker))
        #expect(html.contains(#"action="/cases/00000000-0000-0000-0000-0000000000CA/steps""#))
        #expect(html.contains(#"name="transition" value="assess""#))
        #expect(html.contains(#"name="assessment""#))
        #expect(!html.contains(#"value="plan""#))
        #expect(html.contains("Nguyễn Thị &lt;b&gt;Hạnh&lt;/b&gt;"))
        #expect(html.contains("03/06/2025") || html.contains("2025-06-03"))
        #expect(html.contains("badge-risk-critical"))
        #expect(html.contains("Trợ giúp &lt;pháp lý&gt;"))
        #expect(html.contains(#"action="/cases/00000000-0000-0000-0000-0000000000CA/entries""#))
    }

    @Test func closureRequestIsApprovedOrReturnedByTheManagerOnly() {
        let manager = CasePage.render(PageContext(locale: .en, actor: PageTests.officer), Self.model(.closureRequested, role: .centreManager))
        // The manager may hand the case over; the linked call is shown, escaped, and links to the contact.
        #expect(manager.contains(#"action="/cases/00000000-0000-0000-0000-0000000000CA/worker""#))
        #expect(manager.contains("Nguyễn &lt;Khác&gt; (ctxh.khac)"))
        #expect(manager.contains("Hàng xóm &lt;gọi&gt; báo"))
        #expect(manager.contains(#"href="/hotline/00000000-0000-0000-0000-0000000000C0""#))
        #expect(manager.contains(#"value="approve_closure""#))
        #expect(manager.contains(#"value="return_closure""#))
        #expect(manager.contains("Closure asked by ctxh.quangninh: Đã an toàn. Outcome: Về với bà."))
        let worker = CasePage.render(PageContext(locale: .en, actor: PageTests.officer), Self.model(.closureRequested, role: .centreSocialWorker))
        #expect(!worker.contains(#"type="hidden" name="transition""#))
        #expect(!worker.contains("/worker\""))
    }

    @Test func listAndReportInArabic() {
        let list = CasesPage.render(
            PageContext(locale: .ar, actor: PageTests.officer),
            CasesPage.Model(
                rows: [
                    CasesPage.Row(
                        id: Self.id, number: "22-TTTGXH-2025-0001", personName: "Hạnh", kind: .emergency, riskLevel: .high, placement: .communitySupport,
                        status: .followUp, receivedAt: Date(timeIntervalSince1970: 1_748_917_800), worker: "ctxh")
                ], status: nil, kind: nil, canOpen: false, paging: Paging(page: 1, pageCount: 1, total: 1), zone: Self.zone))
        #expect(list.contains(#"dir="rtl""#))
        #expect(list.contains(MessageCatalogue.shared.text(Message("case.status.follow_up"), .ar)))
        #expect(!list.contains(#"href="/cases/new""#))
        var figures = CaseFigures()
        figures.total = 26; figures.temporaryShelter = 3; figures.communitySupport = 23; figures.closed = 22; figures.followUp = 4
        var care = CareFigures()
        care.children = 89; care.adults = 157
        let report = CentreReportPage.render(
            PageContext(locale: .vi, actor: PageTests.officer),
            CentreReportPage.Model(
                unitCode: "22-TTTGXH", year: 2025, figures: figures, hotline: nil, care: care, units: [(code: "22-TTTGXH", name: "Trung tâm")]))
        #expect(report.contains("<dd>26</dd>") && report.contains("<dd>23</dd>") && report.contains("<dd>4</dd>"))
        #expect(report.contains("<dd>89</dd>") && report.contains("<dd>157</dd>"))
    }
}
