import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import AnsinhWeb

/// What the ward sends residents through the outbox: the tracking code at once and the answer
/// later, by SMS, Zalo or email as they gave, in their language and signed by the ward; never
/// again to a number or address that asked to stop, until it asks to resume.
@Suite("Messages to residents")
struct ResidentMessagesTests {
    static let request =
        #"{"kind": "question", "unit": "00364", "text": "When is the allowance paid this month?", "name": "Vũ Thị Lan", "phone": "0912000444", "email": "Lan.Vu@Example.VN", "language": "en"}"#

    @Test(arguments: TestDatabase.all)
    func messagesGoInTheResidentsLanguageAndStopWhenAsked(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            // Bad email or language: named, nothing stored, nothing queued.
            let bad = try await apiRequest(
                app, .POST, "/api/v1/public/requests", token: nil,
                json: #"{"kind": "question", "unit": "00364", "text": "Hỏi", "name": "A", "phone": "0912000444", "email": "lan@@x"}"#)
            #expect(bad.status == .unprocessableEntity && String(buffer: bad.body).contains("\"email\""))
            let language = try await apiRequest(
                app, .POST, "/api/v1/public/requests", token: nil,
                json: #"{"kind": "question", "unit": "00364", "text": "Hỏi", "name": "A", "phone": "0912000444", "language": "fr"}"#)
            #expect(language.status == .unprocessableEntity && String(buffer: language.body).contains("\"language\""))
            #expect(try await PublicRequestModel.query(on: store.db).count() == 0)
            #expect(try await OutboxMessageModel.query(on: store.db).count() == 0)

            // The tracking code, by SMS and by email, in English, signed by the ward.
            let sent = try await apiRequest(app, .POST, "/api/v1/public/requests", token: nil, json: Self.request)
            #expect(sent.status == .created)
            let code = jsonObject(sent)["tracking_code"] as! String
            let queued = try await OutboxMessageModel.query(on: store.db).sort(\.$channel).all()
            #expect(queued.map(\.channel) == ["email", "sms"] && queued.map(\.recipient) == ["Lan.Vu@example.vn", "0912000444"])
            #expect(queued[0].subject == "A message from Phường Khương Đình" && queued[1].subject == nil)
            #expect(queued.allSatisfy { $0.text.hasPrefix("The ward received your request. Tracking code: \(code).") })
            #expect(queued.allSatisfy { $0.text.hasSuffix("\n— People's Committee of Phường Khương Đình") })

            // The officer sees how to reach the resident and the language.
            let token = try await apiToken(store, "canbo.khuongdinh")
            let inbox = jsonObject(try await apiRequest(app, .GET, "/api/v1/requests", token: token))["items"] as! [[String: Any]]
            #expect(inbox.count == 1 && inbox[0]["email"] as? String == "Lan.Vu@example.vn" && inbox[0]["language"] as? String == "en")
            let id = inbox[0]["id"] as! String

            // The resident stops the messages (the code with another phone is not found): what
            // still waits is not sent, and the answer queues nothing.
            let wrong = try await apiRequest(
                app, .POST, "/api/v1/public/requests/\(code)/messages", token: nil, json: #"{"phone": "0912000555", "messages": false}"#)
            #expect(wrong.status == .notFound)
            let stopped = try await apiRequest(
                app, .POST, "/api/v1/public/requests/\(code)/messages", token: nil, json: #"{"phone": "0912000444", "messages": false}"#)
            #expect(stopped.status == .ok && jsonObject(stopped)["messages_stopped"] as? Bool == true)
            let dead = try await OutboxMessageModel.query(on: store.db).all()
            #expect(dead.count == 2 && dead.allSatisfy { $0.state == "dead" && $0.lastError == "opted out" })
            _ = try await apiRequest(app, .POST, "/api/v1/requests/\(id)/answer", token: token, json: #"{"text": "On the 10th, at the ward's hall."}"#)
            #expect(try await OutboxMessageModel.query(on: store.db).count() == 2)
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action == "outbox_opt_out").count() == 1)

            // The status page says so and offers to resume; resuming brings the next answer.
            let browser = TestBrowser(app)
            try await browser.get("/public/requests/track")
            let page = try await browser.post("/public/requests/track", [("code", code), ("phone", "0912000444")])
            #expect(page.status == .ok && browser.lastBody.contains("Bạn đã ngừng nhận tin nhắn") && browser.lastBody.contains("Nhận lại tin nhắn"))
            let resumed = try await browser.post("/public/requests/messages", [("code", code), ("phone", "0912000444"), ("stop", "0")])
            #expect(resumed.status == .ok && browser.lastBody.contains("Phường sẽ lại gửi tin nhắn") && browser.lastBody.contains("Ngừng nhận tin nhắn"))
            _ = try await apiRequest(app, .POST, "/api/v1/requests/\(id)/answer", token: token, json: #"{"text": "On the 10th, 8 to 11 a.m."}"#)
            let answers = try await OutboxMessageModel.query(on: store.db).filter(\.$state == "pending").all()
            #expect(answers.count == 2 && answers.allSatisfy { $0.text.hasPrefix("Request \(code) has an answer: On the 10th, 8 to 11 a.m.") })
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action == "outbox_opt_in").count() == 1)
        }
    }

    /// A decision signed for a person tells their household by SMS, with the amount and the first
    /// month, never the category; a household without a phone gets nothing queued.
    @Test(arguments: TestDatabase.all)
    func aSignedDecisionIsToldToTheHousehold(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let people = try await demoRecipients(store, count: 2)
            let home = try await HouseholdModel.find(
                try await MembershipModel.query(on: store.db).filter(\.$personID == people[0]).first()!.householdID, on: store.db)!
            home.phone = "0912 000 901"
            try await home.save(on: store.db)
            var ids: [UUID] = []
            for (i, p) in people.enumerated() { ids.append(try await grantAllowance(store, p, number: "B\(i)/QĐ")) }
            let sent = try await OutboxMessageModel.query(on: store.db).filter(\.$sourceKind == "allowance_decision").all()
            #expect(sent.count == 1 && sent[0].sourceID == ids[0] && sent[0].recipient == "0912000901")
            let d = try await AllowanceDecisionModel.find(ids[0], on: store.db)!
            #expect(d.monthlyAmount > 0)
            #expect(
                sent[0].text.hasPrefix(
                    "UBND đã ký Quyết định B0/QĐ: Người nhận 0 được hưởng Trợ cấp xã hội hằng tháng hoặc trợ cấp hưu trí xã hội, \(Dong(d.monthlyAmount).formatted(.vi)) mỗi tháng, từ tháng \(String(format: "%02d/%04d", YearMonth(iso: d.effectiveMonth)!.month, YearMonth(iso: d.effectiveMonth)!.year))."
                ))
            #expect(!sent[0].text.contains("khuyết tật") && !sent[0].text.contains("D20"))
        }
    }

    /// Photos and scans sent with a request: only JPEG, PNG or PDF by their bytes, at most three,
    /// sealed in the database, listed and opened by the ward's officers (the read audited), never
    /// by another unit's staff.
    @Test(arguments: TestDatabase.all)
    func filesSentWithARequestAreCheckedSealedAndOpenedByTheWard(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: UInt8(7), count: 300))
            let pdf = Data("%PDF-1.4\n% giấy xác nhận\n".utf8)
            func body(_ files: [(String, Data)]) -> String {
                let list = files.map { #"{"name": "\#($0.0)", "content_base64": "\#($0.1.base64EncodedString())"}"# }.joined(separator: ",")
                return
                    #"{"kind": "hardship_report", "unit": "00364", "text": "Mái nhà bà Tư bị tốc sau bão.", "name": "Lê Văn Sơn", "phone": "0912000333", "attachments": [\#(list)]}"#
            }
            let bad = try await apiRequest(
                app, .POST, "/api/v1/public/requests", token: nil, json: body([("mai-nha.png", png), ("ghi-chu.txt", Data("chỉ là chữ".utf8))]))
            #expect(bad.status == .unprocessableEntity && String(buffer: bad.body).contains("ghi-chu.txt"))
            let four = try await apiRequest(app, .POST, "/api/v1/public/requests", token: nil, json: body(Array(repeating: ("a.png", png), count: 4)))
            #expect(four.status == .unprocessableEntity)
            #expect(try await PublicRequestModel.query(on: store.db).count() == 0)
            #expect(try await PublicRequestFileModel.query(on: store.db).count() == 0)
            let sent = try await apiRequest(app, .POST, "/api/v1/public/requests", token: nil, json: body([("mai-nha.png", png), ("xac-nhan.pdf", pdf)]))
            #expect(sent.status == .created)
            // Sealed at rest.
            let raw = try await (store.db as! any SQLDatabase).select().column("data").from("public_request_files").all()
                .map { try $0.decode(column: "data", as: Data.self) }
            #expect(raw.count == 2 && !raw.contains(png) && !raw.contains(pdf))

            let token = try await apiToken(store, "canbo.khuongdinh")
            let id = (jsonObject(try await apiRequest(app, .GET, "/api/v1/requests", token: token))["items"] as! [[String: Any]])[0]["id"] as! String
            let files = jsonArray(try await apiRequest(app, .GET, "/api/v1/requests/\(id)/files", token: token))
            #expect(files.map { $0["file_name"] as? String } == ["mai-nha.png", "xac-nhan.pdf"] && files.map { $0["size"] as? Int } == [png.count, pdf.count])
            let photo = files[0]["id"] as! String
            let opened = try await apiRequest(app, .GET, "/api/v1/request-files/\(photo)", token: token)
            #expect(opened.status == .ok && opened.headers.contentType?.description == "image/png" && Data(buffer: opened.body) == png)
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action == "request_file_read").count() == 1)
            // The request's page links them; the centre's staff reach neither the list nor a file
            // of a request not forwarded to them (`CentreForwardTests`).
            let browser = TestBrowser(app)
            try await browser.login("canbo.khuongdinh")
            try await browser.get("/requests/\(id)")
            #expect(browser.lastBody.contains("/requests/files/\(photo)") && browser.lastBody.contains("xac-nhan.pdf"))
            let centre = try await apiToken(store, "ctxh.quangninh")
            #expect(try await apiRequest(app, .GET, "/api/v1/request-files/\(photo)", token: centre).status == .notFound)
            #expect(try await apiRequest(app, .GET, "/api/v1/requests/\(id)/files", token: centre).status == .forbidden)
        }
    }

    @Test func emailAddressesAreCheckedAsTyped() {
        #expect(EmailAddress.normalise(" Lan.Vu@Example.VN ") == "Lan.Vu@example.vn")
        #expect(EmailAddress.normalise("phuong+yc@khuongdinh.gov.vn") == "phuong+yc@khuongdinh.gov.vn")
        for bad in ["", "lan", "lan@", "@x.vn", "lan@@x.vn", "lan@x", "lan vu@x.vn", "lan@x.vn\r\nBcc: a@b.vn", "<lan@x.vn>", "lan@-x.vn", "lan@x..vn"] {
            #expect(EmailAddress.normalise(bad) == nil, "\(bad)")
        }
        #expect(EmailAddress.normalise(String(repeating: "a", count: 65) + "@x.vn") == nil)
    }

    /// The email as it goes after DATA: UTF-8 subject as encoded words, base64 body, CRLF lines
    /// of at most 78 characters, the message's id as its Message-ID.
    @Test func anEmailIsWrittenAsTheStandardsSay() throws {
        let id = UUID()
        let text = "Phường đã nhận yêu cầu của bạn. Mã tra cứu: YC-ABCDE-12345.\n— UBND Phường Khương Đình"
        let raw = SMTPClient.message(
            .init(
                from: "phuong@khuongdinh.gov.vn", to: "lan@example.vn", subject: "Thông báo của Phường Khương Đình", text: text, messageID: id,
                date: Date(timeIntervalSince1970: 1_790_000_000)))
        let lines = raw.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.count <= 78 } && !raw.contains("\r\n.\r\n"))
        #expect(lines.contains("Message-ID: <\(id.uuidString.lowercased())@khuongdinh.gov.vn>") && lines.contains("Content-Transfer-Encoding: base64"))
        #expect(lines.contains { $0.hasPrefix("Date: ") && $0.hasSuffix(" +0700") })
        // The subject's words, decoded and joined, are the subject.
        let subjectLines = lines.drop { !$0.hasPrefix("Subject: ") }.prefix { $0.hasPrefix("Subject: ") || $0.hasPrefix(" ") }
        let words = subjectLines.map { $0.replacingOccurrences(of: "Subject: ", with: "").trimmingCharacters(in: .whitespaces) }
        let subject = words.map { w -> String in
            #expect(w.hasPrefix("=?UTF-8?B?") && w.hasSuffix("?=") && w.count <= 75)
            return String(decoding: Data(base64Encoded: String(w.dropFirst(10).dropLast(2)))!, as: UTF8.self)
        }.joined()
        #expect(subject == "Thông báo của Phường Khương Đình")
        let body = lines.drop { !$0.isEmpty }.dropFirst().joined()
        #expect(String(decoding: Data(base64Encoded: body)!, as: UTF8.self) == text.replacingOccurrences(of: "\n", with: "\r\n"))
    }
}
