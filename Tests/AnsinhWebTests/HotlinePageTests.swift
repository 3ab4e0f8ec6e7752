import AnsinhCore
import AnsinhStore
import Foundation
import Testing
@testable import AnsinhWeb

/// The hotline's pages from fixed models.
@Suite("Pages: hotline")
struct HotlinePageTests {
    static let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    static let at = Date(timeIntervalSince1970: 1_743_603_300)

    @Test func aRepeatCallerIsShownWithTheEarlierContacts() {
        let m = ContactPage.Model(
            id: UUID(uuidString: "00000000-0000-0000-0000-0000000000E5")!, at: Self.at, channel: .zalo, counsellor: "ctxh", nonData: nil,
            durationSeconds: 1_190, callerType: .adultAboutChild, ageGroup: .from10to14, sex: .male, place: nil, topic: "violence", subtopic: "physical",
            summary: "Cháu bị bố <đánh>", caseID: nil, legalHold: nil, anonymisedAt: nil, canHold: false,
            earlier: [(at: Self.at.addingTimeInterval(-86_400 * 31), topic: "legal")], canOpenCase: true,
            canCallBack: true, today: LocalDate(year: 2025, month: 4, day: 2)!, zone: Self.zone)
        let html = ContactPage.render(PageContext(locale: .vi, actor: PageTests.officer), m)
        // The call back and the link to a case already open are offered beside a new case.
        #expect(html.contains(#"action="/hotline/00000000-0000-0000-0000-0000000000E5/callback""#))
        #expect(html.contains(#"action="/hotline/00000000-0000-0000-0000-0000000000E5/link""#))
        #expect(html.contains("Số này đã gọi 1 lần trước đây:"))
        #expect(html.contains("Pháp luật"))
        #expect(html.contains("Bạo lực — Bạo lực thể chất"))
        #expect(html.contains("Cháu bị bố &lt;đánh&gt;"))
        #expect(html.contains("<dd>20</dd>"))  // 1,190 seconds shown as 20 minutes
        #expect(html.contains(#"action="/hotline/00000000-0000-0000-0000-0000000000E5/case""#))
        let closed = ContactPage.Model(
            id: m.id, at: m.at, channel: m.channel, counsellor: m.counsellor, nonData: .silent, durationSeconds: nil, callerType: nil, ageGroup: nil,
            sex: nil, place: nil, topic: nil, subtopic: nil, summary: nil, caseID: nil, legalHold: nil, anonymisedAt: nil, canHold: false, earlier: [],
            canOpenCase: false, canCallBack: false, today: m.today,
            zone: Self.zone)
        let silent = ContactPage.render(PageContext(locale: .en, actor: PageTests.officer), closed)
        #expect(silent.contains("Silent"))
        #expect(!silent.contains("/case\""))
        #expect(!silent.contains("/callback\""))
    }

    @Test func theReportPutsTheLargestTopicFirst() {
        var r = HotlineReport()
        r.contacts = 10; r.answered = 9; r.averageSeconds = 600; r.byTopic = ["legal": 2, "psychological": 7]
        let html = HotlineReportPage.render(
            PageContext(locale: .en, actor: PageTests.officer),
            HotlineReportPage.Model(unitCode: "22-TTTGXH", year: 2025, month: nil, report: r, units: [(code: "22-TTTGXH", name: "Centre")]))
        #expect(html.contains("9 (90 %)"))
        #expect(html.contains("10 min"))
        let psych = html.range(of: "Psychological issues"), legal = html.range(of: "Legal questions")
        #expect(psych != nil && legal != nil && psych!.lowerBound < legal!.lowerBound)
    }
}
