import AnsinhCore
import Foundation
import Vapor

/// The OpenAPI 3.1 document of `/api/v1`: the common operations and schemas here, each
/// capability's from its twin (`capabilities`).
enum OpenAPI {
    /// Query parameters with the bounds the server checks (`Bounds`), so that the document
    /// says exactly what is accepted.
    static var paging: [(String, [String: Any])] {
        [
            ("page", ["type": "integer", "minimum": Bounds.page.lowerBound, "maximum": Bounds.page.upperBound]),
            ("per_page", ["type": "integer", "minimum": Bounds.perPage.lowerBound, "maximum": Bounds.perPage.upperBound]),
        ]
    }
    /// Free text in a query (search words): any length is accepted, the first six words count.
    static var text: [String: Any] { ["type": "string"] }
    /// Dates and months as the server reads them (`LocalDate.textYears`: 1800–2199 here).
    static let datePattern = "^(1[89]|2[01])[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
    static let monthPattern = "^(1[89]|2[01])[0-9]{2}-(0[1-9]|1[0-2])$"
    static var date: [String: Any] { ["type": "string", "format": "date", "pattern": datePattern] }
    /// A date that may be left empty: `meaning` says what empty stands for ("none", "today").
    static func dateOrEmpty(_ meaning: String = "none") -> [String: Any] {
        ["type": "string", "pattern": "^(" + datePattern.dropFirst().dropLast() + ")?$", "description": "YYYY-MM-DD; empty: \(meaning)"]
    }
    static var nullableDate: [String: Any] { ["type": ["string", "null"], "format": "date", "pattern": datePattern] }
    /// Text that must hold something other than white space (names); the server trims white
    /// space at both ends before it counts the length.
    static func name(_ max: Int) -> [String: Any] { ["type": "string", "minLength": 1, "maxLength": max, "pattern": "^[\\s\\S]*\\S[\\s\\S]*$"] }

    static var operations: [APIOperation] {
        [
            APIOperation(.GET, .openapi, "This document", tag: "meta", response: "Object", isPublic: true),
            APIOperation(.GET, .me, "The account behind the token", tag: "accounts", response: "Me"),
            APIOperation(
                .POST, .mePassword, "Change one's own password; every other session and every token of the person ends", tag: "accounts",
                request: "PasswordChange", response: "Done"),
            APIOperation(
                .GET, .tokens, "One's own API tokens, or (administrators) an account's in scope", tag: "accounts",
                query: [("user_id", ["type": "string", "format": "uuid"])], response: "TokenList"),
            APIOperation(
                .POST, .tokens, "Create an API token (shown once) for oneself, or (administrators) for an account in scope", tag: "accounts",
                request: "TokenCreate", response: "NewToken", status: 201),
            APIOperation(.POST, .tokenRevoke(nil), "Revoke an API token: one's own, or (administrators) anyone's in scope", tag: "accounts", response: "Done"),
            APIOperation(
                .GET, .units, "Organisational units in scope", tag: "units",
                query: [("q", text), ("kind", ["type": "string", "enum": UnitKind.allCases.map(\.rawValue)])] + paging, response: "UnitPage"),
            APIOperation(.POST, .units, "Create a unit", tag: "units", request: "UnitCreate", response: "Unit", status: 201),
            APIOperation(.GET, .unit(nil), "One unit", tag: "units", response: "Unit"),
            APIOperation(.PATCH, .unit(nil), "Rename a unit or change its code", tag: "units", request: "UnitPatch", response: "Unit"),
            APIOperation(
                .GET, .users, "Accounts in scope", tag: "accounts",
                query: [("q", text), ("role", ["type": "string", "enum": Role.allCases.map(\.rawValue)])] + paging, response: "UserPage"),
            APIOperation(.POST, .users, "Create an account", tag: "accounts", request: "UserCreate", response: "User", status: 201),
            APIOperation(.GET, .user(nil), "One account", tag: "accounts", response: "User"),
            APIOperation(
                .GET, .audit, "Audit trail in scope, newest first", tag: "audit",
                query: [("entity", text), ("entity_id", text), ("actor", text)] + paging, response: "AuditPage"),
            APIOperation(.GET, .auditVerify, "Verify the audit hash chain", tag: "audit", response: "AuditVerify"),
            APIOperation(
                .GET, .persons, "Search persons: name without diacritics in any order, national ID or phone", tag: "registry",
                query: [("q", text)] + paging, response: "PersonPage"),
            APIOperation(
                .GET, .households, "Search households: code, address, phone or a member's name", tag: "registry",
                query: [("q", text)] + paging, response: "HouseholdPage"),
            APIOperation(
                .GET, .household(nil), "A household with its members and flags, as of a date", tag: "registry",
                query: [("as_of", date)], response: "HouseholdDetail"),
            APIOperation(
                .POST, .povertyClassify, "Classify a household under the poverty standard of a period, with reasons", tag: "review",
                request: "PovertyClassifyRequest", response: "PovertyClassification"),
            APIOperation(
                .POST, .allowancesEvaluate, "Monthly social allowance for a person and a month, derived from facts, with reasons", tag: "allowances",
                request: "AllowanceEvaluateRequest", response: "AllowanceEvaluation"),
        ] + capabilities.flatMap { $0.operations }
    }

