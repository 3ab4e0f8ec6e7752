import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import AnsinhWeb

@Suite("Review: campaigns, classification, alerts, report")
struct ReviewTests {
    static func officer(_ app: Application, _ username: String = "canbo.khuongdinh") async throws -> Actor {
        let users = UserRepository(app.store)
        return try await users.actor(for: try await users.find(username: username)!.id, fallbackLocale: .vi)!
    }

    /// Six households of Phường Khương Đình (urban: line 2,000,000), four in group 1, two in group 2.
    static func households(_ app: Application) async throws -> [String: UUID] {
        let officer = try await officer(app)
        let units = UnitRepository(app.store)
        let ward = try await units.find(code: "00364")!.id
        let g1 = try await units.find(code: "00364-TDP01")!.id, g2 = try await units.find(code: "00364-TDP02")!.id
        var ids: [String: UUID] = [:]
        let heads = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Phượng"]
        for (i, name) in heads.enumerated() {
            let code = "00364-R\(i + 1)"
            let h = try await RegistryRepository(app.store).createHousehold(
                officer,
                HouseholdInput(
                    code: code, communeID: ward, groupID: i < 4 ? g1 : g2, address: "Số \(i + 1) Khương Đình", areaType: nil, phone: nil),
                head: PersonInput(
                    fullName: name, gender: i % 2 == 0 ? "male" : "female", birth: "1960-05-0\(i + 1)",
                    nationalID: "001" + (i % 2 == 0 ? "0" : "1") + "60" + String(format: "0001%02d", i + 1)), since: LocalDate(iso: "2020-01-01")!)
            ids[code] = h.id
        }
        return ids
    }

    static func campaignID(_ location: String?) -> String { String(location!.split(separator: "/").last!) }

    func survey(_ b: TestBrowser, _ app: Application, campaign: String, code: String, income: String, deps: [String]) async throws {
        let entry = try await ReviewEntryModel.query(on: app.db).filter(\.$campaignID == UUID(uuidString: campaign)!).all()
        let h = try await HouseholdModel.query(on: app.db).filter(\.$code == code).first()!
        let e = entry.first { $0.householdID == h.id }!
        try await b.get("/review/surveys/\(e.id!)")
        try await b.post(
            "/review/surveys/\(e.id!)",
            [("income_per_person", income), ("collector", "Tổ trưởng Hà"), ("collected_on", "2026-09-15")]
                + deps.map { ("deprivations[]", $0) })
    }

