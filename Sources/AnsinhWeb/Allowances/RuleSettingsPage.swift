import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The named allowance rules the policy leaves uncertain (each on or off), their defaults,
/// who changed them, and (for the administrator) the switch of each.
enum RuleSettingsPage: Page {
    struct Row: Sendable, Equatable {
        let name: String
        let note: String
        let defaultValue: Bool
        let value: Bool
        let changedBy: String?
    }

    struct Model: Sendable {
        let rows: [Row]
        let canChange: Bool
    }

    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let list = try await RuleSettingsRepository(req.store).list(actor)
        return Model(
            rows: list.map { Row(name: $0.name, note: $0.note, defaultValue: $0.defaultValue, value: $0.value, changedBy: $0.changedBy) },
            canChange: actor.role == .systemAdmin)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("allowance.rules") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            H.el(.p, [("class", "lead")], [.text(ctx.t("allowance.rules_intro", ["rules": AllowanceRules.shared.title]))]),
            H.table(
                caption: ctx.t("allowance.rules"),
                headers: [ctx.t("field.name"), ctx.t("allowance.rule_note"), ctx.t("allowance.rule_default"), ctx.t("field.value"), ""],
                rows: m.rows.map { r in
                    [
                        H.bdi(r.name), .text(r.note), .text(ctx.t(r.defaultValue ? "common.yes" : "common.no")),
                        .text(ctx.t(r.value ? "common.yes" : "common.no") + (r.changedBy.map { " (\($0))" } ?? "")),
                        m.canChange
                            ? H.form(
                                ctx, action: SiteRoute.ruleSettings.path, classes: "inline",
                                [
                                    H.hidden("name", r.name), r.value ? .empty : H.hidden("value", "on"),
                                    H.button(ctx.t(r.value ? "allowance.rule_turn_off" : "allowance.rule_turn_on"), kind: "secondary"),
                                ]) : .empty,
                    ]
                }, empty: ""),
        ]
    }
}
