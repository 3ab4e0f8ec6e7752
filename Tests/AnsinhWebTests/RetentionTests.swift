import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import AnsinhWeb

/// Retention of the hotline's contacts (Law 91/2025/QH15; issue 26): on a moving clock, contacts
/// past the rule file's years lose what names the caller and keep what the report counts — its
/// totals do not move; a legal hold and a case keep a contact whole; the listing changes
/// nothing; a run is audited and a second one finds nothing.
@Suite("Retention")
struct RetentionTests {
    @Test(arguments: TestDatabase.all)
    func contactsPastRetentionAreAnonymisedAndTheReportStays(db: TestDatabase) async throws {
        let clock = TestClock()
        try await withAnsinh(db, clock: clock) { (app: Application) async throws in
            let store = app.store
            let zone = app.ansinh.config.timeZone
            _ = try await DemoData.loadHotline(store)
            let worker = try await demoActor(store, "ctxh.quangninh")
            let hotline = HotlineRepository(store)
            let repo = RetentionRepository(store)
            #expect(RetentionRepository.rule.years == 5)
            let all = try await HotlineContactModel.query(on: store.db).sort(\.$at).all()
            let years = Set(all.map { Calendar(identifier: .gregorian).component(.year, from: $0.at) })
            let centre = try await OrgUnitModel.find(worker.unitID!, on: store.db)!.code
            let report = { try await hotline.report(worker, unitCode: centre, year: years.min()!, month: nil) }
            let before = try await report()
            #expect(before.contacts > 100)
            // Today nothing is due.
            #expect(try await repo.plan(.hotline, zone: zone).due == 0)
            #expect(try await repo.run(.hotline, .system, zone: zone) == 0)

            // One contact under legal hold, one with a summary kept in view.
            let withData = all.filter { $0.nonData == nil && $0.caseID == nil }
            let held = withData[0], plain = withData[1]
            try await repo.hold(worker, HotlineContactModel.self, id: held.id!, reason: "Thanh tra 2031")
            await #expect(throws: AppError.invalid("reason", "validation.required_text", ["max": "500"])) {
                try await repo.hold(worker, HotlineContactModel.self, id: plain.id!, reason: "  ")
            }
            let linked = all.filter { $0.caseID != nil }.count

            // Six years on, everything from the demo year is due, except the held and the linked.
            clock.advance(minutes: 6 * 366 * 24 * 60)
            let plan = try await repo.plan(.hotline, zone: zone)
            #expect(plan.held == 1 && plan.withCase == linked)
            #expect(plan.due == all.count - 1 - linked)
            #expect(plan.sample.count == min(20, plan.due))
            #expect(try await HotlineContactModel.query(on: store.db).filter(\.$anonymisedAt != nil).count() == 0)
            let n = try await repo.run(.hotline, .system, zone: zone, batch: 97)
            #expect(n == plan.due)
            #expect(try await repo.run(.hotline, .system, zone: zone) == 0)
            #expect(try await repo.plan(.hotline, zone: zone).due == 0)

            let after = try await report()
            #expect(after == before)
            let anonymised = try await hotline.get(worker, id: plain.id!)
            #expect(anonymised.summary == nil && anonymised.place == nil && anonymised.subtopic == nil && anonymised.anonymisedAt != nil)
            #expect(anonymised.topic == plain.topic && anonymised.channel.rawValue == plain.channel)
            #expect(try await HotlineContactModel.find(plain.id!, on: store.db)?.callerKey == nil)
            let kept = try await hotline.get(worker, id: held.id!)
            #expect(kept.summary == held.summary && kept.legalHold == "Thanh tra 2031" && kept.anonymisedAt == nil)
            await #expect(throws: AppError.conflict(Message("retention.error.anonymised"))) {
                try await repo.hold(worker, HotlineContactModel.self, id: plain.id!, reason: "Quá muộn")
            }
            // Released, the held one goes at the next run.
            try await repo.hold(worker, HotlineContactModel.self, id: held.id!, reason: nil)
            #expect(try await repo.run(.hotline, .system, zone: zone) == 1)
            let audited = try await AuditEntryModel.query(on: store.db).filter(\.$action == "anonymise").count()
            #expect(audited == n + 1)
            #expect(try await AuditChain.verify(on: store.db) == .ok(entries: try await AuditEntryModel.query(on: store.db).count()))
        }
    }
}