    /// The capabilities' API twins, each describing its own operations and schemas.
    static var capabilities: [any APIDescribed.Type] {
        [
            HouseholdsAPI.self, ImportsAPI.self, CampaignsAPI.self, DecisionsAPI.self, PaymentsAPI.self, EligibilityAPI.self, RelationshipsAPI.self,
            HardshipAPI.self, AdminChangesAPI.self, ReviewAPI.self, CasesAPI.self, CaseSharingAPI.self, TasksAPI.self, WardRequestsAPI.self,
            CaseSettingsAPI.self, HotlineAPI.self,
            SurveyImportAPI.self, TakeOverAPI.self, CareAPI.self, StaffAPI.self, CentreReportAPI.self, TherapyAPI.self, EducationAPI.self, PlanAPI.self,
            ContractAPI.self, ShiftAPI.self, FundAPI.self, PledgeAPI.self, GiftCampaignAPI.self, AllowancesAPI.self,
            HealthInsuranceAPI.self, OneOffAPI.self, IdentityAPI.self, PrivacyAPI.self, ConsentAPI.self, BreachAPI.self, FeedbackAPI.self, AnnouncementAPI.self,
            PublicInformationAPI.self,
            LivelihoodAPI.self, LoanAPI.self, BusinessAPI.self, EducationSupportAPI.self, WorksAPI.self,
        ]
    }