    @Test(arguments: TestDatabase.all)
    func fullCampaignThroughTheBrowser(db: TestDatabase) async throws {
        let clock = TestClock()  // 2026-09-21, inside the periodic window
        try await withAnsinh(db, clock: clock) { (app: Application) async throws in
            let ids = try await Self.households(app)
            var b = TestBrowser(app)
            try await b.login("canbo.khuongdinh")
            let ward = try await UnitRepository(app.store).find(code: "00364")!.id.uuidString
            try await b.get("/review")
            #expect(b.lastBody.contains("Chưa có đợt rà soát nào."))
            try await b.post("/review/campaigns", [("commune_id", ward), ("year", "2026"), ("campaign_kind", "periodic"), ("period", "2026")])
            #expect(b.lastStatus == 303)
            let c = Self.campaignID(b.lastLocation)
            // The same campaign twice is refused with a clear message.
            try await b.get("/review")
            try await b.post("/review/campaigns", [("commune_id", ward), ("year", "2026"), ("campaign_kind", "periodic"), ("period", "2026")])
            try await b.get(b.lastLocation!)
            #expect(b.lastBody.contains("Đã có đợt rà soát này cho năm 2026."))

            for code in ids.keys.sorted() {
                try await b.get("/review/campaigns/\(c)")
                try await b.post("/review/campaigns/\(c)/requests", [("household_code", code)])
            }
            try await b.get("/review/campaigns/\(c)")
            try await b.post("/review/campaigns/\(c)/requests", [("household_code", "KHONG-CO")])
            try await b.get("/review/campaigns/\(c)")
            #expect(b.lastBody.contains("Không tìm thấy hộ KHONG-CO"))
            try await b.post("/review/campaigns/\(c)/advance", [])
            try await b.get("/review/campaigns/\(c)")
            // Moving on before every household is surveyed is refused.
            try await b.post("/review/campaigns/\(c)/advance", [])
            try await b.get("/review/campaigns/\(c)")
            #expect(b.lastBody.contains("Còn 6 hộ chưa khảo sát."))

            // Bad surveys: a word for income, an indicator of the 2027 set; nothing is saved.
            try await survey(b, app, campaign: c, code: "00364-R1", income: "một triệu", deps: [])
            #expect(b.lastStatus == 422)
            #expect(b.lastBody.contains("Thu nhập phải là số đồng"))
            try await survey(b, app, campaign: c, code: "00364-R1", income: "1900000", deps: ["waste_treatment"])
            #expect(b.lastStatus == 422)
            #expect(b.lastBody.contains("waste_treatment"))
            #expect(try await ReviewEntryModel.query(on: app.db).filter(\.$incomePerPerson != nil).count() == 0)

            // Urban line 2,000,000: exactly on the line with 3 deprivations is poor, with 2 near-poor.
            let three = ["health_insurance", "latrine", "telecom"]
            try await survey(b, app, campaign: c, code: "00364-R1", income: "1.900.000", deps: three)
            #expect(b.lastStatus == 303)
            try await survey(b, app, campaign: c, code: "00364-R2", income: "2000000", deps: ["latrine", "telecom"])
            try await survey(b, app, campaign: c, code: "00364-R3", income: "2500000", deps: three)
            try await survey(b, app, campaign: c, code: "00364-R4", income: "3500000", deps: [])
            try await survey(b, app, campaign: c, code: "00364-R5", income: "1000000", deps: three + ["nutrition"])
            try await survey(b, app, campaign: c, code: "00364-R6", income: "2000001", deps: three + ["nutrition", "employment"])
            try await b.get(b.lastLocation!)
            #expect(b.lastBody.contains("Trên mức chuẩn") || b.lastBody.contains("cao hơn chuẩn"))
            let classes = try await ReviewEntryModel.query(on: app.db).all().reduce(into: [String: Int]()) { $0[$1.povertyClass ?? "", default: 0] += 1 }
            #expect(classes == ["poor": 2, "near_poor": 1, "middle": 2, "above_middle": 1])

            try await b.get("/review/campaigns/\(c)")
            #expect(b.lastBody.contains("6/6 hộ"))
            try await b.post("/review/campaigns/\(c)/advance", [])
            let g1 = try await UnitRepository(app.store).find(code: "00364-TDP01")!.id.uuidString
            let g2 = try await UnitRepository(app.store).find(code: "00364-TDP02")!.id.uuidString
            // Group 1 votes 4 of 10: the review of the group is redone.
            try await b.get("/review/campaigns/\(c)")
            try await b.post("/review/campaigns/\(c)/meetings", [("group_id", g1), ("held_on", "2026-09-20"), ("present", "10"), ("agree", "4")])
            try await b.get("/review/campaigns/\(c)")
            #expect(b.lastBody.contains("Dưới 50% đồng ý"))
            try await survey(b, app, campaign: c, code: "00364-R3", income: "1950000", deps: [])
            #expect(b.lastStatus == 303)
            try await b.get("/review/campaigns/\(c)")
            try await b.post("/review/campaigns/\(c)/meetings", [("group_id", g1), ("held_on", "2026-09-21"), ("present", "10"), ("agree", "5")])
            // Group 2 has not met: posting is refused.
            try await b.get("/review/campaigns/\(c)")
            try await b.post("/review/campaigns/\(c)/posting", [("posting_start", "2026-09-21")])
            try await b.get("/review/campaigns/\(c)")
            #expect(b.lastBody.contains("Còn 1 tổ chưa họp"))
            try await b.post("/review/campaigns/\(c)/meetings", [("group_id", g2), ("held_on", "2026-09-21"), ("present", "8"), ("agree", "8")])
            // Approved surveys no longer change.
            try await survey(b, app, campaign: c, code: "00364-R1", income: "100", deps: [])
            #expect(b.lastStatus == 409)
            try await b.get("/review/campaigns/\(c)")
            try await b.post("/review/campaigns/\(c)/posting", [("posting_start", "2026-09-21")])
            try await b.get("/review/campaigns/\(c)")
            #expect(b.lastBody.contains("Đã bắt đầu niêm yết."))

            // Objections: inside the window only.
            try await b.post(
                "/review/campaigns/\(c)/objections",
                [
                    ("household_code", "00364-R4"), ("complainant", "Bà Tư"),
                    ("received_on", "2026-09-30"), ("text", "Hộ này khó khăn hơn"),
                ])
            try await b.get("/review/campaigns/\(c)")
            #expect(b.lastBody.contains("Chỉ nhận phản ánh từ 2026-09-21 đến 2026-09-23."))
            try await b.post(
                "/review/campaigns/\(c)/objections",
                [
                    ("household_code", "00364-R4"), ("complainant", "Bà Tư"),
                    ("received_on", "2026-09-22"), ("text", "Hộ này khó khăn hơn"),
                ])
            try await b.get("/review/campaigns/\(c)")
            try await b.post("/review/campaigns/\(c)/advance", [])
            try await b.get("/review/campaigns/\(c)")
            #expect(b.lastBody.contains("Thời gian niêm yết chưa kết thúc"))

            clock.advance(minutes: 3 * 24 * 60)  // 2026-09-24: the session has expired, sign in again
            b = TestBrowser(app)
            try await b.login("canbo.khuongdinh")
            try await b.get("/review/campaigns/\(c)")
            try await b.post("/review/campaigns/\(c)/advance", [])
            try await b.get("/review/campaigns/\(c)")
            #expect(b.lastBody.contains("Còn 1 phản ánh chưa giải quyết."))
            let objection = try await ReviewObjectionModel.query(on: app.db).first()!
            try await b.post("/review/objections/\(objection.id!)/resolve", [("resolution", "Đã xác minh: thu nhập đúng")])
            try await b.get("/review/campaigns/\(c)")
            try await b.post("/review/campaigns/\(c)/advance", [])
            #expect(try await ReviewCampaignModel.find(UUID(uuidString: c)!, on: app.db)!.step == "decision")
            // The officer does not sign the decision.
            try await b.get("/review/campaigns/\(c)")
            try await b.post("/review/campaigns/\(c)/decision", [("decision_number", "45/QĐ-UBND"), ("decision_date", "2026-09-24")])
            #expect(b.lastStatus == 403)

            let leader = TestBrowser(app)
            try await leader.login("lanhdao.khuongdinh")
            try await leader.get("/review/campaigns/\(c)")
            try await leader.post("/review/campaigns/\(c)/decision", [("decision_number", "45/QĐ-UBND"), ("decision_date", "2026-09-24")])
            try await leader.get(leader.lastLocation!)
            #expect(leader.lastBody.contains("Đã ghi quyết định cho 6 hộ"))
            let official = try await HouseholdClassificationModel.query(on: app.db).filter(\.$period == 2026).all()
            #expect(official.count == 6)
            #expect(official.filter { $0.povertyClass == "poor" }.count == 2)
            #expect(official.filter { $0.povertyClass == "near_poor" }.count == 2)
            #expect(official.first { $0.householdID == ids["00364-R3"] }?.povertyClass == "near_poor")
            #expect(Set(official.map(\.certificateNumber)).count == 6)

            try await leader.get("/review/campaigns/\(c)/certificates")
            #expect(leader.lastStatus == 200)
            #expect(leader.lastBody.components(separatedBy: "GIẤY CHỨNG NHẬN HỘ NGHÈO").count - 1 == 2)
            #expect(leader.lastBody.components(separatedBy: "GIẤY CHỨNG NHẬN HỘ CẬN NGHÈO").count - 1 == 2)
            try await leader.get("/review/campaigns/\(c)/posting-list")
            #expect(leader.lastBody.contains("•••••••••101"))
            #expect(!leader.lastBody.contains("001060000101"))
            try await leader.get("/review/report?year=2026")
            #expect(leader.lastBody.contains("Số hộ nghèo năm 2026: 2"))
            try await leader.get("/registry/households/\(ids["00364-R1"]!)")
            #expect(leader.lastBody.contains("Hộ nghèo"))
            #expect(leader.lastBody.contains("1.900.000 ₫"))
            try await leader.get("/review/campaigns/\(c)/export.csv")
            #expect(leader.lastBody.contains("00364-R5,Hoàng Văn Em,Tổ dân phố 2,request,urban,,1000000,4"))

            // Next year: the currently poor and near-poor are listed automatically.
            try await b.get("/review")
            try await b.post("/review/campaigns", [("commune_id", ward), ("year", "2027"), ("campaign_kind", "periodic"), ("period", "2027")])
            let next = Self.campaignID(b.lastLocation)
            try await b.get("/review/campaigns/\(next)")
            try await b.post("/review/campaigns/\(next)/list", [])
            try await b.get("/review/campaigns/\(next)")
            #expect(b.lastBody.contains("Đã thêm 4 hộ vào danh sách."))
            #expect(try await ReviewCampaignModel.find(UUID(uuidString: next)!, on: app.db)!.standardID == "VN-ND351-2025")

            if case .ok = try await AuditChain.verify(on: app.db) {} else { Issue.record("audit chain broken") }
        }
    }

