import AnsinhCore
import FluentKit
import Foundation

extension DemoData {
    /// The ward's 2025 in jobs and training (field notes §1): a counselling session and a job
    /// fair with the employment service centre; the ward's cooking course, from which a freelance
    /// worker whose income had fallen was referred to a restaurant in the ward, hired, and still
    /// working at six months; the other learners' outcomes (one self-employed selling food online,
    /// one not working, one who left the course). Every step goes through the repository, dated
    /// on its day of 2025. Returns the worker's job seeker id.
    @discardableResult
    public static func loadLivelihood(_ store: Store) async throws -> UUID? {
        guard let officer = try await account(store, "canbo.khuongdinh") else { return nil }
        let repo = LivelihoodRepository(store)
        // Working-age residents with a national ID and no disability, the same on every load.
        let people = try await store.scoped(PersonModel.self, officer).filter(\.$deathDate == nil).filter(\.$mergedInto == nil)
            .filter(\.$birthYear >= 1975).filter(\.$birthYear <= 2003).filter(\.$nationalID != nil).filter(\.$disabilityLevel == DisabilityLevel.none.rawValue)
            .sort(\.$nationalID).limit(20).all()
        guard people.count >= 12 else { return nil }
        func day(_ s: String) -> LocalDate { LocalDate(iso: s)! }
        var seekers: [UUID] = []
        let skills = ["nấu ăn, phục vụ", "bán hàng, bán hàng online", "may mặc", "nấu ăn", "lái xe, giao hàng", "sửa xe máy"]
        for (n, p) in people.prefix(8).enumerated() {
            var s = SeekerInput()
            s.nationalID = p.nationalID!; s.skills = skills[n % skills.count]
            s.wishes = n == 0 ? "Việc ổn định gần nhà, làm bếp" : "Việc làm ổn định"
            s.constraints = n == 0 ? "Lao động tự do, thu nhập giảm sau dịch" : ""
            seekers.append(try await repo.register(officer, s, today: day("2025-02-\(10 + n)")))
        }
        var e = EventInput()
        e.unitCode = "00364"; e.kind = LivelihoodEventKind.counselling.rawValue; e.title = "Tư vấn hướng nghiệp, giới thiệu việc làm"
        e.heldOn = "2025-02-20"; e.place = "Hội trường UBND phường"; e.partner = "Trung tâm Dịch vụ việc làm Hà Nội"
        let session = try await repo.createEvent(officer, e, today: day("2025-02-20"))
        for p in people.prefix(12) { try await repo.attend(officer, eventID: session, nationalID: p.nationalID!) }
        e.kind = LivelihoodEventKind.jobFair.rawValue; e.title = "Phiên giao dịch việc làm phường Khương Đình"; e.heldOn = "2025-09-12"
        e.place = "Nhà văn hóa Tổ dân phố 1"
        let fair = try await repo.createEvent(officer, e, today: day("2025-09-12"))
        for p in people.dropFirst(6).prefix(10) { try await repo.attend(officer, eventID: fair, nationalID: p.nationalID!) }

        var em = EmployerInput()
        em.unitCode = "00364"; em.groupCode = "00364-TDP01"; em.name = "Nhà hàng Cơm quê Khương Đình"; em.sector = "Ăn uống"
        em.address = "Ngõ 211 Khương Trung"; em.phone = "0243 856 1122"
        let restaurant = try await repo.createEmployer(officer, em)
        var v = VacancyInput()
        v.title = "Phụ bếp"; v.skills = "nấu ăn, sơ chế"; v.places = 2; v.wage = 6_500_000
        let kitchen = try await repo.addVacancy(officer, employerID: restaurant, v, today: day("2025-05-15"))
        em.groupCode = "00364-TDP02"; em.name = "Xưởng may Thanh Xuân"; em.sector = "May mặc"; em.address = "Số 8 Khương Đình"; em.phone = ""
        let sewing = try await repo.createEmployer(officer, em)
        v.title = "Công nhân may"; v.skills = "may mặc"; v.places = 5; v.wage = 7_000_000; v.suitsMildDisability = true
        _ = try await repo.addVacancy(officer, employerID: sewing, v, today: day("2025-06-01"))

        var c = CourseInput()
        c.unitCode = "00364"; c.title = "Nấu ăn cơ bản – khóa 1/2025"; c.trade = "Nấu ăn"; c.provider = "Trung tâm Dịch vụ việc làm Hà Nội"
        c.startsOn = "2025-03-03"; c.endsOn = "2025-05-30"; c.places = 25; c.cost = 3_000_000
        let course = try await repo.createCourse(officer, c)
        var enrolments: [UUID] = []
        for p in people.prefix(4) { enrolments.append(try await repo.enrol(officer, courseID: course, nationalID: p.nationalID!, today: day("2025-02-27"))) }
        for (n, id) in enrolments.prefix(3).enumerated() {
            try await repo.step(
                officer, enrolment: id, .complete, completedOn: "2025-05-30", certificate: "NA-2025-\(LocalDate.digits(n + 1, 3))", reason: "",
                today: day("2025-05-30"))
        }
        try await repo.step(officer, enrolment: enrolments[3], .drop, completedOn: "", certificate: "", reason: "Chuyển nơi ở", today: day("2025-04-10"))

        let referral = try await repo.refer(officer, seekerID: seekers[0], vacancyID: kitchen, today: day("2025-06-02"))
        try await repo.step(officer, referral: referral, .interview, date: "2025-06-05", wage: nil, reason: "")
        try await repo.step(officer, referral: referral, .hire, date: "2025-06-16", wage: 6_500_000, reason: "")
        let outcomes: [(CourseOutcomeStatus, Int64)] = [(.employed, 6_500_000), (.selfEmployed, 5_000_000), (.notWorking, 0)]
        for (n, id) in enrolments.prefix(3).enumerated() {
            for (month, on) in [(3, "2025-08-30"), (6, "2025-11-30")] {
                try await repo.recordOutcome(officer, enrolment: id, month: month, status: outcomes[n].0.rawValue, income: outcomes[n].1, today: day(on))
            }
        }
        // Two policy-bank loans: a grocery with online selling, started on a job-creation loan
        // (confirmed by the ward's chairman, approved, disbursed, its use checked), and a clean
        // water and sanitation loan still with the bank.
        if let leader = try await account(store, "lanhdao.khuongdinh") {
            typealias Step = (LoanLifecycle.Transition, String, Int64?, String, String)
            let loans: [(Int, String, String, Int64, Int, String, [Step])] = [
                (
                    1, "job_creation", "Mở cửa hàng tạp hóa và bán hàng online", 50_000_000, 36, "2025-03-10",
                    [
                        (.confirm, "2025-03-12", nil, "XN-07/2025", ""), (.submit, "2025-03-15", nil, "", ""),
                        (.approve, "2025-04-02", 50_000_000, "125/QĐ-NHCS", ""), (.disburse, "2025-04-10", 50_000_000, "", ""),
                        (.checkUse, "2025-10-10", nil, "", "Cửa hàng tạp hóa đã mở, bán hàng online ổn định"),
                    ]
                ),
                (
                    2, "clean_water_sanitation", "Xây nhà vệ sinh và bể nước", 20_000_000, 36, "2025-08-05",
                    [(.confirm, "2025-08-07", nil, "XN-19/2025", ""), (.submit, "2025-08-12", nil, "", "")]
                ),
            ]
            for (n, programme, purpose, amount, term, prepared, steps) in loans {
                var input = LoanInput()
                input.nationalID = people[n].nationalID!; input.programme = programme; input.purpose = purpose; input.amount = amount
                input.termMonths = term; input.savingsGroup = "Tổ TK&VV Hội Phụ nữ phường"
                let id = try await repo.prepareLoan(officer, input, today: day(prepared))
                for (t, on, money, number, text) in steps {
                    var step = LoanStepInput()
                    step.date = on; step.amount = money; step.number = number; step.text = text
                    try await repo.step(t == .confirm ? leader : officer, loan: id, t, step, today: day(on))
                }
                if programme == "job_creation" { try await loadBusiness(repo, officer, nationalID: input.nationalID, loan: id) }
            }
        }
        return seekers[0]
    }

