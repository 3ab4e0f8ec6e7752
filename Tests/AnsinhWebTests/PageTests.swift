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

/// The audit trail and the duplicate queue, from fixed models.
@Suite("Pages: audit and duplicates")
struct AuditAndDuplicatePageTests {
    @Test func auditTrailShowsEachChangeAsText() {
        let m = AuditPage.Model(
            rows: [
                AuditPage.Row(
                    seq: 4_211, at: Date(timeIntervalSince1970: 1_790_000_000), actorName: "canbo.khuongdinh", action: "update", entity: "org_unit",
                    entityID: "U-1", before: #"{"name":"Tổ 1"}"#, after: #"{"name":"Tổ <script>1"}"#)
            ], entity: "org_unit", entityID: nil, actorName: "canbo.khuongdinh", paging: Paging(page: 1, pageCount: 3, total: 51),
            zone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)
        let html = AuditPage.render(PageContext(locale: .vi, actor: PageTests.auditor), m)
        #expect(html.contains("<title>Nhật ký kiểm toán — Ansinh</title>"))
        #expect(html.contains("<td>4211</td>"))
        #expect(html.contains("canbo.khuongdinh"))
        #expect(html.contains("Tổ &lt;script&gt;1"))
        #expect(!html.contains("<script>1"))
        // The filter is kept in the export link and the pager.
        #expect(html.contains("/admin/audit/export.csv?entity=org_unit&amp;actor=canbo.khuongdinh"))
        #expect(html.contains("page=2"))
    }

    @Test func emptyTrailSaysSo() {
        let m = AuditPage.Model(
            rows: [], entity: nil, entityID: nil, actorName: nil, paging: Paging(page: 1, pageCount: 1, total: 0), zone: TimeZone(identifier: "UTC")!)
        let html = AuditPage.render(PageContext(locale: .en, actor: PageTests.auditor), m)
        #expect(html.contains(MessageCatalogue.shared.text(Message("audit.empty"), .en)))
    }

    static let pair = DuplicatesPage.Pair(
        id: UUID(uuidString: "00000000-0000-0000-0000-0000000000D1")!, reason: "name_birth",
        a: DuplicatesPage.Person(
            id: UUID(uuidString: "00000000-0000-0000-0000-0000000000A1")!, fullName: "Đỗ Thị Trùng", birth: BirthDate(text: "1961-04-04")!, age: 65,
            gender: .female, nationalID: "001161000001", householdCode: "00364-D1", phone: nil),
        b: DuplicatesPage.Person(
            id: UUID(uuidString: "00000000-0000-0000-0000-0000000000B1")!, fullName: "Đỗ Thị Trùng", birth: BirthDate(text: "1961-04-04")!, age: 65,
            gender: .female, nationalID: nil, householdCode: "00364-D2", phone: "0912 345 678"))

    @Test func anOfficerMergesOrDismisses() {
        let m = DuplicatesPage.Model(pairs: [Self.pair], canManage: true, paging: Paging(page: 1, pageCount: 1, total: 1))
        let html = DuplicatesPage.render(PageContext(locale: .vi, actor: PageTests.officer), m)
        #expect(html.contains(#"action="/registry/duplicates/00000000-0000-0000-0000-0000000000D1/merge""#))
        #expect(html.contains(#"action="/registry/duplicates/00000000-0000-0000-0000-0000000000D1/dismiss""#))
        #expect(html.contains(#"action="/registry/duplicates/run""#))
        #expect(html.contains("00364-D1") && html.contains("00364-D2") && html.contains("001161000001"))
        #expect(html.contains(#"href="/registry/persons/00000000-0000-0000-0000-0000000000B1""#))
        #expect(html.contains("65"))
        #expect(html.contains("Cùng tên và ngày sinh"))
    }

    @Test func anAuditorOnlyReads() {
        let m = DuplicatesPage.Model(pairs: [Self.pair], canManage: false, paging: Paging(page: 1, pageCount: 1, total: 1))
        let html = DuplicatesPage.render(PageContext(locale: .en, actor: PageTests.auditor), m)
        #expect(!html.contains("/merge\""))
        #expect(!html.contains(#"action="/registry/duplicates/run""#))
        let none = DuplicatesPage.render(
            PageContext(locale: .en, actor: PageTests.auditor),
            DuplicatesPage.Model(pairs: [], canManage: false, paging: Paging(page: 1, pageCount: 1, total: 0)))
        #expect(none.contains(MessageCatalogue.shared.text(Message("duplicates.none"), .en)))
    }
}

/// One's own account page, from fixed models.
@Suite("Pages: account")
struct AccountPageTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func tokensShowTheirStateAndOnlyLiveOnesCanBeRevoked() {
        let live = TokensSection.Token(
            id: UUID(uuidString: "00000000-0000-0000-0000-00000000AA01")!, name: "Bưu điện <i>", createdAt: Self.now, lastUsedAt: nil,
            expiresAt: Self.now.addingTimeInterval(86_400), state: .active)
        let gone = TokensSection.Token(
            id: UUID(uuidString: "00000000-0000-0000-0000-00000000AA02")!, name: "Cũ", createdAt: Self.now, lastUsedAt: Self.now,
            expiresAt: Self.now, state: .revoked)
        let m = AccountPage.Model(tokens: [live, gone], newToken: "ansinh_abc123", errors: [], zone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)
        let html = AccountPage.render(PageContext(locale: .vi, actor: PageTests.officer), m)
        #expect(html.contains(#"action="/account/tokens/00000000-0000-0000-0000-00000000AA01/revoke""#))
        #expect(!html.contains("00000000-0000-0000-0000-00000000AA02/revoke"))
        #expect(html.contains("Bưu điện &lt;i&gt;"))
        #expect(html.contains("ansinh_abc123"))
        #expect(html.contains(MessageCatalogue.shared.text(Message("account.never_used"), .vi)))
        #expect(html.contains(MessageCatalogue.shared.text(Message("account.token_revoked_state"), .vi)))
    }