/// Retention of closed cases: their years after the closing, a case loses the story and the
/// names and keeps what the centre report counts.
@Suite("Case retention")
struct CaseRetentionTests {
    @Test(arguments: TestDatabase.all)
    func closedCasesPastRetentionAreAnonymisedAndTheFiguresStay(db: TestDatabase) async throws {
        let clock = TestClock()
        try await withAnsinh(db, clock: clock) { (app: Application) async throws in
            let store = app.store
            let zone = app.ansinh.config.timeZone
            _ = try await DemoData.loadCases(store)
            _ = try await DemoData.loadHotline(store)
            let worker = try await demoActor(store, "ctxh.quangninh")
            let repo = RetentionRepository(store), cases = CaseRepository(store)
            #expect(RetentionRepository.caseRule.years == 10)
            let centre = try await OrgUnitModel.find(worker.unitID!, on: store.db)!.code
            let before = try await cases.figures(worker, unitCode: centre, year: 2025)
            let closed = try await CaseModel.query(on: store.db).filter(\.$status == "closed").sort(\.$number).all()
            #expect(closed.count == 22)
            #expect(try await repo.plan(.cases, zone: zone).due == 0)

            // One closed case under legal hold (through the API), then eleven years on.
            let token = try await apiToken(store, "ctxh.quangninh")
            var res = try await apiRequest(app, .POST, "/api/v1/cases/\(closed[0].id!)/hold", token: token, json: #"{"reason":"Tòa án yêu cầu giữ"}"#)
            #expect(res.status == .ok)
            #expect(jsonObject(res)["legal_hold"] as? String == "Tòa án yêu cầu giữ")
            clock.advance(minutes: 11 * 366 * 24 * 60)
            let plan = try await repo.plan(.cases, zone: zone)
            #expect(plan.due == 21 && plan.held == 1)
            #expect(try await repo.run(.cases, .system, zone: zone, batch: 7) == 21)
            #expect(try await repo.run(.cases, .system, zone: zone) == 0)
            #expect(try await cases.figures(worker, unitCode: centre, year: 2025) == before)

            let gone = closed[1]
            let after = try await CaseModel.find(gone.id!, on: store.db)!
            #expect(after.personID == nil && after.personName == "" && after.riskReason == "" && after.assessment == nil && after.anonymisedAt != nil)
            #expect(after.kind == gone.kind && after.outcome == gone.outcome && after.personBirthYear == gone.personBirthYear)
            let ids = closed.dropFirst().map { $0.id! }
            #expect(try await CaseEntryModel.query(on: store.db).filter(\.$caseID ~~ ids).all().allSatisfy { $0.text == "" })
            #expect(try await CaseDocumentModel.query(on: store.db).filter(\.$caseID ~~ ids).count() == 0)
            #expect(try await HotlineContactModel.query(on: store.db).filter(\.$caseID ~~ ids).filter(\.$anonymisedAt == nil).count() == 0)
            let kept = try await CaseModel.find(closed[0].id!, on: store.db)!
            #expect(kept.personName == closed[0].personName && kept.riskReason == closed[0].riskReason && kept.anonymisedAt == nil)
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action == "anonymise").filter(\.$entity == "case").count() == 21)
            // (The first token expired with the years; a new one.)
            res = try await apiRequest(
                app, .POST, "/api/v1/cases/\(gone.id!)/hold", token: try await apiToken(store, "ctxh.quangninh"), json: #"{"reason":"Quá muộn"}"#)
            #expect(res.status == .conflict)

            // The pages say so; released, the held case goes at the next run.
            let browser = TestBrowser(app)
            try await browser.login("ctxh.quangninh")
            #expect(try await browser.get("/cases/\(gone.id!)").body.string.contains("Đã ẩn danh lúc"))
            #expect(try await browser.get("/cases/\(closed[0].id!)").body.string.contains("Tòa án yêu cầu giữ"))
            _ = try await browser.post("/cases/\(closed[0].id!)/hold", [("reason", "")])
            #expect(browser.lastStatus == 303)
            #expect(try await repo.run(.cases, .system, zone: zone) == 1)
            #expect(try await AuditChain.verify(on: store.db) == .ok(entries: try await AuditEntryModel.query(on: store.db).count()))
        }
    }
}

