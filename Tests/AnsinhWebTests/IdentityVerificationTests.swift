import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

/// Checks of identity details against the national population database (Decrees 147/2025,
/// 176/2025): recorded with their method, named errors, and the gate a province may switch on
/// before a decision is signed.
@Suite("Identity checks")
struct IdentityVerificationTests {
    @Test(arguments: TestDatabase.all)
    func aDecisionWaitsForAVerifiedIdentityWhenTheProvinceAsks(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let p = try await demoRecipients(store, count: 1)[0]
            try await setFacts(store, p, birth: "1980-05-10", disability: .especiallySevere, certificate: "2020-03-01")
            let officer = try await apiToken(store, "canbo.khuongdinh"), chairman = try await apiToken(store, "lanhdao.khuongdinh")
            let path = "/api/v1/persons/\(p)/verifications"
            var res = try await apiRequest(app, .POST, path, token: officer, json: #"{"status":"not_verified","method":"fax","checked_on":"2030-01-01"}"#)
            #expect(res.status == .unprocessableEntity)
            #expect(Set(((jsonObject(res)["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String }) == ["status", "method", "checked_on"])
            res = try await apiRequest(app, .POST, path, token: officer, json: #"{"status":"mismatch","method":"vneid_app","checked_on":"2026-02-01"}"#)
            #expect(((jsonObject(res)["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String } == ["note"])
            res = try await apiRequest(app, .POST, path, token: chairman, json: #"{"status":"verified","method":"vneid_app","checked_on":"2026-02-01"}"#)
            #expect(res.status == .forbidden)

            // The province asks for the check before any decision.
            let admin = try await demoActor(store, "admin")
            try await RuleSettingsRepository(store).set(admin, name: "identity_verification_required", value: true)
            res = try await apiRequest(
                app, .POST, "/api/v1/persons/\(p)/applications", token: officer,
                json: #"{"benefit":"allowance","form_type":"1d","received_date":"2026-02-02","documents":["declaration","disability_certificate"]}"#)
            let id = jsonObject(res)["id"] as! String
            res = try await apiRequest(app, .POST, "/api/v1/applications/\(id)/review", token: officer)
            #expect(res.status == .ok)
            let sign = #"{"number":"9/QĐ-UBND","signed_date":"2026-02-10"}"#
            res = try await apiRequest(app, .POST, "/api/v1/applications/\(id)/decide", token: chairman, json: sign)
            #expect(res.status == .unprocessableEntity)
            #expect(res.body.string.contains("decision.error.identity_not_verified"))
            res = try await apiRequest(
                app, .POST, path, token: officer, json: #"{"status":"mismatch","method":"police_confirmation","checked_on":"2026-02-05","note":"Sai năm sinh"}"#
            )
            #expect(res.status == .created)
            res = try await apiRequest(app, .POST, "/api/v1/applications/\(id)/decide", token: chairman, json: sign)
            #expect(res.body.string.contains("decision.error.identity_mismatch"))
            res = try await apiRequest(app, .POST, path, token: officer, json: #"{"status":"verified","method":"vneid_app","checked_on":"2026-02-06"}"#)
            #expect(res.status == .created)
            res = try await apiRequest(app, .POST, "/api/v1/applications/\(id)/decide", token: chairman, json: sign)
            #expect(res.status == .created, "\(res.body.string)")
            #expect(jsonObject(res)["monthly_amount"] as? Int == 1_000_000)
            res = try await apiRequest(app, .GET, path, token: chairman)
            let checks = (try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [[String: Any]]) ?? []
            #expect(checks.compactMap { $0["status"] as? String } == ["verified", "mismatch"])
            #expect(checks.first?["recorded_by"] as? String == "canbo.khuongdinh")
        }
    }
}
