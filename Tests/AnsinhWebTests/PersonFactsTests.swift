import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import FluentSQL
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

/// A person's dated circumstances reach the money: recorded over the API (or the page), read by
/// the application's review, the chairman's decision and the payroll, and by "no one missed".
@Suite("Person circumstances")
struct PersonFactsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let birth: String
        var disability: DisabilityLevel = .none
        var certificate: String? = nil
        var poverty: String? = nil
        let facts: String
        var benefit: Benefit = .allowance
        var recipient = #""recipient_kind":"person""#
        /// The monthly amount paid for March 2026 (standard level 500,000).
        let amount: Int64
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // Art. 5(1): a child of 10 whose parents are dead and imprisoned: 1.5.
        Case(name: "5(1) child", birth: "2015-06-01", facts: #""parents":[{"status":"dead"},{"status":"imprisoned"}]"#, amount: 750_000),
        // Art. 5(2): 18, receiving 5(1) at 16, at school: 1.5.
        Case(
            name: "5(2) student", birth: "2007-09-09",
            facts: #""parents":[{"status":"dead"},{"status":"dead"}],"studying":"general","receiving_5_1_at_16":true"#, amount: 750_000),
        // Art. 5(4): a near-poor widow raising two children under 16: 1.0 each.
        Case(
            name: "5(4) single parent", birth: "1988-02-02", poverty: "near_poor",
            facts: #""marital_status":"widowed","children_raised":[{"birth_date":"2014-01-01"},{"birth_date":"2018-05-05"}]"#, amount: 1_000_000),
        // Art. 5(5)(d): 70, poor, nobody to support her, cared for by a carer in the community: 3.0.
        Case(
            name: "5(5)(d) elderly", birth: "1955-03-03", poverty: "poor",
            facts: #""supporter":"none","needs_facility_care":true,"cared_by_community_carer":true"#, amount: 1_500_000),
        // Art. 20: her carer receives 1.5.
        Case(
            name: "carer of 5(5)(d)", birth: "1955-03-03", poverty: "poor",
            facts: #""supporter":"none","needs_facility_care":true,"cared_by_community_carer":true"#, benefit: .careSupport,
            recipient: #""recipient_kind":"carer","recipient_name":"Trần Văn Chăm""#, amount: 750_000),
        // Art. 20(2)(c): the household caring for an adult with an especially severe disability: 1.0.
        Case(
            name: "household care 20(2)(c)", birth: "1996-04-04", disability: .especiallySevere, certificate: "2024-01-10",
            facts: #""household_carer":true"#, benefit: .careSupport, recipient: #""recipient_kind":"carer","recipient_name":"Mẹ""#, amount: 500_000),
        // Art. 20(2)(a): a mother with a severe disability raising a baby under 36 months: 1.5.
        Case(
            name: "20(2)(a) disabled parent", birth: "1994-11-23", disability: .severe, certificate: "2019-08-30",
            facts: #""children_raised":[{"birth_date":"2025-06-01"}]"#, benefit: .careSupport, amount: 750_000),
        // Decree 176/2025: 78 with a social-insurance benefit of 300,000, lower than the social pension.
        Case(
            name: "social pension over a low benefit", birth: "1948-01-01",
            facts: #""has_monthly_social_insurance":true,"monthly_social_insurance_amount":300000"#, amount: 500_000),
    ]

    /// Facts → application → decision → a payroll line of the right amount in the right month.
    @Test(arguments: cases)
    func eachCategoryIsPaidFromRecordedFacts(_ c: Case) async throws {
        try await withAnsinh(.sqlite) { (app: Application) async throws in
            let store = app.store
            let p = try await demoRecipients(store, count: 1)[0]
            try await setFacts(store, p, birth: c.birth, disability: c.disability, certificate: c.certificate)
            if let poverty = c.poverty { try await setClass(store, p, poverty) }
            let officer = try await apiToken(store, "canbo.khuongdinh"), chairman = try await apiToken(store, "lanhdao.khuongdinh")
            // Before the facts: nothing, and the evaluation says what it is missing.
            var res = try await apiRequest(app, .GET, "/api/v1/persons/\(p)/allowance?month=2026-03", token: officer)
            let before = jsonObject(res)
            #expect((before["missing_facts"] as? [String])?.contains("marital_status") == true)
            res = try await apiRequest(
                app, .PUT, "/api/v1/persons/\(p)/facts", token: officer,
                json: #"{"valid_from":"2026-01-01","source_document":"Tờ khai 1a",\#(c.facts)}"#)
            #expect(res.status == .ok, "\(res.body.string)")
            res = try await apiRequest(app, .GET, "/api/v1/persons/\(p)/allowance?month=2026-03", token: officer)
            let after = jsonObject(res)
            #expect((after["missing_facts"] as? [String])?.contains("marital_status") == false)
            let key = c.benefit == .careSupport ? "care_support" : "components"
            #expect(((after[key] as? [[String: Any]]) ?? []).reduce(0) { $0 + ($1["amount"] as? Int ?? 0) } == Int(c.amount))

            res = try await apiRequest(
                app, .POST, "/api/v1/persons/\(p)/applications", token: officer,
                json: #"{"benefit":"\#(c.benefit.rawValue)","form_type":"1a","received_date":"2026-02-02","documents":["declaration"],\#(c.recipient)}"#)
            #expect(res.status == .created, "\(res.body.string)")
            let id = jsonObject(res)["id"] as! String
            res = try await apiRequest(app, .POST, "/api/v1/applications/\(id)/review", token: officer)
            #expect((jsonObject(res)["evaluation"] as? [String: Any])?["monthly_amount"] as? Int == Int(c.amount))
            res = try await apiRequest(
                app, .POST, "/api/v1/applications/\(id)/decide", token: chairman, json: #"{"number":"5/QĐ-UBND","signed_date":"2026-02-10"}"#)
            #expect(res.status == .created, "\(res.body.string)")
            let ward = try await UnitRepository(store).find(code: "00364")!.id
            let cycle = try await runCycle(store, commune: ward, month: "2026-03")
            let lines = try await PayrollRepository(store).allLines(try await demoActor(store, "ketoan.khuongdinh"), cycleID: cycle.id, filter: LineFilter())
            let mine = lines.filter { $0.personID == p && $0.benefit == c.benefit && $0.month == YearMonth(iso: "2026-03")! }
            #expect(mine.map(\.amount) == [c.amount])
        }
    }

    /// An application shows the facts its form asks and which of them the review found not
    /// recorded; once recorded, a second review confirms them all.
    @Test(arguments: TestDatabase.all)
    func aFormAsksItsFacts(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let p = try await demoRecipients(store, count: 1)[0]
            try await setFacts(store, p, birth: "1950-03-03", disability: .none, certificate: nil)
            let officer = try await apiToken(store, "canbo.khuongdinh")
            var res = try await apiRequest(
                app, .POST, "/api/v1/persons/\(p)/applications", token: officer,
                json: #"{"benefit":"allowance","form_type":"1c","received_date":"2026-02-02","documents":["declaration"]}"#)
            let id = jsonObject(res)["id"] as! String
            #expect(
                jsonObject(res)["form_facts"] as? [String] == [
                    "birth_date", "household_poverty", "marital_status", "supporter", "has_monthly_social_insurance",
                ])
            #expect(jsonObject(res)["missing_facts"] == nil)
            res = try await apiRequest(app, .POST, "/api/v1/applications/\(id)/review", token: officer)
            #expect(jsonObject(res)["missing_facts"] as? [String] == ["household_poverty", "marital_status", "supporter", "has_monthly_social_insurance"])
            try await setClass(store, p, "poor")
            res = try await apiRequest(
                app, .PUT, "/api/v1/persons/\(p)/facts", token: officer,
                json: #"{"valid_from":"2026-01-01","source_document":"Tờ khai 1c","marital_status":"widowed","supporter":"none"}"#)
            #expect(res.status == .ok)
            res = try await apiRequest(app, .POST, "/api/v1/applications/\(id)/review", token: officer)
            #expect(jsonObject(res)["missing_facts"] as? [String] == [])
            // 5(5)(a): 76, poor, nobody to support him: 1.5 (the social pension is a separate ledger).
            #expect(((jsonObject(res)["evaluation"] as? [String: Any])?["monthly_amount"] as? Int ?? 0) > 0)
        }
    }

    /// The registry import reads the optional circumstance columns (English codes or the
    /// Vietnamese words, the children raised as birth dates): a bad cell is named with its row;
    /// a good row's person has the record, which the allowance reads (Art. 5(1)(c): father
    /// dead, mother declared missing: 1.5).
    @Test(arguments: TestDatabase.all)
    func theImportFileStatesCircumstances(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let officer = try await demoActor(store, "canbo.khuongdinh")
            let csv = """
                Mã hộ,Mã xã/phường,Họ và tên,Giới tính,Ngày sinh,Quan hệ với chủ hộ,Tình trạng của cha,Tình trạng của mẹ,Đang học,Hoàn cảnh tính từ ngày,Giấy tờ chứng minh hoàn cảnh,Trợ cấp BHXH hằng tháng,Tình trạng hôn nhân,Ngày sinh các con đang nuôi,Ngày sinh các con 16–22 tuổi đang đi học
                00364-IMP1,00364,Lê Văn Ông,Nam,1950-01-01,Chủ hộ,,,,,,,,,
                00364-IMP1,00364,Lê Thị Cháu,Nữ,2014-09-01,Cháu,Đã chết,Mất tích,Phổ thông,2025-01-01,Giấy chứng tử của cha,,,,
                00364-IMP2,00364,Trần Văn Sai,Nam,1960-01-01,Chủ hộ,đi vắng,,,,,12 triệu,,2015-02-31,
                00364-IMP3,00364,Phạm Thị Góa,Nữ,1985-02-02,Chủ hộ,,,,2025-01-01,Tờ khai mẫu 1b,,góa chồng,"2012-05-01; 02/07/2016",2006-03-03
                """
            let importer = RegistryImporter(store)
            let report = try await importer.validate(officer, fileName: "c.csv", data: Data(csv.utf8))
            #expect(report.errorRows == 1)
            #expect(
                Set(report.errors.map { "\($0.row ?? 0):\($0.field)" }) == ["4:father_status", "4:monthly_social_insurance_amount", "4:children_raised"])
            let done = try await importer.run(officer, jobID: report.jobID, validOnly: true)
            #expect(done.createdPersons == 3)
            // The children raised, as the person's page records them (Art. 5(4)).
            let widow = try await RegistryRepository(store).persons(officer, query: "pham thi goa", page: PageSpec(page: 1)).items.first!.id
            let raised = try await PersonFactsRepository(store).versions(officer, personID: widow).first?.circumstances
            #expect(raised?.maritalStatus == .widowed)
            #expect(raised?.childrenRaised.map(\.birthDate.iso) == ["2012-05-01", "2016-07-02", "2006-03-03"])
            #expect(raised?.childrenRaised.map(\.studying) == [false, false, true])
            let child = try await RegistryRepository(store).persons(officer, query: "le thi chau", page: PageSpec(page: 1)).items.first!.id
            let versions = try await PersonFactsRepository(store).versions(officer, personID: child)
            #expect(versions.map(\.validFrom.iso) == ["2025-01-01"] && versions.first?.sourceDocument == "Giấy chứng tử của cha")
            #expect(versions.first?.circumstances.parents.map(\.status) == [.dead, .declaredMissing])
            #expect(versions.first?.circumstances.studying == .general)
            let r = try await AllowanceFactsRepository(store).evaluate(officer, personID: child, month: YearMonth(iso: "2026-03")!)
            #expect(r.evaluation.components.map(\.category) == ["D20-5.1"] && r.evaluation.monthlyAmount == 750_000)
            // The head stated nothing: no record.
            let head = try await RegistryRepository(store).persons(officer, query: "le van ong", page: PageSpec(page: 1)).items.first!.id
            #expect(try await PersonFactsRepository(store).versions(officer, personID: head).isEmpty)
        }
    }

    /// Bad input names its field and changes nothing; the same day replaces; who may write.
    @Test(arguments: TestDatabase.all)
    func recordingIsCheckedAndAudited(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let p = try await demoRecipients(store, count: 1)[0]
            try await setFacts(store, p, birth: "1980-01-01", disability: .none, certificate: nil)
            let officer = try await apiToken(store, "canbo.khuongdinh"), accountant = try await apiToken(store, "ketoan.khuongdinh")
            func field(_ body: String) async throws -> String? {
                let res = try await apiRequest(app, .PUT, "/api/v1/persons/\(p)/facts", token: officer, json: body)
                #expect(res.status == .unprocessableEntity, "\(body)")
                return (jsonObject(res)["errors"] as? [[String: Any]])?.first?["field"] as? String
            }
            #expect(try await field(#"{"valid_from":"2026-01-01","birth_date":"1990-01-01"}"#) == "birth_date")
            #expect(try await field(#"{"valid_from":"2026-01-01","abandoned":null}"#) == "abandoned")
            #expect(try await field(#"{"valid_from":"2026-02-30"}"#) == "valid_from")
            #expect(try await field(#"{"supporter":"none"}"#) == "valid_from")
            #expect(try await field(#"{"valid_from":"2026-01-01","first_degree":true}"#) == "first_degree")
            #expect(try await field(#"{"valid_from":"2026-01-01","parents":[{"status":"gone"}]}"#) == "parents.0.status")
            #expect(try await field(#"{"valid_from":"2026-01-01","children_raised":[{"birth_date":"1970-01-01"}]}"#) == "children_raised")
            #expect(
                try await field(#"{"valid_from":"2026-01-01","pregnant":true,"household_carer":true,"cared_by_community_carer":true}"#) == "household_carer")
            #expect(try await PersonFactVersionModel.query(on: store.db).count() == 0)
            // The accountant reads but does not record.
            var res = try await apiRequest(app, .PUT, "/api/v1/persons/\(p)/facts", token: accountant, json: #"{"valid_from":"2026-01-01"}"#)
            #expect(res.status == .forbidden)
            // Recorded, then corrected on the same day: one record, two audit entries.
            for status in ["widowed", "divorced"] {
                res = try await apiRequest(
                    app, .PUT, "/api/v1/persons/\(p)/facts", token: officer, json: #"{"valid_from":"2026-01-01","marital_status":"\#(status)"}"#)
                #expect(res.status == .ok)
            }
            res = try await apiRequest(
                app, .PUT, "/api/v1/persons/\(p)/facts", token: officer,
                json: #"{"valid_from":"2026-04-01","marital_status":"married","studying":{"level":"university","first_degree":true}}"#)
            #expect((jsonObject(res)["facts"] as? [String: Any])?["studying"] as? String == "university")
            res = try await apiRequest(app, .GET, "/api/v1/persons/\(p)/facts", token: accountant)
            let items = jsonObject(res)["items"] as? [[String: Any]] ?? []
            #expect(items.map { $0["valid_from"] as? String } == ["2026-04-01", "2026-01-01"])
            #expect((items.last?["facts"] as? [String: Any])?["marital_status"] as? String == "divorced")
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action == "record_facts").count() == 3)
            // Another ward's person is not found.
            res = try await apiRequest(app, .GET, "/api/v1/persons/\(UUID())/allowance", token: officer)
            #expect(res.status == .notFound)
            res = try await apiRequest(app, .GET, "/api/v1/persons/\(p)/allowance?month=2026-13", token: officer)
            #expect(res.status == .unprocessableEntity)
        }
    }

    /// The page: the officer records through the form; a refused form keeps what was typed.
    @Test func thePageRecordsAndShowsTheEvaluation() async throws {
        try await withAnsinh(.sqlite) { (app: Application) async throws in
            let store = app.store
            let p = try await demoRecipients(store, count: 1)[0]
            try await setFacts(store, p, birth: "2016-05-05", disability: .none, certificate: nil)
            let b = TestBrowser(app)
            try await b.login("canbo.khuongdinh")
            try await b.get("/registry/persons/\(p)/facts")
            #expect(b.lastBody.contains("Chưa ghi hoàn cảnh nào"))
            try await b.post(
                "/registry/persons/\(p)/facts",
                [
                    ("valid_from", "2026-01-01"), ("source_document", "<b>GCT 3</b>"), ("parent1", "dead"), ("parent2", "declared_missing"),
                    ("children", "2030-99-01"),
                ])
            #expect(b.lastStatus == 422)
            #expect(b.lastBody.contains(#"value="&lt;b&gt;GCT 3&lt;/b&gt;""#))
            #expect(b.lastBody.contains("aria-invalid"))
            #expect(try await PersonFactVersionModel.query(on: store.db).count() == 0)
            try await b.post(
                "/registry/persons/\(p)/facts",
                [("valid_from", "2026-01-01"), ("source_document", "Giấy chứng tử 12/2025"), ("parent1", "dead"), ("parent2", "declared_missing")])
            #expect(b.lastStatus == 303)
            try await b.get("/registry/persons/\(p)/facts")
            #expect(b.lastBody.contains("Giấy chứng tử 12/2025"))
            #expect(b.lastBody.contains("750.000 ₫"))  // 5(1), 1.5 × 500,000
            // The person page links to it and reads the same facts.
            try await b.get("/registry/persons/\(p)")
            #expect(b.lastBody.contains("/registry/persons/\(p)/facts"))
            #expect(b.lastBody.contains("750.000 ₫"))
            // The accountant sees the page without the form.
            let a = TestBrowser(app)
            try await a.login("ketoan.khuongdinh")
            try await a.get("/registry/persons/\(p)/facts")
            #expect(a.lastStatus == 200)
            #expect(!a.lastBody.contains(#"name="valid_from""#))
        }
    }

    /// "No one missed" lists a child whose circumstances say 5(1) and who is paid nothing.
    @Test func noOneMissedReadsTheRecordedFacts() async throws {
        try await withAnsinh(.sqlite) { (app: Application) async throws in
            let store = app.store
            let p = try await demoRecipients(store, count: 1)[0]
            try await setFacts(store, p, birth: "2016-05-05", disability: .none, certificate: nil)
            let officer = try await demoActor(store, "canbo.khuongdinh")
            var c = PersonCircumstances()
            c.parents = [ParentFact(status: .dead), ParentFact(status: .dead)]
            _ = try await PersonFactsRepository(store).record(officer, personID: p, validFrom: "2026-01-01", sourceDocument: "", circumstances: c)
            let run = try await EligibilityRepository(store).run(officer, month: YearMonth(iso: "2026-03")!)
            let (_, page) = try await EligibilityRepository(store).results(officer, runID: run.id, page: PageSpec(page: 1), filter: .missed)
            let row = page.items.first { $0.personID == p }
            #expect(row?.amount == 750_000)
            #expect(row?.categories == ["D20-5.1"])
        }
    }

    /// The demo ward's 2025: its review finds zero poor households (field notes §1) and three
    /// near-poor ones; the allowances decided in 2025 are paid every month through the payroll;
    /// every category the recorded circumstances open appears in "no one missed" — 5(4) the
    /// widow of a near-poor household, 20(2)(a) once for the couple — and nobody decided does.
    /// 5(5)(d) needs a poor household, which the ward no longer has.
    @Test(arguments: TestDatabase.all)
    func theDemoWardListsEachCategory(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            _ = try await DemoData.loadHouseholds(store, today: store.today)
            _ = try await DemoData.loadFunds(store)
            _ = try await DemoData.loadCampaigns(store)
            #expect(try await DemoData.loadCircumstances(store) == 6)
            #expect(try await DemoData.loadReview(store) == 6)
            let decided = try await DemoData.loadAllowances(store)
            #expect(decided == 17)
            let officer = try await demoActor(store, "canbo.khuongdinh")
            let ward = try await UnitRepository(store).find(code: "00364")!

            let report = try await ReviewReports(store).ward(officer, period: 2025)
            #expect(report.totals[.poor] ?? 0 == 0)
            #expect(report.totals[.nearPoor] == 3)

            // Memberships start on the day the ward took its list over; the payroll ran from
            // February 2025 to the month before today (2026-09-21), every line paid and closed.
            let since = try await MembershipModel.query(on: store.db).filter(\.$startDate == "2025-01-02").count()
            #expect(since > 100)
            let cycles = try await PaymentCycleModel.query(on: store.db).filter(\.$communeID == ward.id).sort(\.$month).all()
            #expect(cycles.map(\.month).first == "2025-02")
            #expect(cycles.map(\.month).last == "2026-08")
            #expect(cycles.count == 19)
            #expect(cycles.allSatisfy { $0.status == "closed" })
            let unpaid = try await (store.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM payment_lines WHERE status <> 'paid'").first()!
            #expect(try unpaid.decode(column: "n", as: Int.self) == 0)
            // Certificates of 2016–2019 decided on 14 February 2025: arrears reach back the 36
            // months of `arrears_look_back_months`, to February 2022 — not to July 2021.
            let february = try await AllowanceDecisionModel.query(on: store.db).filter(\.$signedDate == "2025-02-14").all()
            #expect(february.count == 5)
            #expect(february.map(\.effectiveMonth).min() == "2022-02")
            // A social pension decided in July 2025 pays 500,000 đ from July: 14 months by August 2026.
            let pension = try await AllowanceDecisionModel.query(on: store.db).filter(\.$signedDate == "2025-07-18").first()!
            #expect(pension.monthlyAmount == 500_000)
            #expect(try await paidTotal(store, pension.personID) == 14 * 500_000)

            let run = try await EligibilityRepository(store).run(officer, month: store.today.yearMonth)
            let (_, all) = try await EligibilityRepository(store).results(officer, runID: run.id, page: PageSpec(page: 1, perPage: 200))
            let (_, page) = try await EligibilityRepository(store).results(officer, runID: run.id, page: PageSpec(page: 1, perPage: 200), filter: .missed)
            let categories = Set(page.items.flatMap(\.categories))
            for c in ["D20-5.1", "D20-20.carer.child", "D20-5.2", "D20-5.4", "D20-20.disabled_parent.one", "D20-20.household.especially_severe"] {
                #expect(categories.contains(c), "\(c) in \(categories.sorted())")
            }
            #expect(page.items.first { $0.fullName == "Nguyễn Thị Hạnh" }?.amount == 1_000_000)  // 1.0 × 500,000 per child, two children
            #expect(page.items.first { $0.fullName == "Phạm Thị Ngọc" }?.careAmount == 750_000)
            #expect(page.items.first { $0.fullName == "Lê Văn Toàn" }?.careAmount == 0)  // one care support per couple
            #expect(all.items.filter { $0.status == "paid" }.count == decided - 1)
            // The person whose own allowance is paid but whose household's care support (Art.
            // 20(2)(c)) nobody decided is still missed, for the care support.
            let carer = page.items.first { $0.categories.contains("D20-20.household.especially_severe") }!
            #expect(carer.careAmount == 500_000)
            #expect(try await AllowanceDecisionModel.query(on: store.db).filter(\.$personID == carer.personID).count() == 1)
        }
    }
}
