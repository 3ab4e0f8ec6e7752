import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import AnsinhWeb

func demoActor(_ store: Store, _ username: String) async throws -> Actor {
    let users = UserRepository(store)
    return try await users.actor(for: try await users.find(username: username)!.id, fallbackLocale: .vi)!
}

/// A fresh API token of a demo account.
func apiToken(_ store: Store, _ username: String) async throws -> String {
    try await TokenRepository(store).create(.system, for: try await UserRepository(store).find(username: username)!.id, name: "api")
}

/// Households of one person each in Khương Đình (Tổ dân phố 1), created through the registry.
func demoRecipients(_ store: Store, count: Int) async throws -> [UUID] {
    let officer = try await demoActor(store, "canbo.khuongdinh")
    let units = UnitRepository(store)
    let ward = try await units.find(code: "00364")!.id
    let group = try await units.find(code: "00364-TDP01")!.id
    var out: [UUID] = []
    for i in 0..<count {
        let h = try await RegistryRepository(store).createHousehold(
            officer,
            HouseholdInput(
                code: "00364-P\(i)", communeID: ward, groupID: group,
                address: "Số \(i + 1) ngõ Khương Đình", areaType: nil, phone: nil),
            head: PersonInput(fullName: "Người nhận \(i)", gender: "female", birth: "1970"),
            since: LocalDate(iso: "2020-01-01")!)
        out.append(try await MembershipModel.query(on: store.db).filter(\.$householdID == h.id).first()!.personID)
    }
    return out
}

/// A monthly allowance decided for `person` (especially severe disability; form 1đ received on
/// 20 February 2024, posted, signed on 5 March 2024 as `number`); answers the decision.
@discardableResult
func grantAllowance(_ store: Store, _ person: UUID, number: String) async throws -> UUID {
    let officer = try await demoActor(store, "canbo.khuongdinh"), chairman = try await demoActor(store, "lanhdao.khuongdinh")
    try await setFacts(store, person, birth: "1980-05-10", disability: .especiallySevere, certificate: "2019-03-01")
    var application = ApplicationInput(personID: person)
    application.formType = "1d"; application.receivedDate = "2024-02-20"; application.documents = ["declaration", "disability_certificate"]
    let decisions = DecisionRepository(store)
    let appID = try await decisions.receive(officer, application)
    try await decisions.review(officer, applicationID: appID)
    try await decisions.post(officer, applicationID: appID, start: "2024-02-26", objections: "")
    return try await decisions.decide(chairman, applicationID: appID, number: number, signedDate: "2024-03-05")
}

/// Gives the household of `person` the official class of 2025 (`poor`, `near_poor`), as a
/// chairman's decision leaves it (the review itself: `ReviewTests`).
func setClass(_ store: Store, _ person: UUID, _ povertyClass: String) async throws {
    let officer = try await demoActor(store, "canbo.khuongdinh")
    let household = try await MembershipModel.query(on: store.db).filter(\.$personID == person).first()!.householdID
    let h = try await HouseholdModel.find(household, on: store.db)!
    var review = try await ReviewCampaignModel.query(on: store.db).filter(\.$communeID == h.communeID).filter(\.$year == 2025).first()?.id
    if review == nil {
        review = try await ReviewRepository(store).createCampaign(
            officer, CampaignInput(communeID: h.communeID, year: 2025, kind: "periodic"), today: LocalDate(iso: "2025-01-01")!
        ).id
    }
    let c = HouseholdClassificationModel()
    c.id = UUID(); c.householdID = household; c.unitPath = h.unitPath; c.groupID = h.groupID; c.period = 2025; c.povertyClass = povertyClass
    c.standardID = "vn-2022"; c.areaType = "urban"; c.deprivations = ""; c.deprivationCount = 0; c.reasons = ""; c.campaignID = review!
    c.decisionNumber = "1/QĐ"; c.decisionDate = "2025-01-02"; c.certificateNumber = "1"
    try await c.create(on: store.db)
}

