import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import AnsinhWeb

@Suite("Sign-in, sessions, CSRF, throttle, headers")
struct AuthTests {
    @Test(arguments: TestDatabase.all)
    func loginAndLogout(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let b = TestBrowser(app)
            try await b.get("/admin/units")
            #expect(b.lastStatus == 303)
            #expect(b.lastLocation == "/login?next=/admin/units")

            try await b.get("/login")
            #expect(b.lastStatus == 200)
            #expect(b.lastBody.contains("<html lang=\"vi\" dir=\"ltr\">"))
            #expect(b.lastBody.contains("Đăng nhập Ansinh"))
            let anonymousCookie = b.cookie
            let setCookie = b.last!.headers.first(name: .setCookie) ?? ""
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Lax"))
            #expect(!setCookie.contains("Secure"))

            try await b.post("/login", [("username", "canbo.khuongdinh"), ("password", DemoData.password), ("next", "/admin/units")])
            #expect(b.lastStatus == 303)
            #expect(b.lastLocation == "/admin/units")
            // A new session id at sign-in.
            #expect(b.cookie != nil && b.cookie != anonymousCookie)

            try await b.get("/")
            #expect(b.lastStatus == 200)
            #expect(b.lastBody.contains("Xin chào canbo.khuongdinh — Cán bộ LĐ-TB&amp;XH xã/phường, Phường Khương Đình."))

            try await b.post("/logout", [])
            #expect(b.lastStatus == 303)
            try await b.get("/")
            #expect(b.lastStatus == 303)

            let entries = try await AuditEntryModel.query(on: app.db).filter(\.$entity == "user").all().map(\.action)
            #expect(entries.contains("login"))
            #expect(entries.contains("logout"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func wrongPasswordAndOpenRedirect(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let b = TestBrowser(app)
            try await b.get("/login")
            try await b.post("/login", [("username", "admin"), ("password", "wrong-password")])
            #expect(b.lastStatus == 401)
            #expect(b.lastBody.contains("Tên đăng nhập hoặc mật khẩu không đúng."))
            try await b.post("/login", [("username", "admin"), ("password", DemoData.password), ("next", "//evil.example/")])
            #expect(b.lastStatus == 303)
            #expect(b.lastLocation == "/")
        }
    }

    @Test(arguments: TestDatabase.all)
    func formsWithoutTokenAreRefused(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let b = TestBrowser(app)
            try await b.get("/login")
            try await b.post("/login", [("username", "admin"), ("password", DemoData.password)], csrf: false)
            #expect(b.lastStatus == 403)
            #expect(b.lastBody.contains("Biểu mẫu đã hết hạn"))
            try await b.post("/login", [("username", "admin"), ("password", DemoData.password), ("_csrf", "forged")], csrf: false)
            #expect(b.lastStatus == 403)
            // Signed in, a unit form without token changes nothing.
            try await b.login("admin")
            let before = try await OrgUnitModel.query(on: app.db).count()
            let ward = try await UnitRepository(app.store).find(code: "00364")!
            try await b.post(
                "/admin/units", [("code", "00364-X"), ("name", "X"), ("kind", "residential_group"), ("parent_id", ward.id.uuidString)], csrf: false)
            #expect(b.lastStatus == 403)
            #expect(try await OrgUnitModel.query(on: app.db).count() == before)
        }
    }

    @Test(arguments: TestDatabase.all)
    func failedSignInsGrowTheWaitInsteadOfLocking(db: TestDatabase) async throws {
        let clock = TestClock()
        try await withAnsinh(db, clock: clock) { app in
            let b = TestBrowser(app)
            try await b.get("/login")
            for _ in 1...3 {
                try await b.post("/login", [("username", "kiemtoan"), ("password", "nope-nope-nope")])
                #expect(b.lastStatus == 401)
            }
            // The 4th failure: the next attempt waits 2 s, then 4 s, 8 s.
            for wait in [2, 4, 8] {
                try await b.post("/login", [("username", "kiemtoan"), ("password", "nope-nope-nope")])
                #expect(b.lastStatus == 429)
                #expect(b.lastBody.contains("Hãy thử lại sau \(wait) giây"))
                // Even the right password is not checked while waiting.
                try await b.post("/login", [("username", "kiemtoan"), ("password", DemoData.password)])
                #expect(b.lastStatus == 429)
                clock.advance(minutes: Double(wait + 1) / 60)
            }
            try await b.post("/login", [("username", "kiemtoan"), ("password", DemoData.password)])
            #expect(b.lastStatus == 303)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "login_delayed").count() == 3)
            // A success clears the counter: three free failures again.
            let c = TestBrowser(app)
            try await c.get("/login")
            try await c.post("/login", [("username", "kiemtoan"), ("password", "nope-nope-nope")])
            #expect(c.lastStatus == 401)
            // The wait never passes 15 minutes.
            #expect(SignInThrottle.delay(afterFailures: 3, free: 3) == nil)
            #expect(SignInThrottle.delay(afterFailures: 4, free: 3) == 2)
            #expect(SignInThrottle.delay(afterFailures: 100, free: 3) == 900)
        }
    }

    @Test(arguments: TestDatabase.all)
    func unknownUsernamesAndOneAddressAreThrottledToo(db: TestDatabase) async throws {
        let clock = TestClock()
        try await withAnsinh(db, clock: clock) { app in
            let b = TestBrowser(app)
            try await b.get("/login")
            // Ten different (unknown) usernames from one address: free.
            for n in 1...10 {
                try await b.post("/login", [("username", "a\(n)"), ("password", "x-x-x-x-x-x")])
                #expect(b.lastStatus == 401)
            }
            try await b.post("/login", [("username", "a11"), ("password", "x-x-x-x-x-x")])
            #expect(b.lastStatus == 429)
            try await b.post("/login", [("username", "admin"), ("password", DemoData.password)])
            #expect(b.lastStatus == 429)
            clock.advance(minutes: 0.05)
            try await b.post("/login", [("username", "admin"), ("password", DemoData.password)])
            #expect(b.lastStatus == 303)
            // A password longer than Bcrypt reads never matches, and says nothing more.
            let c = TestBrowser(app)
            try await c.get("/login")
            try await c.post("/login", [("username", "kiemtoan"), ("password", DemoData.password + String(repeating: "x", count: 80))])
            #expect(c.lastStatus == 401)
        }
    }

    @Test(arguments: TestDatabase.all)
    func disabledAccountCannotSignInAndLosesSession(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let officer = TestBrowser(app)
            try await officer.login("ketoan.khuongdinh")
            try await officer.get("/")
            #expect(officer.lastStatus == 200)
            let user = try await UserRepository(app.store).find(username: "ketoan.khuongdinh")!
            _ = try await UserRepository(app.store).setDisabled(.system, id: user.id, disabled: true)
            try await officer.get("/")
            #expect(officer.lastStatus == 303)
            let again = TestBrowser(app)
            try await again.login("ketoan.khuongdinh")
            #expect(again.lastStatus == 401)
            #expect(again.lastBody.contains("Tài khoản này đã bị khóa"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func idleSessionsExpire(db: TestDatabase) async throws {
        let clock = TestClock()
        try await withAnsinh(db, clock: clock) { app in
            let b = TestBrowser(app)
            try await b.login("admin")
            clock.advance(minutes: 7 * 60)
            try await b.get("/")
            #expect(b.lastStatus == 200)
            // Activity renewed the session; 8 hours of silence end it.
            clock.advance(minutes: 8 * 60 + 1)
            try await b.get("/")
            #expect(b.lastStatus == 303)
            #expect(b.lastLocation?.hasPrefix("/login") == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func securityHeaders(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            for path in ["/login", "/health", "/api/v1/openapi.json", "/nowhere"] {
                let res = try await app.testing().sendRequest(.GET, path)
                let csp = res.headers.first(name: "Content-Security-Policy") ?? ""
                #expect(csp.contains("script-src 'self'"), "\(path)")
                #expect(csp.contains("frame-ancestors 'none'"), "\(path)")
                #expect(!csp.contains("unsafe-inline"), "\(path)")
                #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(res.headers.first(name: "Referrer-Policy") == "same-origin")
                #expect(res.headers.first(name: "X-Request-Id")?.isEmpty == false)
            }
            let page = String(buffer: try await app.testing().sendRequest(.GET, "/login").body)
            #expect(!page.contains("<script"))
            #expect(!page.contains("style=\""))
        }
    }

    @Test func secureCookieWhenConfigured() async throws {
        let app = try await Application.make(.testing)
        var config = AppConfiguration.testing()
        config.secureCookies = true
        try await configure(app, config)
        try await Operations.migrate(app)
        let res = try await app.testing().sendRequest(.GET, "/login")
        #expect(res.headers.first(name: .setCookie)?.contains("Secure") == true)
        try await app.asyncShutdown()
    }
}

