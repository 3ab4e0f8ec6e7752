import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import AnsinhWeb

/// Donated money on both engines: gifts and disbursements booked as balanced journals, the
/// maker–checker, the fund's balance checked inside the transaction (two approvals racing for
/// the last đồng: one passes), append-only books, closed months, and a public page that names
/// donors but never a beneficiary.
@Suite("Funds")
struct FundTests {
    static func fund(_ store: Store, _ manager: Actor, kinds: [String] = ["cash", "scholarship", "in_kind"]) async throws -> UUID {
        var f = FundInput()
        f.name = "Quỹ Bảo trợ trẻ em"; f.kind = "child_protection"; f.purpose = "Hỗ trợ trẻ em có hoàn cảnh đặc biệt"; f.allowedKinds = kinds
        return try await FundRepository(store).createFund(manager, f)
    }

    static func gift(_ amount: String, on day: String, donor: UUID? = nil, method: String = "bank", earmark: String = "") -> ReceiptInput {
        var r = ReceiptInput()
        r.donorID = donor; r.receivedOn = day; r.method = method; r.amount = amount; r.earmark = earmark; r.reference = "UNC 1"
        return r
    }

    static func proposal(_ amount: String, to resident: UUID, kind: String = "cash", source: String = "bank") -> DisbursementInput {
        var d = DisbursementInput()
        d.kind = kind; d.sourceAccount = source; d.amount = amount; d.beneficiaryKind = "resident"; d.beneficiaryID = resident
        d.purpose = "Hỗ trợ học tập"
        return d
    }