/// Retention of the residents who left: their years after the discharge, a stay loses the name,
/// the notes, the medicines, the health and therapy records, and keeps what the reports count.
@Suite("Resident retention")
struct ResidentRetentionTests {
    @Test(arguments: TestDatabase.all)
    func formerResidentsPastRetentionAreAnonymisedAndTheFiguresStay(db: TestDatabase) async throws {
        let clock = TestClock()
        try await withAnsinh(db, clock: clock) { (app: Application) async throws in
            let store = app.store
            let zone = app.ansinh.config.timeZone
            _ = try await DemoData.loadCases(store)
            _ = try await DemoData.loadCare(store)
            _ = try await DemoData.loadTherapy(store)
            _ = try await DemoData.loadContracts(store)
            _ = try await DemoData.loadCarePlans(store)
            let worker = try await demoActor(store, "ctxh.quangninh")
            let repo = RetentionRepository(store), care = CareRepository(store)
            #expect(RetentionRepository.careRule.years == 10)
            let centre = try await OrgUnitModel.find(worker.unitID!, on: store.db)!.code
            let before = try await care.figures(worker, unitCode: centre, year: 2025)
            let therapyBefore = try await TherapyRepository(store).figures(worker, unitCode: centre, year: 2025)
            let left = try await CareResidentModel.query(on: store.db).filter(\.$status == "discharged").sort(\.$dischargedOn).all()
            let inCare = try await CareResidentModel.query(on: store.db).filter(\.$status == "in_care").count()
            #expect(left.count >= 2 && inCare > 0)
            #expect(try await repo.plan(.residents, zone: zone).due == 0)

            let token = try await apiToken(store, "ctxh.quangninh")
            var res = try await apiRequest(
                app, .POST, "/api/v1/care/residents/\(left[0].id!)/hold", token: token, json: #"{"reason":"Thanh tra tỉnh"}"#)
            #expect(res.status == .ok)
            #expect(jsonObject(res)["legal_hold"] as? String == "Thanh tra tỉnh")
            clock.advance(minutes: 11 * 366 * 24 * 60)
            let plan = try await repo.plan(.residents, zone: zone)
            #expect(plan.due == left.count - 1 && plan.held == 1)
            #expect(try await repo.run(.residents, .system, zone: zone, batch: 3) == left.count - 1)
            #expect(try await repo.run(.residents, .system, zone: zone) == 0)
            #expect(try await care.figures(worker, unitCode: centre, year: 2025) == before)
            #expect(try await TherapyRepository(store).figures(worker, unitCode: centre, year: 2025) == therapyBefore)

            let ids = left.dropFirst().map { $0.id! }
            let gone = try await CareResidentModel.find(ids[0], on: store.db)!
            #expect(gone.fullName == "" && gone.personID == nil && gone.anonymisedAt != nil && gone.basis == left[1].basis)
            #expect(try await CareLogModel.query(on: store.db).filter(\.$residentID ~~ ids).all().allSatisfy { $0.note == "" })
            #expect(try await CareHealthModel.query(on: store.db).filter(\.$residentID ~~ ids).all().allSatisfy { $0.summary == "" })
            #expect(try await CarePrescriptionModel.query(on: store.db).filter(\.$residentID ~~ ids).all().allSatisfy { $0.drug == "" })
            #expect(try await TherapyEnrolmentModel.query(on: store.db).filter(\.$residentID ~~ ids).all().allSatisfy { $0.diagnosis == "" })
            #expect(try await CareContractModel.query(on: store.db).filter(\.$residentID ~~ ids).all().allSatisfy { $0.payerPhone == "" })
            let kept = try await CareResidentModel.find(left[0].id!, on: store.db)!
            #expect(kept.fullName == left[0].fullName && kept.anonymisedAt == nil)
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action == "anonymise").filter(\.$entity == "care_resident").count() == ids.count)
            res = try await apiRequest(
                app, .POST, "/api/v1/care/residents/\(ids[0])/hold", token: try await apiToken(store, "ctxh.quangninh"), json: #"{"reason":"Muộn"}"#)
            #expect(res.status == .conflict)

            let browser = TestBrowser(app)
            try await browser.login("ctxh.quangninh")
            #expect(try await browser.get("/care/residents/\(ids[0])").body.string.contains("Đã ẩn danh lúc"))
            #expect(try await browser.get("/care/residents/\(left[0].id!)").body.string.contains("Thanh tra tỉnh"))
            _ = try await browser.post("/care/residents/\(left[0].id!)/hold", [("reason", "")])
            #expect(browser.lastStatus == 303)
            #expect(try await repo.run(.residents, .system, zone: zone) == 1)
            #expect(try await AuditChain.verify(on: store.db) == .ok(entries: try await AuditEntryModel.query(on: store.db).count()))
        }
    }
}

/// Retention of the poverty reviews: a decided campaign's surveys lose the incomes, the
/// deprivations and the names their years after the decision; the households' official classes,
/// the campaign's progress and the poverty report stay as they were; a legal hold keeps them whole.
@Suite("Review retention")
struct ReviewRetentionTests {
    @Test(arguments: TestDatabase.all)
    func decidedReviewsPastRetentionLoseTheSurveysAndKeepTheClasses(db: TestDatabase) async throws {
        let clock = TestClock()
        try await withAnsinh(db, clock: clock) { (app: Application) async throws in
            let store = app.store
            let zone = app.ansinh.config.timeZone
            _ = try await DemoData.loadHouseholds(store, today: store.today)
            _ = try await DemoData.loadCircumstances(store)
            #expect(try await DemoData.loadReview(store) == 6)
            let officer = try await demoActor(store, "canbo.khuongdinh")
            let repo = RetentionRepository(store), reports = ReviewReports(store)
            #expect(RetentionRepository.reviewRule.years == 5)
            let campaign = try await ReviewCampaignModel.query(on: store.db).first()!
            let id = campaign.id!
            let report = try await reports.ward(officer, period: 2025)
            let classes = try await HouseholdClassificationModel.query(on: store.db).sort(\.$householdID).all().map { "\($0.householdID):\($0.povertyClass)" }
            #expect(try await repo.plan(.reviews, zone: zone).due == 0)

            // Under legal hold over the API; six years on it is kept whole, then released on the page.
            let token = try await apiToken(store, "canbo.khuongdinh")
            var res = try await apiRequest(app, .POST, "/api/v1/review/campaigns/\(id)/hold", token: token, json: #"{"reason":"Khiếu nại đang giải quyết"}"#)
            #expect(res.status == .ok)
            #expect((jsonObject(res)["campaign"] as? [String: Any])?["legal_hold"] as? String == "Khiếu nại đang giải quyết")
            clock.advance(minutes: 6 * 366 * 24 * 60)
            var plan = try await repo.plan(.reviews, zone: zone)
            #expect(plan.due == 0 && plan.held == 1)
            #expect(try await repo.run(.reviews, .system, zone: zone) == 0)
            let browser = TestBrowser(app)
            try await browser.login("canbo.khuongdinh")
            #expect(try await browser.get("/review/campaigns/\(id)").body.string.contains("Khiếu nại đang giải quyết"))
            _ = try await browser.post("/review/campaigns/\(id)/hold", [("reason", "")])
            #expect(browser.lastStatus == 303)
            plan = try await repo.plan(.reviews, zone: zone)
            #expect(plan.due == 1 && plan.sample == [id])
            #expect(try await repo.run(.reviews, .system, zone: zone) == 1)
            #expect(try await repo.run(.reviews, .system, zone: zone) == 0)

            let entries = try await ReviewEntryModel.query(on: store.db).filter(\.$campaignID == id).all()
            #expect(entries.count == 6 && entries.allSatisfy { $0.incomePerPerson == nil && $0.deprivations == "" && $0.collector == nil })
            #expect(entries.filter { $0.povertyClass == "near_poor" }.count == 3)
            let official = try await HouseholdClassificationModel.query(on: store.db).all()
            #expect(official.allSatisfy { $0.incomePerPerson == nil && $0.deprivations == "" && $0.reasons == "" })
            #expect(
                official.sorted { $0.householdID.uuidString < $1.householdID.uuidString }.map { "\($0.householdID):\($0.povertyClass)" } == classes.sorted())
            let after = try await reports.ward(officer, period: 2025)
            #expect(after.totals == report.totals && after.poorEntries == report.poorEntries && after.nearPoorEntries == report.nearPoorEntries)
            #expect(try await ReviewMeetingModel.query(on: store.db).filter(\.$campaignID == id).all().allSatisfy { $0.note == nil })
            #expect(
                try await AuditEntryModel.query(on: store.db).filter(\.$action == "anonymise").filter(\.$entity == "review_campaign").count() == 1)
            // The page says so, and the progress still counts every household surveyed.
            let page = try await browser.get("/review/campaigns/\(id)").body.string
            #expect(page.contains("Đã ẩn danh lúc") && page.contains("6/6"))
            // A token lasts less than six years: a new one.
            res = try await apiRequest(
                app, .POST, "/api/v1/review/campaigns/\(id)/hold", token: try await apiToken(store, "canbo.khuongdinh"), json: #"{"reason":"Muộn"}"#)
            #expect(res.status == .conflict)
            #expect(try await AuditChain.verify(on: store.db) == .ok(entries: try await AuditEntryModel.query(on: store.db).count()))
        }
    }
}

