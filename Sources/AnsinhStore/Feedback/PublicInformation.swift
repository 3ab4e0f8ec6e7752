import AnsinhCore
import FluentKit
import Foundation

/// The support regimes as a ward's residents read them: each line's amount worked out for this
/// month under the rules of the ward's province, and the working days the ward takes to answer.
public struct SupportGuideView: Sendable {
    public struct RegimeView: Sendable {
        public let regime: SupportGuide.Regime
        public let amounts: [SupportGuide.Amount]
        /// Working days to answer a request of the regime's kind (the office's setting or the file's).
        public let answerDays: Int
    }
    /// The ward (nil only when Ansinh has no ward yet: the national rules are shown).
    public let wardCode: String?
    public let wardName: String?
    public let month: YearMonth
    public let standardLevel: AllowanceRules.Level?
    public let socialPension: AllowanceRules.Level?
    public let regimes: [RegimeView]
}

/// A poverty review's list while it is posted for objections (Decision 24/2021/QĐ-TTg Art. 4(4); the posting
/// step of `CampaignLifecycle`).
public struct PostingView: Sendable, Equatable {
    public let campaignID: UUID
    public let kind: CampaignKind
    public let year: Int
    public let month: Int
    public let period: Int
    public let start: LocalDate
    public let end: LocalDate
}

/// One household of a posted list as the public sees it: the head's name, the national ID with
/// its middle digits hidden, the residential group and the class — no address, income or score.
public struct PostedHousehold: Sendable, Equatable {
    public let headName: String
    public let maskedID: String
    public let groupName: String?
    public let povertyClass: PovertyClass
}

public struct PostingsView: Sendable {
    public let wardCode: String?
    public let wardName: String?
    public let postings: [PostingView]
    public let rows: ResultPage<PostedHousehold>
}

/// The public information of a ward (no account): the support regimes explained, and the lists
/// the law requires to be posted, only while their posting is open.
public struct PublicInformationRepository: Sendable {
    let store: Store
    let guide: SupportGuide
    public init(_ store: Store, guide: SupportGuide = .shared) { self.store = store; self.guide = guide }

    /// The ward by its code; with no code, the first ward by name (an office with one ward).
    /// An unknown code is refused naming the field; with no ward at all, nil.
    func ward(_ code: String?) async throws -> OrgUnitModel? {
        let c = (code ?? "").trimmingCharacters(in: .whitespaces)
        if c.unicodeScalars.count > 50 { throw AppError.invalid("ward", "request.error.unit") }
        let q = OrgUnitModel.query(on: store.db).filter(\.$kind == UnitKind.commune.rawValue)
        if c.isEmpty { return try await q.sort(\.$name).first() }
        guard let w = try await q.filter(\.$code == c).first() else { throw AppError.invalid("ward", "request.error.unit") }
        return w
    }

    /// The regimes with this month's amounts for the ward's province.
    public func guide(wardCode: String?, today: LocalDate) async throws -> SupportGuideView {
        let w = try await ward(wardCode)
        let settings = RuleSettingsRepository(store)
        let rules: AllowanceRules
        if let w { rules = try await settings.allowanceRules(forPath: w.path) } else { rules = try await settings.allowanceRules() }
        let overrides = try await RequestDeadlineRepository.overrides(on: store.db)
        let month = today.yearMonth
        let regimes = guide.regimes.map { r in
            SupportGuideView.RegimeView(
                regime: r, amounts: guide.amounts(r, rules: rules, month: month),
                answerDays: overrides[r.requestKind] ?? RequestRules.shared.workingDays[r.requestKind] ?? 10)
        }
        return SupportGuideView(
            wardCode: w?.code, wardName: w?.name, month: month, standardLevel: rules.standardLevel(month), socialPension: rules.socialPension(month),
            regimes: regimes)
    }

    /// The ward's poverty-review lists posted today, poor then near-poor by residential group.
    public func postings(wardCode: String?, today: LocalDate, page: PageSpec) async throws -> PostingsView {
        guard let w = try await ward(wardCode) else {
            return PostingsView(wardCode: nil, wardName: nil, postings: [], rows: ResultPage(items: [], request: page, total: 0))
        }
        let campaigns = try await ReviewCampaignModel.query(on: store.db).filter(\.$communeID == w.id!).filter(\.$step == CampaignStep.posting.rawValue)
            .filter(\.$postingStart <= today.iso).filter(\.$postingEnd >= today.iso).sort(\.$year).all()
        let postings = campaigns.compactMap { c -> PostingView? in
            guard let start = c.postingStart.flatMap(LocalDate.init(iso:)), let end = c.postingEnd.flatMap(LocalDate.init(iso:)),
                let kind = CampaignKind(rawValue: c.kind)
            else { return nil }
            return PostingView(campaignID: c.id!, kind: kind, year: c.year, month: c.month, period: c.period, start: start, end: end)
        }
        guard !campaigns.isEmpty else {
            return PostingsView(wardCode: w.code, wardName: w.name, postings: [], rows: ResultPage(items: [], request: page, total: 0))
        }
        let q = ReviewEntryModel.query(on: store.db).filter(\.$campaignID ~~ campaigns.map { $0.id! })
            .filter(\.$povertyClass ~~ [PovertyClass.poor.rawValue, PovertyClass.nearPoor.rawValue])
        let total = try await q.count()
        let models = try await q.sort(\.$povertyClass, .descending).sort(\.$groupID).sort(\.$id).range(page.offset..<(page.offset + page.perPage)).all()
        // Each campaign's households are read in one go (heads, groups), then put back in order.
        let byCampaign = Dictionary(campaigns.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let review = ReviewRepository(store)
        var views: [UUID: EntryView] = [:]
        for (id, ms) in Dictionary(grouping: models, by: \.campaignID) {
            guard let c = byCampaign[id] else { continue }
            for v in try await review.entryViews(ms, campaign: c, on: store.db) { views[v.id] = v }
        }
        let rows = models.compactMap { m -> PostedHousehold? in
            guard let e = views[m.id!], let cls = e.povertyClass else { return nil }
            return PostedHousehold(
                headName: e.headName ?? "—", maskedID: e.headNationalID.map(NationalID.masked) ?? "—", groupName: e.groupName, povertyClass: cls)
        }
        return PostingsView(wardCode: w.code, wardName: w.name, postings: postings, rows: ResultPage(items: rows, request: page, total: total))
    }
}
