import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

/// Announcements: drafted for a ward or some residential groups, published on the public pages
/// (and printable) until their last day, sent through the outbox to the audience's households
/// with a phone, withdrawn.
@Suite("Announcements")
struct AnnouncementTests {
    @Test(arguments: TestDatabase.all)
    func anAnnouncementReachesItsGroupsAndThePublicPages(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            _ = try await DemoData.loadHouseholds(store, today: store.today)
            let officer = try await demoActor(store, "canbo.khuongdinh")
            let repo = AnnouncementRepository(store)
            let today = store.today
            var bad = AnnouncementInput()
            bad.unitCode = "00364"; bad.kind = "rumour"; bad.title = " "; bad.body = "x"; bad.groups = ["00364-TDP99"]; bad.until = "2020-01-01"
            await #expect(throws: AppError.self) { try await repo.create(officer, bad, today: today) }
            do { _ = try await repo.create(officer, bad, today: today) } catch AppError.validation(let errors) {
                #expect(Set(errors.map(\.field)) == ["kind", "title", "groups", "until"])
            }
            #expect(try await AnnouncementModel.query(on: store.db).count() == 0)

            var input = AnnouncementInput()
            input.unitCode = "00364"; input.kind = "payment_day"; input.title = "Lịch chi trả trợ cấp tháng 12"
            input.body = "Chi trả ngày 10/12 tại nhà văn hóa tổ dân phố 1, mang theo căn cước."; input.groups = ["00364-TDP01"]
            input.until = today.adding(days: 10).iso; input.notify = true
            let id = try await repo.create(officer, input, today: today)
            // A draft is not public.
            #expect(try await apiRequest(app, .GET, "/public/announcements/\(id.uuidString)", token: nil).status == .notFound)
            let group = try await UnitRepository(store).find(code: "00364-TDP01")!.id
            let phones = Set(
                try await HouseholdModel.query(on: store.db).filter(\.$groupID == group).filter(\.$status == "active").all()
                    .compactMap { $0.phone.flatMap(PhoneNumber.normalise) })
            #expect(!phones.isEmpty)
            try await repo.take(officer, id: id, .publish)
            let sent = try await OutboxMessageModel.query(on: store.db).filter(\.$sourceID == id).all()
            #expect(Set(sent.map(\.recipient)) == phones && sent.count == phones.count)
            #expect(sent.allSatisfy { $0.text.hasPrefix("Lịch chi trả trợ cấp tháng 12: Chi trả ngày 10/12") && $0.state == "pending" })
            #expect(try await repo.get(officer, id: id).notified == phones.count)
            // Public: the list (of the ward, and of all), the printable notice, the API.
            let page = try await apiRequest(app, .GET, "/public/announcements?ward=00364", token: nil)
            #expect(page.status == .ok && String(buffer: page.body).contains("Lịch chi trả trợ cấp tháng 12"))
            #expect(String(buffer: page.body).contains("Phường Khương Đình — Tổ dân phố 1"))
            let notice = try await apiRequest(app, .GET, "/public/announcements/\(id.uuidString)", token: nil)
            #expect(notice.status == .ok && String(buffer: notice.body).contains("THÔNG BÁO — Phường Khương Đình"))
            let api = jsonArray(try await apiRequest(app, .GET, "/api/v1/public/announcements?ward=00364", token: nil))
            #expect(api.count == 1 && api[0]["groups"] as? [String] == ["Tổ dân phố 1"] && api[0]["notified"] as? Int == phones.count)
            #expect(jsonArray(try await apiRequest(app, .GET, "/api/v1/public/announcements?ward=22", token: nil)).isEmpty)
            // Published twice: refused; withdrawn: gone from the public pages.
            await #expect(throws: AppError.self) { try await repo.take(officer, id: id, .publish) }
            try await repo.take(officer, id: id, .withdraw)
            #expect(try await apiRequest(app, .GET, "/public/announcements/\(id.uuidString)", token: nil).status == .notFound)
            #expect(try await repo.current(wardCode: nil, today: today).isEmpty)
            // The centre's staff do not handle the ward's announcements.
            let centre = try await demoActor(store, "ctxh.quangninh")
            await #expect(throws: AppError.forbidden) { try await repo.get(centre, id: id) }
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$entity == "announcement").count() == 3)
        }
    }
}
