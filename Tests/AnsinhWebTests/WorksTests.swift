import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import AnsinhWeb

/// Living-conditions works: a proposal with its place on the map, the chairman's approval, the
/// state budget and the residents' contributions through a fund's books, the diary, photos,
/// completion and handover, the register's export and the ward report.
@Suite("Living-conditions works")
struct WorksTests {
    @Test(arguments: TestDatabase.all)
    func aWorkIsProposedFundedBuiltAndHandedOver(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let officer = try await demoActor(store, "canbo.khuongdinh"), leader = try await demoActor(store, "lanhdao.khuongdinh")
            let repo = WorksRepository(store), today = store.today
            let token = try await apiToken(store, "canbo.khuongdinh"), chair = try await apiToken(store, "lanhdao.khuongdinh")

            // Every wrong field is named at once, and nothing is stored.
            var bad = WorkInput()
            bad.unitCode = "99999"; bad.kind = "bridge"; bad.title = " "; bad.coordinates = "48.85, 2.35"; bad.origin = "resident_request"
            bad.requestCode = "XYZ"; bad.estimate = -1
            do {
                _ = try await repo.propose(officer, bad, today: today)
                Issue.record("accepted")
            } catch AppError.validation(let errors) {
                #expect(Set(errors.map(\.field)) == ["unit", "kind", "title", "location", "need", "coordinates", "estimate", "request_code"])
            }
            #expect(try await WorkModel.query(on: store.db).count() == 0)

            var res = try await apiRequest(
                app, .POST, "/api/v1/works", token: token,
                json:
                    #"{"unit":"00364","group":"00364-TDP01","kind":"lighting","title":"Đèn ngõ <211>","location":"Ngõ 211","coordinates":"20.99615, 105.81892","need":"Ngõ tối","origin":"group_meeting","estimate":60000000}"#
            )
            #expect(res.status == .created)
            let work = jsonObject(res)["work"] as! [String: Any]
            let id = UUID(uuidString: work["id"] as! String)!
            #expect(work["status"] as? String == "proposed" && work["group"] as? String == "Tổ dân phố 1" && work["actions"] as? [String] == ["cancel"])

            // The chairman approves; the officer may not.
            #expect(try await apiRequest(app, .POST, "/api/v1/works/\(id)/approve", token: token, json: #"{"decision":"1/QĐ"}"#).status == .forbidden)
            res = try await apiRequest(app, .POST, "/api/v1/works/\(id)/approve", token: chair, json: #"{"decision":"12/QĐ-UBND"}"#)
            #expect((jsonObject(res)["work"] as! [String: Any])["status"] as? String == "approved")

            // The state budget, and the residents' part through a fund's books.
            res = try await apiRequest(
                app, .POST, "/api/v1/works/\(id)/budget", token: token, json: #"{"amount":30000000,"decision":"12/QĐ-UBND","day":"\#(today.iso)"}"#)
            #expect(res.status == .created && (jsonObject(res)["work"] as! [String: Any])["budget"] as? Int == 30_000_000)
            let funds = FundRepository(store)
            var f = FundInput()
            f.name = "Quỹ đèn ngõ"; f.kind = FundKind.campaign.rawValue; f.purpose = "Đóng góp của nhân dân"; f.allowedKinds = ["cash"]
            let fund = try await funds.createFund(officer, f)
            var donor = DonorInput()
            donor.kind = "individual"; donor.name = "Hộ ông Tư"
            var receipt = ReceiptInput()
            receipt.donorID = try await funds.addDonor(officer, donor); receipt.receivedOn = today.iso; receipt.method = "cash_desk";
            receipt.amount = "20.000.000"
            _ = try await funds.recordReceipt(officer, fundID: fund, receipt, today: today)
            var give = DisbursementInput()
            give.kind = "cash"; give.sourceAccount = "cash_desk"; give.amount = "20.000.000"; give.beneficiaryKind = "work"; give.beneficiaryID = id
            give.purpose = "Phần đóng góp của nhân dân"
            try await funds.approve(leader, disbursementID: try await funds.propose(officer, fundID: fund, give, today: today), today: today)
            var file = try await repo.work(officer, id: id)
            #expect(file.work.funds == 20_000_000 && file.money.map(\.source) == ["state_budget", "fund"])

            // Built: a day before the proposal and progress going back are refused.
            var step = WorkStepInput()
            step.date = "2020-01-01"
            await #expect(throws: AppError.validation([FieldError(field: "date", message: Message("works.error.before_proposal"))])) {
                try await repo.step(officer, work: id, .start, step, today: today)
            }
            step.date = today.iso
            try await repo.step(officer, work: id, .start, step, today: today)
            step.percent = 50; step.note = "Đã kéo dây điện"
            try await repo.step(officer, work: id, .progress, step, today: today)
            res = try await apiRequest(
                app, .POST, "/api/v1/works/\(id)/progress", token: token, json: #"{"date":"\#(today.iso)","percent":40,"note":"Lùi"}"#)
            #expect(res.status == .unprocessableEntity && res.body.string.contains("percent"))

            // Photos: a PNG is kept and read back with its type; anything else is refused.
            func upload(_ bytes: Data) async throws -> TestingHTTPResponse {
                var headers = HTTPHeaders()
                headers.bearerAuthorization = BearerAuthorization(token: token)
                headers.contentType = .binary
                return try await app.testing().sendRequest(
                    .POST, "/api/v1/works/\(id)/photos?caption=%C4%90%C3%A8n%20m%E1%BB%9Bi&day=\(today.iso)", headers: headers, body: ByteBuffer(data: bytes))
            }
            let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(repeating: 7, count: 64)
            res = try await upload(png)
            #expect(res.status == .created)
            let photo = ((jsonObject(res)["photos"] as! [[String: Any]])[0]["id"] as! String)
            res = try await upload(Data("<svg onload=alert(1)>".utf8))
            #expect(res.status == .unprocessableEntity && res.body.string.contains("file"))
            res = try await apiRequest(app, .GET, "/api/v1/work-photos/\(photo)", token: token)
            #expect(res.headers.contentType?.description == "image/png" && Data(buffer: res.body) == png)

            step.date = today.iso
            try await repo.step(officer, work: id, .complete, step, today: today)
            res = try await apiRequest(app, .POST, "/api/v1/works/\(id)/hand_over", token: token, json: #"{"date":"\#(today.iso)"}"#)
            #expect(res.status == .unprocessableEntity && res.body.string.contains("handed_to"))
            step.handedTo = "Tổ dân phố 1"
            try await repo.step(officer, work: id, .handOver, step, today: today)
            file = try await repo.work(officer, id: id)
            #expect(file.work.status == .handedOver && file.work.percent == 100 && file.diary.count == 1 && file.photos.count == 1)
            // Nothing more is given to a work handed over.
            await #expect(throws: AppError.self) { _ = try await funds.propose(officer, fundID: fund, give, today: today) }

            // The ward report counts it; the pages show it, with its place on the map.
            let report = jsonObject(try await apiRequest(app, .GET, "/api/v1/reports/ward?unit=00364&year=\(today.year)", token: chair))
            #expect(report["works_completed"] as? [String: Int] == ["lighting": 1])
            let browser = TestBrowser(app)
            try await browser.login("canbo.khuongdinh")
            var page = try await browser.get("/works")
            #expect(page.body.string.contains("Đèn ngõ &lt;211&gt;") && page.body.string.contains("<circle"))
            page = try await browser.get("/works/\(id)")
            #expect(page.body.string.contains("12/QĐ-UBND") && page.body.string.contains("20.000.000") && page.body.string.contains("/works/photos/\(photo)"))
            let csv = try await browser.get("/works/export?format=csv&group=00364-TDP01").body.string
            #expect(csv.contains("Đèn ngõ <211>") && csv.contains("60000000") && csv.contains("handed_over"))
            page = try await browser.get("/works?kind=%3Cb%3E")
            #expect(page.status == .unprocessableEntity && !page.body.string.contains("<b>"))
            // A form's upload of anything but a photo leaves the work as it was.
            let sent = try await browser.upload("/works/\(id)/photos", fileName: "a.csv", content: "a,b", fields: [("caption", "x"), ("day", today.iso)])
            let kept = try await repo.work(officer, id: id).photos.count
            #expect(sent.status == .seeOther && kept == 1)
            // The centre sees none of it.
            #expect(try await apiRequest(app, .GET, "/api/v1/works", token: try await apiToken(store, "ctxh.quangninh")).status == .forbidden)
        }
    }

    /// A policy family's house surveyed as damaged is repaired: proposed for that household only,
    /// funded from the Gratitude Fund through its books, built by a named contractor, handed
    /// over to the family — and the list of policy families' houses shows it sound.
    @Test(arguments: TestDatabase.all)
    func aGratitudeHouseIsRepairedForAPolicyFamily(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let officer = try await demoActor(store, "canbo.khuongdinh"), leader = try await demoActor(store, "lanhdao.khuongdinh")
            let repo = WorksRepository(store), today = store.today
            _ = try await DemoData.loadHouseholds(store, today: today)
            let homes = try await store.scoped(HouseholdModel.self, officer).sort(\.$code).limit(2).all()
            let head = try await MembershipModel.query(on: store.db).filter(\.$householdID == homes[0].id!).filter(\.$role == MemberRole.head.rawValue)
                .filter(\.$endDate == nil).first()!.personID
            _ = try await GiftCampaignRepository(store).addMerit(
                officer, personID: head, category: "war_invalid", detail: "Hạng 2/4, 61%", since: "1976-01-01", document: "123/QĐ-LĐTBXH", today: today)
            // Another household (no one on the merit records), or no condition: refused, nothing stored.
            var bad = WorkInput()
            bad.unitCode = "00364"; bad.kind = "gratitude_house"; bad.title = "Sửa nhà"; bad.location = "Số 5"; bad.need = "Dột"; bad.origin = "ward_plan"
            bad.estimate = 40_000_000; bad.householdCode = homes[1].code; bad.houseCondition = "sound"
            do {
                _ = try await repo.propose(officer, bad, today: today)
                Issue.record("accepted")
            } catch AppError.validation(let errors) {
                #expect(Set(errors.map(\.field)) == ["household_code", "house_condition"])
            }
            #expect(try await WorkModel.query(on: store.db).count() == 0)
            let houses = try await repo.policyHouses(officer)
            #expect(houses.map(\.householdCode) == [homes[0].code] && houses[0].condition == nil && houses[0].categories == [.warInvalid])

            let token = try await apiToken(store, "canbo.khuongdinh")
            let res = try await apiRequest(
                app, .POST, "/api/v1/works", token: token,
                json:
                    #"{"unit":"00364","kind":"gratitude_house","title":"Sửa mái nhà tình nghĩa","location":"Nhà ông Chủ","need":"Mái dột, nền lún","origin":"ward_plan","estimate":40000000,"household_code":"\#(homes[0].code)","house_condition":"damaged"}"#
            )
            #expect(res.status == .created)
            let work = jsonObject(res)["work"] as! [String: Any]
            #expect(work["household_code"] as? String == homes[0].code && work["house_condition"] as? String == "damaged")
            let id = UUID(uuidString: work["id"] as! String)!
            var step = WorkStepInput()
            step.decision = "45/QĐ-UBND"
            try await repo.step(leader, work: id, .approve, step, today: today)
            // The Gratitude Fund pays the repair through its books.
            let funds = FundRepository(store)
            var f = FundInput()
            f.name = "Quỹ Đền ơn đáp nghĩa"; f.kind = "gratitude"; f.purpose = "Sửa nhà tình nghĩa"; f.allowedKinds = ["house_repair"]
            let fund = try await funds.createFund(officer, f)
            var gift = ReceiptInput()
            gift.receivedOn = today.iso; gift.method = "bank"; gift.amount = "50.000.000"
            _ = try await funds.recordReceipt(officer, fundID: fund, gift, today: today)
            var give = DisbursementInput()
            give.kind = "house_repair"; give.sourceAccount = "bank"; give.amount = "40.000.000"; give.beneficiaryKind = "work"; give.beneficiaryID = id
            give.purpose = "Sửa mái, nền"
            try await funds.approve(leader, disbursementID: try await funds.propose(officer, fundID: fund, give, today: today), today: today)
            #expect(try await repo.work(officer, id: id).work.funds == 40_000_000)
            // Built by a named contractor, handed over to the family.
            step.date = today.iso
            await #expect(throws: AppError.invalid("contractor", "validation.required")) { try await repo.step(officer, work: id, .start, step, today: today) }
            step.contractor = "Tổ thợ xây Khương Đình"
            try await repo.step(officer, work: id, .start, step, today: today)
            try await repo.step(officer, work: id, .complete, step, today: today)
            step.handedTo = "Ông chủ hộ, đã ký biên bản nghiệm thu"
            try await repo.step(officer, work: id, .handOver, step, today: today)
            let done = try await repo.work(officer, id: id).work
            #expect(done.contractor == "Tổ thợ xây Khương Đình" && done.houseCondition == .damaged && done.status == .handedOver)
            let after = try await repo.policyHouses(officer)
            #expect(after[0].condition == .sound && after[0].repairedOn == today.iso && after[0].workID == id)
            let sound = try await apiRequest(app, .GET, "/api/v1/gratitude-houses?condition=sound", token: token)
            let rows = (try? JSONSerialization.jsonObject(with: Data(buffer: sound.body))) as? [[String: Any]] ?? []
            #expect(rows.count == 1 && rows[0]["household_code"] as? String == homes[0].code && rows[0]["merit_categories"] as? [String] == ["war_invalid"])
            #expect(try await apiRequest(app, .GET, "/api/v1/gratitude-houses?condition=unsafe", token: token).body.string == "[]")
            let browser = TestBrowser(app)
            try await browser.login("canbo.khuongdinh")
            let page = try await browser.get("/works/gratitude-houses")
            #expect(page.status == .ok && page.body.string.contains(homes[0].code) && page.body.string.contains("Bảo đảm"))
            #expect(page.body.string.contains("Thương binh"))
        }
    }
}
