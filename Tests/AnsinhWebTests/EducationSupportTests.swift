import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

/// Education support: schools, the ward's children recorded at them (found by national ID or
/// from the list of children with no school), each pupil's support worked out from the registry,
/// the list following the facts until the school agrees, what the school applied, the export
/// and the ward report's figures.
@Suite("Education support")
struct EducationSupportTests {
    /// A poor household of the ward: the father, a girl of 2018 with a mild disability (national
    /// ID), a boy of 2020 (no ID yet) and a youth of 2008, past school age.
    static func household(_ store: Store, _ officer: Actor) async throws -> (girl: UUID, boy: UUID) {
        let ward = try await UnitRepository(store).find(code: "00364")!, group = try await UnitRepository(store).find(code: "00364-TDP01")!
        let day = LocalDate(iso: "2026-01-01")!
        let registry = RegistryRepository(store)
        let h = try await registry.createHousehold(
            officer, HouseholdInput(code: "00364-HT1", communeID: ward.id, groupID: group.id, address: "Ngõ 9", areaType: nil, phone: nil),
            head: PersonInput(fullName: "Lê Văn Cha", gender: "male", birth: "1985", nationalID: "001085000111"), since: day)
        let girl = try await registry.addMember(
            officer, householdID: h.id,
            person: PersonInput(fullName: "Lê Thị Ánh", gender: "female", birth: "2018-03-04", nationalID: "001318000222", disability: "mild"),
            role: "child", since: day)
        let boy = try await registry.addMember(
            officer, householdID: h.id, person: PersonInput(fullName: "Lê Văn Bình", gender: "male", birth: "2020-05-06"), role: "child", since: day)
        _ = try await registry.addMember(
            officer, householdID: h.id, person: PersonInput(fullName: "Lê Văn Lớn", gender: "male", birth: "2008"), role: "child", since: day)
        try await setClass(store, girl.id, PovertyClass.poor.rawValue)
        return (girl.id, boy.id)
    }

