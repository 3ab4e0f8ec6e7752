import AnsinhCore
import AnsinhStore
import Vapor

/// The steps of a review campaign that the API twin offers, one path each
/// (`/api/v1/review/campaigns/{id}/<step>`).
public enum CampaignAction: String, CaseIterable, Sendable {
    case listCurrent = "list-current"
    case households, classify, advance, meetings, posting, objections, decision
    /// A legal hold on a decided campaign's surveys, or its release (`RetentionKind.reviews`).
    case hold
}

/// The API twin of the review pages: campaigns, their list and surveys, the group meetings, the
/// public posting with objections and the chairman's decision (`CampaignLifecycle`). Same
/// repository calls as the forms; own DTOs.
struct CampaignsAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.reviewCampaigns), use: campaigns)
        api.post(.api(.reviewCampaigns), use: create)
        api.get(.api(.reviewCampaign(nil)), use: campaign)
        api.get(.api(.reviewCampaignEntries(nil)), use: entries)
        api.post(.api(.reviewSurvey(nil)), use: survey)
        api.post(.api(.reviewObjectionResolve(nil)), use: resolve)
        for action in CampaignAction.allCases { api.post(.api(.reviewCampaignAction(nil, action))) { try await self.step(req: $0, action) } }
    }

    // MARK: DTOs

    struct GroupDTO: Content {
        let groupId: UUID?; let groupName: String?; let households: Int; let surveyed: Int; let classified: Int; let meetingPassed: Bool?
        let openObjections: Int
    }

    struct CampaignDTO: Content {
        let id: UUID; let communeId: UUID; let communeName: String; let year: Int; let kind: String; let month: Int; let period: Int
        let standardId: String; let step: String; let postingStart: String?; let postingEnd: String?; let decisionNumber: String?
        let decisionDate: String?
        let anonymisedAt: Date?; let legalHold: String?
        /// The `CampaignLifecycle` steps the caller's role may take now.
        let actions: [String]
        let groups: [GroupDTO]?

        init(_ c: CampaignView, role: Role, groups: [GroupProgress]? = nil) {
            id = c.id; communeId = c.communeID; communeName = c.communeName; year = c.year; kind = c.kind.rawValue; month = c.month
            period = c.period; standardId = c.standardID; step = c.step.rawValue; postingStart = c.postingStart?.iso; postingEnd = c.postingEnd?.iso
            decisionNumber = c.decisionNumber; decisionDate = c.decisionDate?.iso; anonymisedAt = c.anonymisedAt; legalHold = c.legalHold
            actions = CampaignLifecycle.available(from: c.step, role: role).map(\.rawValue)
            self.groups = groups?.map {
                GroupDTO(
                    groupId: $0.groupID, groupName: $0.groupName, households: $0.households, surveyed: $0.surveyed, classified: $0.classified,
                    meetingPassed: $0.meeting?.passed, openObjections: $0.openObjections)
            }
        }
    }

    struct EntryDTO: Content {
        let id: UUID; let householdId: UUID; let householdCode: String; let address: String; let headName: String?; let groupName: String?
        let origin: String; let areaType: String; let previousClass: String?; let incomePerPerson: Int64?; let deprivations: [String]
        let collector: String?; let collectedOn: String?; let povertyClass: String?; let reasons: [ReasonDTO]

        init(_ e: EntryView, _ req: Request) {
            id = e.id; householdId = e.householdID; householdCode = e.householdCode; address = e.address; headName = e.headName
            groupName = e.groupName; origin = e.origin.rawValue; areaType = e.areaType.rawValue; previousClass = e.previousClass?.rawValue
            incomePerPerson = e.income; deprivations = e.deprivations; collector = e.collector; collectedOn = e.collectedOn?.iso
            povertyClass = e.povertyClass?.rawValue
            reasons = e.reasons.map { ReasonDTO($0, req) }
        }
    }

    struct StepResult: Content { let campaign: CampaignDTO; let count: Int? }

    struct CampaignCreate: Content { let communeId: UUID; let year: Int; let kind: String; let month: Int?; let period: Int? }
    struct HouseholdAdd: Content { let householdCode: String }
    struct MeetingCreate: Content { let groupId: UUID?; let heldOn: String; let present: Int; let agree: Int; let note: String? }
    struct PostingStart: Content { let postingStart: String }
    struct ObjectionCreate: Content { let householdCode: String; let complainant: String; let text: String; let receivedOn: String }
    struct CampaignDecision: Content { let decisionNumber: String; let decisionDate: String }
    struct Survey: Content { let incomePerPerson: Int64; let deprivations: [String]; let collector: String; let collectedOn: String }
    struct Resolve: Content { let resolution: String }

    // MARK: handlers

    func campaigns(req: Request) async throws -> APIJSON<APIPage<CampaignDTO>> {
        let a = try req.requireActor()
        return APIJSON(APIPage(try await ReviewRepository(req.store).campaigns(a, page: try req.pageSpec)) { CampaignDTO($0, role: a.role) })
    }

    func create(req: Request) async throws -> APIJSON<CampaignDTO> {
        let a = try req.requireActor()
        let b = try req.json(CampaignCreate.self)
        let input = CampaignInput(communeID: b.communeId, year: b.year, kind: b.kind, month: b.month, period: b.period)
        return APIJSON(CampaignDTO(try await ReviewRepository(req.store).createCampaign(a, input, today: req.today), role: a.role), status: .created)
    }

    func campaign(req: Request) async throws -> APIJSON<CampaignDTO> {
        let a = try req.requireActor()
        let (c, groups) = try await ReviewRepository(req.store).campaign(a, id: try req.idParameter())
        return APIJSON(CampaignDTO(c, role: a.role, groups: groups))
    }

    func entries(req: Request) async throws -> APIJSON<APIPage<EntryDTO>> {
        let a = try req.requireActor()
        let filter = try req.queryChoice("filter", ReviewRepository.EntryFilter.self) ?? .all
        let page = try await ReviewRepository(req.store).entries(a, campaignID: try req.idParameter(), filter: filter, page: try req.pageSpec)
        return APIJSON(APIPage(page) { EntryDTO($0, req) })
    }

    /// One step of the campaign; answers with the campaign after it (and how many households a
    /// list or a classification touched).
    func step(req: Request, _ action: CampaignAction) async throws -> APIJSON<StepResult> {
        let a = try req.requireActor()
        let id = try req.idParameter()
        let repo = ReviewRepository(req.store)
        var count: Int? = nil
        switch action {
        case .listCurrent: count = try await repo.listCurrent(a, campaignID: id)
        case .households:
            let b = try req.json(HouseholdAdd.self)
            try APIInput.limit([("household_code", b.householdCode, 64)])
            _ = try await repo.addRequest(a, campaignID: id, householdCode: b.householdCode)
        case .classify: count = try await repo.classifyAll(a, campaignID: id)
        case .advance: _ = try await repo.advance(a, campaignID: id, today: req.today)
        case .meetings:
            let b = try req.json(MeetingCreate.self)
            try APIInput.limit([("note", b.note, 2000)])
            guard (0...1_000_000).contains(b.present) else { throw AppError.invalid("present", "review.error.present_positive") }
            guard (0...1_000_000).contains(b.agree) else { throw AppError.invalid("agree", "review.error.agree_range") }
            _ = try await repo.recordMeeting(
                a, campaignID: id, groupID: b.groupId, heldOn: b.heldOn, present: b.present, agree: b.agree, note: b.note, today: req.today)
        case .posting:
            let b = try req.json(PostingStart.self)
            _ = try await repo.startPosting(a, campaignID: id, start: b.postingStart, today: req.today)
        case .objections:
            let b = try req.json(ObjectionCreate.self)
            try APIInput.limit([("household_code", b.householdCode, 64), ("complainant", b.complainant, 200), ("text", b.text, 2000)])
            _ = try await repo.recordObjection(
                a, campaignID: id, householdCode: b.householdCode, complainant: b.complainant, text: b.text, receivedOn: b.receivedOn)
        case .decision:
            let b = try req.json(CampaignDecision.self)
            try APIInput.limit([("decision_number", b.decisionNumber, 50)])
            count = try await repo.decide(a, campaignID: id, number: b.decisionNumber, date: b.decisionDate, today: req.today)
        case .hold: _ = try await RetentionSection.holdJSON(req, ReviewCampaignModel.self)
        }
        let (c, groups) = try await repo.campaign(a, id: id)
        return APIJSON(StepResult(campaign: CampaignDTO(c, role: a.role, groups: groups), count: count))
    }

    /// The house-to-house survey of one listed household; it is classified at once.
    func survey(req: Request) async throws -> APIJSON<EntryDTO> {
        let a = try req.requireActor()
        let b = try req.json(Survey.self)
        try APIInput.limit([("collector", b.collector, 200)])
        guard b.incomePerPerson >= 0, b.incomePerPerson <= Bounds.amount.upperBound else {
            throw AppError.invalid("income_per_person", "review.error.income_number")
        }
        let input = SurveyInput(income: String(b.incomePerPerson), deprivations: b.deprivations, collector: b.collector, collectedOn: b.collectedOn)
        return APIJSON(EntryDTO(try await ReviewRepository(req.store).saveSurvey(a, entryID: try req.idParameter(), input, today: req.today), req))
    }

    func resolve(req: Request) async throws -> APIJSON<AdminAPI.Done> {
        let a = try req.requireActor()
        let b = try req.json(Resolve.self)
        try APIInput.limit([("resolution", b.resolution, 2000)])
        try await ReviewRepository(req.store).resolveObjection(a, objectionID: try req.idParameter(), resolution: b.resolution, today: req.today)
        return APIJSON(AdminAPI.Done(ok: true))
    }
}