/// Retention of allowance files and payment cycles (privacy.json `retention.allowance`,
/// `retention.payment`): an ended file loses the facts, representative and account, a closed
/// cycle of an old year its lines' payment details; amounts, outcomes and the payment report
/// stay; an open ledger, a held decision and a held cycle are kept whole.
@Suite("Allowance and payment retention")
struct AllowanceRetentionTests {
    @Test(arguments: TestDatabase.all)
    func endedAllowanceFilesAndOldCyclesLosePaymentDetailsAndKeepTheBooks(db: TestDatabase) async throws {
        let clock = TestClock()
        try await withAnsinh(db, clock: clock) { (app: Application) async throws in
            let store = app.store
            let zone = app.ansinh.config.timeZone
            let officer = try await demoActor(store, "canbo.khuongdinh"), chairman = try await demoActor(store, "lanhdao.khuongdinh")
            let ward = try await UnitRepository(store).find(code: "00364")!.id
            let people = try await demoRecipients(store, count: 2)
            let (a, b) = (people[0], people[1])
            let decisions = DecisionRepository(store), repo = RetentionRepository(store)
            #expect(RetentionRepository.allowanceRule.years == 10 && RetentionRepository.paymentRule.years == 10)
            // A is paid through a guardian's bank account, from February 2024; B is paid in cash.
            try await setFacts(store, a, birth: "1980-05-10", disability: .especiallySevere, certificate: "2024-02-01")
            var input = ApplicationInput(personID: a)
            input.formType = "1d"; input.receivedDate = "2024-02-20"; input.documents = ["declaration", "disability_certificate"]
            input.recipientKind = "guardian"; input.recipientName = "Người giám hộ A"; input.channel = "bank"; input.account = "0123456789"
            let appID = try await decisions.receive(officer, input)
            try await decisions.review(officer, applicationID: appID)
            try await decisions.post(officer, applicationID: appID, start: "2024-02-26", objections: "Một ý kiến của hàng xóm")
            let aStart = try await decisions.decide(chairman, applicationID: appID, number: "01/QĐ-UBND", signedDate: "2024-03-05")
            let bStart = try await grantAllowance(store, b, number: "02/QĐ-UBND")
            var cycles = [try await runCycle(store, commune: ward, month: "2024-03"), try await runCycle(store, commune: ward, month: "2024-04", unpaid: [b])]
            // A moves away in April: the file ends with May, the first month no longer paid.
            var stop = DecisionInput(personID: a)
            stop.kind = .stop; stop.reason = "moved"; stop.number = "05/QĐ-UBND"; stop.signedDate = "2024-04-22"; stop.eventDate = "2024-04-15"
            let aStop = try await decisions.decide(chairman, stop)
            cycles.append(try await runCycle(store, commune: ward, month: "2024-05"))
            let s = store.db as! any SQLDatabase
            func detailed() async throws -> Int {
                try await s.raw("SELECT COUNT(*) AS n FROM payment_lines WHERE recipient_name IS NOT NULL OR account IS NOT NULL OR reason IS NOT NULL")
                    .first()!.decode(column: "n", as: Int.self)
            }
            #expect(try await detailed() > 0)
            let lines = try await s.raw("SELECT COUNT(*) AS n FROM payment_lines").first()!.decode(column: "n", as: Int.self)
            let (paidA, paidB) = (try await paidTotal(store, a), try await paidTotal(store, b))
            #expect(paidA > 0 && paidB > 0)
            let report = try await PaymentReportRepository(store).report(officer, year: 2024)
            #expect(try await repo.plan(.allowanceFiles, zone: zone).due == 0)
            #expect(try await repo.plan(.payments, zone: zone).due == 0)

            // A complaint keeps A's decision whole (API); an inspection keeps March's cycle (page).
            let token = try await apiToken(store, "canbo.khuongdinh")
            var res = try await apiRequest(app, .POST, "/api/v1/decisions/\(aStart)/hold", token: token, json: #"{"reason":"Khiếu nại về mức hưởng"}"#)
            #expect(res.status == .ok)
            #expect(jsonObject(res)["legal_hold"] as? String == "Khiếu nại về mức hưởng")
            // Its application is held with it, not on its own.
            res = try await apiRequest(app, .POST, "/api/v1/applications/\(appID)/hold", token: token, json: #"{"reason":"Khiếu nại"}"#)
            #expect(res.status == .conflict)
            #expect(try await AllowanceApplicationModel.find(appID, on: store.db)!.legalHold == nil)
            let accountant = TestBrowser(app)
            try await accountant.login("ketoan.khuongdinh")
            _ = try await accountant.post("/payments/cycles/\(cycles[0].id)/hold", [("reason", "Thanh tra tài chính 2024")])
            #expect(accountant.lastStatus == 303)

            // Eleven years on: A's file ended (stop decision due, start held); B is still paid.
            clock.advance(minutes: 11 * 366 * 24 * 60)
            let files = try await repo.plan(.allowanceFiles, zone: zone), books = try await repo.plan(.payments, zone: zone)
            #expect(files.due == 1 && files.held == 1 && files.sample == [aStop])
            #expect(books.due == 2 && books.held == 1)
            #expect(try await repo.run(.allowanceFiles, .system, zone: zone) == 1)
            #expect(try await repo.run(.payments, .system, zone: zone) == 2)
            // The holds released (the page for the decision, the API for the cycle): the rest follows.
            let browser = TestBrowser(app)
            try await browser.login("canbo.khuongdinh")
            #expect(try await browser.get("/allowances/decisions/\(aStart)").body.string.contains("Khiếu nại về mức hưởng"))
            _ = try await browser.post("/allowances/decisions/\(aStart)/hold", [("reason", "")])
            #expect(browser.lastStatus == 303)
            res = try await apiRequest(
                app, .POST, "/api/v1/payments/cycles/\(cycles[0].id)/hold", token: try await apiToken(store, "ketoan.khuongdinh"), json: #"{"reason":null}"#)
            #expect(res.status == .ok)
            #expect(jsonObject(res)["month"] as? String == "2024-03" && jsonObject(res)["legal_hold"] as? String == nil)
            #expect(try await repo.run(.allowanceFiles, .system, zone: zone) == 1)
            #expect(try await repo.run(.payments, .system, zone: zone) == 1)
            #expect(try await repo.run(.allowanceFiles, .system, zone: zone) == 0)
            #expect(try await repo.run(.payments, .system, zone: zone) == 0)

            // A's file lost the facts, the representative, the account and the objections; the
            // amounts, months and categories stay. B's open file is whole.
            let aDecision = try await AllowanceDecisionModel.find(aStart, on: store.db)!
            #expect(aDecision.evaluation == "{}" && aDecision.recipientName == nil && aDecision.account == nil && aDecision.anonymisedAt != nil)
            #expect(aDecision.categories != "" && aDecision.monthlyAmount > 0)
            let application = try await AllowanceApplicationModel.find(appID, on: store.db)!
            #expect(application.evaluation == nil && application.recipientName == nil && application.account == nil && application.objections == nil)
            #expect(application.documents == "" && application.anonymisedAt != nil)
            let periods = try await AllowancePeriodModel.query(on: store.db).filter(\.$personID == a).all()
            #expect(!periods.isEmpty && periods.allSatisfy { $0.recipientName == nil && $0.account == nil })
            let bDecision = try await AllowanceDecisionModel.find(bStart, on: store.db)!
            #expect(bDecision.anonymisedAt == nil && bDecision.evaluation != "{}")
            #expect(try await decisions.decision(officer, aStart).evaluation == nil)
            // The books: every line kept with its amount and outcome, no payment detail left.
            #expect(try await detailed() == 0)
            #expect(try await s.raw("SELECT COUNT(*) AS n FROM payment_lines").first()!.decode(column: "n", as: Int.self) == lines)
            #expect(try await paidTotal(store, a) == paidA)
            #expect(try await paidTotal(store, b) == paidB)
            let after = try await PaymentReportRepository(store).report(officer, year: 2024)
            #expect(after.rows == report.rows && after.paid == report.paid && after.issued == report.issued)
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action == "anonymise").filter(\.$entity == "allowance_decision").count() == 2)
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action == "anonymise").filter(\.$entity == "payment_cycle").count() == 3)
            // The pages say so; a hold comes too late.
            #expect(try await browser.get("/allowances/decisions/\(aStart)").body.string.contains("Đã ẩn danh lúc"))
            try await accountant.login("ketoan.khuongdinh")
            #expect(try await accountant.get("/payments/cycles/\(cycles[2].id)").body.string.contains("Đã ẩn danh lúc"))
            res = try await apiRequest(
                app, .POST, "/api/v1/decisions/\(aStop)/hold", token: try await apiToken(store, "canbo.khuongdinh"), json: #"{"reason":"Muộn"}"#)
            #expect(res.status == .conflict)
            #expect(try await AuditChain.verify(on: store.db) == .ok(entries: try await AuditEntryModel.query(on: store.db).count()))
        }
    }

