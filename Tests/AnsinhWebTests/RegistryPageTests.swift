import AnsinhCore
import AnsinhStore
import Foundation
import Testing
@testable import AnsinhWeb

/// The registry's pages (households, a household, persons, a person, imports) from fixed models.
@Suite("Pages: registry")
struct RegistryPageTests {
    static let householdID = UUID(uuidString: "00000000-0000-0000-0000-0000000000D1")!
    static let personID = UUID(uuidString: "00000000-0000-0000-0000-0000000000E1")!
    static let today = LocalDate(year: 2026, month: 12, day: 5)!

    @Test func householdListWithSearchKeepsTheFilterInThePager() {
        let m = HouseholdsPage.Model(
            rows: [
                HouseholdsPage.Row(
                    id: Self.householdID, code: "00364-H0001", headName: "Nguyễn Văn <An>", members: 4, groupName: "Tổ 3", address: "Số 1 ngõ 2",
                    status: .active)
            ], query: "nguyen van", group: nil, groups: [(id: UUID(), name: "Tổ 3")], canManage: true, paging: Paging(page: 1, pageCount: 2, total: 21))
        let html = HouseholdsPage.render(PageContext(locale: .vi, actor: PageTests.officer), m)
        #expect(html.contains(#"href="/registry/households/00000000-0000-0000-0000-0000000000D1""#))
        #expect(html.contains("Nguyễn Văn &lt;An&gt;"))
        #expect(html.contains(#"value="nguyen van""#))
        #expect(html.contains("q=nguyen%20van&amp;page=2"))
        #expect(html.contains(#"href="/registry/households/new""#))
        let reader = HouseholdsPage.render(
            PageContext(locale: .en, actor: PageTests.auditor),
            HouseholdsPage.Model(rows: [], query: nil, group: nil, groups: [], canManage: false, paging: Paging(page: 1, pageCount: 1, total: 0)))
        #expect(!reader.contains(#"href="/registry/households/new""#))
        #expect(reader.contains(MessageCatalogue.shared.text(Message("registry.no_households"), .en)))
    }

    static func household(canEdit: Bool, asOf: LocalDate = today, memberForm: RegistryController.PersonForm? = nil) -> HouseholdPage.Model {
        let member = HouseholdPage.Member(
            personID: personID, name: "Lê Thị Hoa", role: .head, birth: BirthDate(LocalDate(year: 1950, month: 3, day: 2)!), gender: .female,
            nationalID: "001150000123", disability: .severe, since: LocalDate(year: 2020, month: 1, day: 1)!, until: nil, reason: nil)
        let former = HouseholdPage.Member(
            personID: UUID(), name: "Lê Văn Nam", role: .child, birth: BirthDate(year: 1990), gender: .male, nationalID: nil, disability: .none,
            since: LocalDate(year: 2020, month: 1, day: 1)!, until: LocalDate(year: 2025, month: 6, day: 1)!, reason: "Tách hộ")
        return HouseholdPage.Model(
            id: householdID, code: "00364-H0001", communeName: "Phường Khương Đình", groupID: nil, groupName: "Tổ 3", address: "Số 1 ngõ 2",
            areaType: .urban, phone: nil, status: .active, asOf: asOf, today: today, members: [member], formerMembers: [former], flags: [],
            canEdit: canEdit,
            review: HouseholdReviewSection.Model(
                householdID: householdID,
                classifications: [
                    HouseholdReviewSection.Classification(
                        period: 2025, povertyClass: .poor, standardID: "VN-ND07-2021", income: 1_500_000, deprivationCount: 3,
                        decisionNumber: "15/QĐ-UBND", decisionDate: LocalDate(year: 2025, month: 12, day: 20)!, reasons: [])
                ],
                vulnerabilities: [],
                hardships: [
                    HouseholdReviewSection.Hardship(
                        kind: .disaster, occurredOn: LocalDate(year: 2026, month: 9, day: 1)!, note: "Ngập nhà", support: nil, resolvedOn: nil, overdue: true)
                ], circumstances: [], canRecord: canEdit, today: today), groups: [], timeline: [], zone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!,
            memberForm: memberForm, errors: [])
    }

