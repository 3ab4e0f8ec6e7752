import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

@Suite("Allowances API")
struct AllowancesAPITests {
    @Test(arguments: TestDatabase.all)
    func evaluateAsSpecified(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let uid = try await UserRepository(app.store).find(username: "canbo.khuongdinh")!.id
            let token = try await TokenRepository(app.store).create(.system, for: uid, name: "t")
            // The example of the issue: an orphan under 4 in August 2024 → 2.5 × 500,000.
            var res = try await apiRequest(
                app, .POST, "/api/v1/allowances/evaluate", token: token,
                json: """
                    {"month": "2024-08", "person": {"birth_date": "2022-03-15", "gender": "female",
                     "parents": [{"status": "dead"}, {"status": "declared_missing"}], "household_poverty": "none"}}
                    """)
            #expect(res.status == .ok)
            var j = jsonObject(res)
            #expect(j["eligible"] as? Bool == true)
            #expect(j["monthly_amount"] as? Int == 1_250_000)
            let components = j["components"] as? [[String: Any]] ?? []
            #expect(components.count == 1)
            #expect(components.first?["category"] as? String == "D20-5.1")
            #expect(components.first?["coefficient"] as? String == "2.5")
            #expect(components.first?["amount"] as? Int == 1_250_000)
            #expect(j["rule_set"] as? String == "VN-ND20-2021")
            #expect((j["reasons"] as? [[String: Any]])?.contains { ($0["text"] as? String)?.contains("500.000 ₫") == true } == true)
            // Care support comes apart from the person's own allowance.
            res = try await apiRequest(
                app, .POST, "/api/v1/allowances/evaluate", token: token,
                json: """
                    {"month": "2024-08", "person": {"birth_date": "1994-01-01", "disability_level": "especially_severe",
                     "disability_certificate_date": "2020-02-02", "household_carer": true}}
                    """)
            j = jsonObject(res)
            #expect(j["monthly_amount"] as? Int == 1_000_000)
            #expect((j["care_support"] as? [[String: Any]])?.first?["amount"] as? Int == 500_000)
            // `studying` as an object; Art. 5(2) needs the 5(1) allowance at 16.
            for (at16, amount) in [("true", 750_000), ("false", 0)] {
                res = try await apiRequest(
                    app, .POST, "/api/v1/allowances/evaluate", token: token,
                    json: """
                        {"month": "2024-09", "person": {"birth_date": "2004-08-15", "parents": [{"status": "dead"}, {"status": "dead"}],
                         "studying": {"level": "university", "first_degree": true}, "receiving_5_1_at_16": \(at16)}}
                        """)
                #expect(jsonObject(res)["monthly_amount"] as? Int == amount)
            }
            // Unknown values and contradictions are 422 naming the field.
            res = try await apiRequest(
                app, .POST, "/api/v1/allowances/evaluate", token: token,
                json: """
                    {"month": "2024-08", "person": {"birth_date": "1994-01-01", "disability_level": "very"}}
                    """)
            #expect(res.status == .unprocessableEntity)
            #expect((jsonObject(res)["errors"] as? [[String: Any]])?.first?["field"] as? String == "person.disability_level")
            res = try await apiRequest(
                app, .POST, "/api/v1/allowances/evaluate", token: token,
                json: """
                    {"month": "2024-08", "person": {"birth_date": "1994-01-01", "parents": [{"status": "gone"}]}}
                    """)
            #expect((jsonObject(res)["errors"] as? [[String: Any]])?.first?["field"] as? String == "person.parents.0.status")
            res = try await apiRequest(
                app, .POST, "/api/v1/allowances/evaluate", token: token,
                json: """
                    {"month": "2024-08", "person": {"birth_date": "1994-01-01", "disability_level": "severe", "disability_certificate_date": "1990-01-01"}}
                    """)
            #expect(res.status == .unprocessableEntity)
            #expect((jsonObject(res)["errors"] as? [[String: Any]])?.first?["field"] as? String == "person.disability_certificate_date")
            res = try await apiRequest(
                app, .POST, "/api/v1/allowances/evaluate", token: token, json: #"{"month": "2024-13", "person": {"birth_date": "1994-01-01"}}"#)
            #expect((jsonObject(res)["errors"] as? [[String: Any]])?.first?["field"] as? String == "month")
            res = try await apiRequest(app, .POST, "/api/v1/allowances/evaluate", token: token, json: #"{"month": "2024-08", "person": {}}"#)
            #expect((jsonObject(res)["errors"] as? [[String: Any]])?.first?["field"] as? String == "person.birth_date")
        }
    }

    /// The calculator page and "why this amount" on the person page.
    @Test(arguments: TestDatabase.all)
    func calculatorAndPersonPage(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let b = TestBrowser(app)
            try await b.login("canbo.khuongdinh")
            try await b.get("/allowances/calculator")
            #expect(b.lastStatus == 200)
            try await b.post("/allowances/calculator", [("month", "2024-08"), ("birth_date", "2022-03-15"), ("parent1", "dead"), ("parent2", "in_facility")])
            #expect(b.lastStatus == 200)
            #expect(b.lastBody.contains("Tháng 2024-08: 1.250.000 ₫"))
            #expect(b.lastBody.contains("Trẻ em dưới 16 tuổi không có nguồn nuôi dưỡng"))
            try await b.post("/allowances/calculator", [("month", "2024-08"), ("birth_date", "1994-01-01"), ("children", "2015-01-01, 2015-02-31")])
            #expect(b.lastStatus == 422)
            #expect(b.lastBody.contains("Ngày không hợp lệ"))
            // A registered person with an especially severe disability, aged 62 in 2026.
            let officer = try await UserRepository(app.store).actor(
                for: try await UserRepository(app.store).find(username: "canbo.khuongdinh")!.id, fallbackLocale: .vi)!
            let ward = try await UnitRepository(app.store).find(code: "00364")!.id
            _ = try await RegistryRepository(app.store).createHousehold(
                officer, HouseholdInput(code: "00364-A1", communeID: ward, groupID: nil, address: "Số 9", areaType: nil, phone: nil),
                head: PersonInput(
                    fullName: "Đỗ Văn Hùng", gender: "male", birth: "1964-02-02", disability: "especially_severe", disabilityCertificateDate: "2020-01-01"),
                since: LocalDate(iso: "2020-01-01")!)
            let person = try await RegistryRepository(app.store).persons(officer, query: "do van hung", page: PageSpec(page: 1)).items.first!
            try await b.get("/registry/persons/\(person.id)")
            #expect(b.lastBody.contains("1.250.000 ₫"))  // 2.5 × 500,000: especially severe, 60 or older
            #expect(b.lastBody.contains("Người khuyết tật nặng, đặc biệt nặng"))
            // Art. 20(2)(c): no care support to the household until its carer is recorded.
            #expect(!b.lastBody.contains("Hỗ trợ chăm sóc"))
            // The commune's dated difficult-area flag reaches the facts from its date on.
            try await b.get("/admin/units/\(ward)")
            try await b.post("/admin/units/\(ward)/facts", [("value", "yes"), ("valid_from", "2026-01-01"), ("note", "QĐ 861/QĐ-TTg")])
            try await b.get("/admin/units/\(ward)")
            #expect(b.lastBody.contains("QĐ 861/QĐ-TTg"))
            try await b.post("/admin/units/\(ward)/facts", [("value", "no"), ("valid_from", "2026-01-01")])
            try await b.get("/admin/units/\(ward)")
            #expect(b.lastBody.contains("Đã có thay đổi ghi ngày 2026-01-01."))
            let repo = AllowanceFactsRepository(app.store)
            #expect(try await repo.evaluate(officer, personID: person.id, month: YearMonth(iso: "2026-02")!).facts.ethnicMountainDifficultArea)
            #expect(try await repo.evaluate(officer, personID: person.id, month: YearMonth(iso: "2025-12")!).facts.ethnicMountainDifficultArea == false)
            // Art. 5(7) names villages too: a residential group's own flag wins over the commune's.
            let admin = try await UserRepository(app.store).actor(for: try await UserRepository(app.store).find(username: "admin")!.id, fallbackLocale: .vi)!
            let group = try await UnitRepository(app.store).create(admin, UnitInput(code: "00364-T9", name: "Tổ 9", kind: "residential_group", parentID: ward))
            _ = try await RegistryRepository(app.store).createHousehold(
                officer, HouseholdInput(code: "00364-A2", communeID: ward, groupID: group.id, address: "Số 11", areaType: nil, phone: nil),
                head: PersonInput(fullName: "Hà Thị Lan", gender: "female", birth: "1990-04-04"), since: LocalDate(iso: "2020-01-01")!)
            let lan = try await RegistryRepository(app.store).persons(officer, query: "ha thi lan", page: PageSpec(page: 1)).items.first!
            try await b.post("/admin/units/\(group.id)/facts", [("value", "no"), ("valid_from", "2026-03-01")])
            #expect(b.lastStatus == 303)
            #expect(try await repo.evaluate(officer, personID: lan.id, month: YearMonth(iso: "2026-02")!).facts.ethnicMountainDifficultArea)
            #expect(try await repo.evaluate(officer, personID: lan.id, month: YearMonth(iso: "2026-03")!).facts.ethnicMountainDifficultArea == false)
        }
    }

