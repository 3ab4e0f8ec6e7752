import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import AnsinhWeb

/// Sessions with idle and absolute limits, one's own password, and API tokens that expire,
/// are listed with their last use and can be revoked.
@Suite("Account: sessions, own password, API tokens")
struct AccountTests {
    func userID(_ app: Application, _ username: String) async throws -> UUID {
        try await UserRepository(app.store).find(username: username)!.id
    }

    @Test(arguments: TestDatabase.all)
    func sessionsEndAfterTheAbsoluteLifetimeEvenWhenUsed(db: TestDatabase) async throws {
        let clock = TestClock()
        try await withAnsinh(db, clock: clock) { app in
            let b = TestBrowser(app)
            try await b.login("canbo.khuongdinh")
            for _ in 1...2 {
                clock.advance(minutes: 4 * 60)
                try await b.get("/")
                #expect(b.lastStatus == 200)
            }
            clock.advance(minutes: 3 * 60 + 59)  // 11 h 59 after sign-in
            try await b.get("/")
            #expect(b.lastStatus == 200)
            clock.advance(minutes: 2)  // 12 h 01: over the absolute limit though used a minute ago
            try await b.get("/")
            #expect(b.lastStatus == 303)
            #expect(b.lastLocation?.hasPrefix("/login") == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func expiredSessionRowsArePurged(db: TestDatabase) async throws {
        let clock = TestClock()
        try await withAnsinh(db, clock: clock) { app in
            for name in ["canbo.khuongdinh", "kiemtoan"] { try await TestBrowser(app).login(name) }
            let limits = SessionLimits()
            #expect(try await UserSessionModel.query(on: app.db).filter(\.$userID != nil).count() == 2)
            #expect(try await SessionRepository(app.store, limits: limits).purge() == 0)
            clock.advance(minutes: 8 * 60 + 1)
            let fresh = TestBrowser(app)
            try await fresh.login("admin")
            #expect(try await SessionRepository(app.store, limits: limits).purge() >= 2)
            let left = try await UserSessionModel.query(on: app.db).filter(\.$userID != nil).all()
            #expect(left.count == 1)
            #expect(left.first?.userID == (try await userID(app, "admin")))
        }
    }

    @Test(arguments: TestDatabase.all)
    func changingOwnPasswordEndsOtherSessionsAndTokens(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let here = TestBrowser(app), there = TestBrowser(app)
            try await here.login("canbo.khuongdinh")
            try await there.login("canbo.khuongdinh")
            let officer = try await userID(app, "canbo.khuongdinh")
            let token = try await TokenRepository(app.store).create(.system, for: officer, name: "field app")
            #expect(try await apiRequest(app, .GET, "/api/v1/me", token: token).status == .ok)

            try await here.get("/account")
            #expect(here.lastStatus == 200)
            #expect(here.lastBody.contains("field app"))
            try await here.post("/account/password", [("current_password", "wrong-one-123"), ("new_password", "short"), ("confirm_password", "other")])
            #expect(here.lastStatus == 422)
            #expect(here.lastBody.contains("Mật khẩu hiện tại không đúng."))
            #expect(here.lastBody.contains("Hai lần nhập mật khẩu mới không giống nhau."))
            try await here.post(
                "/account/password",
                [
                    ("current_password", DemoData.password),
                    ("new_password", "Mật khẩu mới rất dài " + String(repeating: "ệ", count: 20)),
                    ("confirm_password", "Mật khẩu mới rất dài " + String(repeating: "ệ", count: 20)),
                ])
            #expect(here.lastStatus == 422)
            #expect(here.lastBody.contains("tối đa 72 byte"))
            let newPassword = "phuong-khuong-dinh-2027"
            try await here.post(
                "/account/password", [("current_password", DemoData.password), ("new_password", newPassword), ("confirm_password", newPassword)])
            #expect(here.lastStatus == 303)

            try await here.get("/")
            #expect(here.lastStatus == 200)
            try await there.get("/")
            #expect(there.lastStatus == 303)
            #expect(try await apiRequest(app, .GET, "/api/v1/me", token: token).status == .unauthorized)
            let again = TestBrowser(app)
            try await again.login("canbo.khuongdinh", newPassword)
            #expect(again.lastStatus == 303)
            let entry = try await AuditEntryModel.query(on: app.db).filter(\.$action == "change_password").first()
            #expect(entry?.afterJSON?.contains(#""sessions_ended":"1""#) == true)
            #expect(entry?.afterJSON?.contains(#""tokens_revoked":"1""#) == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func anAdministratorsResetEndsTheAccountsSessionsAndTokens(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let officer = TestBrowser(app)
            try await officer.login("kiemtoan")
            let id = try await userID(app, "kiemtoan")
            let token = try await TokenRepository(app.store).create(.system, for: id, name: "t")
            let (user, unit) = try await UserRepository(app.store).get(.system, id: id)
            _ = try await UserRepository(app.store).update(
                .system, id: id,
                UserInput(
                    username: user.username, fullName: user.fullName,
                    password: "a-brand-new-password", role: user.role.rawValue,
                    unitID: unit.id, locale: nil))
            try await officer.get("/")
            #expect(officer.lastStatus == 303)
            #expect(try await apiRequest(app, .GET, "/api/v1/me", token: token).status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.all)
    func tokensExpireShowTheirLastUseAndCanBeRevoked(db: TestDatabase) async throws {
        let clock = TestClock()
        try await withAnsinh(db, clock: clock) { app in
            let officer = try await userID(app, "canbo.khuongdinh")
            let short = try await TokenRepository(app.store).create(.system, for: officer, name: "one day", days: 1)
            #expect(try await apiRequest(app, .GET, "/api/v1/me", token: short).status == .ok)
            let listed = try await TokenRepository(app.store).list(.system, userID: officer)
            #expect(listed.first?.lastUsedAt == clock.now)
            clock.advance(minutes: 25 * 60)
            #expect(try await apiRequest(app, .GET, "/api/v1/me", token: short).status == .unauthorized)

            // Create, list and revoke through the API.
            let res = try await apiRequest(
                app, .POST, "/api/v1/tokens", token: try await TokenRepository(app.store).create(.system, for: officer, name: "boot"),
                json: #"{"name": "post office"}"#)
            #expect(res.status == .created)
            let made = jsonObject(res)["token"] as! String
            #expect(jsonObject(res)["expires_in_days"] as? Int == 90)
            let list = try await apiRequest(app, .GET, "/api/v1/tokens", token: made)
            let items = (try JSONSerialization.jsonObject(with: Data(buffer: list.body)) as? [[String: Any]]) ?? []
            #expect(items.map { $0["name"] as? String }.contains("post office"))
            #expect(items.allSatisfy { $0["token_hash"] == nil })
            let id = items.first { $0["name"] as? String == "post office" }!["id"] as! String
            #expect(try await apiRequest(app, .POST, "/api/v1/tokens/\(id)/revoke", token: made).status == .ok)
            #expect(try await apiRequest(app, .GET, "/api/v1/me", token: made).status == .unauthorized)

            // Another ward's officer cannot touch it; the administrator can revoke anyone's.
            let admin = try await userID(app, "admin")
            let adminToken = try await TokenRepository(app.store).create(.system, for: admin, name: "admin's")
            let adminTokenID = try await TokenRepository(app.store).list(.system, userID: admin).first!.id
            let b = TestBrowser(app)
            try await b.login("canbo.khuongdinh")
            try await b.get("/account")
            try await b.post("/account/tokens/\(adminTokenID.uuidString)/revoke", [("back", "/account")])
            #expect(b.lastStatus == 404)
            #expect(try await apiRequest(app, .GET, "/api/v1/me", token: adminToken).status == .ok)
            let fieldToken = try await TokenRepository(app.store).create(.system, for: officer, name: "field")
            let fieldID = try await TokenRepository(app.store).list(.system, userID: officer).first { $0.name == "field" }!.id
            let a = TestBrowser(app)
            try await a.login("admin")
            try await a.get("/admin/users/\(officer.uuidString)")
            #expect(a.lastBody.contains("field"))
            try await a.post("/account/tokens/\(fieldID.uuidString)/revoke", [("back", "/admin/users/\(officer.uuidString)")])
            #expect(a.lastStatus == 303)
            #expect(a.lastLocation == "/admin/users/\(officer.uuidString)")
            #expect(try await apiRequest(app, .GET, "/api/v1/me", token: fieldToken).status == .unauthorized)
        }
    }
}
