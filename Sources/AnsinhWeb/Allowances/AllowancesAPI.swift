import AnsinhCore
import AnsinhStore
import Vapor

/// `POST /api/v1/allowances/evaluate`: what a person is entitled to in a month, from facts,
/// with the reasons. A pure calculation: nothing is stored, every signed-in role may use it.
struct AllowancesAPI {
    func register(api: any RoutesBuilder) {
        api.post(.api(.allowancesEvaluate), use: evaluate)
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
    }

    struct Body: Decodable {
        let month: String
        let person: PersonFacts
    }

    /// Decodes the body; a missing or wrong field is a 422 naming it (`person.parents.0.status`).
    static func decode(_ req: Request) throws -> (YearMonth, PersonFacts) {
        guard let data = req.body.data else { throw AppError.invalid("body", "validation.body_required") }
        func name(_ path: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            (path + (last.map { [$0] } ?? [])).map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        let body: Body
        do { body = try JSONDecoder().decode(Body.self, from: data) } catch let DecodingError.keyNotFound(key, ctx) {
            throw AppError.invalid(name(ctx.codingPath, key), "validation.required")
        } catch let DecodingError.typeMismatch(_, ctx), let DecodingError.valueNotFound(_, ctx) {
            throw AppError.invalid(name(ctx.codingPath), "validation.type")
        } catch let DecodingError.dataCorrupted(ctx) { throw AppError.invalid(ctx.codingPath.isEmpty ? "body" : name(ctx.codingPath), "validation.type") }
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
        func dto(_ c: AllowanceComponent) -> ComponentDTO {
            ComponentDTO(category: c.category, coefficient: c.coefficient.description, amount: c.amount, payee: c.payee)
        }
        return APIJSON(
            EvaluationDTO(
                month: month.iso, eligible: r.eligible, monthlyAmount: r.monthlyAmount, components: r.components.map(dto),
                careSupport: r.careSupport.map(dto), reasons: r.reasons.map { ReasonDTO($0, req) },
                ruleSet: r.ruleSet, standardLevel: r.standardLevel))
    }
}
