import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

/// A review campaign from opening to the chairman's decision over the API only (a field app
/// entering surveys): every step of `CampaignLifecycle`, the class the survey gives, and the
/// official classification the decision writes.
@Suite("Review campaigns API")
struct CampaignsAPITests {
    @Test(arguments: TestDatabase.all)
    func aCampaignFromOpeningToDecisionOverTheAPI(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let ward = try await UnitRepository(store).find(code: "00364")!.id
            _ = try await demoRecipients(store, count: 1)  // household 00364-P0 in Tổ dân phố 1
            let officer = try await apiToken(store, "canbo.khuongdinh"), chairman = try await apiToken(store, "lanhdao.khuongdinh")
            func step(_ id: String, _ action: String, _ json: String? = nil, as who: String? = nil) async throws -> (UInt, [String: Any]) {
                let res = try await apiRequest(app, .POST, "/api/v1/review/campaigns/\(id)/\(action)", token: who ?? officer, json: json)
                return (res.status.code, jsonObject(res))
            }

            var res = try await apiRequest(
                app, .POST, "/api/v1/review/campaigns", token: officer, json: #"{"commune_id":"\#(ward)","year":2026,"kind":"periodic"}"#)
            #expect(res.status == .created)
            let id = jsonObject(res)["id"] as! String
            #expect(jsonObject(res)["step"] as? String == "listing")
            // Nothing listed yet: the list cannot be closed.
            var (status, body) = try await step(id, "advance")
            #expect(status == 409)
            (status, body) = try await step(id, "households", #"{"household_code":"00364-P0"}"#)
            #expect(status == 200)
            #expect(((body["campaign"] as? [String: Any])?["groups"] as? [[String: Any]])?.first?["households"] as? Int == 1)
            (status, body) = try await step(id, "advance")
            #expect((body["campaign"] as? [String: Any])?["step"] as? String == "survey")

            // The survey: 1,200,000 đồng a person and three deprivations; the class is the one
            // AnsinhCore gives for the same survey (Decree 07/2021).
            res = try await apiRequest(app, .GET, "/api/v1/review/campaigns/\(id)/entries", token: officer)
            let listed = (jsonObject(res)["items"] as! [[String: Any]])[0]
            let entry = listed["id"] as! String
            let area = AreaType(rawValue: listed["area_type"] as! String)!
            res = try await apiRequest(
                app, .POST, "/api/v1/review/entries/\(entry)/survey", token: officer,
                json:
                    #"{"income_per_person":1200000,"deprivations":["employment","nutrition","health_insurance"],"collector":"Tổ trưởng","collected_on":"2026-09-05"}"#
            )
            #expect(res.status == .ok)
            let surveyed = jsonObject(res)
            let expected = PovertyRules.classify(
                PovertySurvey(period: 2026, area: area, incomePerPerson: 1_200_000, deprivations: ["employment", "nutrition", "health_insurance"]),
                standard: PovertyRules.shared.standard(for: 2026)!)
            #expect(surveyed["poverty_class"] as? String == expected.povertyClass.rawValue)
            #expect((surveyed["reasons"] as? [[String: Any]])?.isEmpty == false)

            (status, body) = try await step(id, "advance")
            #expect((body["campaign"] as? [String: Any])?["step"] as? String == "meeting")
            // The posting waits for the group's meeting.
            (status, _) = try await step(id, "posting", #"{"posting_start":"2026-09-08"}"#)
            #expect(status == 409)
            let group = try await UnitRepository(store).find(code: "00364-TDP01")!.id
            (status, body) = try await step(id, "meetings", #"{"group_id":"\#(group)","held_on":"2026-09-07","present":20,"agree":15}"#)
            #expect(status == 200)
            #expect(((body["campaign"] as? [String: Any])?["groups"] as? [[String: Any]])?.first?["meeting_passed"] as? Bool == true)
            (status, body) = try await step(id, "posting", #"{"posting_start":"2026-09-08"}"#)
            #expect((body["campaign"] as? [String: Any])?["posting_end"] as? String == "2026-09-10")
            // An objection inside the window, resolved; then the posting closes.
            (status, _) = try await step(
                id, "objections", #"{"household_code":"00364-P0","complainant":"Hàng xóm","text":"Thu nhập cao hơn","received_on":"2026-09-09"}"#)
            #expect(status == 200)
            (status, _) = try await step(id, "advance")
            #expect(status == 409)  // an objection is open
            let objection = try await ReviewObjectionModel.query(on: store.db).first()!.id!
            res = try await apiRequest(
                app, .POST, "/api/v1/review/objections/\(objection)/resolve", token: officer, json: #"{"resolution":"Đã xác minh: đúng"}"#)
            #expect(res.status == .ok)
            (status, body) = try await step(id, "advance")
            #expect((body["campaign"] as? [String: Any])?["step"] as? String == "decision")
            #expect((body["campaign"] as? [String: Any])?["actions"] as? [String] == [])  // the officer may not decide
            // The chairman decides: one household classified officially, the campaign closed.
            (status, body) = try await step(id, "decision", #"{"decision_number":"45/QĐ-UBND","decision_date":"2026-09-14"}"#, as: chairman)
            #expect(status == 200)
            #expect(body["count"] as? Int == 1)
            #expect((body["campaign"] as? [String: Any])?["step"] as? String == "closed")
            let official = try await HouseholdClassificationModel.query(on: store.db).filter(\.$period == 2026).all()
            #expect(official.count == 1 && official.first?.povertyClass == expected.povertyClass.rawValue)
            let steps = try await AuditEntryModel.query(on: store.db).filter(\.$entity == "review_campaign").filter(\.$action == "review_step").count()
            #expect(steps == 4)  // list → survey → meeting → posting → decision
        }
    }
}
