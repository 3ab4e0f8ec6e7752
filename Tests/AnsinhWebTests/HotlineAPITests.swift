import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

/// The 1800 1769 line over the API: a contact with its topic from the taxonomy, a repeat caller
/// recognised without the number being stored, a non-data contact that stores nothing else, a
/// case opened from a contact, and the report counted from the records.
@Suite("Hotline API")
struct HotlineAPITests {
    @Test(arguments: TestDatabase.all)
    func contactsRepeatCallersAndACase(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let worker = try await apiToken(store, "ctxh.quangninh"), ward = try await apiToken(store, "canbo.khuongdinh")
            // A subtopic of another topic is named and refused.
            var res = try await apiRequest(
                app, .POST, "/api/v1/hotline/contacts", token: worker,
                json:
                    #"{"unit":"22-TTTGXH","at":"2025-03-02T20:15:00+07:00","channel":"phone","caller_type":"adult_self","age_group":"25_59","sex":"female","topic":"legal","subtopic":"stress","phone":"0912 345 678"}"#
            )
            #expect(res.status == .unprocessableEntity)
            #expect((jsonObject(res)["errors"] as? [[String: Any]])?.map { $0["field"] as? String } == ["subtopic"])
            res = try await apiRequest(
                app, .POST, "/api/v1/hotline/contacts", token: worker,
                json:
                    #"{"unit":"22-TTTGXH","at":"2025-03-02T20:15:00+07:00","channel":"phone","duration_seconds":600,"caller_type":"adult_self","age_group":"25_59","sex":"female","topic":"legal","subtopic":"marriage_family","summary":"Hỏi thủ tục ly hôn","phone":"0912 345 678"}"#
            )
            #expect(res.status == .created)
            #expect((jsonObject(res)["earlier"] as? [Any])?.count == 0)
            // The same number in international form, a month later: recognised.
            res = try await apiRequest(
                app, .POST, "/api/v1/hotline/contacts", token: worker,
                json:
                    #"{"unit":"22-TTTGXH","at":"2025-04-02T21:00:00+07:00","channel":"zalo","duration_seconds":1200,"caller_type":"adult_about_child","age_group":"10_14","sex":"male","topic":"violence","subtopic":"physical","summary":"Cháu bị bố đánh","phone":"+84 912 345 678"}"#
            )
            let second = jsonObject(res)
            #expect((second["earlier"] as? [[String: Any]])?.first?["topic"] as? String == "legal")
            // The number itself is nowhere in the database.
            let keys = try await HotlineContactModel.query(on: store.db).all().compactMap(\.callerKey)
            #expect(keys.count == 2 && Set(keys).count == 1 && !keys[0].contains("912345678"))
            // A silent call in one step: its kind and time, nothing else even if sent.
            res = try await apiRequest(
                app, .POST, "/api/v1/hotline/contacts", token: worker,
                json: #"{"unit":"22-TTTGXH","at":"2025-04-03T02:00:00+07:00","channel":"phone","non_data":"silent","summary":"x","phone":"0912345678"}"#)
            #expect(res.status == .created)
            let silent = try await HotlineContactModel.find(UUID(uuidString: jsonObject(res)["id"] as! String)!, on: store.db)!
            #expect(silent.nonData == "silent" && silent.summary == nil && silent.callerKey == nil && silent.topic == nil)

            // A case from the second contact: source hotline, received when the call came, linked.
            let contactID = second["id"] as! String
            res = try await apiRequest(
                app, .POST, "/api/v1/hotline/contacts/\(contactID)/case", token: worker,
                json: #"{"person_name":"Cháu Tuấn","kind":"child_protection","risk_level":"high","risk_reason":"Bị bố đánh","placement":"community_support"}"#)
            #expect(res.status == .created)
            let created = jsonObject(res)
            #expect(created["source"] as? String == "hotline")
            #expect(created["number"] as? String == "22-TTTGXH-2025-0001")
            res = try await apiRequest(app, .GET, "/api/v1/hotline/contacts/\(contactID)", token: worker)
            #expect(jsonObject(res)["case_id"] as? String == created["id"] as? String)
            res = try await apiRequest(
                app, .POST, "/api/v1/hotline/contacts/\(contactID)/case", token: worker,
                json: #"{"person_name":"Cháu Tuấn","kind":"child_protection","risk_level":"high","risk_reason":"x","placement":"community_support"}"#)
            #expect(res.status == .conflict)

            // The year: three contacts, two with data (67 %), 15 minutes on average, by topic.
            res = try await apiRequest(app, .GET, "/api/v1/hotline/report?unit=22-TTTGXH&year=2025", token: worker)
            let report = jsonObject(res)
            #expect(res.status == .ok, "\(res.body.string)")
            #expect(report["contacts"] as? Int == 3)
            #expect(report["answered"] as? Int == 2)
            #expect(report["answered_share"] as? Int == 66)
            #expect(report["average_seconds"] as? Int == 900)
            #expect(report["by_topic"] as? [String: Int] == ["legal": 1, "violence": 1])
            res = try await apiRequest(app, .GET, "/api/v1/hotline/report?unit=22-TTTGXH&year=2025&month=4", token: worker)
            #expect(jsonObject(res)["contacts"] as? Int == 2)
            #expect(try await apiRequest(app, .GET, "/api/v1/hotline/contacts", token: ward).status == .forbidden)
        }
    }

    /// The demo centre's line in 2025: about 3,000 contacts, the four largest topics those the
    /// centre reports, through the centre's report.
    @Test(arguments: TestDatabase.all)
    func theDemoLine(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            #expect(try await DemoData.loadHotline(app.store) == 3000)
            let manager = try await apiToken(app.store, "giamdoc.quangninh")
            let res = try await apiRequest(app, .GET, "/api/v1/reports/centre?unit=22-TTTGXH&year=2025", token: manager)
            let hotline = jsonObject(res)["hotline"] as? [String: Any]
            #expect(hotline?["contacts"] as? Int == 3000)
            let byTopic = hotline?["by_topic"] as? [String: Int] ?? [:]
            let largest = byTopic.sorted { $0.value > $1.value }.prefix(4).map(\.key)
            #expect(Set(largest) == ["psychological", "gender_equality", "legal", "social_work_services"])
            #expect(byTopic["psychological"] == 850)
        }
    }
}
