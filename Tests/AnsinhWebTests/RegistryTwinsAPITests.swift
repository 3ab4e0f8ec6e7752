import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

/// The registry's remaining page actions driven over the API: relationships, the duplicate
/// queue and sudden hardship — the same rules, scope and audit as the pages.
@Suite("Registry twins over the API")
struct RegistryTwinsAPITests {
    @Test(arguments: TestDatabase.all)
    func relationshipsDuplicatesAndHardship(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let token = try await apiToken(store, "canbo.khuongdinh")
            let people = try await demoRecipients(store, count: 2)
            let (child, carer) = (people[0], people[1])

            // A carer recorded by id; the list names them; ending before the start is refused.
            var res = try await apiRequest(
                app, .POST, "/api/v1/persons/\(child)/relationships", token: token, json: #"{"related":"\#(carer)","kind":"carer","since":"2026-01-01"}"#)
            #expect(res.status == .created)
            var list = jsonArray(res)
            #expect(list.count == 1)
            #expect((list[0]["other"] as? [String: Any])?["id"] as? String == carer.uuidString)
            #expect(list[0]["other_is_the"] as? Bool == true && list[0]["kind"] as? String == "carer")
            res = try await apiRequest(
                app, .POST, "/api/v1/persons/\(child)/relationships", token: token, json: #"{"related":"\#(carer)","kind":"carer","since":"2026-01-01"}"#)
            #expect(res.status == .unprocessableEntity)  // the same relationship twice
            let rid = list[0]["id"] as! String
            res = try await apiRequest(app, .POST, "/api/v1/relationships/\(rid)/end", token: token, json: #"{"date":"2025-12-31"}"#)
            #expect(res.status == .unprocessableEntity)
            res = try await apiRequest(app, .POST, "/api/v1/relationships/\(rid)/end", token: token, json: #"{"date":"2026-03-01"}"#)
            #expect(res.status == .ok)
            res = try await apiRequest(app, .GET, "/api/v1/persons/\(child)/relationships", token: token)
            list = jsonArray(res)
            #expect(list.first?["until"] as? String == "2026-03-01")
            // The carer sees the same relationship from the other side.
            res = try await apiRequest(app, .GET, "/api/v1/persons/\(carer)/relationships", token: token)
            #expect(jsonArray(res).first?["other_is_the"] as? Bool == false)

            // Two households whose heads are the same person: found, then merged once.
            let officer = try await demoActor(store, "canbo.khuongdinh")
            let ward = try await UnitRepository(store).find(code: "00364")!.id
            for code in ["00364-D1", "00364-D2"] {
                _ = try await RegistryRepository(store).createHousehold(
                    officer, HouseholdInput(code: code, communeID: ward, groupID: nil, address: "Số 9", areaType: nil, phone: nil),
                    head: PersonInput(fullName: "Đỗ Thị Trùng", gender: "female", birth: "1961-04-04"), since: LocalDate(iso: "2020-01-01")!)
            }
            res = try await apiRequest(app, .POST, "/api/v1/duplicates", token: token)
            #expect((jsonObject(res)["found"] as? Int ?? 0) >= 1)
            res = try await apiRequest(app, .GET, "/api/v1/duplicates", token: token)
            let pairs = jsonObject(res)["items"] as! [[String: Any]]
            let pair = pairs.first { ($0["a"] as? [String: Any])?["full_name"] as? String == "Đỗ Thị Trùng" }!
            let pid = pair["id"] as! String
            res = try await apiRequest(app, .POST, "/api/v1/duplicates/\(pid)/merge", token: token, json: #"{"keep":"c"}"#)
            #expect(res.status == .unprocessableEntity)
            res = try await apiRequest(app, .POST, "/api/v1/duplicates/\(pid)/merge", token: token, json: #"{"keep":"a"}"#)
            #expect(jsonObject(res)["status"] as? String == "merged")
            res = try await apiRequest(app, .POST, "/api/v1/duplicates/\(pid)/merge", token: token, json: #"{"keep":"a"}"#)
            #expect(res.status == .notFound)
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action == "merge").count() == 1)

            // Sudden hardship: recorded, on the alert list until the support is recorded.
            let household = try await MembershipModel.query(on: store.db).filter(\.$personID == child).first()!.householdID
            res = try await apiRequest(
                app, .POST, "/api/v1/households/\(household)/hardship", token: token,
                json: #"{"event_kind":"job_loss","occurred_on":"2026-09-01","note":"Mất việc ở xưởng may"}"#)
            #expect(res.status == .created)
            let event = jsonObject(res)["id"] as! String
            res = try await apiRequest(app, .GET, "/api/v1/hardship", token: token)
            let open = jsonObject(res)["items"] as! [[String: Any]]
            #expect(open.contains { $0["id"] as? String == event && $0["event_kind"] as? String == "job_loss" })
            res = try await apiRequest(app, .POST, "/api/v1/hardship/\(event)/resolve", token: token, json: #"{"support":"   "}"#)
            #expect(res.status == .unprocessableEntity)
            res = try await apiRequest(app, .POST, "/api/v1/hardship/\(event)/resolve", token: token, json: #"{"support":"Giới thiệu học nghề nấu ăn"}"#)
            #expect(res.status == .ok)
            res = try await apiRequest(app, .GET, "/api/v1/hardship", token: token)
            #expect((jsonObject(res)["items"] as! [[String: Any]]).contains { $0["id"] as? String == event } == false)
            res = try await apiRequest(app, .GET, "/api/v1/hardship?all=true", token: token)
            let resolved = (jsonObject(res)["items"] as! [[String: Any]]).first { $0["id"] as? String == event }
            #expect(resolved?["support"] as? String == "Giới thiệu học nghề nấu ăn")
            res = try await apiRequest(app, .POST, "/api/v1/hardship/\(event)/resolve", token: token, json: #"{"support":"Lần nữa"}"#)
            #expect(res.status == .conflict)
            // White space of any kind (a form feed too) is not a reason; the document says so.
            res = try await apiRequest(
                app, .POST, "/api/v1/households/\(household)/circumstances", token: token, json: #"{"reason":"\f\n","since":"2026-01-01"}"#)
            #expect(res.status == .unprocessableEntity)
            res = try await apiRequest(app, .GET, "/api/v1/hardship?all=maybe", token: token)
            #expect(res.status == .unprocessableEntity)
        }
    }
}
