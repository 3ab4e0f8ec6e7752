/// A living-conditions review campaign (Decision 24/2021/QĐ-TTg Art. 4; Circular 07/2021):
/// listing → survey → meeting → posting → decision → closed. Actions inside a step (adding a
/// household, classifying, recording a meeting or an objection) keep the step.
public enum CampaignLifecycle: Lifecycle {
    public typealias State = CampaignStep
    public enum Transition: String, CaseIterable, Sendable {
        case addHousehold = "add_household"
        case classify
        case closeList = "close_list"
        case closeSurvey = "close_survey"
        case recordMeeting = "record_meeting"
        case startPosting = "start_posting"
        case recordObjection = "record_objection"
        case closePosting = "close_posting"
        case decide
    }
    public static let entity = "review_campaign"
    public static let stateName = "step"

    public static func rule(_ t: Transition) -> TransitionRule<CampaignStep> {
        switch t {
        case .addHousehold: return .init(from: [.listing, .survey], to: nil, .manageReview)
        case .classify: return .init(from: [.listing, .survey, .meeting], to: nil, .manageReview)
        case .closeList: return .init(from: [.listing], to: .survey, .manageReview)
        case .closeSurvey: return .init(from: [.survey], to: .meeting, .manageReview)
        case .recordMeeting: return .init(from: [.meeting], to: nil, .manageReview, requires: ["held_on"])
        // Art. 4(3)–(4): posted for the set number of days once every group's meeting passed.
        case .startPosting: return .init(from: [.meeting], to: .posting, .manageReview, requires: ["posting_start"])
        case .recordObjection: return .init(from: [.posting], to: nil, .manageReview)
        case .closePosting: return .init(from: [.posting], to: .decision, .manageReview)
        // Art. 4(5): the commune chairman's decision makes the classes official.
        case .decide: return .init(from: [.decision], to: .closed, .decideReview, requires: ["decision_number"])
        }
    }

    public static func refusal(_ t: Transition, from state: CampaignStep) -> AppError {
        switch t {
        case .recordMeeting, .startPosting: return .conflict(Message("review.error.not_meeting_step"))
        case .recordObjection: return .conflict(Message("review.error.not_posting"))
        case .decide: return .conflict(Message("review.error.not_decision_step"))
        case .closeList, .closeSurvey, .closePosting:
            return .conflict(Message(state == .meeting ? "review.error.use_posting" : "review.error.step_passed"))
        case .addHousehold, .classify: return .conflict(Message("review.error.step_passed"))
        }
    }

    /// The step change "next step" asks for from `step`: the meeting step ends by starting the
    /// posting, and nothing follows the decision step but the decision itself.
    public static func advance(from step: CampaignStep) -> Transition {
        switch step {
        case .listing: return .closeList
        case .survey: return .closeSurvey
        case .posting: return .closePosting
        case .meeting, .decision, .closed: return .closePosting  // refused: `refusal` says why
        }
    }

    /// Step changes are audited as one action, `review_step`, with the steps before and after.
    public static func auditAction(_ t: Transition) -> String {
        switch t {
        case .closeList, .closeSurvey, .startPosting, .closePosting: return "review_step"
        case .addHousehold: return "review_request"
        case .classify: return "review_classify"
        case .recordMeeting: return "review_meeting"
        case .recordObjection: return "review_objection"
        case .decide: return "review_decision"
        }
    }
}
