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

    /// A payment-day notice to everyone paid in cash at the ward this month, and a notice to
    /// households named by their codes: each reaches exactly those households' phones, and the
    /// public pages count the named households without naming them.
    @Test(arguments: TestDatabase.all)
    func anAnnouncementReachesThosePaidThisMonthOrNamedHouseholds(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            _ = try await DemoData.loadHouseholds(store, today: store.today)
            let officer = try await demoActor(store, "canbo.khuongdinh")
            let ward = try await UnitRepository(store).find(code: "00364")!
            // Two people with a monthly allowance paid in cash at the ward, in households with a
            // phone; the other households' phones are not among them.
            let people = try await demoRecipients(store, count: 2)
            var paidPhones: Set<String> = []
            for (i, p) in people.enumerated() {
                try await grantAllowance(store, p, number: "A\(i)/QĐ")
                let home = try await HouseholdModel.find(
                    try await MembershipModel.query(on: store.db).filter(\.$personID == p).first()!.householdID, on: store.db)!
                home.phone = "091200080\(i)"
                try await home.save(on: store.db)
                paidPhones.insert(home.phone!)
            }
            _ = try await PayrollRepository(store).generate(officer, communeID: ward.id, month: store.today.yearMonth)
            let repo = AnnouncementRepository(store)
            var input = AnnouncementInput()
            input.unitCode = "00364"; input.kind = "payment_day"; input.title = "Chi trả trợ cấp tháng này"
            input.body = "Chi trả tiền mặt ngày 10 tại nhà văn hóa."; input.until = store.today.adding(days: 5).iso; input.notify = true
            input.audience = "paid_this_month"
            let paid = try await repo.create(officer, input, today: store.today)
            try await repo.take(officer, id: paid, .publish)
            let sent = try await OutboxMessageModel.query(on: store.db).filter(\.$sourceID == paid).all()
            #expect(Set(sent.map(\.recipient)) == paidPhones && sent.count == paidPhones.count)

            // Named households: unknown codes are named back; the known ones get the message.
            let two = try await HouseholdModel.query(on: store.db).filter(\.$communeID == ward.id).filter(\.$status == "active").filter(\.$phone != nil)
                .sort(\.$code).range(0..<2).all()
            #expect(two.count == 2)
            let token = try await apiToken(store, "canbo.khuongdinh")
            let unknown = try await apiRequest(
                app, .POST, "/api/v1/announcements", token: token,
                json:
                    #"{"unit":"00364","kind":"campaign","title":"Nhận quà","body":"Mời gia đình nhận quà Tết.","until":"\#(store.today.adding(days: 5).iso)","audience":"households","households":["\#(two[0].code)","KHONG-CO"],"notify":true}"#
            )
            #expect(unknown.status == .unprocessableEntity && String(buffer: unknown.body).contains("KHONG-CO"))
            let named = try await apiRequest(
                app, .POST, "/api/v1/announcements", token: token,
                json:
                    #"{"unit":"00364","kind":"campaign","title":"Nhận quà","body":"Mời gia đình nhận quà Tết.","until":"\#(store.today.adding(days: 5).iso)","audience":"households","households":["\#(two[0].code)","\#(two[1].code)"],"notify":true}"#
            )
            #expect(named.status == .created && jsonObject(named)["households"] as? [String] == two.map(\.code).sorted())
            let id = jsonObject(named)["id"] as! String
            let published = try await apiRequest(app, .POST, "/api/v1/announcements/\(id)/publish", token: token)
            #expect(jsonObject(published)["notified"] as? Int == Set(two.compactMap { $0.phone.flatMap(PhoneNumber.normalise) }).count)
            let toNamed = try await OutboxMessageModel.query(on: store.db).filter(\.$sourceID == UUID(uuidString: id)!).all()
            #expect(Set(toNamed.map(\.recipient)) == Set(two.compactMap { $0.phone.flatMap(PhoneNumber.normalise) }))
            // The public list counts them and never shows their codes.
            let list = try await apiRequest(app, .GET, "/api/v1/public/announcements?ward=00364", token: nil)
            #expect(!String(buffer: list.body).contains(two[0].code) && !String(buffer: list.body).contains("\"households\":["))
            let page = try await apiRequest(app, .GET, "/public/announcements?ward=00364", token: nil)
            #expect(String(buffer: page.body).contains("2 hộ được báo riêng") && !String(buffer: page.body).contains(two[0].code))
            #expect(String(buffer: page.body).contains("Người nhận trợ cấp bằng tiền mặt tại phường trong tháng"))
        }
    }
}
