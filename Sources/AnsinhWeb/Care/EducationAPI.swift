import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The API twin of a resident's schooling, training and job.
struct EducationAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.post(.api(.careEducation(nil)), use: education)
        api.post(.api(.carePlacements(nil)), use: placement)
    }

    struct Education: Content {
        let kind: String; let institution: String; let course: String; let from: String; let until: String?; let result: String?
    }
    struct Placement: Content { let employer: String; let job: String; let startedOn: String; let monthlyWage: Int64? }
    struct EducationDTO: Content { let kind: String; let institution: String; let course: String; let from: String; let until: String?; let result: String? }
    struct PlacementDTO: Content { let employer: String; let job: String; let startedOn: String; let monthlyWage: Int64? }
    struct RecordDTO: Content { let education: [EducationDTO]; let placements: [PlacementDTO] }

    func record(_ req: Request, _ id: UUID) async throws -> RecordDTO {
        let a = try req.requireActor()
        let r = try await CareRepository(req.store).education(a, residentID: id)
        return RecordDTO(
            education: r.education.map {
                EducationDTO(kind: $0.kind.rawValue, institution: $0.institution, course: $0.course, from: $0.from.iso, until: $0.until?.iso, result: $0.result)
            }, placements: r.placements.map { PlacementDTO(employer: $0.employer, job: $0.job, startedOn: $0.startedOn.iso, monthlyWage: $0.monthlyWage) })
    }

    func education(req: Request) async throws -> APIJSON<RecordDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        try a.require(.manageCare)
        let b = try req.json(Education.self)
        try APIInput.limit([("institution", b.institution, 200), ("course", b.course, 200), ("result", b.result, 500)])
        try await CareRepository(req.store).recordEducation(
            a, residentID: id, kind: b.kind, institution: b.institution, course: b.course, from: b.from, until: b.until ?? "", result: b.result ?? "",
            today: req.today)
        return APIJSON(try await record(req, id), status: .created)
    }

    func placement(req: Request) async throws -> APIJSON<RecordDTO> {
        let a = try req.requireActor(), id = try req.idParameter()
        try a.require(.manageCare)
        let b = try req.json(Placement.self)
        try APIInput.limit([("employer", b.employer, 200), ("job", b.job, 200)])
        guard b.monthlyWage.map({ $0 >= 0 && $0 < 1_000_000_000_000 }) ?? true else { throw AppError.invalid("monthly_wage", "validation.number") }
        try await CareRepository(req.store).recordPlacement(
            a, residentID: id, employer: b.employer, job: b.job, startedOn: b.startedOn, monthlyWage: b.monthlyWage.map(String.init) ?? "", today: req.today)
        return APIJSON(try await record(req, id), status: .created)
    }

    static var operations: [APIOperation] {
        [
            APIOperation(
                .POST, .careEducation(nil), "A resident's schooling or training (school, vocational, college, university), with its result", tag: "care",
                request: "CareEducation", response: "CareEducationRecord", status: 201),
            APIOperation(
                .POST, .carePlacements(nil), "A job found for a resident after training: employer, job, start day, monthly wage in đồng", tag: "care",
                request: "CarePlacement", response: "CareEducationRecord", status: 201),
        ]
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"]
        let nstr: [String: Any] = ["type": ["string", "null"]]
        return [
            "CareEducationRecord": OpenAPI.obj(
                [
                    "education": [
                        "type": "array",
                        "items": OpenAPI.obj(
                            ["kind": str, "institution": str, "course": str, "from": str, "until": nstr, "result": nstr],
                            required: ["kind", "institution", "course", "from"]),
                    ],
                    "placements": [
                        "type": "array",
                        "items": OpenAPI.obj(
                            ["employer": str, "job": str, "started_on": str, "monthly_wage": ["type": ["integer", "null"]]],
                            required: ["employer", "job", "started_on"]),
                    ],
                ], required: ["education", "placements"]),
            "CareEducation": OpenAPI.request(
                [
                    "kind": ["type": "string", "enum": EducationKind.allCases.map(\.rawValue)], "institution": OpenAPI.name(200), "course": OpenAPI.name(200),
                    "from": OpenAPI.date, "until": OpenAPI.date, "result": ["type": "string", "maxLength": 500],
                ], required: ["kind", "institution", "course", "from"]),
            "CarePlacement": OpenAPI.request(
                [
                    "employer": OpenAPI.name(200), "job": OpenAPI.name(200), "started_on": OpenAPI.date,
                    "monthly_wage": ["type": "integer", "minimum": 0, "maximum": 999_999_999_999],
                ], required: ["employer", "job", "started_on"]),
        ]
    }
}
