import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import AnsinhWeb

/// The work around a case: a manager hands it to another worker (with the reason, on the
/// timeline and in the audit trail), a later hotline call joins the case already open, and a
/// case conference is a dated timeline entry; entries written by actions cannot be typed in.
@Suite("Cases: handover, linked calls, conferences")
struct CaseWorkTests {
    @Test(arguments: TestDatabase.all)
    func handoverLinkedCallAndConference(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let worker = try await apiToken(store, "ctxh.quangninh"), manager = try await apiToken(store, "giamdoc.quangninh")
            var res = try await apiRequest(
                app, .POST, "/api/v1/cases", token: worker,
                json:
                    #"{"unit":"22-TTTGXH","kind":"violence","source":"hotline","risk_level":"high","risk_reason":"Bị chồng đánh","placement":"community_support","person":{"full_name":"Hà Thị Liên"}}"#
            )
            let caseID = jsonObject(res)["id"] as! String, number = jsonObject(res)["number"] as! String

            // Only a manager hands a case over, to a worker of its unit, with a reason.
            let transfer = "/api/v1/cases/\(caseID)/worker"
            #expect(
                try await apiRequest(app, .POST, transfer, token: worker, json: #"{"worker":"giamdoc.quangninh","reason":"Nghỉ phép"}"#).status == .forbidden)
            res = try await apiRequest(app, .POST, transfer, token: manager, json: #"{"worker":"canbo.khuongdinh","reason":"Nghỉ phép"}"#)
            #expect(res.status == .unprocessableEntity)
            #expect((jsonObject(res)["errors"] as? [[String: Any]])?.first?["field"] as? String == "worker")
            res = try await apiRequest(app, .POST, transfer, token: manager, json: #"{"worker":"ctxh.quangninh","reason":"x"}"#)
            #expect(res.status == .unprocessableEntity)
            res = try await apiRequest(app, .POST, transfer, token: manager, json: #"{"worker":"giamdoc.quangninh","reason":"Anh Đức nghỉ phép hai tuần"}"#)
            #expect(res.status == .ok)
            #expect(jsonObject(res)["worker"] as? String == "giamdoc.quangninh")
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action == "transfer").count() == 1)

            // A later call about the same woman joins her case; a second link is refused.
            res = try await apiRequest(
                app, .POST, "/api/v1/hotline/contacts", token: worker,
                json:
                    #"{"unit":"22-TTTGXH","channel":"phone","duration_seconds":300,"caller_type":"adult_self","age_group":"25_59","sex":"female","topic":"gender_equality","summary":"Chị Liên gọi lại, đã an toàn"}"#
            )
            let contact = jsonObject(res)["id"] as! String
            res = try await apiRequest(app, .POST, "/api/v1/hotline/contacts/\(contact)/link", token: worker, json: #"{"case_number":"22-TTTGXH-1999-0001"}"#)
            #expect(res.status == .unprocessableEntity)
            #expect((jsonObject(res)["errors"] as? [[String: Any]])?.first?["field"] as? String == "case_number")
            res = try await apiRequest(app, .POST, "/api/v1/hotline/contacts/\(contact)/link", token: worker, json: #"{"case_number":"\#(number)"}"#)
            #expect(res.status == .ok)
            #expect(jsonObject(res)["id"] as? String == caseID)
            res = try await apiRequest(app, .POST, "/api/v1/hotline/contacts/\(contact)/link", token: worker, json: #"{"case_number":"\#(number)"}"#)
            #expect(res.status == .conflict)

            // A conference is recorded by hand; entries written by actions are not.
            res = try await apiRequest(
                app, .POST, "/api/v1/cases/\(caseID)/entries", token: manager,
                json: #"{"kind":"conference","on":"\#(store.today.iso)","text":"Thống nhất hỗ trợ pháp lý","given_by":"Trung tâm, công an phường, Hội phụ nữ"}"#
            )
            #expect(res.status == .created)
            res = try await apiRequest(
                app, .POST, "/api/v1/cases/\(caseID)/entries", token: manager, json: #"{"kind":"referral","on":"\#(store.today.iso)","text":"x"}"#)
            #expect(res.status == .unprocessableEntity)
            let kinds = jsonArray(try await apiRequest(app, .GET, "/api/v1/cases/\(caseID)/entries", token: manager)).compactMap { $0["kind"] as? String }
            #expect(Set(kinds) == ["transfer", "conference"])

            // The case's page shows the call and the handover; the new worker sees it.
            let browser = TestBrowser(app)
            try await browser.login("giamdoc.quangninh")
            let html = try await browser.get("/cases/\(caseID)").body.string
            #expect(html.contains("Chị Liên gọi lại, đã an toàn"))
            #expect(html.contains("Anh Đức nghỉ phép hai tuần"))
            #expect(html.contains(#"action="/cases/\#(caseID)/worker""#))
            // The list as a file, with the same filter, audited.
            let csv = try await browser.get("/cases/export.csv?kind=violence").body.string
            #expect(csv.contains(number) && csv.contains("Hà Thị Liên") && csv.split(separator: "\r\n").count == 2)
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action == "export").count() == 1)
        }
    }

    /// The duplicate check of intake: the same folded name and birth year as an open case is
    /// named on `person_name` until the officer confirms another person; the search before
    /// intake shows that case.
    @Test(arguments: TestDatabase.all)
    func intakeFindsTheOpenCaseOfTheSamePerson(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let worker = try await apiToken(app.store, "ctxh.quangninh")
            func open(_ name: String, _ year: Int?, confirm: Bool = false) async throws -> TestingHTTPResponse {
                let birth = year.map { #","birth_year":\#($0)"# } ?? ""
                return try await apiRequest(
                    app, .POST, "/api/v1/cases", token: worker,
                    json:
                        #"{"unit":"22-TTTGXH","kind":"emergency","source":"police","risk_level":"high","risk_reason":"Bị bỏ rơi","placement":"community_support","not_duplicate":\#(confirm),"person":{"full_name":"\#(name)"\#(birth)}}"#
                )
            }
            var res = try await open("Nguyễn Thị Hạnh", 2012)
            #expect(res.status == .created)
            let number = jsonObject(res)["number"] as! String
            res = try await open("  nguyen thi HANH ", 2012)
            #expect(res.status == .unprocessableEntity)
            let error = (jsonObject(res)["errors"] as? [[String: Any]])?.first
            #expect(error?["field"] as? String == "person_name")
            #expect((error?["message"] as? String)?.contains(number) == true)
            #expect(try await CaseModel.query(on: app.store.db).count() == 1)
            #expect(try await open("Nguyễn Thị Hạnh", 2013).status == .created)
            #expect(try await open("Nguyễn Thị Hạnh", nil, confirm: true).status == .created)
            let browser = TestBrowser(app)
            try await browser.login("ctxh.quangninh")
            let html = try await browser.get("/cases/new?person_name=nguyen%20thi%20hanh&person_birth_year=2012").body.string
            #expect(html.contains(number))
            #expect(html.contains(#"name="not_duplicate""#))
        }
    }

    /// A case's files: recognised by their bytes (a text file named .pdf is refused), capped in
    /// size, read only by who sees the child-protection class, every read audited.
    @Test(arguments: TestDatabase.all)
    func documentsOfACase(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let worker = try await apiToken(store, "ctxh.quangninh"), ward = try await apiToken(store, "canbo.khuongdinh")
            var res = try await apiRequest(
                app, .POST, "/api/v1/cases", token: worker,
                json:
                    #"{"unit":"22-TTTGXH","kind":"emergency","source":"police","risk_level":"high","risk_reason":"Bị bỏ rơi","placement":"community_support","person":{"full_name":"Bé Tư"}}"#
            )
            let caseID = jsonObject(res)["id"] as! String
            func upload(_ bytes: Data, _ name: String) async throws -> TestingHTTPResponse {
                var headers = HTTPHeaders()
                headers.bearerAuthorization = BearerAuthorization(token: worker)
                headers.contentType = .binary
                return try await app.testing().sendRequest(
                    .POST, "/api/v1/cases/\(caseID)/documents?title=Bi%C3%AAn%20b%E1%BA%A3n&file_name=\(name)", headers: headers, body: ByteBuffer(data: bytes))
            }
            res = try await upload(Data("<script>alert(1)</script>".utf8), "bb.pdf")
            #expect(res.status == .unprocessableEntity)
            #expect((jsonObject(res)["errors"] as? [[String: Any]])?.first?["field"] as? String == "file")
            res = try await upload(Data(repeating: 0x25, count: DocumentKind.maxBytes + 1), "big.pdf")
            #expect(res.status == .payloadTooLarge)
            let pdf = Data("%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n".utf8)
            res = try await upload(pdf, "bien-ban.pdf")
            #expect(res.status == .created)
            let doc = jsonArray(res).first
            #expect(doc?["title"] as? String == "Biên bản" && doc?["size"] as? Int == pdf.count && doc?["kind"] as? String == "pdf")
            let id = doc?["id"] as! String
            #expect(try await apiRequest(app, .GET, "/api/v1/case-documents/\(id)", token: ward).status == .forbidden)
            res = try await apiRequest(app, .GET, "/api/v1/case-documents/\(id)", token: worker)
            #expect(res.status == .ok && res.headers.contentType?.description == "application/pdf")
            #expect(Data(buffer: res.body) == pdf)
            let reads = try await AuditEntryModel.query(on: store.db).filter(\.$action == "read_sensitive").all()
            #expect(reads.contains { $0.afterJSON?.contains(id) == true })
        }
    }
}
