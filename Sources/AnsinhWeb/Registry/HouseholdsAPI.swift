import AnsinhCore
import AnsinhStore
import Vapor

/// The API twin of the registry's forms: a new household with its head, members joining and
/// leaving, a person's facts corrected, a household moved, split or merged. Same repository
/// calls as the pages; the answers are `RegistryAPI`'s DTOs.
struct HouseholdsAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.post(.api(.households), use: create)
        api.post(.api(.householdMembers(nil)), use: addMember)
        api.post(.api(.householdChange(nil, .leave)), use: leave)
        api.post(.api(.householdChange(nil, .move)), use: move)
        api.post(.api(.householdChange(nil, .split)), use: split)
        api.post(.api(.householdChange(nil, .merge)), use: merge)
        api.on(.PUT, SiteRoute.api(.person(nil)).pattern, use: updatePerson)
    }

    /// A person's facts as the API takes them (snake_case keys; dates YYYY-MM-DD, a birth of
    /// which only the year is known as YYYY).
    struct PersonBody: Content {
        let fullName: String; let gender: String; let birth: String; let nationalId: String?; let ethnicity: String?; let phone: String?
        let disability: String?; let disabilityCertificateDate: String?; let hasPension: Bool?; let hasMerit: Bool?; let hiv: Bool?
        let deathDate: String?

        var input: PersonInput {
            PersonInput(
                fullName: fullName, gender: gender, birth: birth, nationalID: nationalId, ethnicity: ethnicity, phone: phone,
                disability: disability ?? DisabilityLevel.none.rawValue, disabilityCertificateDate: disabilityCertificateDate,
                hasPension: hasPension ?? false, hasMerit: hasMerit ?? false, hiv: hiv ?? false, deathDate: deathDate)
        }
        func check(_ prefix: String = "") throws {
            // What the document says a birth is: YYYY or YYYY-MM-DD, years 1800–2199.
            let shape = birth.range(of: #"^(1[89]|2[01])[0-9]{2}(-[0-9]{2}-[0-9]{2})?$"#, options: .regularExpression) != nil
            if !shape || BirthDate(text: birth) == nil { throw AppError.invalid(prefix + "birth", "validation.date") }
            try APIInput.limit([
                (prefix + "full_name", fullName, 200), (prefix + "ethnicity", ethnicity, 100), (prefix + "phone", phone, 20),
                (prefix + "national_id", nationalId, 12),
            ])
        }
    }

    struct HouseholdCreate: Content {
        let code: String; let communeId: UUID; let groupId: UUID?; let address: String; let areaType: String?; let phone: String?
        let since: String; let head: PersonBody
    }
    struct MemberAdd: Content { let person: PersonBody; let role: String; let since: String }
    struct Leave: Content { let personId: UUID; let date: String; let reason: String }
    struct Move: Content { let address: String; let communeId: UUID?; let groupId: UUID?; let date: String }
    struct Split: Content {
        let memberIds: [UUID]; let newCode: String; let address: String; let groupId: UUID?; let newHeadId: UUID?; let remainingHeadId: UUID?
        let date: String
    }
    struct Merge: Content { let intoCode: String; let date: String }

    static func day(_ text: String, field: String) throws -> LocalDate {
        guard let d = LocalDate(iso: text) else { throw AppError.invalid(field, "validation.date") }
        return d
    }

    func create(req: Request) async throws -> APIJSON<RegistryAPI.HouseholdDTO> {
        let a = try req.requireActor()
        try a.require(.manageRegistry)  // before the body is looked at
        let b = try req.json(HouseholdCreate.self)
        try APIInput.limit([("code", b.code, 64), ("address", b.address, 300), ("phone", b.phone, 20)])
        try b.head.check("head.")
        let input = HouseholdInput(code: b.code, communeID: b.communeId, groupID: b.groupId, address: b.address, areaType: b.areaType, phone: b.phone)
        let h = try await RegistryRepository(req.store).createHousehold(a, input, head: b.head.input, since: try Self.day(b.since, field: "since"))
        return APIJSON(RegistryAPI.HouseholdDTO(h), status: .created)
    }

    func addMember(req: Request) async throws -> APIJSON<RegistryAPI.PersonDTO> {
        let a = try req.requireActor()
        try a.require(.manageRegistry)  // before the body is looked at
        let b = try req.json(MemberAdd.self)
        try b.person.check("person.")
        let p = try await RegistryRepository(req.store).addMember(
            a, householdID: try req.idParameter(), person: b.person.input, role: b.role, since: try Self.day(b.since, field: "since"))
        return APIJSON(RegistryAPI.PersonDTO(p), status: .created)
    }

    func updatePerson(req: Request) async throws -> APIJSON<RegistryAPI.PersonDTO> {
        let a = try req.requireActor()
        try a.require(.manageRegistry)  // before the body is looked at
        let b = try req.json(PersonBody.self)
        try b.check()
        return APIJSON(RegistryAPI.PersonDTO(try await RegistryRepository(req.store).updatePerson(a, id: try req.idParameter(), b.input)))
    }

    /// Runs a change of a household and answers with the household as it is after it.
    func changed(_ req: Request, _ id: UUID) async throws -> APIJSON<RegistryAPI.HouseholdDTO> {
        let d = try await RegistryRepository(req.store).household(try req.requireActor(), id: id, asOf: req.today)
        return APIJSON(RegistryAPI.HouseholdDTO(d.household))
    }

    func leave(req: Request) async throws -> APIJSON<RegistryAPI.HouseholdDTO> {
        let a = try req.requireActor()
        try a.require(.manageRegistry)  // before the body is looked at
        let id = try req.idParameter()
        let b = try req.json(Leave.self)
        try APIInput.limit([("reason", b.reason, 500)])
        try await RegistryRepository(req.store).endMembership(
            a, householdID: id, personID: b.personId, on: try Self.day(b.date, field: "date"), reason: b.reason)
        return try await changed(req, id)
    }

    func move(req: Request) async throws -> APIJSON<RegistryAPI.HouseholdDTO> {
        let a = try req.requireActor()
        try a.require(.manageRegistry)  // before the body is looked at
        let id = try req.idParameter()
        let b = try req.json(Move.self)
        try APIInput.limit([("address", b.address, 300)])
        try await RegistryRepository(req.store).moveHousehold(
            a, id: id, address: b.address, communeID: b.communeId, groupID: b.groupId, on: try Self.day(b.date, field: "date"))
        return try await changed(req, id)
    }

    /// Splits members off into a new household; answers with the new household.
    func split(req: Request) async throws -> APIJSON<RegistryAPI.HouseholdDTO> {
        let a = try req.requireActor()
        try a.require(.manageRegistry)  // before the body is looked at
        let b = try req.json(Split.self)
        try APIInput.limit([("new_code", b.newCode, 64), ("address", b.address, 300)])
        let input = RegistryRepository.SplitInput(
            memberIDs: b.memberIds, newCode: b.newCode, address: b.address, groupID: b.groupId, newHeadID: b.newHeadId, remainingHeadID: b.remainingHeadId)
        let h = try await RegistryRepository(req.store).splitHousehold(a, id: try req.idParameter(), input, on: try Self.day(b.date, field: "date"))
        return APIJSON(RegistryAPI.HouseholdDTO(h), status: .created)
    }

    /// Merges the household into another (by code); answers with the household that remains.
    func merge(req: Request) async throws -> APIJSON<RegistryAPI.HouseholdDTO> {
        let a = try req.requireActor()
        try a.require(.manageRegistry)  // before the body is looked at
        let b = try req.json(Merge.self)
        try APIInput.limit([("into_code", b.intoCode, 64)])
        let h = try await RegistryRepository(req.store).mergeHousehold(
            a, id: try req.idParameter(), intoCode: b.intoCode, on: try Self.day(b.date, field: "date"))
        return APIJSON(RegistryAPI.HouseholdDTO(h))
    }
}