    /// The grocery with online selling: its plan, the support (the Women's Union's online-selling
    /// class, the job-creation loan, a refrigerator a firm gave), opened in April and doing well
    /// at its follow-ups.
    static func loadBusiness(_ repo: LivelihoodRepository, _ officer: Actor, nationalID: String, loan: UUID) async throws {
        func day(_ s: String) -> LocalDate { LocalDate(iso: s)! }
        var p = BusinessPlanInput()
        p.nationalID = nationalID; p.kind = BusinessKind.grocery.rawValue; p.name = "Tạp hóa và bán hàng online"; p.capital = 70_000_000
        p.plan = "Mở cửa hàng tạp hóa tại nhà, bán thêm hàng qua mạng cho khách trong phường; vốn vay Ngân hàng Chính sách xã hội và tiền tiết kiệm"
        let plan = try await repo.createPlan(officer, p, today: day("2025-03-05"))
        let supports: [(BusinessSupportKind, String, Int64, UUID?, String)] = [
            (.training, "2025-03-20", 0, nil, "Lớp bán hàng online của Hội Phụ nữ phường"), (.loan, "2025-04-10", 0, loan, "Vay giải quyết việc làm"),
            (.equipment, "2025-04-12", 8_000_000, nil, "Tủ mát do doanh nghiệp trên địa bàn tặng"),
        ]
        for (kind, on, amount, loanID, note) in supports {
            var s = BusinessSupportInput()
            s.kind = kind.rawValue; s.day = on; s.amount = amount; s.loanID = loanID; s.note = note
            try await repo.addSupport(officer, plan: plan, s, today: day(on))
        }
        var step = BusinessStepInput()
        step.date = "2025-04-15"
        try await repo.step(officer, plan: plan, .start, step, today: day(step.date))
        for (on, income) in [("2025-07-15", Int64(6_000_000)), ("2025-10-15", 8_500_000)] {
            step.date = on; step.outcome = BusinessOutcome.operating.rawValue; step.income = income; step.note = "Khách quen trong tổ dân phố, đơn online tăng"
            try await repo.step(officer, plan: plan, .followUp, step, today: day(on))
        }
    }
}
