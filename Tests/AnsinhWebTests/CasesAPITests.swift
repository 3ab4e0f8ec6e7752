import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

/// A case from intake to an approved closure over the API only: the server enforces every step
/// (409 `transition_not_allowed`, 422 naming the missing field), only a manager closes, every
/// step and every read is in the audit trail, and the centre's figures follow the records.
@Suite("Cases API")
struct CasesAPITests {
    static func step(_ app: Application, _ id: String, _ token: String, _ json: String) async throws -> (HTTPStatus, [String: Any]) {
        let res = try await apiRequest(app, .POST, "/api/v1/cases/\(id)/transitions", token: token, json: json)
        return (res.status, jsonObject(res))
    }

    @Test(arguments: TestDatabase.all)
    func aCaseFromIntakeToApprovedClosure(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let worker = try await apiToken(store, "ctxh.quangninh"), manager = try await apiToken(store, "giamdoc.quangninh")
            let ward = try await apiToken(store, "canbo.khuongdinh")

            // Intake with a reason for the risk; a missing reason is named and nothing is written.
            var res = try await apiRequest(
                app, .POST, "/api/v1/cases", token: worker,
                json:
                    #"{"unit":"22-TTTGXH","kind":"emergency","source":"hotline","risk_level":"high","risk_reason":"  ","received_at":"2025-06-03T09:30:00+07:00","placement":"temporary_shelter","shelter_from":"2025-06-03","person":{"full_name":"Nguyễn Thị Hạnh","gender":"female","birth_year":2012}}"#
            )
            #expect(res.status == .unprocessableEntity)
            #expect((jsonObject(res)["errors"] as? [[String: Any]])?.map { $0["field"] as? String } == ["risk_reason"])
            #expect(try await CaseModel.query(on: store.db).count() == 0)
            res = try await apiRequest(
                app, .POST, "/api/v1/cases", token: worker,
                json:
                    #"{"unit":"22-TTTGXH","kind":"emergency","source":"hotline","risk_level":"high","risk_reason":"Bị cha dượng đánh","received_at":"2025-06-03T09:30:00+07:00","placement":"temporary_shelter","shelter_from":"2025-06-03","person":{"full_name":"Nguyễn Thị Hạnh","gender":"female","birth_year":2012}}"#
            )
            #expect(res.status == .created)
            let c = jsonObject(res)
            let id = c["id"] as! String
            #expect(c["status"] as? String == "registered")
            #expect(c["number"] as? String == "22-TTTGXH-2025-0001")
            #expect(c["actions"] as? [String] == ["assess"])

            // A ward officer never sees the centre's cases.
            #expect(try await apiRequest(app, .GET, "/api/v1/cases/\(id)", token: ward).status == .forbidden)

            // No plan before the assessment; no assessment without its text.
            var (status, body) = try await Self.step(app, id, worker, #"{"to":"planned","goal":"x","responsible":"Đức","due_date":"2025-07-01"}"#)
            #expect(status == .conflict)
            #expect(body["code"] as? String == "transition_not_allowed")
            (status, body) = try await Self.step(app, id, worker, #"{"to":"assessed","risk_level":"critical"}"#)
            #expect(status == .unprocessableEntity)
            #expect((body["errors"] as? [[String: Any]])?.first?["field"] as? String == "assessment")
            (status, body) = try await Self.step(app, id, worker, #"{"to":"assessed","risk_level":"critical","assessment":"Nguy cơ bị bạo hành tiếp"}"#)
            #expect(status == .ok)
            #expect(body["risk_level"] as? String == "critical")
            (status, body) = try await Self.step(
                app, id, worker, #"{"transition":"plan","goal":"Đưa em về ở với bà ngoại","responsible":"Phạm Minh Đức","due_date":"2025-07-15"}"#)
            #expect(body["status"] as? String == "planned")
            #expect((body["goals"] as? [[String: Any]])?.first?["due_date"] as? String == "2025-07-15")
            (status, body) = try await Self.step(app, id, worker, #"{"to":"in_intervention"}"#)
            // Services given go on the timeline, dated, with who gave them; never in the future.
            res = try await apiRequest(
                app, .POST, "/api/v1/cases/\(id)/entries", token: worker, json: #"{"kind":"counselling","on":"2099-01-01","text":"Tham vấn"}"#)
            #expect(res.status == .unprocessableEntity)
            res = try await apiRequest(
                app, .POST, "/api/v1/cases/\(id)/entries", token: worker,
                json: #"{"kind":"counselling","on":"2026-09-20","text":"Tham vấn tâm lý lần 1","given_by":"Nguyễn Thu Hà"}"#)
            #expect(res.status == .created)
            #expect(jsonArray(res).first?["given_by"] as? String == "Nguyễn Thu Hà")
            (status, body) = try await Self.step(app, id, worker, #"{"to":"follow_up"}"#)
            #expect(body["status"] as? String == "follow_up")
            // Closing goes through a request with its reason and outcome, and only a manager approves.
            (status, body) = try await Self.step(app, id, worker, #"{"to":"closed"}"#)
            #expect(status == .conflict)
            (status, body) = try await Self.step(app, id, worker, #"{"to":"closure_requested","closure_reason":"An toàn"}"#)
            #expect((body["errors"] as? [[String: Any]])?.first?["field"] as? String == "outcome")
            (status, body) = try await Self.step(
                app, id, worker, #"{"to":"closure_requested","closure_reason":"Em đã an toàn","outcome":"Sống với bà ngoại, đi học lại"}"#)
            #expect(body["status"] as? String == "closure_requested")
            #expect(body["actions"] as? [String] == [])
            (status, _) = try await Self.step(app, id, worker, #"{"transition":"approve_closure"}"#)
            #expect(status == .forbidden)
            (status, body) = try await Self.step(app, id, manager, #"{"transition":"return_closure","reason":"Cần thêm một lần thăm"}"#)
            #expect(body["status"] as? String == "follow_up")
            (status, _) = try await Self.step(app, id, worker, #"{"to":"closure_requested","closure_reason":"Em đã an toàn","outcome":"Đã thăm lại"}"#)
            (status, body) = try await Self.step(app, id, manager, #"{"to":"closed"}"#)
            #expect(status == .ok)
            #expect(body["status"] as? String == "closed")
            #expect(body["shelter_until"] as? String != nil)
            #expect(body["actions"] as? [String] == ["reopen"])  // the manager may reopen…
            res = try await apiRequest(app, .GET, "/api/v1/cases/\(id)", token: worker)
            #expect(jsonObject(res)["actions"] as? [String] == [])  // …the worker may not
            // Nothing is added to a closed case.
            res = try await apiRequest(app, .POST, "/api/v1/cases/\(id)/entries", token: worker, json: #"{"kind":"note","on":"2026-09-21","text":"x"}"#)
            #expect(res.status == .conflict)
            #expect(jsonObject(res)["code"] as? String == "transition_not_allowed")

            // Every step is audited in order, and so is every read of the case.
            let actions = try await AuditEntryModel.query(on: store.db).filter(\.$entity == "case").filter(\.$entityID == id).sort(\.$id).all().map(\.action)
            #expect(
                actions.filter { $0 != "read_sensitive" } == [
                    "create", "assess", "plan", "intervene", "case_entry", "follow_up", "request_closure", "return_closure", "request_closure",
                    "approve_closure",
                ])
            #expect(actions.filter { $0 == "read_sensitive" }.count >= 10)

            // The centre's figures come from the records: one emergency case, sheltered, closed.
            res = try await apiRequest(app, .GET, "/api/v1/reports/centre?unit=22-TTTGXH&year=2025", token: manager)
            let figures = jsonObject(res)["emergency_cases"] as? [String: Any]
            #expect(figures?["total"] as? Int == 1)
            #expect(figures?["temporary_shelter"] as? Int == 1)
            #expect(figures?["closed"] as? Int == 1)
            #expect(figures?["follow_up"] as? Int == 0)
            #expect(try await apiRequest(app, .GET, "/api/v1/reports/centre?unit=22-TTTGXH&year=2025", token: ward).status == .forbidden)
        }
    }

    /// The demo centre's year (field notes §2) comes out of its records through the report, and a
    /// case added through the API changes the figure.
    @Test(arguments: TestDatabase.all)
    func theDemoCentresYear(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            #expect(try await DemoData.loadCases(app.store) == 26)
            let manager = try await apiToken(app.store, "giamdoc.quangninh")
            var res = try await apiRequest(app, .GET, "/api/v1/reports/centre?unit=22-TTTGXH&year=2025", token: manager)
            var figures = jsonObject(res)["emergency_cases"] as? [String: Any]
            #expect(figures?["total"] as? Int == 26)
            #expect(figures?["temporary_shelter"] as? Int == 3)
            #expect(figures?["community_support"] as? Int == 23)
            #expect(figures?["closed"] as? Int == 22)
            #expect(figures?["follow_up"] as? Int == 4)
            res = try await apiRequest(
                app, .POST, "/api/v1/cases", token: manager,
                json:
                    #"{"unit":"22-TTTGXH","kind":"emergency","source":"police","risk_level":"critical","risk_reason":"Bị bỏ rơi","received_at":"2025-12-30T22:10:00+07:00","placement":"temporary_shelter","shelter_from":"2025-12-30","person":{"full_name":"Bé Na"}}"#
            )
            #expect(res.status == .created)
            res = try await apiRequest(app, .GET, "/api/v1/reports/centre?unit=22-TTTGXH&year=2025", token: manager)
            figures = jsonObject(res)["emergency_cases"] as? [String: Any]
            #expect(figures?["total"] as? Int == 27)
            #expect(figures?["temporary_shelter"] as? Int == 4)
            #expect(figures?["follow_up"] as? Int == 5)
            // The same figures on the centre's page.
            let browser = TestBrowser(app)
            try await browser.login("giamdoc.quangninh")
            let page = try await browser.get("/reports/centre?unit=22-TTTGXH&year=2025")
            #expect(page.body.string.contains("<dd>27</dd>"))
        }
    }
}

/// Deadlines by risk level (`CaseDeadlines`), on a moving clock: an overdue step shows on the
/// worker's and the manager's home page and is escalated to the manager once.
@Suite("Case deadlines")
struct CaseDeadlineTests {
    @Test(arguments: TestDatabase.all)
    func aCriticalCaseNotAssessedWithin12HoursIsEscalatedOnce(db: TestDatabase) async throws {
        let clock = TestClock()
        try await withAnsinh(db, clock: clock) { (app: Application) async throws in
            let store = app.store
            let users = UserRepository(store)
            let worker = try await users.actor(for: try await users.find(username: "ctxh.quangninh")!.id, fallbackLocale: .vi)!
            let manager = try await users.actor(for: try await users.find(username: "giamdoc.quangninh")!.id, fallbackLocale: .vi)!
            var input = CaseInput()
            input.kind = "child_protection"; input.source = "school"; input.riskLevel = "critical"; input.riskReason = "Bị xâm hại"
            input.placement = "community_support"; input.personName = "Em Hoa"
            let repo = CaseRepository(store)
            let c = try await repo.open(worker, input)
            // Eleven hours on: not yet due.
            clock.advance(minutes: 11 * 60)
            #expect(try await repo.overdue(worker, now: store.now()).isEmpty)
            #expect(try await repo.escalate(now: store.now()) == 0)
            // Thirteen hours on: overdue for both, escalated once.
            clock.advance(minutes: 2 * 60)
            #expect(try await repo.overdue(worker, now: store.now()).map(\.number) == [c.number])
            #expect(try await repo.escalate(now: store.now()) == 1)
            #expect(try await repo.escalate(now: store.now()) == 0)
            let seen = try await repo.overdue(manager, now: store.now())
            #expect(seen.count == 1 && seen[0].escalated)
            let browser = TestBrowser(app)
            try await browser.login("giamdoc.quangninh")
            let home = try await browser.get("/")
            #expect(home.body.string.contains(c.number))
            #expect(home.body.string.contains(MessageCatalogue.shared.text(Message("case.escalated"), .vi)))
            // Assessed: the plan's deadline (24 hours for critical) counts from now.
            try await repo.transition(worker, id: c.id, .assess, fields: ["risk_level": "critical", "assessment": "Cần can thiệp ngay"])
            #expect(try await repo.overdue(worker, now: store.now()).isEmpty)
            clock.advance(minutes: 25 * 60)
            #expect(try await repo.overdue(worker, now: store.now()).first?.status == .assessed)
            #expect(try await repo.escalate(now: store.now()) == 1)
            let trail = try await AuditEntryModel.query(on: store.db).filter(\.$action == "escalate").count()
            #expect(trail == 2)
        }
    }

    /// A national administrator shortens the assessment of a critical case to 6 hours: the
    /// same case is overdue after 7 hours instead of 13; the change is audited, a worker may
    /// not make it, and a value out of range is named.
    @Test(arguments: TestDatabase.all)
    func anAdministratorChangesADeadline(db: TestDatabase) async throws {
        let clock = TestClock()
        try await withAnsinh(db, clock: clock) { (app: Application) async throws in
            let store = app.store
            let admin = try await apiToken(store, "admin"), workerToken = try await apiToken(store, "ctxh.quangninh")
            let users = UserRepository(store)
            let worker = try await users.actor(for: try await users.find(username: "ctxh.quangninh")!.id, fallbackLocale: .vi)!
            var input = CaseInput()
            input.kind = "child_protection"; input.source = "school"; input.riskLevel = "critical"; input.riskReason = "Bị xâm hại"
            input.placement = "community_support"; input.personName = "Em Thu"
            let repo = CaseRepository(store)
            _ = try await repo.open(worker, input)
            let change = #"{"name":"critical.assess_hours","value":6}"#
            #expect(try await apiRequest(app, .POST, "/api/v1/case-settings", token: workerToken, json: change).status == .forbidden)
            var res = try await apiRequest(app, .POST, "/api/v1/case-settings", token: admin, json: #"{"name":"critical.assess_hours","value":0}"#)
            #expect((jsonObject(res)["errors"] as? [[String: Any]])?.first?["field"] as? String == "value")
            res = try await apiRequest(app, .POST, "/api/v1/case-settings", token: admin, json: change)
            #expect(res.status == .ok)
            let row = jsonArray(res).first { $0["name"] as? String == "critical.assess_hours" }
            #expect(row?["value"] as? Int == 6 && row?["default_value"] as? Int == 12 && row?["changed_by"] as? String == "admin")
            clock.advance(minutes: 7 * 60)
            #expect(try await repo.overdue(worker, now: store.now()).count == 1)
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$entity == "case_setting").count() == 1)
        }
    }
}
