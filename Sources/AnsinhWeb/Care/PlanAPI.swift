import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The API twin of a resident's care plan, leave and incidents, and of the reminders.
struct PlanAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.carePlan(nil)), use: read)
        api.post(.api(.careGoals(nil)), use: goal)
        api.post(.api(.carePlanReviews(nil)), use: review)
        api.post(.api(.careLeave(nil)), use: signOut)
        api.post(.api(.careReturn(nil)), use: signIn)
        api.post(.api(.careIncidents(nil)), use: incident)
        api.post(.api(.careIncidentFollowUp(nil)), use: followUp)
        api.get(.api(.careReminders), use: reminders)
    }

    struct Goal: Content { let domain: String; let goal: String; let targetDate: String? }
    struct Review: Content { let reviewedOn: String; let note: String; let nextReviewOn: String; let achieved: [UUID]?; let dropped: [UUID]? }
    struct Leave: Content { let kind: String; let destination: String; let companion: String?; let leftAt: String; let expectedBack: String }
    struct Return: Content { let returnedAt: String; let note: String? }
    struct Incident: Content { let occurredAt: String; let kind: String; let severity: String; let description: String; let actionTaken: String? }
    struct FollowUp: Content { let day: String; let note: String; let close: Bool? }

    struct GoalDTO: Content { let id: UUID; let domain: String; let goal: String; let targetDate: String?; let status: String; let statusOn: String? }
    struct ReviewDTO: Content { let reviewedOn: String; let note: String; let nextReviewOn: String; let reviewedBy: String }
    struct LeaveDTO: Content {
        let id: UUID; let residentId: UUID; let residentName: String; let kind: String; let destination: String; let companion: String?
        let leftAt: String; let expectedBack: String; let returnedAt: String?; let late: Bool
        init(_ l: LeaveRow) {
            id = l.id; residentId = l.residentID; residentName = l.residentName; kind = l.kind.rawValue; destination = l.destination
            companion = l.companion; leftAt = l.leftAt.iso; expectedBack = l.expectedBack.iso; returnedAt = l.returnedAt?.iso; late = l.late
        }
    }
    struct FollowUpDTO: Content { let day: String; let note: String; let by: String }
    struct IncidentDTO: Content {
        let id: UUID; let residentId: UUID; let residentName: String; let occurredAt: String; let kind: String; let severity: String
        let description: String; let actionTaken: String?; let status: String; let closedOn: String?; let outcome: String?; let followUps: [FollowUpDTO]
        init(_ i: IncidentRow) {
            id = i.id; residentId = i.residentID; residentName = i.residentName; occurredAt = i.occurredAt.iso; kind = i.kind.rawValue
            severity = i.severity.rawValue; description = i.description; actionTaken = i.actionTaken; status = i.status.rawValue
            closedOn = i.closedOn?.iso; outcome = i.outcome; followUps = i.followUps.map { FollowUpDTO(day: $0.day.iso, note: $0.note, by: $0.by) }
        }
    }
    struct PlanDTO: Content {
        let residentId: UUID; let goals: [GoalDTO]; let reviews: [ReviewDTO]; let due: String; let overdue: Bool; let leaves: [LeaveDTO]
        let incidents: [IncidentDTO]
    }
    struct OverdueDTO: Content { let residentId: UUID; let fullName: String; let due: String }
    struct RemindersDTO: Content { let overduePlans: [OverdueDTO]; let out: [LeaveDTO]; let openIncidents: [IncidentDTO] }

    func plan(_ req: Request, _ id: UUID) async throws -> PlanDTO {
        let a = try req.requireActor()
        let repo = CareRepository(req.store)
        let p = try await repo.plan(a, residentID: id, today: req.today)
        let (leaves, incidents) = try await repo.leaveAndIncidents(a, residentID: id, now: req.moment)
        return PlanDTO(
            residentId: id,
            goals: p.goals.map {
                GoalDTO(
                    id: $0.id, domain: $0.domain.rawValue, goal: $0.goal, targetDate: $0.targetDate?.iso, status: $0.status.rawValue, statusOn: $0.statusOn?.iso
                )
            },
            reviews: p.reviews.map { ReviewDTO(reviewedOn: $0.reviewedOn.iso, note: $0.note, nextReviewOn: $0.nextReviewOn.iso, reviewedBy: $0.reviewedBy) },
            due: p.due.iso, overdue: p.overdue, leaves: leaves.map(LeaveDTO.init), incidents: incidents.map(IncidentDTO.init))
    }

    func read(req: Request) async throws -> APIJSON<PlanDTO> { APIJSON(try await plan(req, try req.idParameter())) }

    func goal(req: Request) async throws -> APIJSON<PlanDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        try a.require(.manageCare)
        let b = try req.json(Goal.self)
        try APIInput.limit([("goal", b.goal, 500)])
        try await CareRepository(req.store).addGoal(a, residentID: id, domain: b.domain, goal: b.goal, targetDate: b.targetDate ?? "", today: req.today)
        return APIJSON(try await plan(req, id), status: .created)
    }

    func review(req: Request) async throws -> APIJSON<PlanDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        try a.require(.manageCare)
        let b = try req.json(Review.self)
        try APIInput.limit([("note", b.note, 2000)])
        guard (b.achieved?.count ?? 0) <= 200, (b.dropped?.count ?? 0) <= 200 else { throw AppError.invalid("achieved", "validation.too_long", ["max": "200"]) }
        try await CareRepository(req.store).reviewPlan(
            a, residentID: id, reviewedOn: b.reviewedOn, note: b.note, nextReviewOn: b.nextReviewOn, achieved: b.achieved ?? [], dropped: b.dropped ?? [],
            today: req.today)
        return APIJSON(try await plan(req, id), status: .created)
    }

    func signOut(req: Request) async throws -> APIJSON<PlanDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        try a.require(.manageCare)
        let b = try req.json(Leave.self)
        try APIInput.limit([
            ("destination", b.destination, 200), ("companion", b.companion, 200), ("left_at", b.leftAt, 16), ("expected_back", b.expectedBack, 16),
        ])
        try await CareRepository(req.store).signOut(
            a, residentID: id, kind: b.kind, destination: b.destination, companion: b.companion ?? "", leftAt: b.leftAt, expectedBack: b.expectedBack,
            now: req.moment)
        return APIJSON(try await plan(req, id), status: .created)
    }

    func signIn(req: Request) async throws -> APIJSON<PlanDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        try a.require(.manageCare)
        let b = try req.json(Return.self)
        try APIInput.limit([("returned_at", b.returnedAt, 16), ("note", b.note, 1000)])
        try await CareRepository(req.store).signIn(a, residentID: id, returnedAt: b.returnedAt, note: b.note ?? "", now: req.moment)
        return APIJSON(try await plan(req, id))
    }

    func incident(req: Request) async throws -> APIJSON<PlanDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        try a.require(.manageCare)
        let b = try req.json(Incident.self)
        try APIInput.limit([("occurred_at", b.occurredAt, 16), ("description", b.description, 4000), ("action_taken", b.actionTaken, 2000)])
        _ = try await CareRepository(req.store).recordIncident(
            a, residentID: id, occurredAt: b.occurredAt, kind: b.kind, severity: b.severity, description: b.description, actionTaken: b.actionTaken ?? "",
            now: req.moment)
        return APIJSON(try await plan(req, id), status: .created)
    }

    func followUp(req: Request) async throws -> APIJSON<PlanDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        try a.require(.manageCare)
        let b = try req.json(FollowUp.self)
        try APIInput.limit([("note", b.note, 2000)])
        let resident = try await CareRepository(req.store).followUp(a, incidentID: id, day: b.day, note: b.note, close: b.close ?? false, today: req.today)
        return APIJSON(try await plan(req, resident), status: .created)
    }

    func reminders(req: Request) async throws -> APIJSON<RemindersDTO> {
        let a = try req.requireActor()
        let r = try await CareRepository(req.store).reminders(a, now: req.moment)
        return APIJSON(
            RemindersDTO(
                overduePlans: r.overduePlans.map { OverdueDTO(residentId: $0.resident.id, fullName: $0.resident.fullName, due: $0.due.iso) },
                out: r.out.map(LeaveDTO.init), openIncidents: r.openIncidents.map(IncidentDTO.init)))
    }

    static var operations: [APIOperation] {
        let tag = "care"
        return [
            APIOperation(
                .GET, .carePlan(nil), "A resident's care plan (goals by domain, reviews, when it is next due, overdue or not), leave and incidents", tag: tag,
                response: "CarePlan"),
            APIOperation(.POST, .careGoals(nil), "A goal of the care plan in a domain", tag: tag, request: "CareGoal", response: "CarePlan", status: 201),
            APIOperation(
                .POST, .carePlanReviews(nil), "A review of the plan: a note, the next review (at most a year ahead), goals achieved or dropped", tag: tag,
                request: "CarePlanReview", response: "CarePlan", status: 201),
            APIOperation(
                .POST, .careLeave(nil), "Sign the resident out (home visit, outing, medical, school); one leave open at a time", tag: tag,
                request: "CareLeave", response: "CarePlan", status: 201),
            APIOperation(.POST, .careReturn(nil), "Sign the resident back in", tag: tag, request: "CareReturn", response: "CarePlan"),
            APIOperation(
                .POST, .careIncidents(nil), "An incident in the facility with what was done at once", tag: tag, request: "CareIncident", response: "CarePlan",
                status: 201),
            APIOperation(
                .POST, .careIncidentFollowUp(nil), "A follow-up of an open incident; close: true ends it with the note as its outcome", tag: tag,
                request: "CareFollowUp", response: "CarePlan", status: 201),
            APIOperation(
                .GET, .careReminders, "Plans overdue, residents out (late or not) and incidents still open, in the caller's units", tag: tag,
                response: "CareReminders"),
        ]
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"]
        let nstr: [String: Any] = ["type": ["string", "null"]]
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        let moment: [String: Any] = [
            "type": "string", "pattern": "^(1[89]|2[01])[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[T ]([01][0-9]|2[0-3]):[0-5][0-9]$",
        ]
        let leave = OpenAPI.obj(
            [
                "id": uuid, "resident_id": uuid, "resident_name": str, "kind": str, "destination": str, "companion": nstr, "left_at": str,
                "expected_back": str, "returned_at": nstr, "late": ["type": "boolean"],
            ], required: ["id", "resident_id", "kind", "destination", "left_at", "expected_back", "late"])
        let incident = OpenAPI.obj(
            [
                "id": uuid, "resident_id": uuid, "resident_name": str, "occurred_at": str, "kind": str, "severity": str, "description": str,
                "action_taken": nstr, "status": ["type": "string", "enum": IncidentLifecycle.State.allCases.map(\.rawValue)], "closed_on": nstr,
                "outcome": nstr,
                "follow_ups": ["type": "array", "items": OpenAPI.obj(["day": str, "note": str, "by": str], required: ["day", "note", "by"])],
            ], required: ["id", "resident_id", "occurred_at", "kind", "severity", "description", "status", "follow_ups"])
        return [
            "CarePlan": OpenAPI.obj(
                [
                    "resident_id": uuid,
                    "goals": [
                        "type": "array",
                        "items": OpenAPI.obj(
                            ["id": uuid, "domain": str, "goal": str, "target_date": nstr, "status": str, "status_on": nstr],
                            required: ["id", "domain", "goal", "status"]),
                    ],
                    "reviews": [
                        "type": "array",
                        "items": OpenAPI.obj(
                            ["reviewed_on": str, "note": str, "next_review_on": str, "reviewed_by": str],
                            required: ["reviewed_on", "note", "next_review_on", "reviewed_by"]),
                    ],
                    "due": str, "overdue": ["type": "boolean"], "leaves": ["type": "array", "items": leave],
                    "incidents": ["type": "array", "items": incident],
                ], required: ["resident_id", "goals", "reviews", "due", "overdue", "leaves", "incidents"]),
            "CareReminders": OpenAPI.obj(
                [
                    "overdue_plans": [
                        "type": "array",
                        "items": OpenAPI.obj(["resident_id": uuid, "full_name": str, "due": str], required: ["resident_id", "full_name", "due"]),
                    ],
                    "out": ["type": "array", "items": leave], "open_incidents": ["type": "array", "items": incident],
                ], required: ["overdue_plans", "out", "open_incidents"]),
            "CareGoal": OpenAPI.request(
                [
                    "domain": ["type": "string", "enum": CareDomain.allCases.map(\.rawValue)], "goal": OpenAPI.name(500), "target_date": OpenAPI.dateOrEmpty(),
                ], required: ["domain", "goal"]),
            "CarePlanReview": OpenAPI.request(
                [
                    "reviewed_on": OpenAPI.date, "note": OpenAPI.name(2000), "next_review_on": OpenAPI.date,
                    "achieved": ["type": "array", "items": uuid, "maxItems": 200], "dropped": ["type": "array", "items": uuid, "maxItems": 200],
                ], required: ["reviewed_on", "note", "next_review_on"]),
            "CareLeave": OpenAPI.request(
                [
                    "kind": ["type": "string", "enum": LeaveKind.allCases.map(\.rawValue)], "destination": OpenAPI.name(200),
                    "companion": ["type": "string", "maxLength": 200], "left_at": moment, "expected_back": moment,
                ], required: ["kind", "destination", "left_at", "expected_back"]),
            "CareReturn": OpenAPI.request(["returned_at": moment, "note": ["type": "string", "maxLength": 1000]], required: ["returned_at"]),
            "CareIncident": OpenAPI.request(
                [
                    "occurred_at": moment, "kind": ["type": "string", "enum": IncidentKind.allCases.map(\.rawValue)],
                    "severity": ["type": "string", "enum": IncidentSeverity.allCases.map(\.rawValue)], "description": OpenAPI.name(4000),
                    "action_taken": ["type": "string", "maxLength": 2000],
                ], required: ["occurred_at", "kind", "severity", "description"]),
            "CareFollowUp": OpenAPI.request(
                ["day": OpenAPI.date, "note": OpenAPI.name(2000), "close": ["type": "boolean"]], required: ["day", "note"]),
        ]
    }
}
