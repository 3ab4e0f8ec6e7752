import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
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
            var res = try await apiRequest(app, .POST, "/api/v1/allowances/evaluate", token: token, json: """
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
            res = try await apiRequest(app, .POST, "/api/v1/allowances/evaluate", token: token, json: """
                {"month": "2024-08", "person": {"birth_date": "1994-01-01", "disability_level": "especially_severe",
                 "disability_certificate_date": "2020-02-02"}}
                """)
            j = jsonObject(res)
            #expect(j["monthly_amount"] as? Int == 1_000_000)
            #expect((j["care_support"] as? [[String: Any]])?.first?["amount"] as? Int == 500_000)
            // Unknown values and contradictions are 422 naming the field.
            res = try await apiRequest(app, .POST, "/api/v1/allowances/evaluate", token: token, json: """
                {"month": "2024-08", "person": {"birth_date": "1994-01-01", "disability_level": "very"}}
                """)
            #expect(res.status == .unprocessableEntity)
            #expect((jsonObject(res)["errors"] as? [[String: Any]])?.first?["field"] as? String == "person.disability_level")
            res = try await apiRequest(app, .POST, "/api/v1/allowances/evaluate", token: token, json: """
                {"month": "2024-08", "person": {"birth_date": "1994-01-01", "parents": [{"status": "gone"}]}}
                """)
            #expect((jsonObject(res)["errors"] as? [[String: Any]])?.first?["field"] as? String == "person.parents.0.status")
            res = try await apiRequest(app, .POST, "/api/v1/allowances/evaluate", token: token, json: """
                {"month": "2024-08", "person": {"birth_date": "1994-01-01", "disability_level": "severe", "disability_certificate_date": "1990-01-01"}}
                """)
            #expect(res.status == .unprocessableEntity)
            #expect((jsonObject(res)["errors"] as? [[String: Any]])?.first?["field"] as? String == "person.disability_certificate_date")
            res = try await apiRequest(app, .POST, "/api/v1/allowances/evaluate", token: token, json: #"{"month": "2024-13", "person": {"birth_date": "1994-01-01"}}"#)
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
            let officer = try await UserRepository(app.store).actor(for: try await UserRepository(app.store).find(username: "canbo.khuongdinh")!.id, fallbackLocale: .vi)!
            let ward = try await UnitRepository(app.store).find(code: "00364")!.id
            _ = try await RegistryRepository(app.store).createHousehold(officer, HouseholdInput(code: "00364-A1", communeID: ward, groupID: nil, address: "Số 9", areaType: nil, phone: nil),
                head: PersonInput(fullName: "Đỗ Văn Hùng", gender: "male", birth: "1964-02-02", disability: "especially_severe", disabilityCertificateDate: "2020-01-01"),
                since: LocalDate(iso: "2020-01-01")!)
            let person = try await RegistryRepository(app.store).persons(officer, query: "do van hung", page: PageSpec(page: 1)).items.first!
            try await b.get("/registry/persons/\(person.id)")
            #expect(b.lastBody.contains("1.250.000 ₫"))  // 2.5 × 500,000: especially severe, 60 or older
            #expect(b.lastBody.contains("Người khuyết tật nặng, đặc biệt nặng"))
            #expect(b.lastBody.contains("Hỗ trợ chăm sóc"))
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
        }
    }
}
