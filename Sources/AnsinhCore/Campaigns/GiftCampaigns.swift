import Foundation

/// When a ward hands out gifts: Lunar New Year, War Invalids and Martyrs Day (27 July), the
/// International Day of Older Persons (1 October), the start of the school year, a
/// "zero-đồng supermarket" day, or any other time.
public enum GiftOccasion: String, CaseIterable, Sendable, Codable {
    case tet, july27 = "july_27", october1 = "october_1", schoolYear = "school_year", zeroDongMarket = "zero_dong_market", adHoc = "ad_hoc"
}

/// What a campaign gives: money, goods, a visit, a health check (27 July's periodic check-ups).
public enum GiftKind: String, CaseIterable, Sendable, Codable { case cash, inKind = "in_kind", visit, healthCheck = "health_check" }

/// Who or what one gift goes to.
public enum GiftUnit: String, CaseIterable, Sendable, Codable { case person, household }

/// The categories of people with meritorious service to the revolution and their relatives
/// (Ordinance 02/2020/UBTVQH14 on preferential treatment, Art. 3) that drive gifts, visits and
/// house repairs here; the monthly merit allowance itself is not paid by Ansinh.
public enum MeritCategory: String, CaseIterable, Sendable, Codable {
    case warInvalid = "war_invalid", sickSoldier = "sick_soldier", martyrRelative = "martyr_relative", agentOrange = "agent_orange"
    case resistanceActivist = "resistance_activist", revolutionaryContributor = "revolutionary_contributor", heroicMother = "heroic_mother"
}

/// What a targeting rule may ask for, each read from registry facts on the campaign's day.
public enum GiftCategory: String, CaseIterable, Sendable, Codable {
    /// The household's latest official class.
    case poor, nearPoor = "near_poor"
    /// Any merit record (or the registry's merit flag), and three categories by name.
    case merit, warInvalid = "war_invalid", martyrRelative = "martyr_relative", agentOrange = "agent_orange"
    /// 80 or older on the day (a year-only birth counts from 1 January, as everywhere).
    case elderly80 = "elderly_80"
    /// A severe or especially severe disability.
    case severeDisability = "severe_disability"
    /// Under 16 in a poor or near-poor household.
    case childInPoorHousehold = "child_poor"
    /// A pupil on a school's support list for the school year of the campaign's day (a fee
    /// waiver or the learning-cost support the school did not refuse): books at the start of
    /// the school year go to the children the ward supports.
    case supportedPupil = "supported_pupil"
    /// Everyone on the registry (a zero-đồng supermarket day open to all).
    case everyone
}

/// A person's facts as targeting reads them.
public struct GiftFacts: Sendable, Equatable {
    public var birth: BirthDate?
    public var disability: DisabilityLevel
    public var hasMerit: Bool
    public var merit: Set<MeritCategory>
    /// The latest official class of the person's household.
    public var householdClass: PovertyClass?
    /// On a school's support list for the school year of the day (`GiftCategory.supportedPupil`).
    public var supportedPupil = false
    public init(birth: BirthDate?, disability: DisabilityLevel, hasMerit: Bool, merit: Set<MeritCategory>, householdClass: PovertyClass?) {
        self.birth = birth; self.disability = disability; self.hasMerit = hasMerit; self.merit = merit; self.householdClass = householdClass
    }
}

/// A campaign's targeting rule, kept as data (JSON on the campaign): the categories any of which
/// qualifies, whether a gift goes to each person or to each household (a household qualifies
/// when one member does), and optionally the residential groups it is limited to.
public struct GiftRule: Codable, Sendable, Equatable {
    public var any: [GiftCategory]
    public var per: GiftUnit
    public var groups: [UUID]?
    public init(any: [GiftCategory], per: GiftUnit, groups: [UUID]? = nil) { self.any = any; self.per = per; self.groups = groups }

    public var json: String {
        let e = JSONEncoder()
        e.outputFormatting = .sortedKeys
        return String(decoding: try! e.encode(self), as: UTF8.self)
    }
    public init?(json: String) {
        guard let r = try? JSONDecoder().decode(GiftRule.self, from: Data(json.utf8)), !r.any.isEmpty else { return nil }
        self = r
    }
}

public enum GiftTargeting {
    /// Every category a person falls in on `day`.
    public static func categories(_ f: GiftFacts, on day: LocalDate) -> Set<GiftCategory> {
        var out: Set<GiftCategory> = [.everyone]
        if f.householdClass == .poor { out.insert(.poor) }
        if f.householdClass == .nearPoor { out.insert(.nearPoor) }
        if f.hasMerit || !f.merit.isEmpty { out.insert(.merit) }
        if f.merit.contains(.warInvalid) || f.merit.contains(.sickSoldier) { out.insert(.warInvalid) }
        if f.merit.contains(.martyrRelative) { out.insert(.martyrRelative) }
        if f.merit.contains(.agentOrange) { out.insert(.agentOrange) }
        if let b = f.birth {
            let age = b.age(on: day)
            if age >= 80 { out.insert(.elderly80) }
            if age < 16 && (f.householdClass == .poor || f.householdClass == .nearPoor) { out.insert(.childInPoorHousehold) }
        }
        if f.disability == .severe || f.disability == .especiallySevere { out.insert(.severeDisability) }
        if f.supportedPupil { out.insert(.supportedPupil) }
        return out
    }

    /// Why a person qualifies under `rule`: the rule's categories they fall in, in the rule's
    /// order (empty: they do not).
    public static func reasons(_ rule: GiftRule, _ f: GiftFacts, on day: LocalDate) -> [GiftCategory] {
        let mine = categories(f, on: day)
        return rule.any.filter(mine.contains)
    }
}

/// A gift campaign: open while its list is made and gifts handed out, then closed (nothing more
/// is handed out; the report keeps it).
public enum GiftCampaignLifecycle: Lifecycle {
    public enum State: String, CaseIterable, Sendable, Codable { case open, closed }
    public enum Transition: String, CaseIterable, Sendable, Codable { case generate, handOut = "hand_out", close }
    public static let entity = "gift_campaign"
    public static func rule(_ t: Transition) -> TransitionRule<State> {
        switch t {
        case .generate: return .init(from: [.open], to: nil, .manageCampaigns)
        case .handOut: return .init(from: [.open], to: nil, .manageCampaigns)
        case .close: return .init(from: [.open], to: .closed, .manageCampaigns)
        }
    }
    public static func auditAction(_ t: Transition) -> String { "campaign_\(t.rawValue)" }
}
