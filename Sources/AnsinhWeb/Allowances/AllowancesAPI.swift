import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// `POST /api/v1/allowances/evaluate`: what a person is entitled to in a month, from facts,
/// with the reasons (a pure calculation: nothing is stored, every signed-in role may use it);
/// a person's dated circumstances (`PUT`/`GET /persons/{id}/facts`) and the evaluation from
/// what is stored (`GET /persons/{id}/allowance`).
struct AllowancesAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.post(.api(.allowancesEvaluate), use: evaluate)
        api.on(.PUT, SiteRoute.api(.personFacts(nil)).pattern, use: recordFacts)
        api.get(.api(.personFacts(nil)), use: facts)
        api.get(.api(.personAllowance(nil)), use: allowance)
    }

    struct ComponentDTO: Content { let category: String; let coefficient: String; let amount: Int64; let payee: String }
    struct EvaluationDTO: Content {
        let month: String
        let eligible: Bool
        let monthlyAmount: Int64
        let components: [ComponentDTO]
        let careSupport: [ComponentDTO]
        let reasons: [ReasonDTO]
        let ruleSet: String
        let standardLevel: Int64
        /// Only from stored facts: what could not be read and was taken as not applying.
        var missingFacts: [String]? = nil
        var assumed: [String]? = nil

        init(_ r: AllowanceEvaluation, _ req: Request) {
            func dto(_ c: AllowanceComponent) -> ComponentDTO {
                ComponentDTO(category: c.category, coefficient: c.coefficient.description, amount: c.amount, payee: c.payee)
            }
            month = r.month.iso; eligible = r.eligible; monthlyAmount = r.monthlyAmount; components = r.components.map(dto)
            careSupport = r.careSupport.map(dto); reasons = r.reasons.map { ReasonDTO($0, req) }; ruleSet = r.ruleSet; standardLevel = r.standardLevel
        }
    }

    struct Body: Decodable {
        let month: String
        let person: PersonFacts
    }

    /// Names a decoding error's path (`person.parents.0.status`) in a 422.
    static func decoding<T>(_ make: () throws -> T) throws -> T {
        func name(_ path: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            (path + (last.map { [$0] } ?? [])).map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        do { return try make() } catch let DecodingError.keyNotFound(key, ctx) {
            throw AppError.invalid(name(ctx.codingPath, key), "validation.required")
        } catch let DecodingError.typeMismatch(_, ctx), let DecodingError.valueNotFound(_, ctx) {
            throw AppError.invalid(name(ctx.codingPath), "validation.type")
        } catch let DecodingError.dataCorrupted(ctx) { throw AppError.invalid(ctx.codingPath.isEmpty ? "body" : name(ctx.codingPath), "validation.type") }
    }

    /// Decodes the body; a missing or wrong field is a 422 naming it (`person.parents.0.status`).
    static func decode(_ req: Request) throws -> (YearMonth, PersonFacts) {
        guard let data = req.body.data else { throw AppError.invalid("body", "validation.body_required") }
        let body = try decoding { try JSONDecoder().decode(Body.self, from: data) }
        guard let month = YearMonth(iso: body.month) else { throw AppError.invalid("month", "validation.type") }
        return (month, body.person)
    }

    func evaluate(req: Request) async throws -> APIJSON<EvaluationDTO> {
        _ = try req.requireActor()
        let (month, facts) = try Self.decode(req)
        let r: AllowanceEvaluation
        do {
            r = try AllowanceEngine(rules: try await RuleSettingsRepository(req.store).allowanceRules()).evaluate(facts, month: month)
        } catch AppError.validation(let list) {
            // Fact errors name the field inside `person`.
            throw AppError.validation(list.map { $0.field == "month" ? $0 : FieldError(field: "person." + $0.field, message: $0.message, row: $0.row) })
        }
        return APIJSON(EvaluationDTO(r, req))
    }

    // MARK: stored circumstances

    struct FactsRecordDTO: Content {
        let id: UUID
        let personId: UUID
        let validFrom: String
        let sourceDocument: String?
        let recordedBy: String
        let recordedAt: Date?
        let facts: PersonCircumstances

        init(_ v: PersonFactVersion) {
            id = v.id; personId = v.personID; validFrom = v.validFrom.iso; sourceDocument = v.sourceDocument; recordedBy = v.recordedBy
            recordedAt = v.at; facts = v.circumstances
        }
        enum CodingKeys: String, CodingKey { case id, personId, validFrom, sourceDocument, recordedBy, recordedAt, facts }
    }
    struct FactsHistoryDTO: Content { let items: [FactsRecordDTO] }

    /// The facts the registry keeps (edited on the person or household, not here).
    static let registryFacts: Set = [
        "birth_date", "gender", "disability_level", "disability_certificate_date", "hiv", "household_poverty", "area_type",
        "ethnic_mountain_difficult_area", "has_pension", "residence", "death_date",
    ]
    static let nullable: Set = ["monthly_social_insurance_amount", "source_document"]

    /// `PUT /persons/{id}/facts`: the circumstances in force from `valid_from` (the same names
    /// as the evaluate request); a fact the registry keeps is refused by name, as is a null where
    /// the schema allows none.
    func recordFacts(req: Request) async throws -> APIJSON<FactsRecordDTO> {
        let actor = try req.requireActor()
        try actor.require(.manageAllowances)
        let id = try req.idParameter()
        guard let data = req.body.data else { throw AppError.invalid("body", "validation.body_required") }
        guard let object = (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) as? [String: Any] else {
            throw AppError.invalid("body", "validation.type")
        }
        var errors: [FieldError] = []
        for key in object.keys.sorted() {
            if Self.registryFacts.contains(key) {
                errors.append(FieldError(field: key, message: Message("facts.error.registry_fact")))
            } else if object[key] is NSNull && !Self.nullable.contains(key) {
                errors.append(FieldError(field: key, message: Message("validation.type")))
            }
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        guard let validFrom = object["valid_from"] as? String else {
            throw AppError.invalid("valid_from", object["valid_from"] == nil ? "validation.required" : "validation.type")
        }
        if let s = object["source_document"], !(s is String || s is NSNull) { throw AppError.invalid("source_document", "validation.type") }
        let circumstances = try Self.decoding { try JSONDecoder().decode(PersonCircumstances.self, from: data) }
        let v = try await PersonFactsRepository(req.store).record(
            actor, personID: id, validFrom: validFrom, sourceDocument: object["source_document"] as? String ?? "", circumstances: circumstances)
        return APIJSON(FactsRecordDTO(v))
    }

    func facts(req: Request) async throws -> APIJSON<FactsHistoryDTO> {
        let actor = try req.requireActor()
        return APIJSON(
            FactsHistoryDTO(items: try await PersonFactsRepository(req.store).versions(actor, personID: try req.idParameter()).map(FactsRecordDTO.init)))
    }

    /// `GET /persons/{id}/allowance?month=YYYY-MM` (this month when left out): the evaluation
    /// from stored facts, the same shape as the evaluate answer, plus what is missing.
    func allowance(req: Request) async throws -> APIJSON<EvaluationDTO> {
        let actor = try req.requireActor()
        try actor.require(.viewAllowances)
        let id = try req.idParameter()
        let month: YearMonth
        if let raw = req.query[String.self, at: "month"] {
            guard let m = YearMonth(iso: raw) else { throw AppError.invalid("month", "allowance.error.month") }
            month = m
        } else {
            month = req.today.yearMonth
        }
        let r = try await AllowanceFactsRepository(req.store).evaluate(actor, personID: id, month: month)
        var dto = EvaluationDTO(r.evaluation, req)
        dto.missingFacts = r.missingFacts; dto.assumed = r.assumed
        return APIJSON(dto)
    }

    static var operations: [APIOperation] {
        [
            APIOperation(
                .PUT, .personFacts(nil), "Record a person's circumstances in force from a day (a record of the same day is replaced)", tag: "allowances",
                request: "PersonFactsWrite", response: "PersonFactsRecord"),
            APIOperation(.GET, .personFacts(nil), "A person's recorded circumstances, newest first", tag: "allowances", response: "PersonFactsHistory"),
            APIOperation(
                .GET, .personAllowance(nil), "A person's allowance for a month from the stored facts, with what is missing", tag: "allowances",
                query: [("month", ["type": "string", "pattern": OpenAPI.monthPattern])], response: "PersonAllowance"),
        ]
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"]
        return [
            "PersonFactsWrite": OpenAPI.obj(
                OpenAPI.circumstanceProperties.merging([
                    "valid_from": OpenAPI.date,
                    "source_document": ["type": ["string", "null"], "maxLength": PersonFactsRepository.maxSource],
                ]) { a, _ in a }, required: ["valid_from"]),
            "PersonFactsRecord": OpenAPI.obj(
                [
                    "id": ["type": "string", "format": "uuid"], "person_id": ["type": "string", "format": "uuid"], "valid_from": str,
                    "source_document": ["type": ["string", "null"]], "recorded_by": str, "recorded_at": ["type": ["string", "null"]],
                    "facts": OpenAPI.obj(OpenAPI.circumstanceProperties, required: []),
                ], required: ["id", "person_id", "valid_from", "recorded_by", "facts"]),
            "PersonFactsHistory": OpenAPI.obj(["items": ["type": "array", "items": OpenAPI.ref("PersonFactsRecord")]], required: ["items"]),
            "PersonAllowance": [
                "allOf": [
                    OpenAPI.ref("AllowanceEvaluation"),
                    OpenAPI.obj(
                        ["missing_facts": ["type": "array", "items": str], "assumed": ["type": "array", "items": str]],
                        required: ["missing_facts", "assumed"]),
                ]
            ],
        ]
    }
}