    @Test(arguments: TestDatabase.all)
    func giftsAndDisbursementsAreBookedAndShownWithoutBeneficiaries(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            let (manager, worker, care) = try await CarePlanTests.centre(store)
            let repo = FundRepository(store)
            let today = LocalDate(iso: "2025-12-10")!
            let resident = try await care.admit(
                manager, CareTests.admission(name: "Bé Trần Thị Mai", birth: "2014-03-02", basis: .childWithoutCare, on: "2025-09-01"), today: today)
            let fund = try await Self.fund(store, manager)
            await #expect(throws: AppError.invalid("name", "fund.error.name_taken")) { _ = try await Self.fund(store, manager) }
            await #expect(throws: AppError.validation([FieldError(field: "allowed_kinds", message: Message("fund.error.allowed_kinds"))])) {
                _ = try await Self.fund(store, manager, kinds: ["cash", "cash"])
            }
            var d = DonorInput()
            d.kind = "firm"; d.name = "Công ty Than Hạ Long"; d.taxCode = "5700100256"
            let named = try await repo.addDonor(manager, d)
            d.taxCode = "5700100256"
            await #expect(throws: AppError.invalid("tax_code", "fund.error.tax_code_taken")) { _ = try await repo.addDonor(manager, d) }
            d.taxCode = "57001"
            await #expect(throws: AppError.validation([FieldError(field: "tax_code", message: Message("fund.error.tax_code"))])) {
                _ = try await repo.addDonor(manager, d)
            }
            d.name = "Cong ty THAN Ha Long"; d.taxCode = ""
            _ = try await repo.addDonor(manager, d)
            d.name = "Bà Nguyễn Thị Kín"; d.kind = "individual"; d.anonymous = true
            let hidden = try await repo.addDonor(manager, d)
            #expect(try await repo.donorDuplicates(manager).map { $0.count } == [2])
            #expect(try await repo.donors(manager, query: "than ha long", page: PageSpec(page: 1)).total == 2)

            _ = try await repo.recordReceipt(manager, fundID: fund, Self.gift("10.000.000", on: "2025-11-03", donor: named), today: today)
            _ = try await repo.recordReceipt(manager, fundID: fund, Self.gift("2000000", on: "2025-11-05", donor: hidden, earmark: "scholarship"), today: today)
            var goods = Self.gift("", on: "2025-11-20", donor: named, method: "in_kind")
            goods.items = [
                ItemInput(description: "Vở 96 trang", quantity: "200", unitLabel: "quyển", unitValue: "12.000"),
                ItemInput(description: "Cặp sách", quantity: "10", unitLabel: "chiếc", unitValue: "150000"),
            ]
            let inKind = try await repo.recordReceipt(manager, fundID: fund, goods, today: today)
            let record = try await repo.receipt(manager, id: inKind)
            #expect(record.row.amount == 3_900_000 && record.row.number == "PT-2025-0003" && record.items.count == 2)
            // Bad input: each field named, nothing written.
            var bad = Self.gift("-5", on: "2026-01-01", method: "in_kind")
            bad.items = [ItemInput(description: "", quantity: "0", unitLabel: "", unitValue: "1")]
            await #expect(throws: AppError.self) { _ = try await repo.recordReceipt(manager, fundID: fund, bad, today: today) }
            await #expect(throws: AppError.invalid("earmark", "fund.error.kind_not_allowed")) {
                _ = try await repo.recordReceipt(manager, fundID: fund, Self.gift("1000", on: "2025-11-05", earmark: "house_repair"), today: today)
            }
            #expect(try await FundReceiptModel.query(on: store.db).count() == 3)

            var f = try await repo.fund(manager, id: fund)
            #expect(f.row.received == 15_900_000 && f.row.held == 15_900_000 && f.booksBalance)
            #expect(f.balances[LedgerKey(.bank, .scholarship)] == 2_000_000 && f.balances[LedgerKey(.goods, nil)] == 3_900_000)

            // The maker proposes, the checker approves; never the same person.
            let first = try await repo.propose(worker, fundID: fund, Self.proposal("11.500.000", to: resident, kind: "scholarship"), today: today)
            await #expect(throws: AppError.forbidden) { try await repo.approve(worker, disbursementID: first, today: today) }
            try await repo.approve(manager, disbursementID: first, today: today)
            let own = try await repo.propose(manager, fundID: fund, Self.proposal("100.000", to: resident), today: today)
            await #expect(throws: AppError.notAllowed(Message("fund.error.same_person"))) {
                try await repo.approve(manager, disbursementID: own, today: today)
            }
            // Earmarked money went first; the bank holds 500,000 free for anything.
            f = try await repo.fund(manager, id: fund)
            #expect(f.balances[LedgerKey(.bank, .scholarship)] == 0 && f.balances[LedgerKey(.bank, nil)] == 500_000 && f.row.givenOut == 11_500_000)
            await #expect(throws: AppError.invalid("amount", "fund.error.insufficient", ["available": "500000"])) {
                _ = try await repo.propose(worker, fundID: fund, Self.proposal("600.000", to: resident), today: today)
            }
            await #expect(throws: AppError.invalid("kind", "fund.error.kind_not_allowed")) {
                _ = try await repo.propose(worker, fundID: fund, Self.proposal("1", to: resident, kind: "house_repair"), today: today)
            }
            try await repo.reject(manager, disbursementID: own, reason: "Trùng đề xuất", today: today)
            // A reversal brings the money back; the books still balance; lines cannot be edited.
            try await repo.reverseDisbursement(manager, disbursementID: first, reason: "Trả lại do chuyển trường", today: today)
            f = try await repo.fund(manager, id: fund)
            #expect(f.row.held == 15_900_000 && f.row.givenOut == 0 && f.booksBalance)
            await #expect(throws: (any Error).self) { try await (store.db as! any SQLDatabase).raw("UPDATE fund_entries SET debit = debit + 1").run() }
            await #expect(throws: (any Error).self) { try await (store.db as! any SQLDatabase).raw("DELETE FROM fund_entries").run() }
            #expect(try await FundEntryModel.query(on: store.db).count() == 3 * 2 + 4 + 4)

            // Closing November: nothing more on its days; a reversal is dated today.
            try await repo.closeBooks(manager, fundID: fund, month: "2025-11", today: today)
            await #expect(throws: AppError.invalid("month", "fund.error.month_not_over")) {
                try await repo.closeBooks(manager, fundID: fund, month: "2025-12", today: today)
            }
            await #expect(throws: AppError.invalid("received_on", "fund.error.closed_month", ["month": "2025-11"])) {
                _ = try await repo.recordReceipt(manager, fundID: fund, Self.gift("1000", on: "2025-11-30"), today: today)
            }
            #expect(try await repo.fund(manager, id: fund).closings.map(\.held) == [15_900_000])

            // The public page: donors named unless they asked not to be, no beneficiary anywhere.
            let page = try await app.testing().sendRequest(.GET, SiteRoute.publicFund(fund).path + "?year=2025")
            let html = String(buffer: page.body)
            #expect(page.status == .ok)
            #expect(html.contains("Công ty Than Hạ Long") && !html.contains("Nguyễn Thị Kín") && !html.contains("Trần Thị Mai"))
            let csv = String(buffer: try await app.testing().sendRequest(.GET, SiteRoute.publicFundExport(fund).path + "?year=2025").body)
            #expect(csv.contains("total,2025,Quỹ Bảo trợ trẻ em,15900000,0") && !csv.contains("Mai"))
            #expect(try await app.testing().sendRequest(.GET, SiteRoute.publicFund(UUID()).path).status == .notFound)
        }
    }

    /// Two approvals racing for the last đồng: exactly one is booked.
    /// A donor's details corrected: checked as a new donor's, the tax code once per unit, the
    /// anonymity wish followed at once by the public page, audited with the fields changed; a
    /// bad value leaves the donor as it was; another unit's officer cannot reach it.
    @Test(arguments: TestDatabase.all)
    func aDonorsDetailsAreCorrectedAndTheWishFollowedAtOnce(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            let (manager, _, _) = try await CarePlanTests.centre(store)
            let repo = FundRepository(store)
            let fund = try await Self.fund(store, manager)
            var d = DonorInput()
            d.kind = "firm"; d.name = "Công ty Than Hạ Long"; d.taxCode = "5700100256"
            let firm = try await repo.addDonor(manager, d)
            d.name = "Công ty Cảng Cái Lân"; d.taxCode = "5700100999"
            let port = try await repo.addDonor(manager, d)
            _ = try await repo.recordReceipt(manager, fundID: fund, Self.gift("3.000.000", on: "2025-11-03", donor: port), today: LocalDate(iso: "2025-12-10")!)
            // The other firm's tax code is refused; a bad email too; nothing changes.
            var fix = d
            fix.taxCode = "5700100256"
            await #expect(throws: AppError.invalid("tax_code", "fund.error.tax_code_taken")) { try await repo.updateDonor(manager, id: port, fix) }
            fix.taxCode = "5700100999"; fix.email = "khong-co-a-cong"
            await #expect(throws: AppError.self) { try await repo.updateDonor(manager, id: port, fix) }
            #expect(try await repo.donor(manager, id: port).email == "")
            // The firm asks to stay anonymous and gives a contact: the public page drops its name.
            let browser = TestBrowser(app)
            try await browser.get("/public/funds/\(fund)?year=2025")
            #expect(browser.lastBody.contains("Công ty Cảng Cái Lân"))
            fix.email = "lienhe@cangcailan.vn"; fix.contact = "Phòng Hành chính"; fix.anonymous = true
            try await repo.updateDonor(manager, id: port, fix)
            let row = try await repo.donor(manager, id: port)
            #expect(row.anonymous && row.email == "lienhe@cangcailan.vn" && row.contact == "Phòng Hành chính" && row.taxCode == "5700100999")
            let entry = try await AuditEntryModel.query(on: store.db).filter(\.$entity == "donor").filter(\.$action == "update").all()
            #expect(entry.count == 1 && entry[0].afterJSON?.contains("contact,email,anonymous") == true)
            try await browser.get("/public/funds/\(fund)?year=2025")
            #expect(browser.lastStatus == 200 && !browser.lastBody.contains("Cảng Cái Lân"))
            // Over the API, all the details again; a ward officer does not reach the centre's donor.
            let token = try await apiToken(store, "giamdoc.quangninh")
            let res = try await apiRequest(
                app, .PUT, "/api/v1/donors/\(firm)", token: token,
                json: #"{"kind":"firm","name":"Tổng công ty Than Hạ Long","tax_code":"5700100256","anonymous":false}"#)
            #expect(res.status == .ok && jsonObject(res)["name"] as? String == "Tổng công ty Than Hạ Long")
            let ward = try await apiToken(store, "canbo.khuongdinh")
            #expect(try await apiRequest(app, .PUT, "/api/v1/donors/\(firm)", token: ward, json: #"{"kind":"firm","name":"X"}"#).status == .notFound)
        }
    }

    /// A fund's name, purpose and rules change; its books stay, and a disbursement proposed of a
    /// kind the rules stopped allowing is not approved.
    @Test(arguments: TestDatabase.all)
    func aFundsRulesChangeAndTheRulesInForceDecide(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            let (manager, worker, care) = try await CarePlanTests.centre(store)
            let repo = FundRepository(store)
            let today = LocalDate(iso: "2025-12-10")!
            let resident = try await care.admit(
                manager, CareTests.admission(name: "Bé Bình", birth: "2015-03-01", basis: .childWithoutCare, on: "2025-09-01"), today: today)
            let fund = try await Self.fund(store, manager)
            _ = try await repo.recordReceipt(manager, fundID: fund, Self.gift("5.000.000", on: "2025-12-01"), today: today)
            let scholarship = try await repo.propose(worker, fundID: fund, Self.proposal("2.000.000", to: resident, kind: "scholarship"), today: today)
            // Bad values are each named and change nothing.
            var change = FundInput()
            change.name = " "; change.purpose = "Hỗ trợ trẻ em"; change.allowedKinds = ["cash", "khong-co"]
            do {
                try await repo.updateFund(manager, id: fund, change)
                Issue.record("accepted bad values")
            } catch AppError.validation(let list) {
                #expect(Set(list.map(\.field)) == ["name", "allowed_kinds"])
            }
            #expect(try await repo.fund(manager, id: fund).row.name == "Quỹ Bảo trợ trẻ em")
            // Scholarships are no longer paid from it: the one proposed is refused at approval.
            change.name = "Quỹ Bảo trợ trẻ em tỉnh Quảng Ninh"; change.purpose = "Hỗ trợ tiền mặt và hiện vật cho trẻ em có hoàn cảnh đặc biệt"
            change.allowedKinds = ["in_kind", "cash"]; change.isPublic = false
            try await repo.updateFund(manager, id: fund, change)
            let f = try await repo.fund(manager, id: fund)
            #expect(f.row.name == "Quỹ Bảo trợ trẻ em tỉnh Quảng Ninh" && f.row.allowed == [.cash, .inKind] && !f.row.isPublic)
            #expect(f.row.received == 5_000_000 && f.row.kind == .childProtection && f.booksBalance)
            let admin = try await demoActor(store, "admin")
            await #expect(throws: AppError.conflict(Message("fund.error.kind_not_allowed"))) {
                try await repo.approve(admin, disbursementID: scholarship, today: today)
            }
            #expect(try await repo.fund(manager, id: fund).row.givenOut == 0)
            let entry = try await AuditEntryModel.query(on: store.db).filter(\.$action == "update_fund").all()
            #expect(entry.count == 1 && entry[0].afterJSON?.contains("name,purpose,allowed_kinds,is_public") == true)
            // Over the API, all of it again; the name of another fund of the unit is refused.
            change.name = "Quỹ Khuyến học"; change.kind = "child_protection"; change.allowedKinds = ["scholarship"]
            _ = try await repo.createFund(manager, change)
            let token = try await apiToken(store, "giamdoc.quangninh")
            let taken = try await apiRequest(
                app, .PUT, "/api/v1/funds/\(fund)", token: token,
                json: #"{"name":"Quỹ Khuyến học","purpose":"x","allowed_kinds":["cash"],"is_public":true}"#)
            #expect(taken.status == .unprocessableEntity)
            let res = try await apiRequest(
                app, .PUT, "/api/v1/funds/\(fund)", token: token,
                json: #"{"name":"Quỹ Bảo trợ trẻ em","purpose":"Hỗ trợ trẻ em","allowed_kinds":["cash","scholarship"],"is_public":true}"#)
            #expect(res.status == .ok && (jsonObject(res)["fund"] as? [String: Any])?["allowed_kinds"] as? [String] == ["cash", "scholarship"])
            let ward = try await apiToken(store, "canbo.khuongdinh")
            let other = try await apiRequest(
                app, .PUT, "/api/v1/funds/\(fund)", token: ward, json: #"{"name":"X","purpose":"x","allowed_kinds":["cash"],"is_public":true}"#)
            #expect(other.status == .notFound)
            // The page's form holds what is recorded.
            let browser = TestBrowser(app)
            try await browser.login("giamdoc.quangninh")
            try await browser.get("/funds/\(fund)")
            #expect(browser.lastBody.contains("id=\"f-rules-scholarship\" name=\"allowed_kinds[]\" value=\"scholarship\" checked=\"checked\""))
            try await browser.post("/funds/\(fund)", [("name", "Quỹ Bảo trợ trẻ em"), ("purpose", "Hỗ trợ trẻ em"), ("allowed_kinds[]", "cash")])
            #expect(try await repo.fund(manager, id: fund).row.allowed == [.cash])
        }
    }

    /// A firm pledges 10 million by the end of the year; two transfers fulfil it, one reversed
    /// in between; the books hold only what came. Another donor's gift cannot count against it; a
    /// fulfilled pledge cannot be cancelled, one partly received can (what came stays).
    @Test(arguments: TestDatabase.all)
    func aPledgeIsFulfilledByTheGiftsReceivedAgainstIt(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            let (manager, _, _) = try await CarePlanTests.centre(store)
            let repo = FundRepository(store)
            let today = LocalDate(iso: "2025-12-10")!
            let fund = try await Self.fund(store, manager)
            var d = DonorInput()
            d.kind = "firm"; d.name = "Công ty Than Hạ Long"; d.taxCode = "5700100256"
            let firm = try await repo.addDonor(manager, d)
            d.name = "Công ty Cảng Cái Lân"; d.taxCode = "5700100999"
            let port = try await repo.addDonor(manager, d)
            // Each bad field named; nothing recorded.
            var p = PledgeInput()
            p.amount = "0"; p.pledgedOn = "2025-12-11"; p.dueOn = "2025-13-01"
            do {
                _ = try await repo.pledge(manager, fundID: fund, p, today: today)
                Issue.record("accepted a bad pledge")
            } catch AppError.validation(let list) {
                #expect(Set(list.map(\.field)) == ["amount", "pledged_on", "due_on", "donor_id"])
            }
            p.donorID = firm; p.amount = "10.000.000"; p.pledgedOn = "2025-11-20"; p.dueOn = "2025-12-05"; p.note = "Thư cam kết số 12/CV"
            let pledge = try await repo.pledge(manager, fundID: fund, p, today: today)
            var rows = try await repo.pledges(manager, fundID: fund, today: today)
            #expect(rows.count == 1 && rows[0].progress == .awaited && rows[0].outstanding == 10_000_000 && rows[0].overdue)
            #expect(try await repo.fund(manager, id: fund).row.received == 0)
            // Another donor's gift is not counted against it.
            var g = Self.gift("4.000.000", on: "2025-12-01", donor: port)
            g.pledgeID = pledge
            await #expect(throws: AppError.invalid("pledge_id", "fund.error.pledge_donor")) {
                try await repo.recordReceipt(manager, fundID: fund, g, today: today)
            }
            // The firm's first transfer (the gift names no donor: the pledge does), then a mistake reversed.
            g.donorID = nil
            let first = try await repo.recordReceipt(manager, fundID: fund, g, today: today)
            #expect(try await FundReceiptModel.find(first, on: store.db)?.donorID == firm)
            g.amount = "6.000.000"
            let wrong = try await repo.recordReceipt(manager, fundID: fund, g, today: today)
            try await repo.reverseReceipt(manager, receiptID: wrong, reason: "Nhập trùng", today: today)
            rows = try await repo.pledges(manager, fundID: fund, today: today)
            #expect(rows[0].progress == .partlyReceived && rows[0].received == 4_000_000 && rows[0].outstanding == 6_000_000)
            // Over the API: the rest; the pledge is fulfilled and closed to more gifts and to cancelling.
            let token = try await apiToken(store, "giamdoc.quangninh")
            let rest = try await apiRequest(
                app, .POST, "/api/v1/funds/\(fund)/receipts", token: token,
                json: #"{"received_on":"2025-12-09","method":"bank","amount":6000000,"pledge_id":"\#(pledge)"}"#)
            #expect(rest.status == .created)
            let list = try await apiRequest(app, .GET, "/api/v1/funds/\(fund)/pledges", token: token)
            let one = ((try? JSONSerialization.jsonObject(with: Data(buffer: list.body))) as? [[String: Any]] ?? []).first ?? [:]
            #expect(one["progress"] as? String == "fulfilled" && one["received"] as? Int == 10_000_000 && one["outstanding"] as? Int == 0)
            g.amount = "1.000.000"
            await #expect(throws: AppError.invalid("pledge_id", "fund.error.pledge_closed")) {
                try await repo.recordReceipt(manager, fundID: fund, g, today: today)
            }
            await #expect(throws: AppError.conflict(Message("fund.error.pledge_fulfilled"))) {
                try await repo.cancelPledge(manager, pledgeID: pledge, reason: "Thử")
            }
            let f = try await repo.fund(manager, id: fund)
            #expect(f.row.received == 10_000_000 && f.booksBalance)
            // A second pledge over the API, partly received, then cancelled with the reason.
            let made = try await apiRequest(
                app, .POST, "/api/v1/funds/\(fund)/pledges", token: token,
                json: #"{"donor_id":"\#(port)","amount":5000000,"pledged_on":"2025-12-01","due_on":"2030-01-31"}"#)
            #expect(made.status == .created && jsonObject(made)["progress"] as? String == "awaited" && jsonObject(made)["overdue"] as? Bool == false)
            let second = UUID(uuidString: jsonObject(made)["id"] as! String)!
            var h = Self.gift("2.000.000", on: "2025-12-10", donor: port)
            h.pledgeID = second
            _ = try await repo.recordReceipt(manager, fundID: fund, h, today: today)
            let cancelled = try await apiRequest(app, .POST, "/api/v1/pledges/\(second)/cancel", token: token, json: #"{"reason":"Công ty thu hẹp sản xuất"}"#)
            #expect(
                cancelled.status == .ok && jsonObject(cancelled)["progress"] as? String == "cancelled" && jsonObject(cancelled)["received"] as? Int == 2_000_000
            )
            #expect(jsonObject(cancelled)["outstanding"] as? Int == 0)
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action ~~ ["record_pledge", "pledge_cancel"]).count() == 3)
            // The fund's page lists both; the receipt form offers no pledge any more.
            let browser = TestBrowser(app)
            try await browser.login("giamdoc.quangninh")
            try await browser.get("/funds/\(fund)")
            #expect(browser.lastBody.contains("Đã nhận đủ") && browser.lastBody.contains("Đã hủy — Công ty thu hẹp sản xuất"))
            #expect(!browser.lastBody.contains("name=\"pledge_id\""))
            // The donor's page and API list the donor's own pledges, by fund; another's are not there.
            try await browser.get("/donors/\(port)")
            #expect(browser.lastBody.contains("<h2>Cam kết ủng hộ</h2>"))
            #expect(browser.lastBody.contains("href=\"/funds/\(fund)\"") && browser.lastBody.contains("5.000.000 ₫"))
            #expect(!browser.lastBody.contains("10.000.000 ₫"))
            let byDonor = try await apiRequest(app, .GET, "/api/v1/donors/\(port)/pledges", token: token)
            let listed = (try? JSONSerialization.jsonObject(with: Data(buffer: byDonor.body))) as? [[String: Any]] ?? []
            #expect(listed.map { $0["id"] as? String } == [second.uuidString])
            #expect(listed.first?["fund_name"] as? String == (try await FundModel.find(fund, on: store.db))?.name)
            #expect(try await apiRequest(app, .GET, "/api/v1/donors/\(UUID())/pledges", token: token).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.all)
    func twoApprovalsRacingForTheLastDongOnePasses(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            let (manager, worker, care) = try await CarePlanTests.centre(store)
            let admin = try await demoActor(store, "admin")
            let repo = FundRepository(store)
            let today = LocalDate(iso: "2025-12-10")!
            let resident = try await care.admit(
                manager, CareTests.admission(name: "Bé An", birth: "2016-01-01", basis: .childWithoutCare, on: "2025-09-01"), today: today)
            let fund = try await Self.fund(store, manager)
            _ = try await repo.recordReceipt(manager, fundID: fund, Self.gift("1.000.000", on: "2025-12-01"), today: today)
            let a = try await repo.propose(worker, fundID: fund, Self.proposal("1.000.000", to: resident), today: today)
            let b = try await repo.propose(worker, fundID: fund, Self.proposal("1.000.000", to: resident), today: today)
            async let one: Bool = (try? await repo.approve(manager, disbursementID: a, today: today)) != nil
            async let two: Bool = (try? await repo.approve(admin, disbursementID: b, today: today)) != nil
            let results = await [one, two]
            #expect(results.filter { $0 }.count == 1)
            let f = try await repo.fund(manager, id: fund)
            #expect(f.row.held == 0 && f.row.givenOut == 1_000_000 && f.booksBalance)
            #expect(try await FundDisbursementModel.query(on: store.db).filter(\.$status == "approved").count() == 1)
        }
    }

    /// Random operations through the repository: after every one the books balance and agree
    /// with the same journals replayed in Core.
    @Test(arguments: TestDatabase.all)
    func theBooksBalanceAfterEveryOperation(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            let (manager, worker, care) = try await CarePlanTests.centre(store)
            let repo = FundRepository(store)
            let today = LocalDate(iso: "2025-12-10")!
            let resident = try await care.admit(
                manager, CareTests.admission(name: "Bé Bình", birth: "2016-01-01", basis: .childWithoutCare, on: "2025-09-01"), today: today)
            let fund = try await Self.fund(store, manager, kinds: DisbursementKind.allCases.map(\.rawValue))
            var seed: UInt64 = 0x2545_F491_4F6C_DD1D
            func next(_ n: Int) -> Int {
                seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
                return Int(seed % UInt64(n))
            }
            var receipts: [UUID] = [], approved: [UUID] = []
            for _ in 0..<30 {
                switch next(4) {
                case 0, 1:
                    let method = ["bank", "cash_desk"][next(2)], mark = next(3) == 0 ? DisbursementKind.allCases[next(5)].rawValue : ""
                    receipts.append(
                        try await repo.recordReceipt(
                            manager, fundID: fund, Self.gift("\((1 + next(50)) * 100_000)", on: "2025-12-0\(1 + next(9))", method: method, earmark: mark),
                            today: today))
                case 2:
                    let p = Self.proposal(
                        "\((1 + next(80)) * 100_000)", to: resident, kind: DisbursementKind.allCases[next(5)].rawValue, source: ["bank", "cash_desk"][next(2)])
                    guard let id = try? await repo.propose(worker, fundID: fund, p, today: today) else { continue }
                    if (try? await repo.approve(manager, disbursementID: id, today: today)) != nil { approved.append(id) }
                default:
                    if next(2) == 0, let r = receipts.randomElement() {
                        try? await repo.reverseReceipt(manager, receiptID: r, reason: "Nhầm", today: today)
                    } else if let d = approved.popLast() {
                        try await repo.reverseDisbursement(manager, disbursementID: d, reason: "Trả lại", today: today)
                    }
                }
                let f = try await repo.fund(manager, id: fund)
                #expect(f.booksBalance)
                let lines = try await FundEntryModel.query(on: store.db).filter(\.$fundID == fund).all().map(\.line)
                #expect(FundLedger.balances(lines).filter { $0.value != 0 } == f.balances.filter { $0.value != 0 })
                #expect(f.balances.allSatisfy { !$0.key.account.isAsset || $0.value >= 0 })
            }
            #expect(try await FundReceiptModel.query(on: store.db).count() == receipts.count)
        }
    }

    /// The demo's 2025 comes out of the books through the report; a gift recorded through the
    /// API changes the current year's figure at once.
    @Test(arguments: TestDatabase.all)
    func theCentreReportCountsTheFundFromTheBooks(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            #expect(try await DemoData.loadFunds(store) > 0)
            let token = try await apiToken(store, "giamdoc.quangninh")
            var res = try await apiRequest(app, .GET, "/api/v1/reports/centre?unit=22-TTTGXH&year=2025", token: token)
            var body = jsonObject(res)
            let cpf = body["child_protection_fund"] as! [String: Any]
            #expect(cpf["received"] as? Int == 1_900_000_000 && cpf["donors"] as? Int == 200)
            #expect(body["charity_raised"] as? Int == 256_500_000)
            let year = store.today.year
            let funds = try await FundModel.query(on: store.db).filter(\.$kind == "child_protection").all()
            res = try await apiRequest(
                app, .POST, "/api/v1/funds/\(funds[0].id!)/receipts", token: token,
                json: #"{"received_on":"\#(store.today.iso)","method":"bank","amount":2500000}"#)
            #expect(res.status == .created)
            #expect((jsonObject(res)["amount_in_words"] as? String) == "Hai triệu năm trăm nghìn đồng")
            res = try await apiRequest(app, .GET, "/api/v1/reports/centre?unit=22-TTTGXH&year=\(year)", token: token)
            body = jsonObject(res)
            #expect((body["child_protection_fund"] as! [String: Any])["received"] as? Int == 2_500_000)
            // The ward's funds: a Gratitude Fund that repaired three houses.
            let officer = try await apiToken(store, "canbo.khuongdinh")
            res = try await apiRequest(app, .GET, "/api/v1/reports/funds?unit=00364&year=2025", token: officer)
            let gratitude = (jsonObject(res)["by_kind"] as! [String: Any])["gratitude"] as! [String: Any]
            #expect(gratitude["received"] as? Int == 120_000_000)
            // A ward officer never sees the centre's fund.
            res = try await apiRequest(app, .GET, "/api/v1/funds/\(funds[0].id!)", token: officer)
            #expect(res.status == .notFound)
        }
    }
}

