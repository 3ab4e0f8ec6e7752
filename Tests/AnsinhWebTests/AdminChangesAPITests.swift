import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

/// The administrator's and the office's remaining page actions over the API: units, accounts,
/// a commune's budget and the review settings — the same rules and audit as the pages.
@Suite("Administration twins over the API")
struct AdminChangesAPITests {
    @Test(arguments: TestDatabase.all)
    func unitsAccountsBudgetAndSettings(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let admin = try await apiToken(store, "admin")
            let ward = try await UnitRepository(store).find(code: "00364")!.id

            // A new commune: its dated fact, then deleted while it holds nothing.
            let province = try await UnitRepository(store).find(code: "01")!.id
            var res = try await apiRequest(
                app, .POST, "/api/v1/units", token: admin, json: #"{"code":"09999","name":"Xã Mới","kind":"commune","parent_id":"\#(province)"}"#)
            #expect(res.status == .created)
            let group = jsonObject(res)["id"] as! String
            res = try await apiRequest(app, .POST, "/api/v1/units/\(group)/facts", token: admin, json: #"{"difficult_area":true,"valid_from":"2026-02-30"}"#)
            #expect(res.status == .unprocessableEntity)
            #expect((jsonObject(res)["errors"] as? [[String: Any]])?.first?["field"] as? String == "valid_from")
            res = try await apiRequest(app, .POST, "/api/v1/units/\(group)/facts", token: admin, json: #"{"difficult_area":true,"valid_from":"2026-01-01"}"#)
            #expect(res.status == .ok)
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action == "set_fact").filter(\.$entityID == group.uppercased()).count() == 1)
            res = try await apiRequest(app, .DELETE, "/api/v1/units/\(group)", token: admin)
            #expect(jsonObject(res)["status"] as? String == "deleted")
            res = try await apiRequest(app, .GET, "/api/v1/units/\(group)", token: admin)
            #expect(res.status == .notFound)
            // The ward holds households and accounts: kept, with the reason.
            res = try await apiRequest(app, .DELETE, "/api/v1/units/\(ward)", token: admin)
            #expect(res.status == .conflict)
            #expect(try await UnitRepository(store).find(code: "00364") != nil)

            // An account changed, disabled (its token stops working) and enabled again.
            res = try await apiRequest(
                app, .POST, "/api/v1/users", token: admin,
                json: #"{"username":"canbo.moi","full_name":"Cán bộ Mới","password":"mat-khau-dai-du-12","role":"ward_officer","unit_id":"\#(ward)"}"#)
            let user = jsonObject(res)["id"] as! String
            res = try await apiRequest(app, .PATCH, "/api/v1/users/\(user)", token: admin, json: #"{"full_name":"Cán bộ Mới Hơn","role":"ward_approver"}"#)
            #expect(jsonObject(res)["full_name"] as? String == "Cán bộ Mới Hơn" && jsonObject(res)["role"] as? String == "ward_approver")
            res = try await apiRequest(app, .PATCH, "/api/v1/users/\(user)", token: admin, json: #"{"password":"short"}"#)
            #expect(res.status == .unprocessableEntity)
            let theirs = try await apiToken(store, "canbo.moi")
            #expect(try await apiRequest(app, .GET, "/api/v1/me", token: theirs).status == .ok)
            res = try await apiRequest(app, .POST, "/api/v1/users/\(user)/disable", token: admin)
            #expect(jsonObject(res)["is_disabled"] as? Bool == true)
            #expect(try await apiRequest(app, .GET, "/api/v1/me", token: theirs).status == .unauthorized)
            res = try await apiRequest(app, .POST, "/api/v1/users/\(user)/enable", token: admin)
            #expect(jsonObject(res)["is_disabled"] as? Bool == false)
            let me = jsonObject(try await apiRequest(app, .GET, "/api/v1/me", token: admin))["id"] as! String
            res = try await apiRequest(app, .POST, "/api/v1/users/\(me)/disable", token: admin)
            #expect(res.status == .conflict)

            // The ward's budget for the year, set by the officer; a year out of range is named.
            let officer = try await apiToken(store, "canbo.khuongdinh")
            res = try await apiRequest(app, .POST, "/api/v1/payments/budgets", token: officer, json: #"{"commune_id":"\#(ward)","year":1999,"amount":5}"#)
            #expect(res.status == .unprocessableEntity)
            res = try await apiRequest(
                app, .POST, "/api/v1/payments/budgets", token: officer, json: #"{"commune_id":"\#(ward)","year":2026,"amount":1900000000}"#)
            #expect(res.status == .ok)
            #expect(try await PaymentBudgetModel.query(on: store.db).filter(\.$year == 2026).first()?.amount == 1_900_000_000)

            // Review settings: within the range only, by a national administrator only.
            res = try await apiRequest(app, .POST, "/api/v1/review/settings", token: admin, json: #"{"name":"posting_days","value":99}"#)
            #expect(res.status == .unprocessableEntity)
            res = try await apiRequest(app, .POST, "/api/v1/review/settings", token: officer, json: #"{"name":"posting_days","value":5}"#)
            #expect(res.status == .forbidden)
            res = try await apiRequest(app, .POST, "/api/v1/review/settings", token: admin, json: #"{"name":"posting_days","value":5}"#)
            #expect(jsonArray(res).first { $0["name"] as? String == "posting_days" }?["value"] as? Int == 5)
            #expect(try await ReviewSettingsRepository(store).list(.system).first { $0.name == "posting_days" }?.value == 5)
        }
    }
}
