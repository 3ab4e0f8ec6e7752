import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// One household of a review as its lists show it.
struct ReviewEntryRow: Sendable, Equatable {
    let id: UUID
    let householdCode: String
    let headName: String?
    let headNationalID: String?
    let address: String
    let groupName: String?
    let origin: EntryOrigin
    let previousClass: PovertyClass?
    let income: Int64?
    let deprivationCount: Int
    let povertyClass: PovertyClass?

    init(_ e: EntryView) {
        id = e.id; householdCode = e.householdCode; headName = e.headName; headNationalID = e.headNationalID; address = e.address
        groupName = e.groupName; origin = e.origin; previousClass = e.previousClass; income = e.income; deprivationCount = e.deprivations.count
        povertyClass = e.povertyClass
    }

    init(
        id: UUID, householdCode: String, headName: String?, headNationalID: String? = nil, address: String = "", groupName: String?,
        origin: EntryOrigin, previousClass: PovertyClass? = nil, income: Int64?, deprivationCount: Int, povertyClass: PovertyClass?
    ) {
        self.id = id; self.householdCode = householdCode; self.headName = headName; self.headNationalID = headNationalID; self.address = address
        self.groupName = groupName; self.origin = origin; self.previousClass = previousClass; self.income = income
        self.deprivationCount = deprivationCount; self.povertyClass = povertyClass
    }
}

/// The households of a review, by residential group and by progress (to survey, surveyed,
/// poor, near-poor).
enum EntriesPage: Page {
    struct Model: Sendable {
        let campaignID: UUID
        let name: CampaignsPage.Name
        let rows: [ReviewEntryRow]
        /// The campaign's residential groups, for the filter.
        let groups: [(id: UUID, name: String)]
        let group: UUID?
        let filter: ReviewRepository.EntryFilter
        let paging: Paging
    }

    /// The query: one page of the campaign's households under the filter.
    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let group = req.query[String.self, at: "group"].flatMap(UUID.init(uuidString:))
        let filter = req.query[String.self, at: "filter"].flatMap(ReviewRepository.EntryFilter.init(rawValue:)) ?? .all
        let repo = ReviewRepository(req.store)
        let (c, groups) = try await repo.campaign(actor, id: id)
        let page = try await repo.entries(actor, campaignID: id, groupID: group, filter: filter, page: req.pageSpec)
        return Model(
            campaignID: c.id, name: CampaignsPage.Name(c), rows: page.items.map(ReviewEntryRow.init),
            groups: groups.compactMap { g in g.groupID.map { (id: $0, name: g.groupName ?? "—") } }, group: group, filter: filter, paging: Paging(page))
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("review.households") + " — " + m.name.text(ctx) }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let query: [(String, String?)] = [("group", m.group?.uuidString), ("filter", m.filter == .all ? nil : m.filter.rawValue)]
        return [
            ReviewParts.nav(ctx),
            H.link("← " + m.name.text(ctx), SiteRoute.reviewCampaign(m.campaignID).path),
            H.form(
                ctx, action: SiteRoute.reviewEntries(m.campaignID).path, method: "get", classes: "filters",
                [
                    H.select(
                        ctx, name: "group", label: ctx.t("unitkind.residential_group"), options: m.groups.map { ($0.id.uuidString, $0.name) },
                        selected: m.group?.uuidString, includeBlank: true),
                    H.select(
                        ctx, name: "filter", label: ctx.t("review.show"),
                        options: ReviewRepository.EntryFilter.allCases.map { ($0.rawValue, ctx.t("review.filter.\($0.rawValue)")) },
                        selected: m.filter.rawValue),
                    H.button(ctx.t("common.filter"), kind: "secondary"),
                ]),
            H.table(
                caption: ctx.t("review.households"),
                headers: [
                    ctx.t("field.household_code"), ctx.t("registry.head"), ctx.t("unitkind.residential_group"), ctx.t("review.origin"),
                    ctx.t("review.previous_class"), ctx.t("field.income_per_person"), ctx.t("review.deprivation_count"), ctx.t("review.class"),
                ],
                rows: m.rows.map { e in
                    [
                        H.link(e.householdCode, SiteRoute.reviewEntry(e.id).path), .text(e.headName ?? "—"), .text(e.groupName ?? "—"),
                        .text(ctx.t("review.origin.\(e.origin.rawValue)")), .text(ReviewParts.className(ctx, e.previousClass)),
                        .text(e.income.map { ctx.money(Dong($0)) } ?? "—"), .text(e.income == nil ? "—" : "\(e.deprivationCount)"),
                        ReviewParts.classBadge(ctx, e.povertyClass),
                    ]
                }, empty: ctx.t("review.no_households")),
            H.pager(ctx, m.paging) { SiteRoute.reviewEntries(m.campaignID).path(query: query + [("page", String($0))]) },
        ]
    }
}
