import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

/// A resident's report the ward cannot answer alone goes to a social assistance centre: the ward
/// forwards it, the centre opens a case from it (linked both ways, the ward seeing only the
/// case's number and step) or gives it back with the reason.
@Suite("Requests forwarded to a centre")
struct CentreForwardTests {
    /// A photo the resident sends with the report.
    static let photo = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: UInt8(9), count: 200))

    static func report(_ phone: String, kind: String = "hardship_report") -> String {
        #"{"kind": "\#(kind)", "unit": "00364", "residential_group": "Tổ dân phố 2", "text": "Cháu bé nhà số 7 ngõ 12 thường bị bỏ đói, ban đêm khóc nhiều.", "name": "Ngô Thị Hạnh", "phone": "\#(phone)", "attachments": [{"name": "ngo-12.png", "content_base64": "\#(photo.base64EncodedString())"}]}"#
    }

    static func sent(_ app: Application, _ phone: String, kind: String = "hardship_report") async throws -> (id: UUID, code: String) {
        let res = try await apiRequest(app, .POST, "/api/v1/public/requests", token: nil, json: report(phone, kind: kind))
        let code = jsonObject(res)["tracking_code"] as! String
        return (try await PublicRequestModel.query(on: app.store.db).filter(\.$code == code).first()!.id!, code)
    }

    @Test(arguments: TestDatabase.all)
    func theCentreOpensACaseFromAForwardedReport(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let (id, code) = try await Self.sent(app, "0913000111")
            let (question, _) = try await Self.sent(app, "0913000222", kind: "question")
            let ward = try await apiToken(store, "canbo.khuongdinh"), centre = try await apiToken(store, "ctxh.quangninh")
            let centreUnit = try await UnitRepository(store).find(code: "22-TTTGXH")!
            // Nothing goes to a ward, an unknown code or without the ward's note; a question is not forwarded.
            let wrong = try await apiRequest(app, .POST, "/api/v1/requests/\(id)/centre", token: ward, json: #"{"centre": "00364", "note": ""}"#)
            #expect(wrong.status == .unprocessableEntity)
            let fields = (jsonObject(wrong)["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(Set(fields) == ["centre", "note"])
            let asked = try await apiRequest(
                app, .POST, "/api/v1/requests/\(question)/centre", token: ward, json: #"{"centre": "22-TTTGXH", "note": "Xin trung tâm hỗ trợ"}"#)
            #expect(asked.status == .conflict)
            #expect(try await apiRequest(app, .GET, "/api/v1/ward-requests?show=all", token: centre).status == .ok)
            #expect(jsonObject(try await apiRequest(app, .GET, "/api/v1/ward-requests?show=all", token: centre))["total"] as? Int == 0)
            // Before it is forwarded the centre reaches neither it nor the resident's photo.
            #expect(try await apiRequest(app, .GET, "/api/v1/ward-requests/\(id)", token: centre).status == .notFound)
            let photo = try await PublicRequestFileModel.query(on: store.db).filter(\.$requestID == id).first()!.id!
            #expect(try await apiRequest(app, .GET, "/api/v1/request-files/\(photo)", token: centre).status == .notFound)

            let forwarded = try await apiRequest(
                app, .POST, "/api/v1/requests/\(id)/centre", token: ward,
                json: #"{"centre": "22-TTTGXH", "note": "Nghi trẻ bị bỏ mặc; phường đã đến nhà nhưng không gặp người lớn."}"#)
            #expect(forwarded.status == .ok)
            let r = jsonObject(forwarded)
            #expect(r["status"] as? String == "in_progress" && r["linked_kind"] as? String == "centre")
            #expect(r["forwarded_unit_id"] as? String == centreUnit.id.uuidString)
            // The resident is told where it went, in the same transaction.
            let told = try await OutboxMessageModel.query(on: store.db).filter(\.$sourceID == id).sort(\.$createdAt).all().map(\.text)
            #expect(
                told.last?.hasPrefix(
                    "Yêu cầu \(code) đã được phường chuyển đến Trung tâm Trợ giúp xã hội tỉnh Quảng Ninh để hỗ trợ. Phường vẫn theo dõi và sẽ trả lời anh/chị.")
                    == true)
            // Forwarded once: a second forward, or a sudden hardship from it, is refused.
            let again = try await apiRequest(app, .POST, "/api/v1/requests/\(id)/centre", token: ward, json: #"{"centre": "22-TTTGXH", "note": "Lần hai"}"#)
            #expect(again.status == .conflict && (jsonObject(again)["detail"] as? String ?? "").contains("chỉ chuyển một lần"))

            // The centre's list and the request with the ward's note; the read is audited.
            let list = jsonObject(try await apiRequest(app, .GET, "/api/v1/ward-requests", token: centre))
            let items = list["items"] as? [[String: Any]] ?? []
            #expect(list["total"] as? Int == 1 && items.first?["tracking_code"] as? String == code && items.first?["ward"] as? String == "Phường Khương Đình")
            let one = jsonObject(try await apiRequest(app, .GET, "/api/v1/ward-requests/\(id)", token: centre))
            #expect(one["text"] as? String == "Cháu bé nhà số 7 ngõ 12 thường bị bỏ đói, ban đêm khóc nhiều." && one["phone"] as? String == "0913000111")
            #expect(one["note"] as? String == "Trung tâm Trợ giúp xã hội tỉnh Quảng Ninh — Nghi trẻ bị bỏ mặc; phường đã đến nhà nhưng không gặp người lớn.")
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action == "read_sensitive").filter(\.$entityID == id.uuidString).count() == 1)
            let files = one["files"] as? [[String: Any]] ?? []
            #expect(files.count == 1 && files.first?["file_name"] as? String == "ngo-12.png")
            let opened = try await apiRequest(app, .GET, "/api/v1/request-files/\(photo)", token: centre)
            #expect(opened.status == .ok && Data(buffer: opened.body) == Self.photo)
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action == "request_file_read").count() == 1)
            // The ward's officer reads it in the inbox, not through the centre's list; the centre
            // cannot step the ward's request.
            #expect(try await apiRequest(app, .GET, "/api/v1/ward-requests/\(id)", token: ward).status != .ok)
            let note = try await apiRequest(app, .POST, "/api/v1/requests/\(id)/note", token: centre, json: #"{"text": "x"}"#)
            #expect(note.status == .forbidden)

            // A case from it: from the ward office, received when the ward forwarded it.
            let body =
                #"{"person_name": "Cháu Bé Ngõ 12", "kind": "child_protection", "risk_level": "high", "risk_reason": "Bị bỏ đói", "placement": "community_support"}"#
            let created = try await apiRequest(app, .POST, "/api/v1/ward-requests/\(id)/case", token: centre, json: body)
            #expect(created.status == .created)
            let caseID = UUID(uuidString: jsonObject(created)["id"] as! String)!
            let c = try await CaseModel.find(caseID, on: store.db)!
            let m = try await PublicRequestModel.find(id, on: store.db)!
            #expect(c.source == "ward_office" && c.unitID == centreUnit.id && abs(c.receivedAt.timeIntervalSince(m.forwardedAt!)) < 1)
            #expect(m.linkedKind == "case" && m.linkedID == caseID)
            #expect(try await apiRequest(app, .POST, "/api/v1/ward-requests/\(id)/case", token: centre, json: body).status == .conflict)
            #expect(try await CaseModel.query(on: store.db).filter(\.$source == "ward_office").count() == 1)
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action == "request_case_opened").count() == 1)

            // Both ways: the ward sees the case's number and step, the case names the request.
            let browser = TestBrowser(app)
            try await browser.login("canbo.khuongdinh")
            try await browser.get("/requests/\(id.uuidString)")
            #expect(browser.lastBody.contains("Hồ sơ vụ việc \(c.number) tại trung tâm (Tiếp nhận)"))
            #expect(browser.lastBody.contains("Trung tâm mở hồ sơ vụ việc") && !browser.lastBody.contains("/cases/\(caseID.uuidString)"))
            #expect(!browser.lastBody.contains("Cháu Bé Ngõ 12"))
            let worker = TestBrowser(app)
            try await worker.login("ctxh.quangninh")
            try await worker.get("/cases/\(caseID.uuidString)")
            #expect(worker.lastBody.contains("UBND phường, xã — <a href=\"/ward-requests/\(id.uuidString)\">theo yêu cầu \(code) của phường</a>"))
            try await worker.get("/ward-requests?show=all")
            #expect(worker.lastStatus == 200 && worker.lastBody.contains(code) && worker.lastBody.contains(c.number))
            try await worker.get("/ward-requests")
            #expect(worker.lastBody.contains("Không có yêu cầu nào đang chờ mở hồ sơ."))
        }
    }

    @Test(arguments: TestDatabase.all)
    func theCentreGivesAReportBackAndTheWardGoesOn(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let (id, _) = try await Self.sent(app, "0913000333")
            let officer = try await demoActor(store, "canbo.khuongdinh"), worker = try await demoActor(store, "ctxh.quangninh")
            let repo = FeedbackRepository(store)
            try await repo.forwardToCentre(officer, id: id, centreCode: "22-TTTGXH", note: "Đề nghị trung tâm xem xét")
            // Through the centre's page: the form, a reason required, then given back.
            let browser = TestBrowser(app)
            try await browser.login("ctxh.quangninh")
            try await browser.get("/ward-requests/\(id.uuidString)")
            #expect(browser.lastBody.contains("action=\"/ward-requests/\(id.uuidString)/give-back\""))
            #expect(browser.lastBody.contains("Đề nghị trung tâm xem xét"))
            let empty = try await browser.post("/ward-requests/\(id.uuidString)/give-back", [("reason", "  ")])
            #expect(empty.status == .seeOther && empty.headers.first(name: .location) == "/ward-requests/\(id.uuidString)")
            try await browser.get("/ward-requests/\(id.uuidString)")
            #expect(browser.lastBody.contains("Lý do: Trường này là bắt buộc."))
            #expect(try await PublicRequestModel.find(id, on: store.db)!.linkedKind == "centre")
            let back = try await browser.post("/ward-requests/\(id.uuidString)/give-back", [("reason", "Hộ đã được Hội Chữ thập đỏ phường hỗ trợ.")])
            #expect(back.status == .seeOther)
            let m = try await PublicRequestModel.find(id, on: store.db)!
            #expect(m.linkedKind == nil && m.forwardedUnitPath == nil && m.forwardedAt == nil && m.status == "in_progress")
            // The centre no longer reaches it; the ward reads the reason and records a sudden hardship.
            await #expect(throws: AppError.notFound) { try await CaseRepository(store).wardRequest(worker, id: id) }
            #expect(try await CaseRepository(store).wardRequests(worker, waitingOnly: false, page: PageSpec(page: 1)).total == 0)
            let r = try await repo.get(officer, id: id)
            #expect(r.steps.map(\.kind) == ["receive", "forward", "given_back"] && r.steps.last?.text == "Hộ đã được Hội Chữ thập đỏ phường hỗ trợ.")
            _ = try await DemoData.loadHouseholds(store, today: store.today)
            let household = try await store.scoped(HouseholdModel.self, officer).first()!
            let event = try await repo.convertToHardship(
                officer, id: id, householdCode: household.code, eventKind: "disaster", occurredOn: store.today.iso, note: "", today: store.today)
            #expect(try await repo.get(officer, id: id).linkedID == event)
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action == "request_given_back").count() == 1)
        }
    }
}