/// The funds' pages as an officer uses them: a fund created, a donor added (a wrong tax code
/// named), a gift in kind recorded and its receipt and letter printed, a disbursement proposed
/// by the worker and approved by the manager, the books of the month, hostile values refused.
@Suite("Fund pages")
struct FundPageTests {
    @Test(arguments: TestDatabase.all)
    func anOfficerWorksAFundThroughThePages(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            let (manager, _, care) = try await CarePlanTests.centre(store)
            let today = store.today
            let resident = try await care.admit(
                manager, CareTests.admission(name: "Bé Hoa", birth: "2015-05-05", basis: .childWithoutCare, on: today.iso), today: today)
            let m = TestBrowser(app), w = TestBrowser(app)
            try await m.login("giamdoc.quangninh")
            try await w.login("ctxh.quangninh")
            _ = try await m.post(
                "/funds",
                [
                    ("name", "Quỹ học bổng"), ("kind", "child_protection"), ("purpose", "Học bổng và đồ dùng học tập"), ("allowed_kinds[]", "cash"),
                    ("allowed_kinds[]", "school_supplies"), ("is_public", "on"),
                ])
            #expect(m.lastStatus == 303)
            let fund = try await FundModel.query(on: store.db).first()!
            #expect(m.lastLocation == "/funds/\(fund.id!)" && fund.allowed == [.cash, .schoolSupplies] && fund.isPublic)
            _ = try await m.post("/donors", [("kind", "firm"), ("name", "Công ty Gốm Đông Triều"), ("tax_code", "123")])
            #expect(m.lastLocation == "/donors")
            _ = try await m.get("/donors")
            #expect(m.lastBody.contains("10 chữ số"))
            #expect(try await DonorModel.query(on: store.db).count() == 0)
            _ = try await m.post("/donors", [("kind", "firm"), ("name", "Công ty Gốm Đông Triều"), ("tax_code", "5700123456-001")])
            let donor = try await DonorModel.query(on: store.db).first()!.id!
            _ = try await m.get("/funds/\(fund.id!)")
            _ = try await m.post(
                "/funds/\(fund.id!)/receipts",
                [
                    ("donor_id", donor.uuidString), ("received_on", today.iso), ("method", "in_kind"), ("amount", ""),
                    ("item_description[]", "Bộ sách giáo khoa lớp 5"), ("item_quantity[]", "40"), ("item_unit[]", "bộ"), ("item_value[]", "250.000"),
                    ("item_description[]", ""), ("item_quantity[]", ""), ("item_unit[]", ""), ("item_value[]", ""),
                ])
            let receipt = try await FundReceiptModel.query(on: store.db).first()!
            #expect(m.lastLocation == "/fund-receipts/\(receipt.id!)" && receipt.amount == 10_000_000)
            _ = try await m.get("/fund-receipts/\(receipt.id!)")
            #expect(m.lastBody.contains("PHIẾU THU SỐ PT-\(today.year)-0001") && m.lastBody.contains("Mười triệu đồng"))
            _ = try await m.get("/fund-receipts/\(receipt.id!)/letter")
            #expect(m.lastBody.contains("THƯ CẢM ƠN") && m.lastBody.contains("Kính gửi: Công ty Gốm Đông Triều") && m.lastBody.contains("40 bộ"))

            _ = try await w.get("/funds/\(fund.id!)")
            #expect(w.lastBody.contains("Bé Hoa"))
            _ = try await w.post(
                "/funds/\(fund.id!)/disbursements",
                [
                    ("beneficiary", "resident:\(resident)"), ("kind", "school_supplies"), ("source_account", "goods"), ("amount", "2.500.000"),
                    ("purpose", "Sách đầu năm học"),
                ])
            let d = try await FundDisbursementModel.query(on: store.db).first()!
            #expect(d.status == "proposed" && d.amount == 2_500_000 && d.beneficiaryLabel == "Bé Hoa")
            _ = try await m.get("/funds")
            #expect(m.lastBody.contains(d.number))
            _ = try await m.post("/disbursements/\(d.id!)/approve", [])
            #expect(m.lastLocation == "/funds/\(fund.id!)")
            #expect(try await FundDisbursementModel.find(d.id!, on: store.db)?.status == "approved")
            _ = try await m.get("/funds/\(fund.id!)/ledger?month=\(today.yearMonth.iso)")
            // Debits and credits of the month: the gift (10,000,000) and the books given out (2,500,000).
            #expect(m.lastBody.contains("PC-\(today.year)-0001") && m.lastBody.contains("12.500.000"))
            // Hostile values: a clear 422 or 404, never a crash or an echo.
            _ = try await m.get("/funds/\(fund.id!)/ledger?month=%3Cscript%3E")
            #expect(m.lastStatus == 422 && !m.lastBody.contains("<script>"))
            _ = try await m.get("/donors?q=%3Cimg%20src%3Dx%3E&page=999999")
            #expect(m.lastStatus == 200 && !m.lastBody.contains("<img src=x>"))
            _ = try await m.get("/public/funds/\(fund.id!)?year=99999")
            #expect(m.lastStatus == 422)
            _ = try await m.get("/reports/centre?unit=22-TTTGXH&year=\(today.year)")
            #expect(m.lastBody.contains("10.000.000"))
        }
    }
}
