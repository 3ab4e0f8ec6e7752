import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import AnsinhWeb

@Suite("Units and accounts through the pages")
struct AdminPagesTests {
    @Test(arguments: TestDatabase.all)
    func officerAddsResidentialGroupToOwnWardOnly(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let units = UnitRepository(app.store)
            let ward = try await units.find(code: "00364")!
            let centre = try await units.find(code: "22-TTTGXH")!
            let b = TestBrowser(app)
            try await b.login("canbo.khuongdinh")
            try await b.get("/admin/units/new")
            #expect(b.lastStatus == 200)
            #expect(b.lastBody.contains("Phường Khương Đình"))
            #expect(!b.lastBody.contains("Trung tâm Trợ giúp xã hội"))

            try await b.post(
                "/admin/units",
                [
                    ("parent_id", ward.id.uuidString), ("kind", "residential_group"),
                    ("code", "00364-TDP04"), ("name", "Tổ dân phố 4"),
                ])
            #expect(b.lastStatus == 303)
            let created = try await units.find(code: "00364-TDP04")
            #expect(created?.name == "Tổ dân phố 4")
            #expect(created?.parentID == ward.id)
            try await b.get(b.lastLocation!)
            #expect(b.lastBody.contains("Đã tạo đơn vị Tổ dân phố 4."))

            // The audit entry was written in the same transaction, by this officer.
            let entry = try await AuditEntryModel.query(on: app.db).filter(\.$entity == "org_unit")
                .filter(\.$entityID == created!.id.uuidString).first()
            #expect(entry?.actorName == "canbo.khuongdinh")
            #expect(entry?.action == "create")
            #expect(entry?.afterJSON?.contains("\"code\":\"00364-TDP04\"") == true)

            // Under the centre (outside the ward): refused, nothing written.
            let before = try await OrgUnitModel.query(on: app.db).count()
            try await b.post(
                "/admin/units",
                [
                    ("parent_id", centre.id.uuidString), ("kind", "residential_group"),
                    ("code", "X-1"), ("name", "X"),
                ])
            #expect(b.lastStatus == 422)
            #expect(b.lastBody.contains("Không tìm thấy đơn vị này trong phạm vi của bạn."))
            // A department is not a kind a ward officer may create.
            try await b.post("/admin/units", [("parent_id", ward.id.uuidString), ("kind", "department"), ("code", "X-2"), ("name", "X")])
            #expect(b.lastStatus == 403)
            #expect(try await OrgUnitModel.query(on: app.db).count() == before)
        }
    }

    @Test(arguments: TestDatabase.all)
    func validationNamesEveryFieldAndKeepsInput(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let ward = try await UnitRepository(app.store).find(code: "00364")!
            let b = TestBrowser(app)
            try await b.login("admin")
            try await b.post("/admin/units", [("parent_id", ward.id.uuidString), ("kind", "residential_group"), ("code", "bad code!"), ("name", "Tổ 9")])
            #expect(b.lastStatus == 422)
            #expect(b.lastBody.contains("Vui lòng sửa các lỗi sau"))
            #expect(b.lastBody.contains("Mã: Mã gồm chữ, số, gạch ngang hoặc gạch dưới; 1–32 ký tự."))
            #expect(b.lastBody.contains("value=\"Tổ 9\""))
            #expect(b.lastBody.contains("aria-invalid=\"true\""))
            // A code already taken.
            try await b.post("/admin/units", [("parent_id", ward.id.uuidString), ("kind", "residential_group"), ("code", "00364-TDP01"), ("name", "Trùng")])
            #expect(b.lastStatus == 422)
            #expect(b.lastBody.contains("Mã 00364-TDP01 đã được dùng cho đơn vị khác."))
        }
    }

    @Test(arguments: TestDatabase.all)
    func listsNeverLeakOtherUnits(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let b = TestBrowser(app)
            try await b.login("lanhdao.khuongdinh")
            try await b.get("/admin/units?per_page=200")
            #expect(b.lastBody.contains("Tổ dân phố 3"))
            #expect(!b.lastBody.contains("Quảng Ninh"))
            try await b.get("/admin/users?per_page=200")
            #expect(b.lastBody.contains("canbo.khuongdinh"))
            #expect(!b.lastBody.contains("ctxh.quangninh"))
            #expect(!b.lastBody.contains(">admin<"))
            try await b.get("/admin/audit?per_page=200")
            #expect(b.lastStatus == 200)
            #expect(!b.lastBody.contains("Quảng Ninh"))
            try await b.get("/admin/audit/export.csv")
            #expect(!b.lastBody.contains("Quảng Ninh"))
            #expect(b.lastBody.contains("Khương Đình"))

            let manager = TestBrowser(app)
            try await manager.login("giamdoc.quangninh")
            try await manager.get("/admin/users?per_page=200")
            #expect(manager.lastBody.contains("ctxh.quangninh"))
            #expect(!manager.lastBody.contains("canbo.khuongdinh"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func searchIgnoresDiacriticsCaseAndOrder(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let b = TestBrowser(app)
            try await b.login("admin")
            for q in ["khuong dinh", "KHƯƠNG ĐÌNH", "dinh khuong", "00364"] {
                try await b.get(SiteRoute.units.path(query: [("q", q)]))
                #expect(b.lastBody.contains("Phường Khương Đình"), "\(q)")
                #expect(!b.lastBody.contains("Trung tâm Trợ giúp xã hội"), "\(q)")
            }
            try await b.get(SiteRoute.units.path(query: [("q", "khong co dau nay")]))
            #expect(b.lastBody.contains("Không có đơn vị nào khớp."))
            try await b.get(SiteRoute.users.path(query: [("q", "nguyen thi dang")]))
            #expect(b.lastBody.contains("canbo.khuongdinh"))
            #expect(!b.lastBody.contains("lanhdao.khuongdinh"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func adminManagesAccounts(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let ward = try await UnitRepository(app.store).find(code: "00364")!
            let b = TestBrowser(app)
            try await b.login("admin")
            try await b.post(
                "/admin/users",
                [
                    ("username", "canbo2.khuongdinh"), ("full_name", "Hoàng Thị Mai"), ("password", "mot-mat-khau-dai"),
                    ("role", "ward_officer"), ("unit_id", ward.id.uuidString), ("locale", ""),
                ])
            #expect(b.lastStatus == 303)
            let user = try await UserRepository(app.store).find(username: "canbo2.khuongdinh")
            #expect(user?.role == .wardOfficer)
            #expect(user?.unitID == ward.id)
            // The password is stored as a Bcrypt hash only.
            let model = try await UserModel.query(on: app.db).filter(\.$username == "canbo2.khuongdinh").first()!
            #expect(model.passwordHash.hasPrefix("$2"))
            #expect(!model.passwordHash.contains("mot-mat-khau-dai"))
            let audit = try await AuditEntryModel.query(on: app.db).filter(\.$entityID == user!.id.uuidString).first()
            #expect(audit?.afterJSON?.contains("mot-mat-khau-dai") == false)

            // Duplicate and short password are explained; nothing changes.
            try await b.post(
                "/admin/users",
                [
                    ("username", "canbo2.khuongdinh"), ("full_name", "X"), ("password", "short"),
                    ("role", "ward_officer"), ("unit_id", ward.id.uuidString),
                ])
            #expect(b.lastStatus == 422)
            #expect(b.lastBody.contains("Mật khẩu cần ít nhất 10 ký tự."))

            // The new officer signs in; then is disabled and cannot.
            let officer = TestBrowser(app)
            try await officer.login("canbo2.khuongdinh", "mot-mat-khau-dai")
            #expect(officer.lastStatus == 303)
            try await b.post("/admin/users/\(user!.id.uuidString)/disable", [])
            #expect(b.lastStatus == 303)
            try await officer.get("/")
            #expect(officer.lastStatus == 303)
            // Administrators cannot lock themselves out.
            let me = try await UserRepository(app.store).find(username: "admin")!
            try await b.post("/admin/users/\(me.id.uuidString)/disable", [])
            try await b.get("/admin/users/\(me.id.uuidString)")
            #expect(b.lastBody.contains("Bạn không thể tự khóa tài khoản của mình."))
        }
    }

    @Test(arguments: TestDatabase.all)
    func tokenFromTheAccountPageWorksOnTheAPI(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let me = try await UserRepository(app.store).find(username: "ctxh.quangninh")!
            let b = TestBrowser(app)
            try await b.login("ctxh.quangninh")
            try await b.post("/admin/users/\(me.id.uuidString)/tokens", [("name", "báo cáo")])
            try await b.get(b.lastLocation!)
            let page = b.lastBody
            guard let r = page.range(of: "<code class=\"token\">") else { Issue.record("no token shown"); return }
            let token = String(page[r.upperBound...].prefix { $0 != "<" })
            #expect(token.hasPrefix("ans_"))
            let res = try await apiRequest(app, .GET, "/api/v1/me", token: token)
            #expect(res.status == .ok)
            #expect(jsonObject(res)["username"] as? String == "ctxh.quangninh")
            // Shown once only.
            try await b.get("/admin/users/\(me.id.uuidString)")
            #expect(!b.lastBody.contains(token))
        }
    }

    @Test(arguments: TestDatabase.all)
    func deleteOnlyEmptyUnits(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let units = UnitRepository(app.store)
            let ward = try await units.find(code: "00364")!
            let group = try await units.find(code: "00364-TDP03")!
            let b = TestBrowser(app)
            try await b.login("admin")
            try await b.post("/admin/units/\(ward.id.uuidString)/delete", [])
            try await b.get(b.lastLocation!)
            #expect(b.lastBody.contains("Không thể xóa"))
            #expect(try await units.find(code: "00364") != nil)
            try await b.post("/admin/units/\(group.id.uuidString)/delete", [])
            #expect(b.lastStatus == 303)
            #expect(try await units.find(code: "00364-TDP03") == nil)
            let deleted = try await AuditEntryModel.query(on: app.db).filter(\.$action == "delete").first()
            #expect(deleted?.beforeJSON?.contains("Tổ dân phố 3") == true)
        }
    }

    /// A residential group that still has a household is refused with a message (409 on the
    /// repository, a flash on the page), never a database error; nothing is deleted.
    @Test(arguments: TestDatabase.all)
    func aUnitWithRecordsIsKept(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let units = UnitRepository(app.store)
            let group = try await units.find(code: "00364-TDP01")!
            _ = try await demoRecipients(app.store, count: 1)  // a household in Tổ dân phố 1
            // The accounts bound to the group would block it anyway: move them out of the way.
            for u in try await UserModel.query(on: app.db).filter(\.$unitID == group.id).all() { try await u.delete(on: app.db) }
            await #expect(throws: AppError.conflict(Message("units.in_use"))) { try await units.delete(.system, id: group.id) }
            let b = TestBrowser(app)
            try await b.login("admin")
            try await b.post("/admin/units/\(group.id.uuidString)/delete", [])
            #expect(b.lastStatus == 303)
            try await b.get(b.lastLocation!)
            #expect(b.lastBody.contains("Đơn vị còn hồ sơ"))
            #expect(try await units.find(code: "00364-TDP01") != nil)
        }
    }
}
