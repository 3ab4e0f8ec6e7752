import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

/// The ward's information for residents, without an account: the support regimes with the
/// amounts of the rules in force for the ward's province, and the poverty review's list only
/// while it is posted, with masked numbers.
@Suite("Public information")
struct PublicInformationTests {
    static func regime(_ guide: [String: Any], _ id: String) -> [String: Any] {
        (guide["regimes"] as! [[String: Any]]).first { $0["id"] as? String == id }!
    }
    static func lines(_ regime: [String: Any]) -> [[String: Any]] { regime["lines"] as! [[String: Any]] }

    @Test(arguments: TestDatabase.all)
    func theSupportGuideWorksOutTheAmountsOfTheWardsRulesAtRequestTime(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            var guide = jsonObject(try await apiRequest(app, .GET, "/api/v1/public/support?ward=00364", token: nil))
            #expect(guide["ward"] as? String == "00364" && guide["month"] as? String == "2026-09")
            #expect(guide["standard_level"] as? Int == 500_000)
            // Decree 20 Art. 6: coefficient × the standard level of 500,000 đồng (Decree 76/2024).
            let monthly = Self.lines(Self.regime(guide, "monthly_allowance"))
            #expect(monthly[0]["coefficient"] as? String == "1.5" && monthly[0]["amount"] as? Int == 750_000)
            #expect(monthly[1]["coefficient"] as? String == "2.5" && monthly[1]["amount"] as? Int == 1_250_000)
            #expect(monthly.count == 15)
            #expect(Self.lines(Self.regime(guide, "social_pension"))[0]["amount"] as? Int == 500_000)
            let hardship = Self.lines(Self.regime(guide, "sudden_hardship"))
            #expect(hardship[0]["kilograms"] as? Int == 15 && hardship[0]["amount"] == nil)
            #expect(hardship[1]["amount"] as? Int == 5_000_000)  // Art. 13: 10 × the level
            #expect(hardship[3]["amount"] as? Int == 40_000_000)  // Art. 15(1): a fixed amount
            let learning = Self.lines(Self.regime(guide, "school_fee"))[0]
            #expect(learning["amount"] as? Int == 150_000 && learning["months"] as? Int == 9)
            let allowance = Self.regime(guide, "monthly_allowance")
            #expect(allowance["answer_days"] as? Int == 10 && allowance["request_kind"] as? String == "allowance_application")
            #expect((allowance["forms"] as? [[String: Any]])?.map { $0["code"] as? String } == ["1a", "1b", "1c", "1d", "1đ"])
            #expect((allowance["how"] as? String)?.contains("trong 10 ngày làm việc") == true)

            // Hà Nội's higher social pension, switched on, and a shorter answer: the next read shows both.
            let admin = try await demoActor(store, "admin")
            try await RuleSettingsRepository(store).set(admin, name: "province_top_up_VN-01-social-pension-2025", value: true)
            try await RequestDeadlineRepository(store).set(admin, kind: "allowance_application", days: 7)
            guide = jsonObject(try await apiRequest(app, .GET, "/api/v1/public/support?ward=00364", token: nil))
            #expect(Self.lines(Self.regime(guide, "social_pension"))[0]["amount"] as? Int == 650_000)
            #expect(Self.regime(guide, "monthly_allowance")["answer_days"] as? Int == 7)

            // In English when asked; the first ward when none is named.
            guide = jsonObject(try await apiRequest(app, .GET, "/api/v1/public/support", token: nil, language: "en"))
            #expect(guide["ward"] as? String != nil)
            #expect(Self.regime(guide, "monthly_allowance")["title"] as? String == "Monthly social allowance")

            // A ward that does not exist is named back as the field at fault, never echoed.
            var res = try await apiRequest(app, .GET, "/api/v1/public/support?ward=99999", token: nil)
            #expect(res.status == .unprocessableEntity)
            #expect(((jsonObject(res)["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String } == ["ward"])
            res = try await apiRequest(app, .GET, "/api/v1/public/support?ward=%20", token: nil)
            #expect(res.status == .unprocessableEntity)

            // The page: amounts in đồng, the link that asks online for this ward.
            let browser = TestBrowser(app)
            try await browser.get("/public/support?ward=00364")
            #expect(browser.lastStatus == 200)
            #expect(browser.lastBody.contains("Trợ cấp xã hội hằng tháng") && browser.lastBody.contains("750.000 ₫"))
            #expect(browser.lastBody.contains("650.000 ₫") && browser.lastBody.contains("1.250.000 ₫"))
            #expect(browser.lastBody.contains("/public/requests/new?kind=allowance_application&amp;unit=00364"))
            #expect(browser.lastBody.contains("15 kg gạo mỗi người mỗi tháng"))
            try await browser.get("/public/support?ward=%3Cscript%3Ealert(1)%3C/script%3E")
            #expect(browser.lastStatus == 422 && !browser.lastBody.contains("<script>alert(1)"))
            // The start page links every part of the ward's information.
            try await browser.get("/public")
            for path in ["/public/support", "/public/requests/new", "/public/requests/track", "/public/announcements", "/public/postings", "/public/funds"] {
                #expect(browser.lastBody.contains("href=\"\(path)\""), "\(path)")
            }
            // The request form opened from the guide has the kind and the ward chosen.
            try await browser.get("/public/requests/new?kind=hardship_support&unit=00364")
            #expect(browser.lastBody.contains(#"<option value="hardship_support" selected="selected">"#))
            #expect(browser.lastBody.contains(#"<option value="00364" selected="selected">"#))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aPovertyReviewListIsPublicOnlyWhilePostedAndWithMaskedNumbers(db: TestDatabase) async throws {
        let clock = TestClock()
        try await withAnsinh(db, clock: clock) { (app: Application) async throws in
            let store = app.store
            let units = UnitRepository(store)
            let ward = try await units.find(code: "00364")!.id, group = try await units.find(code: "00364-TDP01")!.id
            let officer = try await demoActor(store, "canbo.khuongdinh")
            for (code, name, id) in [("00364-PUB1", "Nguyễn Thị Khó", "001170012346"), ("00364-PUB2", "Trần Văn Khá", "001085065432")] {
                _ = try await RegistryRepository(store).createHousehold(
                    officer, HouseholdInput(code: code, communeID: ward, groupID: group, address: "Số 9 ngõ 12 Khương Đình", areaType: nil, phone: nil),
                    head: PersonInput(
                        fullName: name, gender: id.dropFirst(3).first == "1" ? "female" : "male", birth: id.dropFirst(3).first == "1" ? "1970" : "1985",
                        nationalID: id),
                    since: LocalDate(iso: "2020-01-01")!)
            }
            let token = try await apiToken(store, "canbo.khuongdinh")
            func post(_ path: String, _ json: String? = nil) async throws -> [String: Any] {
                let res = try await apiRequest(app, .POST, path, token: token, json: json)
                #expect(res.status.code < 300, "\(path): \(res.body.string)")
                return jsonObject(res)
            }
            let id = try await post("/api/v1/review/campaigns", #"{"commune_id":"\#(ward)","year":2026,"kind":"periodic"}"#)["id"] as! String
            for code in ["00364-PUB1", "00364-PUB2"] { _ = try await post("/api/v1/review/campaigns/\(id)/households", #"{"household_code":"\#(code)"}"#) }
            _ = try await post("/api/v1/review/campaigns/\(id)/advance")
            let entries = jsonObject(try await apiRequest(app, .GET, "/api/v1/review/campaigns/\(id)/entries", token: token))["items"] as! [[String: Any]]
            for e in entries {
                let poor = e["household_code"] as? String == "00364-PUB1"
                let survey =
                    poor
                    ? #"{"income_per_person":500000,"deprivations":["employment","nutrition","health_insurance"],"collector":"Tổ trưởng","collected_on":"2026-09-05"}"#
                    : #"{"income_per_person":30000000,"deprivations":[],"collector":"Tổ trưởng","collected_on":"2026-09-05"}"#
                let surveyed = try await post("/api/v1/review/entries/\(e["id"] as! String)/survey", survey)
                #expect((surveyed["poverty_class"] as? String == "poor") == poor)
            }
            _ = try await post("/api/v1/review/campaigns/\(id)/advance")
            _ = try await post("/api/v1/review/campaigns/\(id)/meetings", #"{"group_id":"\#(group)","held_on":"2026-09-19","present":20,"agree":15}"#)

            // Before the posting: nothing public.
            var postings = jsonObject(try await apiRequest(app, .GET, "/api/v1/public/postings?ward=00364", token: nil))
            #expect((postings["postings"] as? [Any])?.isEmpty == true && postings["total"] as? Int == 0)
            let browser = TestBrowser(app)
            try await browser.get("/public/postings?ward=00364")
            #expect(browser.lastBody.contains("Hiện Phường Khương Đình không niêm yết danh sách nào."))

            // Posted from 20 to 22 September; today is the 21st: the poor household, masked.
            _ = try await post("/api/v1/review/campaigns/\(id)/posting", #"{"posting_start":"2026-09-20"}"#)
            postings = jsonObject(try await apiRequest(app, .GET, "/api/v1/public/postings?ward=00364", token: nil))
            let posted = postings["postings"] as! [[String: Any]]
            #expect(posted.count == 1 && posted[0]["start"] as? String == "2026-09-20" && posted[0]["end"] as? String == "2026-09-22")
            let items = postings["items"] as! [[String: Any]]
            #expect(postings["total"] as? Int == 1 && items.count == 1)
            #expect(items[0]["head_name"] as? String == "Nguyễn Thị Khó" && items[0]["masked_national_id"] as? String == "001******346")
            #expect(items[0]["class"] as? String == "poor" && items[0]["residential_group"] as? String == "Tổ dân phố 1")
            try await browser.get("/public/postings?ward=00364")
            #expect(browser.lastBody.contains("Nguyễn Thị Khó") && browser.lastBody.contains("001******346"))
            #expect(!browser.lastBody.contains("001170012346") && !browser.lastBody.contains("Trần Văn Khá") && !browser.lastBody.contains("ngõ 12"))
            #expect(browser.lastBody.contains("/public/requests/new?kind=complaint&amp;unit=00364"))

            // After the last day of the posting, the list leaves the public pages.
            clock.advance(minutes: 2 * 1440)
            postings = jsonObject(try await apiRequest(app, .GET, "/api/v1/public/postings?ward=00364", token: nil))
            #expect(postings["total"] as? Int == 0 && (postings["items"] as? [Any])?.isEmpty == true)
            let bad = try await apiRequest(app, .GET, "/api/v1/public/postings?ward=00364&page=0", token: nil)
            #expect(bad.status == .unprocessableEntity)
        }
    }
}
