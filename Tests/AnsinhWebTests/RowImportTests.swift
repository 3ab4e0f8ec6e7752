import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import AnsinhWeb

/// The two row imports: a campaign's survey results and the paper list of beneficiaries taken
/// over. A bad row names its row and column and leaves the data as it was; the same file twice
/// writes once.
@Suite("Row imports")
struct RowImportTests {
    /// Three households of the ward with their codes, created for the test.
    static func households(_ store: Store, _ officer: Actor, codes: [String]) async throws {
        let units = UnitRepository(store)
        let ward = try await units.find(code: "00364")!.id
        let group = try await units.find(code: "00364-TDP01")!.id
        for (i, code) in codes.enumerated() {
            _ = try await RegistryRepository(store).createHousehold(
                officer, HouseholdInput(code: code, communeID: ward, groupID: group, address: "Số \(i)", areaType: "urban", phone: nil),
                head: PersonInput(fullName: "Chủ Hộ \(i)", gender: "male", birth: "1970"), since: LocalDate(iso: "2025-01-01")!)
        }
    }

    @Test(arguments: TestDatabase.all)
    func surveyResultsAreCheckedWholeThenWrittenAndClassifiedOnce(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            let officer = try await demoActor(store, "canbo.khuongdinh")
            let ward = try await UnitRepository(store).find(code: "00364")!.id
            try await Self.households(store, officer, codes: ["00364-S1", "00364-S2", "00364-S3"])
            let reviews = ReviewRepository(store)
            let day = LocalDate(iso: "2026-01-05")!
            let campaign = try await reviews.createCampaign(officer, CampaignInput(communeID: ward, year: 2026, kind: "periodic"), today: day).id
            _ = try await reviews.addRequest(officer, campaignID: campaign, householdCode: "00364-S1")
            let good = """
                Mã hộ;Thu nhập bình quân;Chỉ số thiếu hụt;Người thu thập;Ngày thu thập
                00364-S1;1.500.000;health_insurance latrine drinking_water;Tổ trưởng;2026-01-02
                00364-S2;4000000;;Tổ trưởng;02/01/2026

                """
            // Not listed and not added: the row is named, nothing is written.
            let refused = try await reviews.importSurveys(
                officer, campaignID: campaign, data: Data(good.utf8), addUnlisted: false, dryRun: false, today: day)
            #expect(refused.errors.map { "\($0.row ?? 0) \($0.field) \($0.message.key)" } == ["3 household_code review.import.not_listed"])
            #expect(refused.written == 0)
            // Every kind of bad cell at once, each with its row.
            let bad = """
                household_code,income_per_person,deprivations,collector,collected_on
                00364-S1,abc,latrine,Tổ trưởng,2026-01-02
                00364-NONE,1000000,flying,,2027-01-01
                00364-S1,1000000,,Tổ trưởng,2026-01-02

                """
            let errors = try await reviews.importSurveys(officer, campaignID: campaign, data: Data(bad.utf8), addUnlisted: true, dryRun: false, today: day)
                .errors.map { "\($0.row ?? 0) \($0.field) \($0.message.key)" }
            #expect(
                errors == [
                    "2 income_per_person review.error.income_number", "3 collected_on review.error.future_date", "3 collector validation.required",
                    "3 deprivations review.error.unknown_indicator", "3 household_code review.error.household_not_in_commune",
                    "4 household_code import.duplicate_in_file",
                ])
            let entries = { try await ReviewEntryModel.query(on: store.db).filter(\.$campaignID == campaign).sort(\.$unitPath).all() }
            let untouched = try await entries()
            #expect(untouched.count == 1 && untouched.allSatisfy { $0.incomePerPerson == nil })
            // A check writes nothing and says what would be written.
            let check = try await reviews.importSurveys(officer, campaignID: campaign, data: Data(good.utf8), addUnlisted: true, dryRun: true, today: day)
            #expect(check.errors.isEmpty && check.written == 2 && check.dryRun)
            #expect(try await entries().count == 1)
            let audits = try await AuditEntryModel.query(on: store.db).filter(\.$action == "review_survey_import").count()
            let done = try await reviews.importSurveys(officer, campaignID: campaign, data: Data(good.utf8), addUnlisted: true, dryRun: false, today: day)
            #expect(done.written == 2 && done.unchanged == 0 && !done.dryRun)
            let byHousehold = try await (store.db as! any SQLDatabase).raw(
                "SELECT h.code, e.origin, e.income_per_person, e.deprivations, e.class FROM review_entries e JOIN households h ON h.id = e.household_id WHERE e.campaign_id = \(bind: campaign) ORDER BY h.code"
            ).all().map {
                "\(try $0.decode(column: "code", as: String.self)) \(try $0.decode(column: "origin", as: String.self)) \(try $0.decode(column: "income_per_person", as: Int64.self)) \(try $0.decode(column: "deprivations", as: String.self)) \(try $0.decode(column: "class", as: String.self))"
            }
            // 1,500,000 đồng is at the 2022–2025 urban line of 2,000,000 or below, with three
            // deprivations: poor; 4,000,000 is above the line and the middle band.
            #expect(byHousehold == ["00364-S1 request 1500000 drinking_water,health_insurance,latrine poor", "00364-S2 request 4000000  above_middle"])
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action == "review_survey_import").count() == audits + 1)
            // The same file again: nothing new, no audit entry.
            let again = try await reviews.importSurveys(officer, campaignID: campaign, data: Data(good.utf8), addUnlisted: true, dryRun: false, today: day)
            #expect(again.written == 0 && again.unchanged == 2)
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action == "review_survey_import").count() == audits + 1)
            // A ward approver may not import surveys.
            let approver = try await demoActor(store, "lanhdao.khuongdinh")
            await #expect(throws: AppError.forbidden) {
                try await reviews.importSurveys(approver, campaignID: campaign, data: Data(good.utf8), addUnlisted: false, dryRun: true, today: day)
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func thePaperListBecomesStartDecisionsPaidFromTheMonthAfter(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            let officer = try await demoActor(store, "canbo.khuongdinh")
            let chairman = try await demoActor(store, "lanhdao.khuongdinh")
            let units = UnitRepository(store)
            let ward = try await units.find(code: "00364")!.id
            let group = try await units.find(code: "00364-TDP01")!.id
            // An 85-year-old man without a pension (Decree 20/2021 Art. 5(5)(c)): coefficient 1.0.
            let h = try await RegistryRepository(store).createHousehold(
                officer, HouseholdInput(code: "00364-T1", communeID: ward, groupID: group, address: "Số 9", areaType: "urban", phone: nil),
                head: PersonInput(fullName: "Lê Văn Thọ", gender: "male", birth: "1939-04-02", nationalID: "001039000777"),
                since: LocalDate(iso: "2020-01-01")!)
            let person = try await PersonModel.query(on: store.db).filter(\.$nationalID == "001039000777").first()!.id!
            _ = h
            let day = LocalDate(iso: "2025-12-05")!
            let header =
                "Số định danh cá nhân,Họ và tên,Chế độ,Số quyết định,Ngày ký,Tháng bắt đầu hưởng,Đã chi trả đến tháng,Mức hưởng hằng tháng,Hình thức chi trả\n"
            let wrong =
                header + "001039000777,Lê Văn Thọ,trợ cấp,12/QĐ-UBND,2024-01-10,01/2024,2025-10,360.000,tiền mặt\n"
                + "001039000999,Không Ai,,13/QĐ-UBND,2024-01-10,2024-01,,,\n" + "1039000777,Lê Văn Khác,,14/QĐ-UBND,2024-01-10,2024-01,2023-12,,chim bồ câu\n"
            let errors = try await DecisionRepository(store).takeOver(chairman, data: Data(wrong.utf8), dryRun: false, today: day).errors.map {
                "\($0.row ?? 0) \($0.field) \($0.message.key)"
            }
            // The paper says 360,000 a month, the amount of January 2024; since July 2024
            // it is 500,000 (Decree 76/2024), and the list says what is paid now.
            #expect(
                errors == [
                    "2 monthly_amount take_over.amount_differs", "3 national_id take_over.no_person", "4 channel import.bad_choice",
                    "4 full_name take_over.other_name", "4 national_id import.duplicate_in_file", "4 paid_through take_over.paid_before_start",
                ])
            #expect(try await AllowanceDecisionModel.query(on: store.db).filter(\.$personID == person).count() == 0)
            let good = header + "001039000777,Lê Văn Thọ,trợ cấp,12/QĐ-UBND,2024-01-10,01/2024,2025-10,500.000,tiền mặt\n"
            // The ward officer may not decide: refused before the file is read.
            await #expect(throws: AppError.forbidden) { try await DecisionRepository(store).takeOver(officer, data: Data(good.utf8), dryRun: true, today: day) }
            let check = try await DecisionRepository(store).takeOver(chairman, data: Data(good.utf8), dryRun: true, today: day)
            #expect(check.errors.isEmpty && check.written == 1)
            #expect(try await AllowanceDecisionModel.query(on: store.db).filter(\.$personID == person).count() == 0)
            let done = try await DecisionRepository(store).takeOver(chairman, data: Data(good.utf8), dryRun: false, today: day)
            #expect(done.written == 1 && done.unchanged == 0)
            let d = try await AllowanceDecisionModel.query(on: store.db).filter(\.$personID == person).all()
            #expect(
                d.map { "\($0.kind) \($0.number ?? "") \($0.effectiveMonth) \($0.monthlyAmount) \($0.standardTenths)/\($0.pensionTenths)" } == [
                    "start 12/QĐ-UBND 2024-01 500000 0/10"
                ])
            let periods = try await AllowancePeriodModel.query(on: store.db).filter(\.$personID == person).all()
            #expect(periods.map { "\($0.fromMonth) \($0.paidBefore ?? "-") \($0.untilMonth ?? "open") \($0.channel)" } == ["2024-01 2025-11 open cash"])
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action == "start").filter(\.$entityID == d[0].id!.uuidString).count() == 1)
            // The same file again: recorded already, nothing new.
            let again = try await DecisionRepository(store).takeOver(chairman, data: Data(good.utf8), dryRun: false, today: day)
            #expect(again.written == 0 && again.unchanged == 1)
            #expect(try await AllowanceDecisionModel.query(on: store.db).filter(\.$personID == person).count() == 1)
            // November 2025 is the first month the payroll pays: 500,000 đồng from the July 2025 reform.
            let cycle = try await PayrollRepository(store).generate(
                try await demoActor(store, "ketoan.khuongdinh"), communeID: ward, month: YearMonth(iso: "2025-11")!)
            let lines = try await (store.db as! any SQLDatabase).raw(
                "SELECT amount FROM payment_lines WHERE cycle_id = \(bind: cycle) AND person_id = \(bind: person)"
            ).all()
                .map { try $0.decode(column: "amount", as: Int64.self) }
            #expect(lines == [500_000])
        }
    }
}
