import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The API twin of the hotline pages: record a contact (or a non-data one), list, read one with
/// the caller's earlier contacts, open a case from it, and the report. Same repository calls as
/// the forms; own DTOs.
struct HotlineAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.hotlineContacts), use: list)
        api.post(.api(.hotlineContacts), use: record)
        api.get(.api(.hotlineContact(nil)), use: contact)
        api.post(.api(.hotlineContactCase(nil)), use: openCase)
        api.post(.api(.hotlineContactLink(nil)), use: linkCase)
        api.post(.api(.hotlineContactHold(nil)), use: hold)
        api.get(.api(.hotlineReport), use: report)
    }

    struct EarlierDTO: Content { let at: Date; let topic: String? }
    struct ContactDTO: Content {
        let id: UUID; let at: Date; let channel: String; let counsellor: String; let nonData: String?; let durationSeconds: Int?
        let callerType: String?; let ageGroup: String?; let sex: String?; let place: String?; let topic: String?; let subtopic: String?
        let summary: String?; let caseId: UUID?; let legalHold: String?; let anonymisedAt: Date?; let earlier: [EarlierDTO]
    }
    struct ContactCreate: Content {
        let unit: String?; let at: String?; let channel: String; let nonData: String?; let durationSeconds: Int?; let callerType: String?
        let ageGroup: String?; let sex: String?; let place: String?; let topic: String?; let subtopic: String?; let summary: String?; let phone: String?
    }
    struct CaseFromContact: Content {
        let personName: String; let kind: String; let riskLevel: String; let riskReason: String; let placement: String
        /// True: the caller confirmed that no open case is about this person.
        let notDuplicate: Bool?
    }
    struct ReportRowDTO: Content { let topic: String; let sex: String; let ageGroup: String; let channel: String; let contacts: Int }
    struct ReportDTO: Content {
        let unit: String; let year: Int; let month: Int?; let contacts: Int; let answered: Int; let answeredShare: Int; let averageSeconds: Int
        let byTopic: [String: Int]; let rows: [ReportRowDTO]
    }

    static func dto(_ c: ContactView) -> ContactDTO {
        ContactDTO(
            id: c.id, at: c.at, channel: c.channel.rawValue, counsellor: c.counsellor, nonData: c.nonData?.rawValue, durationSeconds: c.durationSeconds,
            callerType: c.callerType?.rawValue, ageGroup: c.ageGroup?.rawValue, sex: c.sex?.rawValue, place: c.place, topic: c.topic,
            subtopic: c.subtopic, summary: c.summary, caseId: c.caseID, legalHold: c.legalHold, anonymisedAt: c.anonymisedAt,
            earlier: c.earlier.map { EarlierDTO(at: $0.at, topic: $0.topic) })
    }

    /// Legal hold against retention: a reason sets it, null releases it.
    func hold(req: Request) async throws -> APIJSON<ContactDTO> {
        let id = try await RetentionSection.holdJSON(req, HotlineContactModel.self)
        return APIJSON(Self.dto(try await HotlineRepository(req.store).get(try req.requireActor(), id: id)))
    }

    func list(req: Request) async throws -> APIJSON<APIPage<ContactDTO>> {
        let a = try req.requireActor()
        let topic = req.query[String.self, at: "topic"]
        if let topic, !HotlineTopics.shared.contains(topic: topic, subtopic: nil) { throw AppError.invalid("topic", "validation.choice") }
        let page = try await HotlineRepository(req.store).list(a, topic: topic, page: try req.pageSpec)
        return APIJSON(APIPage(page.map(Self.dto)))
    }

    func record(req: Request) async throws -> APIJSON<ContactDTO> {
        let a = try req.requireActor()
        let b = try req.json(ContactCreate.self)
        try APIInput.limit([("summary", b.summary, 2000), ("place", b.place, 200), ("phone", b.phone, 20), ("unit", b.unit, 50)])
        var input = ContactInput()
        input.unitCode = b.unit
        input.at = try b.at.map { try CasesAPI.instant($0, field: "at") }
        input.channel = b.channel; input.nonData = b.nonData ?? ""; input.durationSeconds = b.durationSeconds
        input.callerType = b.callerType ?? ""; input.ageGroup = b.ageGroup ?? ""; input.sex = b.sex ?? ""; input.place = b.place ?? ""
        input.topic = b.topic ?? ""; input.subtopic = b.subtopic ?? ""; input.summary = b.summary ?? ""; input.phone = b.phone ?? ""
        let repo = HotlineRepository(req.store)
        let id = try await repo.record(a, input)
        return APIJSON(Self.dto(try await repo.get(a, id: id)), status: .created)
    }

    func contact(req: Request) async throws -> APIJSON<ContactDTO> {
        let a = try req.requireActor()
        return APIJSON(Self.dto(try await HotlineRepository(req.store).get(a, id: try req.idParameter())))
    }

    struct LinkRequest: Content { let caseNumber: String }

    /// `{"case_number": …}`: the contact joins a case already open; answers the case.
    func linkCase(req: Request) async throws -> APIJSON<CasesAPI.CaseDTO> {
        let a = try req.requireActor()
        let b = try req.json(LinkRequest.self)
        try APIInput.limit([("case_number", b.caseNumber, 50)])
        let caseID = try await HotlineRepository(req.store).linkCase(a, contactID: try req.idParameter(), caseNumber: b.caseNumber)
        return APIJSON(CasesAPI.dto(try await CaseRepository(req.store).get(a, id: caseID), role: a.role))
    }

    func openCase(req: Request) async throws -> APIJSON<CasesAPI.CaseDTO> {
        let a = try req.requireActor()
        let id = try req.idParameter()
        let b = try req.json(CaseFromContact.self)
        try APIInput.limit([("person_name", b.personName, 200), ("risk_reason", b.riskReason, 2000)])
        var input = CaseInput()
        input.personName = b.personName; input.kind = b.kind; input.riskLevel = b.riskLevel; input.riskReason = b.riskReason; input.placement = b.placement
        input.notDuplicate = b.notDuplicate ?? false
        let caseID = try await HotlineRepository(req.store).openCase(a, contactID: id, input)
        return APIJSON(CasesAPI.dto(try await CaseRepository(req.store).get(a, id: caseID), role: a.role), status: .created)
    }

    func report(req: Request) async throws -> APIJSON<ReportDTO> {
        let a = try req.requireActor()
        guard let unit = req.query[String.self, at: "unit"], !unit.isEmpty else { throw AppError.invalid("unit", "validation.required") }
        let year = try req.queryInt("year", in: Bounds.year) ?? req.today.year
        let month = try req.queryInt("month", in: Bounds.month)
        let r = try await HotlineRepository(req.store).report(a, unitCode: unit, year: year, month: month)
        return APIJSON(
            ReportDTO(
                unit: unit, year: year, month: month, contacts: r.contacts, answered: r.answered, answeredShare: r.answeredShare,
                averageSeconds: r.averageSeconds, byTopic: r.byTopic,
                rows: r.rows.map { ReportRowDTO(topic: $0.topic, sex: $0.sex, ageGroup: $0.ageGroup, channel: $0.channel, contacts: $0.contacts) }))
    }
}

