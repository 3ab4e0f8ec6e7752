import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

/// The breach log (Law 91/2025/QH15; Decree 356/2025): a breach recorded with the report due 72
/// hours after it was found, overdue marked and reminded, handled step by step, scoped to the
/// unit, audited without the persons' names.
@Suite("Personal-data breach log")
struct BreachTests {
    static let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    static func localTime(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX"); f.timeZone = zone; f.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return f.string(from: d)
    }

    static func input(foundAt: Date?, persons: String = "40") -> BreachInput {
        var i = BreachInput()
        i.summary = "Danh sách hộ nghèo gửi nhầm nhóm Zalo"; i.foundAt = foundAt; i.description = "Tệp gửi nhầm vào nhóm tổ dân phố"
        i.dataAffected = "Họ tên, số định danh của 40 hộ"; i.classes = ["hiv"]; i.personsAffected = persons; i.measures = "Đã thu hồi tin nhắn"
        return i
    }

    @Test(arguments: TestDatabase.all)
    func aBreachIsRecordedReportedAndClosed(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let leader = try await demoActor(store, "lanhdao.khuongdinh")
            let repo = BreachRepository(store)
            let now = store.now()
            // Bad values: each field named, nothing written.
            var bad = Self.input(foundAt: now.addingTimeInterval(7200), persons: "-1")
            bad.classes = ["politics"]; bad.summary = " "
            await #expect(
                throws: AppError.validation([
                    FieldError(field: "summary", message: Message("validation.required_text", ["max": "200"])),
                    FieldError(field: "found_at", message: Message("breach.error.found_at")),
                    FieldError(field: "classes", message: Message("validation.choice")),
                    FieldError(field: "persons_affected", message: Message("validation.range", ["min": "0", "max": "100000000"])),
                ])
            ) { _ = try await repo.record(leader, bad) }
            #expect(try await BreachModel.query(on: store.db).count() == 0)
            // The ward officer does not handle breaches.
            await #expect(throws: AppError.forbidden) {
                _ = try await repo.record(try await demoActor(store, "canbo.khuongdinh"), Self.input(foundAt: now))
            }

            let found = now.addingTimeInterval(-2 * 3600)
            let id = try await repo.record(leader, Self.input(foundAt: found))
            var b = try await repo.get(leader, id)
            #expect(b.status == .open && !b.overdue && b.classes == [.hiv] && b.personsAffected == 40)
            #expect(Self.localTime(b.reportDueAt) == Self.localTime(found.addingTimeInterval(72 * 3600)))
            #expect(b.steps.map(\.kind) == ["found", "add_measure"])
            #expect(try await repo.awaitingReport(leader).map(\.id) == [id])

            // Steps: each needs its text; out of order is refused by state.
            await #expect(
                throws: AppError.validation([FieldError(field: "authority_reference", message: Message("validation.required"))])
            ) { try await repo.take(leader, id: id, .report, text: " ") }
            await #expect(throws: AppError.conflict(Message("breach.error.state", ["status": "@breach.status.open"]))) {
                try await repo.take(leader, id: id, .close, text: "Xong")
            }
            try await repo.take(leader, id: id, .report, text: "Công văn 12/UBND gửi A05")
            try await repo.take(leader, id: id, .notifyPersons, text: "Gọi điện cho 40 hộ")
            await #expect(throws: AppError.conflict(Message("breach.error.state", ["status": "@breach.status.reported"]))) {
                try await repo.take(leader, id: id, .dismiss, text: "Không phải")
            }
            try await repo.take(leader, id: id, .close, text: "Đã khắc phục, tập huấn lại")
            b = try await repo.get(leader, id)
            #expect(b.status == .closed && b.authorityReference == "Công văn 12/UBND gửi A05" && b.personsNotifiedAt != nil)
            #expect(b.outcome == "Đã khắc phục, tập huấn lại")
            #expect(b.steps.map(\.kind) == ["found", "add_measure", "report", "notify_persons", "close"])
            #expect(try await repo.awaitingReport(leader).isEmpty)
            let actions = try await AuditEntryModel.query(on: store.db).filter(\.$entityID == id.uuidString).sort(\.$atMillis).all().map(\.action)
            #expect(actions == ["breach_record", "breach_report", "breach_notify_persons", "breach_close"])

            // Found 80 hours ago and not reported: overdue, first in the reminder.
            let late = try await repo.record(leader, Self.input(foundAt: now.addingTimeInterval(-80 * 3600)))
            #expect(try await repo.get(leader, late).overdue)
            #expect(try await repo.awaitingReport(leader).map(\.id) == [late])
            // The auditor reads the log but is not reminded; the accountant does not read it;
            // the centre does not see the ward's.
            let auditor = try await demoActor(store, "kiemtoan")
            #expect(try await repo.list(auditor, status: nil, page: PageSpec(page: 1, perPage: 20)).total == 2)
            #expect(try await repo.awaitingReport(auditor).isEmpty)
            await #expect(throws: AppError.forbidden) {
                _ = try await repo.list(try await demoActor(store, "ketoan.khuongdinh"), status: nil, page: PageSpec(page: 1, perPage: 20))
            }
            let centre = try await demoActor(store, "giamdoc.quangninh")
            #expect(try await repo.list(centre, status: nil, page: PageSpec(page: 1, perPage: 20)).total == 0)
            await #expect(throws: AppError.notFound) { _ = try await repo.get(centre, late) }
            #expect(try await repo.list(leader, status: .closed, page: PageSpec(page: 1, perPage: 20)).items.map(\.id) == [id])
        }
    }

    /// The pages and the API: the form records, the list and the home page remind, the API
    /// twin takes the same steps.
    @Test(arguments: TestDatabase.all)
    func pagesAndAPI(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let leader = try await demoActor(store, "lanhdao.khuongdinh")
            let late = try await BreachRepository(store).record(
                leader, Self.input(foundAt: store.now().addingTimeInterval(-73 * 3600)))
            // The public notice needs no account; every record page closes with its note.
            let anonymous = try await TestBrowser(app).get("/public/privacy")
            #expect(anonymous.status == .ok)
            for k in ProcessingKind.allCases {
                #expect(anonymous.body.string.contains("id=\"\(k.rawValue)\""))
                #expect(anonymous.body.string.contains(MessageCatalogue.shared.text(Message("privacy.purpose.\(k.rawValue)"), .vi)))
            }
            #expect(anonymous.body.string.contains("Căn cứ: sự đồng ý (the parents"))
            #expect(anonymous.body.string.contains("trong 72 giờ") && anonymous.body.string.contains("trong 15 ngày"))
            let browser = TestBrowser(app)
            try await browser.login("lanhdao.khuongdinh")
            let person = try await demoRecipients(store, count: 1)[0]
            let personPage = try await browser.get("/registry/persons/\(person.uuidString)")
            #expect(personPage.body.string.contains("Vì sao lưu dữ liệu này:"))
            #expect(personPage.body.string.contains("Căn cứ: nghĩa vụ pháp lý theo Decree 20/2021/NĐ-CP"))
            #expect(personPage.body.string.contains("href=\"/public/privacy#registry\""))
            var res = try await browser.get("/")
            #expect(res.status == .ok)
            #expect(res.body.string.contains("1 sự cố dữ liệu chưa báo cáo cơ quan chức năng"))
            #expect(res.body.string.contains("/admin/breaches/\(late.uuidString)"))
            res = try await browser.get("/admin/breaches?status=open")
            #expect(res.status == .ok)
            #expect(res.body.string.contains("Danh sách hộ nghèo gửi nhầm nhóm Zalo") && res.body.string.contains("badge-overdue"))
            res = try await browser.get("/admin/breaches?status=%3Cb%3E")
            #expect(res.status == .badRequest || res.status == .unprocessableEntity)
            #expect(!res.body.string.contains("<b>"))
            // The form records a breach and shows it; a step taken from its page.
            res = try await browser.post(
                "/admin/breaches",
                [
                    ("summary", "Tài khoản bị lộ mật khẩu"), ("found_at", Self.localTime(store.now())), ("description", "Mật khẩu dán trên màn hình"),
                    ("data_affected", "Toàn bộ sổ hộ"), ("classes[]", "health"), ("classes[]", "hiv"), ("persons_affected", "1200"), ("measures", ""),
                ])
            #expect(res.status == .seeOther)
            let page = res.headers.first(name: .location) ?? ""
            #expect(page.hasPrefix("/admin/breaches/"))
            res = try await browser.get(page)
            #expect(res.body.string.contains("Tài khoản bị lộ mật khẩu") && res.body.string.contains("1.200"))
            res = try await browser.post(page + "/step", [("step", "add_measure"), ("text", "Đổi mật khẩu toàn bộ")])
            #expect(res.status == .seeOther)
            res = try await browser.get(page)
            #expect(res.body.string.contains("Đổi mật khẩu toàn bộ"))

            let token = try await apiToken(store, "lanhdao.khuongdinh")
            res = try await apiRequest(
                app, .POST, "/api/v1/breaches", token: token,
                json:
                    #"{"summary":"Máy tính bị mất","found_at":"\#(Self.localTime(store.now()))","description":"Mất máy tại trụ sở","data_affected":"Hồ sơ trợ cấp","classes":["health"],"persons_affected":3}"#
            )
            #expect(res.status == .created)
            let o = jsonObject(res)
            #expect(o["status"] as? String == "open" && o["persons_affected"] as? Int == 3 && o["classes"] as? [String] == ["health"])
            let created = o["id"] as? String ?? ""
            res = try await apiRequest(app, .POST, "/api/v1/breaches/\(created)/report", token: token, json: #"{"text":"Số 5/BC"}"#)
            #expect(res.status == .ok && jsonObject(res)["status"] as? String == "reported")
            res = try await apiRequest(
                app, .POST, "/api/v1/breaches", token: token,
                json: #"{"summary":"x","found_at":null,"description":"x","data_affected":"x","persons_affected":1}"#)
            #expect(res.status == .unprocessableEntity)
            #expect(try await BreachModel.query(on: store.db).count() == 3)
        }
    }
}
