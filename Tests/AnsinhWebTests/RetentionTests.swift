import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
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
            #expect(try await repo.plan(zone: zone).due == 0)
            #expect(try await repo.run(.system, zone: zone) == 0)

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
            let plan = try await repo.plan(zone: zone)
            #expect(plan.held == 1 && plan.withCase == linked)
            #expect(plan.due == all.count - 1 - linked)
            #expect(plan.sample.count == min(20, plan.due))
            #expect(try await HotlineContactModel.query(on: store.db).filter(\.$anonymisedAt != nil).count() == 0)
            let n = try await repo.run(.system, zone: zone, batch: 97)
            #expect(n == plan.due)
            #expect(try await repo.run(.system, zone: zone) == 0)
            #expect(try await repo.plan(zone: zone).due == 0)

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
            #expect(try await repo.run(.system, zone: zone) == 1)
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
            #expect(try await repo.casePlan(zone: zone).due == 0)

            // One closed case under legal hold (through the API), then eleven years on.
            let token = try await apiToken(store, "ctxh.quangninh")
            var res = try await apiRequest(app, .POST, "/api/v1/cases/\(closed[0].id!)/hold", token: token, json: #"{"reason":"Tòa án yêu cầu giữ"}"#)
            #expect(res.status == .ok)
            #expect(jsonObject(res)["legal_hold"] as? String == "Tòa án yêu cầu giữ")
            clock.advance(minutes: 11 * 366 * 24 * 60)
            let plan = try await repo.casePlan(zone: zone)
            #expect(plan.due == 21 && plan.held == 1)
            #expect(try await repo.runCases(.system, zone: zone, batch: 7) == 21)
            #expect(try await repo.runCases(.system, zone: zone) == 0)
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
            #expect(try await repo.runCases(.system, zone: zone) == 1)
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
            #expect(try await repo.residentPlan(zone: zone).due == 0)

            let token = try await apiToken(store, "ctxh.quangninh")
            var res = try await apiRequest(
                app, .POST, "/api/v1/care/residents/\(left[0].id!)/hold", token: token, json: #"{"reason":"Thanh tra tỉnh"}"#)
            #expect(res.status == .ok)
            #expect(jsonObject(res)["legal_hold"] as? String == "Thanh tra tỉnh")
            clock.advance(minutes: 11 * 366 * 24 * 60)
            let plan = try await repo.residentPlan(zone: zone)
            #expect(plan.due == left.count - 1 && plan.held == 1)
            #expect(try await repo.runResidents(.system, zone: zone, batch: 3) == left.count - 1)
            #expect(try await repo.runResidents(.system, zone: zone) == 0)
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
            #expect(try await repo.runResidents(.system, zone: zone) == 1)
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
            #expect(try await repo.reviewPlan(zone: zone).due == 0)

            // Under legal hold over the API; six years on it is kept whole, then released on the page.
            let token = try await apiToken(store, "canbo.khuongdinh")
            var res = try await apiRequest(app, .POST, "/api/v1/review/campaigns/\(id)/hold", token: token, json: #"{"reason":"Khiếu nại đang giải quyết"}"#)
            #expect(res.status == .ok)
            #expect((jsonObject(res)["campaign"] as? [String: Any])?["legal_hold"] as? String == "Khiếu nại đang giải quyết")
            clock.advance(minutes: 6 * 366 * 24 * 60)
            var plan = try await repo.reviewPlan(zone: zone)
            #expect(plan.due == 0 && plan.held == 1)
            #expect(try await repo.runReviews(.system, zone: zone) == 0)
            let browser = TestBrowser(app)
            try await browser.login("canbo.khuongdinh")
            #expect(try await browser.get("/review/campaigns/\(id)").body.string.contains("Khiếu nại đang giải quyết"))
            _ = try await browser.post("/review/campaigns/\(id)/hold", [("reason", "")])
            #expect(browser.lastStatus == 303)
            plan = try await repo.reviewPlan(zone: zone)
            #expect(plan.due == 1 && plan.sample == [id])
            #expect(try await repo.runReviews(.system, zone: zone) == 1)
            #expect(try await repo.runReviews(.system, zone: zone) == 0)

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