extension HotlineAPI {
    static var operations: [APIOperation] {
        let tag = "hotline"
        let year: [String: Any] = ["type": "integer", "minimum": Bounds.year.lowerBound, "maximum": Bounds.year.upperBound]
        return [
            APIOperation(
                .GET, .hotlineContacts, "The hotline's contacts, newest first", tag: tag,
                query: [("topic", ["type": "string", "enum": HotlineTopics.shared.topics.map(\.code)])] + OpenAPI.paging, response: "ContactPage"),
            APIOperation(
                .POST, .hotlineContacts, "Record a contact; with `non_data` (silent, prank…) only its kind and time are stored", tag: tag,
                request: "ContactCreate", response: "Contact", status: 201),
            APIOperation(.GET, .hotlineContact(nil), "One contact and the caller's earlier contacts (the read is audited)", tag: tag, response: "Contact"),
            APIOperation(
                .POST, .hotlineContactCase(nil), "Open a case from a contact (source hotline), the contact linked to it", tag: tag,
                request: "CaseFromContact", response: "Case", status: 201),
            APIOperation(
                .POST, .hotlineContactLink(nil), "Link a contact to a case already open, named by its number; answers the case", tag: tag,
                request: "ContactLink", response: "Case"),
            APIOperation(
                .POST, .hotlineContactHold(nil),
                "Put a contact under legal hold (kept whole past its retention) with the reason, or release it with a null reason", tag: tag,
                request: "ContactHold", response: "Contact"),
            APIOperation(
                .GET, .hotlineReport, "Contacts by topic × sex × age group × channel, the share with data, the average duration", tag: tag,
                query: [
                    ("unit", ["type": "string", "minLength": 1, "maxLength": 50]), ("year", year), ("month", ["type": "integer", "minimum": 1, "maximum": 12]),
                ],
                response: "HotlineReport"),
        ]
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"]
        let nullableStr: [String: Any] = ["type": ["string", "null"]]
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        func choice(_ values: [String]) -> [String: Any] { ["type": "string", "enum": values] }
        let topics = HotlineTopics.shared.topics.map(\.code)
        let subtopics = HotlineTopics.shared.topics.flatMap(\.subtopics)
        return [
            "Contact": OpenAPI.obj(
                [
                    "id": uuid, "at": ["type": "string", "format": "date-time"], "channel": str, "counsellor": str, "non_data": nullableStr,
                    "duration_seconds": ["type": ["integer", "null"]], "caller_type": nullableStr, "age_group": nullableStr, "sex": nullableStr,
                    "place": nullableStr, "topic": nullableStr, "subtopic": nullableStr, "summary": nullableStr,
                    "case_id": ["type": ["string", "null"], "format": "uuid"], "legal_hold": nullableStr,
                    "anonymised_at": ["type": ["string", "null"], "format": "date-time"],
                    "earlier": [
                        "type": "array",
                        "items": OpenAPI.obj(["at": ["type": "string", "format": "date-time"], "topic": nullableStr], required: ["at"]),
                    ],
                ], required: ["id", "at", "channel", "earlier"]),
            "ContactPage": OpenAPI.page("Contact"),
            "ContactCreate": OpenAPI.request(
                [
                    "unit": OpenAPI.name(50), "at": ["type": "string", "format": "date-time"], "channel": choice(ContactChannel.allCases.map(\.rawValue)),
                    "non_data": choice(NonDataKind.allCases.map(\.rawValue)), "duration_seconds": ["type": "integer", "minimum": 0, "maximum": 14_400],
                    "caller_type": choice(CallerType.allCases.map(\.rawValue)), "age_group": choice(AgeGroup.allCases.map(\.rawValue)),
                    "sex": choice(ContactSex.allCases.map(\.rawValue)), "place": ["type": "string", "maxLength": 200], "topic": choice(topics),
                    "subtopic": choice(subtopics), "summary": ["type": "string", "maxLength": 2000], "phone": ["type": "string", "maxLength": 20],
                ], required: ["channel"]),
            "ContactHold": OpenAPI.request(
                ["reason": ["type": ["string", "null"], "minLength": 1, "maxLength": 500, "pattern": "^[\\s\\S]*\\S[\\s\\S]*$"]], required: []),
            "ContactLink": OpenAPI.request(["case_number": OpenAPI.name(50)], required: ["case_number"]),
            "CaseFromContact": OpenAPI.request(
                [
                    "person_name": OpenAPI.name(200), "kind": choice(CaseKind.allCases.map(\.rawValue)), "not_duplicate": ["type": "boolean"],
                    "risk_level": choice(RiskLevel.allCases.map(\.rawValue)),
                    "risk_reason": OpenAPI.name(2000), "placement": choice(Placement.allCases.map(\.rawValue)),
                ], required: ["person_name", "kind", "risk_level", "risk_reason", "placement"]),
            "HotlineReport": OpenAPI.obj(
                [
                    "unit": str, "year": ["type": "integer"], "month": ["type": ["integer", "null"]], "contacts": ["type": "integer"],
                    "answered": ["type": "integer"], "answered_share": ["type": "integer"], "average_seconds": ["type": "integer"],
                    "by_topic": ["type": "object", "additionalProperties": ["type": "integer"]],
                    "rows": [
                        "type": "array",
                        "items": OpenAPI.obj(
                            ["topic": str, "sex": str, "age_group": str, "channel": str, "contacts": ["type": "integer"]],
                            required: ["topic", "contacts"]),
                    ],
                ], required: ["unit", "year", "contacts", "by_topic"]),
        ]
    }
}
