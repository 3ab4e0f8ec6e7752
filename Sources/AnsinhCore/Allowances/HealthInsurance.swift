/// Why the state pays a person's health-insurance premium, in the order a person in several
/// groups is listed under (the highest share first; Decree 20/2021 Art. 9: only the card with the
/// highest benefit). Shares are the state's part of the premium in percent.
public enum HealthInsuranceBasis: String, CaseIterable, Sendable, Codable {
    /// People with meritorious service (Decree 146/2018 Art. 3(1)–(3), as amended).
    case merit
    /// Recipients of a monthly social allowance or the social pension (Art. 3(8); Decree 176/2025).
    case socialAllowance = "social_allowance"
    /// Members of poor households (Art. 3(7)(a)).
    case poorHousehold = "poor_household"
    /// Residents of an extremely difficult ethnic-minority and mountainous area (Art. 3(7)(b)–(c)).
    case difficultArea = "difficult_area"
    /// Children under 6 (Art. 3(11)).
    case childUnder6 = "child_under_6"
    /// Members of near-poor households: at least 70% (Art. 4(1)(a); Decree 188/2025).
    case nearPoorHousehold = "near_poor_household"
    /// Households with a middle living standard working in agriculture, forestry or fishery: at
    /// least 30% (Art. 4(3)); the registry does not record the trade, so the officer confirms it.
    case middleStandardHousehold = "middle_standard_household"

    /// The state's share of the premium, in percent (the minimum the decree sets; a province may add).
    public var statePercent: Int {
        switch self {
        case .nearPoorHousehold: return 70
        case .middleStandardHousehold: return 30
        default: return 100
        }
    }
}

/// What the health-insurance rules read about a person on a day.
public struct HealthInsuranceFacts: Sendable, Equatable {
    /// Age in whole years on the day.
    public var age: Int
    public var merit = false
    /// A monthly social allowance or social pension is paid for the month (a decision in force).
    public var monthlyAllowance = false
    public var householdClass: PovertyClass? = nil
    public var difficultArea = false
    public init(age: Int) { self.age = age }
}

/// Derives who is entitled to a state-paid health-insurance card and at what share, from the
/// same facts as the allowances (Decree 146/2018 Art. 3–4 as amended by Decree 75/2023,
/// continued by Decree 188/2025 [S]).
public enum HealthInsuranceRules {
    /// Every basis the facts meet, the highest share first.
    public static func bases(_ f: HealthInsuranceFacts) -> [HealthInsuranceBasis] {
        var out: [HealthInsuranceBasis] = []
        if f.merit { out.append(.merit) }
        if f.monthlyAllowance { out.append(.socialAllowance) }
        if f.householdClass == .poor { out.append(.poorHousehold) }
        if f.difficultArea { out.append(.difficultArea) }
        if f.age >= 0 && f.age < 6 { out.append(.childUnder6) }
        if f.householdClass == .nearPoor { out.append(.nearPoorHousehold) }
        if f.householdClass == .middle { out.append(.middleStandardHousehold) }
        return out
    }

    /// The one card a person is listed for: the basis with the highest share (nil: none).
    public static func entitlement(_ f: HealthInsuranceFacts) -> HealthInsuranceBasis? { bases(f).first }
}