    /// A refused application opened no file: its years count from the refusal; it keeps what
    /// the list of applications shows and loses the review, the papers and the reasons.
    @Test(arguments: TestDatabase.all)
    func refusedApplicationsPastRetentionAreAnonymised(db: TestDatabase) async throws {
        let clock = TestClock()
        try await withAnsinh(db, clock: clock) { (app: Application) async throws in
            let store = app.store
            let zone = app.ansinh.config.timeZone
            let officer = try await demoActor(store, "canbo.khuongdinh"), chairman = try await demoActor(store, "lanhdao.khuongdinh")
            let people = try await demoRecipients(store, count: 2)
            let decisions = DecisionRepository(store), repo = RetentionRepository(store)
            var refused: [UUID] = []
            for (i, person) in people.enumerated() {
                var input = ApplicationInput(personID: person)
                input.formType = "1a"; input.receivedDate = "2024-06-0\(i + 3)"; input.documents = ["declaration"]
                input.recipientKind = "guardian"; input.recipientName = "Người nhận thay \(i)"; input.channel = "bank"; input.account = "99887766\(i)"
                let id = try await decisions.receive(officer, input)
                try await decisions.review(officer, applicationID: id)
                try await decisions.refuse(chairman, applicationID: id, reason: "Thu nhập bình quân vượt chuẩn hộ nghèo \(i)")
                refused.append(id)
            }
            let listed = try await decisions.applications(officer, status: .refused, page: PageSpec(page: 1, perPage: 50)).total
            #expect(try await repo.plan(.refusedApplications, zone: zone).due == 0)
            // The officer keeps the second whole (a complaint), from its page.
            let browser = TestBrowser(app)
            try await browser.login("canbo.khuongdinh")
            #expect(try await browser.get("/allowances/applications/\(refused[1])").body.string.contains("10 năm kể từ ngày từ chối"))
            _ = try await browser.post("/allowances/applications/\(refused[1])/hold", [("reason", "Khiếu nại <b>lần 2</b>")])
            #expect(browser.lastStatus == 303)

            clock.advance(minutes: 11 * 366 * 24 * 60)
            let plan = try await repo.plan(.refusedApplications, zone: zone)
            #expect(plan.due == 1 && plan.held == 1 && plan.sample == [refused[0]] && plan.records == "retention.records.refused_applications")
            #expect(repo.jobs.filter { $0.kind == .allowance }.count == 2)
            #expect(try await repo.run(.refusedApplications, .system, zone: zone) == 1)
            #expect(try await repo.run(.refusedApplications, .system, zone: zone) == 0)
            let gone = try await AllowanceApplicationModel.find(refused[0], on: store.db)!
            #expect(gone.evaluation == nil && gone.documents == "" && gone.recipientName == nil && gone.account == nil)
            #expect(gone.refusalReason == nil && gone.anonymisedAt != nil)
            #expect(gone.status == "refused" && gone.receivedDate == "2024-06-03" && gone.benefit == "allowance")
            let kept = try await AllowanceApplicationModel.find(refused[1], on: store.db)!
            #expect(kept.refusalReason == "Thu nhập bình quân vượt chuẩn hộ nghèo 1" && kept.account == "998877661" && kept.anonymisedAt == nil)
            // The list counts the same; the page says what went; the API tells, and a hold is too late.
            try await browser.login("canbo.khuongdinh")
            #expect(try await decisions.applications(officer, status: .refused, page: PageSpec(page: 1, perPage: 50)).total == listed)
            let page = try await browser.get("/allowances/applications/\(refused[0])").body.string
            #expect(page.contains("Đã ẩn danh lúc") && !page.contains("Người nhận thay 0") && !page.contains("vượt chuẩn hộ nghèo 0"))
            #expect(try await browser.get("/allowances/applications/\(refused[1])").body.string.contains("Khiếu nại &lt;b&gt;lần 2&lt;/b&gt;"))
            let token = try await apiToken(store, "canbo.khuongdinh")
            var res = try await apiRequest(app, .GET, "/api/v1/applications/\(refused[0])", token: token)
            #expect(jsonObject(res)["anonymised_at"] is String && jsonObject(res)["refusal_reason"] as? String == nil)
            res = try await apiRequest(app, .POST, "/api/v1/applications/\(refused[0])/hold", token: token, json: #"{"reason":"Muộn"}"#)
            #expect(res.status == .conflict)
            res = try await apiRequest(app, .POST, "/api/v1/applications/\(refused[1])/hold", token: token, json: #"{"reason":null}"#)
            #expect(res.status == .ok)
            #expect(jsonObject(res)["legal_hold"] as? String == nil && jsonObject(res)["status"] as? String == "refused")
            #expect(try await repo.run(.refusedApplications, .system, zone: zone) == 1)
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action == "anonymise").filter(\.$entity == "allowance_application").count() == 2)
            #expect(try await AuditChain.verify(on: store.db) == .ok(entries: try await AuditEntryModel.query(on: store.db).count()))
        }
    }
}

