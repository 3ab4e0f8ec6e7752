import AnsinhCore
import AnsinhStore
import Foundation
import Testing
@testable import AnsinhWeb

/// The poverty review's pages from fixed models: the forms follow the campaign's lifecycle.
@Suite("Pages: review")
struct ReviewPageTests {
    static let campaignID = UUID(uuidString: "00000000-0000-0000-0000-0000000000F1")!
    static let today = LocalDate(year: 2026, month: 12, day: 5)!
    static let name = CampaignsPage.Name(kind: .periodic, year: 2026, month: 0, communeName: "Phường Khương Đình")

    static func campaign(_ step: CampaignStep, role: Role) -> CampaignPage.Model {
        CampaignPage.Model(
            id: campaignID, name: name, period: 2027, standardID: "VN-ND07-2021", step: step, postingStart: nil, postingEnd: nil, decisionNumber: nil,
            decisionDate: nil,
            groups: [
                CampaignPage.Group(
                    groupID: UUID(), groupName: "Tổ 3", households: 1_250, surveyed: 1_100, byClass: [.poor: 2, .nearPoor: 5], meeting: nil,
                    openObjections: 1)
            ],
            objections: [
                CampaignPage.Objection(
                    id: UUID(), householdCode: "00364-H0007", receivedOn: today, complainant: "Trần <b>Văn</b>", text: "Hộ này không nghèo",
                    resolution: nil, resolvedOn: nil)
            ], actions: CampaignLifecycle.available(from: step, role: role), canResolve: role.can(.manageReview), today: today, postingDays: 7)
    }

    @Test func surveyStepOffersListingClassifyAndCloseToTheOfficer() {
        let html = CampaignPage.render(PageContext(locale: .vi, actor: PageTests.officer), Self.campaign(.survey, role: .wardOfficer))
        let base = "/review/campaigns/00000000-0000-0000-0000-0000000000F1"
        #expect(html.contains("1.100"))
        #expect(html.contains("1.250"))
        #expect(html.contains(#"action="\#(base)/advance""#))
        #expect(html.contains(#"action="\#(base)/classify""#))
        #expect(!html.contains(#"action="\#(base)/meetings""#))
        #expect(!html.contains(#"action="\#(base)/decision""#))
        #expect(!html.contains(MessageCatalogue.shared.text(Message("review.objections"), .vi) + "</h2>"))  // not posted yet
    }

    @Test func decisionStepIsForTheApproverAndTheOfficerWaits() {
        let base = "/review/campaigns/00000000-0000-0000-0000-0000000000F1"
        let approver = CampaignPage.render(PageContext(locale: .vi, actor: PageTests.officer), Self.campaign(.decision, role: .wardApprover))
        #expect(approver.contains(#"action="\#(base)/decision""#))
        let officer = CampaignPage.render(PageContext(locale: .vi, actor: PageTests.officer), Self.campaign(.decision, role: .wardOfficer))
        #expect(!officer.contains(#"action="\#(base)/decision""#))
        #expect(officer.contains(MessageCatalogue.shared.text(Message("review.waiting_decision"), .vi)))
        // The objections are shown from posting on; a name from the records stays text.
        #expect(officer.contains("Trần &lt;b&gt;Văn&lt;/b&gt;"))
        #expect(!officer.contains("/advance\""))
    }

    @Test func postingListMasksNationalIDs() {
        let m = CampaignPrint.Model(
            name: Self.name, period: 2027, decisionNumber: nil, decisionDate: nil,
            entries: [
                ReviewEntryRow(
                    id: UUID(), householdCode: "00364-H0001", headName: "Lê Thị Hoa", headNationalID: "001150000123", address: "Số 1 ngõ 2",
                    groupName: "Tổ 3", origin: .current, income: 1_200_000, deprivationCount: 3, povertyClass: .poor)
            ])
        let html = PostingListPage.render(PageContext(locale: .vi, actor: PageTests.officer), m)
        #expect(html.contains("•••••••••123"))
        #expect(!html.contains("001150000123"))
        #expect(html.contains(MessageCatalogue.shared.text(Message("class.poor"), .vi)))
        let certificates = CertificatesPage.render(
            PageContext(locale: .vi, actor: PageTests.officer),
            CampaignPrint.Model(
                name: Self.name, period: 2027, decisionNumber: "15/QĐ-UBND", decisionDate: Self.today, entries: m.entries + m.entries))
        #expect(certificates.contains("15/QĐ-UBND/00002"))
        #expect(certificates.contains("GIẤY CHỨNG NHẬN HỘ NGHÈO"))
    }

    @Test func reportHeadlineIsComputedFromTheTotals() {
        let m = PovertyReportPage.Model(
            period: 2025, totals: [.poor: 0, .nearPoor: 4], groups: [PovertyReportPage.Group(name: "Tổ 3", counts: [.nearPoor: 4])], poorEntries: 0,
            poorExits: 2, nearPoorEntries: 1, nearPoorExits: 0, series: [(period: 2024, poor: 2, nearPoor: 5), (period: 2025, poor: 0, nearPoor: 4)])
        let html = PovertyReportPage.render(PageContext(locale: .vi, actor: PageTests.officer), m)
        #expect(html.contains("Số hộ nghèo năm 2025: 0"))
        #expect(html.contains(#"class="headline good""#))
    }

    @Test func alertsOfferTheSupportFormOnlyToWhoRecordsIt() {
        let row = AlertsPage.Row(
            id: UUID(), householdID: UUID(), householdCode: "00364-H0003", kind: .disaster, occurredOn: Self.today, note: "Ngập", recordedBy: "canbo",
            recordedOn: Self.today, support: nil, resolvedOn: nil, overdue: true)
        let paging = Paging(page: 1, pageCount: 1, total: 1)
        let officer = AlertsPage.render(
            PageContext(locale: .vi, actor: PageTests.officer), AlertsPage.Model(rows: [row], includeResolved: false, canResolve: true, paging: paging))
        #expect(officer.contains("badge badge-overdue"))
        #expect(officer.contains(#"name="support""#))
        let reader = AlertsPage.render(
            PageContext(locale: .en, actor: PageTests.auditor), AlertsPage.Model(rows: [row], includeResolved: true, canResolve: false, paging: paging))
        #expect(!reader.contains(#"name="support""#))
        #expect(reader.contains(MessageCatalogue.shared.text(Message("review.alert_open"), .en)))
    }
}
