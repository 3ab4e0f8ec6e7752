import AnsinhCore
import Foundation

/// The OpenAPI description of `FundAPI`.
extension FundAPI {
    static var operations: [APIOperation] {
        let tag = "funds"
        let month: [String: Any] = ["type": "string", "pattern": OpenAPI.monthPattern]
        return [
            APIOperation(.GET, .funds, "The funds of the caller's units with what each received, gave out and holds", tag: tag, response: "FundList"),
            APIOperation(
                .POST, .funds, "A fund of a ward or centre: its kind, purpose, and the disbursement kinds its rules allow", tag: tag, request: "FundInput",
                response: "FundDetail", status: 201),
            APIOperation(
                .GET, .fund(nil), "One fund with its balances by account and earmark, whether its books balance, and its closed months", tag: tag,
                response: "FundDetail"),
            APIOperation(.GET, .fundReceipts(nil), "The gifts a fund received, newest first", tag: tag, query: OpenAPI.paging, response: "FundReceiptPage"),
            APIOperation(
                .POST, .fundReceipts(nil),
                "A gift received in đồng (bank or cash desk) or in kind (items valued in đồng), booked at once as a balanced journal and numbered PT-year-nnnn",
                tag: tag, request: "FundReceiptInput", response: "FundReceiptDetail", status: 201),
            APIOperation(
                .GET, .fundDisbursements(nil), "A fund's disbursements", tag: tag,
                query: [("status", ["type": "string", "enum": DisbursementLifecycle.State.allCases.map(\.rawValue)])] + OpenAPI.paging,
                response: "DisbursementPage"),
            APIOperation(
                .POST, .fundDisbursements(nil),
                "Propose a disbursement of a kind the fund allows, from one of its asset accounts, to a beneficiary the caller reaches; approved by someone else",
                tag: tag, request: "DisbursementInput", response: "Disbursement", status: 201),
            APIOperation(.GET, .fundLedger(nil), "The lines of a fund's books in a month", tag: tag, query: [("month", month)], response: "LedgerEntries"),
            APIOperation(
                .GET, .fundDonorReport(nil),
                "The fund's report to its donors for a year: each approved disbursement, the beneficiary named only with a consent to be named to donors in force today (audited)",
                tag: tag, query: [("year", ["type": "integer", "minimum": Bounds.year.lowerBound, "maximum": Bounds.year.upperBound])],
                response: "DonorReport"),
            APIOperation(
                .POST, .fundClose(nil), "Close the books through a month already over: nothing may be booked on a day of it afterwards", tag: tag,
                request: "FundMonth", response: "FundDetail"),
            APIOperation(
                .GET, .donors, "Donors of the caller's units; q finds a name without diacritics", tag: tag,
                query: [("q", OpenAPI.text)] + OpenAPI.paging, response: "DonorPage"),
            APIOperation(
                .POST, .donors, "A donor: organisation, firm or person, with a tax code where given and the wish to stay anonymous", tag: tag,
                request: "DonorInput", response: "Donor", status: 201),
            APIOperation(
                .PUT, .fund(nil),
                "Change a fund's name, purpose, rules (the disbursement kinds it may pay) and public page, all sent; its kind, unit and books stay",
                tag: tag, request: "FundChange", response: "FundDetail"),
            APIOperation(.GET, .donor(nil), "One donor", tag: tag, response: "Donor"),
            APIOperation(
                .POST, .donorHold(nil),
                "Keep an individual donor's details past their retention (privacy.json retention.donation) with the reason, or release the hold with a null reason",
                tag: tag, request: "ContactHold", response: "Donor"),
            APIOperation(
                .PUT, .donor(nil), "Correct a donor's details (all of them are sent; unit_id is not changed); the anonymity wish applies at once",
                tag: tag, request: "DonorInput", response: "Donor"),
            APIOperation(
                .GET, .donorDuplicates, "Donors recorded more than once: the same name once folded, or the same tax code", tag: tag,
                response: "DonorGroups"),
            APIOperation(.GET, .fundReceipt(nil), "One receipt with its items and the amount in words", tag: tag, response: "FundReceiptDetail"),
            APIOperation(
                .POST, .fundReceiptReverse(nil), "Reverse a receipt recorded by mistake (a reversing journal dated today)", tag: tag, request: "Reason",
                response: "FundReceiptDetail"),
            APIOperation(.GET, .disbursement(nil), "One disbursement", tag: tag, response: "Disbursement"),
            APIOperation(
                .POST, .disbursementAction(nil, .approve),
                "Approve a disbursement someone else proposed and book it today; refused when the fund no longer holds the amount", tag: tag,
                request: "Reason", requestOptional: true, response: "Disbursement"),
            APIOperation(
                .POST, .disbursementAction(nil, .reject), "Reject a proposed disbursement with a reason", tag: tag, request: "ReasonRequired",
                response: "Disbursement"),
            APIOperation(
                .POST, .disbursementAction(nil, .reverse), "Reverse an approved disbursement with a reason (the money comes back to the fund)", tag: tag,
                request: "ReasonRequired", response: "Disbursement"),
            APIOperation(
                .GET, .fundsReport, "A unit's funds in a year by kind, from the books: received, donors, given out", tag: tag,
                query: [
                    ("unit", ["type": "string", "minLength": 1, "maxLength": 50]),
                    ("year", ["type": "integer", "minimum": Bounds.year.lowerBound, "maximum": Bounds.year.upperBound]),
                ], response: "FundsReport"),
        ]
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"], nstr: [String: Any] = ["type": ["string", "null"]], int: [String: Any] = ["type": "integer"]
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        let kinds = DisbursementKind.allCases.map(\.rawValue)
        let fund = OpenAPI.obj(
            [
                "id": uuid, "unit_name": str, "name": str, "kind": str, "purpose": str, "allowed_kinds": ["type": "array", "items": str],
                "is_public": ["type": "boolean"],
                "closed_through": nstr, "received": int, "given_out": int, "held": int,
            ], required: ["id", "name", "kind", "allowed_kinds", "received", "given_out", "held"])
        let donor = OpenAPI.obj(
            [
                "id": uuid, "kind": str, "name": str, "tax_code": nstr, "contact": str, "phone": str, "email": str, "address": str,
                "anonymous": ["type": "boolean"], "anonymised_at": ["type": ["string", "null"], "format": "date-time"], "legal_hold": nstr,
            ], required: ["id", "kind", "name", "anonymous"])
        let receipt = OpenAPI.obj(
            [
                "id": uuid, "number": str, "fund_id": uuid, "donor_name": nstr, "received_on": str, "method": str, "amount": int, "earmark": nstr,
                "reference": str, "status": str,
            ], required: ["id", "number", "fund_id", "received_on", "method", "amount", "status"])
        let disbursement = OpenAPI.obj(
            [
                "id": uuid, "number": str, "fund_id": uuid, "kind": str, "source_account": str, "amount": int, "beneficiary_kind": str,
                "beneficiary_label": str, "purpose": str, "proposed_on": str, "proposed_by": str, "decided_by": nstr, "decided_on": nstr, "reason": nstr,
                "status": ["type": "string", "enum": DisbursementLifecycle.State.allCases.map(\.rawValue)],
            ], required: ["id", "number", "fund_id", "kind", "amount", "status"])
        let figures = OpenAPI.obj(["received": int, "donors": int, "given_out": int], required: ["received", "donors", "given_out"])
        return [
            "FundList": ["type": "array", "items": fund],
            "FundDetail": OpenAPI.obj(
                [
                    "fund": fund,
                    "balances": [
                        "type": "array",
                        "items": OpenAPI.obj(["account": str, "earmark": nstr, "balance": int], required: ["account", "balance"]),
                    ],
                    "books_balance": ["type": "boolean"],
                    "closings": [
                        "type": "array", "items": OpenAPI.obj(["month": str, "held": int, "closed_by": str], required: ["month", "held"]),
                    ],
                ], required: ["fund", "balances", "books_balance", "closings"]),
            "FundReceiptPage": OpenAPI.page("FundReceipt"), "FundReceipt": receipt,
            "FundReceiptDetail": OpenAPI.obj(
                [
                    "receipt": receipt, "donor_id": ["type": ["string", "null"], "format": "uuid"],
                    "items": [
                        "type": "array",
                        "items": OpenAPI.obj(
                            ["description": str, "quantity": int, "unit_label": str, "unit_value": int, "value": int],
                            required: ["description", "quantity", "value"]),
                    ],
                    "note": str, "recorded_by": str, "reversal_reason": nstr, "amount_in_words": str,
                ], required: ["receipt", "items", "amount_in_words"]),
            "DisbursementPage": OpenAPI.page("Disbursement"), "Disbursement": disbursement,
            "DonorReport": OpenAPI.obj(
                [
                    "fund_id": ["type": "string", "format": "uuid"], "fund_name": ["type": "string"], "year": ["type": "integer"],
                    "total": ["type": "integer"], "named": ["type": "integer"],
                    "lines": [
                        "type": "array",
                        "items": OpenAPI.obj(
                            [
                                "number": ["type": "string"], "day": ["type": "string"], "kind": ["type": "string"], "amount": ["type": "integer"],
                                "beneficiary_kind": ["type": "string", "enum": BeneficiaryKind.allCases.map(\.rawValue)], "name": ["type": ["string", "null"]],
                            ], required: ["number", "day", "kind", "amount", "beneficiary_kind"]),
                    ],
                ], required: ["fund_id", "year", "total", "named", "lines"]),
            "LedgerEntries": [
                "type": "array",
                "items": OpenAPI.obj(
                    ["posted_on": str, "journal": str, "memo": str, "account": str, "earmark": nstr, "debit": int, "credit": int],
                    required: ["posted_on", "journal", "account", "debit", "credit"]),
            ],
            "DonorPage": OpenAPI.page("Donor"), "Donor": donor, "DonorGroups": ["type": "array", "items": ["type": "array", "items": donor]],
            "FundsReport": OpenAPI.obj(
                ["unit": str, "year": int, "by_kind": ["type": "object", "additionalProperties": figures]], required: ["unit", "year", "by_kind"]),
            "FundInput": OpenAPI.request(
                [
                    "unit_id": uuid, "name": OpenAPI.name(160), "kind": ["type": "string", "enum": FundKind.allCases.map(\.rawValue)],
                    "purpose": OpenAPI.name(2000),
                    "allowed_kinds": [
                        "type": "array", "minItems": 1, "maxItems": kinds.count, "uniqueItems": true, "items": ["type": "string", "enum": kinds],
                    ],
                    "is_public": ["type": "boolean"],
                ], required: ["name", "kind", "purpose", "allowed_kinds"]),
            "FundChange": OpenAPI.request(
                [
                    "name": OpenAPI.name(160), "purpose": OpenAPI.name(2000),
                    "allowed_kinds": [
                        "type": "array", "minItems": 1, "maxItems": kinds.count, "uniqueItems": true, "items": ["type": "string", "enum": kinds],
                    ],
                    "is_public": ["type": "boolean"],
                ], required: ["name", "purpose", "allowed_kinds", "is_public"]),
            "DonorInput": OpenAPI.request(
                [
                    "unit_id": uuid, "kind": ["type": "string", "enum": DonorKind.allCases.map(\.rawValue)], "name": OpenAPI.name(200),
                    "tax_code": ["type": "string", "pattern": "^([0-9]{10}(-[0-9]{3})?)?$"], "contact": ["type": "string", "maxLength": 120],
                    "phone": ["type": "string", "pattern": "^[0-9+. -]{0,20}$"],
                    "email": ["type": "string", "maxLength": 120, "pattern": "^([^@\\s]+@[^@\\s]+)?$"],
                    "address": ["type": "string", "maxLength": 300], "anonymous": ["type": "boolean"],
                ], required: ["kind", "name"]),
            "FundReceiptInput": OpenAPI.request(
                [
                    "donor_id": uuid, "received_on": OpenAPI.date, "method": ["type": "string", "enum": ReceiptMethod.allCases.map(\.rawValue)],
                    "amount": ["type": "integer", "minimum": 1, "maximum": 100_000_000_000], "earmark": ["type": "string", "enum": kinds],
                    "reference": ["type": "string", "maxLength": 100], "note": ["type": "string", "maxLength": 1000], "pledge_id": uuid,
                    "items": [
                        "type": "array", "maxItems": 100,
                        "items": OpenAPI.request(
                            [
                                "description": OpenAPI.name(200), "quantity": ["type": "integer", "minimum": 1, "maximum": 1_000_000],
                                "unit_label": ["type": "string", "maxLength": 30], "unit_value": ["type": "integer", "minimum": 1, "maximum": 1_000_000_000],
                            ], required: ["description", "quantity", "unit_value"]),
                    ],
                ], required: ["received_on", "method"]),
            "DisbursementInput": OpenAPI.request(
                [
                    "beneficiary_kind": ["type": "string", "enum": BeneficiaryKind.allCases.map(\.rawValue)], "beneficiary_id": uuid,
                    "kind": ["type": "string", "enum": kinds],
                    "source_account": ["type": "string", "enum": LedgerAccount.allCases.filter(\.isAsset).map(\.rawValue)],
                    "amount": ["type": "integer", "minimum": 1, "maximum": 100_000_000_000], "purpose": OpenAPI.name(1000),
                ], required: ["beneficiary_kind", "beneficiary_id", "kind", "source_account", "amount", "purpose"]),
            "FundMonth": OpenAPI.request(["month": month], required: ["month"]),
            "Reason": OpenAPI.request(["reason": ["type": "string", "maxLength": 500]], required: []),
            "ReasonRequired": OpenAPI.request(["reason": OpenAPI.name(500)], required: ["reason"]),
        ]
    }

    static var month: [String: Any] { ["type": "string", "pattern": OpenAPI.monthPattern] }
}