/// Retention of individual donors (privacy.json `retention.donation`): a person who gave nothing
/// for the years keeps a code for a name and loses their details and their gifts' notes and
/// references; the books and the public figures do not change; a firm, a recent donor and a
/// held donor are kept whole.
@Suite("Donor retention")
struct DonorRetentionTests {
    @Test(arguments: TestDatabase.all)
    func individualDonorsPastRetentionAreAnonymisedAndTheBooksStay(db: TestDatabase) async throws {
        let clock = TestClock()
        try await withAnsinh(db, clock: clock) { (app: Application) async throws in
            let store = app.store
            let zone = app.ansinh.config.timeZone
            let (manager, _, _) = try await CarePlanTests.centre(store)
            let funds = FundRepository(store), repo = RetentionRepository(store)
            #expect(RetentionRepository.donationRule.years == 10)
            let fund = try await FundTests.fund(store, manager)
            var d = DonorInput()
            d.kind = "individual"; d.name = "Bà Nguyễn Thị Hảo"; d.phone = "0912345678"; d.email = "hao@example.vn"; d.address = "Số 5 phố Hạ Long"
            let person = try await funds.addDonor(manager, d)
            d.name = "Ông Trần Văn Giữ"; d.phone = "0987654321"
            let held = try await funds.addDonor(manager, d)
            d.kind = "firm"; d.name = "Công ty Than Hạ Long"; d.phone = "02033825000"
            let firm = try await funds.addDonor(manager, d)
            let today = LocalDate(iso: "2026-09-21")!
            for (donor, amount) in [(person, "2000000"), (held, "3000000"), (firm, "10000000")] {
                var gift = FundTests.gift(amount, on: "2025-11-03", donor: donor)
                gift.note = "Chuyển khoản của \(amount)"
                _ = try await funds.recordReceipt(manager, fundID: fund, gift, today: today)
            }
            var promise = PledgeInput()
            promise.donorID = person; promise.amount = "1000000"; promise.pledgedOn = "2025-11-03"; promise.note = "Hứa tặng Tết"
            _ = try await funds.pledge(manager, fundID: fund, promise, today: today)
            let books = try await funds.fund(manager, id: fund)
            let figures = try await funds.figures(manager, unitCode: "22-TTTGXH", year: 2025, kind: .childProtection)
            #expect(figures.received == 15_000_000 && figures.donors == 3)
            #expect(try await repo.plan(.donors, zone: zone).due == 0)
            let token = try await apiToken(store, "giamdoc.quangninh")
            var res = try await apiRequest(app, .POST, "/api/v1/donors/\(held)/hold", token: token, json: #"{"reason":"Kiểm toán quỹ"}"#)
            #expect(res.status == .ok && jsonObject(res)["legal_hold"] as? String == "Kiểm toán quỹ")

            // Eleven years on: the two people are past their years, one held; the firm is kept.
            clock.advance(minutes: 11 * 366 * 24 * 60)
            let plan = try await repo.plan(.donors, zone: zone)
            #expect(plan.due == 1 && plan.held == 1 && plan.sample == [person])
            #expect(try await repo.run(.donors, .system, zone: zone) == 1)
            #expect(try await repo.run(.donors, .system, zone: zone) == 0)
            let gone = try await DonorModel.find(person, on: store.db)!
            #expect(gone.name == "#" + person.uuidString.prefix(8) && gone.phone == "" && gone.email == "" && gone.address == "" && gone.anonymous)
            #expect(gone.anonymisedAt != nil)
            let receipts = try await FundReceiptModel.query(on: store.db).filter(\.$donorID == person).all()
            #expect(receipts.count == 1 && receipts[0].note == "" && receipts[0].reference == "" && receipts[0].amount == 2_000_000)
            #expect(try await FundPledgeModel.query(on: store.db).filter(\.$donorID == person).first()?.note == "")
            #expect(try await DonorModel.find(held, on: store.db)!.phone == "0987654321")
            #expect(try await DonorModel.find(firm, on: store.db)!.phone == "02033825000")
            // The books and the public figures are as they were.
            let after = try await funds.fund(manager, id: fund)
            #expect(after.balances == books.balances && after.booksBalance)
            #expect(try await funds.figures(manager, unitCode: "22-TTTGXH", year: 2025, kind: .childProtection) == figures)
            // The page says so and offers no correction; a new gift must name the donor anew.
            let browser = TestBrowser(app)
            try await browser.login("giamdoc.quangninh")
            let page = try await browser.get("/donors/\(person)").body.string
            #expect(page.contains("Đã ẩn danh lúc") && !page.contains("Bà Nguyễn Thị Hảo") && !page.contains("0912345678"))
            await #expect(throws: AppError.conflict(Message("retention.error.anonymised"))) { try await funds.updateDonor(manager, id: person, d) }
            await #expect(throws: AppError.invalid("donor_id", "fund.error.donor_anonymised")) {
                _ = try await funds.recordReceipt(manager, fundID: fund, FundTests.gift("100000", on: store.today.iso, donor: person), today: store.today)
            }
            // Released on the page, the held donor follows.
            _ = try await browser.post("/donors/\(held)/hold", [("reason", "")])
            #expect(browser.lastStatus == 303)
            #expect(try await repo.run(.donors, .system, zone: zone) == 1)
            res = try await apiRequest(
                app, .POST, "/api/v1/donors/\(held)/hold", token: try await apiToken(store, "giamdoc.quangninh"), json: #"{"reason":"Muộn"}"#)
            #expect(res.status == .conflict)
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action == "anonymise").filter(\.$entity == "fund_donor").count() == 2)
            #expect(try await AuditChain.verify(on: store.db) == .ok(entries: try await AuditEntryModel.query(on: store.db).count()))
        }
    }
}