/// The changes of a household the API offers, one path each.
public enum HouseholdChange: String, CaseIterable, Sendable { case leave, move, split, merge }

extension HouseholdsAPI {
    static var operations: [APIOperation] {
        let tag = "registry"
        return [
            APIOperation(.POST, .households, "Register a household with its head", tag: tag, request: "HouseholdCreate", response: "Household", status: 201),
            APIOperation(.POST, .householdMembers(nil), "A person joins the household", tag: tag, request: "MemberAdd", response: "Person", status: 201),
            APIOperation(.PUT, .person(nil), "Correct a person's facts (all of them are sent)", tag: tag, request: "PersonWrite", response: "Person"),
            APIOperation(
                .POST, .householdChange(nil, .leave), "A member leaves the household (moved, died, married out…)", tag: tag, request: "Leave",
                response: "Household"),
            APIOperation(
                .POST, .householdChange(nil, .move), "The household moves (address, residential group or commune)", tag: tag, request: "Move",
                response: "Household"),
            APIOperation(
                .POST, .householdChange(nil, .split), "Members split off into a new household", tag: tag, request: "Split", response: "Household", status: 201),
            APIOperation(.POST, .householdChange(nil, .merge), "The household joins another", tag: tag, request: "Merge", response: "Household"),
        ]
    }

