import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import AnsinhWeb

@Suite("JSON API, OpenAPI, health and metrics")
struct APITests {
    func token(_ app: Application, _ username: String) async throws -> String {
        let u = try await UserRepository(app.store).find(username: username)!
        return try await TokenRepository(app.store).create(.system, for: u.id, name: "test")
    }

    @Test(arguments: TestDatabase.all)
    func bearerTokens(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            var res = try await apiRequest(app, .GET, "/api/v1/me", token: nil)
            #expect(res.status == .unauthorized)
            #expect(res.headers.first(name: .contentType) == "application/problem+json; charset=utf-8")
            #expect(jsonObject(res)["code"] as? String == "unauthenticated")
            res = try await apiRequest(app, .GET, "/api/v1/me", token: "ans_not-a-real-token")
            #expect(res.status == .unauthorized)
            let t = try await token(app, "lanhdao.khuongdinh")
            res = try await apiRequest(app, .GET, "/api/v1/me", token: t)
            #expect(res.status == .ok)
            let me = jsonObject(res)
            #expect(me["username"] as? String == "lanhdao.khuongdinh")
            #expect(me["role"] as? String == "ward_approver")
            // Only the HMAC of the token is stored.
            let stored = try await ApiTokenModel.query(on: app.db).all().map(\.tokenHash)
            #expect(!stored.contains(t))
            #expect(stored.allSatisfy { $0.count == 64 })
            // Disabling the account revokes its tokens.
            let u = try await UserRepository(app.store).find(username: "lanhdao.khuongdinh")!
            _ = try await UserRepository(app.store).setDisabled(.system, id: u.id, disabled: true)
            res = try await apiRequest(app, .GET, "/api/v1/me", token: t)
            #expect(res.status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.all)
    func unitsThroughTheAPI(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let t = try await token(app, "canbo.khuongdinh")
            let ward = try await UnitRepository(app.store).find(code: "00364")!
            let centre = try await UnitRepository(app.store).find(code: "22-TTTGXH")!

            var res = try await apiRequest(app, .GET, "/api/v1/units?per_page=2", token: t)
            #expect(res.status == .ok)
            var body = jsonObject(res)
            #expect(body["total"] as? Int == 4)
            #expect((body["items"] as? [Any])?.count == 2)
            #expect(body["per_page"] as? Int == 2)

            res = try await apiRequest(
                app, .POST, "/api/v1/units", token: t,
                json: #"{"code":"00364-TDP05","name":"Tổ dân phố 5","kind":"residential_group","parent_id":"\#(ward.id.uuidString)"}"#)
            #expect(res.status == .created)
            body = jsonObject(res)
            #expect(body["code"] as? String == "00364-TDP05")
            #expect(body["parent_id"] as? String == ward.id.uuidString)
            let id = body["id"] as! String

            res = try await apiRequest(app, .PATCH, "/api/v1/units/\(id)", token: t, json: #"{"name":"Tổ dân phố số 5"}"#)
            #expect(res.status == .ok)
            #expect(jsonObject(res)["name"] as? String == "Tổ dân phố số 5")

            // Outside scope: 404, never the record.
            res = try await apiRequest(app, .GET, "/api/v1/units/\(centre.id.uuidString)", token: t)
            #expect(res.status == .notFound)
            #expect(jsonObject(res)["code"] as? String == "not_found")
            #expect(!String(buffer: res.body).contains("Quảng Ninh"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func validationProblemsNameTheFieldInTheRequestedLanguage(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let t = try await token(app, "admin")
            let ward = try await UnitRepository(app.store).find(code: "00364")!
            var res = try await apiRequest(
                app, .POST, "/api/v1/units", token: t,
                json: #"{"code":"bad code","name":"","kind":"residential_group","parent_id":"\#(ward.id.uuidString)"}"#,
                language: "ar")
            #expect(res.status == .unprocessableEntity)
            let body = jsonObject(res)
            #expect(body["code"] as? String == "validation_failed")
            #expect(body["detail"] as? String == "بعض المدخلات غير صالحة؛ لم يُحفظ شيء.")
            let errors = body["errors"] as? [[String: Any]] ?? []
            #expect(Set(errors.compactMap { $0["field"] as? String }) == ["code", "name"])
            #expect(errors.first { $0["field"] as? String == "code" }?["code"] as? String == "validation.unit_code")

            res = try await apiRequest(app, .POST, "/api/v1/units", token: t, json: #"{"name":"X","kind":"commune"}"#, language: "en")
            #expect(res.status == .unprocessableEntity)
            let missing = (jsonObject(res)["errors"] as? [[String: Any]])?.first
            #expect(missing?["field"] as? String == "code")
            #expect(missing?["message"] as? String == "This field is required.")

            res = try await apiRequest(app, .POST, "/api/v1/users", token: t, json: "{not json", language: "en")
            #expect(res.status == .unprocessableEntity)
        }
    }

    @Test(arguments: TestDatabase.all)
    func auditOverTheAPI(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let t = try await token(app, "kiemtoan")
            var res = try await apiRequest(app, .GET, "/api/v1/audit?entity=user&per_page=100", token: t)
            #expect(res.status == .ok)
            let items = jsonObject(res)["items"] as? [[String: Any]] ?? []
            #expect(items.count == 7)  // the 7 demo accounts; the token is entity "api_token"
            #expect(items.allSatisfy { $0["action"] as? String == "create" })
            res = try await apiRequest(app, .GET, "/api/v1/audit/verify", token: t)
            #expect(res.status == .ok)
            #expect(jsonObject(res)["ok"] as? Bool == true)
            // Auditors read; they do not write.
            res = try await apiRequest(
                app, .POST, "/api/v1/units", token: t, json: #"{"code":"Z","name":"Z","kind":"commune","parent_id":"\#(UUID().uuidString)"}"#)
            #expect(res.status == .forbidden)
        }
    }

    /// Every write a page can do has its API twin (CONTRIBUTING, step 6): each form's route is
    /// listed here with the API operation that does the same, and both must exist. A new form
    /// without a twin fails here. Only the session's own forms (sign-in, sign-out, language)
    /// have none.
    static let twins: [String: String] = [
        "/cases": "POST /api/v1/cases", "/cases/:id/steps": "POST /api/v1/cases/:id/transitions",
        "/cases/:id/entries": "POST /api/v1/cases/:id/entries", "/hotline": "POST /api/v1/hotline/contacts",
        "/hotline/:id/case": "POST /api/v1/hotline/contacts/:id/case",
        "/account/password": "POST /api/v1/me/password", "/account/tokens": "POST /api/v1/tokens",
        "/account/tokens/:id/revoke": "POST /api/v1/tokens/:id/revoke", "/admin/rules": "POST /api/v1/allowances/rule-settings",
        "/admin/units": "POST /api/v1/units", "/admin/units/:id/delete": "DELETE /api/v1/units/:id", "/admin/units/:id/edit": "PATCH /api/v1/units/:id",
        "/admin/units/:id/facts": "POST /api/v1/units/:id/facts", "/admin/users": "POST /api/v1/users",
        "/admin/users/:id/disable": "POST /api/v1/users/:id/disable", "/admin/users/:id/edit": "PATCH /api/v1/users/:id",
        "/admin/users/:id/enable": "POST /api/v1/users/:id/enable", "/admin/users/:id/tokens": "POST /api/v1/tokens",
        "/allowances/applications/:id/decision": "POST /api/v1/applications/:id/decide",
        "/registry/persons/:id/facts": "PUT /api/v1/persons/:id/facts",
        "/allowances/health-insurance": "POST /api/v1/health-insurance/lists",
        "/registry/persons/:id/health-card": "POST /api/v1/persons/:id/health-cards",
        "/allowances/one-off": "POST /api/v1/one-off-benefits", "/allowances/one-off/:id/hand-out": "POST /api/v1/one-off-benefits/:id/hand-out",
        "/allowances/one-off/:id/cancel": "POST /api/v1/one-off-benefits/:id/cancel",
        "/registry/persons/:id/verification": "POST /api/v1/persons/:id/verifications",
        "/registry/persons/:id/verification/connector": "POST /api/v1/persons/:id/verifications/connector",
        "/registry/persons/:id/consents": "POST /api/v1/persons/:id/consents",
        "/registry/consents/:id/withdraw": "POST /api/v1/person-consents/:id/withdraw",
        "/registry/persons/:id/data-requests": "POST /api/v1/persons/:id/data-requests",
        "/registry/data-requests/:id/complete": "POST /api/v1/data-requests/:id/complete",
        "/registry/data-requests/:id/refuse": "POST /api/v1/data-requests/:id/refuse",
        "/registry/data-requests/:id/erase": "POST /api/v1/data-requests/:id/erase",
        "/hotline/:id/hold": "POST /api/v1/hotline/contacts/:id/hold", "/admin/breaches": "POST /api/v1/breaches",
        "/admin/breaches/:id/step": "POST /api/v1/breaches/:id/report",
        "/public/requests": "POST /api/v1/public/requests", "/public/requests/track": "GET /api/v1/public/requests/:tracking_code",
        "/public/requests/messages": "POST /api/v1/public/requests/:tracking_code/messages",
        "/admin/request-deadlines": "POST /api/v1/request-deadlines",
        "/requests/:id/step": "POST /api/v1/requests/:id/answer", "/announcements": "POST /api/v1/announcements",
        "/announcements/:id/step": "POST /api/v1/announcements/:id/publish", "/requests/:id/convert": "POST /api/v1/requests/:id/convert",
        "/requests/:id/application": "POST /api/v1/requests/:id/application", "/requests/:id/household": "POST /api/v1/requests/:id/household",
        "/livelihood": "POST /api/v1/job-seekers", "/livelihood/seekers/:id/referrals": "POST /api/v1/job-seekers/:id/referrals",
        "/livelihood/referrals/:id/step": "POST /api/v1/job-referrals/:id/hire", "/livelihood/courses": "POST /api/v1/courses",
        "/livelihood/courses/:id/enrolments": "POST /api/v1/courses/:id/enrolments",
        "/livelihood/enrolments/:id/step": "POST /api/v1/enrolments/:id/complete",
        "/livelihood/enrolments/:id/outcomes": "POST /api/v1/enrolments/:id/outcomes", "/livelihood/employers": "POST /api/v1/employers",
        "/livelihood/employers/:id/vacancies": "POST /api/v1/employers/:id/vacancies", "/livelihood/events": "POST /api/v1/livelihood-events",
        "/livelihood/events/:id/attendance": "POST /api/v1/livelihood-events/:id/attendance", "/livelihood/loans": "POST /api/v1/loans",
        "/livelihood/loans/reminders": "POST /api/v1/loan-reminders",
        "/livelihood/loans/:id/step": "POST /api/v1/loans/:id/confirm",
        "/education": "POST /api/v1/schools", "/education/pupils": "POST /api/v1/pupils",
        "/education/schools/:id/list": "POST /api/v1/schools/:id/supports", "/education/supports/:id/step": "POST /api/v1/education-supports/:id/apply",
        "/livelihood/business": "POST /api/v1/business-plans", "/livelihood/business/:id/supports": "POST /api/v1/business-plans/:id/supports",
        "/livelihood/business/:id/step": "POST /api/v1/business-plans/:id/start",
        "/works": "POST /api/v1/works", "/works/:id/step": "POST /api/v1/works/:id/approve", "/works/:id/budget": "POST /api/v1/works/:id/budget",
        "/works/:id/photos": "POST /api/v1/works/:id/photos",
        "/allowances/applications/:id/posting": "POST /api/v1/applications/:id/post",
        "/allowances/applications/:id/refuse": "POST /api/v1/applications/:id/refuse",
        "/allowances/applications/:id/review": "POST /api/v1/applications/:id/review", "/allowances/calculator": "POST /api/v1/allowances/evaluate",
        "/allowances/eligibility/run": "POST /api/v1/eligibility/runs", "/payments/budget": "POST /api/v1/payments/budgets",
        "/payments/cycles/:id/approve": "POST /api/v1/payments/cycles/:id/approve", "/payments/cycles/:id/close": "POST /api/v1/payments/cycles/:id/close",
        "/payments/cycles/:id/confirmation": "POST /api/v1/payments/cycles/:id/confirmation",
        "/payments/cycles/:id/send-back": "POST /api/v1/payments/cycles/:id/send-back",
        "/payments/cycles/:id/settle": "POST /api/v1/payments/cycles/:id/settle", "/payments/cycles/:id/submit": "POST /api/v1/payments/cycles/:id/submit",
        "/payments/generate": "POST /api/v1/payments/cycles", "/registry/duplicates/:id/dismiss": "POST /api/v1/duplicates/:id/dismiss",
        "/registry/duplicates/:id/merge": "POST /api/v1/duplicates/:id/merge", "/registry/duplicates/run": "POST /api/v1/duplicates",
        "/registry/households": "POST /api/v1/households", "/registry/households/:id/circumstances": "POST /api/v1/households/:id/circumstances",
        "/registry/households/:id/hardship": "POST /api/v1/households/:id/hardship", "/registry/households/:id/leave": "POST /api/v1/households/:id/leave",
        "/registry/households/:id/members": "POST /api/v1/households/:id/members", "/registry/households/:id/merge": "POST /api/v1/households/:id/merge",
        "/registry/households/:id/move": "POST /api/v1/households/:id/move", "/registry/households/:id/split": "POST /api/v1/households/:id/split",
        "/registry/import": "POST /api/v1/imports", "/registry/import/:id/run": "POST /api/v1/imports/:id/run",
        "/registry/persons/:id/applications": "POST /api/v1/persons/:id/applications",
        "/registry/persons/:id/decisions": "POST /api/v1/persons/:id/decisions", "/registry/persons/:id/edit": "PUT /api/v1/persons/:id",
        "/donors/:id": "PUT /api/v1/donors/:id", "/funds/:id": "PUT /api/v1/funds/:id",
        "/funds/:id/pledges": "POST /api/v1/funds/:id/pledges", "/pledges/:id/cancel": "POST /api/v1/pledges/:id/cancel",
        "/registry/persons/:id/relationships": "POST /api/v1/persons/:id/relationships",
        "/registry/relationships/:id/end": "POST /api/v1/relationships/:id/end", "/review/alerts/:id/resolve": "POST /api/v1/hardship/:id/resolve",
        "/review/calculator": "POST /api/v1/poverty/classify", "/review/campaigns": "POST /api/v1/review/campaigns",
        "/review/campaigns/:id/advance": "POST /api/v1/review/campaigns/:id/advance",
        "/review/campaigns/:id/classify": "POST /api/v1/review/campaigns/:id/classify",
        "/review/campaigns/:id/decision": "POST /api/v1/review/campaigns/:id/decision",
        "/review/campaigns/:id/list": "POST /api/v1/review/campaigns/:id/list-current",
        "/review/campaigns/:id/meetings": "POST /api/v1/review/campaigns/:id/meetings",
        "/review/campaigns/:id/objections": "POST /api/v1/review/campaigns/:id/objections",
        "/review/campaigns/:id/posting": "POST /api/v1/review/campaigns/:id/posting",
        "/review/campaigns/:id/requests": "POST /api/v1/review/campaigns/:id/households",
        "/review/objections/:id/resolve": "POST /api/v1/review/objections/:id/resolve", "/review/settings": "POST /api/v1/review/settings",
        "/review/surveys/:id": "POST /api/v1/review/entries/:id/survey",
        "/cases/:id/consents": "POST /api/v1/cases/:id/consents", "/consents/:id/withdraw": "POST /api/v1/consents/:id/withdrawal",
        "/cases/:id/referrals": "POST /api/v1/cases/:id/referrals", "/cases/:id/file": "POST /api/v1/cases/:id/file",
        "/referrals/:id/outcome": "POST /api/v1/referrals/:id/outcome", "/cases/:id/worker": "POST /api/v1/cases/:id/worker",
        "/cases/:id/hold": "POST /api/v1/cases/:id/hold", "/review/campaigns/:id/hold": "POST /api/v1/review/campaigns/:id/hold",
        "/allowances/decisions/:id/hold": "POST /api/v1/decisions/:id/hold", "/payments/cycles/:id/hold": "POST /api/v1/payments/cycles/:id/hold",
        "/donors/:id/hold": "POST /api/v1/donors/:id/hold", "/allowances/applications/:id/hold": "POST /api/v1/applications/:id/hold",
        "/hotline/:id/link": "POST /api/v1/hotline/contacts/:id/link", "/cases/:id/tasks": "POST /api/v1/cases/:id/tasks",
        "/hotline/:id/callback": "POST /api/v1/hotline/contacts/:id/callback", "/tasks/:id/close": "POST /api/v1/tasks/:id/close",
        "/cases/:id/documents": "POST /api/v1/cases/:id/documents", "/case-settings": "POST /api/v1/case-settings",
        "/review/campaigns/:id/survey-import": "POST /api/v1/review/campaigns/:id/survey-import",
        "/allowances/take-over": "POST /api/v1/allowances/take-over",
        "/care/admit": "POST /api/v1/care/residents", "/care/residents/:id/bed": "POST /api/v1/care/residents/:id/bed",
        "/care/residents/:id/discharge": "POST /api/v1/care/residents/:id/discharge",
        "/care/residents/:id/hold": "POST /api/v1/care/residents/:id/hold", "/care/residents/:id/log": "POST /api/v1/care/residents/:id/log",
        "/care/residents/:id/prescriptions": "POST /api/v1/care/residents/:id/prescriptions",
        "/care/prescriptions/:id/doses": "POST /api/v1/care/prescriptions/:id/doses", "/care/rooms": "POST /api/v1/care/rooms",
        "/admin/staff/positions": "POST /api/v1/staff/positions", "/admin/staff/members": "POST /api/v1/staff/members",
        "/admin/staff/members/:id/leave": "POST /api/v1/staff/members/:id/leave",
        "/care/sessions": "POST /api/v1/care/sessions", "/care/therapy": "POST /api/v1/care/therapy",
        "/care/therapy/:id/start": "POST /api/v1/care/therapy/:id/start", "/care/therapy/:id/measures": "POST /api/v1/care/therapy/:id/measures",
        "/care/therapy/:id/discharge": "POST /api/v1/care/therapy/:id/discharge",
        "/care/residents/:id/education": "POST /api/v1/care/residents/:id/education",
        "/care/residents/:id/placements": "POST /api/v1/care/residents/:id/placements",
        "/care/residents/:id/goals": "POST /api/v1/care/residents/:id/goals",
        "/care/residents/:id/plan-reviews": "POST /api/v1/care/residents/:id/plan-reviews",
        "/care/residents/:id/leave": "POST /api/v1/care/residents/:id/leave", "/care/residents/:id/return": "POST /api/v1/care/residents/:id/return",
        "/care/residents/:id/incidents": "POST /api/v1/care/residents/:id/incidents",
        "/care/incidents/:id/follow-up": "POST /api/v1/care/incidents/:id/follow-up",
        "/care/residents/:id/health": "POST /api/v1/care/residents/:id/health", "/care/contracts": "POST /api/v1/care/contracts",
        "/care/prices": "POST /api/v1/care/prices",
        "/care/invoices": "POST /api/v1/care/invoices",
        "/care/contracts/:id/invoices": "POST /api/v1/care/contracts/:id/invoices",
        "/care/contracts/:id/payments": "POST /api/v1/care/contracts/:id/payments", "/care/contracts/:id/end": "POST /api/v1/care/contracts/:id/end",
        "/funds": "POST /api/v1/funds", "/donors": "POST /api/v1/donors", "/funds/:id/receipts": "POST /api/v1/funds/:id/receipts",
        "/funds/:id/disbursements": "POST /api/v1/funds/:id/disbursements", "/funds/:id/close": "POST /api/v1/funds/:id/close",
        "/fund-receipts/:id/reverse": "POST /api/v1/fund-receipts/:id/reverse",
        "/disbursements/:id/approve": "POST /api/v1/disbursements/:id/approve", "/disbursements/:id/reject": "POST /api/v1/disbursements/:id/reject",
        "/disbursements/:id/reverse": "POST /api/v1/disbursements/:id/reverse",
        "/campaigns": "POST /api/v1/gift-campaigns", "/campaigns/:id/gift-types": "POST /api/v1/gift-campaigns/:id/gift-types",
        "/campaigns/:id/generate": "POST /api/v1/gift-campaigns/:id/generate", "/campaigns/:id/handouts": "POST /api/v1/gift-campaigns/:id/handouts",
        "/campaigns/:id/close": "POST /api/v1/gift-campaigns/:id/close", "/campaigns/:id/hold": "POST /api/v1/gift-campaigns/:id/hold",
        "/merit": "POST /api/v1/merit-records",
        "/requests/:id/centre": "POST /api/v1/requests/:id/centre", "/ward-requests/:id/case": "POST /api/v1/ward-requests/:id/case",
        "/ward-requests/:id/give-back": "POST /api/v1/ward-requests/:id/give-back",
    ]

    @Test func everyFormHasAnAPITwin() async throws {
        try await withAnsinh(.sqlite, demo: false) { app in try Self.checkTwins(app) }
    }

    static func checkTwins(_ app: Application) throws {
        let routes = registeredRoutes(app)
        let forms = routes.filter { $0.hasPrefix("POST ") && !$0.hasPrefix("POST /api/") }.map { String($0.dropFirst(5)) }
        let session: Set = ["/login", "/logout", "/language"]
        for form in forms where !session.contains(form) {
            guard let twin = Self.twins[form] else { Issue.record("the form \(form) has no API twin"); continue }
            #expect(routes.contains(twin), "the twin \(twin) of \(form) does not exist")
        }
        #expect(Set(Self.twins.keys).subtracting(forms).sorted() == [], "twins listed for forms that do not exist")
    }

    /// Every form whose path names a record looks the record up before it reads the form
    /// (`SiteRoute.requireRecordInScope`): a record that does not exist (or lies in another
    /// unit) is 404 even for the administrator with an empty form, never a form sent back. A
    /// new form that forgets to name its record fails here.
    @Test func everyFormNamesItsRecordFirst() async throws {
        try await withAnsinh(.sqlite) { app in
            let b = TestBrowser(app)
            try await b.login("admin")
            let own: Set = ["/account/tokens/:id/revoke"]  // one's own tokens: checked by their owner
            for route in registeredRoutes(app).sorted() where route.hasPrefix("POST /") && !route.hasPrefix("POST /api/") && route.contains(":id") {
                let template = String(route.dropFirst(5))
                if own.contains(template) { continue }
                try await b.get("/")
                let path = template.replacingOccurrences(of: ":id", with: UUID().uuidString)
                if template.hasSuffix("/confirmation") {
                    try await b.upload(path, fileName: "c.csv", content: "line_id,status,reason\n")
                } else {
                    try await b.post(path, [])
                }
                #expect(b.lastStatus == 404, "POST \(template) answered \(b.lastStatus) for a record that does not exist")
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func openAPIDescribesEveryAPIRoute(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let res = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            #expect(res.status == .ok)
            let doc = jsonObject(res)
            #expect(doc["openapi"] as? String == "3.1.0")
            let paths = doc["paths"] as? [String: [String: Any]] ?? [:]
            let registered = app.routes.all.filter { $0.path.first?.description == "api" }
            #expect(registered.count >= 11)
            for route in registered {
                let template =
                    "/"
                    + route.path.map { c -> String in
                        if case .parameter(let name) = c { return "{\(name)}" }
                        return c.description
                    }.joined(separator: "/")
                #expect(paths[template]?[route.method.rawValue.lowercased()] != nil, "\(route.method) \(template) missing from OpenAPI")
            }
            // And nothing documented that does not exist.
            let documented = paths.flatMap { p, ops in ops.keys.map { "\($0.uppercased()) \(p)" } }
            #expect(documented.count == registered.count)
        }
    }

    @Test(arguments: TestDatabase.all)
    func healthAndMetrics(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            var res = try await app.testing().sendRequest(.GET, "/health")
            #expect(res.status == .ok)
            let h = jsonObject(res)
            #expect(h["status"] as? String == "ok")
            #expect(h["database"] as? String == "ok")
            #expect(h["migrations"] as? Int == Operations.knownMigrations.count)
            _ = try await app.testing().sendRequest(.GET, "/login")
            res = try await app.testing().sendRequest(.GET, "/metrics")
            #expect(res.status == .ok)
            let text = String(buffer: res.body)
            #expect(text.contains("ansinh_http_requests_total{method=\"GET\",route=\"/login\",status=\"200\"} 1"))
            #expect(text.contains("ansinh_http_request_duration_seconds_bucket"))
        }
    }
}