    @Test func aWrongPasswordIsNamedAndNoTokenShown() {
        let m = AccountPage.Model(
            tokens: [], newToken: nil, errors: [FieldError(field: "current_password", message: Message("account.current_wrong"))],
            zone: TimeZone(identifier: "UTC")!)
        let html = AccountPage.render(PageContext(locale: .en, actor: PageTests.officer), m)
        #expect(html.contains(MessageCatalogue.shared.text(Message("account.current_wrong"), .en)))
        #expect(html.contains(MessageCatalogue.shared.text(Message("account.no_tokens"), .en)))
    }
}

@Suite("Pages: sign-in")
struct LoginPageTests {
    @Test func aFailedSignInKeepsTheNameAndSaysWhy() {
        let m = LoginPage.Model(next: "/registry/households?q=\"><b>", username: "canbo\"<x>", error: Message("auth.invalid"))
        let html = LoginPage.render(PageContext(locale: .vi, actor: nil), m)
        #expect(html.contains(#"value="canbo&quot;&lt;x&gt;""#))
        #expect(html.contains(#"value="/registry/households?q=&quot;&gt;&lt;b&gt;""#))
        #expect(!html.contains("<b>") && !html.contains("<x>"))
        #expect(html.contains(MessageCatalogue.shared.text(Message("auth.invalid"), .vi)))
        #expect(html.contains(#"autocomplete="current-password""#))
    }
}

@Suite("Pages: an account")
struct UserPageTests {
    static func model(canManage: Bool, isSelf: Bool, disabled: Bool = false) -> UserPage.Model {
        UserPage.Model(
            id: UUID(uuidString: "00000000-0000-0000-0000-0000000000E1")!, username: "canbo.moi", fullName: "Cán bộ <Mới>", role: .wardOfficer,
            unitID: UUID(uuidString: "00000000-0000-0000-0000-0000000000A1")!, unitName: "Phường Khương Đình", locale: .vi, isDisabled: disabled,
            lastLoginAt: Date(timeIntervalSince1970: 1_790_000_000), canManage: canManage, isSelf: isSelf,
            tokens: canManage || isSelf ? [] : nil, newToken: nil, canSeeAudit: canManage, zone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)
    }

