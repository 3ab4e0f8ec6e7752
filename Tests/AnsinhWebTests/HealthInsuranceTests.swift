import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

/// Health-insurance entitlement lists from the same facts as the allowances: who, on which
/// basis, at what share, what changed since the previous list; the export; cards recorded back.
@Suite("Health-insurance lists")
struct HealthInsuranceTests {
    @Test(arguments: TestDatabase.all)
    func aListComparedWithThePreviousOneAndCardsRecordedBack(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let p = try await demoRecipients(store, count: 4)
            // A child of 3; a near-poor adult; a war invalid; a man of 40 with nothing.
            try await setFacts(store, p[0], birth: "2023-01-01", disability: .none, certificate: nil)
            try await setFacts(store, p[1], birth: "1980-01-01", disability: .none, certificate: nil)
            try await setClass(store, p[1], "near_poor")
            try await setFacts(store, p[2], birth: "1950-01-01", disability: .none, certificate: nil)
            let officerActor = try await demoActor(store, "canbo.khuongdinh")
            _ = try await GiftCampaignRepository(store).addMerit(
                officerActor, personID: p[2], category: "war_invalid", detail: "", since: "1980-01-01", document: "GCN-1", today: store.today)
            try await setFacts(store, p[3], birth: "1986-01-01", disability: .none, certificate: nil)
            let officer = try await apiToken(store, "canbo.khuongdinh"), accountant = try await apiToken(store, "ketoan.khuongdinh")
            let ward = try await UnitRepository(store).find(code: "00364")!.id

            var res = try await apiRequest(
                app, .POST, "/api/v1/health-insurance/lists", token: accountant, json: #"{"commune_id":"\#(ward)","month":"2026-03"}"#)
            #expect(res.status == .forbidden)
            res = try await apiRequest(app, .POST, "/api/v1/health-insurance/lists", token: officer, json: #"{"commune_id":"\#(ward)","month":"2026-03"}"#)
            #expect(res.status == .created)
            let march = jsonObject(res)["id"] as! String
            func entries(_ id: String, _ query: String = "") async throws -> [UUID: [String: Any]] {
                let r = try await apiRequest(app, .GET, "/api/v1/health-insurance/lists/\(id)?per_page=200\(query)", token: accountant)
                let items = ((jsonObject(r)["entries"] as? [String: Any])?["items"] as? [[String: Any]]) ?? []
                return Dictionary(items.map { (UUID(uuidString: $0["person_id"] as! String)!, $0) }, uniquingKeysWith: { a, _ in a })
            }
            var e = try await entries(march)
            #expect(e[p[0]]?["basis"] as? String == "child_under_6" && e[p[0]]?["state_percent"] as? Int == 100)
            #expect(e[p[1]]?["basis"] as? String == "near_poor_household" && e[p[1]]?["state_percent"] as? Int == 70)
            #expect(e[p[2]]?["basis"] as? String == "merit")
            #expect(e[p[3]] == nil)
            #expect(e.values.allSatisfy { $0["change"] as? String == "new" })
            // The same month twice is refused.
            res = try await apiRequest(app, .POST, "/api/v1/health-insurance/lists", token: officer, json: #"{"commune_id":"\#(ward)","month":"2026-03"}"#)
            #expect(res.status == .conflict)

            // April: the child's birth corrected (now 11), the near-poor adult a war invalid too, the man near-poor.
            try await setFacts(store, p[0], birth: "2015-01-01", disability: .none, certificate: nil)
            _ = try await GiftCampaignRepository(store).addMerit(
                officerActor, personID: p[1], category: "war_invalid", detail: "", since: "1980-01-01", document: "GCN-2", today: store.today)
            try await setClass(store, p[3], "near_poor")
            res = try await apiRequest(app, .POST, "/api/v1/health-insurance/lists", token: officer, json: #"{"commune_id":"\#(ward)","month":"2026-04"}"#)
            let april = jsonObject(res)
            #expect(april["previous_month"] as? String == "2026-03")
            #expect(april["added"] as? Int == 1 && april["changed"] as? Int == 1 && april["removed"] as? Int == 1)
            e = try await entries(april["id"] as! String)
            #expect(e[p[0]]?["change"] as? String == "removed" && e[p[0]]?["previous_basis"] as? String == "child_under_6")
            #expect(e[p[1]]?["change"] as? String == "changed" && e[p[1]]?["basis"] as? String == "merit")
            #expect(e[p[2]]?["change"] as? String == "same")
            #expect(e[p[3]]?["change"] as? String == "new")
            #expect(try await entries(april["id"] as! String, "&change=removed").keys.sorted() == [p[0]])

            // Cards: a bad number and reversed dates are named; a good one shows on the list.
            res = try await apiRequest(
                app, .POST, "/api/v1/persons/\(p[2])/health-cards", token: officer,
                json: #"{"card_number":"12345","valid_from":"2026-01-01","valid_until":"2025-12-31"}"#)
            #expect(Set(((jsonObject(res)["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String }) == ["card_number", "valid_until"])
            res = try await apiRequest(
                app, .POST, "/api/v1/persons/\(p[2])/health-cards", token: officer,
                json: #"{"card_number":"ch4010123456789","valid_from":"2026-01-01","valid_until":"2026-12-31"}"#)
            #expect(res.status == .created)
            #expect(jsonObject(res)["card_number"] as? String == "CH4010123456789")
            e = try await entries(april["id"] as! String)
            #expect(e[p[2]]?["card_number"] as? String == "CH4010123456789" && e[p[2]]?["card_valid_until"] as? String == "2026-12-31")

            // The page and the export for the social security agency.
            let b = TestBrowser(app)
            try await b.login("ketoan.khuongdinh")
            try await b.get("/allowances/health-insurance/\(april["id"] as! String)?change=changed")
            #expect(b.lastBody.contains("Người có công") && b.lastBody.contains("trước: Hộ cận nghèo"))
            try await b.get("/allowances/health-insurance/\(april["id"] as! String)/export.csv")
            #expect(b.lastBody.contains("household_code,full_name,birth_date,national_id,basis,state_percent,change"))
            #expect(b.lastBody.contains(",merit,100,same,merit,CH4010123456789,2026-12-31"))
            try await b.get("/allowances/health-insurance")
            #expect(!b.lastBody.contains(#"action="/allowances/health-insurance""#))  // the accountant makes no list
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action == "health_insurance_list").count() == 2)
        }
    }
}