    @Test func householdForItsOfficerHasTheFormsAndTheReview() {
        let html = HouseholdPage.render(PageContext(locale: .vi, actor: PageTests.officer), Self.household(canEdit: true))
        #expect(html.contains(MessageCatalogue.shared.text(Message("registry.household"), .vi) + " 00364-H0001 — Ansinh</title>"))
        #expect(html.contains("Lê Thị Hoa"))
        #expect(html.contains("76"))  // her age on 5 December 2026
        #expect(html.contains("Tách hộ"))  // the former member's reason
        #expect(html.contains(#"action="/registry/households/00000000-0000-0000-0000-0000000000D1/members""#))
        #expect(html.contains(#"/registry/households/00000000-0000-0000-0000-0000000000D1/split""#) == false)  // one member: no split
        #expect(html.contains(#"/registry/households/00000000-0000-0000-0000-0000000000D1/move""#))
        #expect(html.contains("15/QĐ-UBND"))
        #expect(html.contains("1.500.000 ₫"))
        #expect(html.contains(MessageCatalogue.shared.text(Message("review.overdue"), .vi)))
        #expect(html.contains(#"action="/registry/households/00000000-0000-0000-0000-0000000000D1/hardship""#))
        // The member form is closed until a refused one comes back open.
        #expect(!html.contains(#"<details class="card" open="open"><summary>Thêm nhân khẩu"#))
        let refused = HouseholdPage.render(
            PageContext(locale: .vi, actor: PageTests.officer), Self.household(canEdit: true, memberForm: .init(full_name: "Lê <b>", since: "2026-12-01")))
        #expect(refused.contains(#"open="open""#))
        #expect(refused.contains(#"value="Lê &lt;b&gt;""#))
    }

    @Test func householdAsOfAnEarlierDayIsReadOnly() {
        let html = HouseholdPage.render(
            PageContext(locale: .en, actor: PageTests.officer), Self.household(canEdit: false, asOf: LocalDate(year: 2024, month: 1, day: 1)!))
        #expect(!html.contains("/members\""))
        #expect(!html.contains("/move\""))
        #expect(html.contains(#"value="2024-01-01""#))
        #expect(html.contains(#"class="flash flash-info""#))
    }

    static func person(hiv: Bool?) -> PersonPage.Model {
        PersonPage.Model(
            person: PersonPage.Facts(
                id: personID, fullName: "Lê Thị Hoa", gender: .female, birth: BirthDate(LocalDate(year: 1950, month: 3, day: 2)!), nationalID: "001150000123",
                ethnicity: nil, phone: nil, disability: .severe, disabilityCertificateDate: nil, hasPension: false, hasMerit: false, deathDate: nil, hiv: hiv),
            today: today,
            history: [
                PersonPage.Membership(
                    householdID: householdID, code: "00364-H0001", role: .head, since: LocalDate(year: 2020, month: 1, day: 1)!, until: nil, reason: nil)
            ], relationships: [], housemates: [], allowance: nil, canManage: hiv != nil, canViewAudit: false, canViewAllowances: false)
    }

    @Test func personShowsHIVStatusOnlyWhenTheModelHoldsIt() {
        let officer = PersonPage.render(PageContext(locale: .vi, actor: PageTests.officer), Self.person(hiv: true))
        let label = MessageCatalogue.shared.text(Message("field.hiv"), .vi)
        #expect(officer.contains(label))
        #expect(officer.contains(MessageCatalogue.shared.text(Message("registry.age_years", ["age": "76"]), .vi)))
        #expect(officer.contains(#"href="/registry/persons/00000000-0000-0000-0000-0000000000E1/edit""#))
        #expect(officer.contains(#"href="/registry/households/00000000-0000-0000-0000-0000000000D1""#))
        let reader = PersonPage.render(PageContext(locale: .vi, actor: PageTests.auditor), Self.person(hiv: nil))
        #expect(!reader.contains(label))
        #expect(!reader.contains("/edit\""))
    }

    @Test func personsListSaysWhenASearchFindsNobody() {
        let html = PersonsPage.render(
            PageContext(locale: .en, actor: PageTests.officer),
            PersonsPage.Model(rows: [], query: "zzz", today: Self.today, paging: Paging(page: 1, pageCount: 1, total: 0)))
        #expect(html.contains(MessageCatalogue.shared.text(Message("registry.no_match"), .en)))
    }

    @Test func runningImportReloadsItselfAndAValidatedOneAsksToConfirm() {
        let running = ImportJobPage.Model(
            job: ImportJobSummary(id: UUID(), fileName: "ho-khau.csv", state: .running, totalRows: 1_200, errorRows: 0, processedRows: 600),
            errors: [], searchDeferred: true)
        let html = ImportJobPage.render(PageContext(locale: .vi, actor: PageTests.officer), running)
        #expect(html.contains(#"http-equiv="refresh" content="2""#))
        #expect(html.contains(#"<progress max="1200" value="600""#))
        #expect(html.contains(MessageCatalogue.shared.text(Message("import.search_deferred"), .vi)))
        let jobID = UUID()
        let checked = ImportJobPage.Model(
            job: ImportJobSummary(id: jobID, fileName: "ho-khau.csv", state: .validated, totalRows: 3, errorRows: 1),
            errors: [FieldError(field: "birth", message: Message("import.bad_date", ["value": "31/02/1990"]), row: 3)], searchDeferred: false)
        let page = ImportJobPage.render(PageContext(locale: .vi, actor: PageTests.officer), checked)
        #expect(!page.contains("http-equiv=\"refresh\""))
        #expect(page.contains(#"action="/registry/import/\#(jobID.uuidString)/run""#))
        #expect(page.contains(#"name="valid_only""#))
        #expect(page.contains("31/02/1990"))
    }
}
