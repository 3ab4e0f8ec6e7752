import AnsinhCore
import Foundation

/// The OpenAPI description of the care API.
extension CareAPI {
    static var operations: [APIOperation] {
        let tag = "care"
        let day: [(String, [String: Any])] = [("day", OpenAPI.date)]
        return [
            APIOperation(
                .GET, .careResidents, "The residents in the caller's units (status: in_care, discharged; q: a name), newest admission first", tag: tag,
                query: [("status", ["type": "string", "enum": ResidentLifecycle.State.allCases.map(\.rawValue)]), ("q", OpenAPI.text)] + OpenAPI.paging,
                response: "CareResidentPage"),
            APIOperation(
                .POST, .careResidents,
                "Admit a person (Decree 20/2021 Art. 24): by national ID from the registry or named here; on an Art. 24(1) basis the community allowance stops after the month of admission and the nursing allowance starts (Art. 25)",
                tag: tag, request: "CareAdmission", response: "CareResident", status: 201),
            APIOperation(
                .GET, .careResident(nil),
                "One resident: admission, beds, the last two weeks of the log; prescriptions and doses for a role with the health class (audited)",
                tag: tag, response: "CareResident"),
            APIOperation(
                .POST, .careBed(nil), "Put the resident in a free bed from a day (ends the bed they had)", tag: tag, request: "CareBedChange",
                response: "CareResident"),
            APIOperation(
                .POST, .careDischarge(nil),
                "Discharge (Art. 30; the head of the facility): the bed is freed and the nursing allowance stops after the month, or after up to 24 after-care months (Art. 26(5))",
                tag: tag, request: "CareDischarge", response: "CareResident"),
            APIOperation(
                .POST, .careHold(nil),
                "Put a resident's record under legal hold (kept whole past its retention after discharge) with the reason, or release it with a null reason",
                tag: tag, request: "ContactHold", response: "CareResident"),
            APIOperation(
                .POST, .careLog(nil), "A line of the daily care log for a shift", tag: tag, request: "CareLogLine", response: "CareResident", status: 201),
            APIOperation(
                .POST, .carePrescriptions(nil), "A prescription: drug, dose, times of day", tag: tag, request: "CarePrescription", response: "CareResident",
                status: 201),
            APIOperation(
                .POST, .careDoses(nil), "What happened to one scheduled dose: given, refused or missed (with why)", tag: tag, request: "CareDose",
                response: "CareResident", status: 201),
            APIOperation(
                .GET, .careHandover, "The handover to a shift: the doses the shift before refused, missed or did not record (health class; audited)", tag: tag,
                query: day + [("shift", ["type": "string", "enum": Shift.allCases.map(\.rawValue)])], response: "CareHandover"),
            APIOperation(.GET, .careRooms, "Rooms and beds, with who is in each bed on a day", tag: tag, query: day, response: "CareRooms"),
            APIOperation(.POST, .careRooms, "Add a room with its beds to a department", tag: tag, request: "CareRoom", response: "CareRooms", status: 201),
            APIOperation(.GET, .careOccupancy, "Who is in care on a day, by department, sex and age group", tag: tag, query: day, response: "CareOccupancy"),
            APIOperation(
                .POST, .careHealth(nil),
                "An entry of the health record: check-up, diagnosis, hospital visit or stay, vaccination (health class; the audit names the kind only)",
                tag: tag, request: "CareHealth", response: "CareResident", status: 201),
        ]
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"]
        let int: [String: Any] = ["type": "integer"]
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        let nstr: [String: Any] = ["type": ["string", "null"]]
        let resident = OpenAPI.obj(
            [
                "id": uuid, "full_name": str, "gender": str, "birth_date": str, "basis": ["type": "string", "enum": AdmissionBasis.allCases.map(\.rawValue)],
                "stay": str, "admitted_on": str, "status": ["type": "string", "enum": ResidentLifecycle.State.allCases.map(\.rawValue)], "bed": nstr,
            ], required: ["id", "full_name", "gender", "birth_date", "basis", "stay", "admitted_on", "status"])
        let time: [String: Any] = ["type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"]
        return [
            "CareResidentRow": resident,
            "CareResidentPage": OpenAPI.page("CareResidentRow"),
            "CareResident": OpenAPI.obj(
                [
                    "resident": resident, "linked_to_registry": ["type": "boolean"], "decision_number": str, "decision_date": str, "decision_signer": str,
                    "referral_source": str, "case_id": ["type": ["string", "null"], "format": "uuid"], "discharged_on": nstr, "discharge_reason": nstr,
                    "beds": ["type": "array", "items": OpenAPI.obj(["bed": str, "from": str, "until": nstr], required: ["bed", "from"])],
                    "log": [
                        "type": "array",
                        "items": OpenAPI.obj(
                            ["day": str, "shift": str, "kind": str, "note": str, "recorded_by": str], required: ["day", "shift", "kind", "note", "recorded_by"]),
                    ],
                    "prescriptions": [
                        "type": ["array", "null"],
                        "items": OpenAPI.obj(
                            [
                                "id": uuid, "drug": str, "dose": str, "times": ["type": "array", "items": str], "from": str, "until": nstr, "prescriber": str,
                            ], required: ["id", "drug", "dose", "times", "from", "prescriber"]),
                    ],
                    "doses": [
                        "type": ["array", "null"],
                        "items": OpenAPI.obj(
                            ["prescription_id": uuid, "day": str, "time": str, "status": nstr, "note": nstr], required: ["prescription_id", "day", "time"]),
                    ],
                    "health": [
                        "type": ["array", "null"],
                        "items": OpenAPI.obj(
                            [
                                "kind": ["type": "string", "enum": HealthEventKind.allCases.map(\.rawValue)], "day": str, "until_day": nstr, "provider": str,
                                "summary": str, "follow_up_on": nstr, "recorded_by": str,
                            ], required: ["kind", "day", "provider", "summary", "recorded_by"]),
                    ],
                    "actions": ["type": "array", "items": str], "anonymised_at": ["type": ["string", "null"], "format": "date-time"],
                    "legal_hold": nstr,
                ], required: ["resident", "linked_to_registry", "decision_number", "decision_date", "beds", "log", "actions"]),
            "CareHealth": OpenAPI.request(
                [
                    "kind": ["type": "string", "enum": HealthEventKind.allCases.map(\.rawValue)], "day": OpenAPI.date, "until_day": OpenAPI.date,
                    "provider": OpenAPI.name(200), "summary": OpenAPI.name(4000), "follow_up_on": OpenAPI.date,
                ], required: ["kind", "day", "provider", "summary"]),
            "CareAdmission": OpenAPI.request(
                [
                    "unit_id": uuid, "national_id": ["type": "string", "maxLength": 20], "full_name": ["type": "string", "maxLength": 120],
                    "gender": ["type": "string", "enum": Gender.allCases.map(\.rawValue)], "birth_date": OpenAPI.date,
                    "basis": ["type": "string", "enum": AdmissionBasis.allCases.map(\.rawValue)], "decision_number": OpenAPI.name(60),
                    "decision_date": OpenAPI.date, "decision_signer": OpenAPI.name(120), "referral_source": OpenAPI.name(200), "admitted_on": OpenAPI.date,
                    "bed_id": uuid, "case_id": uuid,
                ], required: ["basis", "decision_number", "decision_date", "decision_signer", "referral_source", "admitted_on"]),
            "CareBedChange": OpenAPI.request(["bed_id": uuid, "from": OpenAPI.date], required: ["bed_id", "from"]),
            "CareDischarge": OpenAPI.request(
                [
                    "reason": ["type": "string", "enum": DischargeReason.allCases.map(\.rawValue)], "discharged_on": OpenAPI.date,
                    "note": ["type": "string", "maxLength": 2000],
                    "after_care_months": ["type": "integer", "minimum": 0, "maximum": AfterCare.maxMonths],
                ], required: ["reason", "discharged_on"]),
            "CareLogLine": OpenAPI.request(
                [
                    "day": OpenAPI.date, "shift": ["type": "string", "enum": Shift.allCases.map(\.rawValue)],
                    "kind": ["type": "string", "enum": CareLogKind.allCases.map(\.rawValue)], "note": OpenAPI.name(2000),
                ], required: ["day", "shift", "kind", "note"]),
            "CarePrescription": OpenAPI.request(
                [
                    "drug": OpenAPI.name(120), "dose": OpenAPI.name(60),
                    "times": ["type": "string", "maxLength": 100, "description": "HH:MM, comma-separated"],
                    "from": OpenAPI.date, "until": OpenAPI.date, "prescriber": OpenAPI.name(120),
                ], required: ["drug", "dose", "times", "from", "prescriber"]),
            "CareDose": OpenAPI.request(
                [
                    "day": OpenAPI.date, "time": time, "status": ["type": "string", "enum": DoseStatus.allCases.map(\.rawValue)],
                    "note": ["type": "string", "maxLength": 1000],
                ], required: ["day", "time", "status"]),
            "CareHandover": [
                "type": "array",
                "items": OpenAPI.obj(
                    [
                        "resident_id": uuid, "resident_name": str, "drug": str, "dose": str, "day": str, "time": str, "status": nstr, "note": nstr,
                    ], required: ["resident_id", "resident_name", "drug", "dose", "day", "time"]),
            ],
            "CareRooms": [
                "type": "array",
                "items": OpenAPI.obj(
                    [
                        "id": uuid, "department": str, "code": str, "sex": str,
                        "beds": [
                            "type": "array",
                            "items": OpenAPI.obj(
                                ["id": uuid, "code": str, "occupant": nstr, "resident_id": ["type": ["string", "null"], "format": "uuid"]],
                                required: ["id", "code"]),
                        ],
                    ], required: ["id", "department", "code", "sex", "beds"]),
            ],
            "CareRoom": OpenAPI.request(
                [
                    "department_id": uuid, "code": OpenAPI.name(30), "sex": ["type": "string", "enum": ["male", "female", "mixed"]],
                    "beds": ["type": "integer", "minimum": 1, "maximum": 40],
                ], required: ["department_id", "code", "sex", "beds"]),
            "CareOccupancy": OpenAPI.obj(
                [
                    "day": str, "residents": int, "without_bed": int,
                    "by_department": [
                        "type": "array",
                        "items": OpenAPI.obj(["department": str, "beds": int, "occupied": int], required: ["department", "beds", "occupied"]),
                    ],
                    "by_sex": ["type": "object", "additionalProperties": int], "by_age_group": ["type": "object", "additionalProperties": int],
                ], required: ["day", "residents", "without_bed", "by_department", "by_sex", "by_age_group"]),
        ]
    }
}