    static var schemas: [String: Any] {
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        let code: [String: Any] = ["type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[\\s\\S]*\\S[\\s\\S]*$"]
        let person = OpenAPI.request(
            [
                "full_name": OpenAPI.name(200), "gender": ["type": "string", "enum": Gender.allCases.map(\.rawValue)],
                "birth": [
                    "type": "string", "pattern": "^(1[89]|2[01])[0-9]{2}(-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]))?$", "description": "YYYY-MM-DD, or YYYY",
                ],
                "national_id": ["type": "string", "pattern": "^([0-9]{12})?$", "description": "12 digits; empty: none"],
                "ethnicity": ["type": "string", "maxLength": 100],
                "phone": ["type": "string", "maxLength": 20], "disability": ["type": "string", "enum": DisabilityLevel.allCases.map(\.rawValue)],
                "disability_certificate_date": OpenAPI.dateOrEmpty(), "has_pension": ["type": "boolean"], "has_merit": ["type": "boolean"],
                "hiv": ["type": "boolean"], "death_date": OpenAPI.dateOrEmpty(),
            ], required: ["full_name", "gender", "birth"])
        return [
            "PersonWrite": person,
            "HouseholdCreate": OpenAPI.request(
                [
                    "code": code, "commune_id": uuid, "group_id": uuid, "address": OpenAPI.name(300),
                    "area_type": ["type": "string", "enum": AreaType.allCases.map(\.rawValue)], "phone": ["type": "string", "maxLength": 20],
                    "since": OpenAPI.date, "head": person,
                ], required: ["code", "commune_id", "address", "since", "head"]),
            "MemberAdd": OpenAPI.request(
                ["person": person, "role": ["type": "string", "enum": MemberRole.allCases.filter { $0 != .head }.map(\.rawValue)], "since": OpenAPI.date],
                required: ["person", "role", "since"]),
            "Leave": OpenAPI.request(["person_id": uuid, "date": OpenAPI.date, "reason": OpenAPI.name(500)], required: ["person_id", "date", "reason"]),
            "Move": OpenAPI.request(
                ["address": OpenAPI.name(300), "commune_id": uuid, "group_id": uuid, "date": OpenAPI.date], required: ["address", "date"]),
            "Split": OpenAPI.request(
                [
                    "member_ids": ["type": "array", "minItems": 1, "items": uuid], "new_code": code, "address": OpenAPI.name(300), "group_id": uuid,
                    "new_head_id": uuid, "remaining_head_id": uuid, "date": OpenAPI.date,
                ], required: ["member_ids", "new_code", "address", "date"]),
            "Merge": OpenAPI.request(["into_code": code, "date": OpenAPI.date], required: ["into_code", "date"]),
        ]
    }
}
