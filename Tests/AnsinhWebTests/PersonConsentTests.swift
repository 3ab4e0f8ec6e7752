import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import AnsinhWeb

/// Consents outside a case (Law 91/2025/QH15): recorded by who gave them, read by the fund's
/// report to its donors — which names a beneficiary only with a consent in force for any
/// recipient or for that fund — and honoured from the day of withdrawal.
@Suite("Person consents and the report to donors")
struct PersonConsentTests {
    @Test(arguments: TestDatabase.all)
    func aBeneficiaryIsNamedToDonorsOnlyWhileTheyConsent(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            _ = try await DemoData.loadFunds(store)
            let fund = try await FundModel.query(on: store.db).filter(\.$kind == "for_the_poor").first()!
            let officerActor = try await demoActor(store, "canbo.khuongdinh"), chairman = try await demoActor(store, "lanhdao.khuongdinh")
            // Two scholarships this year to two persons of the ward, proposed and approved.
            let people = try await demoRecipients(store, count: 2)
            for p in people {
                var i = DisbursementInput()
                i.kind = DisbursementKind.scholarship.rawValue; i.sourceAccount = LedgerAccount.bank.rawValue; i.amount = "2.000.000"
                i.beneficiaryKind = BeneficiaryKind.person.rawValue; i.beneficiaryID = p; i.purpose = "Học bổng năm học mới"
                let d = try await FundRepository(store).propose(officerActor, fundID: fund.id!, i, today: store.today)
                try await FundRepository(store).approve(chairman, disbursementID: d, today: store.today)
            }
            let manager = try await apiToken(store, "lanhdao.khuongdinh"), worker = try await apiToken(store, "canbo.khuongdinh")
            let outsider = try await apiToken(store, "ctxh.quangninh")
            var res = try await apiRequest(app, .GET, "/api/v1/funds/\(fund.id!)/donor-report?year=1799", token: manager)
            #expect(res.status == .unprocessableEntity)
            let report = "/api/v1/funds/\(fund.id!)/donor-report?year=\(store.today.year)"
            var body = jsonObject(try await apiRequest(app, .GET, report, token: manager))
            #expect(body["total"] as? Int == 4_000_000)
            #expect(body["named"] as? Int == 0)
            #expect(((body["lines"] as? [[String: Any]]) ?? []).allSatisfy { $0["name"] == nil || $0["name"] is NSNull })

            let person = try await PersonModel.find(people[0], on: store.db)!
            let consents = "/api/v1/persons/\(person.id!)/consents"
            // Named errors; the centre's social worker does not reach the ward's person.
            res = try await apiRequest(
                app, .POST, consents, token: worker, json: #"{"purpose":"sell_data","given_by":"nobody","given_by_name":" ","given_on":"2030-01-01"}"#)
            #expect(res.status == .unprocessableEntity)
            #expect(
                Set(((jsonObject(res)["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String })
                    == ["purpose", "given_by", "given_by_name", "given_on"])
            let valid = #"{"purpose":"name_to_donors","given_by":"guardian","given_by_name":"Nguyễn Thị Mai","given_on":"2026-01-10"}"#
            res = try await apiRequest(app, .POST, consents, token: outsider, json: valid)
            #expect(res.status == .notFound)
            // A consent for another fund does not name the person in this one's report.
            res = try await apiRequest(
                app, .POST, consents, token: worker,
                json: #"{"purpose":"name_to_donors","recipient":"Quỹ khác","given_by":"guardian","given_by_name":"Nguyễn Thị Mai","given_on":"2026-01-10"}"#)
            #expect(res.status == .created)
            #expect(jsonObject(try await apiRequest(app, .GET, report, token: manager))["named"] as? Int == 0)
            // One for this fund, its name typed in capitals: named on both of their lines.
            res = try await apiRequest(
                app, .POST, consents, token: worker,
                json:
                    #"{"purpose":"name_to_donors","recipient":"\#(fund.name.uppercased())","given_by":"guardian","given_by_name":"Nguyễn Thị Mai","given_on":"2026-01-10"}"#
            )
            #expect(res.status == .created, "\(res.body.string)")
            let consentID = jsonObject(res)["id"] as! String
            #expect(jsonObject(res)["in_force"] as? Bool == true)
            body = jsonObject(try await apiRequest(app, .GET, report, token: manager))
            #expect(body["named"] as? Int == 1)
            #expect(((body["lines"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String } == [person.fullName])
            let audited = try await AuditEntryModel.query(on: store.db).filter(\.$action == "donor_report").all().compactMap(\.afterJSON)
            #expect(audited.filter { $0.contains(#""named":"1""#) && $0.contains(#""withheld_without_consent":"1""#) }.count == 1)

            // Withdrawn today: not named from today; a second withdrawal or one dated before the consent is refused.
            let withdraw = "/api/v1/person-consents/\(consentID)/withdraw"
            res = try await apiRequest(app, .POST, withdraw, token: worker, json: #"{"on":"2026-01-09","reason":"Người giám hộ rút lại"}"#)
            #expect(res.status == .unprocessableEntity)
            res = try await apiRequest(app, .POST, withdraw, token: worker, json: #"{"on":"\#(store.today.iso)","reason":"Người giám hộ rút lại"}"#)
            #expect(res.status == .ok)
            #expect(jsonObject(res)["in_force"] as? Bool == false)
            #expect(jsonObject(res)["withdrawn_on"] as? String == store.today.iso)
            res = try await apiRequest(app, .POST, withdraw, token: worker, json: #"{"on":"\#(store.today.iso)","reason":"lần nữa"}"#)
            #expect(res.status == .conflict)
            #expect(jsonObject(try await apiRequest(app, .GET, report, token: manager))["named"] as? Int == 0)
            let list = jsonArray(try await apiRequest(app, .GET, consents, token: manager))
            #expect(list.count == 2)
            #expect(list.compactMap { $0["in_force"] as? Bool } == [false, true])

            // The person's own copy of their data holds both consents.
            res = try await apiRequest(app, .GET, "/api/v1/persons/\(person.id!)/data", token: manager)
            let sections = (jsonObject(res)["sections"] as? [[String: Any]]) ?? []
            #expect((sections.first { $0["table"] as? String == "person_consents" }?["records"] as? [Any])?.count == 2)

            // The pages: the person's consents with their state, the fund's report with the withheld beneficiaries.
            let browser = TestBrowser(app)
            try await browser.login("canbo.khuongdinh")
            var page = try await browser.get("/registry/persons/\(person.id!)").body.string
            #expect(page.contains("Nêu tên trong báo cáo gửi nhà tài trợ") && page.contains("Người giám hộ rút lại"))
            page = try await browser.get("/funds/\(fund.id!)/donor-report").body.string
            #expect(page.contains("Không nêu tên (chưa có sự đồng ý)") && !page.contains(person.fullName) && page.contains("4.000.000"))
            _ = try await browser.post(
                "/registry/persons/\(person.id!)/consents",
                [
                    ("purpose", "photo_publication"), ("recipient", ""), ("given_by", "guardian"), ("given_by_name", "Nguyễn Thị Mai"),
                    ("given_on", "2026-02-01"),
                ])
            #expect(browser.lastStatus == 303)
            #expect(try await PersonConsentModel.query(on: store.db).filter(\.$personID == person.id!).count() == 3)
        }
    }
}