extension CampaignsAPI {
    static var operations: [APIOperation] {
        let tag = "review"
        let summaries: [CampaignAction: (String, String?)] = [
            .listCurrent: ("List the commune's current poor and near-poor households (Decision 24/2021 Art. 4(1)(a)); idempotent", nil),
            .households: ("Add a household that asked to be reviewed (Form 01 / Form 04)", "HouseholdAdd"),
            .classify: ("Classify every surveyed household (set-based, in batches)", nil),
            .advance: ("Move to the next step when the law's condition holds (list closed, every survey in, posting over without open objections)", nil),
            .meetings: ("Record a residential group's meeting; under 50% agreeing reopens the group's surveys", "MeetingCreate"),
            .posting: ("Post the list publicly once every group agreed", "PostingStart"),
            .objections: ("Record an objection inside the posting window", "ObjectionCreate"),
            .decision: ("The chairman's decision: official classes and certificates; closes the campaign", "CampaignDecision"),
            .hold: (
                "Keep a decided campaign's surveys whole past their retention (privacy.json retention.review) with the reason, or release the hold with a null reason",
                "ContactHold"
            ),
        ]
        return [
            APIOperation(.GET, .reviewCampaigns, "Review campaigns in scope, newest first", tag: tag, query: OpenAPI.paging, response: "CampaignPage"),
            APIOperation(
                .POST, .reviewCampaigns, "Open a periodic or continuous review campaign of a commune", tag: tag, request: "CampaignCreate",
                response: "Campaign", status: 201),
            APIOperation(
                .GET, .reviewCampaign(nil), "A campaign, its progress per residential group and the steps the caller may take", tag: tag, response: "Campaign"),
            APIOperation(
                .GET, .reviewCampaignEntries(nil), "The households on a campaign's list with their surveys and classes", tag: tag,
                query: [("filter", ["type": "string", "enum": ReviewRepository.EntryFilter.allCases.map(\.rawValue)])] + OpenAPI.paging, response: "EntryPage"),
            APIOperation(.POST, .reviewSurvey(nil), "Save a household's survey; it is classified at once", tag: tag, request: "Survey", response: "Entry"),
            APIOperation(.POST, .reviewObjectionResolve(nil), "Resolve an objection", tag: tag, request: "Resolve", response: "Done"),
        ]
            + CampaignAction.allCases.map { a in
                APIOperation(.POST, .reviewCampaignAction(nil, a), summaries[a]!.0, tag: tag, request: summaries[a]!.1, response: "CampaignStepResult")
            }
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"]
        let int: [String: Any] = ["type": "integer"]
        let nullableStr: [String: Any] = ["type": ["string", "null"]]
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        let count: [String: Any] = ["type": "integer", "minimum": 0, "maximum": 1_000_000]
        let code: [String: Any] = ["type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[\\s\\S]*\\S[\\s\\S]*$"]
        let indicators = Set(PovertyRules.shared.standards.flatMap(\.indicatorCodes)).sorted()
        return [
            "Campaign": OpenAPI.obj(
                [
                    "id": uuid, "commune_id": uuid, "commune_name": str, "year": int,
                    "kind": ["type": "string", "enum": CampaignKind.allCases.map(\.rawValue)],
                    "month": int, "period": int, "standard_id": str, "step": ["type": "string", "enum": CampaignStep.allCases.map(\.rawValue)],
                    "posting_start": nullableStr, "posting_end": nullableStr, "decision_number": nullableStr, "decision_date": nullableStr,
                    "anonymised_at": ["type": ["string", "null"], "format": "date-time"], "legal_hold": nullableStr,
                    "actions": ["type": "array", "items": ["type": "string", "enum": CampaignLifecycle.Transition.allCases.map(\.rawValue)]],
                    "groups": [
                        "type": "array",
                        "items": OpenAPI.obj(
                            [
                                "group_id": ["type": ["string", "null"], "format": "uuid"], "group_name": nullableStr, "households": int,
                                "surveyed": int, "classified": int, "meeting_passed": ["type": ["boolean", "null"]], "open_objections": int,
                            ], required: ["households", "surveyed", "classified", "open_objections"]),
                    ],
                ], required: ["id", "commune_id", "year", "kind", "step", "actions"]),
            "CampaignPage": OpenAPI.page("Campaign"),
            "CampaignStepResult": OpenAPI.obj(["campaign": OpenAPI.ref("Campaign"), "count": ["type": ["integer", "null"]]], required: ["campaign"]),
            "Entry": OpenAPI.obj(
                [
                    "id": uuid, "household_id": uuid, "household_code": str, "address": str, "head_name": nullableStr, "group_name": nullableStr,
                    "origin": str, "area_type": str, "previous_class": nullableStr, "income_per_person": ["type": ["integer", "null"]],
                    "deprivations": ["type": "array", "items": str], "collector": nullableStr, "collected_on": nullableStr,
                    "poverty_class": nullableStr, "reasons": ["type": "array", "items": OpenAPI.obj(["code": str, "text": str], required: ["code", "text"])],
                ], required: ["id", "household_id", "household_code"]),
            "EntryPage": OpenAPI.page("Entry"),
            "CampaignCreate": OpenAPI.request(
                [
                    "commune_id": uuid, "year": ["type": "integer", "minimum": 2000, "maximum": 2100],
                    "kind": ["type": "string", "enum": CampaignKind.allCases.map(\.rawValue)], "month": ["type": "integer", "minimum": 1, "maximum": 12],
                    "period": ["type": "integer", "minimum": 2000, "maximum": 2100],
                ], required: ["commune_id", "year", "kind"]),
            "HouseholdAdd": OpenAPI.request(["household_code": code], required: ["household_code"]),
            "MeetingCreate": OpenAPI.request(
                [
                    "group_id": uuid, "held_on": OpenAPI.date, "present": count, "agree": count, "note": ["type": "string", "maxLength": 2000],
                ], required: ["held_on", "present", "agree"]),
            "PostingStart": OpenAPI.request(["posting_start": OpenAPI.date], required: ["posting_start"]),
            "ObjectionCreate": OpenAPI.request(
                ["household_code": code, "complainant": OpenAPI.name(200), "text": OpenAPI.name(2000), "received_on": OpenAPI.date],
                required: ["household_code", "complainant", "text", "received_on"]),
            "CampaignDecision": OpenAPI.request(
                ["decision_number": OpenAPI.name(50), "decision_date": OpenAPI.date], required: ["decision_number", "decision_date"]),
            "Survey": OpenAPI.request(
                [
                    "income_per_person": ["type": "integer", "minimum": 0, "maximum": Bounds.amount.upperBound],
                    "deprivations": ["type": "array", "items": ["type": "string", "enum": indicators]], "collector": OpenAPI.name(200),
                    "collected_on": OpenAPI.date,
                ], required: ["income_per_person", "deprivations", "collector", "collected_on"]),
            "Resolve": OpenAPI.request(["resolution": OpenAPI.name(2000)], required: ["resolution"]),
        ]
    }
}