/// Retention of gift campaigns' lists (privacy.json `retention.payment`): a closed campaign of
/// an old year keeps its counts and loses the names on its list, who signed and why a gift was
/// not handed out; an open campaign and a held one are kept whole.
@Suite("Gift list retention")
struct GiftListRetentionTests {
    @Test(arguments: TestDatabase.all)
    func closedCampaignsListsPastRetentionAreAnonymisedAndTheCountsStay(db: TestDatabase) async throws {
        let clock = TestClock()
        try await withAnsinh(db, clock: clock) { (app: Application) async throws in
            let store = app.store
            let zone = app.ansinh.config.timeZone
            let (officer, _) = try await GiftCampaignTests.households(store)
            let repo = GiftCampaignRepository(store), retention = RetentionRepository(store)
            #expect(RetentionRepository.giftListRule.years == 10)
            var ids: [UUID] = []
            for rule in [["near_poor", "agent_orange", "elderly_80"], ["agent_orange"], ["elderly_80"]] {
                let id = try await GiftCampaignTests.campaign(store, officer, rule, per: "household")
                _ = try await repo.generate(officer, campaignID: id)
                ids.append(id)
            }
            // The first: two handed out (one signed for by a daughter), one not handed out; closed.
            let lines = try await repo.entries(officer, campaignID: ids[0], groupID: nil, status: nil, page: PageSpec(page: 1)).items
            #expect(lines.count == 3)
            try await repo.handOut(officer, entryID: lines[0].id, handedOn: "2026-01-25", receivedBy: "Con gái Nguyễn Thị Hoa", today: store.today)
            _ = try await repo.handOut(officer, campaignID: ids[0], entries: [lines[1].id], handedOn: "2026-01-25", today: store.today)
            try await repo.notHanded(officer, entryID: lines[2].id, reason: "Đang điều trị tại bệnh viện")
            try await repo.close(officer, campaignID: ids[0])
            try await repo.close(officer, campaignID: ids[1])
            let report = try await repo.report(officer, year: 2026)
            #expect(try await retention.plan(.giftLists, zone: zone).due == 0)
            // The second is held through the API; the third stays open.
            let token = try await apiToken(store, "canbo.khuongdinh")
            var res = try await apiRequest(app, .POST, "/api/v1/gift-campaigns/\(ids[1])/hold", token: token, json: #"{"reason":"Thanh tra quỹ"}"#)
            #expect(res.status == .ok)
            #expect((jsonObject(res)["campaign"] as? [String: Any])?["legal_hold"] as? String == "Thanh tra quỹ")

            clock.advance(minutes: 11 * 366 * 24 * 60)
            let plan = try await retention.plan(.giftLists, zone: zone)
            #expect(plan.due == 1 && plan.held == 1 && plan.sample == [ids[0]] && plan.records == "retention.records.gift_lists")
            #expect(try await retention.run(.giftLists, .system, zone: zone) == 1)
            #expect(try await retention.run(.giftLists, .system, zone: zone) == 0)
            let after = try await repo.entries(officer, campaignID: ids[0], groupID: nil, status: nil, page: PageSpec(page: 1)).items
            #expect(after.count == 3 && after.allSatisfy { $0.name == "" && $0.reason == nil && $0.receivedBy == nil })
            #expect(after.filter { $0.status == "handed" }.count == 2 && after.filter { $0.handedOn != nil }.count == 2)
            #expect(Set(after.map(\.householdCode)) == Set(lines.map(\.householdCode)))
            let held = try await repo.entries(officer, campaignID: ids[1], groupID: nil, status: nil, page: PageSpec(page: 1)).items
            #expect(!held.isEmpty && held.allSatisfy { !$0.name.isEmpty })
            #expect(try await GiftEntryModel.query(on: store.db).filter(\.$campaignID == ids[2]).all().allSatisfy { !$0.name.isEmpty })
            // The report counts the same; the page shows no name and says why.
            let again = try await repo.report(officer, year: 2026)
            #expect(again.total == report.total && again.value == report.value && again.byCategory == report.byCategory)
            let browser = TestBrowser(app)
            try await browser.login("canbo.khuongdinh")
            let page = try await browser.get("/campaigns/\(ids[0])").body.string
            #expect(page.contains("Đã ẩn danh lúc") && !page.contains("Người nhận 0") && !page.contains("Nguyễn Thị Hoa"))
            #expect(!page.contains("Đang điều trị"))
            // The held list: released on its page, then anonymised; a hold comes too late.
            #expect(try await browser.get("/campaigns/\(ids[1])").body.string.contains("Thanh tra quỹ"))
            _ = try await browser.post("/campaigns/\(ids[1])/hold", [("reason", "")])
            #expect(browser.lastStatus == 303)
            #expect(try await retention.run(.giftLists, .system, zone: zone) == 1)
            res = try await apiRequest(
                app, .POST, "/api/v1/gift-campaigns/\(ids[0])/hold", token: try await apiToken(store, "canbo.khuongdinh"), json: #"{"reason":"Muộn"}"#)
            #expect(res.status == .conflict)
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action == "anonymise").filter(\.$entity == "gift_campaign").count() == 2)
            #expect(try await AuditChain.verify(on: store.db) == .ok(entries: try await AuditEntryModel.query(on: store.db).count()))
        }
    }
}
