import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import AnsinhWeb

/// An application from receipt to the chairman's decision over the API only (a partner's
/// system, the field app): the lifecycle, the posting rule of Decree 20/2021 Art. 8(2), the
/// amount in đồng and the masking of HIV-related reasons for a role without that class.
@Suite("Applications and decisions API")
struct DecisionsAPITests {
    @Test(arguments: TestDatabase.all)
    func anApplicationFromReceiptToDecisionOverTheAPI(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let p = try await demoRecipients(store, count: 1)[0]
            try await setFacts(store, p, birth: "1980-05-10", disability: .especiallySevere, certificate: "2025-11-10")
            let officer = try await apiToken(store, "canbo.khuongdinh"), chairman = try await apiToken(store, "lanhdao.khuongdinh")
            let accountant = try await apiToken(store, "ketoan.khuongdinh")

            // A paper that does not exist is named; nothing is received.
            var res = try await apiRequest(
                app, .POST, "/api/v1/persons/\(p)/applications", token: officer,
                json: #"{"benefit":"allowance","form_type":"1a","received_date":"2026-01-05","documents":["declaration","passport"]}"#)
            #expect(res.status == .unprocessableEntity)
            #expect(try await AllowanceApplicationModel.query(on: store.db).count() == 0)
            res = try await apiRequest(
                app, .POST, "/api/v1/persons/\(p)/applications", token: officer,
                json: #"{"benefit":"allowance","form_type":"1a","received_date":"2026-01-05","documents":["declaration","disability_certificate"]}"#)
            #expect(res.status == .created)
            let id = jsonObject(res)["id"] as! String
            #expect(jsonObject(res)["status"] as? String == "received")
            #expect(jsonObject(res)["actions"] as? [String] == ["review"])
            // The chairman cannot decide what was not reviewed.
            res = try await apiRequest(
                app, .POST, "/api/v1/applications/\(id)/decide", token: chairman, json: #"{"number":"12/QĐ-UBND","signed_date":"2026-01-14"}"#)
            #expect(res.status == .conflict)

            res = try await apiRequest(app, .POST, "/api/v1/applications/\(id)/review", token: officer)
            let reviewed = jsonObject(res)
            #expect(reviewed["status"] as? String == "reviewed")
            let evaluation = reviewed["evaluation"] as? [String: Any]
            #expect(evaluation?["monthly_amount"] as? Int == 1_000_000)  // 500,000 × 2.0, Decree 20/2021 Art. 6
            #expect((evaluation?["categories"] as? [String])?.first?.hasPrefix("D20-5.6") == true)
            // Received after 1 July 2025 (Decree 147/2025 Art. 5): no posting; the chairman decides
            // within 10 working days, by Monday 19 January.
            #expect(reviewed["requires_posting"] as? Bool == false)
            #expect(reviewed["decision_due"] as? String == "2026-01-19")
            res = try await apiRequest(app, .POST, "/api/v1/applications/\(id)/post", token: officer, json: #"{"posting_start":"2026-01-12"}"#)
            #expect(res.status == .conflict)
            // A number of white space only, or a signing date before the application was received, is refused by name.
            for body in [#"{"number":"\f","signed_date":"2026-01-14"}"#, #"{"number":"12/QĐ-UBND","signed_date":"1800-01-01"}"#] {
                res = try await apiRequest(app, .POST, "/api/v1/applications/\(id)/decide", token: chairman, json: body)
                #expect(res.status == .unprocessableEntity, "\(body)")
            }
            #expect(try await AllowanceDecisionModel.query(on: store.db).count() == 0)
            res = try await apiRequest(
                app, .POST, "/api/v1/applications/\(id)/decide", token: chairman, json: #"{"number":"12/QĐ-UBND","signed_date":"2026-01-14"}"#)
            #expect(res.status == .created)
            let decision = jsonObject(res)
            #expect(decision["monthly_amount"] as? Int == 1_000_000)
            #expect(decision["effective_month"] as? String == "2026-01")
            #expect(decision["kind"] as? String == "start")
            // The decision keeps its facts, rule set and reasons: re-evaluated, it gives the same amount.
            #expect(decision["reproduced_amount"] as? Int == 1_000_000)
            // Decided: no step is left, and a refusal now is a conflict.
            res = try await apiRequest(app, .GET, "/api/v1/applications/\(id)", token: chairman)
            #expect(jsonObject(res)["status"] as? String == "decided")
            #expect(jsonObject(res)["actions"] as? [String] == [])
            res = try await apiRequest(app, .POST, "/api/v1/applications/\(id)/refuse", token: chairman, json: #"{"refusal_reason":"muộn"}"#)
            #expect(res.status == .conflict)

            // The person's ledger: one decision, one open period.
            res = try await apiRequest(app, .GET, "/api/v1/persons/\(p)/decisions", token: accountant)
            let history = jsonObject(res)
            #expect((history["decisions"] as? [[String: Any]])?.count == 1)
            let periods = history["periods"] as? [[String: Any]]
            #expect(periods?.count == 1 && periods?.first?["from"] as? String == "2026-01" && periods?.first?["until"] == nil)

            // A stop without a number is refused by name; with one, the period closes after the month.
            res = try await apiRequest(
                app, .POST, "/api/v1/persons/\(p)/decisions", token: chairman,
                json: #"{"benefit":"allowance","kind":"stop","reason":"moved","number":" ","signed_date":"2026-03-02","event_date":"2026-02-20"}"#)
            #expect(res.status == .unprocessableEntity)
            res = try await apiRequest(
                app, .POST, "/api/v1/persons/\(p)/decisions", token: chairman,
                json: #"{"benefit":"allowance","kind":"stop","reason":"moved","number":"30/QĐ-UBND","signed_date":"2026-03-02","event_date":"2026-02-20"}"#)
            #expect(res.status == .created)
            #expect(jsonObject(res)["effective_month"] as? String == "2026-03")
            res = try await apiRequest(app, .GET, "/api/v1/persons/\(p)/decisions", token: officer)
            #expect(((jsonObject(res)["periods"] as? [[String: Any]])?.first?["until"] as? String) == "2026-03")
        }
    }

    /// Decree 20/2021 Art. 8(2): an application received before 1 July 2025 keeps the posting
    /// of 2 working days; the chairman signs after it.
    @Test(arguments: TestDatabase.all)
    func anApplicationBeforeTheReformIsPosted(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let p = try await demoRecipients(store, count: 1)[0]
            try await setFacts(store, p, birth: "1980-05-10", disability: .especiallySevere, certificate: "2024-11-10")
            let officer = try await apiToken(store, "canbo.khuongdinh"), chairman = try await apiToken(store, "lanhdao.khuongdinh")
            var res = try await apiRequest(
                app, .POST, "/api/v1/persons/\(p)/applications", token: officer,
                json: #"{"benefit":"allowance","form_type":"1a","received_date":"2025-06-02","documents":["declaration","disability_certificate"]}"#)
            let id = jsonObject(res)["id"] as! String
            res = try await apiRequest(app, .POST, "/api/v1/applications/\(id)/review", token: officer)
            #expect(jsonObject(res)["requires_posting"] as? Bool == true)
            #expect(jsonObject(res)["decision_due"] == nil)
            res = try await apiRequest(
                app, .POST, "/api/v1/applications/\(id)/decide", token: chairman, json: #"{"number":"7/QĐ-UBND","signed_date":"2025-06-20"}"#)
            #expect(res.status == .conflict)
            // Posted Monday 9 June 2025 for 2 working days: the chairman signs after the 10th.
            res = try await apiRequest(app, .POST, "/api/v1/applications/\(id)/post", token: officer, json: #"{"posting_start":"2025-06-09"}"#)
            #expect(jsonObject(res)["posting_end"] as? String == "2025-06-10")
            res = try await apiRequest(
                app, .POST, "/api/v1/applications/\(id)/decide", token: chairman, json: #"{"number":"7/QĐ-UBND","signed_date":"2025-06-10"}"#)
            #expect(res.status == .unprocessableEntity)
            #expect((jsonObject(res)["errors"] as? [[String: Any]])?.first?["field"] as? String == "signed_date")
            res = try await apiRequest(
                app, .POST, "/api/v1/applications/\(id)/decide", token: chairman, json: #"{"number":"7/QĐ-UBND","signed_date":"2025-06-11"}"#)
            #expect(res.status == .created)
            // Before July 2025 a disability pays from the certificate month (Art. 8(1)).
            #expect(jsonObject(res)["effective_month"] as? String == "2024-11")
        }
    }

    /// An application of a person with HIV: the officer (who holds the HIV class) reads the
    /// stored evaluation; the accountant reads the application without it.
    @Test(arguments: TestDatabase.all)
    func hivReasonsStayWithThoseWhoMaySeeThem(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let p = try await demoRecipients(store, count: 1)[0]
            let person = try await PersonModel.find(p, on: store.db)!
            person.birthDate = "2023-03-01"; person.birthYear = 2023; person.hiv = true
            try await person.update(on: store.db)
            let officer = try await apiToken(store, "canbo.khuongdinh"), accountant = try await apiToken(store, "ketoan.khuongdinh")
            var res = try await apiRequest(
                app, .POST, "/api/v1/persons/\(p)/applications", token: officer,
                json: #"{"benefit":"allowance","form_type":"1a","received_date":"2026-01-05","documents":["declaration","hiv_certificate"]}"#)
            let id = jsonObject(res)["id"] as! String
            res = try await apiRequest(app, .POST, "/api/v1/applications/\(id)/review", token: officer)
            // The officer (HIV class) sees the evaluation the review stored.
            #expect(jsonObject(res)["evaluation"] as? [String: Any] != nil)
            // The accountant reads the application, never the evaluation that names HIV.
            res = try await apiRequest(app, .GET, "/api/v1/applications/\(id)", token: accountant)
            #expect(res.status == .ok)
            #expect(jsonObject(res)["status"] as? String == "reviewed")
            #expect(jsonObject(res)["evaluation"] == nil)
            #expect(!res.body.string.contains("D20-5.3") && !res.body.string.contains("\"hiv\"") && !res.body.string.contains("hiv_certificate"))
            #expect(jsonObject(res)["documents"] as? [String] == ["declaration"])
            // At rest, neither the status nor the evaluation that rests on it is in clear text.
            let sqlDB = store.db as! any SQLDatabase
            let raw = try await sqlDB.select().column("hiv_status").from("persons").where("id", .equal, SQLBind(p)).first()
            let status = try raw?.decode(column: "hiv_status", as: String.self) ?? ""
            #expect(status.hasPrefix("ansinh:v1:") && Sealed.open(status, SealedColumn.personHIV.name) == "true")
            let stored = try await sqlDB.select().column("evaluation").from("allowance_applications").where("id", .equal, SQLBind(UUID(uuidString: id)!))
                .first()
            let evaluation = try stored?.decode(column: "evaluation", as: String.self) ?? ""
            // Sealed: the clear value holds the status, the stored one does not (a search for
            // "hiv" in base64 ciphertext matched by chance about once in a hundred runs).
            #expect(evaluation.hasPrefix("ansinh:v1:") && !evaluation.contains("D20-5.3"))
            #expect(Sealed.open(evaluation, SealedColumn.applicationEvaluation.name).contains("\"hiv\":true"))
        }
    }
}
