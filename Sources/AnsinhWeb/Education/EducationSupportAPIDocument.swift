import AnsinhCore
import AnsinhStore
import Foundation

extension EducationSupportAPI {
    static var operations: [APIOperation] {
        let tag = "education"
        let year: (String, [String: Any]) = ("school_year", ["type": "integer", "minimum": 2020, "maximum": 2100])
        return [
            APIOperation(
                .GET, .schools, "Schools of the caller's units with their figures for a school year", tag: tag, query: [year] + OpenAPI.paging,
                response: "SchoolPage"),
            APIOperation(.POST, .schools, "Record a school the ward works with", tag: tag, request: "SchoolCreate", response: "School", status: 201),
            APIOperation(.GET, .school(nil), "One school with its figures for a school year", tag: tag, query: [year], response: "School"),
            APIOperation(
                .GET, .schoolSupports(nil), "The school's list for a school year: pupils supported, grounds, amounts, what the school applied",
                tag: tag, query: [year, ("status", ["type": "string", "enum": EducationSupportLifecycle.State.allCases.map(\.rawValue)])] + OpenAPI.paging,
                response: "EducationSupportPage"),
            APIOperation(
                .POST, .schoolSupports(nil), "Work the school's list out again from the registry (lines applied or refused stay)", tag: tag,
                request: "EducationListRequest", response: "EducationListResult"),
            APIOperation(
                .POST, .pupils, "Record a child of the registry at a school for a school year (their support is worked out at once)", tag: tag,
                request: "PupilCreate", response: "Pupil", status: 201),
            APIOperation(
                .GET, .childrenWithoutSchool, "Children of school age in the caller's units with no school recorded for the year", tag: tag,
                query: [year] + OpenAPI.paging, response: "ChildWithoutSchoolPage"),
            APIOperation(.GET, .educationSupport(nil), "One line of a school's list", tag: tag, response: "EducationSupport"),
            APIOperation(
                .POST, .educationSupportAction(nil, .apply), "The school applied the support (the day)", tag: tag, request: "EducationSupport_apply",
                response: "EducationSupport"),
            APIOperation(
                .POST, .educationSupportAction(nil, .decline), "The school did not apply it (the reason)", tag: tag, request: "EducationSupport_decline",
                response: "EducationSupport"),
        ]
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"], int: [String: Any] = ["type": "integer"], optStr: [String: Any] = ["type": ["string", "null"]]
        let uuid: [String: Any] = ["type": "string", "format": "uuid"], strs: [String: Any] = ["type": "array", "items": str]
        let year: [String: Any] = ["type": "integer", "minimum": 2020, "maximum": 2100]
        return [
            "School": OpenAPI.obj(
                [
                    "id": uuid, "name": str, "level": ["type": "string", "enum": SchoolLevel.allCases.map(\.rawValue)],
                    "ownership": ["type": "string", "enum": SchoolOwnership.allCases.map(\.rawValue)], "address": str, "contact": str, "ward": str,
                    "school_year": int, "pupils": int, "supported": int, "applied": int,
                ], required: ["id", "name", "level", "ownership", "school_year", "pupils", "supported", "applied"]),
            "SchoolPage": OpenAPI.page("School"),
            "SchoolCreate": OpenAPI.request(
                [
                    "unit": OpenAPI.name(50), "name": OpenAPI.name(200), "level": ["type": "string", "enum": SchoolLevel.allCases.map(\.rawValue)],
                    "ownership": ["type": "string", "enum": SchoolOwnership.allCases.map(\.rawValue)], "address": ["type": "string", "maxLength": 300],
                    "contact": ["type": "string", "maxLength": 200],
                ], required: ["unit", "name", "level", "ownership"]),
            "EducationSupport": OpenAPI.obj(
                [
                    "id": uuid, "person_id": uuid, "name": str, "birth": str, "household_code": str, "grade": str, "school_id": uuid, "school_year": int,
                    "tuition": ["type": "string", "enum": TuitionTreatment.allCases.map(\.rawValue)], "tuition_percent": int, "tuition_grounds": strs,
                    "learning_cost": int, "learning_cost_grounds": strs,
                    "status": ["type": "string", "enum": EducationSupportLifecycle.State.allCases.map(\.rawValue)], "applied_on": optStr,
                    "reason": optStr, "actions": strs,
                ], required: ["id", "person_id", "school_year", "tuition", "learning_cost", "status", "actions"]),
            "EducationSupportPage": OpenAPI.page("EducationSupport"),
            "EducationListRequest": OpenAPI.request(["school_year": year], required: ["school_year"]),
            "EducationListResult": OpenAPI.obj(["added": int, "changed": int, "removed": int], required: ["added", "changed", "removed"]),
            "PupilCreate": OpenAPI.request(
                [
                    "person_id": uuid, "national_id": ["type": "string", "pattern": "^[0-9]{12}$"], "school_id": uuid, "school_year": year,
                    "grade": ["type": "string", "maxLength": 20],
                ], required: ["school_id", "school_year"]),
            "Pupil": OpenAPI.obj(["id": uuid, "school_id": uuid, "school_year": int], required: ["id"]),
            "ChildWithoutSchool": OpenAPI.obj(
                ["person_id": uuid, "name": str, "birth": str, "household_code": str], required: ["person_id", "name", "birth", "household_code"]),
            "ChildWithoutSchoolPage": OpenAPI.page("ChildWithoutSchool"),
            "EducationSupport_apply": OpenAPI.request(["applied_on": OpenAPI.date], required: ["applied_on"]),
            "EducationSupport_decline": OpenAPI.request(["reason": OpenAPI.name(500)], required: ["reason"]),
        ]
    }
}
