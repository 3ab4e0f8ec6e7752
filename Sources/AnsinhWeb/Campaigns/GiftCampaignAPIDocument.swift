import AnsinhCore
import Foundation

/// The OpenAPI description of `GiftCampaignAPI`.
extension GiftCampaignAPI {
    static var operations: [APIOperation] {
        let tag = "campaigns"
        let year: [String: Any] = ["type": "integer", "minimum": Bounds.year.lowerBound, "maximum": Bounds.year.upperBound]
        return [
            APIOperation(
                .GET, .giftCampaigns, "The gift campaigns of the caller's wards (of a year)", tag: tag, query: [("year", year)], response: "GiftCampaigns"),
            APIOperation(
                .POST, .giftCampaigns, "A gift campaign with its targeting rule: categories any of which qualifies, per person or household", tag: tag,
                request: "GiftCampaignInput", response: "GiftCampaign", status: 201),
            APIOperation(
                .GET, .giftCampaign(nil), "One campaign with its gift types and its list's progress per residential group", tag: tag, response: "GiftCampaign"),
            APIOperation(
                .POST, .giftTypes(nil), "A gift type: value in đồng, paid from a fund, a budget line or a donor; goods may count their stock", tag: tag,
                request: "GiftTypeInput", response: "GiftCampaign", status: 201),
            APIOperation(
                .POST, .giftGenerate(nil),
                "Make the list from the registry as it stands; run again, it adds only who is missing (one line per recipient and gift type)", tag: tag,
                response: "GiftListMade"),
            APIOperation(
                .GET, .giftEntries(nil), "The list's lines (of a group, of a state)", tag: tag,
                query: [("group", ["type": "string", "format": "uuid"]), ("status", ["type": "string", "enum": GiftCampaignPage.states])] + OpenAPI.paging,
                response: "GiftEntryPage"),
            APIOperation(
                .POST, .giftHandouts(nil),
                "Ticked lines handed out on a day (lines handed out already are counted, never given twice), or recorded as not handed out with a reason",
                tag: tag, request: "GiftHandouts", response: "GiftDone"),
            APIOperation(.POST, .giftClose(nil), "Close the campaign: nothing more is handed out", tag: tag, response: "GiftCampaign"),
            APIOperation(
                .POST, .giftCampaignHold(nil),
                "Keep a closed campaign's list whole past its retention (privacy.json retention.payment) with the reason, or release the hold with a null reason",
                tag: tag, request: "ContactHold", response: "GiftCampaign"),
            APIOperation(
                .POST, .giftEntryHandOut(nil), "One line handed out, signed for by someone; refused when handed out already or out of stock", tag: tag,
                request: "GiftHandOutOne", response: "GiftDone", status: 201),
            APIOperation(.POST, .giftEntryNotHanded(nil), "One line not handed out, with the reason", tag: tag, request: "GiftReason", response: "GiftDone"),
            APIOperation(
                .GET, .giftReport, "Gifts handed out in a year by campaign, residential group, target category and source", tag: tag, query: [("year", year)],
                response: "GiftReport"),
            APIOperation(
                .GET, .meritRecords, "People with meritorious service and their relatives, by category", tag: tag,
                query: [("category", ["type": "string", "enum": MeritCategory.allCases.map(\.rawValue)])] + OpenAPI.paging, response: "MeritPage"),
            APIOperation(
                .POST, .meritRecords, "A person's merit category with its document (sets the person's merit flag)", tag: tag, request: "MeritInput",
                response: "MeritRecord", status: 201),
            APIOperation(
                .GET, .wardReport, "The ward's year: households by official class, gifts, gratitude-house repairs, allowances paid, merit persons", tag: tag,
                query: [("unit", ["type": "string", "minLength": 1, "maxLength": 50]), ("year", year)], response: "WardReport"),
        ]
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"], nstr: [String: Any] = ["type": ["string", "null"]], int: [String: Any] = ["type": "integer"]
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        let campaign = OpenAPI.obj(
            [
                "id": uuid, "name": str, "occasion": str, "day": str, "categories": ["type": "array", "items": str], "per": str,
                "groups": ["type": ["array", "null"], "items": uuid], "status": str, "listed": int, "handed": int,
                "anonymised_at": ["type": ["string", "null"], "format": "date-time"], "legal_hold": nstr,
            ], required: ["id", "name", "occasion", "day", "categories", "per", "status", "listed", "handed"])
        let line = OpenAPI.obj(["key": str, "gifts": int, "value": int], required: ["key", "gifts", "value"])
        let lines: [String: Any] = ["type": "array", "items": line]
        let merit = OpenAPI.obj(
            ["id": uuid, "person_id": uuid, "person_name": str, "category": str, "detail": str, "since": str, "document": str],
            required: ["id", "person_id", "category", "since"])
        return [
            "GiftCampaigns": ["type": "array", "items": campaign],
            "GiftCampaign": OpenAPI.obj(
                [
                    "campaign": campaign, "unit": str,
                    "gift_types": [
                        "type": "array",
                        "items": OpenAPI.obj(
                            [
                                "id": uuid, "name": str, "kind": str, "value": int, "fund": nstr, "source": str, "stock": ["type": ["integer", "null"]],
                                "listed": int, "handed": int,
                            ], required: ["id", "name", "kind", "value", "listed", "handed"]),
                    ],
                    "groups": [
                        "type": "array",
                        "items": OpenAPI.obj(
                            [
                                "group_id": ["type": ["string", "null"], "format": "uuid"], "group": str, "listed": int, "handed": int, "not_handed": int,
                                "waiting": int,
                            ], required: ["group", "listed", "handed", "not_handed", "waiting"]),
                    ],
                ], required: ["campaign", "gift_types", "groups"]),
            "GiftListMade": OpenAPI.obj(["added": int, "listed": int], required: ["added", "listed"]),
            "GiftEntryPage": OpenAPI.page("GiftEntry"),
            "GiftEntry": OpenAPI.obj(
                [
                    "id": uuid, "gift_type": str, "group": str, "name": str, "household_code": str, "reasons": ["type": "array", "items": str], "status": str,
                    "reason": nstr, "handed_on": nstr, "received_by": nstr,
                ], required: ["id", "gift_type", "name", "reasons", "status"]),
            "GiftDone": OpenAPI.obj(
                ["handed": int, "already": int, "out_of_stock": int, "not_handed": int], required: ["handed", "already", "out_of_stock", "not_handed"]),
            "GiftReport": OpenAPI.obj(
                ["year": int, "total": int, "value": int, "by_campaign": lines, "by_group": lines, "by_category": lines, "by_source": lines],
                required: ["year", "total", "value", "by_campaign", "by_group", "by_category", "by_source"]),
            "MeritPage": OpenAPI.page("MeritRecord"), "MeritRecord": merit,
            "WardReport": OpenAPI.obj(
                [
                    "unit": str, "year": int, "poor_households": int, "near_poor_households": int,
                    "gifts": OpenAPI.obj(
                        ["total": int, "value": int, "by_campaign": ["type": "object", "additionalProperties": int]],
                        required: ["total", "value", "by_campaign"]),
                    "gratitude_house_repairs": int, "gratitude_house_repair_value": int, "allowance_recipients": int, "allowance_paid": int,
                    "merit_persons": int,
                    "jobs": OpenAPI.obj(
                        [
                            "counselled": int, "placed": int, "courses_completed": int, "employed_after": int, "report_month": int,
                            "loans_confirmed": int, "loans_disbursed": int, "loans_disbursed_amount": int, "businesses_started": int,
                            "businesses_operating": int,
                        ],
                        required: [
                            "counselled", "placed", "courses_completed", "employed_after", "report_month", "loans_confirmed", "loans_disbursed",
                            "loans_disbursed_amount", "businesses_started", "businesses_operating",
                        ]),
                    "education": OpenAPI.obj(
                        [
                            "school_year": int, "fee_exempted": int, "learning_cost": int, "learning_cost_amount": int, "books_handed_out": int,
                            "scholarships": int, "scholarship_amount": int,
                        ],
                        required: [
                            "school_year", "fee_exempted", "learning_cost", "learning_cost_amount", "books_handed_out", "scholarships", "scholarship_amount",
                        ]),
                    "works_completed": ["type": "object", "additionalProperties": int, "description": "works completed in the year, by kind"],
                ],
                required: [
                    "unit", "year", "poor_households", "near_poor_households", "gifts", "gratitude_house_repairs", "allowance_recipients", "allowance_paid",
                    "jobs", "education", "works_completed",
                ]),
            "GiftCampaignInput": OpenAPI.request(
                [
                    "unit_id": uuid, "name": OpenAPI.name(200), "occasion": ["type": "string", "enum": GiftOccasion.allCases.map(\.rawValue)],
                    "day": OpenAPI.date,
                    "categories": [
                        "type": "array", "minItems": 1, "maxItems": GiftCategory.allCases.count, "uniqueItems": true,
                        "items": ["type": "string", "enum": GiftCategory.allCases.map(\.rawValue)],
                    ],
                    "per": ["type": "string", "enum": GiftUnit.allCases.map(\.rawValue)], "groups": ["type": "array", "maxItems": 500, "items": uuid],
                ], required: ["name", "occasion", "day", "categories", "per"]),
            "GiftTypeInput": OpenAPI.request(
                [
                    "name": OpenAPI.name(120), "kind": ["type": "string", "enum": GiftKind.allCases.map(\.rawValue)],
                    "value": ["type": "integer", "minimum": 0, "maximum": 1_000_000_000], "fund_id": uuid, "source": ["type": "string", "maxLength": 200],
                    "stock": ["type": "integer", "minimum": 0, "maximum": 10_000_000],
                ], required: ["name", "kind"]),
            "GiftHandouts": OpenAPI.request(
                [
                    "entries": ["type": "array", "minItems": 1, "maxItems": 5000, "items": uuid], "handed_on": OpenAPI.date,
                    "outcome": ["type": "string", "enum": ["handed", "not_handed"]], "reason": ["type": "string", "maxLength": 300],
                ], required: ["entries"]),
            "GiftHandOutOne": OpenAPI.request(
                ["handed_on": OpenAPI.date, "received_by": ["type": "string", "maxLength": 120]], required: ["handed_on"]),
            "GiftReason": OpenAPI.request(["reason": OpenAPI.name(300)], required: ["reason"]),
            "MeritInput": OpenAPI.request(
                [
                    "person_id": uuid, "category": ["type": "string", "enum": MeritCategory.allCases.map(\.rawValue)],
                    "detail": ["type": "string", "maxLength": 200], "since": OpenAPI.date, "document": OpenAPI.name(120),
                ], required: ["person_id", "category", "since", "document"]),
        ]
    }
}
