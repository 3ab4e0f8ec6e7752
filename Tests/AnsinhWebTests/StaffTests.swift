import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

/// The centre's job-position plan: approved against filled by department on a day, and the
/// demo's 7 departments and 129 staff through the centre report.
@Suite("Staff plan")
struct StaffTests {
    @Test(arguments: TestDatabase.all)
    func approvedAgainstFilledOnADay(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            let manager = try await demoActor(store, "giamdoc.quangninh")
            let staff = StaffRepository(store)
            let department = try await UnitRepository(store).find(code: "22-TTTGXH-P5")!.id
            let today = LocalDate(iso: "2025-12-31")!
            let position = try await staff.addPosition(manager, departmentID: department, title: "Nhà trị liệu tâm lý", approved: 3)
            await #expect(throws: AppError.invalid("position_title", "staff.error.position_exists", ["title": "Nhà trị liệu tâm lý"])) {
                try await staff.addPosition(manager, departmentID: department, title: "Nhà trị liệu tâm lý", approved: 2)
            }
            let a = try await staff.addMember(
                manager, positionID: position, fullName: "Trần Thu", qualification: "Thạc sĩ Tâm lý", startedOn: "2020-01-01", username: "", today: today)
            _ = try await staff.addMember(
                manager, positionID: position, fullName: "Lê Minh", qualification: "Cử nhân Tâm lý", startedOn: "2025-09-01", username: "ctxh.quangninh",
                today: today)
            await #expect(throws: AppError.invalid("username", "staff.error.no_account", ["username": "khong.co"])) {
                try await staff.addMember(
                    manager, positionID: position, fullName: "X", qualification: "Y", startedOn: "2025-01-01", username: "khong.co", today: today)
            }
            try await staff.leave(manager, memberID: a, on: "2025-06-30", today: today)
            let line = { (day: String) in try await staff.plan(manager, on: LocalDate(iso: day)!).first { $0.positionID == position }! }
            #expect(try await line("2025-05-01").filled == 1)  // Trần Thu only
            #expect(try await line("2025-07-01").filled == 0)  // she left, Lê Minh not yet started
            let end = try await line("2025-12-31")
            #expect(end.filled == 1 && end.approved == 3)
            // A ward officer neither sees nor changes the centre's plan.
            let officer = try await demoActor(store, "canbo.khuongdinh")
            await #expect(throws: AppError.forbidden) { try await staff.plan(officer, on: today) }
            await #expect(throws: AppError.self) { try await staff.addPosition(officer, departmentID: department, title: "Z", approved: 1) }
        }
    }

    @Test(arguments: TestDatabase.all)
    func theDemoCentresStaff(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            #expect(try await DemoData.loadStaff(app.store) == 129)
            let manager = try await apiToken(app.store, "giamdoc.quangninh")
            var res = try await apiRequest(app, .GET, "/api/v1/reports/centre?unit=22-TTTGXH&year=2025", token: manager)
            #expect(jsonObject(res)["departments"] as? Int == 7)
            #expect(jsonObject(res)["staff"] as? Int == 129)
            res = try await apiRequest(app, .GET, "/api/v1/staff/plan?day=2025-12-31", token: manager)
            let plan = try JSONSerialization.jsonObject(with: Data(buffer: res.body)) as? [[String: Any]] ?? []
            #expect(plan.reduce(0) { $0 + ($1["approved"] as? Int ?? 0) } == 135)
            #expect(plan.reduce(0) { $0 + ($1["filled"] as? Int ?? 0) } == 129)
        }
    }
}
