import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The API twin of a fund's pledges: the list with what came against each, a pledge recorded,
/// one cancelled, and a donor's pledges to every fund (the donor's page). A gift is received
/// against a pledge through the receipt's `pledge_id`.
struct PledgeAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.fundPledges(nil)), use: list)
        api.post(.api(.fundPledges(nil)), use: create)
        api.post(.api(.pledgeCancel(nil)), use: cancel)
        api.get(.api(.donorPledges(nil)), use: donorList)
    }

    struct Pledge: Content { let donorId: UUID; let amount: Int64; let pledgedOn: String; let dueOn: String?; let note: String? }
    struct PledgeDTO: Content {
        let id: UUID; let fundId: UUID; let fundName: String; let donorId: UUID; let donorName: String; let amount: Int64; let received: Int64;
        let outstanding: Int64
        let pledgedOn: String; let dueOn: String?; let note: String; let progress: String; let cancelReason: String?; let overdue: Bool
        init(_ p: PledgeRow) {
            id = p.id; fundId = p.fundID; fundName = p.fundName; donorId = p.donorID; donorName = p.donorName; amount = p.amount; received = p.received
            outstanding = p.outstanding; pledgedOn = p.pledgedOn.iso; dueOn = p.dueOn?.iso; note = p.note; progress = p.progress.rawValue
            cancelReason = p.cancelReason; overdue = p.overdue
        }
    }

    func list(req: Request) async throws -> APIJSON<[PledgeDTO]> {
        let a = try req.requireActor()
        return APIJSON(try await FundRepository(req.store).pledges(a, fundID: try req.idParameter(), today: req.today).map(PledgeDTO.init))
    }

    func donorList(req: Request) async throws -> APIJSON<[PledgeDTO]> {
        let a = try req.requireActor()
        return APIJSON(try await FundRepository(req.store).pledges(a, donorID: try req.idParameter(), today: req.today).map(PledgeDTO.init))
    }

    func create(req: Request) async throws -> APIJSON<PledgeDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        try a.require(.manageFunds)
        let b = try req.json(Pledge.self)
        try APIInput.limit([("pledged_on", b.pledgedOn, 10), ("due_on", b.dueOn, 10), ("note", b.note, 1000)])
        var i = PledgeInput()
        i.donorID = b.donorId; i.amount = String(b.amount); i.pledgedOn = b.pledgedOn; i.dueOn = b.dueOn ?? ""; i.note = b.note ?? ""
        let repo = FundRepository(req.store)
        let pledge = try await repo.pledge(a, fundID: id, i, today: req.today)
        return APIJSON(PledgeDTO(try await Self.row(repo, a, fundID: id, pledge, req.today)), status: .created)
    }

    func cancel(req: Request) async throws -> APIJSON<PledgeDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        try a.require(.manageFunds)
        let b = try req.json(FundAPI.Reason.self)
        try APIInput.limit([("reason", b.reason, 1000)])
        let repo = FundRepository(req.store)
        try await repo.cancelPledge(a, pledgeID: id, reason: b.reason ?? "")
        let fund = try await req.store.scoped(FundPledgeModel.self, id, a).fundID
        return APIJSON(PledgeDTO(try await Self.row(repo, a, fundID: fund, id, req.today)))
    }

    static func row(_ repo: FundRepository, _ a: Actor, fundID: UUID, _ id: UUID, _ today: LocalDate) async throws -> PledgeRow {
        guard let p = try await repo.pledges(a, fundID: fundID, id: id, today: today).first else { throw AppError.notFound }
        return p
    }
}

extension PledgeAPI {
    static var operations: [APIOperation] {
        let tag = "funds"
        return [
            APIOperation(
                .GET, .fundPledges(nil), "A fund's pledges, newest first, with what came against each and what is still awaited", tag: tag, response: "Pledges"),
            APIOperation(
                .POST, .fundPledges(nil), "A donor's pledge to the fund: the amount in đồng, the day promised and the day due; not booked (the gifts are)",
                tag: tag, request: "PledgeInput", response: "Pledge", status: 201),
            APIOperation(
                .POST, .pledgeCancel(nil), "Cancel a pledge not yet fulfilled, with the reason; what came against it stays received", tag: tag,
                request: "PledgeCancel", response: "Pledge"),
            APIOperation(.GET, .donorPledges(nil), "A donor's pledges to every fund the caller reaches, newest first", tag: tag, response: "Pledges"),
        ]
    }

    static var schemas: [String: Any] {
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        let money: [String: Any] = ["type": "integer", "format": "int64"]
        let pledge = OpenAPI.obj(
            [
                "id": uuid, "fund_id": uuid, "fund_name": ["type": "string"], "donor_id": uuid, "donor_name": ["type": "string"], "amount": money,
                "received": money,
                "outstanding": money, "pledged_on": ["type": "string"], "due_on": ["type": ["string", "null"]], "note": ["type": "string"],
                "progress": ["type": "string", "enum": PledgeProgress.allCases.map(\.rawValue)], "cancel_reason": ["type": ["string", "null"]],
                "overdue": ["type": "boolean"],
            ], required: ["id", "fund_id", "fund_name", "donor_id", "amount", "received", "outstanding", "pledged_on", "progress", "overdue"])
        return [
            "Pledge": pledge,
            "Pledges": ["type": "array", "items": pledge],
            "PledgeInput": OpenAPI.request(
                [
                    "donor_id": uuid, "amount": ["type": "integer", "minimum": 1, "maximum": 100_000_000_000], "pledged_on": OpenAPI.date,
                    "due_on": OpenAPI.date, "note": ["type": "string", "maxLength": 1000],
                ], required: ["donor_id", "amount", "pledged_on"]),
            "PledgeCancel": OpenAPI.request(["reason": OpenAPI.name(1000)], required: ["reason"]),
        ]
    }
}
