import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

/// Consent and the referral loop over the API: nothing leaves the centre without a consent in
/// force (409 `consent_required`, the refusal audited), a referral to a ward is answered by that
/// ward's officer — who sees that referral and not the centre's cases — and its outcome updates
/// the case's plan and timeline.
@Suite("Cases: consent and referrals")
struct CaseSharingAPITests {
    static func audits(_ store: Store, _ action: String) async throws -> Int {
        try await AuditEntryModel.query(on: store.db).filter(\.$action == action).count()
    }

    @Test(arguments: TestDatabase.all)
    func aReferralNeedsConsentAndClosesItsLoop(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let worker = try await apiToken(store, "ctxh.quangninh"), ward = try await apiToken(store, "canbo.khuongdinh")
            let accountant = try await apiToken(store, "ketoan.khuongdinh")
            let today = store.today.iso, due = store.today.adding(days: 7).iso
            var res = try await apiRequest(
                app, .POST, "/api/v1/cases", token: worker,
                json:
                    #"{"unit":"22-TTTGXH","kind":"child_protection","source":"school","risk_level":"high","risk_reason":"Bỏ học, bị đánh","placement":"community_support","person":{"full_name":"Lê Văn Tùng","gender":"male","birth_year":2014}}"#
            )
            let caseID = jsonObject(res)["id"] as! String
            let referToWard = #"{"recipient_type":"ward_office","recipient_unit":"00364","service":"Hỗ trợ đi học lại, miễn học phí","due_date":"\#(due)"}"#

            // No consent yet: refused, audited, nothing written.
            res = try await apiRequest(app, .POST, "/api/v1/cases/\(caseID)/referrals", token: worker, json: referToWard)
            #expect(res.status == .conflict)
            #expect(jsonObject(res)["code"] as? String == "consent_required")
            #expect(try await Self.audits(store, "consent_refused") == 1)
            #expect(try await CaseReferralModel.query(on: store.db).count() == 0)
            #expect(try await CaseGoalModel.query(on: store.db).count() == 0)

            // A consent for another purpose does not count; one for referrals to a ward does.
            res = try await apiRequest(
                app, .POST, "/api/v1/cases/\(caseID)/consents", token: worker,
                json: #"{"purpose":"callback","scope":"Số điện thoại của mẹ","given_by":"parent","given_by_name":"Lê Thị Mơ","given_on":"\#(today)"}"#)
            #expect(res.status == .created)
            #expect(try await apiRequest(app, .POST, "/api/v1/cases/\(caseID)/referrals", token: worker, json: referToWard).status == .conflict)
            #expect(try await Self.audits(store, "consent_refused") == 2)
            res = try await apiRequest(
                app, .POST, "/api/v1/cases/\(caseID)/consents", token: worker,
                json:
                    #"{"purpose":"referral","recipient_type":"ward_office","scope":"Họ tên, địa chỉ, hoàn cảnh","given_by":"parent","given_by_name":"Lê Thị Mơ","given_on":"\#(today)"}"#
            )
            #expect(res.status == .created)
            let consentID = jsonObject(res)["id"] as! String
            #expect(jsonObject(res)["recipient_type"] as? String == "ward_office")

            // Referred: the ward's name is the receiver, the plan has the goal, the timeline the entry.
            res = try await apiRequest(app, .POST, "/api/v1/cases/\(caseID)/referrals", token: worker, json: referToWard)
            #expect(res.status == .created)
            let referral = jsonObject(res)
            let referralID = referral["id"] as! String
            #expect(referral["status"] as? String == "sent")
            #expect(referral["receiver"] as? String == "Phường Khương Đình")
            #expect(referral["actions"] as? [String] == ["service_given", "declined", "unreachable", "withdraw"])
            var c = jsonObject(try await apiRequest(app, .GET, "/api/v1/cases/\(caseID)", token: worker))
            #expect((c["goals"] as? [[String: Any]])?.map { $0["responsible"] as? String } == ["Phường Khương Đình"])

            // The ward officer sees the referral, never the case itself.
            #expect(try await apiRequest(app, .GET, "/api/v1/cases/\(caseID)", token: ward).status == .forbidden)
            res = try await apiRequest(app, .GET, "/api/v1/referrals?status=sent", token: ward)
            #expect(jsonObject(res)["total"] as? Int == 1)
            #expect((jsonObject(res)["items"] as? [[String: Any]])?.first?["person_name"] as? String == "Lê Văn Tùng")
            res = try await apiRequest(app, .GET, "/api/v1/referrals/\(referralID)", token: ward)
            #expect(jsonObject(res)["actions"] as? [String] == ["service_given", "declined", "unreachable"])
            #expect(try await apiRequest(app, .GET, "/api/v1/referrals", token: accountant).status == .forbidden)

            // The outcome needs its note, is recorded once, and updates the plan and the timeline.
            res = try await apiRequest(
                app, .POST, "/api/v1/referrals/\(referralID)/outcome", token: ward, json: #"{"outcome":"service_given","note":"  "}"#)
            #expect(res.status == .unprocessableEntity)
            #expect((jsonObject(res)["errors"] as? [[String: Any]])?.first?["field"] as? String == "note")
            res = try await apiRequest(
                app, .POST, "/api/v1/referrals/\(referralID)/outcome", token: ward,
                json: #"{"outcome":"service_given","note":"Em đã đi học lại từ thứ Hai, được miễn học phí"}"#)
            #expect(res.status == .ok)
            #expect(jsonObject(res)["status"] as? String == "service_given")
            #expect(jsonObject(res)["answered_by"] as? String == "canbo.khuongdinh")
            res = try await apiRequest(
                app, .POST, "/api/v1/referrals/\(referralID)/outcome", token: ward, json: #"{"outcome":"declined","note":"x"}"#)
            #expect(res.status == .conflict)
            #expect(jsonObject(res)["code"] as? String == "transition_not_allowed")
            c = jsonObject(try await apiRequest(app, .GET, "/api/v1/cases/\(caseID)", token: worker))
            #expect((c["goals"] as? [[String: Any]])?.first?["result"] as? String == "service_given")
            let timeline = jsonArray(try await apiRequest(app, .GET, "/api/v1/cases/\(caseID)/entries", token: worker))
            #expect(timeline.filter { $0["kind"] as? String == "referral" }.count == 2)

            // Withdrawn consent: the next referral is refused again.
            res = try await apiRequest(
                app, .POST, "/api/v1/consents/\(consentID)/withdrawal", token: worker, json: #"{"on":"\#(today)","reason":"Mẹ không muốn tiếp tục"}"#)
            #expect(res.status == .ok)
            #expect(jsonObject(res)["withdrawn_on"] as? String == today)
            #expect(try await apiRequest(app, .POST, "/api/v1/cases/\(caseID)/referrals", token: worker, json: referToWard).status == .conflict)
            #expect(try await Self.audits(store, "consent_refused") == 3)
            #expect(try await CaseReferralModel.query(on: store.db).count() == 1)

            // The case file: refused without a consent to share it, sent (and audited) with one.
            let fileRequest = #"{"recipient_type":"hospital","recipient_name":"Bệnh viện Sản Nhi Quảng Ninh"}"#
            res = try await apiRequest(app, .POST, "/api/v1/cases/\(caseID)/file", token: worker, json: fileRequest)
            #expect(res.status == .conflict)
            #expect(try await Self.audits(store, "consent_refused") == 4)
            _ = try await apiRequest(
                app, .POST, "/api/v1/cases/\(caseID)/consents", token: worker,
                json: #"{"purpose":"share_file","scope":"Toàn bộ hồ sơ","given_by":"parent","given_by_name":"Lê Thị Mơ","given_on":"\#(today)"}"#)
            res = try await apiRequest(app, .POST, "/api/v1/cases/\(caseID)/file", token: worker, json: fileRequest)
            #expect(res.status == .ok)
            #expect(res.headers.contentType?.description.hasPrefix("text/csv") == true)
            let csv = res.body.string
            #expect(csv.contains("22-TTTGXH-") && csv.contains("Lê Văn Tùng") && csv.contains("Em đã đi học lại từ thứ Hai"))
            #expect(try await Self.audits(store, "share_file") == 1)
        }
    }

    /// A child under 7 cannot consent alone; a withdrawal cannot come before the consent.
    @Test(arguments: TestDatabase.all)
    func consentRulesNameTheirField(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let worker = try await apiToken(app.store, "ctxh.quangninh")
            let year = app.store.today.year - 4
            var res = try await apiRequest(
                app, .POST, "/api/v1/cases", token: worker,
                json:
                    #"{"unit":"22-TTTGXH","kind":"emergency","source":"police","risk_level":"critical","risk_reason":"Bị bỏ rơi","placement":"community_support","person":{"full_name":"Bé Na","birth_year":\#(year)}}"#
            )
            let caseID = jsonObject(res)["id"] as! String
            res = try await apiRequest(
                app, .POST, "/api/v1/cases/\(caseID)/consents", token: worker,
                json: #"{"purpose":"referral","scope":"Họ tên","given_by":"person","given_by_name":"Bé Na","given_on":"\#(app.store.today.iso)"}"#)
            #expect(res.status == .unprocessableEntity)
            #expect((jsonObject(res)["errors"] as? [[String: Any]])?.map { $0["field"] as? String } == ["given_by"])
            #expect(try await CaseConsentModel.query(on: app.store.db).count() == 0)
        }
    }
}
