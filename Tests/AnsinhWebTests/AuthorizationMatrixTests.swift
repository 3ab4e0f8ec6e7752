import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import AnsinhWeb

/// Every registered route × every role → the expected status. A route added without a row here
/// fails the test, so no route can ship without a decision on who may use it.
@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    /// Column order of the expectations.
    static let roles: [(Role, String)] = [
        (.systemAdmin, "admin"), (.wardOfficer, "canbo.khuongdinh"), (.wardApprover, "lanhdao.khuongdinh"),
        (.accountant, "ketoan.khuongdinh"), (.centreSocialWorker, "ctxh.quangninh"), (.centreManager, "giamdoc.quangninh"),
        (.auditor, "kiemtoan"),
    ]

    enum Body { case none, form([(String, String)]), json(String), upload(String) }
    struct Row {
        let method: HTTPMethod
        let template: String
        let path: String
        let body: (Role) -> Body
        let expect: [UInt]
    }

    @Test(arguments: TestDatabase.all)
    func everyRouteForEveryRole(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let units = UnitRepository(app.store)
            let ward = try await units.find(code: "00364")!.id.uuidString
            let group = try await units.find(code: "00364-TDP01")!.id.uuidString
            let accountant = try await UserRepository(app.store).find(username: "ketoan.khuongdinh")!.id.uuidString
            let target = try await UserRepository(app.store).create(
                .system,
                UserInput(
                    username: "matrix.target", fullName: "Mục tiêu", password: "matrix-password", role: "ward_officer",
                    unitID: UUID(uuidString: ward), locale: nil)
            ).id.uuidString
            let none: (Role) -> Body = { _ in .none }
            let everyone: [UInt] = [200, 200, 200, 200, 200, 200, 200]
            // Two tokens of the target account: only an administrator in scope may revoke them.
            for name in ["page", "api"] { _ = try await TokenRepository(app.store).create(.system, for: UUID(uuidString: target)!, name: name) }
            let targetTokens = try await TokenRepository(app.store).list(.system, userID: UUID(uuidString: target)!)
            let pageToken = targetTokens.first { $0.name == "page" }!.id.uuidString, apiToken = targetTokens.first { $0.name == "api" }!.id.uuidString
            // Registry fixtures: a household with a head and two members, and an import job with an error.
            let officer = try await UserRepository(app.store).actor(
                for: try await UserRepository(app.store).find(username: "canbo.khuongdinh")!.id, fallbackLocale: .vi)!
            let registry = RegistryRepository(app.store)
            let day = LocalDate(iso: "2026-01-01")!
            let household = try await registry.createHousehold(
                officer,
                HouseholdInput(
                    code: "00364-M1", communeID: UUID(uuidString: ward), groupID: UUID(uuidString: group),
                    address: "Số 1", areaType: nil, phone: nil),
                head: PersonInput(fullName: "Trần Văn Chủ", gender: "male", birth: "1960"), since: day)
            let hid = household.id.uuidString
            let m1 = try await registry.addMember(
                officer, householdID: household.id, person: PersonInput(fullName: "Con Một", gender: "female", birth: "1990"), role: "child", since: day
            ).id.uuidString
            let m2 = try await registry.addMember(
                officer, householdID: household.id, person: PersonInput(fullName: "Con Hai", gender: "male", birth: "1992"), role: "child", since: day
            ).id.uuidString
            let head = try await registry.households(officer, query: "Trần Văn Chủ", page: PageSpec(page: 1)).items.first!
            let headPerson = try await registry.persons(officer, query: "tran van chu", page: PageSpec(page: 1)).items.first!.id.uuidString
            _ = head
            let csv =
                "household_code,commune_code,full_name,gender,date_of_birth,relation_to_head\n00364-M2,00364,Lê Thị Một,female,1970,head\n00364-M3,00364,,male,1970,head\n"
            let job = try await RegistryImporter(app.store).validate(officer, fileName: "m.csv", data: Data(csv.utf8)).jobID.uuidString
            // Review fixtures: a 2026 campaign of the ward with one household on the list.
            let reviews = ReviewRepository(app.store)
            let campaign = try await reviews.createCampaign(
                officer, CampaignInput(communeID: UUID(uuidString: ward), year: 2026, kind: "periodic"),
                today: day
            ).id.uuidString
            let entry = try await reviews.addRequest(officer, campaignID: UUID(uuidString: campaign)!, householdCode: "00364-M1").uuidString
            let c = "/review/campaigns/\(campaign)"
            // A second campaign (2027) still listing, with no household, for the API steps.
            let fresh = try await reviews.createCampaign(
                officer, CampaignInput(communeID: UUID(uuidString: ward), year: 2027, kind: "periodic"), today: day
            ).id.uuidString
            // Allowance fixtures: an application of the head, and a payment cycle of January 2026.
            var application = ApplicationInput(personID: UUID(uuidString: headPerson)!)
            application.formType = "1a"; application.receivedDate = "2025-06-02"  // before July 2025: posted (Decree 20 Art. 8(2))
            let appl = "/allowances/applications/" + (try await DecisionRepository(app.store).receive(officer, application)).uuidString
            let cycle =
                "/payments/cycles/"
                + (try await PayrollRepository(app.store).generate(
                    officer, communeID: UUID(uuidString: ward)!,
                    month: YearMonth(iso: "2026-01")!)).uuidString
            let decisions = "/registry/persons/\(headPerson)/decisions"
            // A one-off decision of the head (a relocation, Decree 20 Art. 15(2)), signed by the chairman.
            var relocation = OneOffInput(personID: UUID(uuidString: headPerson)!)
            relocation.kind = "relocation"; relocation.eventDate = "2026-02-02"; relocation.number = "DD-1/QĐ"; relocation.signedDate = "2026-02-03"
            let oneOff = try await OneOffRepository(app.store).decide(
                try await UserRepository(app.store).actor(
                    for: try await UserRepository(app.store).find(username: "lanhdao.khuongdinh")!.id, fallbackLocale: .vi)!, relocation
            ).uuidString
            // A person's request about their data, open.
            let dataRequest = try await SubjectRequestRepository(app.store).receive(
                officer, personID: UUID(uuidString: headPerson)!, kind: "correction", receivedOn: "2026-02-02", requestedBy: "Trần Văn Chủ",
                detail: "Sai số điện thoại"
            ).id.uuidString
            // A consent the person gave to be named to donors.
            var consentInput = PersonConsentInput()
            consentInput.purpose = "name_to_donors"; consentInput.givenBy = "person"; consentInput.givenByName = "Trần Văn Chủ"
            consentInput.givenOn = "2026-01-05"
            let personConsent = try await PersonConsentRepository(app.store).record(officer, personID: UUID(uuidString: headPerson)!, consentInput).id
                .uuidString
            // A breach in the ward's breach log, recorded by its leader.
            var leak = BreachInput()
            leak.summary = "Danh sách gửi nhầm"; leak.foundAt = Date(timeIntervalSince1970: 1_770_000_000); leak.description = "Gửi nhầm email"
            leak.dataAffected = "Họ tên, số định danh"; leak.personsAffected = "12"
            let breach = try await BreachRepository(app.store).record(
                try await UserRepository(app.store).actor(
                    for: try await UserRepository(app.store).find(username: "lanhdao.khuongdinh")!.id, fallbackLocale: .vi)!, leak
            ).uuidString
            // A resident's request to the ward, sent from the public form.
            var ask = PublicRequestInput()
            ask.kind = "question"; ask.unitCode = "00364"; ask.text = "Khi nào phát trợ cấp?"; ask.name = "Lê Văn Hỏi"; ask.phone = "0912000111"
            ask.consent = true
            let askCode = try await FeedbackRepository(app.store).submit(ask, address: "matrix")
            let request = try await PublicRequestModel.query(on: app.store.db).filter(\.$code == askCode).first()!.id!.uuidString
            // A drafted announcement of the ward.
            var notice = AnnouncementInput()
            notice.unitCode = "00364"; notice.kind = "payment_day"; notice.title = "Lịch chi trả"; notice.body = "Ngày 10"; notice.until = "2099-01-01"
            let announcement = try await AnnouncementRepository(app.store).create(officer, notice, today: LocalDate(iso: "2026-01-01")!).uuidString
            // Jobs and training: a job seeker (a member with a national ID), an employer with a
            // vacancy, a referral, a course with the seeker enrolled, a counselling session.
            _ = try await registry.addMember(
                officer, householdID: household.id, person: PersonInput(fullName: "Người Tìm Việc", gender: "male", birth: "1992", nationalID: "001092012345"),
                role: "child", since: day)
            let jobs = LivelihoodRepository(app.store)
            var seekerInput = SeekerInput()
            seekerInput.nationalID = "001092012345"; seekerInput.skills = "nấu ăn"
            let seeker = try await jobs.register(officer, seekerInput, today: day)
            var employerInput = EmployerInput()
            employerInput.unitCode = "00364"; employerInput.name = "Quán Ma Trận"; employerInput.sector = "Ăn uống"; employerInput.address = "Số 2"
            let employer = try await jobs.createEmployer(officer, employerInput)
            var vacancyInput = VacancyInput()
            vacancyInput.title = "Phụ bếp"; vacancyInput.skills = "nấu ăn"; vacancyInput.places = 1; vacancyInput.wage = 6_000_000
            let vacancy = try await jobs.addVacancy(officer, employerID: employer, vacancyInput, today: day)
            let jobReferral = try await jobs.refer(officer, seekerID: seeker, vacancyID: vacancy, today: day).uuidString
            var courseInput = CourseInput()
            courseInput.unitCode = "00364"; courseInput.title = "Nấu ăn"; courseInput.trade = "Nấu ăn"; courseInput.provider = "Trung tâm"
            courseInput.startsOn = "2026-01-05"; courseInput.endsOn = "2099-03-01"; courseInput.places = 10; courseInput.cost = 3_000_000
            let course = try await jobs.createCourse(officer, courseInput)
            let learner = try await jobs.enrol(officer, courseID: course, nationalID: "001092012345", today: day).uuidString
            var eventInput = EventInput()
            eventInput.unitCode = "00364"; eventInput.kind = "counselling"; eventInput.title = "Tư vấn"; eventInput.heldOn = "2026-01-10"
            eventInput.place = "Hội trường"
            let jobEvent = try await jobs.createEvent(officer, eventInput, today: day).uuidString
            let (seekerID, employerID, courseID) = (seeker.uuidString, employer.uuidString, course.uuidString)
            var loanInput = LoanInput()
            loanInput.nationalID = "001092012345"; loanInput.programme = "job_creation"; loanInput.purpose = "Mở quán"; loanInput.amount = 30_000_000
            loanInput.termMonths = 36
            let loan = try await jobs.prepareLoan(officer, loanInput, today: day).uuidString
            // Education support: a school of the ward and a pupil with a mild disability on its list.
            let pupilPerson = try await registry.addMember(
                officer, householdID: household.id, person: PersonInput(fullName: "Em Học Sinh", gender: "female", birth: "2018", disability: "mild"),
                role: "child", since: day)
            var schoolInput = SchoolInput()
            schoolInput.unitCode = "00364"; schoolInput.name = "Trường Ma Trận"; schoolInput.level = "primary"; schoolInput.ownership = "public"
            let school = try await EducationRepository(app.store).addSchool(officer, schoolInput)
            var pupilInput = PupilInput()
            pupilInput.personID = pupilPerson.id; pupilInput.schoolID = school; pupilInput.schoolYear = SchoolYear.of(app.store.today).start
            _ = try await EducationRepository(app.store).recordPupil(officer, pupilInput, today: app.store.today)
            let educationLine = try await EducationSupportModel.query(on: app.store.db).first()!.id!.uuidString
            // A small-business plan of the job seeker.
            var planInput = BusinessPlanInput()
            planInput.nationalID = "001092012345"; planInput.kind = "grocery"; planInput.name = "Tạp hóa"; planInput.plan = "Bán hàng"; planInput.capital = 0
            let businessPlan = try await jobs.createPlan(officer, planInput, today: day)
            // A proposed living-conditions work of the ward, with a photo.
            var workInput = WorkInput()
            workInput.unitCode = "00364"; workInput.kind = "lighting"; workInput.title = "Đèn ngõ"; workInput.location = "Ngõ 1"; workInput.need = "Tối"
            workInput.origin = "ward_plan"; workInput.estimate = 1_000_000
            let work = try await WorksRepository(app.store).propose(officer, workInput, today: day)
            let workPhoto = try await WorksRepository(app.store).addPhoto(
                officer, work: work, caption: "Ảnh", day: day.iso, data: Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]), today: day)
            // A case of the centre, opened by its social worker (still "registered").
            let worker = try await UserRepository(app.store).actor(
                for: try await UserRepository(app.store).find(username: "ctxh.quangninh")!.id, fallbackLocale: .vi)!
            var intake = CaseInput()
            intake.kind = "emergency"; intake.source = "hotline"; intake.riskLevel = "high"; intake.riskReason = "Bị bỏ rơi"
            intake.placement = "community_support"; intake.personName = "Em Ma Trận"
            let caseID = try await CaseRepository(app.store).open(worker, intake).id.uuidString
            let cases: [UInt] = [200, 403, 403, 403, 200, 200, 403]
            // Its consents (to refer it to the ward, to call back, to share its file) and a
            // referral to the ward, which that ward's officer answers.
            let caseRepo = CaseRepository(app.store)
            var consent = ConsentInput()
            consent.purpose = "referral"; consent.recipientKind = "ward_office"; consent.scope = "Họ tên"; consent.givenBy = "parent"
            consent.givenByName = "Mẹ"; consent.givenOn = app.store.today.iso
            _ = try await caseRepo.addConsent(worker, caseID: UUID(uuidString: caseID)!, consent)
            consent.purpose = "share_file"; consent.recipientKind = ""
            _ = try await caseRepo.addConsent(worker, caseID: UUID(uuidString: caseID)!, consent)
            consent.purpose = "callback"
            let callback = try await caseRepo.addConsent(worker, caseID: UUID(uuidString: caseID)!, consent).uuidString
            var toWard = ReferralInput()
            toWard.recipientKind = "ward_office"; toWard.recipientUnitCode = "00364"; toWard.service = "Đi học lại"
            toWard.dueDate = app.store.today.adding(days: 7).iso
            let referral = try await caseRepo.refer(worker, caseID: UUID(uuidString: caseID)!, toWard).uuidString
            let answer: [UInt] = [200, 200, 403, 403, 200, 200, 403]
            var todo = TaskInput()
            todo.title = "Thăm gia đình"; todo.dueOn = app.store.today.adding(days: 3).iso
            let task = try await caseRepo.addTask(worker, caseID: UUID(uuidString: caseID)!, todo).uuidString
            let document = try await caseRepo.addDocument(
                worker, caseID: UUID(uuidString: caseID)!, title: "Biên bản", fileName: "bien-ban.pdf", data: Data("%PDF-1.4\n%%EOF\n".utf8)
            ).uuidString
            // Residential care: a room of two beds, a resident in the first with a prescription.
            let manager = try await UserRepository(app.store).actor(
                for: try await UserRepository(app.store).find(username: "giamdoc.quangninh")!.id, fallbackLocale: .vi)!
            let care = CareRepository(app.store)
            let department = try await units.find(code: "22-TTTGXH-P1")!.id.uuidString
            let room = try await care.addRoom(manager, departmentID: UUID(uuidString: department), code: "MT", sex: "mixed", beds: 2)
            let roomBeds = try await care.rooms(manager, on: app.store.today).first { $0.id == room }!.beds
            var admission = AdmissionInput()
            admission.fullName = "Em Nội Trú"; admission.gender = "male"; admission.birthDate = "2016-03-03"; admission.basis = "child_without_care"
            admission.decisionNumber = "MT/QĐ"; admission.decisionDate = app.store.today.iso; admission.decisionSigner = "Giám đốc"
            admission.referralSource = "UBND phường"; admission.admittedOn = app.store.today.iso; admission.bedID = roomBeds[0].id
            let resident = try await care.admit(manager, admission, today: app.store.today).uuidString
            let prescription = try await care.prescribe(
                manager, residentID: UUID(uuidString: resident)!, drug: "Vitamin C", dose: "1 viên", times: "08:00,20:00", from: app.store.today.iso,
                until: "", prescriber: "BS", today: app.store.today
            ).uuidString
            let freeBed = roomBeds[1].id.uuidString
            let today = app.store.today.iso
            // The staff plan: one position with one member.
            let position = try await StaffRepository(app.store).addPosition(
                manager, departmentID: UUID(uuidString: department), title: "Nhân viên MT", approved: 2)
            let member = try await StaffRepository(app.store).addMember(
                manager, positionID: position, fullName: "Nhân Viên", qualification: "Cử nhân", startedOn: today, username: "", today: app.store.today
            ).uuidString
            let staffView: [UInt] = [200, 403, 200, 403, 403, 200, 200]
            // The therapy programme: a child waiting.
            var child = EnrolmentInput()
            child.fullName = "Bé MT"; child.gender = "male"; child.birthDate = "2019-01-01"; child.referral = "Bệnh viện"; child.diagnosis = "Tự kỷ"
            child.enrolledOn = today
            let enrolment = try await TherapyRepository(app.store).enrol(manager, child, today: app.store.today).uuidString
            let incident = try await care.recordIncident(
                manager, residentID: UUID(uuidString: resident)!, occurredAt: "\(today)T08:00", kind: "fall", severity: "minor", description: "Ngã nhẹ",
                actionTaken: "", now: CareMoment("\(today)T23:59")!
            ).uuidString
            // Fee-paying care: a price, a contract resident, a contract with an invoice.
            let contractResident = try await care.admit(
                manager, CareTests.admission(name: "Cụ Hợp Đồng", birth: "1940-01-01", basis: .contract, on: today), today: app.store.today)
            try await care.addPrice(manager, unitID: nil, roomType: "double", term: "full_time", monthly: "9000000", vatPercent: "0", effectiveFrom: today)
            let contract = try await care.createContract(manager, ContractTests.input(contractResident, on: today), today: app.store.today)
            let invoice = try await care.invoice(manager, contractID: contract, month: String(today.prefix(7)), today: app.store.today).uuidString
            // Funds: a centre fund with a gift, a donor, and a disbursement the worker proposed.
            let funds = FundRepository(app.store)
            var fundInput = FundInput()
            fundInput.name = "Quỹ thử"; fundInput.kind = "child_protection"; fundInput.purpose = "Thử"; fundInput.allowedKinds = ["cash"]
            let fund = try await funds.createFund(manager, fundInput).uuidString
            var gift = ReceiptInput()
            gift.receivedOn = today; gift.method = "bank"; gift.amount = "1000000"
            let receipt = try await funds.recordReceipt(manager, fundID: UUID(uuidString: fund)!, gift, today: app.store.today).uuidString
            var donorInput = DonorInput()
            donorInput.kind = "firm"; donorInput.name = "Công ty thử"
            let donor = try await funds.addDonor(manager, donorInput).uuidString
            var promise = PledgeInput()
            promise.donorID = UUID(uuidString: donor); promise.amount = "500000"; promise.pledgedOn = today
            let pledge = try await funds.pledge(manager, fundID: UUID(uuidString: fund)!, promise, today: app.store.today).uuidString
            var proposal = DisbursementInput()
            proposal.kind = "cash"; proposal.sourceAccount = "bank"; proposal.amount = "1000"; proposal.beneficiaryKind = "resident"
            proposal.beneficiaryID = UUID(uuidString: resident); proposal.purpose = "Thử"
            let disbursement = try await funds.propose(worker, fundID: UUID(uuidString: fund)!, proposal, today: app.store.today).uuidString
            let fundView: [UInt] = [200, 404, 404, 404, 200, 200, 200], fundForm: [UInt] = [303, 404, 404, 404, 303, 303, 403]
            let fundAPI: [UInt] = [422, 422, 403, 422, 422, 422, 403]
            // A gift campaign of the ward, without gift types yet.
            var giftInput = GiftCampaignInput()
            giftInput.name = "Tết thử"; giftInput.occasion = "tet"; giftInput.day = today; giftInput.categories = ["elderly_80"]; giftInput.per = "person"
            let giftCampaign = try await GiftCampaignRepository(app.store).create(officer, giftInput).uuidString
            let wardView: [UInt] = [200, 200, 200, 200, 404, 404, 200], giftForm: [UInt] = [303, 303, 403, 403, 404, 404, 403]
            let giftAPI: [UInt] = [422, 422, 403, 403, 403, 403, 403]
            let careView: [UInt] = [200, 403, 403, 403, 200, 200, 403]
            let careForm: [UInt] = [303, 404, 404, 404, 303, 303, 403]
            let careAPI: [UInt] = [201, 403, 403, 403, 201, 201, 403]
            let due = toWard.dueDate
            var call = ContactInput()
            call.channel = "phone"; call.callerType = "adult_self"; call.ageGroup = "25_59"; call.sex = "female"; call.topic = "legal"
            let contact = try await HotlineRepository(app.store).record(worker, call).uuidString
            let view: [UInt] = [200, 200, 200, 200, 403, 403, 200]
            let manage: [UInt] = [303, 303, 403, 403, 403, 403, 403]
            let decide: [UInt] = [303, 403, 303, 403, 403, 403, 403]
            let pay: [UInt] = [303, 303, 403, 303, 403, 403, 403]
            let personForm: [(String, String)] = [("full_name", "Trần Văn Chủ"), ("gender", "male"), ("birth", "1960"), ("disability", "none")]
            let rows: [Row] =
                [
                    Row(method: .GET, template: "/health", path: "/health", body: none, expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(method: .GET, template: "/metrics", path: "/metrics", body: none, expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(method: .GET, template: "/static/app.css", path: "/static/app.css", body: none, expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(method: .GET, template: "/login", path: "/login", body: none, expect: [303, 303, 303, 303, 303, 303, 303]),
                    Row(method: .GET, template: "/", path: "/", body: none, expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .POST, template: "/language", path: "/language", body: { _ in .form([("locale", "vi"), ("back", "/")]) },
                        expect: [303, 303, 303, 303, 303, 303, 303]),
                    Row(method: .GET, template: "/admin/units", path: "/admin/units", body: none, expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(method: .GET, template: "/admin/units/new", path: "/admin/units/new", body: none, expect: [200, 200, 200, 403, 403, 200, 403]),
                    Row(
                        method: .POST, template: "/admin/units", path: "/admin/units",
                        body: { r in .form([("parent_id", ward), ("kind", "residential_group"), ("code", "M-\(r.rawValue)"), ("name", "Tổ \(r.rawValue)")]) },
                        expect: [303, 303, 303, 403, 403, 403, 403]),
                    Row(method: .GET, template: "/admin/units/:id", path: "/admin/units/\(ward)", body: none, expect: [200, 200, 200, 200, 404, 404, 200]),
                    Row(
                        method: .GET, template: "/admin/units/:id/edit", path: "/admin/units/\(group)/edit", body: none,
                        expect: [200, 200, 200, 403, 403, 404, 403]),
                    Row(
                        method: .POST, template: "/admin/units/:id/edit", path: "/admin/units/\(group)/edit",
                        body: { _ in .form([("code", "00364-TDP01"), ("name", "Tổ dân phố 1")]) }, expect: [303, 303, 303, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/admin/units/:id/delete", path: "/admin/units/\(ward)/delete", body: none,
                        expect: [303, 403, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/admin/units/:id/facts", path: "/admin/units/\(ward)/facts",
                        body: { _ in .form([("value", "yes"), ("valid_from", "2025-07-01"), ("note", "QĐ 861")]) }, expect: [303, 303, 303, 403, 404, 404, 403]),
                    Row(method: .GET, template: "/admin/users", path: "/admin/users", body: none, expect: [200, 403, 200, 403, 403, 200, 200]),
                    Row(method: .GET, template: "/admin/users/new", path: "/admin/users/new", body: none, expect: [200, 403, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/admin/users", path: "/admin/users",
                        body: { r in
                            .form([
                                ("username", "m.\(r.rawValue)"), ("full_name", "M"), ("password", "matrix-password"),
                                ("role", "auditor"), ("unit_id", ward),
                            ])
                        }, expect: [303, 403, 403, 403, 403, 403, 403]),
                    Row(
                        method: .GET, template: "/admin/users/:id", path: "/admin/users/\(accountant)", body: none, expect: [200, 403, 200, 200, 403, 404, 200]),
                    Row(
                        method: .GET, template: "/admin/users/:id/edit", path: "/admin/users/\(target)/edit", body: none,
                        expect: [200, 403, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/admin/users/:id/edit", path: "/admin/users/\(target)/edit",
                        body: { _ in .form([("username", "matrix.target"), ("full_name", "Mục tiêu"), ("role", "ward_officer"), ("unit_id", ward)]) },
                        expect: [303, 403, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/admin/users/:id/disable", path: "/admin/users/\(target)/disable", body: none,
                        expect: [303, 403, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/admin/users/:id/enable", path: "/admin/users/\(target)/enable", body: none,
                        expect: [303, 403, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/admin/users/:id/tokens", path: "/admin/users/\(target)/tokens",
                        body: { _ in .form([("name", "matrix")]) }, expect: [303, 403, 403, 403, 404, 404, 403]),
                    Row(method: .GET, template: "/admin/audit", path: "/admin/audit", body: none, expect: [200, 403, 200, 403, 403, 200, 200]),
                    Row(
                        method: .GET, template: "/admin/audit/export.csv", path: "/admin/audit/export.csv", body: none,
                        expect: [200, 403, 200, 403, 403, 200, 200]),
                    // Registry
                    Row(method: .GET, template: "/registry/households", path: "/registry/households", body: none, expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .GET, template: "/registry/households/export.csv", path: "/registry/households/export.csv", body: none,
                        expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .GET, template: "/registry/households/new", path: "/registry/households/new", body: none,
                        expect: [200, 200, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/registry/households", path: "/registry/households",
                        body: { r in
                            .form([
                                ("code", "00364-N-\(r.rawValue)"), ("commune_id", ward), ("address", "Số 2"), ("since", "2026-01-01"),
                                ("head_full_name", "Chủ \(r.rawValue)"), ("head_gender", "female"), ("head_birth", "1970"), ("head_disability", "none"),
                            ])
                        },
                        expect: [303, 303, 403, 403, 403, 403, 403]),
                    Row(
                        method: .GET, template: "/registry/households/:id", path: "/registry/households/\(hid)", body: none,
                        expect: [200, 200, 200, 200, 404, 404, 200]),
                    Row(
                        method: .POST, template: "/registry/households/:id/members", path: "/registry/households/\(hid)/members",
                        body: { r in
                            .form([
                                ("role", "other"), ("since", "2026-02-01"), ("full_name", "Thêm \(r.rawValue)"), ("gender", "male"), ("birth", "2000"),
                                ("disability", "none"),
                            ])
                        },
                        expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/registry/households/:id/leave", path: "/registry/households/\(hid)/leave",
                        body: { r in .form([("person_id", r == .wardOfficer ? m2 : m1), ("date", "2026-03-01"), ("reason", "chuyển đi")]) },
                        expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/registry/households/:id/move", path: "/registry/households/\(hid)/move",
                        body: { _ in .form([("address", "Số 5"), ("date", "2026-01-02")]) }, expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/registry/households/:id/split", path: "/registry/households/\(UUID().uuidString)/split",
                        body: { _ in .form([("members[]", m1), ("new_code", "00364-X9"), ("address", "Số 6"), ("new_head", m1), ("date", "2026-01-02")]) },
                        expect: [404, 404, 404, 404, 404, 404, 404]),
                    Row(
                        method: .POST, template: "/registry/households/:id/merge", path: "/registry/households/\(UUID().uuidString)/merge",
                        body: { _ in .form([("into_code", "00364-M1"), ("date", "2026-01-02")]) }, expect: [404, 404, 404, 404, 404, 404, 404]),
                    Row(
                        method: .POST, template: "/registry/persons/:id/relationships", path: "/registry/persons/\(headPerson)/relationships",
                        body: { _ in .form([("kind", "carer"), ("member", m1), ("since", "2026-01-01")]) }, expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/registry/relationships/:id/end", path: "/registry/relationships/\(UUID().uuidString)/end",
                        body: { _ in .form([("person", headPerson), ("date", "2026-02-01")]) }, expect: [404, 404, 404, 404, 404, 404, 404]),
                    Row(method: .GET, template: "/registry/persons", path: "/registry/persons", body: none, expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .GET, template: "/registry/persons/:id", path: "/registry/persons/\(headPerson)", body: none,
                        expect: [200, 200, 200, 200, 404, 404, 200]),
                    Row(
                        method: .GET, template: "/registry/persons/:id/edit", path: "/registry/persons/\(headPerson)/edit", body: none,
                        expect: [200, 200, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/registry/persons/:id/edit", path: "/registry/persons/\(headPerson)/edit", body: { _ in .form(personForm) },
                        expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(method: .GET, template: "/registry/import", path: "/registry/import", body: none, expect: [200, 200, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/registry/import", path: "/registry/import", body: { _ in .upload(csv) },
                        expect: [303, 303, 403, 403, 403, 403, 403]),
                    Row(
                        method: .GET, template: "/registry/import/template.csv", path: "/registry/import/template.csv", body: none,
                        expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .GET, template: "/registry/import/:id", path: "/registry/import/\(job)", body: none,
                        expect: [200, 200, 200, 200, 404, 404, 200]),
                    Row(
                        method: .POST, template: "/registry/import/:id/run", path: "/registry/import/\(job)/run", body: none,
                        expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(
                        method: .GET, template: "/registry/import/:id/errors.csv", path: "/registry/import/\(job)/errors.csv", body: none,
                        expect: [200, 200, 200, 200, 404, 404, 200]),
                    Row(
                        method: .GET, template: "/registry/persons/export.csv", path: "/registry/persons/export.csv", body: none,
                        expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(method: .GET, template: "/registry/duplicates", path: "/registry/duplicates", body: none, expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .POST, template: "/registry/duplicates/run", path: "/registry/duplicates/run", body: none,
                        expect: [303, 303, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/registry/duplicates/:id/merge", path: "/registry/duplicates/\(UUID().uuidString)/merge",
                        body: { _ in .form([("keep", "a")]) }, expect: [404, 404, 404, 404, 404, 404, 404]),
                    Row(
                        method: .POST, template: "/registry/duplicates/:id/dismiss", path: "/registry/duplicates/\(UUID().uuidString)/dismiss",
                        body: none, expect: [404, 404, 404, 404, 404, 404, 404]),
                    Row(method: .GET, template: "/api/v1/persons", path: "/api/v1/persons?q=tran", body: none, expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(method: .GET, template: "/api/v1/households", path: "/api/v1/households", body: none, expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .GET, template: "/api/v1/households/:id", path: "/api/v1/households/\(hid)", body: none,
                        expect: [200, 200, 200, 200, 404, 404, 200]),
                    // Allowances
                    Row(
                        method: .GET, template: "/allowances/calculator", path: "/allowances/calculator", body: none,
                        expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .POST, template: "/allowances/calculator", path: "/allowances/calculator",
                        body: { _ in .form([("month", "2024-08"), ("birth_date", "1994-01-01"), ("disability_level", "severe")]) },
                        expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(method: .GET, template: "/admin/rules", path: "/admin/rules", body: none, expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .POST, template: "/admin/rules", path: "/admin/rules", body: { _ in .form([("name", "d20_5_4_divorced_is_single")]) },
                        expect: [303, 403, 403, 403, 403, 403, 403]),
                    Row(
                        method: .GET, template: "/allowances/eligibility", path: "/allowances/eligibility", body: none,
                        expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .POST, template: "/allowances/eligibility/run", path: "/allowances/eligibility/run",
                        body: { _ in .form([("month", "2026-01")]) },
                        expect: [303, 303, 403, 403, 403, 403, 403]),
                    Row(
                        method: .GET, template: "/allowances/eligibility/:id", path: "/allowances/eligibility/\(UUID().uuidString)", body: none,
                        expect: [404, 404, 404, 404, 404, 404, 404]),
                    Row(
                        method: .GET, template: "/allowances/eligibility/:id/export.csv", path: "/allowances/eligibility/\(UUID().uuidString)/export.csv",
                        body: none,
                        expect: [404, 404, 404, 404, 404, 404, 404]),
                    // Applications, decisions, payments
                    Row(method: .GET, template: "/allowances/applications", path: "/allowances/applications", body: none, expect: view),
                    Row(method: .GET, template: "/allowances/applications/:id", path: appl, body: none, expect: view),
                    Row(
                        method: .POST, template: "/allowances/applications/:id/review", path: appl + "/review", body: none,
                        expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/allowances/applications/:id/posting", path: appl + "/posting",
                        body: { _ in .form([("posting_start", "2026-01-12")]) },
                        expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/allowances/applications/:id/decision", path: appl + "/decision",
                        body: { _ in .form([("number", ""), ("signed_date", "")]) },
                        expect: [303, 403, 303, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/allowances/applications/:id/refuse", path: appl + "/refuse", body: { _ in .form([("refusal_reason", "")]) },
                        expect: [303, 403, 303, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/allowances/applications/:id/hold", path: appl + "/hold", body: { _ in .form([("reason", " ")]) },
                        expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(method: .GET, template: "/registry/persons/:id/decisions", path: decisions, body: none, expect: view),
                    Row(method: .GET, template: "/registry/persons/:id/facts", path: "/registry/persons/\(headPerson)/facts", body: none, expect: view),
                    Row(method: .GET, template: "/allowances/health-insurance", path: "/allowances/health-insurance", body: none, expect: view),
                    Row(method: .GET, template: "/allowances/one-off", path: "/allowances/one-off", body: none, expect: view),
                    Row(
                        method: .POST, template: "/registry/persons/:id/data-requests", path: "/registry/persons/\(headPerson)/data-requests",
                        body: { _ in .form([("kind", "")]) }, expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/registry/data-requests/:id/complete", path: "/registry/data-requests/\(dataRequest)/complete",
                        body: { _ in .form([("outcome", "")]) }, expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/registry/data-requests/:id/refuse", path: "/registry/data-requests/\(dataRequest)/refuse",
                        body: { _ in .form([("outcome", "")]) }, expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/registry/data-requests/:id/erase", path: "/registry/data-requests/\(dataRequest)/erase",
                        body: { _ in .form([("outcome", "")]) }, expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(
                        method: .GET, template: "/registry/persons/:id/data", path: "/registry/persons/\(headPerson)/data", body: none,
                        expect: [200, 200, 200, 403, 403, 404, 200]),
                    Row(method: .GET, template: "/admin/breaches", path: "/admin/breaches", body: none, expect: [200, 403, 200, 403, 403, 200, 200]),
                    Row(
                        method: .POST, template: "/hotline/:id/hold", path: "/hotline/\(contact)/hold", body: { _ in .form([("reason", " ")]) },
                        expect: [303, 404, 404, 404, 303, 303, 403]),
                    Row(
                        method: .POST, template: "/api/v1/hotline/contacts/:id/hold", path: "/api/v1/hotline/contacts/\(contact)/hold",
                        body: { _ in .json(#"{"reason":" "}"#) }, expect: [422, 403, 403, 403, 422, 422, 403]),
                    Row(method: .GET, template: "/public/privacy", path: "/public/privacy", body: none, expect: [200, 200, 200, 200, 200, 200, 200]),
                    // Residents' requests: public pages for everyone; the inbox for the ward's officers and leaders.
                    Row(method: .GET, template: "/public/requests/new", path: "/public/requests/new", body: none, expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .POST, template: "/public/requests", path: "/public/requests", body: { _ in .form([("kind", "question")]) },
                        expect: [422, 422, 422, 422, 422, 422, 422]),
                    Row(
                        method: .GET, template: "/public/requests/sent", path: "/public/requests/sent?code=YC-00000-00000", body: none,
                        expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .GET, template: "/public/requests/track", path: "/public/requests/track", body: none,
                        expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .POST, template: "/public/requests/track", path: "/public/requests/track",
                        body: { _ in .form([("code", "YC-00000-00000"), ("phone", "0912000111")]) }, expect: [404, 404, 404, 404, 404, 404, 404]),
                    Row(
                        method: .POST, template: "/public/requests/messages", path: "/public/requests/messages",
                        body: { _ in .form([("code", "YC-00000-00000"), ("phone", "0912000111"), ("stop", "1")]) },
                        expect: [404, 404, 404, 404, 404, 404, 404]),
                    Row(
                        method: .POST, template: "/api/v1/public/requests/:tracking_code/messages",
                        path: "/api/v1/public/requests/YC-00000-00000/messages", body: { _ in .json(#"{"phone":"0912000111","messages":false}"#) },
                        expect: [404, 404, 404, 404, 404, 404, 404]),
                    Row(method: .GET, template: "/requests", path: "/requests?status=all", body: none, expect: [200, 200, 200, 403, 403, 403, 403]),
                    Row(method: .GET, template: "/requests/report", path: "/requests/report", body: none, expect: [200, 200, 200, 403, 403, 403, 403]),
                    Row(method: .GET, template: "/requests/:id", path: "/requests/\(request)", body: none, expect: [200, 200, 200, 403, 403, 403, 403]),
                    Row(
                        method: .GET, template: "/admin/request-deadlines", path: "/admin/request-deadlines", body: none,
                        expect: [200, 200, 200, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/admin/request-deadlines", path: "/admin/request-deadlines", body: { _ in .form([("kind", "x")]) },
                        expect: [303, 403, 403, 403, 403, 403, 403]),
                    Row(
                        method: .GET, template: "/api/v1/request-deadlines", path: "/api/v1/request-deadlines", body: none,
                        expect: [200, 200, 200, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/request-deadlines", path: "/api/v1/request-deadlines", body: { _ in .json(#"{"kind":"question"}"#) },
                        expect: [200, 403, 403, 403, 403, 403, 403]),
                    Row(
                        method: .GET, template: "/requests/files/:id", path: "/requests/files/\(UUID())", body: none,
                        expect: [404, 404, 404, 403, 404, 404, 403]),
                    Row(
                        method: .GET, template: "/api/v1/requests/:id/files", path: "/api/v1/requests/\(request)/files", body: none,
                        expect: [200, 200, 200, 403, 403, 403, 403]),
                    Row(
                        method: .GET, template: "/api/v1/request-files/:id", path: "/api/v1/request-files/\(UUID())", body: none,
                        expect: [404, 404, 404, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/requests/:id/step", path: "/requests/\(request)/step",
                        body: { _ in .form([("step", "note"), ("text", "")]) },
                        expect: [303, 303, 303, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/requests/:id/convert", path: "/requests/\(request)/convert", body: { _ in .form([("household_code", "")]) },
                        expect: [303, 303, 303, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/requests/:id/application", path: "/requests/\(request)/application",
                        body: { _ in .form([("national_id", "")]) }, expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/api/v1/requests/:id/application", path: "/api/v1/requests/\(request)/application",
                        body: { _ in .json("{}") }, expect: [422, 422, 422, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/requests/:id/household", path: "/requests/\(request)/household",
                        body: { _ in .form([("household_code", "")]) }, expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/api/v1/requests/:id/household", path: "/api/v1/requests/\(request)/household",
                        body: { _ in .json("{}") }, expect: [422, 422, 422, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/public/requests", path: "/api/v1/public/requests", body: { _ in .json("{}") },
                        expect: [422, 422, 422, 422, 422, 422, 422]),
                    Row(
                        method: .GET, template: "/api/v1/public/requests/:tracking_code", path: "/api/v1/public/requests/YC-00000-00000?phone=0912000111",
                        body: none, expect: [404, 404, 404, 404, 404, 404, 404]),
                    Row(method: .GET, template: "/api/v1/requests", path: "/api/v1/requests", body: none, expect: [200, 200, 200, 403, 403, 403, 403]),
                    Row(
                        method: .GET, template: "/api/v1/requests/report", path: "/api/v1/requests/report?month=2026-01", body: none,
                        expect: [200, 200, 200, 403, 403, 403, 403]),
                    Row(
                        method: .GET, template: "/api/v1/requests/:id", path: "/api/v1/requests/\(request)", body: none,
                        expect: [200, 200, 200, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/requests/:id/convert", path: "/api/v1/requests/\(request)/convert", body: { _ in .json("{}") },
                        expect: [422, 422, 422, 403, 403, 403, 403]),
                    // Forwarded to a centre: the ward forwards; the centre lists, reads, opens a case or gives back
                    // (a request not forwarded is not found there).
                    Row(
                        method: .POST, template: "/requests/:id/centre", path: "/requests/\(request)/centre", body: { _ in .form([("centre", "")]) },
                        expect: [303, 303, 303, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/api/v1/requests/:id/centre", path: "/api/v1/requests/\(request)/centre", body: { _ in .json("{}") },
                        expect: [422, 422, 422, 403, 403, 403, 403]),
                    Row(method: .GET, template: "/ward-requests", path: "/ward-requests?show=all", body: none, expect: [200, 403, 403, 403, 200, 200, 403]),
                    Row(
                        method: .GET, template: "/ward-requests/:id", path: "/ward-requests/\(request)", body: none,
                        expect: [404, 403, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/ward-requests/:id/case", path: "/ward-requests/\(request)/case",
                        body: { _ in .form([("person_name", "x")]) }, expect: [404, 403, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/ward-requests/:id/give-back", path: "/ward-requests/\(request)/give-back",
                        body: { _ in .form([("reason", "x")]) }, expect: [404, 403, 403, 403, 404, 404, 403]),
                    Row(
                        method: .GET, template: "/api/v1/ward-requests", path: "/api/v1/ward-requests", body: none, expect: [200, 403, 403, 403, 200, 200, 403]),
                    Row(
                        method: .GET, template: "/api/v1/ward-requests/:id", path: "/api/v1/ward-requests/\(request)", body: none,
                        expect: [404, 403, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/api/v1/ward-requests/:id/case", path: "/api/v1/ward-requests/\(request)/case", body: { _ in .json("{}") },
                        expect: [422, 403, 403, 403, 422, 422, 403]),
                    Row(
                        method: .POST, template: "/api/v1/ward-requests/:id/give-back", path: "/api/v1/ward-requests/\(request)/give-back",
                        body: { _ in .json("{}") }, expect: [422, 403, 403, 403, 422, 422, 403]),
                ]
                + [
                    Row(method: .GET, template: "/announcements", path: "/announcements", body: none, expect: [200, 200, 200, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/announcements", path: "/announcements", body: { _ in .form([("title", "")]) },
                        expect: [422, 422, 422, 403, 403, 403, 403]),
                    Row(
                        method: .GET, template: "/announcements/:id", path: "/announcements/\(announcement)", body: none,
                        expect: [200, 200, 200, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/announcements/:id/step", path: "/announcements/\(announcement)/step", body: { _ in .form([("step", "")]) },
                        expect: [303, 303, 303, 403, 404, 404, 403]),
                    Row(
                        method: .GET, template: "/public/announcements", path: "/public/announcements?ward=00364", body: none,
                        expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .GET, template: "/public/announcements/:id", path: "/public/announcements/\(announcement)", body: none,
                        expect: [404, 404, 404, 404, 404, 404, 404]),
                    Row(
                        method: .GET, template: "/api/v1/public/announcements", path: "/api/v1/public/announcements", body: none,
                        expect: [200, 200, 200, 200, 200, 200, 200]),
                    // The ward's information: anyone, signed in or not.
                    Row(method: .GET, template: "/public", path: "/public", body: none, expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .GET, template: "/public/support", path: "/public/support?ward=00364", body: none, expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .GET, template: "/public/postings", path: "/public/postings?ward=00364", body: none,
                        expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .GET, template: "/api/v1/public/support", path: "/api/v1/public/support?ward=00364", body: none,
                        expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .GET, template: "/api/v1/public/postings", path: "/api/v1/public/postings?ward=00364", body: none,
                        expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .GET, template: "/api/v1/announcements", path: "/api/v1/announcements", body: none, expect: [200, 200, 200, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/announcements", path: "/api/v1/announcements", body: { _ in .json("{}") },
                        expect: [422, 422, 422, 403, 403, 403, 403]),
                    Row(
                        method: .GET, template: "/api/v1/announcements/:id", path: "/api/v1/announcements/\(announcement)", body: none,
                        expect: [200, 200, 200, 403, 403, 403, 403]),
                    // The administrator publishes, then withdraws; the ward's staff then meet the state.
                    Row(
                        method: .POST, template: "/api/v1/announcements/:id/publish", path: "/api/v1/announcements/\(announcement)/publish", body: none,
                        expect: [200, 409, 409, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/announcements/:id/withdraw", path: "/api/v1/announcements/\(announcement)/withdraw", body: none,
                        expect: [200, 409, 409, 403, 403, 403, 403]),
                ]
                + {
                    // Jobs and training: seen by the ward's staff and the auditor, recorded by its officer.
                    let view: [UInt] = [200, 200, 200, 403, 403, 403, 200], create: [UInt] = [422, 422, 403, 403, 403, 403, 403]
                    let step: [UInt] = [303, 303, 403, 403, 404, 404, 403]
                    let html: [(HTTPMethod, String, String, [UInt])] = [
                        (.GET, "/livelihood", "/livelihood", view), (.POST, "/livelihood", "/livelihood", create),
                        (.GET, "/livelihood/seekers/:id", "/livelihood/seekers/\(seekerID)", view),
                        (.POST, "/livelihood/seekers/:id/referrals", "/livelihood/seekers/\(seekerID)/referrals", step),
                        (.POST, "/livelihood/referrals/:id/step", "/livelihood/referrals/\(jobReferral)/step", step),
                        (.GET, "/livelihood/courses", "/livelihood/courses", view), (.POST, "/livelihood/courses", "/livelihood/courses", create),
                        (.GET, "/livelihood/courses/:id", "/livelihood/courses/\(courseID)", view),
                        (.POST, "/livelihood/courses/:id/enrolments", "/livelihood/courses/\(courseID)/enrolments", step),
                        (.POST, "/livelihood/enrolments/:id/step", "/livelihood/enrolments/\(learner)/step", step),
                        (.POST, "/livelihood/enrolments/:id/outcomes", "/livelihood/enrolments/\(learner)/outcomes", step),
                        (.GET, "/livelihood/employers", "/livelihood/employers", view), (.POST, "/livelihood/employers", "/livelihood/employers", create),
                        (.POST, "/livelihood/employers/:id/vacancies", "/livelihood/employers/\(employerID)/vacancies", step),
                        (.GET, "/livelihood/events", "/livelihood/events", view), (.POST, "/livelihood/events", "/livelihood/events", create),
                        (.POST, "/livelihood/events/:id/attendance", "/livelihood/events/\(jobEvent)/attendance", step),
                        (.GET, "/livelihood/loans", "/livelihood/loans", view), (.POST, "/livelihood/loans", "/livelihood/loans", create),
                        (.GET, "/livelihood/loans/export", "/livelihood/loans/export", view),
                        (.POST, "/livelihood/loans/reminders", "/livelihood/loans/reminders", [303, 303, 403, 403, 403, 403, 403]),
                        (.GET, "/livelihood/loans/:id", "/livelihood/loans/\(loan)", view),
                        (.POST, "/livelihood/loans/:id/step", "/livelihood/loans/\(loan)/step", step),
                        (.GET, "/livelihood/business", "/livelihood/business", view),
                        (.POST, "/livelihood/business", "/livelihood/business", create),
                        (.GET, "/livelihood/business/:id", "/livelihood/business/\(businessPlan)", view),
                        (.POST, "/livelihood/business/:id/supports", "/livelihood/business/\(businessPlan)/supports", step),
                        (.POST, "/livelihood/business/:id/step", "/livelihood/business/\(businessPlan)/step", step),
                        // Education support: the same people as jobs and training.
                        (.GET, "/education", "/education", view), (.POST, "/education", "/education", create),
                        (.POST, "/education/pupils", "/education/pupils", create),
                        (.GET, "/education/schools/:id", "/education/schools/\(school)", view),
                        (.POST, "/education/schools/:id/list", "/education/schools/\(school)/list", step),
                        (.GET, "/education/schools/:id/export", "/education/schools/\(school)/export", view),
                        (.GET, "/education/supports/:id", "/education/supports/\(educationLine)", view),
                        (.POST, "/education/supports/:id/step", "/education/supports/\(educationLine)/step", step),
                        // Living-conditions works: the same people; the chairman approves through the step form.
                        (.GET, "/works", "/works", view), (.POST, "/works", "/works", create), (.GET, "/works/export", "/works/export", view),
                        (.GET, "/works/:id", "/works/\(work)", view), (.POST, "/works/:id/step", "/works/\(work)/step", step),
                        (.POST, "/works/:id/budget", "/works/\(work)/budget", step), (.POST, "/works/:id/photos", "/works/\(work)/photos", step),
                        (.GET, "/works/photos/:id", "/works/photos/\(workPhoto)", view),
                        (.GET, "/works/gratitude-houses", "/works/gratitude-houses?condition=unsafe", view),
                    ]
                    let api: [(HTTPMethod, String, String, [UInt])] =
                        [
                            (.GET, "/job-seekers", "/job-seekers", view), (.POST, "/job-seekers", "/job-seekers", create),
                            (.GET, "/job-seekers/:id", "/job-seekers/\(seekerID)", view),
                            (.POST, "/job-seekers/:id/referrals", "/job-seekers/\(seekerID)/referrals", create),
                            (.GET, "/courses", "/courses", view), (.POST, "/courses", "/courses", create), (.GET, "/courses/:id", "/courses/\(courseID)", view),
                            (.GET, "/courses/follow-ups", "/courses/follow-ups", view),
                            (.POST, "/courses/:id/enrolments", "/courses/\(courseID)/enrolments", create),
                            (.POST, "/enrolments/:id/outcomes", "/enrolments/\(learner)/outcomes", create),
                            (.GET, "/employers", "/employers", view), (.POST, "/employers", "/employers", create),
                            (.POST, "/employers/:id/vacancies", "/employers/\(employerID)/vacancies", create),
                            (.GET, "/livelihood-events", "/livelihood-events", view), (.POST, "/livelihood-events", "/livelihood-events", create),
                            (.POST, "/livelihood-events/:id/attendance", "/livelihood-events/\(jobEvent)/attendance", create),
                            (.GET, "/loans", "/loans", view), (.POST, "/loans", "/loans", create), (.GET, "/loans/:id", "/loans/\(loan)", view),
                            (.POST, "/loan-reminders", "/loan-reminders", create),
                        ]
                        // The ward's chairman confirms a dossier; its officer takes the other steps.
                        + LoanLifecycle.Transition.allCases.map { t in
                            (.POST, "/loans/:id/\(t.rawValue)", "/loans/\(loan)/\(t.rawValue)", t == .confirm ? [422, 403, 422, 403, 403, 403, 403] : create)
                        }
                        + JobReferralLifecycle.Transition.allCases.map { t in
                            (.POST, "/job-referrals/:id/\(t.rawValue)", "/job-referrals/\(jobReferral)/\(t.rawValue)", create)
                        }
                        + EnrolmentLifecycle.Transition.allCases.map { t in
                            (.POST, "/enrolments/:id/\(t.rawValue)", "/enrolments/\(learner)/\(t.rawValue)", create)
                        }
                    // Education support's API: seen and recorded by the same people.
                    var education: [(HTTPMethod, String, String, [UInt])] = [
                        (.GET, "/schools", "/schools", view), (.POST, "/schools", "/schools", create), (.GET, "/schools/:id", "/schools/\(school)", view),
                        (.GET, "/schools/:id/supports", "/schools/\(school)/supports", view),
                        (.POST, "/schools/:id/supports", "/schools/\(school)/supports", create), (.POST, "/pupils", "/pupils", create),
                        (.GET, "/pupils/missing", "/pupils/missing", view),
                        (.GET, "/education-supports/:id", "/education-supports/\(educationLine)", view),
                    ]
                    education += [
                        (.GET, "/business-plans", "/business-plans", view), (.POST, "/business-plans", "/business-plans", create),
                        (.GET, "/business-plans/:id", "/business-plans/\(businessPlan)", view),
                        (.POST, "/business-plans/:id/supports", "/business-plans/\(businessPlan)/supports", create),
                    ]
                    for t in BusinessLifecycle.Transition.allCases {
                        education.append((.POST, "/business-plans/:id/\(t.rawValue)", "/business-plans/\(businessPlan)/\(t.rawValue)", create))
                    }
                    education += [
                        (.GET, "/works", "/works", view), (.POST, "/works", "/works", create), (.GET, "/works/:id", "/works/\(work)", view),
                        (.POST, "/works/:id/budget", "/works/\(work)/budget", create), (.POST, "/works/:id/photos", "/works/\(work)/photos", create),
                        (.GET, "/work-photos/:id", "/work-photos/\(workPhoto)", view),
                        (.GET, "/gratitude-houses", "/gratitude-houses", view),
                    ]
                    for t in WorkLifecycle.Transition.allCases {
                        // The ward's chairman approves; its officer takes the other steps.
                        education.append(
                            (.POST, "/works/:id/\(t.rawValue)", "/works/\(work)/\(t.rawValue)", t == .approve ? [422, 403, 422, 403, 403, 403, 403] : create))
                    }
                    for t in EducationSupportLifecycle.Transition.allCases {
                        education.append((.POST, "/education-supports/:id/\(t.rawValue)", "/education-supports/\(educationLine)/\(t.rawValue)", create))
                    }
                    return html.map { m, template, path, expect in
                        Row(method: m, template: template, path: path, body: m == .GET ? none : { _ in .form([("step", "")]) }, expect: expect)
                    }
                        + (api + education).map { m, template, path, expect in
                            Row(
                                method: m, template: "/api/v1" + template, path: "/api/v1" + path, body: m == .GET ? none : { _ in .json("{}") },
                                expect: expect)
                        }
                }()
                + ["assign", "note", "answer", "close"].map { t in
                    Row(
                        method: .POST, template: "/api/v1/requests/:id/\(t)", path: "/api/v1/requests/\(request)/\(t)", body: { _ in .json(#"{"text":""}"#) },
                        expect: [422, 422, 422, 403, 403, 403, 403])
                } + [
                    Row(
                        method: .POST, template: "/admin/breaches", path: "/admin/breaches", body: { _ in .form([("summary", "")]) },
                        expect: [303, 403, 303, 403, 403, 303, 403]),
                    Row(
                        method: .GET, template: "/admin/breaches/:id", path: "/admin/breaches/\(breach)", body: none,
                        expect: [200, 403, 200, 403, 403, 404, 200]),
                    Row(
                        method: .POST, template: "/admin/breaches/:id/step", path: "/admin/breaches/\(breach)/step",
                        body: { _ in .form([("step", "report"), ("text", "")]) }, expect: [303, 403, 303, 403, 404, 404, 403]),
                    Row(
                        method: .GET, template: "/registry/persons/:id/data.json", path: "/registry/persons/\(headPerson)/data.json", body: none,
                        expect: [200, 200, 200, 403, 403, 404, 200]),
                    Row(
                        method: .POST, template: "/registry/persons/:id/verification", path: "/registry/persons/\(headPerson)/verification",
                        body: { _ in .form([("status", "")]) }, expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/registry/persons/:id/consents", path: "/registry/persons/\(headPerson)/consents",
                        body: { _ in .form([("purpose", "")]) }, expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/registry/consents/:id/withdraw", path: "/registry/consents/\(personConsent)/withdraw",
                        body: { _ in .form([("on", "")]) }, expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/registry/persons/:id/verification/connector",
                        path: "/registry/persons/\(headPerson)/verification/connector", body: { _ in .form([]) },
                        expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(method: .GET, template: "/allowances/one-off/export.csv", path: "/allowances/one-off/export.csv", body: none, expect: view),
                    Row(
                        method: .GET, template: "/allowances/one-off/new", path: "/allowances/one-off/new", body: none,
                        expect: [200, 403, 200, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/allowances/one-off", path: "/allowances/one-off",
                        body: { _ in .form([("person_id", headPerson), ("kind", "")]) }, expect: [422, 403, 422, 403, 403, 403, 403]),
                    Row(method: .GET, template: "/allowances/one-off/:id", path: "/allowances/one-off/\(oneOff)", body: none, expect: view),
                    Row(
                        method: .POST, template: "/allowances/one-off/:id/hand-out", path: "/allowances/one-off/\(oneOff)/hand-out",
                        body: { _ in .form([("handed_date", "")]) }, expect: [303, 303, 403, 303, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/allowances/one-off/:id/cancel", path: "/allowances/one-off/\(oneOff)/cancel",
                        body: { _ in .form([("reason", "")]) }, expect: [303, 403, 303, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/allowances/health-insurance", path: "/allowances/health-insurance",
                        body: { _ in .form([("commune_id", ""), ("month", "2026-13")]) }, expect: manage),
                    Row(
                        method: .GET, template: "/allowances/health-insurance/:id", path: "/allowances/health-insurance/\(UUID().uuidString)", body: none,
                        expect: [404, 404, 404, 404, 403, 403, 404]),
                    Row(
                        method: .GET, template: "/allowances/health-insurance/:id/export.csv",
                        path: "/allowances/health-insurance/\(UUID().uuidString)/export.csv", body: none, expect: [404, 404, 404, 404, 403, 403, 404]),
                    Row(
                        method: .POST, template: "/registry/persons/:id/health-card", path: "/registry/persons/\(headPerson)/health-card",
                        body: { _ in .form([("card_number", "")]) }, expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/registry/persons/:id/facts", path: "/registry/persons/\(headPerson)/facts",
                        body: { _ in .form([("valid_from", "")]) }, expect: [422, 422, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/registry/persons/:id/applications", path: "/registry/persons/\(headPerson)/applications",
                        body: { _ in .form([("benefit", "allowance"), ("form_type", "")]) }, expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/registry/persons/:id/decisions", path: decisions,
                        body: { _ in .form([("benefit", "allowance"), ("decision_kind", "adjust"), ("kind", "adjust"), ("signed_date", "")]) },
                        expect: [303, 403, 303, 403, 404, 404, 403]),
                    Row(
                        method: .GET, template: "/allowances/decisions/:id", path: "/allowances/decisions/\(UUID().uuidString)", body: none,
                        expect: [404, 404, 404, 404, 403, 403, 404]),
                    Row(
                        method: .GET, template: "/allowances/decisions/:id/letter", path: "/allowances/decisions/\(UUID().uuidString)/letter", body: none,
                        expect: [404, 404, 404, 404, 403, 403, 404]),
                    Row(
                        method: .POST, template: "/allowances/decisions/:id/hold", path: "/allowances/decisions/\(UUID().uuidString)/hold",
                        body: { _ in .form([("reason", "Khiếu nại")]) }, expect: [404, 404, 404, 404, 404, 404, 404]),
                    Row(method: .GET, template: "/payments", path: "/payments", body: none, expect: view),
                    Row(
                        method: .POST, template: "/payments/generate", path: "/payments/generate",
                        body: { _ in .form([("commune_id", ward), ("month", "2026-01")]) },
                        expect: pay),
                    Row(method: .GET, template: "/payments/cycles/:id", path: cycle, body: none, expect: view),
                    Row(method: .GET, template: "/payments/cycles/:id/export.csv", path: cycle + "/export.csv?channel=post", body: none, expect: view),
                    Row(method: .GET, template: "/payments/cycles/:id/signatures", path: cycle + "/signatures", body: none, expect: view),
                    Row(
                        method: .POST, template: "/payments/cycles/:id/submit", path: cycle + "/submit", body: none,
                        expect: [303, 303, 403, 303, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/payments/cycles/:id/send-back", path: cycle + "/send-back", body: { _ in .form([("reason", "")]) },
                        expect: [303, 403, 303, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/payments/cycles/:id/approve", path: cycle + "/approve", body: none,
                        expect: [303, 403, 303, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/payments/cycles/:id/settle", path: cycle + "/settle", body: none,
                        expect: [303, 303, 403, 303, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/payments/cycles/:id/confirmation", path: cycle + "/confirmation",
                        body: { _ in .upload("line_id,status,reason\n") },
                        expect: [303, 303, 403, 303, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/payments/cycles/:id/close", path: cycle + "/close", body: none, expect: [303, 303, 403, 303, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/payments/cycles/:id/hold", path: cycle + "/hold", body: { _ in .form([("reason", " ")]) },
                        expect: [303, 303, 403, 303, 404, 404, 403]),
                    Row(method: .GET, template: "/payments/report", path: "/payments/report?year=2026", body: none, expect: view),
                    Row(method: .GET, template: "/payments/report.csv", path: "/payments/report.csv?year=2026", body: none, expect: view),
                    Row(
                        method: .POST, template: "/payments/budget", path: "/payments/budget",
                        body: { _ in .form([("commune_id", ward), ("year", "2026"), ("amount", "1.500.000.000")]) }, expect: pay),
                    // Review
                    Row(method: .GET, template: "/review", path: "/review", body: none, expect: [200, 200, 200, 403, 403, 403, 200]),
                    Row(
                        method: .POST, template: "/review/campaigns", path: "/review/campaigns",
                        body: { r in .form([("commune_id", ward), ("year", r == .systemAdmin ? "2028" : "2029"), ("campaign_kind", "periodic")]) },
                        expect: [303, 303, 403, 403, 403, 403, 403]),
                    Row(method: .GET, template: "/review/campaigns/:id", path: c, body: none, expect: [200, 200, 200, 403, 403, 403, 200]),
                    Row(method: .POST, template: "/review/campaigns/:id/list", path: c + "/list", body: none, expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/review/campaigns/:id/requests", path: c + "/requests",
                        body: { _ in .form([("household_code", "00364-M1")]) },
                        expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(
                        method: .GET, template: "/review/campaigns/:id/households", path: c + "/households", body: none,
                        expect: [200, 200, 200, 403, 403, 403, 200]),
                    Row(
                        method: .GET, template: "/review/surveys/:id", path: "/review/surveys/\(entry)", body: none,
                        expect: [200, 200, 200, 403, 403, 403, 200]),
                    Row(
                        method: .POST, template: "/review/surveys/:id", path: "/review/surveys/\(entry)",
                        body: { _ in
                            .form([("income_per_person", "1400000"), ("deprivations[]", "latrine"), ("collector", "Tổ trưởng"), ("collected_on", "2025-12-01")])
                        },
                        expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/review/campaigns/:id/classify", path: c + "/classify", body: none,
                        expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/review/campaigns/:id/advance", path: c + "/advance", body: none, expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/review/campaigns/:id/hold", path: c + "/hold", body: { _ in .form([("reason", " ")]) },
                        expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/review/campaigns/:id/meetings", path: c + "/meetings",
                        body: { _ in .form([("group_id", group), ("held_on", "2025-12-02"), ("present", "10"), ("agree", "8")]) },
                        expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/review/campaigns/:id/posting", path: c + "/posting", body: { _ in .form([("posting_start", "2025-12-03")]) },
                        expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/review/campaigns/:id/objections", path: c + "/objections",
                        body: { _ in .form([("household_code", "00364-M1"), ("complainant", "Ông A"), ("received_on", "2025-12-03"), ("text", "Sai")]) },
                        expect: [303, 303, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/review/objections/:id/resolve", path: "/review/objections/\(UUID().uuidString)/resolve",
                        body: { _ in .form([("resolution", "Đã xác minh")]) }, expect: [404, 404, 404, 404, 404, 404, 404]),
                    Row(
                        method: .POST, template: "/review/campaigns/:id/decision", path: c + "/decision",
                        body: { _ in .form([("decision_number", "12/QĐ-UBND"), ("decision_date", "2025-12-20")]) },
                        expect: [303, 403, 303, 403, 404, 404, 403]),
                    Row(
                        method: .GET, template: "/review/campaigns/:id/certificates", path: c + "/certificates", body: none,
                        expect: [409, 409, 409, 403, 403, 403, 409]),
                    Row(
                        method: .GET, template: "/review/campaigns/:id/posting-list", path: c + "/posting-list", body: none,
                        expect: [200, 200, 200, 403, 403, 403, 200]),
                    Row(
                        method: .GET, template: "/review/campaigns/:id/export.csv", path: c + "/export.csv", body: none,
                        expect: [200, 200, 200, 403, 403, 403, 200]),
                    Row(method: .GET, template: "/review/calculator", path: "/review/calculator", body: none, expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .POST, template: "/review/calculator", path: "/review/calculator",
                        body: { _ in .form([("period", "2025"), ("area_type", "rural"), ("income_per_person", "1450000")]) },
                        expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(method: .GET, template: "/review/alerts", path: "/review/alerts", body: none, expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .POST, template: "/review/alerts/:id/resolve", path: "/review/alerts/\(UUID().uuidString)/resolve",
                        body: { _ in .form([("support", "Trao 1 tạ gạo")]) }, expect: [404, 404, 404, 404, 404, 404, 404]),
                    Row(
                        method: .POST, template: "/registry/households/:id/hardship", path: "/registry/households/\(hid)/hardship",
                        body: { _ in .form([("event_kind", "illness"), ("occurred_on", "2025-12-01"), ("note", "Ốm nặng")]) },
                        expect: [303, 303, 303, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/registry/households/:id/circumstances", path: "/registry/households/\(hid)/circumstances",
                        body: { _ in .form([("reason", "Chồng tai nạn lao động"), ("since", "2025-12-01")]) },
                        expect: [303, 303, 303, 403, 404, 404, 403]),
                    Row(method: .GET, template: "/review/settings", path: "/review/settings", body: none, expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .POST, template: "/review/settings", path: "/review/settings",
                        body: { _ in .form([("name", "posting_days"), ("value", "3")]) },
                        expect: [303, 403, 403, 403, 403, 403, 403]),
                    Row(method: .GET, template: "/review/report", path: "/review/report", body: none, expect: [200, 200, 200, 403, 403, 403, 200]),
                    Row(method: .GET, template: "/review/report.csv", path: "/review/report.csv", body: none, expect: [200, 200, 200, 403, 403, 403, 200]),
                    Row(
                        method: .POST, template: "/api/v1/poverty/classify", path: "/api/v1/poverty/classify",
                        body: { _ in
                            .json(#"{"period":"2025","area_type":"rural","income_per_person":1450000,"deprivations":["health_insurance","latrine","telecom"]}"#)
                        },
                        expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .POST, template: "/api/v1/allowances/evaluate", path: "/api/v1/allowances/evaluate",
                        body: { _ in .json(#"{"month":"2024-08","person":{"birth_date":"1994-01-01","disability_level":"severe"}}"#) },
                        expect: [200, 200, 200, 200, 200, 200, 200]),
                    // One's own account
                    Row(method: .GET, template: "/account", path: "/account", body: none, expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .POST, template: "/account/password", path: "/account/password",
                        body: { _ in .form([("current_password", "not-the-password"), ("new_password", "x"), ("confirm_password", "y")]) },
                        expect: [422, 422, 422, 422, 422, 422, 422]),
                    Row(
                        method: .POST, template: "/account/tokens", path: "/account/tokens", body: { _ in .form([("name", "matrix")]) },
                        expect: [303, 303, 303, 303, 303, 303, 303]),
                    Row(
                        method: .POST, template: "/account/tokens/:id/revoke", path: "/account/tokens/\(pageToken)/revoke",
                        body: { _ in .form([("back", "/account")]) }, expect: [303, 404, 404, 404, 404, 404, 404]),
                    // API (bearer tokens)
                    Row(
                        method: .POST, template: "/api/v1/me/password", path: "/api/v1/me/password",
                        body: { _ in .json(#"{"current_password":"not-the-password","new_password":"another-password"}"#) },
                        expect: [422, 422, 422, 422, 422, 422, 422]),
                    Row(method: .GET, template: "/api/v1/tokens", path: "/api/v1/tokens", body: none, expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .POST, template: "/api/v1/tokens", path: "/api/v1/tokens", body: { _ in .json(#"{"name":"matrix"}"#) },
                        expect: [201, 201, 201, 201, 201, 201, 201]),
                    Row(
                        method: .POST, template: "/api/v1/tokens/:id/revoke", path: "/api/v1/tokens/\(apiToken)/revoke", body: none,
                        expect: [200, 404, 404, 404, 404, 404, 404]),
                    Row(method: .GET, template: "/api/v1/openapi.json", path: "/api/v1/openapi.json", body: none, expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(method: .GET, template: "/api/v1/me", path: "/api/v1/me", body: none, expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(method: .GET, template: "/api/v1/units", path: "/api/v1/units", body: none, expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .POST, template: "/api/v1/units", path: "/api/v1/units",
                        body: { r in .json(#"{"code":"A-\#(r.rawValue)","name":"A","kind":"residential_group","parent_id":"\#(ward)"}"#) },
                        expect: [201, 201, 201, 403, 403, 403, 403]),
                    Row(method: .GET, template: "/api/v1/units/:id", path: "/api/v1/units/\(ward)", body: none, expect: [200, 200, 200, 200, 404, 404, 200]),
                    Row(
                        method: .PATCH, template: "/api/v1/units/:id", path: "/api/v1/units/\(group)", body: { _ in .json(#"{"name":"Tổ dân phố 1"}"#) },
                        expect: [200, 200, 200, 403, 404, 404, 403]),
                    Row(method: .GET, template: "/api/v1/users", path: "/api/v1/users", body: none, expect: [200, 403, 200, 403, 403, 200, 200]),
                    Row(
                        method: .POST, template: "/api/v1/users", path: "/api/v1/users",
                        body: { r in
                            .json(#"{"username":"api.\#(r.rawValue)","full_name":"A","password":"matrix-password","role":"auditor","unit_id":"\#(ward)"}"#)
                        },
                        expect: [201, 403, 403, 403, 403, 403, 403]),
                    Row(
                        method: .GET, template: "/api/v1/users/:id", path: "/api/v1/users/\(accountant)", body: none,
                        expect: [200, 403, 200, 200, 403, 404, 200]),
                    Row(method: .GET, template: "/api/v1/audit", path: "/api/v1/audit", body: none, expect: [200, 403, 200, 403, 403, 200, 200]),
                    Row(method: .GET, template: "/api/v1/audit/verify", path: "/api/v1/audit/verify", body: none, expect: [200, 403, 403, 403, 403, 403, 200]),
                    // Registry API twin: households, members, facts, changes and imports.
                    Row(
                        method: .POST, template: "/api/v1/households", path: "/api/v1/households",
                        body: { _ in
                            .json(
                                #"{"code":"00364-M1","commune_id":"\#(ward)","address":"Số 9","since":"2026-01-01","head":{"full_name":"Đỗ Văn Hai","gender":"male","birth":"1955"}}"#
                            )
                        }, expect: [422, 422, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/households/:id/members", path: "/api/v1/households/\(hid)/members",
                        body: { _ in .json(#"{"person":{"full_name":"Con Ba","gender":"male","birth":"1995"},"role":"child","since":"2026-01-01"}"#) },
                        expect: [201, 201, 403, 403, 403, 403, 403]),
                    Row(
                        method: .PUT, template: "/api/v1/persons/:id", path: "/api/v1/persons/\(m1)",
                        body: { _ in .json(#"{"full_name":"Con Một","gender":"female","birth":"1990"}"#) }, expect: [200, 200, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/households/:id/leave", path: "/api/v1/households/\(hid)/leave",
                        body: { _ in .json(#"{"person_id":"\#(m2)","date":"2026-02-01","reason":" "}"#) }, expect: [422, 422, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/households/:id/move", path: "/api/v1/households/\(hid)/move",
                        body: { _ in .json(#"{"address":" ","date":"2026-02-01"}"#) }, expect: [422, 422, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/households/:id/split", path: "/api/v1/households/\(hid)/split",
                        body: { _ in .json(#"{"member_ids":["\#(m2)"],"new_code":"00364-M1","address":"Số 2","date":"2026-02-01"}"#) },
                        expect: [422, 422, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/households/:id/merge", path: "/api/v1/households/\(hid)/merge",
                        body: { _ in .json(#"{"into_code":"00364-NOPE","date":"2026-02-01"}"#) }, expect: [422, 422, 403, 403, 403, 403, 403]),
                    // Import jobs are read by every role in scope (a centre sees none of the ward's).
                    Row(method: .GET, template: "/api/v1/imports", path: "/api/v1/imports", body: none, expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .POST, template: "/api/v1/imports", path: "/api/v1/imports?file_name=m.csv", body: { _ in .json("household_code\n") },
                        expect: [422, 422, 403, 403, 403, 403, 403]),
                    Row(
                        method: .GET, template: "/api/v1/imports/:id", path: "/api/v1/imports/\(job)", body: none, expect: [200, 200, 200, 200, 404, 404, 200]),
                    Row(
                        method: .POST, template: "/api/v1/imports/:id/run", path: "/api/v1/imports/\(job)/run", body: none,
                        expect: [409, 409, 403, 403, 403, 403, 403]),
                    // Review API twin: bodies the server refuses by name before any state (422) where
                    // the campaign's step is not known; the fresh 2027 campaign for the rest.
                    Row(
                        method: .GET, template: "/api/v1/review/campaigns", path: "/api/v1/review/campaigns", body: none,
                        expect: [200, 200, 200, 403, 403, 403, 200]),
                    Row(
                        method: .POST, template: "/api/v1/review/campaigns", path: "/api/v1/review/campaigns",
                        body: { _ in .json(#"{"commune_id":"\#(ward)","year":2030,"kind":"periodic"}"#) }, expect: [201, 409, 403, 403, 403, 403, 403]),
                    Row(
                        method: .GET, template: "/api/v1/review/campaigns/:id", path: "/api/v1/review/campaigns/\(campaign)", body: none,
                        expect: [200, 200, 200, 403, 403, 403, 200]),
                    Row(
                        method: .GET, template: "/api/v1/review/campaigns/:id/entries", path: "/api/v1/review/campaigns/\(campaign)/entries?filter=surveyed",
                        body: none, expect: [200, 200, 200, 403, 403, 403, 200]),
                    Row(
                        method: .POST, template: "/api/v1/review/entries/:id/survey", path: "/api/v1/review/entries/\(entry)/survey",
                        body: { _ in .json(#"{"income_per_person":1400000,"deprivations":[],"collector":" ","collected_on":"2025-12-01"}"#) },
                        expect: [422, 422, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/review/objections/:id/resolve", path: "/api/v1/review/objections/\(UUID().uuidString)/resolve",
                        body: { _ in .json(#"{"resolution":"Đã xác minh"}"#) }, expect: [404, 404, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/review/campaigns/:id/households", path: "/api/v1/review/campaigns/\(campaign)/households",
                        body: { _ in .json(#"{"household_code":" "}"#) }, expect: [422, 422, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/review/campaigns/:id/meetings", path: "/api/v1/review/campaigns/\(campaign)/meetings",
                        body: { _ in .json(#"{"held_on":"2999-01-01","present":10,"agree":8}"#) }, expect: [422, 422, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/review/campaigns/:id/posting", path: "/api/v1/review/campaigns/\(campaign)/posting",
                        body: { _ in .json(#"{"posting_start":"3 tháng 12"}"#) }, expect: [422, 422, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/review/campaigns/:id/objections", path: "/api/v1/review/campaigns/\(campaign)/objections",
                        body: { _ in .json(#"{"household_code":"00364-M1","complainant":"Hàng xóm","text":" ","received_on":"2025-12-04"}"#) },
                        expect: [422, 422, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/review/campaigns/:id/hold", path: "/api/v1/review/campaigns/\(campaign)/hold",
                        body: { _ in .json(#"{"reason":" "}"#) }, expect: [422, 422, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/review/campaigns/:id/decision", path: "/api/v1/review/campaigns/\(campaign)/decision",
                        body: { _ in .json(#"{"decision_number":" ","decision_date":"2025-12-10"}"#) }, expect: [422, 403, 422, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/review/campaigns/:id/list-current", path: "/api/v1/review/campaigns/\(fresh)/list-current",
                        body: none,
                        expect: [200, 200, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/review/campaigns/:id/classify", path: "/api/v1/review/campaigns/\(fresh)/classify", body: none,
                        expect: [200, 200, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/review/campaigns/:id/advance", path: "/api/v1/review/campaigns/\(fresh)/advance", body: none,
                        expect: [409, 409, 403, 403, 403, 403, 403]),
                    // Applications and decisions API twin: by now the HTML rows have reviewed and posted
                    // the head's application.
                    Row(method: .GET, template: "/api/v1/applications", path: "/api/v1/applications?status=posted", body: none, expect: view),
                    Row(
                        method: .GET, template: "/api/v1/applications/:id", path: "/api/v1/applications/" + appl.split(separator: "/").last!, body: none,
                        expect: view),
                    Row(
                        method: .POST, template: "/api/v1/persons/:id/applications", path: "/api/v1/persons/\(headPerson)/applications",
                        body: { _ in .json(#"{"benefit":"allowance","form_type":"1a","received_date":"2026-13-01"}"#) },
                        expect: [422, 422, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/applications/:id/review",
                        path: "/api/v1/applications/" + appl.split(separator: "/").last! + "/review",
                        body: none, expect: [409, 409, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/applications/:id/post", path: "/api/v1/applications/" + appl.split(separator: "/").last! + "/post",
                        body: { _ in .json(#"{"posting_start":"2026-01-20"}"#) }, expect: [200, 200, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/applications/:id/refuse",
                        path: "/api/v1/applications/" + appl.split(separator: "/").last! + "/refuse",
                        body: { _ in .json(#"{"refusal_reason":" "}"#) }, expect: [422, 403, 422, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/applications/:id/hold", path: "/api/v1/applications/" + appl.split(separator: "/").last! + "/hold",
                        body: { _ in .json(#"{"reason":" "}"#) }, expect: [422, 422, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/applications/:id/decide",
                        path: "/api/v1/applications/" + appl.split(separator: "/").last! + "/decide",
                        body: { _ in .json(#"{"number":"9/QĐ","signed_date":"2026-01-01"}"#) }, expect: [422, 403, 422, 403, 403, 403, 403]),
                    Row(method: .GET, template: "/api/v1/persons/:id/decisions", path: "/api/v1/persons/\(headPerson)/decisions", body: none, expect: view),
                    Row(method: .GET, template: "/api/v1/persons/:id/facts", path: "/api/v1/persons/\(headPerson)/facts", body: none, expect: view),
                    Row(method: .GET, template: "/api/v1/health-insurance/lists", path: "/api/v1/health-insurance/lists", body: none, expect: view),
                    Row(method: .GET, template: "/api/v1/one-off-benefits", path: "/api/v1/one-off-benefits", body: none, expect: view),
                    Row(
                        method: .GET, template: "/api/v1/persons/:id/data-requests", path: "/api/v1/persons/\(headPerson)/data-requests", body: none,
                        expect: [200, 200, 200, 200, 404, 404, 200]),
                    Row(
                        method: .POST, template: "/api/v1/persons/:id/data-requests", path: "/api/v1/persons/\(headPerson)/data-requests",
                        body: { _ in .json(#"{"kind":"","received_on":"","requested_by":"","detail":""}"#) }, expect: [422, 422, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/data-requests/:id/complete", path: "/api/v1/data-requests/\(dataRequest)/complete",
                        body: { _ in .json(#"{"outcome":""}"#) }, expect: [422, 422, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/data-requests/:id/refuse", path: "/api/v1/data-requests/\(dataRequest)/refuse",
                        body: { _ in .json(#"{"outcome":""}"#) }, expect: [422, 422, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/data-requests/:id/erase", path: "/api/v1/data-requests/\(dataRequest)/erase",
                        body: { _ in .json(#"{"confirm":false}"#) }, expect: [422, 422, 403, 403, 403, 403, 403]),
                    Row(
                        method: .GET, template: "/api/v1/persons/:id/data", path: "/api/v1/persons/\(headPerson)/data", body: none,
                        expect: [200, 200, 200, 403, 403, 404, 200]),
                    Row(method: .GET, template: "/api/v1/breaches", path: "/api/v1/breaches", body: none, expect: [200, 403, 200, 403, 403, 200, 200]),
                    Row(
                        method: .POST, template: "/api/v1/breaches", path: "/api/v1/breaches", body: { _ in .json(#"{"summary":""}"#) },
                        expect: [422, 403, 422, 403, 403, 422, 403]),
                    Row(
                        method: .GET, template: "/api/v1/breaches/:id", path: "/api/v1/breaches/\(breach)", body: none,
                        expect: [200, 403, 200, 403, 403, 404, 200]),
                ]
                + BreachLifecycle.Transition.allCases.map(\.rawValue).map { $0.replacingOccurrences(of: "_", with: "-") }.map { t in
                    Row(
                        method: .POST, template: "/api/v1/breaches/:id/\(t)", path: "/api/v1/breaches/\(breach)/\(t)",
                        body: { _ in .json(#"{"text":""}"#) }, expect: [422, 403, 422, 403, 403, 422, 403])
                } + [
                    Row(
                        method: .GET, template: "/api/v1/persons/:id/verifications", path: "/api/v1/persons/\(headPerson)/verifications", body: none,
                        expect: [200, 200, 200, 200, 404, 404, 200]),
                    Row(
                        method: .POST, template: "/api/v1/persons/:id/verifications", path: "/api/v1/persons/\(headPerson)/verifications",
                        body: { _ in .json(#"{"status":"","method":"","checked_on":""}"#) }, expect: [422, 422, 403, 403, 403, 403, 403]),
                    Row(
                        method: .GET, template: "/api/v1/persons/:id/consents", path: "/api/v1/persons/\(headPerson)/consents", body: none,
                        expect: [200, 200, 200, 200, 404, 404, 200]),
                    Row(
                        method: .POST, template: "/api/v1/persons/:id/consents", path: "/api/v1/persons/\(headPerson)/consents",
                        body: { _ in .json(#"{"purpose":"","given_by":"","given_by_name":"","given_on":""}"#) },
                        expect: [422, 422, 403, 403, 404, 404, 403]),
                    Row(
                        method: .POST, template: "/api/v1/person-consents/:id/withdraw", path: "/api/v1/person-consents/\(personConsent)/withdraw",
                        body: { _ in .json(#"{"on":"","reason":""}"#) }, expect: [422, 422, 403, 403, 422, 422, 403]),
                    Row(
                        method: .POST, template: "/api/v1/persons/:id/verifications/connector",
                        path: "/api/v1/persons/\(headPerson)/verifications/connector", body: { _ in .json("{}") },
                        expect: [409, 409, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/one-off-benefits", path: "/api/v1/one-off-benefits",
                        body: { _ in .json(#"{"person_id":"\#(headPerson)","kind":"x","event_date":"","number":"","signed_date":""}"#) },
                        expect: [422, 403, 422, 403, 403, 403, 403]),
                    Row(method: .GET, template: "/api/v1/one-off-benefits/:id", path: "/api/v1/one-off-benefits/\(oneOff)", body: none, expect: view),
                    Row(
                        method: .POST, template: "/api/v1/one-off-benefits/:id/hand-out", path: "/api/v1/one-off-benefits/\(oneOff)/hand-out",
                        body: { _ in .json(#"{"handed_date":"","received_by":""}"#) }, expect: [422, 422, 403, 422, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/one-off-benefits/:id/cancel", path: "/api/v1/one-off-benefits/\(oneOff)/cancel",
                        body: { _ in .json(#"{"reason":""}"#) }, expect: [422, 403, 422, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/health-insurance/lists", path: "/api/v1/health-insurance/lists",
                        body: { _ in .json(#"{"commune_id":"\#(UUID().uuidString)","month":"2026-13"}"#) }, expect: [422, 422, 403, 403, 403, 403, 403]),
                    Row(
                        method: .GET, template: "/api/v1/health-insurance/lists/:id", path: "/api/v1/health-insurance/lists/\(UUID().uuidString)", body: none,
                        expect: [404, 404, 404, 404, 403, 403, 404]),
                    Row(
                        method: .POST, template: "/api/v1/persons/:id/health-cards", path: "/api/v1/persons/\(headPerson)/health-cards",
                        body: { _ in .json(#"{"card_number":"x","valid_from":"","valid_until":""}"#) }, expect: [422, 422, 403, 403, 403, 403, 403]),
                    Row(
                        method: .GET, template: "/api/v1/persons/:id/health-cards", path: "/api/v1/persons/\(headPerson)/health-cards", body: none, expect: view
                    ),
                    Row(
                        method: .PUT, template: "/api/v1/persons/:id/facts", path: "/api/v1/persons/\(headPerson)/facts",
                        body: { _ in .json(#"{"valid_from":""}"#) }, expect: [422, 422, 403, 403, 403, 403, 403]),
                    Row(method: .GET, template: "/api/v1/persons/:id/allowance", path: "/api/v1/persons/\(headPerson)/allowance", body: none, expect: view),
                    Row(
                        method: .POST, template: "/api/v1/persons/:id/decisions", path: "/api/v1/persons/\(headPerson)/decisions",
                        body: { _ in .json(#"{"benefit":"allowance","kind":"adjust","reason":"level_change","number":"1","signed_date":""}"#) },
                        expect: [422, 403, 422, 403, 403, 403, 403]),
                    Row(
                        method: .GET, template: "/api/v1/decisions/:id", path: "/api/v1/decisions/\(UUID().uuidString)", body: none,
                        expect: [404, 404, 404, 404, 403, 403, 404]),
                    Row(
                        method: .POST, template: "/api/v1/decisions/:id/hold", path: "/api/v1/decisions/\(UUID().uuidString)/hold",
                        body: { _ in .json(#"{"reason":" "}"#) }, expect: [422, 422, 403, 403, 403, 403, 403]),
                    // Payments API twin: by now the HTML rows have taken the January cycle to closed, so
                    // a role with the permission meets the lifecycle (409) and one without it gets 403.
                    Row(method: .GET, template: "/api/v1/payments/cycles", path: "/api/v1/payments/cycles", body: none, expect: view),
                    Row(method: .GET, template: "/api/v1/payments/cycles/:id", path: "/api/v1" + cycle, body: none, expect: view),
                    Row(method: .GET, template: "/api/v1/payments/cycles/:id/lines", path: "/api/v1" + cycle + "/lines?status=paid", body: none, expect: view),
                    Row(
                        method: .POST, template: "/api/v1/payments/cycles", path: "/api/v1/payments/cycles",
                        body: { _ in .json(#"{"commune_id":"\#(ward)","month":"2026-01"}"#) }, expect: [409, 409, 403, 409, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/payments/cycles/:id/submit", path: "/api/v1" + cycle + "/submit", body: none,
                        expect: [409, 409, 403, 409, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/payments/cycles/:id/approve", path: "/api/v1" + cycle + "/approve", body: none,
                        expect: [409, 403, 409, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/payments/cycles/:id/send-back", path: "/api/v1" + cycle + "/send-back",
                        body: { _ in .json(#"{"reason":"sai tháng"}"#) }, expect: [409, 403, 409, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/payments/cycles/:id/settle", path: "/api/v1" + cycle + "/settle",
                        body: { _ in .json(#"{"lines":[{"line_id":1,"status":"paid"}]}"#) }, expect: [409, 409, 403, 409, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/payments/cycles/:id/close", path: "/api/v1" + cycle + "/close", body: none,
                        expect: [409, 409, 403, 409, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/payments/cycles/:id/hold", path: "/api/v1" + cycle + "/hold",
                        body: { _ in .json(#"{"reason":" "}"#) }, expect: [422, 422, 403, 422, 403, 403, 403]),
                    Row(
                        method: .GET, template: "/api/v1/payments/cycles/:id/channel-file", path: "/api/v1" + cycle + "/channel-file?channel=post&format=xlsx",
                        body: none, expect: view),
                    Row(
                        method: .POST, template: "/api/v1/payments/cycles/:id/confirmation", path: "/api/v1" + cycle + "/confirmation",
                        body: { _ in .json("line_id,status,reason\n1,paid,\n") }, expect: [409, 409, 403, 409, 403, 403, 403]),
                    // Eligibility API twin.
                    Row(
                        method: .GET, template: "/api/v1/eligibility/runs", path: "/api/v1/eligibility/runs", body: none,
                        expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .POST, template: "/api/v1/eligibility/runs", path: "/api/v1/eligibility/runs", body: { _ in .json(#"{"month":"2026-13"}"#) },
                        expect: [422, 422, 403, 403, 403, 403, 403]),
                    Row(
                        method: .GET, template: "/api/v1/eligibility/runs/:id/results", path: "/api/v1/eligibility/runs/\(UUID().uuidString)/results",
                        body: none,
                        expect: [404, 404, 404, 404, 404, 404, 404]),
                    Row(
                        method: .GET, template: "/api/v1/allowances/rule-settings", path: "/api/v1/allowances/rule-settings", body: none,
                        expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .POST, template: "/api/v1/allowances/rule-settings", path: "/api/v1/allowances/rule-settings",
                        body: { _ in .json(#"{"name":"d20_5_4_divorced_is_single","value":false}"#) }, expect: [200, 403, 403, 403, 403, 403, 403]),
                    // Registry twins: relationships and duplicates.
                    Row(
                        method: .GET, template: "/api/v1/persons/:id/relationships", path: "/api/v1/persons/\(headPerson)/relationships", body: none,
                        expect: [200, 200, 200, 200, 404, 404, 200]),
                    Row(
                        method: .POST, template: "/api/v1/persons/:id/relationships", path: "/api/v1/persons/\(headPerson)/relationships",
                        body: { _ in .json(#"{"related":"000000000000","kind":"carer","since":"2026-01-01"}"#) }, expect: [422, 422, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/relationships/:id/end", path: "/api/v1/relationships/\(UUID().uuidString)/end",
                        body: { _ in .json(#"{"date":"2026-02-01"}"#) }, expect: [404, 404, 403, 403, 403, 403, 403]),
                    Row(method: .GET, template: "/api/v1/duplicates", path: "/api/v1/duplicates", body: none, expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(method: .POST, template: "/api/v1/duplicates", path: "/api/v1/duplicates", body: none, expect: [200, 200, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/duplicates/:id/merge", path: "/api/v1/duplicates/\(UUID().uuidString)/merge",
                        body: { _ in .json(#"{"keep":"a"}"#) }, expect: [404, 404, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/duplicates/:id/dismiss", path: "/api/v1/duplicates/\(UUID().uuidString)/dismiss", body: none,
                        expect: [404, 404, 403, 403, 403, 403, 403]),
                    // Hardship twins.
                    Row(
                        method: .GET, template: "/api/v1/hardship", path: "/api/v1/hardship?all=true", body: none, expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .POST, template: "/api/v1/households/:id/hardship", path: "/api/v1/households/\(hid)/hardship",
                        body: { _ in .json(#"{"event_kind":"illness","occurred_on":"2025-12-01","note":"Ốm nặng"}"#) },
                        expect: [201, 201, 201, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/hardship/:id/resolve", path: "/api/v1/hardship/\(UUID().uuidString)/resolve",
                        body: { _ in .json(#"{"support":"Trao 1 tạ gạo"}"#) }, expect: [404, 404, 404, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/households/:id/circumstances", path: "/api/v1/households/\(hid)/circumstances",
                        body: { _ in .json(#"{"reason":"Chồng tai nạn lao động","since":"2025-12-01"}"#) },
                        expect: [201, 201, 201, 403, 403, 403, 403]),
                    // Administration twins: a random unit or account is unknown (404) to a role that
                    // manages units or accounts, out of reach (403) for the rest.
                    Row(
                        method: .DELETE, template: "/api/v1/units/:id", path: "/api/v1/units/\(UUID().uuidString)", body: none,
                        expect: [404, 404, 404, 403, 403, 404, 403]),
                    Row(
                        method: .POST, template: "/api/v1/units/:id/facts", path: "/api/v1/units/\(UUID().uuidString)/facts",
                        body: { _ in .json(#"{"difficult_area":true,"valid_from":"2026-01-01"}"#) }, expect: [404, 404, 404, 403, 403, 404, 403]),
                    Row(
                        method: .PATCH, template: "/api/v1/users/:id", path: "/api/v1/users/\(UUID().uuidString)",
                        body: { _ in .json(#"{"full_name":"Ai đó"}"#) },
                        expect: [404, 403, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/users/:id/disable", path: "/api/v1/users/\(UUID().uuidString)/disable", body: none,
                        expect: [404, 403, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/users/:id/enable", path: "/api/v1/users/\(UUID().uuidString)/enable", body: none,
                        expect: [404, 403, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/payments/budgets", path: "/api/v1/payments/budgets",
                        body: { _ in .json(#"{"commune_id":"\#(ward)","year":2026,"amount":1200000000}"#) }, expect: [200, 200, 403, 200, 403, 403, 403]),
                    Row(
                        method: .GET, template: "/api/v1/review/settings", path: "/api/v1/review/settings", body: none,
                        expect: [200, 200, 200, 200, 200, 200, 200]),
                    Row(
                        method: .POST, template: "/api/v1/review/settings", path: "/api/v1/review/settings",
                        body: { _ in .json(#"{"name":"posting_days","value":3}"#) },
                        expect: [200, 403, 403, 403, 403, 403, 403]),
                    // Cases: the centre's social workers and managers; a ward's roles never see them.
                    Row(method: .GET, template: "/cases", path: "/cases?status=registered", body: none, expect: cases),
                    Row(method: .GET, template: "/cases/new", path: "/cases/new", body: none, expect: cases),
                    Row(
                        method: .POST, template: "/cases", path: "/cases",
                        body: { r in
                            .form([
                                ("person_name", "Em Một \(r.rawValue)"), ("kind", "child_protection"), ("source", "school"), ("risk_level", "medium"),
                                ("risk_reason", "Nghỉ học dài ngày"), ("received_at", "2026-01-02T09:30"), ("placement", "community_support"),
                            ])
                        }, expect: [422, 403, 403, 403, 303, 303, 403]),
                    Row(method: .GET, template: "/cases/:id", path: "/cases/\(caseID)", body: none, expect: cases),
                    Row(
                        method: .POST, template: "/cases/:id/steps", path: "/cases/\(caseID)/steps", body: { _ in .form([("transition", "intervene")]) },
                        expect: [303, 404, 404, 404, 303, 303, 403]),
                    Row(
                        method: .POST, template: "/cases/:id/entries", path: "/cases/\(caseID)/entries",
                        body: { _ in .form([("kind", "counselling"), ("on", "2026-01-01"), ("text", "Tham vấn lần 1")]) },
                        expect: [303, 404, 404, 404, 303, 303, 403]),
                    Row(method: .GET, template: "/api/v1/cases/:id/entries", path: "/api/v1/cases/\(caseID)/entries", body: none, expect: cases),
                    Row(
                        method: .POST, template: "/api/v1/cases/:id/entries", path: "/api/v1/cases/\(caseID)/entries",
                        body: { _ in .json(#"{"kind":"medical","on":"2026-01-01","text":"Khám sức khỏe"}"#) }, expect: [201, 403, 403, 403, 201, 201, 403]),
                    Row(method: .GET, template: "/reports/centre", path: "/reports/centre?year=2026", body: none, expect: cases),
                    Row(method: .GET, template: "/api/v1/cases", path: "/api/v1/cases?kind=emergency", body: none, expect: cases),
                    Row(
                        method: .POST, template: "/api/v1/cases", path: "/api/v1/cases",
                        body: { r in
                            .json(
                                #"{"unit":"22-TTTGXH","kind":"emergency","source":"police","risk_level":"critical","risk_reason":"Bị bạo hành","placement":"community_support","person":{"full_name":"Em Hai \#(r.rawValue)"}}"#
                            )
                        }, expect: [201, 403, 403, 403, 201, 201, 403]),
                    Row(method: .GET, template: "/api/v1/cases/:id", path: "/api/v1/cases/\(caseID)", body: none, expect: cases),
                    Row(
                        method: .POST, template: "/api/v1/cases/:id/transitions", path: "/api/v1/cases/\(caseID)/transitions",
                        body: { _ in .json(#"{"to":"in_intervention"}"#) }, expect: [409, 403, 403, 403, 409, 409, 403]),
                    Row(
                        method: .GET, template: "/api/v1/reports/centre", path: "/api/v1/reports/centre?unit=22-TTTGXH&year=2026", body: none, expect: cases),
                    // Consent and referrals: the centre's staff; a referral also its receiving ward's officer.
                    Row(
                        method: .POST, template: "/cases/:id/consents", path: "/cases/\(caseID)/consents",
                        body: { _ in
                            .form([("purpose", "referral"), ("scope", "Họ tên"), ("given_by", "parent"), ("given_by_name", "Mẹ"), ("given_on", "2026-01-01")])
                        },
                        expect: [303, 404, 404, 404, 303, 303, 403]),
                    Row(
                        method: .POST, template: "/consents/:id/withdraw", path: "/consents/\(callback)/withdraw",
                        body: { _ in .form([("on", "2026-01-01"), ("reason", "Không muốn được gọi lại")]) }, expect: [303, 404, 404, 404, 303, 303, 403]),
                    Row(
                        method: .POST, template: "/cases/:id/referrals", path: "/cases/\(caseID)/referrals",
                        body: { _ in .form([("recipient_type", "ward_office"), ("recipient_unit", "00364"), ("service", "Khám sức khỏe"), ("due_date", due)]) },
                        expect: [303, 404, 404, 404, 303, 303, 403]),
                    Row(
                        method: .POST, template: "/cases/:id/file", path: "/cases/\(caseID)/file",
                        body: { _ in .form([("recipient_type", "hospital"), ("recipient_name", "Bệnh viện")]) }, expect: [200, 404, 404, 404, 200, 200, 403]),
                    Row(method: .GET, template: "/referrals", path: "/referrals?status=sent", body: none, expect: answer),
                    Row(method: .GET, template: "/referrals/:id", path: "/referrals/\(referral)", body: none, expect: answer),
                    Row(
                        method: .POST, template: "/referrals/:id/outcome", path: "/referrals/\(referral)/outcome",
                        body: { _ in .form([("transition", "service_given"), ("note", " ")]) }, expect: [303, 303, 403, 403, 303, 303, 403]),
                    Row(method: .GET, template: "/api/v1/cases/:id/consents", path: "/api/v1/cases/\(caseID)/consents", body: none, expect: cases),
                    Row(
                        method: .POST, template: "/api/v1/cases/:id/consents", path: "/api/v1/cases/\(caseID)/consents",
                        body: { _ in .json(#"{"purpose":"callback","scope":"Số điện thoại","given_by":"parent","given_by_name":"Mẹ","given_on":"2026-01-01"}"#)
                        },
                        expect: [201, 403, 403, 403, 201, 201, 403]),
                    Row(
                        method: .POST, template: "/api/v1/consents/:id/withdrawal", path: "/api/v1/consents/\(callback)/withdrawal",
                        body: { _ in .json(#"{"on":"2026-01-01","reason":" "}"#) }, expect: [422, 403, 403, 403, 422, 422, 403]),
                    Row(method: .GET, template: "/api/v1/cases/:id/referrals", path: "/api/v1/cases/\(caseID)/referrals", body: none, expect: cases),
                    Row(
                        method: .POST, template: "/api/v1/cases/:id/referrals", path: "/api/v1/cases/\(caseID)/referrals",
                        body: { _ in .json(#"{"recipient_type":"ward_office","recipient_unit":"00364","service":"Khám","due_date":"\#(due)"}"#) },
                        expect: [201, 403, 403, 403, 201, 201, 403]),
                    Row(
                        method: .POST, template: "/api/v1/cases/:id/file", path: "/api/v1/cases/\(caseID)/file",
                        body: { _ in .json(#"{"recipient_type":"school","recipient_name":"Trường"}"#) }, expect: [200, 403, 403, 403, 200, 200, 403]),
                    Row(method: .GET, template: "/api/v1/referrals", path: "/api/v1/referrals", body: none, expect: answer),
                    Row(method: .GET, template: "/api/v1/referrals/:id", path: "/api/v1/referrals/\(referral)", body: none, expect: answer),
                    Row(
                        method: .POST, template: "/api/v1/referrals/:id/outcome", path: "/api/v1/referrals/\(referral)/outcome",
                        body: { _ in .json(#"{"outcome":"service_given","note":" "}"#) }, expect: [422, 422, 403, 403, 422, 422, 403]),
                    // Tasks and call backs: who works cases.
                    Row(
                        method: .POST, template: "/cases/:id/tasks", path: "/cases/\(caseID)/tasks",
                        body: { _ in .form([("title", "Gọi cho nhà trường"), ("due_on", due)]) }, expect: [303, 404, 404, 404, 303, 303, 403]),
                    Row(method: .GET, template: "/tasks", path: "/tasks", body: none, expect: cases),
                    Row(
                        method: .POST, template: "/tasks/:id/close", path: "/tasks/\(task)/close",
                        body: { _ in .form([("transition", "complete"), ("note", " ")]) }, expect: [303, 404, 404, 404, 303, 303, 403]),
                    Row(method: .GET, template: "/api/v1/cases/:id/tasks", path: "/api/v1/cases/\(caseID)/tasks", body: none, expect: cases),
                    Row(
                        method: .POST, template: "/api/v1/cases/:id/tasks", path: "/api/v1/cases/\(caseID)/tasks",
                        body: { _ in .json(#"{"title":"Thăm","due_on":"\#(due)"}"#) }, expect: [201, 403, 403, 403, 201, 201, 403]),
                    Row(method: .GET, template: "/api/v1/tasks", path: "/api/v1/tasks?scope=all", body: none, expect: cases),
                    Row(
                        method: .POST, template: "/api/v1/tasks/:id/close", path: "/api/v1/tasks/\(task)/close",
                        body: { _ in .json(#"{"transition":"complete","note":" "}"#) }, expect: [422, 403, 403, 403, 422, 422, 403]),
                    // Row imports: a campaign's survey results (who manages the review), the paper list
                    // taken over (who decides allowances). Without mode=import a file is only checked.
                    Row(
                        method: .GET, template: "/review/campaigns/:id/survey-import", path: c + "/survey-import", body: none,
                        expect: [200, 200, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/review/campaigns/:id/survey-import", path: "/review/campaigns/\(fresh)/survey-import",
                        body: { _ in .upload("household_code,income_per_person,collector,collected_on\n00364-M1,1500000,Tổ trưởng,2025-12-01\n") },
                        expect: [200, 200, 403, 403, 404, 404, 403]),
                    Row(method: .GET, template: "/review/survey-template", path: "/review/survey-template?lang=vi", body: none, expect: everyone),
                    Row(
                        method: .POST, template: "/api/v1/review/campaigns/:id/survey-import", path: "/api/v1/review/campaigns/\(campaign)/survey-import",
                        body: none, expect: [422, 422, 403, 403, 403, 403, 403]),
                    Row(
                        method: .GET, template: "/allowances/take-over", path: "/allowances/take-over", body: none, expect: [200, 403, 200, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/allowances/take-over", path: "/allowances/take-over",
                        body: { _ in .upload("national_id,full_name,decision_number,signed_date,start_month\n001050000123,Không Có,1/QĐ,2025-01-01,2025-01\n")
                        },
                        expect: [200, 403, 200, 403, 403, 403, 403]),
                    Row(method: .GET, template: "/allowances/take-over/template", path: "/allowances/take-over/template", body: none, expect: everyone),
                    Row(
                        method: .POST, template: "/api/v1/allowances/take-over", path: "/api/v1/allowances/take-over", body: none,
                        expect: [422, 403, 422, 403, 403, 403, 403]),
                    // Residential care: seen and worked by the centre, admissions and discharges by its head.
                    Row(method: .GET, template: "/care", path: "/care?status=all&q=em", body: none, expect: careView),
                    Row(method: .GET, template: "/care/admit", path: "/care/admit", body: none, expect: [200, 403, 403, 403, 403, 200, 403]),
                    Row(
                        method: .POST, template: "/care/admit", path: "/care/admit", body: { _ in .form([("full_name", "Em Mới")]) },
                        expect: [422, 403, 403, 403, 403, 422, 403]),
                    Row(method: .GET, template: "/care/residents/:id", path: "/care/residents/\(resident)", body: none, expect: careView),
                    Row(
                        method: .POST, template: "/care/residents/:id/bed", path: "/care/residents/\(resident)/bed",
                        body: { _ in .form([("bed_id", freeBed), ("from", today)]) }, expect: careForm),
                    Row(
                        method: .POST, template: "/care/residents/:id/log", path: "/care/residents/\(resident)/log",
                        body: { _ in .form([("day", today), ("shift", "morning"), ("kind", "meal"), ("note", "Ăn hết")]) }, expect: careForm),
                    Row(
                        method: .POST, template: "/care/residents/:id/prescriptions", path: "/care/residents/\(resident)/prescriptions",
                        body: { _ in .form([("drug", "Sắt"), ("dose", "1 viên"), ("times", "07:00"), ("from", today), ("prescriber", "BS")]) }, expect: careForm
                    ),
                    Row(
                        method: .POST, template: "/care/prescriptions/:id/doses", path: "/care/prescriptions/\(prescription)/doses",
                        body: { _ in .form([("day", today), ("time", "08:00"), ("status", "given")]) }, expect: careForm),
                    Row(
                        method: .POST, template: "/care/residents/:id/discharge", path: "/care/residents/\(resident)/discharge",
                        body: { _ in .form([("reason", ""), ("discharged_on", today)]) }, expect: [303, 404, 404, 404, 403, 303, 403]),
                    Row(
                        method: .POST, template: "/care/residents/:id/hold", path: "/care/residents/\(resident)/hold",
                        body: { _ in .form([("reason", "   ")]) }, expect: [303, 404, 404, 404, 303, 303, 403]),
                    Row(method: .GET, template: "/care/handover", path: "/care/handover?shift=night", body: none, expect: careView),
                    Row(method: .GET, template: "/care/rooms", path: "/care/rooms?day=\(today)", body: none, expect: careView),
                    Row(
                        method: .POST, template: "/care/rooms", path: "/care/rooms",
                        body: { r in .form([("department_id", department), ("code", "R-\(r.rawValue)"), ("sex", "mixed"), ("beds", "2")]) },
                        expect: [303, 403, 403, 403, 403, 303, 403]),
                    Row(method: .GET, template: "/api/v1/care/residents", path: "/api/v1/care/residents?status=in_care", body: none, expect: careView),
                    Row(
                        method: .POST, template: "/api/v1/care/residents", path: "/api/v1/care/residents", body: { _ in .json("{}") },
                        expect: [422, 403, 403, 403, 403, 422, 403]),
                    Row(method: .GET, template: "/api/v1/care/residents/:id", path: "/api/v1/care/residents/\(resident)", body: none, expect: careView),
                    Row(
                        method: .POST, template: "/api/v1/care/residents/:id/bed", path: "/api/v1/care/residents/\(resident)/bed",
                        body: { _ in .json(#"{"bed_id":"\#(freeBed)","from":"\#(today)"}"#) }, expect: careView),
                    Row(
                        method: .POST, template: "/api/v1/care/residents/:id/log", path: "/api/v1/care/residents/\(resident)/log",
                        body: { _ in .json(#"{"day":"\#(today)","shift":"night","kind":"sleep","note":"Ngủ ngon"}"#) }, expect: careAPI),
                    Row(
                        method: .POST, template: "/api/v1/care/residents/:id/prescriptions", path: "/api/v1/care/residents/\(resident)/prescriptions",
                        body: { _ in .json(#"{"drug":"Kẽm","dose":"1 gói","times":"09:00","from":"\#(today)","prescriber":"BS"}"#) }, expect: careAPI),
                    Row(
                        method: .POST, template: "/api/v1/care/prescriptions/:id/doses", path: "/api/v1/care/prescriptions/\(prescription)/doses",
                        body: { _ in .json(#"{"day":"\#(today)","time":"20:00","status":"missed"}"#) }, expect: [422, 403, 403, 403, 422, 422, 403]),
                    Row(
                        method: .POST, template: "/api/v1/care/residents/:id/discharge", path: "/api/v1/care/residents/\(resident)/discharge",
                        body: { _ in .json(#"{"reason":"","discharged_on":""}"#) }, expect: [422, 403, 403, 403, 403, 422, 403]),
                    Row(
                        method: .POST, template: "/api/v1/care/residents/:id/hold", path: "/api/v1/care/residents/\(resident)/hold",
                        body: { _ in .json(#"{"reason":"   "}"#) }, expect: [422, 403, 403, 403, 422, 422, 403]),
                    Row(method: .GET, template: "/api/v1/care/handover", path: "/api/v1/care/handover?shift=afternoon", body: none, expect: careView),
                    Row(method: .GET, template: "/api/v1/care/rooms", path: "/api/v1/care/rooms", body: none, expect: careView),
                    Row(
                        method: .POST, template: "/api/v1/care/rooms", path: "/api/v1/care/rooms", body: { _ in .json("{}") },
                        expect: [422, 403, 403, 403, 403, 422, 403]),
                    Row(method: .GET, template: "/api/v1/care/occupancy", path: "/api/v1/care/occupancy?day=\(today)", body: none, expect: careView),
                    // The staff plan: read by who sees the accounts, kept by who manages units.
                    Row(method: .GET, template: "/admin/staff", path: "/admin/staff?day=\(today)", body: none, expect: staffView),
                    Row(
                        method: .POST, template: "/admin/staff/positions", path: "/admin/staff/positions",
                        body: { r in .form([("department_id", department), ("position_title", "VT \(r.rawValue)"), ("approved", "1")]) },
                        expect: [303, 303, 303, 403, 403, 303, 403]),
                    Row(
                        method: .POST, template: "/admin/staff/members", path: "/admin/staff/members",
                        body: { _ in
                            .form([("position_id", position.uuidString), ("full_name", "Người Mới"), ("qualification", "Trung cấp"), ("started_on", today)])
                        },
                        expect: [303, 404, 404, 403, 403, 303, 403]),
                    Row(
                        method: .POST, template: "/admin/staff/members/:id/leave", path: "/admin/staff/members/\(member)/leave",
                        body: { _ in .form([("left_on", "")]) }, expect: [303, 404, 404, 404, 403, 303, 403]),
                    Row(method: .GET, template: "/api/v1/staff/plan", path: "/api/v1/staff/plan", body: none, expect: staffView),
                    Row(method: .GET, template: "/api/v1/staff/members", path: "/api/v1/staff/members", body: none, expect: staffView),
                    Row(
                        method: .POST, template: "/api/v1/staff/positions", path: "/api/v1/staff/positions", body: { _ in .json("{}") },
                        expect: [422, 422, 422, 403, 403, 422, 403]),
                    Row(
                        method: .POST, template: "/api/v1/staff/members", path: "/api/v1/staff/members", body: { _ in .json("{}") },
                        expect: [422, 422, 422, 403, 403, 422, 403]),
                    Row(
                        method: .POST, template: "/api/v1/staff/members/:id/leave", path: "/api/v1/staff/members/\(member)/leave",
                        body: { _ in .json(#"{"left_on":""}"#) }, expect: [422, 422, 422, 403, 403, 422, 403]),
                    // Sessions and the therapy programme: the centre's staff.
                    Row(method: .GET, template: "/care/sessions", path: "/care/sessions?month=2025-12", body: none, expect: careView),
                    Row(
                        method: .POST, template: "/care/sessions", path: "/care/sessions",
                        body: { _ in .form([("kind", "trip"), ("day", today), ("title", "Dã ngoại"), ("led_by", "CTXH"), ("residents[]", resident)]) },
                        expect: [303, 403, 403, 403, 303, 303, 403]),
                    Row(method: .GET, template: "/care/therapy", path: "/care/therapy", body: none, expect: careView),
                    Row(
                        method: .POST, template: "/care/therapy", path: "/care/therapy", body: { _ in .form([("full_name", "")]) },
                        expect: [303, 403, 403, 403, 303, 303, 403]),
                    Row(method: .GET, template: "/care/therapy/:id", path: "/care/therapy/\(enrolment)", body: none, expect: careView),
                    Row(
                        method: .POST, template: "/care/therapy/:id/start", path: "/care/therapy/\(enrolment)/start",
                        body: { _ in .form([("started_on", "")]) },
                        expect: [303, 404, 404, 404, 303, 303, 403]),
                    Row(
                        method: .POST, template: "/care/therapy/:id/measures", path: "/care/therapy/\(enrolment)/measures",
                        body: { _ in .form([("instrument", "")]) }, expect: [303, 404, 404, 404, 303, 303, 403]),
                    Row(
                        method: .POST, template: "/care/therapy/:id/discharge", path: "/care/therapy/\(enrolment)/discharge",
                        body: { _ in .form([("outcome", "")]) }, expect: [303, 404, 404, 404, 303, 303, 403]),
                    Row(method: .GET, template: "/api/v1/care/sessions", path: "/api/v1/care/sessions?from=2025-01-01", body: none, expect: careView),
                    Row(
                        method: .POST, template: "/api/v1/care/sessions", path: "/api/v1/care/sessions", body: { _ in .json("{}") },
                        expect: [422, 403, 403, 403, 422, 422, 403]),
                    Row(method: .GET, template: "/api/v1/care/therapy", path: "/api/v1/care/therapy?status=waiting", body: none, expect: careView),
                    Row(
                        method: .POST, template: "/api/v1/care/therapy", path: "/api/v1/care/therapy", body: { _ in .json("{}") },
                        expect: [422, 403, 403, 403, 422, 422, 403]),
                    Row(method: .GET, template: "/api/v1/care/therapy/:id", path: "/api/v1/care/therapy/\(enrolment)", body: none, expect: careView),
                    Row(
                        method: .POST, template: "/api/v1/care/therapy/:id/start", path: "/api/v1/care/therapy/\(enrolment)/start",
                        body: { _ in .json(#"{"started_on":""}"#) }, expect: [422, 403, 403, 403, 422, 422, 403]),
                    Row(
                        method: .POST, template: "/api/v1/care/therapy/:id/measures", path: "/api/v1/care/therapy/\(enrolment)/measures",
                        body: { _ in .json(#"{"domain":"social","instrument":"","day":"\#(today)","score":1}"#) }, expect: [422, 403, 403, 403, 422, 422, 403]),
                    Row(
                        method: .POST, template: "/api/v1/care/therapy/:id/discharge", path: "/api/v1/care/therapy/\(enrolment)/discharge",
                        body: { _ in .json(#"{"outcome":"","discharged_on":"\#(today)"}"#) }, expect: [422, 403, 403, 403, 422, 422, 403]),
                    // Schooling, training and jobs of a resident.
                    Row(
                        method: .POST, template: "/care/residents/:id/education", path: "/care/residents/\(resident)/education",
                        body: { _ in .form([("kind", "school"), ("institution", "Trường Tiểu học"), ("course", "Lớp 4"), ("from", today)]) }, expect: careForm),
                    Row(
                        method: .POST, template: "/care/residents/:id/placements", path: "/care/residents/\(resident)/placements",
                        body: { _ in .form([("employer", "")]) }, expect: careForm),
                    Row(
                        method: .POST, template: "/api/v1/care/residents/:id/education", path: "/api/v1/care/residents/\(resident)/education",
                        body: { _ in .json(#"{"kind":"vocational","institution":"Trường nghề","course":"May","from":"\#(today)"}"#) }, expect: careAPI),
                    Row(
                        method: .POST, template: "/api/v1/care/residents/:id/placements", path: "/api/v1/care/residents/\(resident)/placements",
                        body: { _ in .json(#"{"employer":"","job":"Phụ bếp","started_on":"\#(today)"}"#) }, expect: [422, 403, 403, 403, 422, 422, 403]),
                    // A resident's care plan, leave and incidents; the reminders.
                    Row(
                        method: .POST, template: "/care/residents/:id/goals", path: "/care/residents/\(resident)/goals",
                        body: { _ in .form([("domain", "health"), ("goal", "Tự ăn uống")]) }, expect: careForm),
                    Row(
                        method: .POST, template: "/care/residents/:id/plan-reviews", path: "/care/residents/\(resident)/plan-reviews",
                        body: { _ in .form([("reviewed_on", today), ("note", "")]) }, expect: careForm),
                    Row(
                        method: .POST, template: "/care/residents/:id/leave", path: "/care/residents/\(resident)/leave",
                        body: { _ in .form([("kind", "outing"), ("destination", "")]) }, expect: careForm),
                    Row(
                        method: .POST, template: "/care/residents/:id/return", path: "/care/residents/\(resident)/return",
                        body: { _ in .form([("returned_at", "")]) }, expect: careForm),
                    Row(
                        method: .POST, template: "/care/residents/:id/incidents", path: "/care/residents/\(resident)/incidents",
                        body: { _ in .form([("kind", "fall")]) }, expect: careForm),
                    Row(
                        method: .POST, template: "/care/incidents/:id/follow-up", path: "/care/incidents/\(incident)/follow-up",
                        body: { _ in .form([("day", today), ("note", "Đã khám")]) }, expect: careForm),
                    Row(
                        method: .GET, template: "/api/v1/care/residents/:id/plan", path: "/api/v1/care/residents/\(resident)/plan", body: none, expect: careView
                    ),
                    Row(method: .GET, template: "/api/v1/care/reminders", path: "/api/v1/care/reminders", body: none, expect: careView),
                    Row(
                        method: .POST, template: "/api/v1/care/residents/:id/goals", path: "/api/v1/care/residents/\(resident)/goals",
                        body: { _ in .json(#"{"domain":"life_skills","goal":"Tự giặt quần áo"}"#) }, expect: careAPI),
                    Row(
                        method: .POST, template: "/api/v1/care/residents/:id/plan-reviews", path: "/api/v1/care/residents/\(resident)/plan-reviews",
                        body: { _ in .json(#"{"reviewed_on":"\#(today)","note":"Tiến bộ","next_review_on":"2099-01-01"}"#) },
                        expect: [422, 403, 403, 403, 422, 422, 403]),
                    Row(
                        method: .POST, template: "/api/v1/care/residents/:id/leave", path: "/api/v1/care/residents/\(resident)/leave",
                        body: { _ in .json(#"{"kind":"outing","destination":"","left_at":"\#(today)T08:00","expected_back":"\#(today)T10:00"}"#) },
                        expect: [422, 403, 403, 403, 422, 422, 403]),
                    Row(
                        method: .POST, template: "/api/v1/care/residents/:id/return", path: "/api/v1/care/residents/\(resident)/return",
                        body: { _ in .json(#"{"returned_at":""}"#) }, expect: [422, 403, 403, 403, 422, 422, 403]),
                    Row(
                        method: .POST, template: "/api/v1/care/residents/:id/incidents", path: "/api/v1/care/residents/\(resident)/incidents",
                        body: { _ in .json(#"{"occurred_at":"\#(today)T07:00","kind":"illness","severity":"minor","description":"Sốt"}"#) }, expect: careAPI),
                    Row(
                        method: .POST, template: "/api/v1/care/incidents/:id/follow-up", path: "/api/v1/care/incidents/\(incident)/follow-up",
                        body: { _ in .json(#"{"day":"\#(today)","note":"Đã hạ sốt"}"#) }, expect: careAPI),
                    // Fee-paying care: contracts, prices, invoices, payments.
                    Row(method: .GET, template: "/care/contracts", path: "/care/contracts?status=active", body: none, expect: careView),
                    Row(method: .GET, template: "/care/contracts/:id", path: "/care/contracts/\(contract)", body: none, expect: careView),
                    Row(method: .GET, template: "/care/contracts/:id/print", path: "/care/contracts/\(contract)/print", body: none, expect: careView),
                    Row(method: .GET, template: "/care/invoices/:id", path: "/care/invoices/\(invoice)", body: none, expect: careView),
                    Row(
                        method: .POST, template: "/care/contracts", path: "/care/contracts", body: { _ in .form([("payer_name", "")]) },
                        expect: [303, 403, 403, 403, 403, 303, 403]),
                    Row(
                        method: .POST, template: "/care/prices", path: "/care/prices", body: { _ in .form([("room_type", "single")]) },
                        expect: [303, 403, 403, 403, 403, 303, 403]),
                    Row(
                        method: .POST, template: "/care/invoices", path: "/care/invoices", body: { _ in .form([("month", "2025-13")]) },
                        expect: [303, 403, 403, 403, 303, 303, 403]),
                    Row(
                        method: .POST, template: "/care/contracts/:id/invoices", path: "/care/contracts/\(contract)/invoices",
                        body: { _ in .form([("month", "")]) }, expect: careForm),
                    Row(
                        method: .POST, template: "/care/contracts/:id/payments", path: "/care/contracts/\(contract)/payments",
                        body: { _ in .form([("amount", "100000"), ("paid_on", today), ("method", "cash")]) }, expect: careForm),
                    Row(
                        method: .POST, template: "/care/contracts/:id/end", path: "/care/contracts/\(contract)/end", body: { _ in .form([("ends_on", "")]) },
                        expect: [303, 404, 404, 404, 403, 303, 403]),
                    Row(method: .GET, template: "/api/v1/care/contracts", path: "/api/v1/care/contracts", body: none, expect: careView),
                    Row(method: .GET, template: "/api/v1/care/contracts/:id", path: "/api/v1/care/contracts/\(contract)", body: none, expect: careView),
                    Row(method: .GET, template: "/api/v1/care/invoices/:id", path: "/api/v1/care/invoices/\(invoice)", body: none, expect: careView),
                    Row(method: .GET, template: "/api/v1/care/prices", path: "/api/v1/care/prices", body: none, expect: careView),
                    Row(
                        method: .POST, template: "/api/v1/care/prices", path: "/api/v1/care/prices", body: { _ in .json("{}") },
                        expect: [422, 403, 403, 403, 403, 422, 403]),
                    Row(
                        method: .POST, template: "/api/v1/care/contracts", path: "/api/v1/care/contracts", body: { _ in .json("{}") },
                        expect: [422, 403, 403, 403, 403, 422, 403]),
                    Row(
                        method: .POST, template: "/api/v1/care/invoices", path: "/api/v1/care/invoices",
                        body: { _ in .json(#"{"month":"2025-13"}"#) }, expect: [422, 403, 403, 403, 422, 422, 403]),
                    Row(
                        method: .POST, template: "/api/v1/care/contracts/:id/invoices", path: "/api/v1/care/contracts/\(contract)/invoices",
                        body: { _ in .json(#"{"month":"x"}"#) }, expect: [422, 403, 403, 403, 422, 422, 403]),
                    Row(
                        method: .POST, template: "/api/v1/care/contracts/:id/payments", path: "/api/v1/care/contracts/\(contract)/payments",
                        body: { _ in .json(#"{"amount":250000,"paid_on":"\#(today)","method":"bank"}"#) }, expect: careAPI),
                    Row(
                        method: .POST, template: "/api/v1/care/contracts/:id/end", path: "/api/v1/care/contracts/\(contract)/end",
                        body: { _ in .json(#"{"ends_on":""}"#) }, expect: [422, 403, 403, 403, 403, 422, 403]),
                    Row(
                        method: .POST, template: "/api/v1/care/shifts", path: "/api/v1/care/shifts",
                        body: { _ in .json(#"{"day":"\#(today)","shift":"night"}"#) },
                        expect: [422, 403, 403, 403, 422, 422, 403]),
                    Row(
                        method: .POST, template: "/care/residents/:id/health", path: "/care/residents/\(resident)/health",
                        body: { _ in .form([("kind", "checkup"), ("day", today), ("provider", "Y tế Trung tâm"), ("summary", "Huyết áp 120/80")]) },
                        expect: careForm),
                    Row(
                        method: .POST, template: "/api/v1/care/residents/:id/health", path: "/api/v1/care/residents/\(resident)/health",
                        body: { _ in .json(#"{"kind":"vaccination","day":"\#(today)","provider":"Trạm y tế","summary":"Cúm mùa"}"#) }, expect: careAPI),
                    // Case deadlines: read by who sees cases, changed by a national administrator.
                    Row(method: .GET, template: "/case-settings", path: "/case-settings", body: none, expect: cases),
                    Row(method: .GET, template: "/cases/export.csv", path: "/cases/export.csv?kind=emergency&format=xlsx", body: none, expect: cases),
                    Row(
                        method: .POST, template: "/case-settings", path: "/case-settings",
                        body: { _ in .form([("name", "critical.assess_hours"), ("value", "12")]) }, expect: [303, 403, 403, 403, 403, 403, 403]),
                    Row(method: .GET, template: "/api/v1/case-settings", path: "/api/v1/case-settings", body: none, expect: cases),
                    Row(
                        method: .POST, template: "/api/v1/case-settings", path: "/api/v1/case-settings",
                        body: { _ in .json(#"{"name":"critical.assess_hours","value":12}"#) }, expect: [200, 403, 403, 403, 403, 403, 403]),
                    // Files of a case: added by who works cases, read by who sees the child-protection class.
                    Row(
                        method: .POST, template: "/cases/:id/documents", path: "/cases/\(caseID)/documents", body: { _ in .upload("not,a,pdf\n") },
                        expect: [303, 404, 404, 404, 303, 303, 403]),
                    Row(method: .GET, template: "/case-documents/:id", path: "/case-documents/\(document)", body: none, expect: cases),
                    Row(method: .GET, template: "/api/v1/cases/:id/documents", path: "/api/v1/cases/\(caseID)/documents", body: none, expect: cases),
                    Row(
                        method: .POST, template: "/api/v1/cases/:id/documents", path: "/api/v1/cases/\(caseID)/documents", body: none,
                        expect: [422, 403, 403, 403, 422, 422, 403]),
                    Row(method: .GET, template: "/api/v1/case-documents/:id", path: "/api/v1/case-documents/\(document)", body: none, expect: cases),
                    // Handing a case over: a centre manager.
                    Row(
                        method: .POST, template: "/cases/:id/worker", path: "/cases/\(caseID)/worker",
                        body: { _ in .form([("worker", "nobody"), ("reason", "Nghỉ phép")]) }, expect: [303, 404, 404, 404, 403, 303, 403]),
                    Row(
                        method: .POST, template: "/api/v1/cases/:id/worker", path: "/api/v1/cases/\(caseID)/worker",
                        body: { _ in .json(#"{"worker":"nobody","reason":"Nghỉ phép"}"#) }, expect: [422, 403, 403, 403, 403, 422, 403]),
                    Row(
                        method: .POST, template: "/cases/:id/hold", path: "/cases/\(caseID)/hold", body: { _ in .form([("reason", "   ")]) },
                        expect: [303, 404, 404, 404, 303, 303, 403]),
                    Row(
                        method: .POST, template: "/api/v1/cases/:id/hold", path: "/api/v1/cases/\(caseID)/hold", body: { _ in .json(#"{"reason":"   "}"#) },
                        expect: [422, 403, 403, 403, 422, 422, 403]),
                    // The hotline: the centre's social workers and managers.
                    Row(method: .GET, template: "/hotline", path: "/hotline?topic=legal", body: none, expect: cases),
                    Row(method: .GET, template: "/hotline/new", path: "/hotline/new", body: none, expect: cases),
                    Row(
                        method: .POST, template: "/hotline", path: "/hotline", body: { _ in .form([("channel", "phone"), ("non_data", "silent")]) },
                        expect: [422, 403, 403, 403, 303, 303, 403]),
                    Row(method: .GET, template: "/hotline/:id", path: "/hotline/\(contact)", body: none, expect: cases),
                    Row(
                        method: .POST, template: "/hotline/:id/case", path: "/hotline/\(contact)/case",
                        body: { _ in
                            .form([
                                ("person_name", ""), ("kind", "emergency"), ("risk_level", "high"), ("risk_reason", "x"), ("placement", "community_support"),
                            ])
                        },
                        expect: [303, 404, 404, 404, 303, 303, 403]),
                    Row(
                        method: .POST, template: "/hotline/:id/link", path: "/hotline/\(contact)/link", body: { _ in .form([("case_number", "none")]) },
                        expect: [303, 404, 404, 404, 303, 303, 403]),
                    Row(
                        method: .POST, template: "/api/v1/hotline/contacts/:id/link", path: "/api/v1/hotline/contacts/\(contact)/link",
                        body: { _ in .json(#"{"case_number":"none"}"#) }, expect: [422, 403, 403, 403, 422, 422, 403]),
                    Row(
                        method: .POST, template: "/hotline/:id/callback", path: "/hotline/\(contact)/callback",
                        body: { _ in .form([("callback_number", "12"), ("due_on", due)]) }, expect: [303, 404, 404, 404, 303, 303, 403]),
                    Row(
                        method: .POST, template: "/api/v1/hotline/contacts/:id/callback", path: "/api/v1/hotline/contacts/\(contact)/callback",
                        body: { _ in .json(#"{"callback_number":"12","due_on":"\#(due)"}"#) }, expect: [422, 403, 403, 403, 422, 422, 403]),
                    Row(method: .GET, template: "/hotline/report", path: "/hotline/report?year=2026&month=1", body: none, expect: cases),
                    Row(method: .GET, template: "/api/v1/hotline/contacts", path: "/api/v1/hotline/contacts?topic=legal", body: none, expect: cases),
                    Row(
                        method: .POST, template: "/api/v1/hotline/contacts", path: "/api/v1/hotline/contacts",
                        body: { _ in .json(#"{"unit":"22-TTTGXH","channel":"phone","non_data":"prank"}"#) }, expect: [201, 403, 403, 403, 201, 201, 403]),
                    Row(method: .GET, template: "/api/v1/hotline/contacts/:id", path: "/api/v1/hotline/contacts/\(contact)", body: none, expect: cases),
                    Row(
                        method: .POST, template: "/api/v1/hotline/contacts/:id/case", path: "/api/v1/hotline/contacts/\(contact)/case",
                        body: { _ in .json(#"{"person_name":" ","kind":"emergency","risk_level":"high","risk_reason":"x","placement":"community_support"}"#) },
                        expect: [422, 403, 403, 403, 422, 422, 403]),
                    Row(
                        method: .GET, template: "/api/v1/hotline/report", path: "/api/v1/hotline/report?unit=22-TTTGXH&year=2026", body: none, expect: cases),
                    // Funds: seen by every role within its units, kept by who manages them, approved by a checker.
                    Row(method: .GET, template: "/funds", path: "/funds", body: none, expect: everyone),
                    Row(method: .GET, template: "/funds/:id", path: "/funds/\(fund)?page=2", body: none, expect: fundView),
                    Row(method: .POST, template: "/funds/:id", path: "/funds/\(fund)", body: { _ in .form([("name", "")]) }, expect: fundForm),
                    Row(
                        method: .POST, template: "/funds/:id/pledges", path: "/funds/\(fund)/pledges", body: { _ in .form([("amount", "")]) }, expect: fundForm),
                    Row(
                        method: .POST, template: "/pledges/:id/cancel", path: "/pledges/\(pledge)/cancel", body: { _ in .form([("reason", "")]) },
                        expect: fundForm),
                    Row(method: .GET, template: "/funds/:id/donor-report", path: "/funds/\(fund)/donor-report?year=2026", body: none, expect: fundView),
                    Row(method: .GET, template: "/funds/:id/ledger", path: "/funds/\(fund)/ledger?month=\(today.prefix(7))", body: none, expect: fundView),
                    Row(method: .GET, template: "/donors", path: "/donors?q=cong%20ty", body: none, expect: everyone),
                    Row(method: .GET, template: "/donors/:id", path: "/donors/\(donor)", body: none, expect: fundView),
                    Row(method: .POST, template: "/donors/:id", path: "/donors/\(donor)", body: { _ in .form([("name", "")]) }, expect: fundForm),
                    Row(
                        method: .POST, template: "/donors/:id/hold", path: "/donors/\(donor)/hold", body: { _ in .form([("reason", " ")]) },
                        expect: fundForm),
                    Row(method: .GET, template: "/fund-receipts/:id", path: "/fund-receipts/\(receipt)", body: none, expect: fundView),
                    Row(method: .GET, template: "/fund-receipts/:id/letter", path: "/fund-receipts/\(receipt)/letter", body: none, expect: fundView),
                    Row(method: .GET, template: "/public/funds", path: "/public/funds", body: none, expect: everyone),
                    Row(method: .GET, template: "/public/funds/:id", path: "/public/funds/\(fund)?year=2026", body: none, expect: everyone),
                    Row(method: .GET, template: "/public/funds/:id/report.csv", path: "/public/funds/\(fund)/report.csv", body: none, expect: everyone),
                    Row(
                        method: .POST, template: "/funds", path: "/funds", body: { _ in .form([("name", "")]) }, expect: [303, 303, 403, 303, 303, 303, 403]),
                    Row(
                        method: .POST, template: "/donors", path: "/donors", body: { _ in .form([("name", "")]) }, expect: [303, 303, 403, 303, 303, 303, 403]),
                    Row(
                        method: .POST, template: "/funds/:id/receipts", path: "/funds/\(fund)/receipts", body: { _ in .form([("method", "bank")]) },
                        expect: fundForm),
                    Row(
                        method: .POST, template: "/funds/:id/disbursements", path: "/funds/\(fund)/disbursements", body: { _ in .form([("kind", "cash")]) },
                        expect: fundForm),
                    Row(
                        method: .POST, template: "/funds/:id/close", path: "/funds/\(fund)/close", body: { _ in .form([("month", "2025-13")]) },
                        expect: fundForm),
                    Row(
                        method: .POST, template: "/fund-receipts/:id/reverse", path: "/fund-receipts/\(receipt)/reverse",
                        body: { _ in .form([("reason", "")]) },
                        expect: fundForm),
                    Row(
                        method: .POST, template: "/disbursements/:id/approve", path: "/disbursements/\(disbursement)/approve", body: none,
                        expect: [303, 404, 404, 404, 403, 303, 403]),
                    Row(
                        method: .POST, template: "/disbursements/:id/reject", path: "/disbursements/\(disbursement)/reject",
                        body: { _ in .form([("reason", "x")]) },
                        expect: [303, 404, 404, 404, 403, 303, 403]),
                    Row(
                        method: .POST, template: "/disbursements/:id/reverse", path: "/disbursements/\(disbursement)/reverse",
                        body: { _ in .form([("reason", "")]) }, expect: [303, 404, 404, 404, 403, 303, 403]),
                    Row(method: .GET, template: "/api/v1/funds", path: "/api/v1/funds", body: none, expect: everyone),
                    Row(method: .GET, template: "/api/v1/funds/:id", path: "/api/v1/funds/\(fund)", body: none, expect: fundView),
                    Row(method: .PUT, template: "/api/v1/funds/:id", path: "/api/v1/funds/\(fund)", body: { _ in .json("{}") }, expect: fundAPI),
                    Row(method: .GET, template: "/api/v1/funds/:id/pledges", path: "/api/v1/funds/\(fund)/pledges", body: none, expect: fundView),
                    Row(
                        method: .POST, template: "/api/v1/funds/:id/pledges", path: "/api/v1/funds/\(fund)/pledges", body: { _ in .json("{}") },
                        expect: fundAPI),
                    Row(
                        method: .POST, template: "/api/v1/pledges/:id/cancel", path: "/api/v1/pledges/\(pledge)/cancel", body: { _ in .json("[]") },
                        expect: fundAPI),
                    Row(method: .GET, template: "/api/v1/funds/:id/receipts", path: "/api/v1/funds/\(fund)/receipts", body: none, expect: fundView),
                    Row(
                        method: .GET, template: "/api/v1/funds/:id/disbursements", path: "/api/v1/funds/\(fund)/disbursements?status=approved", body: none,
                        expect: fundView),
                    Row(method: .GET, template: "/api/v1/funds/:id/donor-report", path: "/api/v1/funds/\(fund)/donor-report", body: none, expect: fundView),
                    Row(method: .GET, template: "/api/v1/funds/:id/ledger", path: "/api/v1/funds/\(fund)/ledger", body: none, expect: fundView),
                    Row(method: .GET, template: "/api/v1/donors", path: "/api/v1/donors", body: none, expect: everyone),
                    Row(method: .GET, template: "/api/v1/donors/:id", path: "/api/v1/donors/\(donor)", body: none, expect: fundView),
                    Row(method: .GET, template: "/api/v1/donors/:id/pledges", path: "/api/v1/donors/\(donor)/pledges", body: none, expect: fundView),
                    Row(method: .PUT, template: "/api/v1/donors/:id", path: "/api/v1/donors/\(donor)", body: { _ in .json("{}") }, expect: fundAPI),
                    Row(
                        method: .POST, template: "/api/v1/donors/:id/hold", path: "/api/v1/donors/\(donor)/hold",
                        body: { _ in .json(#"{"reason":" "}"#) }, expect: fundAPI),
                    Row(method: .GET, template: "/api/v1/donor-duplicates", path: "/api/v1/donor-duplicates", body: none, expect: everyone),
                    Row(method: .GET, template: "/api/v1/fund-receipts/:id", path: "/api/v1/fund-receipts/\(receipt)", body: none, expect: fundView),
                    Row(method: .GET, template: "/api/v1/disbursements/:id", path: "/api/v1/disbursements/\(disbursement)", body: none, expect: fundView),
                    Row(
                        method: .GET, template: "/api/v1/reports/funds", path: "/api/v1/reports/funds?unit=22-TTTGXH&year=2026", body: none, expect: fundView),
                    Row(method: .POST, template: "/api/v1/funds", path: "/api/v1/funds", body: { _ in .json("{}") }, expect: fundAPI),
                    Row(method: .POST, template: "/api/v1/donors", path: "/api/v1/donors", body: { _ in .json("{}") }, expect: fundAPI),
                    Row(
                        method: .POST, template: "/api/v1/funds/:id/receipts", path: "/api/v1/funds/\(fund)/receipts", body: { _ in .json("{}") },
                        expect: fundAPI),
                    Row(
                        method: .POST, template: "/api/v1/funds/:id/disbursements", path: "/api/v1/funds/\(fund)/disbursements", body: { _ in .json("{}") },
                        expect: fundAPI),
                    Row(
                        method: .POST, template: "/api/v1/funds/:id/close", path: "/api/v1/funds/\(fund)/close", body: { _ in .json(#"{"month":"x"}"#) },
                        expect: fundAPI),
                    Row(
                        method: .POST, template: "/api/v1/fund-receipts/:id/reverse", path: "/api/v1/fund-receipts/\(receipt)/reverse",
                        body: { _ in .json(#"{"reason":""}"#) }, expect: fundAPI),
                    Row(
                        method: .POST, template: "/api/v1/disbursements/:id/approve", path: "/api/v1/disbursements/\(disbursement)/approve", body: none,
                        expect: [409, 403, 404, 403, 403, 409, 403]),
                    Row(
                        method: .POST, template: "/api/v1/disbursements/:id/reject", path: "/api/v1/disbursements/\(disbursement)/reject",
                        body: { _ in .json(#"{"reason":""}"#) }, expect: [422, 403, 422, 403, 403, 422, 403]),
                    Row(
                        method: .POST, template: "/api/v1/disbursements/:id/reverse", path: "/api/v1/disbursements/\(disbursement)/reverse",
                        body: { _ in .json(#"{"reason":""}"#) }, expect: [422, 403, 422, 403, 403, 422, 403]),
                    // Gift campaigns: seen by who sees the funds, run by the ward's officer; merit records with the registry.
                    Row(method: .GET, template: "/campaigns", path: "/campaigns?year=2026", body: none, expect: everyone),
                    Row(method: .GET, template: "/campaigns/:id", path: "/campaigns/\(giftCampaign)?status=pending&page=1", body: none, expect: wardView),
                    Row(method: .GET, template: "/campaigns/:id/signatures", path: "/campaigns/\(giftCampaign)/signatures", body: none, expect: wardView),
                    Row(method: .GET, template: "/gift-report", path: "/gift-report?year=2025", body: none, expect: everyone),
                    Row(method: .GET, template: "/merit", path: "/merit?category=war_invalid", body: none, expect: everyone),
                    Row(method: .GET, template: "/reports/ward", path: "/reports/ward", body: none, expect: everyone),
                    Row(
                        method: .POST, template: "/campaigns", path: "/campaigns", body: { _ in .form([("name", "")]) },
                        expect: [303, 303, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/campaigns/:id/gift-types", path: "/campaigns/\(giftCampaign)/gift-types",
                        body: { _ in .form([("name", "")]) },
                        expect: giftForm),
                    Row(method: .POST, template: "/campaigns/:id/generate", path: "/campaigns/\(giftCampaign)/generate", body: none, expect: giftForm),
                    Row(
                        method: .POST, template: "/campaigns/:id/handouts", path: "/campaigns/\(giftCampaign)/handouts",
                        body: { _ in .form([("outcome", "handed")]) },
                        expect: giftForm),
                    Row(
                        method: .POST, template: "/merit", path: "/merit", body: { _ in .form([("person_id", "")]) },
                        expect: [303, 303, 403, 403, 403, 403, 403]),
                    Row(method: .GET, template: "/api/v1/gift-campaigns", path: "/api/v1/gift-campaigns?year=2026", body: none, expect: everyone),
                    Row(method: .GET, template: "/api/v1/gift-campaigns/:id", path: "/api/v1/gift-campaigns/\(giftCampaign)", body: none, expect: wardView),
                    Row(
                        method: .GET, template: "/api/v1/gift-campaigns/:id/entries", path: "/api/v1/gift-campaigns/\(giftCampaign)/entries", body: none,
                        expect: wardView),
                    Row(method: .GET, template: "/api/v1/reports/gifts", path: "/api/v1/reports/gifts?year=2026", body: none, expect: everyone),
                    Row(method: .GET, template: "/api/v1/merit-records", path: "/api/v1/merit-records", body: none, expect: everyone),
                    Row(method: .GET, template: "/api/v1/reports/ward", path: "/api/v1/reports/ward?unit=00364&year=2026", body: none, expect: wardView),
                    Row(method: .POST, template: "/api/v1/gift-campaigns", path: "/api/v1/gift-campaigns", body: { _ in .json("{}") }, expect: giftAPI),
                    Row(
                        method: .POST, template: "/api/v1/gift-campaigns/:id/gift-types", path: "/api/v1/gift-campaigns/\(giftCampaign)/gift-types",
                        body: { _ in .json("{}") }, expect: giftAPI),
                    Row(
                        method: .POST, template: "/api/v1/gift-campaigns/:id/generate", path: "/api/v1/gift-campaigns/\(giftCampaign)/generate", body: none,
                        expect: [409, 409, 403, 403, 403, 403, 403]),
                    Row(
                        method: .POST, template: "/api/v1/gift-campaigns/:id/handouts", path: "/api/v1/gift-campaigns/\(giftCampaign)/handouts",
                        body: { _ in .json("{}") },
                        expect: giftAPI),
                    Row(
                        method: .POST, template: "/api/v1/gift-entries/:id/hand-out", path: "/api/v1/gift-entries/\(UUID())/hand-out",
                        body: { _ in .json("{}") },
                        expect: giftAPI),
                    Row(
                        method: .POST, template: "/api/v1/gift-entries/:id/not-handed", path: "/api/v1/gift-entries/\(UUID())/not-handed",
                        body: { _ in .json("{}") }, expect: giftAPI),
                    Row(method: .POST, template: "/api/v1/merit-records", path: "/api/v1/merit-records", body: { _ in .json("{}") }, expect: giftAPI),
                    Row(
                        method: .POST, template: "/campaigns/:id/hold", path: "/campaigns/\(giftCampaign)/hold", body: { _ in .form([("reason", " ")]) },
                        expect: giftForm),
                    Row(
                        method: .POST, template: "/api/v1/gift-campaigns/:id/hold", path: "/api/v1/gift-campaigns/\(giftCampaign)/hold",
                        body: { _ in .json(#"{"reason":" "}"#) }, expect: giftAPI),
                    Row(method: .POST, template: "/campaigns/:id/close", path: "/campaigns/\(giftCampaign)/close", body: none, expect: giftForm),
                    Row(
                        method: .POST, template: "/api/v1/gift-campaigns/:id/close", path: "/api/v1/gift-campaigns/\(giftCampaign)/close", body: none,
                        expect: [409, 409, 403, 403, 403, 403, 403]),
                    // Last: it ends the session.
                    Row(method: .POST, template: "/logout", path: "/logout", body: none, expect: [303, 303, 303, 303, 303, 303, 303]),
                ]

            // Every registered route has exactly one row.
            let registered = registeredRoutes(app)
            let covered = Set(rows.map { "\($0.method.rawValue) \($0.template)" })
            let missing = registered.subtracting(covered).subtracting(["POST /login"])  // sign-in itself: AuthTests
            #expect(missing.sorted() == [], "routes without a row in the matrix")
            #expect(covered.subtracting(registered).sorted() == [], "rows for routes that do not exist")

            var browsers: [Role: TestBrowser] = [:]
            var tokens: [Role: String] = [:]
            for (role, username) in Self.roles {
                let b = TestBrowser(app)
                try await b.login(username)
                browsers[role] = b
                let uid = try await UserRepository(app.store).find(username: username)!.id
                tokens[role] = try await TokenRepository(app.store).create(.system, for: uid, name: "matrix")
            }
            for row in rows {
                for (i, (role, _)) in Self.roles.enumerated() {
                    let status: UInt
                    if row.path.hasPrefix("/api/") {
                        var json: String? = nil
                        if case .json(let j) = row.body(role) { json = j }
                        status = try await apiRequest(app, row.method, row.path, token: tokens[role], json: json).status.code
                    } else {
                        let b = browsers[role]!
                        switch (row.method, row.body(role)) {
                        case (.GET, _): try await b.get(row.path)
                        case (_, .form(let fields)): try await b.post(row.path, fields)
                        case (_, .upload(let content)): try await b.upload(row.path, fileName: "m.csv", content: content)
                        default: try await b.post(row.path, [])
                        }
                        status = b.lastStatus
                        // Keep a fresh form token for the next POST.
                        if row.method == .POST && status == 303 && row.path != "/logout" { try await b.get("/") }
                    }
                    #expect(status == row.expect[i], "\(row.method) \(row.path) as \(role.rawValue)")
                }
            }
        }
    }

    /// Without signing in, every page redirects to the login page and every API route is 401.
    @Test(arguments: TestDatabase.all)
    func anonymousVisitors(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            for route in app.routes.all {
                let path =
                    "/"
                    + route.path.map { c -> String in
                        if case .parameter = c { return UUID().uuidString }; return c.description
                    }.joined(separator: "/")
                let open = ["/health", "/metrics", "/static/app.css", "/login", "/api/v1/openapi.json", "/public"]
                // The ward's information for residents needs no login (`PublicInformationTests`, `FundTests`).
                if open.contains(path) || path.hasPrefix("/public/") || path.hasPrefix("/api/v1/public/") || route.method != .GET { continue }
                let res = try await app.testing().sendRequest(.GET, path)
                if path.hasPrefix("/api/") {
                    #expect(res.status == .unauthorized, "\(path)")
                } else {
                    #expect(res.status == .seeOther, "\(path)")
                    #expect(res.headers.first(name: .location)?.hasPrefix("/login") == true, "\(path)")
                }
            }
        }
    }
}