func setFacts(_ store: Store, _ id: UUID, birth: String, disability: DisabilityLevel, certificate: String?) async throws {
    let p = try await PersonModel.find(id, on: store.db)!
    p.birthDate = birth; p.birthYear = Int(birth.prefix(4))!; p.disabilityLevel = disability.rawValue
    p.disabilityCertificateDate = certificate; p.hasPension = false; p.hiv = false; p.deathDate = nil
    try await p.update(on: store.db)
}

/// Prepares, submits, approves (another person) and reconciles one month; every line is paid
/// unless listed in `unpaid`. Returns the cycle.
@discardableResult
func runCycle(_ store: Store, commune: UUID, month: String, unpaid: Set<UUID> = [], returned: Set<UUID> = []) async throws -> CycleView {
    let repo = PayrollRepository(store)
    let officer = try await demoActor(store, "canbo.khuongdinh")
    let approver = try await demoActor(store, "lanhdao.khuongdinh")
    let id = try await repo.generate(officer, communeID: commune, month: YearMonth(iso: month)!)
    try await repo.submit(officer, cycleID: id)
    try await repo.approve(approver, cycleID: id)
    let lines = try await repo.allLines(officer, cycleID: id, filter: LineFilter())
    if !lines.isEmpty {
        _ = try await repo.settle(
            officer, cycleID: id,
            lines.map { l in
                unpaid.contains(l.personID)
                    ? Settlement(lineID: l.id, status: .unpaid, reason: "vắng nhà")
                    : returned.contains(l.personID)
                        ? Settlement(lineID: l.id, status: .returned, reason: "tài khoản đóng") : Settlement(lineID: l.id, status: .paid, reason: "")
            })
    }
    _ = try await repo.close(officer, cycleID: id)
    return try await repo.cycle(officer, id)
}

func paidTotal(_ store: Store, _ person: UUID, benefit: Benefit = .allowance) async throws -> Int64 {
    try await (store.db as! any SQLDatabase).raw(
        """
        SELECT COALESCE(CAST(SUM(amount) AS BIGINT), 0) AS t FROM payment_lines WHERE person_id = \(bind: person) AND benefit = \(bind: benefit.rawValue) AND status = 'paid'
        """
    ).first()!.decode(column: "t", as: Int64.self)
}

