import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The API twin of the staff plan.
struct StaffAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.staffPlan), use: plan)
        api.post(.api(.staffPositions), use: addPosition)
        api.get(.api(.staffMembers), use: members)
        api.post(.api(.staffMembers), use: addMember)
        api.post(.api(.staffLeave(nil)), use: leave)
    }

    struct LineDTO: Content { let positionId: UUID; let department: String; let title: String; let approved: Int; let filled: Int }
    struct MemberDTO: Content {
        let id: UUID; let fullName: String; let department: String; let position: String; let qualification: String; let startedOn: String
        let leftOn: String?; let username: String?
    }
    struct PositionCreate: Content { let departmentId: UUID; let positionTitle: String; let approved: Int }
    struct MemberCreate: Content { let positionId: UUID; let fullName: String; let qualification: String; let startedOn: String; let username: String? }
    struct Leave: Content { let leftOn: String }

    func plan(req: Request) async throws -> APIJSON<[LineDTO]> {
        let a = try req.requireActor()
        return APIJSON(
            try await StaffRepository(req.store).plan(a, on: try req.queryDate("day") ?? req.today).map {
                LineDTO(positionId: $0.positionID, department: $0.department, title: $0.title, approved: $0.approved, filled: $0.filled)
            })
    }

    func addPosition(req: Request) async throws -> APIJSON<[LineDTO]> {
        let a = try req.requireActor()
        try a.require(.manageUnits)
        let b = try req.json(PositionCreate.self)
        try APIInput.limit([("position_title", b.positionTitle, 120)])
        _ = try await StaffRepository(req.store).addPosition(a, departmentID: b.departmentId, title: b.positionTitle, approved: b.approved)
        return APIJSON(try await plan(req: req).value, status: .created)
    }

    static func dto(_ m: StaffMemberRow) -> MemberDTO {
        MemberDTO(
            id: m.id, fullName: m.fullName, department: m.department, position: m.position, qualification: m.qualification, startedOn: m.startedOn.iso,
            leftOn: m.leftOn?.iso, username: m.username)
    }

    func members(req: Request) async throws -> APIJSON<APIPage<MemberDTO>> {
        let a = try req.requireActor()
        return APIJSON(APIPage(try await StaffRepository(req.store).members(a, page: try req.pageSpec).map(Self.dto)))
    }

    func addMember(req: Request) async throws -> APIJSON<MemberDTO> {
        let a = try req.requireActor()
        try a.require(.manageUnits)
        let b = try req.json(MemberCreate.self)
        try APIInput.limit([("full_name", b.fullName, 120), ("qualification", b.qualification, 200), ("username", b.username, 40)])
        let repo = StaffRepository(req.store)
        let id = try await repo.addMember(
            a, positionID: b.positionId, fullName: b.fullName, qualification: b.qualification, startedOn: b.startedOn, username: b.username ?? "",
            today: req.today)
        return APIJSON(Self.dto(try await repo.member(a, id: id)), status: .created)
    }

    func leave(req: Request) async throws -> APIJSON<MemberDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        let b = try req.json(Leave.self)
        let repo = StaffRepository(req.store)
        try await repo.leave(a, memberID: id, on: b.leftOn, today: req.today)
        return APIJSON(Self.dto(try await repo.member(a, id: id)))
    }

    static var operations: [APIOperation] {
        let tag = "staff"
        return [
            APIOperation(
                .GET, .staffPlan, "The job-position plan on a day: each position of each department, approved and filled", tag: tag,
                query: [("day", OpenAPI.date)], response: "StaffPlan"),
            APIOperation(
                .POST, .staffPositions, "Add a position with its approved number to a department", tag: tag, request: "StaffPositionCreate",
                response: "StaffPlan", status: 201),
            APIOperation(.GET, .staffMembers, "The staff in the caller's units", tag: tag, query: OpenAPI.paging, response: "StaffMemberPage"),
            APIOperation(
                .POST, .staffMembers, "Place a member of staff in a position", tag: tag, request: "StaffMemberCreate", response: "StaffMember", status: 201),
            APIOperation(.POST, .staffLeave(nil), "A member of staff leaves on a day", tag: tag, request: "StaffLeave", response: "StaffMember"),
        ]
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"]
        let int: [String: Any] = ["type": "integer"]
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        let nstr: [String: Any] = ["type": ["string", "null"]]
        return [
            "StaffPlan": [
                "type": "array",
                "items": OpenAPI.obj(
                    ["position_id": uuid, "department": str, "title": str, "approved": int, "filled": int],
                    required: ["position_id", "department", "title", "approved", "filled"]),
            ],
            "StaffMember": OpenAPI.obj(
                [
                    "id": uuid, "full_name": str, "department": str, "position": str, "qualification": str, "started_on": str, "left_on": nstr,
                    "username": nstr,
                ], required: ["id", "full_name", "department", "position", "qualification", "started_on"]),
            "StaffMemberPage": OpenAPI.page("StaffMember"),
            "StaffPositionCreate": OpenAPI.request(
                ["department_id": uuid, "position_title": OpenAPI.name(120), "approved": ["type": "integer", "minimum": 0, "maximum": 500]],
                required: ["department_id", "position_title", "approved"]),
            "StaffMemberCreate": OpenAPI.request(
                [
                    "position_id": uuid, "full_name": OpenAPI.name(120), "qualification": OpenAPI.name(200), "started_on": OpenAPI.date,
                    "username": ["type": "string", "maxLength": 40],
                ], required: ["position_id", "full_name", "qualification", "started_on"]),
            "StaffLeave": OpenAPI.request(["left_on": OpenAPI.date], required: ["left_on"]),
        ]
    }
}
