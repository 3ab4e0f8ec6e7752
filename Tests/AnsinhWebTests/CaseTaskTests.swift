import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

/// Tasks with due days and call backs, on a moving clock: a task is for a worker of the case's
/// unit, shows on its assignee's home page, turns overdue after its day, and is closed once
/// with a note; a call back's number is shown while the call is to be made and erased after.
@Suite("Cases: tasks and call backs")
struct CaseTaskTests {
    @Test(arguments: TestDatabase.all)
    func tasksAndCallBacks(db: TestDatabase) async throws {
        let clock = TestClock()
        try await withAnsinh(db, clock: clock) { (app: Application) async throws in
            let store = app.store
            let worker = try await apiToken(store, "ctxh.quangninh"), manager = try await apiToken(store, "giamdoc.quangninh")
            let ward = try await apiToken(store, "canbo.khuongdinh")
            var res = try await apiRequest(
                app, .POST, "/api/v1/cases", token: worker,
                json:
                    #"{"unit":"22-TTTGXH","kind":"child_protection","source":"school","risk_level":"medium","risk_reason":"Nghỉ học","placement":"community_support","person":{"full_name":"Vi Văn Sáng"}}"#
            )
            let caseID = jsonObject(res)["id"] as! String
            let tomorrow = store.today.adding(days: 1).iso, yesterday = store.today.adding(days: -1).iso
            res = try await apiRequest(
                app, .POST, "/api/v1/cases/\(caseID)/tasks", token: worker,
                json: #"{"title":"Thăm gia đình","assignee":"canbo.khuongdinh","due_on":"\#(yesterday)"}"#)
            #expect(res.status == .unprocessableEntity)
            #expect(Set((jsonObject(res)["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String } ?? []) == ["assignee", "due_on"])
            res = try await apiRequest(app, .POST, "/api/v1/cases/\(caseID)/tasks", token: worker, json: #"{"title":"Thăm gia đình","due_on":"\#(tomorrow)"}"#)
            #expect(res.status == .created)
            let taskID = jsonArray(res).first?["id"] as! String
            #expect(jsonArray(res).first?["assignee"] as? String == "ctxh.quangninh")

            // The worker's own list and the manager's view of everyone's; a ward never sees them.
            #expect(jsonObject(try await apiRequest(app, .GET, "/api/v1/tasks", token: worker))["total"] as? Int == 1)
            #expect(jsonObject(try await apiRequest(app, .GET, "/api/v1/tasks", token: manager))["total"] as? Int == 0)
            #expect(jsonObject(try await apiRequest(app, .GET, "/api/v1/tasks?scope=all", token: manager))["total"] as? Int == 1)
            #expect(try await apiRequest(app, .GET, "/api/v1/tasks", token: ward).status == .forbidden)

            // Two days on it is overdue, on the home page too.
            clock.advance(minutes: 2 * 24 * 60)
            let items = jsonObject(try await apiRequest(app, .GET, "/api/v1/tasks", token: worker))["items"] as? [[String: Any]]
            #expect(items?.first?["overdue"] as? Bool == true)
            let browser = TestBrowser(app)
            try await browser.login("ctxh.quangninh")
            #expect(try await browser.get("/").body.string.contains("Việc cần làm của bạn: 1, trong đó 1 quá hạn"))

            // Closed once, with its note.
            res = try await apiRequest(app, .POST, "/api/v1/tasks/\(taskID)/close", token: worker, json: #"{"transition":"complete","note":" "}"#)
            #expect((jsonObject(res)["errors"] as? [[String: Any]])?.first?["field"] as? String == "note")
            res = try await apiRequest(
                app, .POST, "/api/v1/tasks/\(taskID)/close", token: worker, json: #"{"transition":"complete","note":"Đã thăm, mẹ đồng ý cho đi học"}"#)
            #expect(jsonObject(res)["status"] as? String == "done")
            res = try await apiRequest(app, .POST, "/api/v1/tasks/\(taskID)/close", token: worker, json: #"{"transition":"cancel","note":"x"}"#)
            #expect(res.status == .conflict)

            // A call back: the number checked, shown while the call is to be made, erased after.
            res = try await apiRequest(
                app, .POST, "/api/v1/hotline/contacts", token: worker,
                json: #"{"unit":"22-TTTGXH","channel":"phone","caller_type":"adult_self","age_group":"25_59","sex":"female","topic":"legal"}"#)
            let contact = jsonObject(res)["id"] as! String
            let later = store.today.adding(days: 1).iso
            res = try await apiRequest(
                app, .POST, "/api/v1/hotline/contacts/\(contact)/callback", token: worker, json: #"{"callback_number":"09 12","due_on":"\#(later)"}"#)
            #expect((jsonObject(res)["errors"] as? [[String: Any]])?.first?["field"] as? String == "callback_number")
            res = try await apiRequest(
                app, .POST, "/api/v1/hotline/contacts/\(contact)/callback", token: worker,
                json: #"{"callback_number":"0912 345 678","due_on":"\#(later)","title":"Gọi lại sau 20 giờ"}"#)
            #expect(res.status == .created)
            let callback = jsonObject(res)
            #expect(callback["callback_number"] as? String == "0912345678")
            #expect(callback["kind"] as? String == "callback")
            res = try await apiRequest(
                app, .POST, "/api/v1/tasks/\(callback["id"] as! String)/close", token: worker, json: #"{"transition":"complete","note":"Đã gọi lại"}"#)
            #expect(jsonObject(res)["status"] as? String == "done" && jsonObject(res)["callback_number"] == nil)
            let stored = try await CaseTaskModel.query(on: store.db).filter(\.$kind == "callback").first()
            #expect(stored?.callbackNumber == nil)
        }
    }
}
