/// The dated facts about one person that the allowance rules read (policy sheet §7: "model
/// facts, not categories"). Categories, coefficients and amounts are derived from these.

public enum HouseholdPoverty: String, CaseIterable, Sendable, Codable { case poor, nearPoor = "near_poor", none }
public enum MaritalStatus: String, CaseIterable, Sendable, Codable {
    case neverMarried = "never_married", married, widowed, divorced, spouseMissing = "spouse_missing"
}
public enum ParentStatus: String, CaseIterable, Sendable, Codable {
    case dead, declaredMissing = "declared_missing", inFacility = "in_facility", imprisoned, present, unknown
    /// Decree 20 Art. 5(1): a parent who is dead, declared missing, in a facility, or in prison
    /// or detention is no source of care.
    var noSourceOfCare: Bool { [.dead, .declaredMissing, .inFacility, .imprisoned].contains(self) }
}
public enum Studying: String, CaseIterable, Sendable, Codable { case none, general, vocational, college, university }
public enum Supporter: String, CaseIterable, Sendable, Codable { case none, receivesAllowance = "receives_allowance", present }
public enum Residence: String, CaseIterable, Sendable, Codable { case community, facility }

public struct ParentFact: Sendable, Codable, Equatable {
    public let status: ParentStatus
    public init(status: ParentStatus) { self.status = status }
}

public struct ChildFact: Sendable, Codable, Equatable {
    public let birthDate: LocalDate
    public let studying: Bool
    public init(birthDate: LocalDate, studying: Bool = false) { self.birthDate = birthDate; self.studying = studying }
    enum CodingKeys: String, CodingKey { case birthDate = "birth_date", studying }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        birthDate = try c.decode(LocalDate.self, forKey: .birthDate)
        studying = try c.decodeIfPresent(Bool.self, forKey: .studying) ?? false
    }
}

public struct PersonFacts: Sendable, Codable, Equatable {
    public var birthDate: LocalDate
    public var gender: Gender = .male
    public var disabilityLevel: DisabilityLevel = .none
    public var disabilityCertificateDate: LocalDate? = nil
    public var hiv = false
    public var householdPoverty: HouseholdPoverty = .none
    public var areaType: AreaType = .rural
    public var ethnicMountainDifficultArea = false
    public var maritalStatus: MaritalStatus = .married
    public var parents: [ParentFact] = []
    public var abandoned = false
    public var childrenRaised: [ChildFact] = []
    public var studying: Studying = .none
    public var firstDegree = false
    public var hasPension = false
    public var hasMonthlySocialInsurance = false
    public var supporter: Supporter = .present
    public var residence: Residence = .community
    public var caredByCommunityCarer = false
    public var needsFacilityCare = false
    public var pregnant = false
    public var deathDate: LocalDate? = nil

    public init(birthDate: LocalDate) { self.birthDate = birthDate }

    enum CodingKeys: String, CodingKey {
        case birthDate = "birth_date", gender, disabilityLevel = "disability_level", disabilityCertificateDate = "disability_certificate_date"
        case hiv, householdPoverty = "household_poverty", areaType = "area_type", ethnicMountainDifficultArea = "ethnic_mountain_difficult_area"
        case maritalStatus = "marital_status", parents, abandoned, childrenRaised = "children_raised", studying, firstDegree = "first_degree"
        case hasPension = "has_pension", hasMonthlySocialInsurance = "has_monthly_social_insurance", supporter, residence
        case caredByCommunityCarer = "cared_by_community_carer", needsFacilityCare = "needs_facility_care", pregnant, deathDate = "death_date"
    }

    /// Every field but `birth_date` may be left out and takes the everyday value.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        birthDate = try c.decode(LocalDate.self, forKey: .birthDate)
        gender = try c.decodeIfPresent(Gender.self, forKey: .gender) ?? .male
        disabilityLevel = try c.decodeIfPresent(DisabilityLevel.self, forKey: .disabilityLevel) ?? .none
        disabilityCertificateDate = try c.decodeIfPresent(LocalDate.self, forKey: .disabilityCertificateDate)
        hiv = try c.decodeIfPresent(Bool.self, forKey: .hiv) ?? false
        householdPoverty = try c.decodeIfPresent(HouseholdPoverty.self, forKey: .householdPoverty) ?? .none
        areaType = try c.decodeIfPresent(AreaType.self, forKey: .areaType) ?? .rural
        ethnicMountainDifficultArea = try c.decodeIfPresent(Bool.self, forKey: .ethnicMountainDifficultArea) ?? false
        maritalStatus = try c.decodeIfPresent(MaritalStatus.self, forKey: .maritalStatus) ?? .married
        parents = try c.decodeIfPresent([ParentFact].self, forKey: .parents) ?? []
        abandoned = try c.decodeIfPresent(Bool.self, forKey: .abandoned) ?? false
        childrenRaised = try c.decodeIfPresent([ChildFact].self, forKey: .childrenRaised) ?? []
        studying = try c.decodeIfPresent(Studying.self, forKey: .studying) ?? .none
        firstDegree = try c.decodeIfPresent(Bool.self, forKey: .firstDegree) ?? false
        hasPension = try c.decodeIfPresent(Bool.self, forKey: .hasPension) ?? false
        hasMonthlySocialInsurance = try c.decodeIfPresent(Bool.self, forKey: .hasMonthlySocialInsurance) ?? false
        supporter = try c.decodeIfPresent(Supporter.self, forKey: .supporter) ?? .present
        residence = try c.decodeIfPresent(Residence.self, forKey: .residence) ?? .community
        caredByCommunityCarer = try c.decodeIfPresent(Bool.self, forKey: .caredByCommunityCarer) ?? false
        needsFacilityCare = try c.decodeIfPresent(Bool.self, forKey: .needsFacilityCare) ?? false
        pregnant = try c.decodeIfPresent(Bool.self, forKey: .pregnant) ?? false
        deathDate = try c.decodeIfPresent(LocalDate.self, forKey: .deathDate)
    }

    /// Facts that contradict each other or the month, each naming its field.
    public func problems(for month: YearMonth) -> [FieldError] {
        var e: [FieldError] = []
        func add(_ field: String, _ key: String) { e.append(FieldError(field: field, message: Message(key))) }
        if birthDate > month.lastDay { add("birth_date", "allowance.error.born_after_month") }
        if let d = disabilityCertificateDate {
            if d < birthDate { add("disability_certificate_date", "allowance.error.before_birth") }
            if disabilityLevel == .none || disabilityLevel == .mild { add("disability_certificate_date", "allowance.error.certificate_without_level") }
        }
        if let d = deathDate, d < birthDate { add("death_date", "allowance.error.before_birth") }
        if parents.count > 2 { add("parents", "allowance.error.parents_count") }
        if childrenRaised.contains(where: { $0.birthDate < birthDate }) { add("children_raised", "allowance.error.child_before_parent") }
        if firstDegree && studying == .none { add("first_degree", "allowance.error.degree_without_studies") }
        if residence == .facility && caredByCommunityCarer { add("cared_by_community_carer", "allowance.error.facility_and_carer") }
        if pregnant && gender == .male { add("pregnant", "allowance.error.pregnant_male") }
        return e
    }
}
