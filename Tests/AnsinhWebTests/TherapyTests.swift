import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

/// Sessions count once and show on every participant's timeline; a child's progress is the
/// first and the latest measure of each domain; the demo's 48 children come out of the report.
@Suite("Sessions and therapy")
struct TherapyTests {
    @Test(arguments: TestDatabase.all)
    func aSessionCountsOnceAndReachesEveryParticipant(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            let (manager, worker, care) = try await CarePlanTests.centre(store)
            let today = LocalDate(iso: "2025-12-10")!
            var people: [UUID] = []
            for i in 0..<3 {
                people.append(
                    try await care.admit(
                        manager, CareTests.admission(name: "Cụ \(i)", birth: "1940-01-0\(i + 1)", basis: .elderlyWithoutSupport, on: "2025-11-0\(i + 1)"),
                        today: today))
            }
            let therapy = TherapyRepository(store)
            var child = EnrolmentInput()
            child.fullName = "Bé Tự"; child.gender = "male"; child.birthDate = "2019-02-02"; child.referral = "Bệnh viện";
            child.diagnosis = "Rối loạn phổ tự kỷ"
            child.enrolledOn = "2025-10-01"
            let enrolment = try await therapy.enrol(worker, child, today: today)
            // Before the treatment starts no measure is taken.
            await #expect(throws: AppError.self) {
                try await therapy.measure(
                    worker, id: enrolment, domain: "communication", instrument: "ATEC", day: "2025-10-02", score: 20, note: "", today: today)
            }
            try await therapy.start(worker, id: enrolment, on: "2025-10-05", today: today)
            _ = try await care.recordSession(
                worker, kind: "newspaper_reading", day: "2025-12-05", title: "Đọc báo", ledBy: "Phòng CTXH", note: "Tin thời tiết", residents: people,
                enrolments: [enrolment], today: today)
            // A resident admitted on 3 November was not in care on 2 November.
            await #expect(throws: AppError.invalid("participants", "care.error.not_in_care_that_day")) {
                try await care.recordSession(
                    worker, kind: "trip", day: "2025-11-02", title: "Dã ngoại", ledBy: "CTXH", note: "", residents: people, enrolments: [], today: today)
            }
            let sessions = try await care.sessions(worker, from: LocalDate(iso: "2025-12-01")!, to: today)
            #expect(sessions.map { "\($0.kind.rawValue) \($0.participants)" } == ["newspaper_reading 4"])
            for p in people {
                #expect(try await care.attended(worker, resident: p).map(\.title) == ["Đọc báo"])
            }
            #expect(try await therapy.enrolment(worker, id: enrolment).sessions.map(\.note) == ["Tin thời tiết"])
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action == "record_session").count() == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func progressIsBaselineToLatestPerDomain(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            let worker = try await demoActor(store, "ctxh.quangninh")
            let therapy = TherapyRepository(store)
            let today = LocalDate(iso: "2025-12-10")!
            var child = EnrolmentInput()
            child.fullName = "Bé Tiến"; child.gender = "female"; child.birthDate = "2018-03-03"; child.referral = "Trường"; child.diagnosis = "Tự kỷ"
            child.enrolledOn = "2025-01-10"
            let id = try await therapy.enrol(worker, child, today: today)
            try await therapy.start(worker, id: id, on: "2025-02-01", today: today)
            for (day, score) in [("2025-09-01", 30), ("2025-02-01", 18), ("2025-05-01", 24)] {
                try await therapy.measure(worker, id: id, domain: "communication", instrument: "ATEC", day: day, score: score, note: "", today: today)
            }
            try await therapy.measure(worker, id: id, domain: "social", instrument: "ATEC", day: "2025-03-01", score: 12, note: "", today: today)
            let view = try await therapy.enrolment(worker, id: id)
            #expect(
                view.progress?.map { "\($0.domain.rawValue) \($0.baseline)→\($0.latest) (\($0.measures))" } == ["communication 18→30 (3)", "social 12→12 (1)"])
            #expect(view.diagnosis == "Tự kỷ")
            // The page draws it: two bars per domain, the latest 30 on the full width.
            let page = EnrolmentPage.render(PageContext(locale: .vi, actor: worker), try await EnrolmentPage.model(for: try Self.request(app, worker, id)))
            #expect(page.contains(#"<rect x="0" y="12" width="300""#) && page.contains("18 → 30"))
            try await therapy.discharge(worker, id: id, outcome: "Đi học hòa nhập", on: "2025-12-01", today: today)
            #expect(try await therapy.enrolment(worker, id: id).row.status == .discharged)
        }
    }

    static func request(_ app: Application, _ actor: Actor, _ id: UUID) throws -> Request {
        let req = Request(application: app, method: .GET, url: URI(path: "/care/therapy/\(id)"), on: app.eventLoopGroup.next())
        req.parameters.set("id", to: id.uuidString)
        req.actor = actor
        return req
    }

    @Test(arguments: TestDatabase.all)
    func theDemoCentresTherapy(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            _ = try await DemoData.loadCases(app.store)
            _ = try await DemoData.loadCare(app.store)
            #expect(try await DemoData.loadTherapy(app.store) == 48)
            let manager = try await apiToken(app.store, "giamdoc.quangninh")
            let res = try await apiRequest(app, .GET, "/api/v1/reports/centre?unit=22-TTTGXH&year=2025", token: manager)
            let therapy = jsonObject(res)["therapy"] as? [String: Any]
            #expect(therapy?["children_in_treatment"] as? Int == 48)
            #expect((therapy?["sessions"] as? Int ?? 0) > 300)
            // The three young people who finished their courses in 2025 and left care for a job.
            #expect(try await DemoData.loadPlacements(app.store) == 3)
            let after = try await apiRequest(app, .GET, "/api/v1/reports/centre?unit=22-TTTGXH&year=2025", token: manager)
            #expect(jsonObject(after)["young_people_into_jobs"] as? Int == 3)
            #expect((jsonObject(after)["residents"] as? [String: Any])?["adults"] as? Int == 157)
        }
    }
}