    /// The bulk SQL rule and the rule in AnsinhCore give the same class and reasons.
    @Test(arguments: TestDatabase.all)
    func bulkClassificationAgreesWithTheCoreRule(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let ids = try await Self.households(app)
            let officer = try await Self.officer(app)
            let repo = ReviewRepository(app.store)
            for period in [2026, 2027] {
                let ward = try await UnitRepository(app.store).find(code: "00364")!.id
                let c = try await repo.createCampaign(
                    officer, CampaignInput(communeID: ward, year: period, kind: "periodic", period: period),
                    today: LocalDate(iso: "2026-09-21")!)
                let standard = PovertyRules.shared.standard(for: period)!
                var rng = SeededRandom(seed: UInt64(period))
                var expected: [UUID: PovertyResult] = [:]
                for code in ids.keys.sorted() { _ = try await repo.addRequest(officer, campaignID: c.id, householdCode: code) }
                for e in try await ReviewEntryModel.query(on: app.db).filter(\.$campaignID == c.id).all() {
                    let line = standard.incomeLine.urban
                    let income = [line - 1, line, line + 1, 2_999_999, 3_000_000, 3_000_001][Int.random(in: 0..<6, using: &rng)]
                    let deps = Set(standard.indicatorCodes.shuffled(using: &rng).prefix(Int.random(in: 0...5, using: &rng)))
                    e.incomePerPerson = income; e.deprivations = deps.sorted().joined(separator: ","); e.deprivationCount = deps.count
                    try await e.save(on: app.db)
                    expected[e.id!] = PovertyRules.classify(
                        PovertySurvey(period: period, area: .urban, incomePerPerson: income, deprivations: deps), standard: standard)
                }
                #expect(try await repo.classifyAll(officer, campaignID: c.id) == 6)
                for e in try await ReviewEntryModel.query(on: app.db).filter(\.$campaignID == c.id).all() {
                    #expect(e.povertyClass == expected[e.id!]!.povertyClass.rawValue)
                    #expect(e.reasons == expected[e.id!]!.reasons.map(\.code).joined(separator: ","))
                }
                // Running it again changes nothing.
                #expect(try await repo.classifyAll(officer, campaignID: c.id) == 6)
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func hardshipAlertsUntilSupportIsRecorded(db: TestDatabase) async throws {
        let clock = TestClock()
        try await withAnsinh(db, clock: clock) { (app: Application) async throws in
            let ids = try await Self.households(app)
            var b = TestBrowser(app)
            try await b.login("canbo.khuongdinh")
            let h = ids["00364-R2"]!
            try await b.get("/registry/households/\(h)")
            try await b.post(
                "/registry/households/\(h)/hardship", [("event_kind", "earner_death"), ("occurred_on", "2026-09-20"), ("note", "Chồng mất đột ngột")])
            try await b.get("/registry/households/\(h)")
            #expect(b.lastBody.contains("Nguy cơ tái nghèo"))
            try await b.post("/registry/households/\(h)/hardship", [("event_kind", "war"), ("occurred_on", "2030-01-01"), ("note", "")])
            try await b.get(b.lastLocation!)
            #expect(b.lastBody.contains("Hãy chọn một giá trị"))
            #expect(try await HardshipEventModel.query(on: app.db).count() == 1)
            try await b.get("/")
            #expect(b.lastBody.contains("Cảnh báo khó khăn đột xuất chưa xử lý: 1"))
            #expect(!b.lastBody.contains("Quá 7 ngày"))
            clock.advance(minutes: 8 * 24 * 60)
            b = TestBrowser(app)
            try await b.login("canbo.khuongdinh")
            try await b.get("/")
            #expect(b.lastBody.contains("Quá 7 ngày"))
            let event = try await HardshipEventModel.query(on: app.db).first()!
            try await b.get("/review/alerts")
            try await b.post("/review/alerts/\(event.id!)/resolve", [("support", "Hỗ trợ mai táng 10.000.000 đồng")])
            try await b.get("/")
            #expect(b.lastBody.contains("Cảnh báo khó khăn đột xuất chưa xử lý: 0"))
            // The accountant sees alerts' list but may not resolve.
            let acc = TestBrowser(app)
            try await acc.login("ketoan.khuongdinh")
            try await acc.get("/review/alerts?all=1")
            #expect(acc.lastBody.contains("Hỗ trợ mai táng 10.000.000 đồng"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func calculatorAPI(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let uid = try await UserRepository(app.store).find(username: "canbo.khuongdinh")!.id
            let token = try await TokenRepository(app.store).create(.system, for: uid, name: "t")
            var res = try await apiRequest(
                app, .POST, "/api/v1/poverty/classify", token: token,
                json:
                    #"{"period": "2025", "area_type": "rural", "income_per_person": 1450000, "deprivations": ["health_insurance", "latrine", "telecom"]}"#)
            #expect(res.status == .ok)
            var j = jsonObject(res)
            #expect(j["class"] as? String == "poor")
            #expect(j["standard"] as? String == "VN-ND07-2021")
            #expect(j["deprivation_count"] as? Int == 3)
            #expect((j["reasons"] as? [[String: Any]])?.map { $0["code"] as? String } == ["income_at_or_below_line", "deprivations_at_least_min"])
            res = try await apiRequest(
                app, .POST, "/api/v1/poverty/classify", token: token,
                json:
                    #"{"period": 2027, "area_type": "urban", "income_per_person": 2800000, "deprivations": ["latrine"]}"#, language: "en")
            j = jsonObject(res)
            #expect(j["class"] as? String == "near_poor")
            #expect(j["income_line"] as? Int == 2_800_000)
            res = try await apiRequest(
                app, .POST, "/api/v1/poverty/classify", token: token,
                json:
                    #"{"period": "2027", "area_type": "rural", "income_per_person": 1, "deprivations": ["information_access"]}"#, language: "en")
            #expect(res.status == .unprocessableEntity)
            j = jsonObject(res)
            #expect(j["code"] as? String == "validation_failed")
            let errors = j["errors"] as? [[String: Any]] ?? []
            #expect(errors.first?["field"] as? String == "deprivations")
            #expect((errors.first?["message"] as? String)?.contains("information_access") == true)
            res = try await apiRequest(
                app, .POST, "/api/v1/poverty/classify", token: token,
                json:
                    #"{"period": "2025", "area_type": "suburb", "income_per_person": 1}"#)
            #expect(res.status == .unprocessableEntity)
            #expect((jsonObject(res)["errors"] as? [[String: Any]])?.first?["field"] as? String == "area_type")
        }
    }

    /// The review rules the law leaves to practice are settings only an administrator changes,
    /// within their ranges; the review uses them at once.
    @Test(arguments: TestDatabase.all)
    func administratorChangesReviewSettings(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let settings = ReviewSettingsRepository(app.store)
            let admin = try await Self.officer(app, "admin")
            let officer = try await Self.officer(app)
            #expect(try await ReviewRepository(app.store).settings().postingDays == 3)
            try await settings.set(admin, name: "posting_days", value: 5)
            try await settings.set(admin, name: "at_risk_margin_percent", value: 20)
            #expect(try await ReviewRepository(app.store).settings().postingDays == 5)
            #expect(try await settings.current().atRiskMarginPercent == 20)
            await #expect(throws: AppError.self) { try await settings.set(officer, name: "posting_days", value: 4) }
            await #expect(throws: AppError.self) { try await settings.set(admin, name: "posting_days", value: 99) }
            await #expect(throws: AppError.self) { try await settings.set(admin, name: "no_such_rule", value: 1) }
            let list = try await settings.list(officer)
            #expect(list.first { $0.name == "posting_days" }?.value == 5)
            #expect(list.first { $0.name == "posting_days" }?.changedBy == "admin")
            #expect(list.first { $0.name == "hardship_window_months" }?.value == 12)
        }
    }
}
