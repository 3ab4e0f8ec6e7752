import AnsinhCore
import FluentKit
import FluentSQL
import Foundation
import SQLKit

/// The one way in to the review: campaigns, surveys, classification, meetings, posting,
/// objections, decisions, certificates, hardship alerts and difficult circumstances.
public struct ReviewRepository: Sendable {
    let store: Store
    public let rules: PovertyRules
    /// Settings given by the caller (tests); otherwise those an administrator set.
    let settingsOverride: ReviewSettings?
    public init(_ store: Store, rules: PovertyRules = .shared, settings: ReviewSettings? = nil) {
        self.store = store; self.rules = rules; self.settingsOverride = settings
    }

    /// The review settings in force.
    public func settings(on db: (any Database)? = nil) async throws -> ReviewSettings {
        if let settingsOverride { return settingsOverride }
        return try await ReviewSettingsRepository(store).current(on: db)
    }

    public static let batchSize = 5000

    // MARK: Campaigns

    func campaignModel(_ actor: Actor, _ id: UUID, on db: any Database) async throws -> ReviewCampaignModel {
        // The commune's campaign is visible to the commune and above, and to accounts bound to
        // one of its residential groups (who then see only their group's households).
        try await store.scoped(ReviewCampaignModel.self, id, actor, on: db)
    }

    /// A group-bound account (e.g. a residential-group leader) works on its group's entries only.
    func entryScope(_ actor: Actor) -> String { actor.scopePath }

    func view(_ c: ReviewCampaignModel, on db: any Database) async throws -> CampaignView {
        let name = try await OrgUnitModel.find(c.communeID, on: db)?.name ?? "—"
        return CampaignView(c, communeName: name)
    }

    public func campaigns(_ actor: Actor, page: PageSpec) async throws -> ResultPage<CampaignView> {
        try actor.require(.viewReview)
        // Campaigns are few (one a year and one a month per commune): filtered here by scope.
        let list = try await ReviewCampaignModel.query(on: store.db).sort(\.$year, .descending).sort(\.$month, .descending).all()
            .filter { actor.reaches(ReviewCampaignModel.self, $0.unitPath) }
        let slice = list.dropFirst(page.offset).prefix(page.perPage)
        var views: [CampaignView] = []
        for c in slice { views.append(try await view(c, on: store.db)) }
        return ResultPage(items: views, request: page, total: list.count)
    }

