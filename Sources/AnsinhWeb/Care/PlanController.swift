import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// A resident's care plan, leave, incidents and health record in the browser: each form goes
/// back to the resident's page (an incident's follow-up too).
struct PlanController {
    func register(authed: any RoutesBuilder) {
        authed.post(.careGoals(nil), use: goal)
        authed.post(.carePlanReviews(nil), use: review)
        authed.post(.careLeave(nil), use: signOut)
        authed.post(.careReturn(nil), use: signIn)
        authed.post(.careIncidents(nil), use: incident)
        authed.post(.careIncidentFollowUp(nil), use: followUp)
        authed.post(.careHealth(nil), use: health)
    }

    struct GoalForm: Content { var domain: String?; var goal: String?; var target_date: String? }
    struct ReviewForm: Content { var reviewed_on: String?; var note: String?; var next_review_on: String?; var achieved: [String]?; var dropped: [String]? }
    struct LeaveForm: Content { var kind: String?; var destination: String?; var companion: String?; var left_at: String?; var expected_back: String? }
    struct ReturnForm: Content { var returned_at: String?; var note: String? }
    struct IncidentForm: Content {
        var occurred_at: String?; var kind: String?; var severity: String?; var description: String?; var action_taken: String?
    }
    struct FollowUpForm: Content { var day: String?; var note: String?; var close: String? }
    struct HealthForm: Content {
        var kind: String?; var day: String?; var until_day: String?; var provider: String?; var summary: String?; var follow_up_on: String?
    }

    func health(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(HealthForm.self)
        return try await req.perform(back: SiteRoute.careResident(id).path + "#health", success: Message("care.health_recorded")) {
            try await CareRepository(req.store).recordHealth(
                actor, residentID: id, kind: f.kind ?? "", day: f.day ?? "", untilDay: f.until_day ?? "", provider: f.provider ?? "",
                summary: f.summary ?? "", followUpOn: f.follow_up_on ?? "", today: req.today)
        }
    }

    func goal(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(GoalForm.self)
        return try await req.perform(back: SiteRoute.careResident(id).path + "#plan", success: Message("care.goal_saved")) {
            try await CareRepository(req.store).addGoal(
                actor, residentID: id, domain: f.domain ?? "", goal: f.goal ?? "", targetDate: f.target_date ?? "", today: req.today)
        }
    }

    func review(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(ReviewForm.self)
        return try await req.perform(back: SiteRoute.careResident(id).path + "#plan", success: Message("care.plan_reviewed")) {
            try await CareRepository(req.store).reviewPlan(
                actor, residentID: id, reviewedOn: f.reviewed_on ?? "", note: f.note ?? "", nextReviewOn: f.next_review_on ?? "",
                achieved: try TherapyController.ids(f.achieved, "achieved"), dropped: try TherapyController.ids(f.dropped, "dropped"), today: req.today)
        }
    }

    func signOut(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(LeaveForm.self)
        return try await req.perform(back: SiteRoute.careResident(id).path + "#leave", success: Message("care.signed_out")) {
            try await CareRepository(req.store).signOut(
                actor, residentID: id, kind: f.kind ?? "", destination: f.destination ?? "", companion: f.companion ?? "", leftAt: f.left_at ?? "",
                expectedBack: f.expected_back ?? "", now: req.moment)
        }
    }

    func signIn(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(ReturnForm.self)
        return try await req.perform(back: SiteRoute.careResident(id).path + "#leave", success: Message("care.signed_in")) {
            try await CareRepository(req.store).signIn(actor, residentID: id, returnedAt: f.returned_at ?? "", note: f.note ?? "", now: req.moment)
        }
    }

    func incident(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(IncidentForm.self)
        return try await req.perform(back: SiteRoute.careResident(id).path + "#incidents", success: Message("care.incident_recorded")) {
            _ = try await CareRepository(req.store).recordIncident(
                actor, residentID: id, occurredAt: f.occurred_at ?? "", kind: f.kind ?? "", severity: f.severity ?? "", description: f.description ?? "",
                actionTaken: f.action_taken ?? "", now: req.moment)
        }
    }

    func followUp(req: Request) async throws -> Response {
        let actor = try req.requireActor(), id = try req.idParameter()
        let f = try req.content.decode(FollowUpForm.self)
        let incident = try await req.store.scoped(CareIncidentModel.self, id, actor)
        return try await req.perform(back: SiteRoute.careResident(incident.residentID).path + "#incidents", success: Message("care.follow_up_saved")) {
            _ = try await CareRepository(req.store).followUp(
                actor, incidentID: id, day: f.day ?? "", note: f.note ?? "", close: f.close == "on" || f.close == "1" || f.close == "true", today: req.today)
        }
    }
}
