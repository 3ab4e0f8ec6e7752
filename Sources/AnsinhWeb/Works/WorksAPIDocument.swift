import AnsinhCore
import AnsinhStore
import Foundation

extension WorksAPI {
    static var operations: [APIOperation] {
        let tag = "works"
        let summaries: [WorkLifecycle.Transition: String] = [
            .approve: "The ward's chairman approves the work (the decision)", .start: "Work started (the day)",
            .progress: "Progress recorded: the day, how far in percent (never back), what was done", .complete: "Completed (the day)",
            .handOver: "Handed over (the day, to whom)", .cancel: "Cancelled before it started, with the reason",
        ]
        return [
            APIOperation(
                .GET, .works, "Works of the caller's units (one residential group, state, kind), newest first", tag: tag,
                query: [
                    ("group", ["type": "string", "maxLength": 50]), ("status", ["type": "string", "enum": WorkLifecycle.State.allCases.map(\.rawValue)]),
                    ("kind", ["type": "string", "enum": WorkKind.allCases.map(\.rawValue)]),
                ] + OpenAPI.paging, response: "WorkPage"),
            APIOperation(.POST, .works, "Propose a work of a ward (and residential group)", tag: tag, request: "WorkCreate", response: "WorkFile", status: 201),
            APIOperation(.GET, .work(nil), "One work with its diary, money and photos", tag: tag, response: "WorkFile"),
            APIOperation(
                .GET, .policyHouses,
                "The houses of the policy families of the caller's units: unsafe, damaged, worn, never surveyed, then sound, with the latest gratitude-house repair",
                tag: tag, query: [("condition", ["type": "string", "enum": HouseCondition.allCases.map(\.rawValue)])], response: "PolicyHouses"),
            APIOperation(.POST, .workBudget(nil), "State budget allotted to the work", tag: tag, request: "WorkBudget", response: "WorkFile", status: 201),
            APIOperation(
                .POST, .workPhotos(nil), "Add a photo: the body is a JPEG or PNG of at most 10 MB; ?caption= and ?day= describe it", tag: tag,
                query: [("caption", ["type": "string", "maxLength": 200]), ("day", OpenAPI.date)], request: "WorkPhotoFile",
                requestType: "application/octet-stream", response: "WorkFile", status: 201),
            APIOperation(
                .GET, .workPhoto(nil), "A photo's bytes (image/jpeg or image/png)", tag: tag, response: "WorkPhotoFile",
                responseTypes: ["image/jpeg", "image/png"]),
        ]
            + WorkLifecycle.Transition.allCases.map { t in
                APIOperation(.POST, .workAction(nil, t), summaries[t]!, tag: tag, request: "Work_" + t.rawValue, response: "WorkFile")
            }
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"], int: [String: Any] = ["type": "integer"], optStr: [String: Any] = ["type": ["string", "null"]]
        let fields: [String: [String: Any]] = [
            "date": OpenAPI.date, "decision": OpenAPI.name(100), "percent": ["type": "integer", "minimum": 0, "maximum": 100], "note": OpenAPI.name(1000),
            "handed_to": OpenAPI.name(200), "reason": OpenAPI.name(500), "contractor": ["type": "string", "maxLength": 200],
        ]
        var out: [String: Any] = [
            "Work": OpenAPI.obj(
                [
                    "id": ["type": "string", "format": "uuid"], "ward": str, "group": optStr,
                    "kind": ["type": "string", "enum": WorkKind.allCases.map(\.rawValue)],
                    "title": str, "location": str, "coordinates": str, "need": str, "origin": ["type": "string", "enum": WorkOrigin.allCases.map(\.rawValue)],
                    "request_code": optStr, "estimate": int, "budget": int, "funds": int,
                    "status": ["type": "string", "enum": WorkLifecycle.State.allCases.map(\.rawValue)], "percent": int, "proposed_on": str,
                    "decision": optStr, "approved_on": optStr, "started_on": optStr, "completed_on": optStr, "handed_over_on": optStr, "handed_to": optStr,
                    "reason": optStr, "actions": ["type": "array", "items": str], "household_code": optStr,
                    "house_condition": ["type": ["string", "null"], "enum": HouseCondition.allCases.map(\.rawValue) + [NSNull()]], "contractor": optStr,
                ], required: ["id", "kind", "title", "estimate", "budget", "funds", "status", "percent", "actions"]),
            "WorkPage": OpenAPI.page("Work"),
            "WorkFile": OpenAPI.obj(
                [
                    "work": ["$ref": "#/components/schemas/Work"],
                    "diary": ["type": "array", "items": OpenAPI.obj(["day": str, "percent": int, "note": str, "by": str], required: ["day", "percent"])],
                    "money": [
                        "type": "array", "items": OpenAPI.obj(["source": str, "reference": str, "day": str, "amount": int], required: ["source", "amount"]),
                    ],
                    "photos": [
                        "type": "array",
                        "items": OpenAPI.obj(["id": ["type": "string", "format": "uuid"], "caption": str, "day": str, "size": int], required: ["id"]),
                    ],
                ], required: ["work", "diary", "money", "photos"]),
            "WorkCreate": OpenAPI.request(
                [
                    "unit": OpenAPI.name(50), "group": ["type": "string", "maxLength": 50],
                    "kind": ["type": "string", "enum": WorkKind.allCases.map(\.rawValue)],
                    "title": OpenAPI.name(200), "location": OpenAPI.name(300), "coordinates": ["type": "string", "maxLength": 60], "need": OpenAPI.name(1000),
                    "origin": ["type": "string", "enum": WorkOrigin.allCases.map(\.rawValue)], "request_code": ["type": "string", "maxLength": 20],
                    "estimate": ["type": "integer", "minimum": 0, "maximum": 1_000_000_000_000], "household_code": ["type": "string", "maxLength": 50],
                    "house_condition": ["type": "string", "enum": HouseCondition.allCases.filter { $0 != .sound }.map(\.rawValue)],
                ], required: ["unit", "kind", "title", "location", "need", "origin", "estimate"]),
            "PolicyHouses": [
                "type": "array",
                "items": OpenAPI.obj(
                    [
                        "household_id": ["type": "string", "format": "uuid"], "household_code": str, "head": str, "group": optStr,
                        "merit_categories": ["type": "array", "items": ["type": "string", "enum": MeritCategory.allCases.map(\.rawValue)]],
                        "condition": ["type": ["string", "null"], "enum": HouseCondition.allCases.map(\.rawValue) + [NSNull()]],
                        "work_id": ["type": ["string", "null"], "format": "uuid"], "work_status": optStr, "repaired_on": optStr,
                    ], required: ["household_id", "household_code", "head", "merit_categories"]),
            ],
            "WorkBudget": OpenAPI.request(
                ["amount": ["type": "integer", "minimum": 1, "maximum": 1_000_000_000_000], "decision": OpenAPI.name(100), "day": OpenAPI.date],
                required: ["amount", "decision", "day"]),
            "WorkPhotoFile": ["type": "string", "format": "binary", "description": "the photo's bytes: JPEG or PNG"],
        ]
        for t in WorkLifecycle.Transition.allCases {
            let need = WorkLifecycle.rule(t).requires
            // The start names the contractor (required for a gratitude-house repair).
            let named = t == .start ? need + ["contractor"] : need
            out["Work_" + t.rawValue] = OpenAPI.request(fields.filter { named.contains($0.key) }, required: need)
        }
        return out
    }
}
