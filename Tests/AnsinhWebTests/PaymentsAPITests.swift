import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

/// The payment cycle driven over the API only, as the post office's or a bank's system would:
/// the same lifecycle, maker–checker, money and audit as through the pages.
@Suite("Payments API")
struct PaymentsAPITests {
    /// The ward and one person with an especially severe disability whose allowance starts in
    /// January 2024 by the chairman's decision `number` (360,000 × 2.0 a month).
    static func oneRecipient(_ store: Store, number: String) async throws -> (ward: UUID, person: UUID) {
        let ward = try await UnitRepository(store).find(code: "00364")!.id
        let p = try await demoRecipients(store, count: 1)[0]
        try await setFacts(store, p, birth: "1980-05-10", disability: .especiallySevere, certificate: "2023-01-10")
        var d = DecisionInput(personID: p)
        d.kind = .start; d.number = number; d.signedDate = "2024-01-15"; d.eventDate = "2024-01-15"
        _ = try await DecisionRepository(store).decide(try await demoActor(store, "lanhdao.khuongdinh"), d)
        return (ward, p)
    }

    @Test(arguments: TestDatabase.all)
    func aCycleFromPreparationToCloseOverTheAPI(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let (ward, p) = try await Self.oneRecipient(store, number: "07/QĐ")
            let officer = try await apiToken(store, "canbo.khuongdinh"), chairman = try await apiToken(store, "lanhdao.khuongdinh")

            // Prepared by the officer: one line of 360,000 × 2.0 for January 2024.
            var res = try await apiRequest(app, .POST, "/api/v1/payments/cycles", token: officer, json: #"{"commune_id":"\#(ward)","month":"2024-01"}"#)
            #expect(res.status == .created)
            var cycle = jsonObject(res)
            let id = cycle["id"] as! String
            #expect(cycle["status"] as? String == "draft")
            #expect(cycle["issued"] as? Int == 720_000)
            #expect(cycle["actions"] as? [String] == ["prepare", "submit"])

            // A bad month names the field; nothing is prepared.
            res = try await apiRequest(app, .POST, "/api/v1/payments/cycles", token: officer, json: #"{"commune_id":"\#(ward)","month":"2024-13"}"#)
            #expect(res.status == .unprocessableEntity)
            #expect((jsonObject(res)["errors"] as? [[String: Any]])?.first?["field"] as? String == "month")

            res = try await apiRequest(app, .POST, "/api/v1/payments/cycles/\(id)/submit", token: officer)
            #expect(jsonObject(res)["status"] as? String == "submitted")
            // The chairman sees the steps open to an approver.
            res = try await apiRequest(app, .GET, "/api/v1/payments/cycles/\(id)", token: chairman)
            #expect(jsonObject(res)["actions"] as? [String] == ["approve", "send_back"])
            // Sent back without a reason: 422 on the field; with one, back to draft.
            res = try await apiRequest(app, .POST, "/api/v1/payments/cycles/\(id)/send-back", token: chairman, json: #"{"reason":"  "}"#)
            #expect(res.status == .unprocessableEntity)
            res = try await apiRequest(app, .POST, "/api/v1/payments/cycles/\(id)/send-back", token: chairman, json: #"{"reason":"Sai tài khoản"}"#)
            #expect(jsonObject(res)["status"] as? String == "draft")
            _ = try await apiRequest(app, .POST, "/api/v1/payments/cycles/\(id)/submit", token: officer)
            // The officer who prepared it cannot approve it (and has no such permission).
            res = try await apiRequest(app, .POST, "/api/v1/payments/cycles/\(id)/approve", token: officer)
            #expect(res.status == .forbidden)
            res = try await apiRequest(app, .POST, "/api/v1/payments/cycles/\(id)/approve", token: chairman)
            cycle = jsonObject(res)
            #expect(cycle["status"] as? String == "approved")
            #expect(cycle["approved_total"] as? Int == 720_000)

            // The confirmation: an unknown line is named, nothing is written.
            res = try await apiRequest(app, .GET, "/api/v1/payments/cycles/\(id)/lines", token: officer)
            let lines = jsonObject(res)["items"] as! [[String: Any]]
            #expect(lines.count == 1)
            #expect(lines[0]["amount"] as? Int == 720_000)
            let line = lines[0]["id"] as! Int
            res = try await apiRequest(
                app, .POST, "/api/v1/payments/cycles/\(id)/settle", token: officer,
                json: #"{"lines":[{"line_id":\#(line),"status":"paid"},{"line_id":999999,"status":"paid"}]}"#)
            #expect(res.status == .unprocessableEntity)
            res = try await apiRequest(app, .GET, "/api/v1/payments/cycles/\(id)/lines?status=paid", token: officer)
            #expect(jsonObject(res)["total"] as? Int == 0)
            // Closing before the money balances is refused.
            res = try await apiRequest(app, .POST, "/api/v1/payments/cycles/\(id)/close", token: officer)
            #expect(res.status == .conflict)
            res = try await apiRequest(
                app, .POST, "/api/v1/payments/cycles/\(id)/settle", token: officer, json: #"{"lines":[{"line_id":\#(line),"status":"paid"}]}"#)
            #expect(jsonObject(res)["settled"] as? Int == 1)
            #expect((jsonObject(res)["cycle"] as? [String: Any])?["paid"] as? Int == 720_000)
            res = try await apiRequest(app, .POST, "/api/v1/payments/cycles/\(id)/close", token: officer)
            #expect(res.status == .ok)
            let closed = jsonObject(res)
            #expect((closed["cycle"] as? [String: Any])?["status"] as? String == "closed")
            #expect((closed["suspended_person_ids"] as? [String])?.isEmpty == true)
            #expect(try await paidTotal(store, p) == 720_000)
            // Every step is in the audit trail, in order.
            let actions = try await AuditEntryModel.query(on: store.db).filter(\.$entity == "payment_cycle").sort(\.$id).all().map(\.action)
            #expect(actions == ["generate", "submit", "send_back", "submit", "approve", "settle", "close"])
        }
    }

    /// The channel file out and the channel's confirmation file back, over the API, as a post
    /// office's system would exchange them: a bad row is named and nothing is recorded.
    @Test(arguments: TestDatabase.all)
    func channelFileOutConfirmationFileBack(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let (ward, _) = try await Self.oneRecipient(store, number: "08/QĐ")
            let officer = try await apiToken(store, "canbo.khuongdinh"), chairman = try await apiToken(store, "lanhdao.khuongdinh")
            var res = try await apiRequest(app, .POST, "/api/v1/payments/cycles", token: officer, json: #"{"commune_id":"\#(ward)","month":"2024-01"}"#)
            let id = jsonObject(res)["id"] as! String
            _ = try await apiRequest(app, .POST, "/api/v1/payments/cycles/\(id)/submit", token: officer)
            _ = try await apiRequest(app, .POST, "/api/v1/payments/cycles/\(id)/approve", token: chairman)

            // The channel file: the header and the one line, with its id and amount; audited.
            let exportsBefore = try await AuditEntryModel.query(on: store.db).filter(\.$action == "export").count()
            res = try await apiRequest(app, .GET, "/api/v1/payments/cycles/\(id)/channel-file", token: officer)
            #expect(res.status == .ok)
            #expect(res.headers.contentType?.description.hasPrefix("text/csv") == true)
            let rows = String(buffer: res.body).split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            #expect(rows.count == 2)
            #expect(rows[0].first?.hasSuffix("line_id") == true)
            let line = rows[1][0]
            #expect(rows[1][8] == "720000")
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action == "export").count() == exportsBefore + 1)
            res = try await apiRequest(app, .GET, "/api/v1/payments/cycles/\(id)/channel-file?format=pdf", token: officer)
            #expect(res.status == .unprocessableEntity)

            // A confirmation with a status the channel cannot give: row 2 is named, nothing written.
            res = try await apiRequest(app, .POST, "/api/v1/payments/cycles/\(id)/confirmation", token: officer, json: "line_id,status,reason\n\(line),lost,\n")
            #expect(res.status == .unprocessableEntity)
            #expect((jsonObject(res)["errors"] as? [[String: Any]])?.first?["row"] as? Int == 2)
            res = try await apiRequest(app, .GET, "/api/v1/payments/cycles/\(id)/lines?status=paid", token: officer)
            #expect(jsonObject(res)["total"] as? Int == 0)
            // An empty body is refused by name.
            res = try await apiRequest(app, .POST, "/api/v1/payments/cycles/\(id)/confirmation", token: officer)
            #expect(res.status == .unprocessableEntity)
            res = try await apiRequest(app, .POST, "/api/v1/payments/cycles/\(id)/confirmation", token: officer, json: "line_id,status,reason\n\(line),paid,\n")
            #expect(res.status == .ok)
            #expect(jsonObject(res)["settled"] as? Int == 1)
            #expect((jsonObject(res)["cycle"] as? [String: Any])?["paid"] as? Int == 720_000)
            // The auditor reads the file but cannot send a confirmation.
            let auditor = try await apiToken(store, "kiemtoan")
            res = try await apiRequest(app, .POST, "/api/v1/payments/cycles/\(id)/confirmation", token: auditor, json: "line_id,status,reason\n\(line),paid,\n")
            #expect(res.status == .forbidden)
        }
    }
}