    @Test(arguments: TestDatabase.all)
    func aSchoolsListFollowsTheRegistryUntilTheSchoolAgrees(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let officer = try await demoActor(store, "canbo.khuongdinh")
            let (girl, boy) = try await Self.household(store, officer)
            let repo = EducationRepository(store), today = store.today
            #expect(SchoolYear.of(today).start == 2026)

            // Every wrong field of a school is named at once, and nothing is stored.
            var bad = SchoolInput()
            bad.unitCode = "99999"; bad.name = " "; bad.level = "college"; bad.ownership = ""
            do {
                _ = try await repo.addSchool(officer, bad)
                Issue.record("accepted")
            } catch AppError.validation(let errors) { #expect(Set(errors.map(\.field)) == ["unit", "name", "level", "ownership"]) }
            #expect(try await SchoolModel.query(on: store.db).count() == 0)
            let token = try await apiToken(store, "canbo.khuongdinh")
            var res = try await apiRequest(
                app, .POST, "/api/v1/schools", token: token, json: #"{"unit":"00364","name":"Tiểu học Khương Đình","level":"primary","ownership":"public"}"#)
            #expect(res.status == .created)
            let primary = UUID(uuidString: jsonObject(res)["id"] as! String)!
            #expect(
                try await apiRequest(
                    app, .POST, "/api/v1/schools", token: token, json: #"{"unit":"00364","name":"Tiểu học Khương Đình","level":"primary","ownership":"public"}"#
                ).status == .conflict)
            var s = SchoolInput()
            s.unitCode = "00364"; s.name = "Mầm non tư thục Hoa Sen"; s.level = "preschool"; s.ownership = "private"
            let preschool = try await repo.addSchool(officer, s)

            // The children of school age with no school: the girl and the boy, not the youth of 2008.
            res = try await apiRequest(app, .GET, "/api/v1/pupils/missing?school_year=2026", token: token)
            #expect(jsonObject(res)["total"] as? Int == 2)
            #expect(Set((jsonObject(res)["items"] as! [[String: Any]]).map { $0["name"] as! String }) == ["Lê Thị Ánh", "Lê Văn Bình"])

            // The girl by national ID at the public primary school: no tuition by law, the
            // learning-cost support for her disability and the poor household.
            res = try await apiRequest(
                app, .POST, "/api/v1/pupils", token: token,
                json: #"{"national_id":"001318000222","school_id":"\#(primary)","school_year":2026,"grade":"Lớp 3"}"#)
            #expect(res.status == .created)
            #expect(
                try await apiRequest(
                    app, .POST, "/api/v1/pupils", token: token, json: #"{"national_id":"001318000222","school_id":"\#(preschool)","school_year":2026}"#
                ).status == .conflict)
            res = try await apiRequest(
                app, .POST, "/api/v1/pupils", token: token, json: #"{"person_id":"\#(boy)","school_id":"\#(primary)","school_year":2019}"#)
            #expect(res.status == .unprocessableEntity && res.body.string.contains("school_year"))
            // The boy from the list, at the private preschool: exempted as a poor household's child.
            var p = PupilInput()
            p.personID = boy; p.schoolID = preschool; p.schoolYear = 2026; p.grade = "Lớp 5 tuổi"
            _ = try await repo.recordPupil(officer, p, today: today)
            #expect(try await repo.withoutSchool(officer, year: SchoolYear(2026), page: PageSpec(page: 1)).total == 0)

            res = try await apiRequest(app, .GET, "/api/v1/schools/\(primary)/supports?school_year=2026", token: token)
            let line = (jsonObject(res)["items"] as! [[String: Any]])[0]
            #expect(line["tuition"] as? String == "free" && line["learning_cost"] as? Int == 1_350_000)
            #expect(line["learning_cost_grounds"] as? [String] == ["disability", "poor_household"] && line["actions"] as? [String] == ["apply", "decline"])
            let girlLine = UUID(uuidString: line["id"] as! String)!
            let boyLine = try await repo.list(officer, school: preschool, year: SchoolYear(2026), status: nil, page: PageSpec(page: 1)).items[0]
            #expect(boyLine.tuition == .exempt && boyLine.tuitionGrounds == [.poorHousehold] && boyLine.learningCost == 1_350_000)

            // The school applies the girl's support; a day before the school year is refused.
            res = try await apiRequest(app, .POST, "/api/v1/education-supports/\(girlLine)/apply", token: token, json: #"{"applied_on":"2025-12-31"}"#)
            #expect(res.status == .unprocessableEntity)
            res = try await apiRequest(app, .POST, "/api/v1/education-supports/\(girlLine)/apply", token: token, json: #"{"applied_on":"2026-09-15"}"#)
            #expect(res.status == .ok && jsonObject(res)["status"] as? String == "applied")
            #expect(
                try await apiRequest(app, .POST, "/api/v1/education-supports/\(girlLine)/apply", token: token, json: #"{"applied_on":"2026-09-15"}"#).status
                    == .conflict)

            // The household is reclassified near-poor: the boy's open line follows (a 50% reduction,
            // no learning cost); the girl's applied line stays as agreed.
            let c = try await HouseholdClassificationModel.query(on: store.db).first()!
            c.povertyClass = PovertyClass.nearPoor.rawValue
            try await c.save(on: store.db)
            #expect(try await repo.refresh(officer, school: primary, year: 2026, today: today) == (0, 0, 0))
            res = try await apiRequest(app, .POST, "/api/v1/schools/\(preschool)/supports", token: token, json: #"{"school_year":2026}"#)
            #expect(jsonObject(res)["changed"] as? Int == 1)
            let moved = try await repo.support(officer, id: boyLine.id)
            #expect(moved.tuition == .reduced && moved.tuitionPercent == 50 && moved.learningCost == 0 && moved.status == .proposed)
            #expect(try await repo.support(officer, id: girlLine).learningCost == 1_350_000)

            // Not applied needs the reason.
            res = try await apiRequest(app, .POST, "/api/v1/education-supports/\(boyLine.id)/decline", token: token, json: "{}")
            #expect(res.status == .unprocessableEntity && res.body.string.contains("reason"))
            try await repo.step(officer, support: boyLine.id, .decline, date: "", reason: "Chuyển trường", today: today)

            // The ward report counts what the schools applied in the school year starting in 2026.
            let leader = try await apiToken(store, "lanhdao.khuongdinh")
            let report = jsonObject(try await apiRequest(app, .GET, "/api/v1/reports/ward?unit=00364&year=2026", token: leader))
            let education = report["education"] as! [String: Any]
            #expect(education["fee_exempted"] as? Int == 0 && education["learning_cost"] as? Int == 1)
            #expect(education["learning_cost_amount"] as? Int == 1_350_000 && education["school_year"] as? Int == 2026)

            // The pages: the schools, the school's list and its export; hostile values are errors.
            let browser = TestBrowser(app)
            try await browser.login("canbo.khuongdinh")
            var page = try await browser.get("/education?year=2026")
            #expect(page.status == .ok && page.body.string.contains("Tiểu học Khương Đình") && page.body.string.contains("Mầm non tư thục Hoa Sen"))
            page = try await browser.get("/education/schools/\(primary)?year=2026")
            #expect(page.body.string.contains("Lê Thị Ánh") && page.body.string.contains("1.350.000"))
            let csv = try await browser.get("/education/schools/\(primary)/export?year=2026&format=csv").body.string
            #expect(csv.contains("Lê Thị Ánh") && csv.contains("1350000") && csv.contains("disability;poor_household"))
            #expect(try await browser.get("/education?year=abc").status == .unprocessableEntity)
            #expect(try await browser.get("/education?person=%3Cb%3E").status == .unprocessableEntity)
            page = try await browser.get("/education/schools/\(primary)?year=2026&status=%3Cb%3Ex")
            #expect(page.status == .unprocessableEntity && !page.body.string.contains("<b>x"))
            page = try await browser.get("/education?year=2026&person=\(girl)")
            #expect(page.body.string.contains("Lê Thị Ánh") && page.body.string.contains("name=\"person_id\""))
            // The centre's social worker sees none of it.
            let worker = try await apiToken(store, "ctxh.quangninh")
            #expect(try await apiRequest(app, .GET, "/api/v1/schools", token: worker).status == .forbidden)
        }
    }
}