@Suite("Languages and right-to-left")
struct LanguageTests {
    @Test(arguments: TestDatabase.all)
    func switchToArabicAndEnglish(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let b = TestBrowser(app)
            try await b.get("/login")
            try await b.post("/language", [("locale", "ar"), ("back", "/login")])
            #expect(b.lastStatus == 303)
            #expect(b.lastLocation == "/login")
            try await b.get("/login")
            #expect(b.lastBody.contains("<html lang=\"ar\" dir=\"rtl\">"))
            #expect(b.lastBody.contains("تسجيل الدخول إلى Ansinh"))
            // The choice survives sign-in.
            try await b.post("/login", [("username", "admin"), ("password", DemoData.password)])
            try await b.get("/admin/units")
            #expect(b.lastBody.contains("dir=\"rtl\""))
            #expect(b.lastBody.contains("الوحدات"))
            try await b.post("/language", [("locale", "en"), ("back", "/admin/units")])
            try await b.get("/admin/units")
            #expect(b.lastBody.contains("<html lang=\"en\" dir=\"ltr\">"))
            #expect(b.lastBody.contains("Units"))
            try await b.post("/language", [("locale", "fr"), ("back", "/")])
            #expect(b.lastStatus == 422)
        }
    }

    @Test(arguments: TestDatabase.all)
    func errorPageInUsersLanguage(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let b = TestBrowser(app)
            try await b.get("/login")
            try await b.post("/language", [("locale", "en"), ("back", "/")])
            try await b.login("admin")
            try await b.get("/admin/units/\(UUID().uuidString)")
            #expect(b.lastStatus == 404)
            #expect(b.lastBody.contains("This page or record was not found."))
            #expect(b.lastBody.contains("Request id:"))
        }
    }
}