    /// "No one missed": the whole ward is evaluated for a month and the list is stored.
    @Test(arguments: TestDatabase.all)
    func eligibilityRunOverTheRegistry(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let users = UserRepository(app.store)
            let officer = try await users.actor(for: try await users.find(username: "canbo.khuongdinh")!.id, fallbackLocale: .vi)!
            let ward = try await UnitRepository(app.store).find(code: "00364")!.id
            let repo = RegistryRepository(app.store)
            let since = LocalDate(iso: "2020-01-01")!
            // A lonely 70-year-old in a poor household: 5(5)(a), 1.5 × 500,000.
            let lonely = try await repo.createHousehold(
                officer, HouseholdInput(code: "00364-E1", communeID: ward, groupID: nil, address: "Số 1", areaType: nil, phone: nil),
                head: PersonInput(fullName: "Cao Thị Một", gender: "female", birth: "1956-03-03"), since: since)
            // A 40-year-old with a severe disability living with his mother: 5(6), 1.5 × 500,000.
            let h2 = try await repo.createHousehold(
                officer, HouseholdInput(code: "00364-E2", communeID: ward, groupID: nil, address: "Số 2", areaType: nil, phone: nil),
                head: PersonInput(fullName: "Vương Thị Hai", gender: "female", birth: "1960-01-01"), since: since)
            _ = try await repo.addMember(
                officer, householdID: h2.id,
                person: PersonInput(
                    fullName: "Vương Văn Ba", gender: "male", birth: "1986-01-01",
                    disability: "severe", disabilityCertificateDate: "2019-05-05"), role: "child", since: since)
            let c = HouseholdClassificationModel()
            c.id = UUID(); c.householdID = lonely.id; c.unitPath = (try await HouseholdModel.find(lonely.id, on: app.db))!.unitPath; c.period = 2026
            c.povertyClass = "poor"; c.standardID = "VN-ND07-2021"; c.areaType = "urban"; c.incomePerPerson = 900_000; c.deprivations = ""
            c.deprivationCount = 3; c.reasons = "";
            c.campaignID = try await ReviewRepository(app.store).createCampaign(
                officer,
                CampaignInput(communeID: ward, year: 2026, kind: "periodic"), today: LocalDate(iso: "2026-09-01")!
            ).id
            c.decisionNumber = "1/QĐ"; c.decisionDate = "2026-01-05"; c.certificateNumber = "1/QĐ/00001"
            try await c.create(on: app.db)

            let b = TestBrowser(app)
            try await b.login("canbo.khuongdinh")
            try await b.get("/allowances/eligibility")
            #expect(b.lastBody.contains("Chưa có lần rà soát nào."))
            try await b.post("/allowances/eligibility/run", [("month", "2026-09")])
            #expect(b.lastStatus == 303)
            try await b.get(b.lastLocation!)
            #expect(b.lastBody.contains("Đã rà soát 3 người: 2 người có vẻ đủ điều kiện."))
            #expect(b.lastBody.contains("Cao Thị Một") && b.lastBody.contains("Vương Văn Ba") && !b.lastBody.contains("Vương Thị Hai"))
            #expect(b.lastBody.contains("1.500.000 ₫"))  // total: 750,000 + 750,000
            let run = try await EligibilityRunModel.query(on: app.db).first()!
            #expect(run.eligible == 2 && run.totalAmount == 1_500_000)
            try await b.get("/allowances/eligibility/\(run.id!)/export.csv?format=xlsx")
            let rows = try XLSX.read(Data(buffer: b.last!.body))
            #expect(rows.count == 3)
            #expect(rows.contains { $0.first == "00364-E1" && $0[3] == "750000" && $0[5] == "D20-5.5a" })
            // The accountant reads the list but does not run it.
            let acc = TestBrowser(app)
            try await acc.login("ketoan.khuongdinh")
            try await acc.get("/allowances/eligibility/\(run.id!)")
            #expect(acc.lastBody.contains("Cao Thị Một"))
            try await acc.post("/allowances/eligibility/run", [("month", "2026-09")])
            #expect(acc.lastStatus == 403)

            // The same over the API: a run, its results (both missed: nothing decided or asked).
            let token = try await apiToken(app.store, "canbo.khuongdinh")
            var res = try await apiRequest(app, .POST, "/api/v1/eligibility/runs", token: token, json: #"{"month":"2026-09"}"#)
            #expect(res.status == .created)
            let made = jsonObject(res)
            #expect(made["eligible"] as? Int == 2 && made["persons"] as? Int == 3 && made["total_amount"] as? Int == 1_500_000)
            res = try await apiRequest(app, .GET, "/api/v1/eligibility/runs/\(made["id"] as! String)/results?show=missed&per_page=1", token: token)
            let results = jsonObject(res)["results"] as! [String: Any]
            #expect(results["total"] as? Int == 2)
            let first = (results["items"] as! [[String: Any]])[0]
            #expect(first["household_code"] as? String == "00364-E1" && first["monthly_amount"] as? Int == 750_000 && first["status"] as? String == "missed")
            res = try await apiRequest(app, .GET, "/api/v1/eligibility/runs", token: token)
            #expect((jsonArray(res)).count == 2)
            res = try await apiRequest(
                app, .POST, "/api/v1/eligibility/runs", token: try await apiToken(app.store, "ketoan.khuongdinh"), json: #"{"month":"2026-09"}"#)
            #expect(res.status == .forbidden)
            #expect(try await EligibilityRunModel.query(on: app.db).count() == 2)
        }
    }

    /// The shortcut of the registry run never skips someone the full evaluation finds eligible.
    @Test func registryShortcutDropsNoOne() throws {
        var rng = SeededRandom(seed: 7)
        let engine = AllowanceEngine()
        for month in ["2024-06", "2024-08", "2025-08", "2026-09"].compactMap(YearMonth.init(iso:)) {
            for _ in 0..<5000 {
                var f = PersonFacts(
                    birthDate: LocalDate(
                        year: month.year - Int.random(in: 1...100, using: &rng), month: Int.random(in: 1...12, using: &rng),
                        day: Int.random(in: 1...28, using: &rng))!)
                f.disabilityLevel = DisabilityLevel.allCases.randomElement(using: &rng)!
                f.hiv = Int.random(in: 0...20, using: &rng) == 0
                f.householdPoverty = HouseholdPoverty.allCases.randomElement(using: &rng)!
                f.ethnicMountainDifficultArea = Bool.random(using: &rng)
                f.hasPension = Bool.random(using: &rng)
                f.supporter = Bool.random(using: &rng) ? .none : .present
                if EligibilityRepository.cannotQualify(f, month: month) {
                    #expect(try engine.evaluate(f, month: month).eligible == false, "\(f)")
                }
            }
        }
    }

    /// The administrator enables the 540,000 level; evaluations from July 2026 follow.
    @Test(arguments: TestDatabase.all)
    func administratorEnablesThe540000Level(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let uid = try await UserRepository(app.store).find(username: "canbo.khuongdinh")!.id
            let token = try await TokenRepository(app.store).create(.system, for: uid, name: "t")
            let body = #"{"month": "2026-08", "person": {"birth_date": "1994-01-01", "disability_level": "severe"}}"#
            #expect(jsonObject(try await apiRequest(app, .POST, "/api/v1/allowances/evaluate", token: token, json: body))["monthly_amount"] as? Int == 750_000)
            let officer = TestBrowser(app)
            try await officer.login("canbo.khuongdinh")
            try await officer.get("/admin/rules")
            #expect(officer.lastBody.contains("level_540000_enabled"))
            try await officer.post("/admin/rules", [("name", "level_540000_enabled"), ("value", "on")])
            #expect(officer.lastStatus == 403)
            let admin = TestBrowser(app)
            try await admin.login("admin")
            try await admin.get("/admin/rules")
            try await admin.post("/admin/rules", [("name", "level_540000_enabled"), ("value", "on")])
            #expect(admin.lastStatus == 303)
            #expect(jsonObject(try await apiRequest(app, .POST, "/api/v1/allowances/evaluate", token: token, json: body))["monthly_amount"] as? Int == 810_000)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$entity == "rule_setting").count() == 1)
        }
    }
}
