import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

/// Small-business support: a plan for a household member, the support given (the loan's amount
/// taken from the household's own loan), the opening, the follow-ups and the ward report.
@Suite("Small-business support")
struct BusinessTests {
    @Test(arguments: TestDatabase.all)
    func aGroceryIsPlannedSupportedOpenedAndFollowed(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let officer = try await demoActor(store, "canbo.khuongdinh")
            try await LivelihoodTests.household(store, officer)
            let repo = LivelihoodRepository(store), today = store.today
            let token = try await apiToken(store, "canbo.khuongdinh")

            var bad = BusinessPlanInput()
            bad.nationalID = "123"; bad.kind = "casino"; bad.name = " "; bad.plan = ""; bad.capital = -1
            do {
                _ = try await repo.createPlan(officer, bad, today: today)
                Issue.record("accepted")
            } catch AppError.validation(let errors) { #expect(Set(errors.map(\.field)) == ["national_id", "kind", "name", "plan", "capital"]) }
            bad = BusinessPlanInput()
            bad.nationalID = "001315000333"; bad.kind = "grocery"; bad.name = "Tạp hóa"; bad.plan = "Bán hàng"; bad.capital = 0
            await #expect(throws: AppError.validation([FieldError(field: "national_id", message: Message("livelihood.error.age"))])) {
                try await repo.createPlan(officer, bad, today: today)
            }
            #expect(try await BusinessPlanModel.query(on: store.db).count() == 0)

            var res = try await apiRequest(
                app, .POST, "/api/v1/business-plans", token: token,
                json:
                    #"{"national_id":"001088000111","kind":"online_selling","name":"Bán đồ ăn <online>","plan":"Nấu và giao trong phường","capital":20000000}"#)
            #expect(res.status == .created && jsonObject(res)["status"] as? String == "planned")
            let plan = UUID(uuidString: jsonObject(res)["id"] as! String)!
            var loan = LoanInput()
            loan.nationalID = "001088000111"; loan.programme = "job_creation"; loan.purpose = "Mua tủ đông"; loan.amount = 30_000_000; loan.termMonths = 24
            let loanID = try await repo.prepareLoan(officer, loan, today: today)

            // The support: the loan's amount is the loan's own; a loan of no one's is refused.
            res = try await apiRequest(
                app, .POST, "/api/v1/business-plans/\(plan)/supports", token: token, json: #"{"kind":"loan","day":"\#(today.iso)","amount":1}"#)
            #expect(res.status == .unprocessableEntity && res.body.string.contains("loan_id"))
            res = try await apiRequest(
                app, .POST, "/api/v1/business-plans/\(plan)/supports", token: token, json: #"{"kind":"loan","day":"\#(today.iso)","loan_id":"\#(UUID())"}"#)
            #expect(res.status == .unprocessableEntity && res.body.string.contains("loan_id"))
            var s = BusinessSupportInput()
            s.kind = "loan"; s.day = today.iso; s.loanID = loanID
            try await repo.addSupport(officer, plan: plan, s, today: today)
            s = BusinessSupportInput()
            s.kind = "equipment"; s.day = today.iso; s.amount = 5_000_000; s.note = "Tủ đông"
            try await repo.addSupport(officer, plan: plan, s, today: today)
            var p = try await repo.plan(officer, id: plan)
            #expect(p.supports.map(\.amount) == [30_000_000, 5_000_000] && p.supports[0].loan == "Mua tủ đông (\(today.iso))")

            // Its steps: no follow-up before it opens, no day before the plan.
            var step = BusinessStepInput()
            step.date = today.iso; step.outcome = "operating"
            await #expect(throws: AppError.self) { try await repo.step(officer, plan: plan, .followUp, step, today: today) }
            step.date = today.adding(days: -1).iso
            await #expect(throws: AppError.validation([FieldError(field: "date", message: Message("business.error.before_plan"))])) {
                try await repo.step(officer, plan: plan, .start, step, today: today)
            }
            step.date = today.iso
            try await repo.step(officer, plan: plan, .start, step, today: today)
            res = try await apiRequest(
                app, .POST, "/api/v1/business-plans/\(plan)/follow_up", token: token, json: #"{"date":"\#(today.iso)","outcome":"rich"}"#)
            #expect(res.status == .unprocessableEntity)
            res = try await apiRequest(
                app, .POST, "/api/v1/business-plans/\(plan)/follow_up", token: token,
                json: #"{"date":"\#(today.iso)","outcome":"operating","monthly_income":7000000}"#)
            #expect(((jsonObject(res)["follow_ups"] as! [[String: Any]])[0]["monthly_income"] as? Int) == 7_000_000)

            let leader = try await apiToken(store, "lanhdao.khuongdinh")
            let jobs =
                jsonObject(try await apiRequest(app, .GET, "/api/v1/reports/ward?unit=00364&year=\(today.year)", token: leader))["jobs"] as! [String: Any]
            #expect(jobs["businesses_started"] as? Int == 1 && jobs["businesses_operating"] as? Int == 1)

            // Closed with the reason; nothing more is recorded on it.
            res = try await apiRequest(app, .POST, "/api/v1/business-plans/\(plan)/close", token: token, json: #"{"date":"\#(today.iso)"}"#)
            #expect(res.status == .unprocessableEntity && res.body.string.contains("reason"))
            step.reason = "Chuyển sang làm công nhân"
            try await repo.step(officer, plan: plan, .close, step, today: today)
            await #expect(throws: AppError.self) { try await repo.addSupport(officer, plan: plan, s, today: today) }
            p = try await repo.plan(officer, id: plan)
            #expect(p.status == .closed && p.supports.count == 2 && p.latest == .operating)

            let browser = TestBrowser(app)
            try await browser.login("canbo.khuongdinh")
            var page = try await browser.get("/livelihood/business")
            #expect(page.body.string.contains("Bán đồ ăn &lt;online&gt;") && page.body.string.contains("Đã dừng"))
            page = try await browser.get("/livelihood/business/\(plan)")
            #expect(page.body.string.contains("30.000.000") && page.body.string.contains("Chuyển sang làm công nhân"))
            page = try await browser.get("/livelihood/business?status=%3Cb%3E")
            #expect(page.status == .unprocessableEntity && !page.body.string.contains("<b>"))
        }
    }
}
