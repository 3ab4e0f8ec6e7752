import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

/// Gift campaigns on both engines: the list made from registry facts with its reasons, made
/// again without doubles, one gift per line under 50 concurrent hand-outs, stock, gifts not
/// handed out, the signature list, the report and the ward report.
@Suite("Gift campaigns")
struct GiftCampaignTests {
    /// Four households in Tổ dân phố 1: an Agent Orange victim's, a near-poor one with a child,
    /// an 85-year-old's, and one that qualifies for nothing.
    static func households(_ store: Store) async throws -> (officer: Actor, persons: [UUID]) {
        let officer = try await demoActor(store, "canbo.khuongdinh")
        let people = try await demoRecipients(store, count: 4)
        try await setFacts(store, people[2], birth: "1940-03-01", disability: .none, certificate: nil)
        try await setClass(store, people[1], "near_poor")
        _ = try await GiftCampaignRepository(store).addMerit(
            officer, personID: people[0], category: "agent_orange", detail: "", since: "2010-01-01", document: "GCN-1", today: store.today)
        return (officer, people)
    }

    static func campaign(_ store: Store, _ officer: Actor, _ rule: [String], per: String, stock: String = "") async throws -> UUID {
        let repo = GiftCampaignRepository(store)
        var c = GiftCampaignInput()
        c.name = "Tết 2026 \(rule.joined())\(per)"; c.occasion = "tet"; c.day = "2026-01-25"; c.categories = rule; c.per = per
        let id = try await repo.create(officer, c)
        var t = GiftTypeInput()
        t.name = "Túi quà"; t.kind = "in_kind"; t.value = "400.000"; t.source = "Doanh nghiệp"; t.stock = stock
        _ = try await repo.addGiftType(officer, campaignID: id, t)
        return id
    }