@Suite("Payroll")
struct PayrollTests {
    /// Twelve months of 2024 over the demo ward: a start from a paper list, an application with
    /// posting and arrears, the July 2024 level change, a death recorded late (recovery), an
    /// unpaid month carried forward, three months not collected (suspension, then resumption
    /// with arrears). Every cycle balances; no person × ledger × month is paid twice.
    @Test(arguments: TestDatabase.all)
    func twelveBalancedCycles(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let officer = try await demoActor(store, "canbo.khuongdinh")
            let chairman = try await demoActor(store, "lanhdao.khuongdinh")
            let ward = try await OrgUnitModel.query(on: store.db).filter(\.$code == "00364").first()!.id!
            let ids = try await demoRecipients(store, count: 3)
            let (a, b, c) = (ids[0], ids[1], ids[2])
            // A: especially severe disability, adult: coefficient 2.0 (Decree 20 Art. 6(6)).
            try await setFacts(store, a, birth: "1980-05-10", disability: .especiallySevere, certificate: "2019-03-01")
            // B: a child with a severe disability, certificate of February 2024: 2.0.
            try await setFacts(store, b, birth: "2015-09-09", disability: .severe, certificate: "2024-02-01")
            // C: severe disability, adult: 1.5.
            try await setFacts(store, c, birth: "1975-01-01", disability: .severe, certificate: "2018-01-01")
            let decisions = DecisionRepository(store)

            // A and C were already paid on paper before 2024: taken over from January.
            for (p, n) in [(a, "01/QĐ-UBND"), (c, "02/QĐ-UBND")] {
                var d = DecisionInput(personID: p)
                d.kind = .start; d.number = n; d.signedDate = "2023-06-01"; d.eventDate = "2023-06-01"; d.paidBefore = "2024-01"
                _ = try await decisions.decide(chairman, d)
            }
            // B applies in February; posted 2 working days (Mon 26 – Tue 27 Feb); decided 5 March.
            var app1 = ApplicationInput(personID: b)
            app1.formType = "1d"; app1.receivedDate = "2024-02-20"; app1.documents = ["declaration", "disability_certificate", "birth_certificate"]
            app1.recipientKind = "guardian"; app1.recipientName = "Người giám hộ"
            let appID = try await decisions.receive(officer, app1)
            // Deciding before review or posting is refused.
            await #expect(throws: AppError.self) { try await decisions.decide(chairman, applicationID: appID, number: "03/QĐ-UBND", signedDate: "2024-03-05") }
            try await decisions.review(officer, applicationID: appID)
            try await decisions.post(officer, applicationID: appID, start: "2024-02-24", objections: "")  // a Saturday: starts Monday
            let posted = try await decisions.applicationView(officer, appID)
            #expect(posted.postingEnd == "2024-02-27")
            await #expect(throws: AppError.self) { try await decisions.decide(chairman, applicationID: appID, number: "03/QĐ-UBND", signedDate: "2024-02-27") }

            var cycles: [CycleView] = []
            cycles.append(try await runCycle(store, commune: ward, month: "2024-01"))
            cycles.append(try await runCycle(store, commune: ward, month: "2024-02"))
            let bDecision = try await decisions.decide(chairman, applicationID: appID, number: "03/QĐ-UBND", signedDate: "2024-03-05")
            // Before July 2025 a disability allowance starts from the certificate month (Art. 8).
            #expect(try await decisions.decision(officer, bDecision).effectiveMonth.iso == "2024-02")
            #expect(try await decisions.decision(officer, bDecision).monthlyAmount == 720_000)
            cycles.append(try await runCycle(store, commune: ward, month: "2024-03"))
            // March pays B February as arrears.
            #expect(cycles[2].arrears == 720_000)
            cycles.append(try await runCycle(store, commune: ward, month: "2024-04", unpaid: [b]))
            cycles.append(try await runCycle(store, commune: ward, month: "2024-05"))
            cycles.append(try await runCycle(store, commune: ward, month: "2024-06"))
            cycles.append(try await runCycle(store, commune: ward, month: "2024-07"))
            // A died on 14 June 2024; the death is recorded in August: June is paid in full,
            // July was paid and is recovered in August.
            var stop = DecisionInput(personID: a)
            stop.kind = .stop; stop.reason = "death"; stop.number = "10/QĐ-UBND"; stop.signedDate = "2024-08-02"; stop.eventDate = "2024-06-14"
            let stopID = try await decisions.decide(chairman, stop)
            #expect(try await decisions.decision(officer, stopID).effectiveMonth.iso == "2024-07")
            cycles.append(try await runCycle(store, commune: ward, month: "2024-08"))
            #expect(cycles[7].adjustments == -1_000_000)
            // C does not collect September, October, November: suspended from December.
            cycles.append(try await runCycle(store, commune: ward, month: "2024-09", unpaid: [c]))
            cycles.append(try await runCycle(store, commune: ward, month: "2024-10", unpaid: [c]))
            cycles.append(try await runCycle(store, commune: ward, month: "2024-11", unpaid: [c]))
            let cHistory = try await decisions.history(officer, personID: c)
            #expect(cHistory.decisions.first?.kind == .suspend)
            #expect(cHistory.decisions.first?.reason == "not_collected")
            #expect(cHistory.periods.last?.until?.iso == "2024-12")
            // C comes back in December: resumed from December; the three months are carried.
            var resume = DecisionInput(personID: c)
            resume.kind = .resume; resume.reason = "resumed"; resume.number = "15/QĐ-UBND"; resume.signedDate = "2024-12-02"; resume.eventDate = "2024-12-01"
            _ = try await decisions.decide(chairman, resume)
            cycles.append(try await runCycle(store, commune: ward, month: "2024-12"))

            #expect(cycles.count == 12)
            for cy in cycles {
                #expect(cy.status == .closed)
                #expect(cy.balance.balances, "cycle \(cy.month.iso) does not balance")
                #expect(cy.balance.issued == cy.balance.paid + cy.balance.carried + cy.balance.returned)
            }
            // Exact money per person over the year.
            #expect(try await paidTotal(store, a) == 6 * 720_000)  // Jan–Jun, July paid then recovered: 5,320,000 − 1,000,000
            #expect(try await paidTotal(store, b) == 5 * 720_000 + 6 * 1_000_000)  // Feb–Jun at 360,000 × 2.0, Jul–Dec at 500,000 × 2.0
            #expect(try await paidTotal(store, c) == 6 * 540_000 + 6 * 750_000)  // 1.5 × 360,000 Jan–Jun, 1.5 × 500,000 Jul–Dec
            // The care support of A's household (especially severe, Art. 20) was not decided: nothing paid.
            #expect(try await paidTotal(store, a, benefit: .careSupport) == 0)
            // No person × ledger × month is paid twice.
            let doubles = try await (store.db as! any SQLDatabase).raw(
                """
                SELECT person_id, benefit, month FROM payment_lines WHERE status = 'paid' AND amount > 0
                GROUP BY person_id, benefit, month HAVING COUNT(*) > 1
                """
            ).all()
            #expect(doubles.isEmpty)
            // December carried C's three unpaid months and paid them.
            #expect(cycles[11].lines == cycles[11].recipients + 3)
            // The report: every đồng paid in 2024, by month owed; the budget used against planned.
            try await PaymentReportRepository(store).setBudget(officer, communeID: ward, year: 2024, amount: 30_000_000)
            let report = try await PaymentReportRepository(store).report(officer, year: 2024)
            let total = try await paidTotal(store, a) + paidTotal(store, b) + paidTotal(store, c)
            #expect(report.paid == total)
            #expect(report.budget.first?.planned == 30_000_000 && report.budget.first?.paid == total)
            // September: C's month is paid (carried to December), counted once, in September.
            let september = report.rows.filter { $0.month == "2024-09" }
            #expect(september.reduce(0) { $0 + $1.paid } == 1_000_000 + 750_000)
            #expect(september.reduce(0) { $0 + $1.issued } == 1_000_000 + 750_000)
            #expect(report.rows.first { $0.month == "2024-03" && $0.categories == "D20-5.6" }?.recipients == 3)
            await #expect(throws: AppError.self) { try await PaymentReportRepository(store).setBudget(chairman, communeID: ward, year: 2024, amount: 1) }
        }
    }

    @Test(arguments: TestDatabase.all)
    func makerCheckerAndNoDoublePayment(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let officer = try await demoActor(store, "canbo.khuongdinh")
            let chairman = try await demoActor(store, "lanhdao.khuongdinh")
            let accountant = try await demoActor(store, "ketoan.khuongdinh")
            let admin = try await demoActor(store, "admin")
            let ward = try await OrgUnitModel.query(on: store.db).filter(\.$code == "00364").first()!.id!
            let p = try await demoRecipients(store, count: 1)[0]
            try await setFacts(store, p, birth: "1980-05-10", disability: .especiallySevere, certificate: "2019-03-01")
            var d = DecisionInput(personID: p)
            d.number = "01/QĐ-UBND"; d.signedDate = "2026-08-03"
            _ = try await DecisionRepository(store).decide(chairman, d)
            // The same decision number twice in a ward is refused, and a second start too.
            await #expect(throws: AppError.self) { try await DecisionRepository(store).decide(chairman, d) }
            d.number = "02/QĐ-UBND"
            await #expect(throws: AppError.self) { try await DecisionRepository(store).decide(chairman, d) }
            // A ward officer cannot sign decisions.
            await #expect(throws: AppError.self) { try await DecisionRepository(store).decide(officer, d) }

            let repo = PayrollRepository(store)
            let id = try await repo.generate(accountant, communeID: ward, month: YearMonth(iso: "2026-09")!)
            let first = try await repo.cycle(officer, id)
            // August and September at 1,000,000 (2.0 × 500,000; the 540,000 level is not enabled).
            #expect(first.balance.issued == 2_000_000)
            // Preparing again while a draft gives the same lines, never twice the money.
            _ = try await repo.generate(accountant, communeID: ward, month: YearMonth(iso: "2026-09")!)
            #expect(try await repo.cycle(officer, id).balance.issued == 2_000_000)
            #expect(try await repo.cycle(officer, id).lines == 2)
            try await repo.submit(accountant, cycleID: id)
            // Only an approver approves, and never the preparer (admin prepared nothing here, but
            // a preparer with approval rights is refused).
            await #expect(throws: AppError.self) { try await repo.approve(officer, cycleID: id) }
            await #expect(throws: AppError.self) { try await repo.generate(accountant, communeID: ward, month: YearMonth(iso: "2026-09")!) }
            try await repo.sendBack(chairman, cycleID: id, reason: "kiểm tra lại")
            _ = try await repo.generate(admin, communeID: ward, month: YearMonth(iso: "2026-09")!)
            try await repo.submit(admin, cycleID: id)
            await #expect(throws: AppError.self) { try await repo.approve(admin, cycleID: id) }
            try await repo.approve(chairman, cycleID: id)
            // A confirmation file with a bad row changes nothing and names the row.
            let lines = try await repo.allLines(officer, cycleID: id, filter: LineFilter())
            do {
                _ = try await repo.importConfirmation(
                    accountant, cycleID: id,
                    rows: [
                        ["line_id", "status", "reason"], [String(lines[0].id), "paid", ""], ["999999", "paid", ""],
                        [String(lines[1].id), "unpaid", ""],
                    ])
                Issue.record("a bad confirmation file was accepted")
            } catch AppError.validation(let errors) {
                #expect(errors.count == 2)
                #expect(errors.map(\.message.args["row"]).contains("3"))
                #expect(errors.map(\.message.args["row"]).contains("4"))
            }
            #expect(try await repo.cycle(officer, id).balance.open == 2_000_000)
            // Closing before everything is settled is refused.
            await #expect(throws: AppError.self) { _ = try await repo.close(accountant, cycleID: id) }
            _ = try await repo.importConfirmation(
                accountant, cycleID: id,
                rows: [
                    ["line_id", "status", "reason"], [String(lines[0].id), "paid", ""],
                    [String(lines[1].id), "returned", "sai tài khoản"],
                ])
            _ = try await repo.close(accountant, cycleID: id)
            let closed = try await repo.cycle(officer, id)
            #expect(closed.balance.paid == 1_000_000 && closed.balance.returned == 1_000_000 && closed.balance.balances)
            // The returned month is issued again next month, with October.
            let next = try await repo.generate(accountant, communeID: ward, month: YearMonth(iso: "2026-10")!)
            #expect(try await repo.cycle(officer, next).balance.issued == 2_000_000)
            // The database refuses a second payment line for the same person × ledger × month.
            await #expect(throws: (any Error).self) {
                try await (store.db as! any SQLDatabase).raw(
                    """
                    INSERT INTO payment_lines (cycle_id, person_id, benefit, month, kind, amount, recipient_kind, channel, status)
                    VALUES (\(bind: next), \(bind: p), 'allowance', '2026-10', 'pay', 1000000, 'person', 'cash', 'issued')
                    """
                ).run()
            }
        }
    }

    /// Moving to another ward: stopped here from the month after the move, started there from
    /// the same month — no gap and no double month.
    @Test(arguments: TestDatabase.all)
    func moveToAnotherWard(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let chairman = try await demoActor(store, "lanhdao.khuongdinh")
            let hanoi = try await OrgUnitModel.query(on: store.db).filter(\.$code == "01").first()!.id!
            let ward = try await OrgUnitModel.query(on: store.db).filter(\.$code == "00364").first()!.id!
            let other = try await UnitRepository(store).create(
                .system, UnitInput(code: "00367", name: "Phường Kim Liên", kind: "commune", parentID: hanoi, areaType: .urban))
            let p = try await demoRecipients(store, count: 1)[0]
            try await setFacts(store, p, birth: "1975-01-01", disability: .severe, certificate: "2018-01-01")
            var d = DecisionInput(personID: p)
            d.number = "01/QĐ-UBND"; d.signedDate = "2024-01-05"
            _ = try await DecisionRepository(store).decide(chairman, d)
            for m in ["2024-01", "2024-02", "2024-03"] { try await runCycle(store, commune: ward, month: m) }
            // Moves on 20 March: March is paid here, nothing from April.
            var stop = DecisionInput(personID: p)
            stop.kind = .stop; stop.reason = "moved"; stop.number = "05/QĐ-UBND"; stop.signedDate = "2024-03-25"; stop.eventDate = "2024-03-20"
            _ = try await DecisionRepository(store).decide(chairman, stop)
            let household = try await MembershipModel.query(on: store.db).filter(\.$personID == p).filter(\.$endDate == nil).first()!.householdID
            try await RegistryRepository(store).moveHousehold(
                .system, id: household, address: "Số 5 Kim Liên", communeID: other.id, groupID: nil,
                on: LocalDate(iso: "2024-03-20")!)
            // Starting there from March would pay March twice: refused.
            var start = DecisionInput(personID: p)
            start.number = "01/QĐ-UBND"; start.signedDate = "2024-04-02"; start.eventDate = "2024-03-20"
            await #expect(throws: AppError.self) { try await DecisionRepository(store).decide(.system, start) }
            start.eventDate = "2024-04-01"
            _ = try await DecisionRepository(store).decide(.system, start)
            try await runCycle(store, commune: ward, month: "2024-04")
            let there = try await PayrollRepository(store).generate(.system, communeID: other.id, month: YearMonth(iso: "2024-04")!)
            let months = try await (store.db as! any SQLDatabase).raw(
                """
                SELECT l.month, c.commune_id FROM payment_lines l JOIN payment_cycles c ON c.id = l.cycle_id WHERE l.person_id = \(bind: p) ORDER BY l.month
                """
            ).all().map { (try $0.decode(column: "month", as: String.self), try $0.decode(column: "commune_id", as: UUID.self)) }
            #expect(months.map(\.0) == ["2024-01", "2024-02", "2024-03", "2024-04"])
            #expect(months.map(\.1) == [ward, ward, ward, other.id])
            #expect(try await PayrollRepository(store).cycle(.system, there).balance.issued == 540_000)  // 1.5 × 360,000
        }
    }

    /// The whole journey through the web pages: an application received, reviewed and posted by
    /// the officer, signed by the chairman, the letter printed, the cycle prepared by the
    /// accountant, approved by the chairman, ticked off on the signature list and closed.
    @Test func journeyThroughThePages() async throws {
        let clock = TestClock()
        try await withAnsinh(.sqlite, clock: clock) { (app: Application) async throws in
            let store = app.store
            let p = try await demoRecipients(store, count: 1)[0]
            // Especially severe disability, child: 2.5 × 500,000 = 1,250,000 (Decree 20 Art. 6(6)).
            try await setFacts(store, p, birth: "2016-04-04", disability: .especiallySevere, certificate: "2026-08-10")
            let officer = TestBrowser(app)
            try await officer.login("canbo.khuongdinh")
            try await officer.get("/registry/persons/\(p)/decisions")
            #expect(officer.lastStatus == 200)
            #expect(officer.lastBody.contains("Tiếp nhận hồ sơ đề nghị"))
            // A bank transfer without an account is refused, naming the field.
            try await officer.post(
                "/registry/persons/\(p)/applications",
                [
                    ("benefit", "allowance"), ("form_type", "1d"), ("received_date", "2026-09-01"),
                    ("documents[]", "declaration"), ("recipient_kind", "guardian"),
                    ("recipient_name", "Trần Thị Mẹ"), ("channel", "bank"), ("account", ""),
                ])
            try await officer.get(officer.lastLocation!)
            #expect(officer.lastBody.contains("Chuyển khoản cần số tài khoản"))
            try await officer.post(
                "/registry/persons/\(p)/applications",
                [
                    ("benefit", "allowance"), ("form_type", "1d"), ("received_date", "2026-09-01"),
                    ("documents[]", "declaration"), ("documents[]", "disability_certificate"),
                    ("recipient_kind", "guardian"), ("recipient_name", "Trần Thị Mẹ"), ("channel", "cash"),
                ])
            #expect(officer.lastStatus == 303)
            let application = officer.lastLocation!
            try await officer.get(application)
            try await officer.post(application + "/review", [])
            try await officer.get(application)
            #expect(officer.lastBody.contains("1.250.000 ₫"))
            #expect(officer.lastBody.contains("Giấy xác nhận khuyết tật"))
            // Received after July 2025: no posting (Decree 147/2025 Art. 5), the decision due in
            // 10 working days — 2 September is National Day, so Wednesday 16 September.
            #expect(officer.lastBody.contains("không niêm yết"))
            #expect(officer.lastBody.contains("16/09/2026"))
            try await officer.post(application + "/posting", [("posting_start", "2026-09-10"), ("objections", "")])
            #expect(officer.lastStatus == 409 || officer.lastStatus == 303)

            try await officer.get("/")
            #expect(officer.lastBody.contains("Hồ sơ đề nghị đang xử lý: 1"))
            let chairman = TestBrowser(app)
            try await chairman.login("lanhdao.khuongdinh")
            try await chairman.get(application)
            try await chairman.post(application + "/decision", [("number", "45/QĐ-UBND"), ("signed_date", "2026-09-15")])
            let decision = chairman.lastLocation!
            #expect(decision.hasPrefix("/allowances/decisions/"))
            try await chairman.get(decision + "/letter")
            #expect(chairman.lastBody.contains("Theo Quyết định số 45/QĐ-UBND"))
            #expect(chairman.lastBody.contains("1.250.000 ₫/tháng kể từ tháng 2026-09"))

            let accountant = TestBrowser(app)
            try await accountant.login("ketoan.khuongdinh")
            let ward = try await UnitRepository(store).find(code: "00364")!.id.uuidString
            try await accountant.get("/payments")
            try await accountant.post("/payments/generate", [("commune_id", ward), ("month", "2026-09")])
            let cycle = accountant.lastLocation!
            try await accountant.get(cycle)
            #expect(accountant.lastBody.contains("1.250.000 ₫"))
            try await accountant.post(cycle + "/submit", [])
            try await chairman.get("/")
            #expect(chairman.lastBody.contains("Chờ phê duyệt"))
            #expect(chairman.lastBody.contains("đến lượt bạn"))
            #expect(chairman.lastBody.contains("Hồ sơ đề nghị đang xử lý: 0"))
            try await chairman.get(cycle)
            try await chairman.post(cycle + "/approve", [])
            try await accountant.get(cycle + "/signatures")
            #expect(accountant.lastBody.contains("Người nhận 0"))
            #expect(accountant.lastBody.contains("Trần Thị Mẹ"))
            #expect(accountant.lastBody.contains("Tổng cộng: 1.250.000 ₫ cho 1 người."))
            try await accountant.get(cycle + "/export.csv?channel=cash")
            let csv = accountant.lastBody
            #expect(csv.contains(",2026-09,pay,1250000,guardian,Trần Thị Mẹ,cash,,issued,,D20-5.6"))
            let line = csv.split(whereSeparator: \.isNewline)[1].split(separator: ",")[0].trimmingCharacters(in: .whitespaces)
            try await accountant.get(cycle)
            try await accountant.post(cycle + "/settle", [("line[\(line)]", "paid"), ("reason[\(line)]", "")])
            try await accountant.get(cycle)
            try await accountant.post(cycle + "/close", [])
            try await accountant.get(cycle)
            #expect(accountant.lastBody.contains("Đã khóa sổ"))
            #expect(accountant.lastBody.contains("Khớp: đã cấp = đã chi + chuyển kỳ sau + hoàn trả."))
        }
    }

    /// The server prepares the month's cycles itself on the configured day, once.
    @Test func scheduledPreparationIsIdempotent() async throws {
        try await withAnsinh(.sqlite) { (app: Application) async throws in
            let store = app.store
            let p = try await demoRecipients(store, count: 1)[0]
            try await setFacts(store, p, birth: "1975-01-01", disability: .severe, certificate: "2018-01-01")
            var d = DecisionInput(personID: p)
            d.number = "07/QĐ-UBND"; d.signedDate = "2026-09-02"
            _ = try await DecisionRepository(store).decide(try await demoActor(store, "lanhdao.khuongdinh"), d)
            let made = try await Operations.prepareDuePayroll(app)  // the test clock is 21 September 2026; the day is the 1st
            #expect(made.count == 1)
            #expect(try await PayrollRepository(store).cycle(.system, made[0]).balance.issued == 750_000)
            #expect(try await Operations.prepareDuePayroll(app).isEmpty)
        }
        #expect(throws: ConfigurationError.self) {
            _ = try AppConfiguration.fromEnvironment(["ANSINH_PAYROLL_DAY": "31"]) { "x" }
        }
        #expect(try AppConfiguration.fromEnvironment(["ANSINH_PAYROLL_DAY": "5"]) { "x" }.payrollDay == 5)
    }

    /// "No one missed": the monthly run set against the decisions — who appears eligible with
    /// nothing decided, who is paid but no longer appears eligible, who is paid another amount.
    @Test(arguments: TestDatabase.all)
    func runComparedWithDecisions(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let chairman = try await demoActor(store, "lanhdao.khuongdinh")
            let officer = try await demoActor(store, "canbo.khuongdinh")
            let ids = try await demoRecipients(store, count: 4)
            let (paid, missed, gone, changed) = (ids[0], ids[1], ids[2], ids[3])
            for p in ids { try await setFacts(store, p, birth: "1975-01-01", disability: .severe, certificate: "2018-01-01") }
            for (i, p) in [paid, gone, changed].enumerated() {
                var d = DecisionInput(personID: p)
                d.number = "\(i + 1)/QĐ-UBND"; d.signedDate = "2026-09-01"
                _ = try await DecisionRepository(store).decide(chairman, d)
            }
            // After the decisions: one recovers, one's disability becomes especially severe.
            try await setFacts(store, gone, birth: "1975-01-01", disability: .none, certificate: nil)
            try await setFacts(store, changed, birth: "1975-01-01", disability: .especiallySevere, certificate: "2026-08-01")
            let repo = EligibilityRepository(store)
            let run = try await repo.run(officer, month: YearMonth(iso: "2026-09")!)
            let all = try await repo.results(officer, runID: run.id, page: PageSpec(page: 1)).1.items
            #expect(all.first { $0.personID == paid }?.status == "paid")
            #expect(all.first { $0.personID == missed }?.status == "missed")
            let onlyMissed = try await repo.results(officer, runID: run.id, page: PageSpec(page: 1), filter: .missed).1
            #expect(onlyMissed.items.map(\.personID).contains(missed))
            #expect(!onlyMissed.items.map(\.personID).contains(paid))
            let m = try await repo.mismatches(officer, runID: run.id)
            #expect(m.noLonger.map(\.personID) == [gone])
            #expect(m.noLonger.first?.paid == 750_000)
            #expect(m.different.map(\.personID) == [changed])
            #expect(m.different.first?.evaluated == 1_000_000)  // 2.0 × 500,000
            // An application being handled moves the person from "missed" to "pending".
            var a = ApplicationInput(personID: missed)
            a.formType = "1d"; a.receivedDate = "2026-09-10"
            _ = try await DecisionRepository(store).receive(officer, a)
            #expect(try await repo.results(officer, runID: run.id, page: PageSpec(page: 1)).1.items.first { $0.personID == missed }?.status == "pending")
        }
    }
}
