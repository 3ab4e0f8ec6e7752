import AnsinhCore
import AnsinhStore
import Foundation
import Testing
@testable import AnsinhWeb

/// Pages rendered from fixed models, without a request or a database: what the officer reads,
/// in each language, and that values from the records stay text.
@Suite("Pages")
struct PageTests {
    static let officer = Actor(userID: UUID(), username: "canbo", role: .wardOfficer, unitID: UUID(), scopePath: "/A/B/", locale: .vi)
    static let auditor = Actor(userID: UUID(), username: "kiemtoan", role: .auditor, unitID: UUID(), scopePath: "/A/", locale: .en)

    static let model = CyclesPage.Model(
        rows: [
            CyclesPage.Row(
                id: UUID(uuidString: "00000000-0000-0000-0000-0000000000C1")!, month: "2026-09", communeName: "Phường Khương Đình <b>", status: .approved,
                recipients: 1_204, issued: 1_900_000_000, paid: 1_899_250_000, carried: 750_000, returned: 0)
        ],
        communes: [(id: UUID(uuidString: "00000000-0000-0000-0000-0000000000A1")!, name: "Phường Khương Đình")], month: "2026-10")

    @Test func cyclesInVietnamese() {
        let html = CyclesPage.render(PageContext(locale: .vi, actor: Self.officer), Self.model)
        #expect(html.contains("<title>Kỳ chi trả — Ansinh</title>"))
        #expect(html.contains("1.900.000.000 ₫"))
        #expect(html.contains("1.899.250.000 ₫"))
        #expect(html.contains("750.000 ₫"))
        #expect(html.contains("1.204"))
        #expect(html.contains(#"href="/payments/cycles/00000000-0000-0000-0000-0000000000C1""#))
        #expect(html.contains("Đã phê duyệt"))
        // A name from the records is text, never markup.
        #expect(html.contains("Phường Khương Đình &lt;b&gt;"))
        #expect(!html.contains("Khương Đình <b>"))
        // The form prepares the proposed month for the officer's commune.
        #expect(html.contains(#"action="/payments/generate""#))
        #expect(html.contains(#"value="2026-10""#))
    }

    @Test func cyclesWithoutTheFormAndInEnglish() {
        let m = CyclesPage.Model(rows: Self.model.rows, communes: [], month: "2026-10")
        let html = CyclesPage.render(PageContext(locale: .en, actor: Self.auditor), m)
        #expect(!html.contains(#"action="/payments/generate""#))
        #expect(html.contains("₫1,900,000,000") || html.contains("1,900,000,000"))
        #expect(html.contains("Approved"))
    }

    @Test func noCyclesSaysSo() {
        let html = CyclesPage.render(PageContext(locale: .ar, actor: Self.auditor), CyclesPage.Model(rows: [], communes: [], month: "2026-10"))
        #expect(html.contains(#"dir="rtl""#))
        #expect(html.contains(MessageCatalogue.shared.text(Message("payroll.no_cycles"), .ar)))
    }
}