    @Test(arguments: TestDatabase.all)
    func theListIsMadeFromTheRegistryOnceAndHandedOutOnce(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            let (officer, people) = try await Self.households(store)
            let repo = GiftCampaignRepository(store)
            var bad = GiftCampaignInput()
            bad.name = " "; bad.occasion = "christmas"; bad.day = "2026-02-30"; bad.categories = ["nobody"]; bad.per = "family"
            await #expect(throws: AppError.self) { _ = try await repo.create(officer, bad) }
            #expect(try await GiftCampaignModel.query(on: store.db).count() == 0)
            let id = try await Self.campaign(store, officer, ["near_poor", "agent_orange", "elderly_80"], per: "household")
            var made = try await repo.generate(officer, campaignID: id)
            #expect(made.added == 3 && made.listed == 3)
            let lines = try await repo.entries(officer, campaignID: id, groupID: nil, status: nil, page: PageSpec(page: 1)).items
            #expect(Set(lines.map(\.name)) == ["Người nhận 0", "Người nhận 1", "Người nhận 2"])
            #expect(lines.first { $0.name == "Người nhận 0" }?.reasons == [.agentOrange])
            #expect(lines.first { $0.name == "Người nhận 2" }?.reasons == [.elderly80])
            // Made again: nobody twice; a household registered since is added.
            made = try await repo.generate(officer, campaignID: id)
            #expect(made.added == 0 && made.listed == 3)
            let units = UnitRepository(store)
            _ = try await RegistryRepository(store).createHousehold(
                officer,
                HouseholdInput(
                    code: "00364-P9", communeID: try await units.find(code: "00364")!.id, groupID: try await units.find(code: "00364-TDP02")!.id,
                    address: "Số 9", areaType: nil, phone: nil),
                head: PersonInput(fullName: "Cụ Mới Đến", gender: "male", birth: "1939"), since: LocalDate(iso: "2025-12-01")!)
            made = try await repo.generate(officer, campaignID: id)
            #expect(made.added == 1 && made.listed == 4)

            // 50 officers tick the same line at once: one gift.
            let line = lines[0].id
            let results = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<50 {
                    group.addTask { (try? await repo.handOut(officer, entryID: line, handedOn: "2026-01-25", receivedBy: "", today: store.today)) != nil }
                }
                var out: [Bool] = []
                for await r in group { out.append(r) }
                return out
            }
            #expect(results.filter { $0 }.count == 1)
            #expect(try await GiftHandoutModel.query(on: store.db).filter(\.$entryID == line).count() == 1)
            // The rest ticked at once; the done line is counted, not given again.
            let all = try await GiftEntryModel.query(on: store.db).filter(\.$campaignID == id).all().map { $0.id! }
            let waiting = all.filter { $0 != line }
            let nearPoor = try await GiftEntryModel.query(on: store.db).filter(\.$campaignID == id).filter(\.$name == "Người nhận 1").first()!.id!
            try await repo.notHanded(officer, entryID: nearPoor, reason: "Đã chuyển đi")
            let done = try await repo.handOut(officer, campaignID: id, entries: all, handedOn: "2026-01-26", today: store.today)
            #expect(done.handed == 2 && done.already == 2)
            await #expect(throws: AppError.invalid("handed_on", "review.error.future_date")) {
                _ = try await repo.handOut(officer, campaignID: id, entries: all, handedOn: "2199-01-01", today: store.today)
            }
            let report = try await repo.report(officer, year: 2026)
            #expect(report.total == 3 && report.value == 1_200_000)
            #expect(report.byCategory.first { $0.key == "elderly_80" }?.gifts == 2)
            #expect(report.bySource.map(\.key) == ["Doanh nghiệp"])
            try await repo.close(officer, campaignID: id)
            await #expect(throws: AppError.self) { try await repo.notHanded(officer, entryID: waiting[0], reason: "x") }

            // Per person with a stock of one: the second line is out of stock.
            let persons = try await Self.campaign(store, officer, ["elderly_80"], per: "person", stock: "1")
            #expect(try await repo.generate(officer, campaignID: persons).added == 2)
            let two = try await GiftEntryModel.query(on: store.db).filter(\.$campaignID == persons).all().map { $0.id! }
            let stock = try await repo.handOut(officer, campaignID: persons, entries: two, handedOn: "2026-01-25", today: store.today)
            #expect(stock.handed == 1 && stock.outOfStock == 1)
            _ = people
        }
    }

    /// Through the pages and the API: the ward's list ticked per group, the signature list in
    /// Vietnamese, the report and the ward dashboard; another ward's officer sees nothing.
    @Test(arguments: TestDatabase.all)
    func anOfficerTicksTheListAndPrintsTheSignatures(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            let (officer, _) = try await Self.households(store)
            let id = try await Self.campaign(store, officer, ["near_poor", "agent_orange"], per: "person")
            let b = TestBrowser(app)
            try await b.login("canbo.khuongdinh")
            _ = try await b.post("/campaigns/\(id)/generate", [])
            #expect(b.lastLocation == "/campaigns/\(id)")
            _ = try await b.get("/campaigns/\(id)?status=pending")
            #expect(b.lastBody.contains("Người nhận 0") && b.lastBody.contains("Nạn nhân chất độc da cam"))
            let lines = try await GiftEntryModel.query(on: store.db).filter(\.$campaignID == id).all()
            #expect(lines.count == 2)
            _ = try await b.post("/campaigns/\(id)/handouts", [("entries[]", lines[0].id!.uuidString), ("handed_on", store.today.iso), ("outcome", "handed")])
            _ = try await b.post("/campaigns/\(id)/handouts", [("entries[]", lines[1].id!.uuidString), ("reason", "Vắng nhà"), ("outcome", "not_handed")])
            #expect(try await GiftEntryModel.query(on: store.db).filter(\.$campaignID == id).all().map(\.status).sorted() == ["handed", "not_handed"])
            _ = try await b.get("/campaigns/\(id)/signatures?group=\(lines[0].groupID!)")
            #expect(b.lastBody.contains("DANH SÁCH KÝ NHẬN QUÀ") && b.lastBody.contains("Người nhận 0") && b.lastBody.contains("400.000"))
            _ = try await b.get("/gift-report?year=2026")
            #expect(b.lastStatus == 200 && b.lastBody.contains("400.000"))
            _ = try await b.get("/campaigns/\(id)?status=%3Cb%3E")
            #expect(b.lastStatus == 422 && !b.lastBody.contains("<b>"))
            let token = try await apiToken(store, "canbo.khuongdinh")
            var res = try await apiRequest(app, .GET, "/api/v1/reports/ward?unit=00364&year=2026", token: token)
            #expect((jsonObject(res)["gifts"] as? [String: Any])?["total"] as? Int == 1)
            res = try await apiRequest(app, .GET, "/api/v1/gift-campaigns/\(id)/entries?status=handed", token: token)
            #expect((jsonObject(res)["total"] as? Int) == 1)
            res = try await apiRequest(
                app, .POST, "/api/v1/gift-campaigns", token: token,
                json: #"{"name":"Khai giảng 2026","occasion":"school_year","day":"2026-09-05","categories":["child_poor"],"per":"person"}"#)
            #expect(res.status == .created)
            let other = try await apiToken(store, "ctxh.quangninh")
            res = try await apiRequest(app, .GET, "/api/v1/gift-campaigns/\(id)", token: other)
            #expect(res.status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theDemoWardYearCountsHundredsOfGifts(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            _ = try await DemoData.loadHouseholds(store, today: store.today)
            _ = try await DemoData.loadFunds(store)
            let handed = try await DemoData.loadCampaigns(store)
            // The Gratitude Fund's house repairs are the policy families' repair works.
            _ = try await DemoData.loadWorks(store)
            let token = try await apiToken(store, "lanhdao.khuongdinh")
            let body = jsonObject(try await apiRequest(app, .GET, "/api/v1/reports/ward?unit=00364&year=2025", token: token))
            let gifts = body["gifts"] as! [String: Any]
            #expect(gifts["total"] as? Int == handed && handed >= 200)
            #expect((gifts["by_campaign"] as! [String: Int]).count == 4)
            #expect(body["merit_persons"] as? Int == 9 && body["gratitude_house_repairs"] as? Int == 3)
        }
    }
}
