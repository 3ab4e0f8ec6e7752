import AnsinhCore
import AnsinhStore
import Vapor

/// The poverty calculator over the JSON API: `POST /api/v1/poverty/classify`. A pure
/// calculation on the submitted facts; nothing is stored, so every signed-in role may use it.
/// And the review's national settings (posting days, the hardship highlight threshold…).
struct ReviewAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.post(.api(.povertyClassify), use: classify)
        api.get(.api(.reviewSettings), use: settings)
        api.post(.api(.reviewSettings), use: setSetting)
    }

    struct SettingDTO: Content { let name: String; let defaultValue: Int; let value: Int; let min: Int; let max: Int; let changedBy: String? }
    struct SettingChange: Content { let name: String; let value: Int }

    func settings(req: Request) async throws -> APIJSON<[SettingDTO]> {
        let list = try await ReviewSettingsRepository(req.store).list(try req.requireActor())
        return APIJSON(
            list.map {
                SettingDTO(
                    name: $0.name, defaultValue: $0.defaultValue, value: $0.value, min: $0.range.lowerBound, max: $0.range.upperBound, changedBy: $0.changedBy)
            })
    }

    /// Changes one setting within its range (national administrators only), as the page does.
    func setSetting(req: Request) async throws -> APIJSON<[SettingDTO]> {
        let a = try req.requireActor()
        guard a.role == .systemAdmin else { throw AppError.forbidden }
        let b = try req.json(SettingChange.self)
        try await ReviewSettingsRepository(req.store).set(a, name: b.name, value: b.value)
        return try await settings(req: req)
    }

    static var operations: [APIOperation] {
        [
            APIOperation(.GET, .reviewSettings, "The review's settings, their ranges and who changed them", tag: "review", response: "ReviewSettingList"),
            APIOperation(
                .POST, .reviewSettings, "Change a review setting within its range (national administrators)", tag: "review", request: "ReviewSettingChange",
                response: "ReviewSettingList"),
        ]
    }

    static var schemas: [String: Any] {
        let int: [String: Any] = ["type": "integer"]
        return [
            "ReviewSetting": OpenAPI.obj(
                ["name": ["type": "string"], "default_value": int, "value": int, "min": int, "max": int, "changed_by": ["type": ["string", "null"]]],
                required: ["name", "default_value", "value", "min", "max"]),
            "ReviewSettingList": ["type": "array", "items": OpenAPI.ref("ReviewSetting")],
            "ReviewSettingChange": OpenAPI.request(
                ["name": ["type": "string", "enum": ReviewSettings.names.map(\.name)], "value": int], required: ["name", "value"]),
        ]
    }

    /// `period` is accepted as "2025" or 2025.
    struct ClassifyRequest: Decodable {
        let period: Int
        let areaType: String
        let incomePerPerson: Int64
        let deprivations: [String]
        enum CodingKeys: String, CodingKey { case period, areaType, incomePerPerson, deprivations }
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            if let n = try? c.decode(Int.self, forKey: .period) {
                period = n
            } else {
                let s = try c.decode(String.self, forKey: .period)
                guard let n = Int(s.trimmingCharacters(in: .whitespaces)) else {
                    throw DecodingError.dataCorruptedError(forKey: .period, in: c, debugDescription: "not a year")
                }
                period = n
            }
            areaType = try c.decode(String.self, forKey: .areaType)
            incomePerPerson = try c.decode(Int64.self, forKey: .incomePerPerson)
            deprivations = try c.decodeIfPresent([String].self, forKey: .deprivations) ?? []
        }
    }

    struct ClassifyResponse: Content {
        let `class`: String
        let standard: String
        let standardTitle: String
        let period: Int
        let incomeLine: Int64
        let deprivationCount: Int
        let reasons: [ReasonDTO]
    }

    func classify(req: Request) async throws -> APIJSON<ClassifyResponse> {
        _ = try req.requireActor()
        let body = try req.json(ClassifyRequest.self)
        guard let area = AreaType(rawValue: body.areaType) else { throw AppError.invalid("area_type", "validation.choice") }
        guard Bounds.amount.contains(body.incomePerPerson) else {
            throw AppError.invalid("income_per_person", "validation.range", ["min": "0", "max": "\(Bounds.amount.upperBound)"])
        }
        let result = try PovertyRules.shared.classify(
            PovertySurvey(
                period: body.period, area: area, incomePerPerson: body.incomePerPerson,
                deprivations: Set(body.deprivations)))
        return APIJSON(
            ClassifyResponse(
                class: result.povertyClass.rawValue, standard: result.standard.id, standardTitle: result.standard.title,
                period: body.period, incomeLine: result.standard.incomeLine.value(area),
                deprivationCount: result.deprivationCount,
                reasons: result.reasons.map { ReasonDTO($0, req) }))
    }
}
