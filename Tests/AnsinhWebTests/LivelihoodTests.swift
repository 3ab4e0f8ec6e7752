import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

/// Jobs and training: a job seeker from the registry, the vacancies suggested with reasons, a
/// referral taken to a hire, a course with the state's support, completion and the follow-ups as
/// the clock moves, and the ward report's figures computed from the records.
@Suite("Jobs and training")
struct LivelihoodTests {
    /// A household of the ward with a cook (no disability) and a tailor (a mild disability),
    /// both with a national ID.
    static func household(_ store: Store, _ officer: Actor) async throws {
        let ward = try await UnitRepository(store).find(code: "00364")!, group = try await UnitRepository(store).find(code: "00364-TDP01")!
        let day = LocalDate(iso: "2026-01-01")!
        let registry = RegistryRepository(store)
        let h = try await registry.createHousehold(
            officer, HouseholdInput(code: "00364-VL1", communeID: ward.id, groupID: group.id, address: "Ngõ 5", areaType: nil, phone: nil),
            head: PersonInput(fullName: "Đặng Văn Bếp", gender: "male", birth: "1988", nationalID: "001088000111"), since: day)
        _ = try await registry.addMember(
            officer, householdID: h.id,
            person: PersonInput(fullName: "Đặng Thị May", gender: "female", birth: "1990", nationalID: "001190000222", disability: "mild"),
            role: "spouse", since: day)
        _ = try await registry.addMember(
            officer, householdID: h.id, person: PersonInput(fullName: "Đặng Bé Nhỏ", gender: "female", birth: "2015", nationalID: "001315000333"),
            role: "child", since: day)
    }