    @Test func anAdministratorEditsDisablesAndSeesTokens() {
        let html = UserPage.render(PageContext(locale: .vi, actor: PageTests.auditor), Self.model(canManage: true, isSelf: false))
        #expect(html.contains("<title>Cán bộ &lt;Mới&gt; — Ansinh</title>"))
        #expect(html.contains(#"href="/admin/users/00000000-0000-0000-0000-0000000000E1/edit""#))
        #expect(html.contains(#"action="/admin/users/00000000-0000-0000-0000-0000000000E1/disable""#))
        #expect(html.contains(#"action="/admin/users/00000000-0000-0000-0000-0000000000E1/tokens""#))
        #expect(html.contains("entity_id=00000000-0000-0000-0000-0000000000E1"))
        let again = UserPage.render(PageContext(locale: .vi, actor: PageTests.auditor), Self.model(canManage: true, isSelf: false, disabled: true))
        #expect(again.contains("/enable\""))
    }

    @Test func oneCannotDisableOneselfAndOthersSeeNoTokens() {
        let me = UserPage.render(PageContext(locale: .en, actor: PageTests.officer), Self.model(canManage: true, isSelf: true))
        #expect(!me.contains("/disable\""))
        let other = UserPage.render(PageContext(locale: .en, actor: PageTests.officer), Self.model(canManage: false, isSelf: false))
        #expect(!other.contains("/edit\"") && !other.contains("/tokens\"") && !other.contains("/disable\""))
        #expect(other.contains("Phường Khương Đình"))
    }
}

@Suite("Pages: accounts list and form")
struct UsersPagesTests {
    @Test func theListFiltersAndOffersANewAccountOnlyToWhoMayMakeOne() {
        let row = UsersPage.Row(
            id: UUID(uuidString: "00000000-0000-0000-0000-0000000000E1")!, username: "canbo.moi", fullName: "Cán bộ \"Mới\"", role: .wardOfficer,
            unitName: "Phường Khương Đình", isDisabled: true)
        let m = UsersPage.Model(rows: [row], query: "mới", role: .wardOfficer, canCreate: true, paging: Paging(page: 1, pageCount: 2, total: 21))
        let html = UsersPage.render(PageContext(locale: .vi, actor: PageTests.officer), m)
        #expect(html.contains(#"href="/admin/users/00000000-0000-0000-0000-0000000000E1""#))
        #expect(html.contains("<td>Cán bộ \"Mới\"</td>") || html.contains("<td>Cán bộ &quot;Mới&quot;</td>"))
        #expect(html.contains(MessageCatalogue.shared.text(Message("users.state_disabled"), .vi)))
        #expect(html.contains(#"href="/admin/users/new""#))
        #expect(html.contains("role=ward_officer") && html.contains("page=2"))
        let reader = UsersPage.render(
            PageContext(locale: .vi, actor: PageTests.auditor),
            UsersPage.Model(rows: [], query: nil, role: nil, canCreate: false, paging: Paging(page: 1, pageCount: 1, total: 0)))
        #expect(!reader.contains(#"href="/admin/users/new""#))
        #expect(reader.contains(MessageCatalogue.shared.text(Message("users.empty"), .vi)))
    }

    @Test func theFormNamesEachProblemAndNeverShowsAPassword() {
        // The query leaves the password out of what it shows again.
        let m = UserFormPage.Model(
            editing: nil, input: UserInput(username: "x", fullName: "", password: nil, role: "ward_officer", unitID: nil, locale: "vi"),
            units: [(id: UUID(uuidString: "00000000-0000-0000-0000-0000000000A1")!, name: "Phường Khương Đình", depth: 2)],
            errors: [FieldError(field: "username", message: Message("validation.username"))])
        let html = UserFormPage.render(PageContext(locale: .en, actor: PageTests.officer), m)
        #expect(html.contains(#"action="/admin/users""#))
        #expect(html.contains(#"type="password""#) && !html.contains("secret-typed"))
        #expect(html.contains("· · Phường Khương Đình"))
        #expect(html.contains(MessageCatalogue.shared.text(Message("validation.username"), .en)))
        let edit = UserFormPage.render(
            PageContext(locale: .en, actor: PageTests.officer),
            UserFormPage.Model(
                editing: (id: UUID(uuidString: "00000000-0000-0000-0000-0000000000E1")!, username: "canbo.moi"), input: m.input, units: m.units, errors: []))
        #expect(edit.contains(#"action="/admin/users/00000000-0000-0000-0000-0000000000E1/edit""#))
    }
}