    public func createCampaign(_ actor: Actor, _ input: CampaignInput, today: LocalDate) async throws -> CampaignView {
        try actor.require(.manageReview)
        var errors: [FieldError] = []
        let kind = CampaignKind(rawValue: input.kind)
        if kind == nil { errors.append(FieldError(field: "campaign_kind", message: Message("validation.choice"))) }
        if input.communeID == nil { errors.append(FieldError(field: "commune_id", message: Message("validation.required"))) }
        guard let year = input.year, (2000...2100).contains(year) else {
            throw AppError.validation(errors + [FieldError(field: "year", message: Message("review.error.year"))])
        }
        var month = 0
        if kind == .continuous {
            guard let m = input.month, (1...12).contains(m) else {
                throw AppError.validation(errors + [FieldError(field: "month", message: Message("review.error.month"))])
            }
            month = m
        }
        let period = input.period ?? year
        guard let standard = rules.standard(for: period) else {
            throw AppError.validation(errors + rules.validate(period: period, deprivations: [], income: nil))
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let month0 = month
        return try await store.write(actor) { tx, audit in
            let month = month0
            guard let commune = try await store.reachable(OrgUnitModel.self, input.communeID!, actor, on: tx),
                commune.kind == UnitKind.commune.rawValue
            else { throw AppError.invalid("commune_id", "validation.parent_not_found") }
            if try await ReviewCampaignModel.query(on: tx).filter(\.$communeID == commune.id!).filter(\.$year == year)
                .filter(\.$kind == kind!.rawValue).filter(\.$month == month).count() > 0
            {
                throw AppError.conflict(Message("review.error.campaign_exists", ["year": "\(year)"]))
            }
            let c = ReviewCampaignModel()
            c.id = UUID(); c.communeID = commune.id!; c.unitPath = commune.path; c.year = year; c.kind = kind!.rawValue
            c.month = month; c.period = period; c.standardID = standard.id; c.step = CampaignStep.listing.rawValue
            try await c.create(on: tx)
            let v = CampaignView(c, communeName: commune.name)
            audit.add(
                AuditRecord(
                    action: "create", entity: "review_campaign", entityID: c.id!.uuidString, unitID: commune.id,
                    unitPath: commune.path, before: NoValue?.none, after: v))
            return v
        }
    }

    /// The campaign and its progress per residential group.
    public func campaign(_ actor: Actor, id: UUID) async throws -> (CampaignView, [GroupProgress]) {
        try actor.require(.viewReview)
        let c = try await campaignModel(actor, id, on: store.db)
        let s = sql(store.db)
        let rows = try await s.raw(
            """
            SELECT group_id, COUNT(*) AS n, SUM(CASE WHEN income_per_person IS NOT NULL OR class IS NOT NULL THEN 1 ELSE 0 END) AS surveyed,
                   SUM(CASE WHEN class = 'poor' THEN 1 ELSE 0 END) AS poor, SUM(CASE WHEN class = 'near_poor' THEN 1 ELSE 0 END) AS near_poor,
                   SUM(CASE WHEN class = 'middle' THEN 1 ELSE 0 END) AS middle, SUM(CASE WHEN class = 'above_middle' THEN 1 ELSE 0 END) AS above
            FROM review_entries WHERE campaign_id = \(bind: id) AND \(UnitScope.condition("unit_path", actor.scopePath, on: store.db))
            GROUP BY group_id
            """
        ).all()
        let groups = try await OrgUnitModel.query(on: store.db).filter(\.$parentID == c.communeID).all()
        let names = Dictionary(groups.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        let meetings = try await latestMeetings(campaignID: id, on: store.db)
        let objections = try await ReviewObjectionModel.query(on: store.db).filter(\.$campaignID == id).filter(\.$resolvedOn == nil).all()
        let entryGroups =
            try await objections.isEmpty
            ? [:]
            : Dictionary(
                ReviewEntryModel.query(on: store.db).filter(\.$id ~~ objections.map(\.entryID)).all().map { ($0.id!, $0.groupID) },
                uniquingKeysWith: { a, _ in a })
        var out: [GroupProgress] = []
        for r in rows {
            let gid = try r.decodeNil(column: "group_id") ? nil : try r.decode(column: "group_id", as: UUID.self)
            var g = GroupProgress(groupID: gid, groupName: gid.flatMap { names[$0] })
            g.households = try r.decode(column: "n", as: Int.self)
            g.surveyed = try r.decode(column: "surveyed", as: Int?.self) ?? 0
            let counts: [(PovertyClass, String)] = [(.poor, "poor"), (.nearPoor, "near_poor"), (.middle, "middle"), (.aboveMiddle, "above")]
            for (cls, col) in counts { g.byClass[cls] = try r.decode(column: col, as: Int?.self) ?? 0 }
            g.classified = g.byClass.values.reduce(0, +)
            g.meeting = meetings[gid.map { $0.uuidString } ?? ""]
            g.openObjections = objections.filter { entryGroups[$0.entryID] ?? nil == gid }.count
            out.append(g)
        }
        out.sort { ($0.groupName ?? "~") < ($1.groupName ?? "~") }
        return (try await view(c, on: store.db), out)
    }

    /// Which entries of a campaign a list shows.
    public enum EntryFilter: String, CaseIterable, Sendable { case all, todo, surveyed, poor, nearPoor = "near_poor" }

}
