import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The staff plan in the browser.
struct StaffController {
    func register(authed: any RoutesBuilder) {
        authed.get(.staff, use: page)
        authed.post(.staffPositions, use: addPosition)
        authed.post(.staffMembers, use: addMember)
        authed.post(.staffLeave(nil), use: leave)
    }

    struct PositionForm: Content { var department_id: String?; var position_title: String?; var approved: String? }
    struct MemberForm: Content { var position_id: String?; var full_name: String?; var qualification: String?; var started_on: String?; var username: String? }
    struct LeaveForm: Content { var left_on: String? }

    func page(req: Request) async throws -> HTMLResponse { HTMLResponse(StaffPage.render(PageContext(req), try await StaffPage.model(for: req))) }

    func addPosition(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.manageUnits)
        let f = try req.content.decode(PositionForm.self)
        return try await req.perform(back: SiteRoute.staff.path, success: Message("staff.position_added")) {
            let approved = try f.approved.map { a -> Int in
                guard let n = Int(a.trimmingCharacters(in: .whitespaces)) else { throw AppError.invalid("approved", "validation.number") }
                return n
            }
            _ = try await StaffRepository(req.store).addPosition(
                actor, departmentID: try CareController.uuid(f.department_id, "department_id"), title: f.position_title ?? "", approved: approved)
        }
    }

    func addMember(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.manageUnits)
        let f = try req.content.decode(MemberForm.self)
        return try await req.perform(back: SiteRoute.staff.path, success: Message("staff.member_added")) {
            _ = try await StaffRepository(req.store).addMember(
                actor, positionID: try CareController.uuid(f.position_id, "position_id"), fullName: f.full_name ?? "", qualification: f.qualification ?? "",
                startedOn: f.started_on ?? "", username: f.username ?? "", today: req.today)
        }
    }

    func leave(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(LeaveForm.self)
        return try await req.perform(back: SiteRoute.staff.path, success: Message("staff.left")) {
            try await StaffRepository(req.store).leave(actor, memberID: id, on: f.left_on ?? "", today: req.today)
        }
    }
}