@Suite("Pages: a unit")
struct UnitPageTests {
    static func model(canManage: Bool, children: [UnitPage.Child]) -> UnitPage.Model {
        UnitPage.Model(
            id: UUID(uuidString: "00000000-0000-0000-0000-0000000000A1")!, name: "Phường <Khương> Đình", code: "00364", kind: .commune,
            parent: (id: UUID(uuidString: "00000000-0000-0000-0000-0000000000B1")!, name: "Thành phố Hà Nội"), children: children,
            members: canManage ? [UnitPage.Member(id: UUID(), username: "canbo.khuongdinh", fullName: "Cán bộ", role: .wardOfficer)] : nil,
            facts: [UnitPage.Fact(validFrom: LocalDate(iso: "2026-01-01")!, value: true, note: "QĐ 1/2026")], canEdit: canManage,
            canAddChild: canManage, canDelete: canManage && children.isEmpty, canSetFacts: canManage, canSeeAudit: canManage,
            today: LocalDate(iso: "2026-09-21")!)
    }

    @Test func aCommuneShowsItsDatedAreaStatusAndTheFormToChangeIt() {
        let child = UnitPage.Child(
            id: UUID(uuidString: "00000000-0000-0000-0000-0000000000C1")!, name: "Tổ dân phố 1", code: "00364-TDP01", kind: .residentialGroup)
        let html = UnitPage.render(PageContext(locale: .vi, actor: PageTests.officer), Self.model(canManage: true, children: [child]))
        #expect(html.contains("<title>Phường &lt;Khương&gt; Đình — Ansinh</title>"))
        #expect(html.contains(#"action="/admin/units/00000000-0000-0000-0000-0000000000A1/facts""#))
        #expect(html.contains(#"value="2026-09-21""#))
        #expect(html.contains("QĐ 1/2026"))
        #expect(html.contains("canbo.khuongdinh"))
        #expect(html.contains(#"href="/admin/units/00000000-0000-0000-0000-0000000000C1""#))
        // A unit with units in it cannot be deleted.
        #expect(!html.contains("/delete\""))
    }

    @Test func aReaderSeesNeitherFormsNorAccounts() {
        let html = UnitPage.render(PageContext(locale: .en, actor: PageTests.auditor), Self.model(canManage: false, children: []))
        #expect(!html.contains("/facts\"") && !html.contains("/edit\"") && !html.contains("/delete\""))
        #expect(!html.contains("canbo.khuongdinh"))
        #expect(html.contains(MessageCatalogue.shared.text(Message("units.no_children"), .en)))
        let empty = UnitPage.render(PageContext(locale: .en, actor: PageTests.officer), Self.model(canManage: true, children: []))
        #expect(empty.contains(#"action="/admin/units/00000000-0000-0000-0000-0000000000A1/delete""#))
    }
}

@Suite("Pages: units list and form")
struct UnitsPagesTests {
    @Test func theTreeIsIndentedAndNewIsOfferedOnlyToWhoMayMakeUnits() {
        let rows = [
            UnitsPage.Row(id: UUID(uuidString: "00000000-0000-0000-0000-0000000000A1")!, name: "Phường Khương Đình", code: "00364", kind: .commune, depth: 2),
            UnitsPage.Row(id: UUID(), name: "Tổ <1>", code: "00364-TDP01", kind: .residentialGroup, depth: 3),
        ]
        let html = UnitsPage.render(
            PageContext(locale: .vi, actor: PageTests.officer),
            UnitsPage.Model(rows: rows, query: "khuong", kind: .commune, canCreate: true, paging: Paging(page: 1, pageCount: 1, total: 2)))
        #expect(html.contains(#"class="indent-2""#) && html.contains(#"class="indent-3""#))
        #expect(html.contains("Tổ &lt;1&gt;"))
        #expect(html.contains(#"href="/admin/units/new""#))
        let reader = UnitsPage.render(
            PageContext(locale: .vi, actor: PageTests.auditor),
            UnitsPage.Model(rows: [], query: nil, kind: nil, canCreate: false, paging: Paging(page: 1, pageCount: 1, total: 0)))
        #expect(!reader.contains(#"href="/admin/units/new""#))
        #expect(reader.contains(MessageCatalogue.shared.text(Message("units.empty"), .vi)))
    }