    /// The methods the document lists for a concrete path (`/api/v1/units/…`), for the 405
    /// answer (with `Allow`) to any other method.
    static func allowedMethods(path: String) -> [String] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        let matches = operations.compactMap { op -> (String, APIOperation)? in
            let t = SiteRoute.api(op.route).template.split(separator: "/", omittingEmptySubsequences: true)
            guard t.count == parts.count && zip(t, parts).allSatisfy({ $0 == $1 || $0.hasPrefix("{") }) else { return nil }
            return (t.map { $0.hasPrefix("{") ? "0" : "1" }.joined(), op)
        }
        // The router prefers a fixed segment to a parameter at each level ("/contracts/invoices"
        // is not "/contracts/{id}"), so only the most specific templates answer.
        let best = matches.map(\.0).max() ?? ""
        return matches.filter { $0.0 == best }.map(\.1.method.rawValue)
    }

    /// `schema` or null (null = leave unchanged / none). An optional field of a request is
    /// nullable: the server reads null as absent.
    static func nullable(_ schema: [String: Any]) -> [String: Any] {
        var s = schema
        if let t = s["type"] as? String { s["type"] = [t, "null"] }
        if let e = s["enum"] as? [Any] { s["enum"] = e + [NSNull()] }
        return s
    }

    /// The properties of a request object, those not in `required` nullable.
    static func request(_ props: [String: Any], required: [String]) -> [String: Any] {
        var out: [String: Any] = [:]
        for (k, v) in props { out[k] = required.contains(k) ? v : nullable(v as? [String: Any] ?? [:]) }
        return obj(out, required: required)
    }

    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
    /// The facts about a person the registry does not hold (`PersonCircumstances`): in the
    /// evaluate request and in `PUT /persons/{id}/facts`.
    static var circumstanceProperties: [String: Any] {
        let level: [String: Any] = ["type": "string", "enum": Studying.allCases.map(\.rawValue)]
        return [
            "marital_status": ["type": "string", "enum": MaritalStatus.allCases.map(\.rawValue)],
            "parents": [
                "type": "array", "maxItems": 2,
                "items": obj(["status": ["type": "string", "enum": ParentStatus.allCases.map(\.rawValue)]], required: ["status"]),
            ],
            "abandoned": ["type": "boolean"],
            "children_raised": [
                "type": "array", "maxItems": PersonCircumstances.maxChildren,
                "items": obj(
                    ["birth_date": date, "studying": ["oneOf": [["type": "boolean"], level]], "first_degree": ["type": "boolean"]],
                    required: ["birth_date"]),
            ],
            "studying": ["oneOf": [level, obj(["level": level, "first_degree": ["type": "boolean"]], required: ["level"])]],
            "first_degree": ["type": "boolean"], "receiving_5_1_at_16": ["type": "boolean"],
            "has_monthly_social_insurance": ["type": "boolean"],
            "monthly_social_insurance_amount": ["type": ["integer", "null"], "minimum": 0, "maximum": 1_000_000_000],
            "supporter": ["type": "string", "enum": Supporter.allCases.map(\.rawValue)],
            "cared_by_community_carer": ["type": "boolean"], "household_carer": ["type": "boolean"], "needs_facility_care": ["type": "boolean"],
            "pregnant": ["type": "boolean"], "spouse_receives_care_support": ["type": "boolean"],
        ]
    }

    static func obj(_ props: [String: Any], required: [String]) -> [String: Any] {
        ["type": "object", "properties": props, "required": required]
    }
    static func page(_ item: String) -> [String: Any] {
        obj(
            [
                "items": ["type": "array", "items": ref(item)], "page": ["type": "integer"],
                "per_page": ["type": "integer"], "total": ["type": "integer"],
            ], required: ["items", "page", "per_page", "total"])
    }

    /// Every schema: the common ones here, each capability's from its API file.
    static var schemas: [String: Any] {
        capabilities.map { $0.schemas }.reduce(commonSchemas) { all, more in all.merging(more) { a, _ in a } }
    }

    static var commonSchemas: [String: Any] {
        let str: [String: Any] = ["type": "string"]
        let code: [String: Any] = ["type": "string", "pattern": "^[A-Za-z0-9_-]{1,32}$"]
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        let roles: [String: Any] = ["type": "string", "enum": Role.allCases.map(\.rawValue)]
        let kinds: [String: Any] = ["type": "string", "enum": UnitKind.allCases.map(\.rawValue)]
        let locales: [String: Any] = ["type": "string", "enum": AppLocale.allCases.map(\.rawValue)]
        return [
            "Object": ["type": "object"],
            "Problem": obj(
                [
                    "type": str, "title": str, "status": ["type": "integer"], "code": str, "detail": str,
                    "instance": str, "request_id": str,
                    "errors": [
                        "type": "array",
                        "items": obj(
                            ["field": str, "row": ["type": ["integer", "null"]], "message": str, "code": str],
                            required: ["field", "message", "code"]),
                    ],
                ],
                required: ["type", "title", "status", "code", "detail"]),
            "Me": obj(["id": uuid, "username": str, "role": roles, "unit_id": uuid, "locale": locales], required: ["username", "role", "locale"]),
            "Unit": obj(
                ["id": uuid, "code": str, "name": str, "kind": kinds, "parent_id": ["type": ["string", "null"], "format": "uuid"], "path": str],
                required: ["id", "code", "name", "kind", "path"]),
            "UnitCreate": obj(["code": code, "name": name(200), "kind": kinds, "parent_id": uuid], required: ["code", "name", "kind", "parent_id"]),
            "UnitPatch": obj(["code": nullable(code), "name": nullable(name(200))], required: []),
            "UnitPage": page("Unit"),
            "User": obj(
                [
                    "id": uuid, "username": str, "full_name": str, "role": roles, "unit_id": uuid,
                    "locale": ["type": ["string", "null"]], "is_disabled": ["type": "boolean"],
                    "last_login_at": ["type": ["string", "null"], "format": "date-time"],
                ],
                required: ["id", "username", "full_name", "role", "unit_id", "is_disabled"]),
            "UserCreate": obj(
                [
                    "username": ["type": "string", "pattern": "^[a-z0-9._-]{3,40}$"], "full_name": name(200),
                    "password": [
                        "type": "string", "minLength": AccountRules.minPasswordLength, "maxLength": AccountRules.maxPasswordBytes,
                        "description": "at least \(AccountRules.minPasswordLength) characters and at most \(AccountRules.maxPasswordBytes) bytes of UTF-8",
                    ],
                    "role": roles, "unit_id": uuid, "locale": locales,
                ],
                required: ["username", "full_name", "password", "role", "unit_id"]),
            "UserPage": page("User"),
            "AuditEntry": obj(
                [
                    "seq": ["type": "integer"], "at": ["type": "string", "format": "date-time"], "actor_name": str,
                    "action": str, "entity": str, "entity_id": str, "before": ["type": ["string", "null"]],
                    "after": ["type": ["string", "null"]], "hash": str,
                ],
                required: ["seq", "at", "actor_name", "action", "entity", "entity_id", "hash"]),
            "AuditPage": page("AuditEntry"),
            "Person": obj(
                [
                    "id": uuid, "full_name": str, "gender": ["type": "string", "enum": Gender.allCases.map(\.rawValue)],
                    "birth": ["type": "string", "description": "YYYY-MM-DD, or YYYY when only the year is known"],
                    "national_id": ["type": ["string", "null"]], "ethnicity": ["type": ["string", "null"]], "phone": ["type": ["string", "null"]],
                    "disability": ["type": "string", "enum": DisabilityLevel.allCases.map(\.rawValue)],
                    "disability_certificate_date": nullableDate,
                    "has_pension": ["type": "boolean"], "has_merit": ["type": "boolean"],
                    "death_date": nullableDate,
                    "hiv": ["type": ["boolean", "null"], "description": "only for roles allowed to see it; reading it is audited"],
                ],
                required: ["id", "full_name", "gender", "birth", "disability", "has_pension", "has_merit"]),
            "PersonPage": page("Person"),
            "Household": obj(
                [
                    "id": uuid, "code": str, "commune_id": uuid, "group_id": ["type": ["string", "null"], "format": "uuid"],
                    "address": str, "area_type": ["type": "string", "enum": AreaType.allCases.map(\.rawValue)],
                    "phone": ["type": ["string", "null"]], "status": ["type": "string", "enum": HouseholdStatus.allCases.map(\.rawValue)],
                ],
                required: ["id", "code", "commune_id", "address", "area_type", "status"]),
            "HouseholdSummary": obj(
                [
                    "household": ref("Household"), "head_name": ["type": ["string", "null"]], "member_count": ["type": "integer"],
                    "group_name": ["type": ["string", "null"]],
                ], required: ["household", "member_count"]),
            "HouseholdPage": page("HouseholdSummary"),
            "Member": obj(
                [
                    "person": ref("Person"), "role": ["type": "string", "enum": MemberRole.allCases.map(\.rawValue)],
                    "start_date": ["type": "string", "format": "date"], "end_date": ["type": ["string", "null"], "format": "date"],
                    "end_reason": ["type": ["string", "null"]],
                ], required: ["person", "role", "start_date"]),
            "HouseholdDetail": obj(
                [
                    "household": ref("Household"), "members": ["type": "array", "items": ref("Member")],
                    "flags": ["type": "array", "items": ["type": "string", "enum": HouseholdFlag.allCases.map(\.rawValue)]],
                    "as_of": ["type": "string", "format": "date"],
                ], required: ["household", "members", "flags", "as_of"]),
            "PovertyClassifyRequest": obj(
                [
                    "period": [
                        "type": ["integer", "string"], "minimum": PovertyRules.shared.periods.lowerBound,
                        "maximum": PovertyRules.shared.periods.upperBound,
                        "pattern": "^(" + PovertyRules.shared.periods.map(String.init).joined(separator: "|") + ")$",
                        "description": "year, e.g. 2025 or \"2025\"",
                    ],
                    "area_type": ["type": "string", "enum": AreaType.allCases.map(\.rawValue)],
                    "income_per_person": [
                        "type": "integer", "minimum": 0, "maximum": Bounds.amount.upperBound,
                        "description": "đồng per person per month",
                    ],
                    "deprivations": [
                        "type": ["array", "null"],
                        "items": [
                            "type": "string",
                            "enum": Array(Set(PovertyRules.shared.standards.flatMap(\.indicatorCodes))).sorted(),
                        ],
                    ],
                ],
                required: ["period", "area_type", "income_per_person"]),
            "PovertyClassification": obj(
                [
                    "class": ["type": "string", "enum": PovertyClass.allCases.map(\.rawValue)], "standard": str,
                    "standard_title": str, "period": ["type": "integer"], "income_line": ["type": "integer"],
                    "deprivation_count": ["type": "integer"],
                    "reasons": ["type": "array", "items": obj(["code": str, "text": str], required: ["code", "text"])],
                ],
                required: ["class", "standard", "deprivation_count", "reasons"]),
            "AllowanceEvaluateRequest": obj(
                ["month": ["type": "string", "pattern": monthPattern, "description": "YYYY-MM"], "person": ref("PersonFacts")],
                required: ["month", "person"]),
            "PersonFacts": obj(
                [
                    "birth_date": date, "gender": ["type": "string", "enum": Gender.allCases.map(\.rawValue)],
                    "disability_level": ["type": "string", "enum": DisabilityLevel.allCases.map(\.rawValue)],
                    "disability_certificate_date": nullableDate, "hiv": ["type": "boolean"],
                    "household_poverty": ["type": "string", "enum": HouseholdPoverty.allCases.map(\.rawValue)],
                    "area_type": ["type": "string", "enum": AreaType.allCases.map(\.rawValue)], "ethnic_mountain_difficult_area": ["type": "boolean"],
                    "has_pension": ["type": "boolean"], "residence": ["type": "string", "enum": Residence.allCases.map(\.rawValue)],
                    "death_date": nullableDate,
                ].merging(circumstanceProperties) { a, _ in a }, required: ["birth_date"]),
            "AllowanceComponent": obj(
                ["category": str, "coefficient": str, "amount": ["type": "integer"], "payee": ["type": "string", "enum": ["person", "carer", "facility"]]],
                required: ["category", "coefficient", "amount", "payee"]),
            "AllowanceEvaluation": obj(
                [
                    "month": str, "eligible": ["type": "boolean"], "monthly_amount": ["type": "integer"],
                    "components": ["type": "array", "items": ref("AllowanceComponent")],
                    "care_support": ["type": "array", "items": ref("AllowanceComponent")],
                    "reasons": ["type": "array", "items": obj(["code": str, "text": str], required: ["code", "text"])],
                    "rule_set": str, "standard_level": ["type": "integer"],
                ],
                required: ["eligible", "monthly_amount", "components", "care_support", "reasons", "rule_set"]),
            "Done": obj(["ok": ["type": "boolean"]], required: ["ok"]),
            "RecordStatus": obj(["id": uuid, "status": str], required: ["id", "status"]),
            "PasswordChange": obj(
                [
                    "current_password": ["type": "string", "minLength": 1],
                    "new_password": ["type": "string", "minLength": AccountRules.minPasswordLength, "maxLength": AccountRules.maxPasswordBytes],
                ],
                required: ["current_password", "new_password"]),
            "Token": obj(
                [
                    "id": uuid, "name": str, "created_at": ["type": ["string", "null"], "format": "date-time"],
                    "last_used_at": ["type": ["string", "null"], "format": "date-time"],
                    "expires_at": ["type": ["string", "null"], "format": "date-time"],
                    "revoked_at": ["type": ["string", "null"], "format": "date-time"],
                ], required: ["id", "name"]),
            "TokenList": ["type": "array", "items": ref("Token")],
            "TokenCreate": obj(["name": name(100), "user_id": nullable(uuid)], required: ["name"]),
            "NewToken": obj(["token": str, "expires_in_days": ["type": "integer"]], required: ["token", "expires_in_days"]),
            "AuditVerify": obj(
                [
                    "ok": ["type": "boolean"], "entries": ["type": ["integer", "null"]],
                    "broken_seq": ["type": ["integer", "null"]], "reason": ["type": ["string", "null"]],
                ], required: ["ok"]),
        ]
    }

    /// The OpenAPI 3.1 document for every operation.
    static func document() -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for op in operations {
            let template = SiteRoute.api(op.route).template
            var operation: [String: Any] = [
                "summary": op.summary, "tags": [op.tag],
                "operationId": op.method.rawValue.lowercased()
                    + template.replacingOccurrences(of: "/", with: "_")
                    .replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "")
                    .replacingOccurrences(of: ".", with: "_"),
            ]
            var params: [[String: Any]] = op.query.map { ["name": $0.0, "in": "query", "required": false, "schema": $0.1] }
            params += SiteRoute.api(op.route).pathParameters
            if !params.isEmpty { operation["parameters"] = params }
            if let r = op.requestSchema {
                operation["requestBody"] = ["required": !op.requestOptional, "content": [op.requestType: ["schema": ref(r)]]]
            }
            let problem: [String: Any] = ["description": "Problem", "content": ["application/problem+json": ["schema": ref("Problem")]]]
            var responses: [String: Any] = [
                String(op.successStatus): [
                    "description": "OK",
                    "content": Dictionary(uniqueKeysWithValues: op.responseTypes.map { ($0, ["schema": ref(op.responseSchema)]) }),
                ]
            ]
            // 404: a record (or account) named in the path, query or body is unknown or outside
            // the caller's units.
            if !op.isPublic { responses["401"] = problem; responses["403"] = problem; responses["404"] = problem; responses["429"] = problem }
            // A public operation is limited per address (429); a wrong tracking code is not found (404).
            if op.isPublic && op.route != .openapi { responses["404"] = problem; responses["429"] = problem }
            if op.requestSchema != nil || !op.query.isEmpty || template.contains("{") { responses["422"] = problem; responses["400"] = problem }
            if op.requestSchema != nil { responses["413"] = problem; responses["415"] = problem }
            // Any write may meet a rule of the data or a lifecycle step the record has passed.
            if op.method != .GET { responses["409"] = problem }
            responses["405"] = problem
            operation["responses"] = responses
            operation["security"] = op.isPublic ? [] : [["bearer": []]]
            paths[template, default: [:]][op.method.rawValue.lowercased()] = operation
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Ansinh API", "version": AnsinhVersion.current,
                "description":
                    "Social protection records for ward offices and social assistance centres. Errors are RFC 9457 problem JSON with a stable `code`. Send `Accept-Language: vi|en|ar` for messages in that language.",
            ],
            "paths": paths,
            "components": [
                "schemas": schemas,
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer", "description": "Personal token from `ansinh token create`"]],
            ],
        ]
    }

    static func handler(req: Request) async throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: document(), options: [.sortedKeys, .prettyPrinted])
        var headers = HTTPHeaders(); headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
