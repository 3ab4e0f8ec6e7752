import AnsinhCore
import AnsinhStore
import Foundation

/// The houses of the ward's policy families by condition — the unsafe first — with the latest
/// gratitude-house repair of each and the way to propose one (field notes §1, "repair of
/// gratitude houses").
enum PolicyHousesPage: Page {
    struct Row: Sendable {
        let householdID: UUID
        let code: String
        let head: String
        let group: String?
        let categories: [MeritCategory]
        let condition: HouseCondition?
        let workID: UUID?
        let workStatus: WorkLifecycle.State?
        let repairedOn: String?
        init(_ h: PolicyHouse) {
            householdID = h.householdID; code = h.householdCode; head = h.headName; group = h.groupName; categories = h.categories
            condition = h.condition; workID = h.workID; workStatus = h.workStatus; repairedOn = h.repairedOn
        }
    }

    struct Model: Sendable {
        let rows: [Row]
        let condition: HouseCondition?
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("works.policy_houses") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            H.el(.p, [], [H.link(ctx.t("works.title"), SiteRoute.works.path)]),
            H.el(.p, [("class", "lead")], [.text(ctx.t("works.policy_houses_intro"))]),
            H.form(
                ctx, action: SiteRoute.policyHouses.path, method: "get", classes: "filters",
                [
                    H.select(
                        ctx, name: "condition", label: ctx.t("works.house_condition"),
                        options: [("", ctx.t("livelihood.all"))] + HouseCondition.allCases.map { ($0.rawValue, ctx.t("works.condition.\($0.rawValue)")) },
                        selected: m.condition?.rawValue ?? ""),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.table(
                caption: ctx.t("works.policy_houses"),
                headers: [
                    ctx.t("field.household_code"), ctx.t("registry.head"), ctx.t("field.residential_group"), ctx.t("works.merit"),
                    ctx.t("works.house_condition"), ctx.t("works.repair"),
                ],
                rows: m.rows.map { r in
                    [
                        H.link(r.code, SiteRoute.household(r.householdID).path), .text(r.head), .text(r.group ?? "—"),
                        .text(r.categories.map { ctx.t("merit.\($0.rawValue)") }.joined(separator: ", ")),
                        H.el(
                            .span, [("class", r.condition == .unsafe || r.condition == .damaged ? "badge badge-warn" : nil)],
                            [.text(r.condition.map { ctx.t("works.condition.\($0.rawValue)") } ?? ctx.t("works.not_surveyed"))]),
                        r.workID.map { id in
                            H.link(
                                ctx.t("works.status.\(r.workStatus?.rawValue ?? "proposed")") + (r.repairedOn.map { " · " + $0 } ?? ""),
                                SiteRoute.work(id).path)
                        } ?? .text("—"),
                    ]
                }, empty: ctx.t("works.no_policy_houses")),
        ]
    }
}