    @Test func aNewUnitChoosesItsParentAndKindARenameDoesNot() {
        let parent = (id: UUID(uuidString: "00000000-0000-0000-0000-0000000000A1")!, name: "Phường Khương Đình", depth: 2)
        let new = UnitFormPage.render(
            PageContext(locale: .vi, actor: PageTests.officer),
            UnitFormPage.Model(
                editing: nil, input: UnitInput(code: "", name: "", kind: "residential_group", parentID: parent.id), parents: [parent],
                kinds: [.residentialGroup], errors: [FieldError(field: "code", message: Message("validation.unit_code"))]))
        #expect(new.contains(#"name="parent_id""#) && new.contains("· · Phường Khương Đình"))
        #expect(new.contains(#"value="residential_group""#) && !new.contains(#"value="province""#))
        #expect(new.contains(MessageCatalogue.shared.text(Message("validation.unit_code"), .vi)))
        let rename = UnitFormPage.render(
            PageContext(locale: .vi, actor: PageTests.officer),
            UnitFormPage.Model(
                editing: (id: parent.id, name: parent.name), input: UnitInput(code: "00364", name: "Phường Khương Đình", kind: "commune", parentID: nil),
                parents: [], kinds: [], errors: []))
        #expect(!rename.contains(#"name="parent_id""#))
        #expect(rename.contains(#"action="/admin/units/00000000-0000-0000-0000-0000000000A1/edit""#))
    }
}

@Suite("Pages: home")
struct HomePageTests {
    @Test func whatWaitsForTheOfficerComesFirst() {
        let m = HomePage.Model(
            username: "canbo.khuongdinh", role: .wardOfficer, unitName: "Phường Khương Đình", counts: [(kind: .residentialGroup, count: 1_204)],
            userCount: nil,
            alerts: [
                HomePage.Alert(
                    householdID: UUID(uuidString: "00000000-0000-0000-0000-0000000000F1")!, householdCode: "00364-<H1>", kind: .jobLoss,
                    occurredOn: LocalDate(iso: "2026-09-01")!, overdue: true)
            ], alertCount: 3, openApplications: 7,
            cycles: [
                HomePage.Cycle(
                    id: UUID(uuidString: "00000000-0000-0000-0000-0000000000C1")!, month: "2026-09", communeName: "Phường Khương Đình", status: .approved,
                    yourTurn: true)
            ], overdueCases: nil, tasks: nil, breaches: [], escalated: [], zone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)
        let html = HomePage.render(PageContext(locale: .vi, actor: PageTests.officer), m)
        #expect(html.contains(#"class="card alerts overdue""#))
        #expect(html.contains("00364-&lt;H1&gt;"))
        #expect(html.contains(#"href="/registry/households/00000000-0000-0000-0000-0000000000F1""#))
        #expect(html.contains(#"href="/payments/cycles/00000000-0000-0000-0000-0000000000C1""#))
        #expect(html.contains(MessageCatalogue.shared.text(Message("home.your_turn"), .vi)))
        #expect(html.contains("1.204"))
        #expect(html.contains(MessageCatalogue.shared.text(Message("home.open_applications", ["count": "7"]), .vi)))
    }

    @Test func aRoleWithoutAlertsOrAllowancesSeesOnlyItsUnits() {
        let m = HomePage.Model(
            username: "giamdoc", role: .centreManager, unitName: nil, counts: [(kind: .department, count: 7)], userCount: 12, alerts: nil, alertCount: 0,
            openApplications: nil, cycles: [],
            overdueCases: [
                HomePage.Overdue(
                    id: UUID(uuidString: "00000000-0000-0000-0000-0000000000CA")!, number: "22-TTTGXH-2026-0007", status: .registered, riskLevel: .critical,
                    worker: "ctxh", due: Date(timeIntervalSince1970: 1_790_000_000), escalated: true)
            ], tasks: (open: 3, overdue: 1), breaches: [], escalated: [], zone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)
        let html = HomePage.render(PageContext(locale: .en, actor: PageTests.auditor), m)
        #expect(!html.contains(#"id="h-alerts""#) && !html.contains(#"id="h-work""#))
        #expect(html.contains(#"href="/cases/00000000-0000-0000-0000-0000000000CA""#))
        #expect(html.contains("(escalated to the manager)"))
        #expect(html.contains("Your open tasks: 3, 1 of them overdue"))
        #expect(html.contains(#"<span class="stat-value">12</span>"#))
    }
}