    @Test(arguments: TestDatabase.all)
    func aSeekerIsReferredHiredTrainedAndFollowed(db: TestDatabase) async throws {
        let clock = TestClock()
        try await withAnsinh(db, clock: clock) { (app: Application) async throws in
            let store = app.store
            let officer = try await demoActor(store, "canbo.khuongdinh")
            try await Self.household(store, officer)
            let repo = LivelihoodRepository(store)
            let today = store.today
            // Every wrong field is named at once, and nothing is stored.
            var bad = SeekerInput()
            bad.nationalID = "12345"; bad.skills = " "
            do {
                _ = try await repo.register(officer, bad, today: today)
                Issue.record("accepted")
            } catch AppError.validation(let errors) { #expect(Set(errors.map(\.field)) == ["national_id", "skills"]) }
            bad.nationalID = "001315000333"; bad.skills = "vẽ"
            await #expect(throws: AppError.validation([FieldError(field: "national_id", message: Message("livelihood.error.age"))])) {
                try await repo.register(officer, bad, today: today)
            }
            #expect(try await JobSeekerModel.query(on: store.db).count() == 0)
            let token = try await apiToken(store, "canbo.khuongdinh")
            let created = try await apiRequest(
                app, .POST, "/api/v1/job-seekers", token: token, json: #"{"national_id":"001088000111","skills":"Nấu ăn, phục vụ","wishes":"Làm bếp"}"#)
            #expect(created.status == .created)
            let cook = UUID(uuidString: (jsonObject(created)["seeker"] as! [String: Any])["id"] as! String)!
            #expect(
                try await apiRequest(app, .POST, "/api/v1/job-seekers", token: token, json: #"{"national_id":"001088000111","skills":"x"}"#).status == .conflict
            )
            var tailorInput = SeekerInput()
            tailorInput.nationalID = "001190000222"; tailorInput.skills = "may mặc"
            let tailor = try await repo.register(officer, tailorInput, today: today)

            // Employers: a restaurant in the same group, a workshop whose work suits a mild disability.
            var e = EmployerInput()
            e.unitCode = "00364"; e.groupCode = "00364-TDP01"; e.name = "Quán Cơm Ngon"; e.sector = "Ăn uống"; e.address = "Số 3"; e.phone = "0912 345 678"
            let restaurant = try await repo.createEmployer(officer, e)
            e.groupCode = "00364-TDP99"
            await #expect(throws: AppError.validation([FieldError(field: "group", message: Message("request.error.group"))])) {
                try await repo.createEmployer(officer, e)
            }
            e.groupCode = ""; e.name = "Xưởng may"; e.sector = "May mặc"; e.phone = ""
            let workshop = try await repo.createEmployer(officer, e)
            var v = VacancyInput()
            v.title = "Phụ bếp"; v.skills = "nấu ăn, sơ chế"; v.places = 1; v.wage = 6_500_000
            let kitchen = try await repo.addVacancy(officer, employerID: restaurant, v, today: today)
            v.title = "Thợ may"; v.skills = "May mặc"; v.places = 3; v.wage = 7_000_000
            let sewingNoDisability = try await repo.addVacancy(officer, employerID: workshop, v, today: today)
            v.title = "Thợ may hoàn thiện"; v.suitsMildDisability = true
            let sewing = try await repo.addVacancy(officer, employerID: workshop, v, today: today)

            // The suggestions and their reasons.
            let cookFile = try await repo.seeker(officer, id: cook)
            #expect(cookFile.suggestions.map(\.vacancy.id) == [kitchen])
            #expect(
                cookFile.suggestions[0].match.reasons == [Message("livelihood.reason.skills", ["skills": "nấu ăn"]), Message("livelihood.reason.same_group")])
            let tailorFile = try await repo.seeker(officer, id: tailor)
            #expect(tailorFile.suggestions.map(\.vacancy.id) == [sewing] && !tailorFile.suggestions.map(\.vacancy.id).contains(sewingNoDisability))

            // The referral, its loop closed: a start day before the referral is refused, then hired.
            let referral = try await repo.refer(officer, seekerID: cook, vacancyID: kitchen, today: today)
            await #expect(throws: AppError.conflict(Message("livelihood.error.referral_open"))) {
                try await repo.refer(officer, seekerID: cook, vacancyID: kitchen, today: today)
            }
            let hireBefore = try await apiRequest(
                app, .POST, "/api/v1/job-referrals/\(referral)/hire", token: token, json: #"{"start_on":"2020-01-01","wage":6500000}"#)
            #expect(hireBefore.status == .unprocessableEntity && String(buffer: hireBefore.body).contains("start_on"))
            let hired = try await apiRequest(
                app, .POST, "/api/v1/job-referrals/\(referral)/hire", token: token, json: #"{"start_on":"\#(today.iso)","wage":6500000}"#)
            #expect(hired.status == .ok && jsonObject(hired)["status"] as? String == "hired" && jsonObject(hired)["wage"] as? Int == 6_500_000)
            #expect((jsonObject(hired)["actions"] as? [String]) == [])
            #expect(try await repo.seeker(officer, id: cook).seeker.status == .placed)
            // One place: the vacancy is filled and no longer suggested or open to referral.
            #expect(try await VacancyModel.find(kitchen, on: store.db)!.open == false)
            await #expect(throws: AppError.validation([FieldError(field: "vacancy_id", message: Message("livelihood.error.vacancy"))])) {
                try await repo.refer(officer, seekerID: tailor, vacancyID: kitchen, today: today)
            }

            // A course: the state's support by group, from the registry.
            var c = CourseInput()
            c.unitCode = "00364"; c.title = "May công nghiệp"; c.trade = "May"; c.provider = "Trung tâm DVVL"; c.startsOn = today.adding(days: -60).iso
            c.endsOn = today.iso; c.places = 2; c.cost = 8_000_000
            let course = try await repo.createCourse(officer, c)
            await #expect(throws: AppError.validation([FieldError(field: "national_id", message: Message("livelihood.error.not_seeker"))])) {
                try await repo.enrol(officer, courseID: course, nationalID: "001315000333", today: today)
            }
            let tailorOnCourse = try await repo.enrol(officer, courseID: course, nationalID: "001190000222", today: today)
            let cookOnCourse = try await repo.enrol(
                officer, courseID: course, nationalID: "001088000111", enrolledOn: today.adding(days: -50).iso, today: today)
            let (_, learners) = try await repo.course(officer, id: course)
            #expect(learners.first { $0.id == tailorOnCourse }?.support == 6_000_000 && learners.first { $0.id == tailorOnCourse }?.group == .disability)
            #expect(learners.first { $0.id == cookOnCourse }?.support == 2_500_000 && learners.first { $0.id == cookOnCourse }?.group == .other)
            // Completion: before the course started is refused; the day and the certificate.
            await #expect(throws: AppError.validation([FieldError(field: "completed_on", message: Message("livelihood.error.before_course"))])) {
                try await repo.step(
                    officer, enrolment: tailorOnCourse, .complete, completedOn: today.adding(days: -90).iso, certificate: "", reason: "", today: today)
            }
            try await repo.step(officer, enrolment: tailorOnCourse, .complete, completedOn: today.iso, certificate: "CC-01", reason: "", today: today)
            try await repo.step(officer, enrolment: cookOnCourse, .drop, completedOn: "", certificate: "", reason: "Đã có việc", today: today)

            // The follow-ups as the clock moves: not before three months, then due, then once.
            let early = try await apiRequest(
                app, .POST, "/api/v1/enrolments/\(tailorOnCourse)/outcomes", token: token, json: #"{"month":3,"status":"employed","monthly_income":7000000}"#)
            #expect(early.status == .conflict && String(buffer: early.body).contains(today.adding(months: 3).iso))
            #expect(try await repo.followUpsDue(officer, today: store.today).isEmpty)
            clock.advance(minutes: Double(today.adding(months: 3).days - today.days) * 24 * 60)
            let due = try await repo.followUpsDue(officer, today: store.today)
            let later = try await apiToken(store, "canbo.khuongdinh")
            #expect(due.map { "\($0.personName)|\($0.month)|\($0.due.iso)" } == ["Đặng Thị May|3|\(today.adding(months: 3).iso)"])
            let browser = TestBrowser(app)
            try await browser.login("canbo.khuongdinh")
            let page = try await browser.get("/livelihood")
            #expect(page.body.string.contains("Đặng Thị May") && page.body.string.contains("Sau 3 tháng"))
            // The filter forms send "all" as an empty choice: the whole list, not an error; a
            // value that is no choice is still refused.
            let all = try await browser.get("/livelihood?q=&status=")
            #expect(all.status == .ok && all.body.string.contains("Đặng Thị May"))
            #expect(try await browser.get("/livelihood/loans?status=").status == .ok)
            #expect(try await browser.get("/livelihood?status=hired").status == .unprocessableEntity)
            let recorded = try await apiRequest(
                app, .POST, "/api/v1/enrolments/\(tailorOnCourse)/outcomes", token: later, json: #"{"month":3,"status":"employed","monthly_income":7000000}"#)
            #expect(recorded.status == .created)
            let outcomes = jsonObject(recorded)["outcomes"] as? [[String: Any]]
            #expect(outcomes?.count == 1 && outcomes?[0]["monthly_income"] as? Int == 7_000_000)
            #expect((jsonObject(recorded)["pending"] as? [[String: Any]])?.compactMap { $0["month"] as? Int } == [6, 12])
            #expect(try await repo.followUpsDue(officer, today: store.today).isEmpty)
            let twice = try await apiRequest(
                app, .POST, "/api/v1/enrolments/\(tailorOnCourse)/outcomes", token: later, json: #"{"month":3,"status":"employed","monthly_income":7000000}"#)
            #expect(twice.status == .conflict)

            // The trail: each step of each record, by the officer.
            let entries = try await AuditEntryModel.query(on: store.db).filter(
                \.$entity ~~ ["job_seeker", "job_referral", "course_enrolment", "employer", "course"]
            )
            .all()
            // Two seekers; two employers and three vacancies; a referral and its hire; a course; two
            // enrolments, a completion, a leaving and an outcome.
            let expected = 15
            #expect(entries.count == expected)
            #expect(entries.filter { $0.action == "referral_hire" }.count == 1 && entries.filter { $0.action == "course_outcome" }.count == 1)

            // Jobs and training rest on consent: erased on the person's request, with the
            // referral and the course they had; the others' records stay.
            let cookPerson = try await repo.seeker(officer, id: cook).seeker.personID
            let requests = SubjectRequestRepository(store)
            let deletion = try await requests.receive(
                officer, personID: cookPerson, kind: "deletion", receivedOn: store.today.iso, requestedBy: "Đặng Văn Bếp", detail: "Xóa dữ liệu")
            let erased = try await requests.erase(officer, requestID: deletion.id, outcome: "Đã xóa", confirmed: true)
            #expect(erased.deleted["job_seekers"] == 1 && erased.deleted["job_referrals"] == 1 && erased.deleted["course_enrolments"] == 1)
            let (seekersLeft, learnersLeft) = (try await JobSeekerModel.query(on: store.db).count(), try await EnrolmentModel.query(on: store.db).count())
            #expect(seekersLeft == 1 && learnersLeft == 1)
            #expect(try await CourseOutcomeModel.query(on: store.db).count() == 1)
        }
    }

    /// The demo's 2025 in the ward report, computed from the records: a record added through the
    /// API changes the figure.
    @Test(arguments: TestDatabase.all)
    func theWardReportCountsTheDemoYear(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            _ = try await DemoData.loadHouseholds(store, today: store.today)
            let worker = try await DemoData.loadLivelihood(store)
            #expect(worker != nil)
            let token = try await apiToken(store, "lanhdao.khuongdinh")
            func jobs() async throws -> [String: Int] {
                let report = jsonObject(try await apiRequest(app, .GET, "/api/v1/reports/ward?unit=00364&year=2025", token: token))
                return (report["jobs"] as? [String: Int]) ?? [:]
            }
            #expect(
                try await jobs() == [
                    "counselled": 16, "placed": 1, "courses_completed": 3, "employed_after": 2, "report_month": 6, "loans_confirmed": 2,
                    "loans_disbursed": 1, "loans_disbursed_amount": 50_000_000, "businesses_started": 1, "businesses_operating": 1,
                ])
            // The freelance worker's way: the cooking course, a referral to the restaurant, hired, working at six months.
            let officer = try await demoActor(store, "canbo.khuongdinh")
            let file = try await LivelihoodRepository(store).seeker(officer, id: worker!)
            #expect(
                file.referrals.map { "\($0.employerName)|\($0.status.rawValue)|\($0.startOn?.iso ?? "")|\($0.wage ?? 0)" }
                    == ["Nhà hàng Cơm quê Khương Đình|hired|2025-06-16|6500000"])
            #expect(
                file.enrolments.map { "\($0.courseTitle)|\($0.status.rawValue)|\($0.outcomes.map { "\($0.month):\($0.status.rawValue)" })" }
                    == ["Nấu ăn cơ bản – khóa 1/2025|completed|[\"3:employed\", \"6:employed\"]"])
            // A resident not yet counted comes to the September job fair: the figure moves.
            let events = try await LivelihoodRepository(store).events(officer, page: PageSpec(page: 1))
            let fair = events.items.first { $0.kind == .jobFair }!
            let counted = Set(events.items.flatMap(\.attendees))
            let newcomer = try await store.scoped(PersonModel.self, officer).filter(\.$nationalID != nil).filter(\.$birthYear <= 2005).filter(
                \.$deathDate == nil
            )
            .filter(\.$mergedInto == nil).sort(\.$nationalID, .descending).all().first { !counted.contains($0.fullName) }!
            let officerToken = try await apiToken(store, "canbo.khuongdinh")
            let attended = try await apiRequest(
                app, .POST, "/api/v1/livelihood-events/\(fair.id)/attendance", token: officerToken, json: #"{"national_id":"\#(newcomer.nationalID!)"}"#)
            #expect(attended.status == .created)
            #expect(try await jobs()["counselled"] == 17)
            // The page shows them too.
            let browser = TestBrowser(app)
            try await browser.login("lanhdao.khuongdinh")
            let html = try await browser.get("/reports/ward?unit=00364&year=2025").body.string
            #expect(html.contains("Người được tư vấn, giới thiệu việc làm") && html.contains("Trong số đó có việc làm sau 6 tháng"))
        }
    }

    /// A policy-bank loan: eligibility from the registry's classes, the chairman's confirmation,
    /// the bank's decision within the ceiling, the disbursement within it, the checks of use as
    /// the clock moves, the bank's list, the ward report.
    @Test(arguments: TestDatabase.all)
    func aLoanIsConfirmedApprovedDisbursedAndFollowed(db: TestDatabase) async throws {
        let clock = TestClock()
        try await withAnsinh(db, clock: clock) { (app: Application) async throws in
            let store = app.store
            let officer = try await demoActor(store, "canbo.khuongdinh"), leader = try await demoActor(store, "lanhdao.khuongdinh")
            try await Self.household(store, officer)
            let repo = LivelihoodRepository(store)
            let today = store.today
            var input = LoanInput()
            input.nationalID = "001088000111"; input.programme = "near_poor_household"; input.purpose = "Mua xe bán hàng"; input.amount = 150_000_000
            input.termMonths = 200
            do {
                _ = try await repo.prepareLoan(officer, input, today: today)
                Issue.record("accepted")
            } catch AppError.validation(let errors) {
                #expect(
                    errors.map { "\($0.field):\($0.message.key)" }.sorted() == [
                        "amount:validation.range", "programme:loan.error.not_near_poor", "term_months:validation.range",
                    ])
            }
            input.nationalID = "001315000333"; input.programme = "job_creation"; input.amount = 40_000_000; input.termMonths = 36
            await #expect(throws: AppError.validation([FieldError(field: "national_id", message: Message("loan.error.age"))])) {
                try await repo.prepareLoan(officer, input, today: today)
            }
            #expect(try await LoanModel.query(on: store.db).count() == 0)
            let token = try await apiToken(store, "canbo.khuongdinh")
            let created = try await apiRequest(
                app, .POST, "/api/v1/loans", token: token,
                json: #"{"national_id":"001088000111","programme":"job_creation","purpose":"Mở quán cơm","amount":40000000,"term_months":36}"#)
            #expect(created.status == .created && jsonObject(created)["status"] as? String == "prepared")
            let id = UUID(uuidString: jsonObject(created)["id"] as! String)!
            #expect(
                try await apiRequest(
                    app, .POST, "/api/v1/loans", token: token,
                    json: #"{"national_id":"001190000222","programme":"job_creation","purpose":"Khác","amount":1000000,"term_months":12}"#
                ).status == .conflict)
            // The officer does not confirm; the chairman does.
            #expect(
                try await apiRequest(app, .POST, "/api/v1/loans/\(id)/confirm", token: token, json: #"{"confirmation_number":"XN-1"}"#).status == .forbidden)
            var step = LoanStepInput()
            step.number = "XN-01/2026"
            try await repo.step(leader, loan: id, .confirm, step, today: today)
            step = LoanStepInput()
            step.date = today.iso
            try await repo.step(officer, loan: id, .submit, step, today: today)
            step.amount = 120_000_000; step.number = "QĐ 9"
            await #expect(throws: AppError.validation([FieldError(field: "amount", message: Message("loan.error.ceiling", ["max": "100000000"]))])) {
                try await repo.step(officer, loan: id, .approve, step, today: today)
            }
            step.amount = 35_000_000
            try await repo.step(officer, loan: id, .approve, step, today: today)
            let over = try await apiRequest(
                app, .POST, "/api/v1/loans/\(id)/disburse", token: token, json: #"{"date":"\#(today.iso)","amount":40000000}"#)
            #expect(over.status == .unprocessableEntity && String(buffer: over.body).contains("amount"))
            let paid = try await apiRequest(app, .POST, "/api/v1/loans/\(id)/disburse", token: token, json: #"{"date":"\#(today.iso)","amount":35000000}"#)
            #expect(
                paid.status == .ok && jsonObject(paid)["disbursed"] as? Int == 35_000_000 && jsonObject(paid)["actions"] as? [String] == ["check_use", "close"])
            #expect(jsonObject(paid)["next_use_check"] as? String == today.adding(months: 6).iso)
            // The bank's transaction day, told by SMS to the borrower's household (the day is checked,
            // the place is needed; a second round for the same day sends nothing more).
            let home = try await HouseholdModel.query(on: store.db).filter(\.$code == "00364-VL1").first()!
            home.phone = "0912000777"
            try await home.save(on: store.db)
            let past = try await apiRequest(
                app, .POST, "/api/v1/loan-reminders", token: token, json: #"{"date":"\#(today.adding(days: -1).iso)","location":" "}"#)
            let fields = ((jsonObject(past)["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String }
            #expect(past.status == .unprocessableEntity && fields.sorted() == ["date", "location"])
            let day = today.adding(days: 19)
            let reminded = try await apiRequest(
                app, .POST, "/api/v1/loan-reminders", token: token, json: #"{"date":"\#(day.iso)","location":"Nhà văn hóa tổ dân phố 1"}"#)
            #expect(reminded.status == .ok && jsonObject(reminded)["reminded"] as? Int == 1 && jsonObject(reminded)["without_phone"] as? Int == 0)
            let again = try await apiRequest(
                app, .POST, "/api/v1/loan-reminders", token: token, json: #"{"date":"\#(day.iso)","location":"Nhà văn hóa tổ dân phố 1"}"#)
            #expect(jsonObject(again)["reminded"] as? Int == 0 && jsonObject(again)["already"] as? Int == 1)
            let sms = try await OutboxMessageModel.query(on: store.db).filter(\.$sourceID == id).all()
            #expect(sms.count == 1 && sms[0].recipient == "0912000777" && sms[0].channel == "sms")
            #expect(
                sms[0].text.hasPrefix("Nhắc lịch: phiên giao dịch của Ngân hàng Chính sách xã hội ngày \(day.formatted(.vi)) tại Nhà văn hóa tổ dân phố 1."))
            #expect(sms[0].text.contains("Xin mang sổ vay (Cho vay giải quyết việc làm)") && sms[0].text.hasSuffix("— UBND Phường Khương Đình"))
            #expect(try await repo.loan(officer, id: id).remindedFor == day.iso)
            // Not the accountant's to send.
            let accountant = try await apiToken(store, "ketoan.khuongdinh")
            #expect(
                try await apiRequest(app, .POST, "/api/v1/loan-reminders", token: accountant, json: #"{"date":"\#(day.iso)","location":"x"}"#).status
                    == .forbidden)
            // The check of use falls due six months on.
            #expect(try await repo.useChecksDue(officer, today: today).isEmpty)
            clock.advance(minutes: Double(today.adding(months: 6).days - today.days) * 24 * 60)
            #expect(try await repo.useChecksDue(officer, today: store.today).map(\.id) == [id])
            step = LoanStepInput()
            step.date = store.today.iso; step.text = "Quán đã mở"
            try await repo.step(officer, loan: id, .checkUse, step, today: store.today)
            #expect(try await repo.useChecksDue(officer, today: store.today).isEmpty)
            #expect(try await repo.loan(officer, id: id).useCheckDue == store.today.adding(months: 6))
            // The bank's list and the ward report.
            let browser = TestBrowser(app)
            try await browser.login("canbo.khuongdinh")
            let csv = try await browser.get("/livelihood/loans/export?format=csv").body.string
            #expect(csv.contains("so_dinh_danh") && csv.contains("Đặng Văn Bếp,001088000111") && csv.contains("job_creation,Mở quán cơm,40000000,36"))
            let report = try await LivelihoodRepository(store).figures(
                wardPath: try await UnitRepository(store).find(code: "00364")!.path, year: today.year)
            #expect(report.loansConfirmed == 1 && report.loansDisbursed == 1 && report.loansDisbursedAmount == 35_000_000)
            let trail = try await AuditEntryModel.query(on: store.db).filter(\.$entity == "loan").all().map(\.action)
            #expect(
                trail.sorted() == ["loan_approve", "loan_check_use", "loan_confirm", "loan_disburse", "loan_prepare", "loan_remind", "loan_submit"])
        }
    }
}
