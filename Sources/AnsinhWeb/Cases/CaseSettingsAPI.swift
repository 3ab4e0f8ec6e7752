import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The API twin of the case deadline settings.
struct CaseSettingsAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.caseSettings), use: list)
        api.post(.api(.caseSettings), use: set)
    }

    struct SettingDTO: Content { let name: String; let defaultValue: Int; let value: Int; let changedBy: String? }
    struct SettingChange: Content { let name: String; let value: Int }

    func list(req: Request) async throws -> APIJSON<[SettingDTO]> {
        let a = try req.requireActor()
        return APIJSON(
            try await CaseSettingsRepository(req.store).list(a).map {
                SettingDTO(name: $0.name, defaultValue: $0.defaultValue, value: $0.value, changedBy: $0.changedBy)
            })
    }

    func set(req: Request) async throws -> APIJSON<[SettingDTO]> {
        let a = try req.requireActor()
        let b = try req.json(SettingChange.self)
        try await CaseSettingsRepository(req.store).set(a, name: b.name, value: b.value)
        return try await list(req: req)
    }

    static var operations: [APIOperation] {
        [
            APIOperation(
                .GET, .caseSettings, "The case deadlines by risk level (hours), their defaults and who changed them", tag: "cases",
                response: "CaseSettingList"),
            APIOperation(
                .POST, .caseSettings, "Change a case deadline within 1–720 hours (national administrators); audited", tag: "cases",
                request: "CaseSettingChange", response: "CaseSettingList"),
        ]
    }

    static var schemas: [String: Any] {
        let hours: [String: Any] = ["type": "integer", "minimum": CaseDeadlines.range.lowerBound, "maximum": CaseDeadlines.range.upperBound]
        return [
            "CaseSettingList": [
                "type": "array",
                "items": OpenAPI.obj(
                    [
                        "name": ["type": "string", "enum": CaseDeadlines.names], "default_value": hours, "value": hours,
                        "changed_by": ["type": ["string", "null"]],
                    ], required: ["name", "default_value", "value"]),
            ],
            "CaseSettingChange": OpenAPI.request(["name": ["type": "string", "enum": CaseDeadlines.names], "value": hours], required: ["name", "value"]),
        ]
    }
}
