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

/// A child the person raises (Decree 20 Art. 5(4), 20(2)(a)), with their studies.
public struct ChildFact: Sendable, Codable, Equatable {
    public let birthDate: LocalDate
    /// The child's studies; `true` in a request means general or vocational studies.
    public let studies: Studying
    /// A university student in their first degree (Art. 5(2), which 5(4) refers to).
    public let firstDegree: Bool
    public var studying: Bool { studies != .none }
    public init(birthDate: LocalDate, studying: Bool = false) {
        self.init(birthDate: birthDate, studies: studying ? .general : .none)
    }
    public init(birthDate: LocalDate, studies: Studying, firstDegree: Bool = false) {
        self.birthDate = birthDate; self.studies = studies; self.firstDegree = firstDegree
    }
    enum CodingKeys: String, CodingKey { case birthDate = "birth_date", studying, firstDegree = "first_degree" }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        birthDate = try c.decode(LocalDate.self, forKey: .birthDate)
        if let flag = try? c.decodeIfPresent(Bool.self, forKey: .studying) {
            studies = flag ? .general : .none
        } else {
            studies = try c.decodeIfPresent(Studying.self, forKey: .studying) ?? .none
        }
        firstDegree = try c.decodeIfPresent(Bool.self, forKey: .firstDegree) ?? false
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(birthDate, forKey: .birthDate)
        try c.encode(studies, forKey: .studying)
        if firstDegree { try c.encode(true, forKey: .firstDegree) }
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
    /// Art. 5(2): the person was receiving the 5(1) allowance when turning 16.
    public var receiving51At16 = false
    /// The monthly social-insurance benefit in đồng, when known (Decree 176/2025: a benefit
    /// lower than the social pension does not shut the person out).
    public var monthlySocialInsuranceAmount: Int64? = nil
    /// Art. 20(2)(a): the spouse already receives the pregnancy/young-child care support.
    public var spouseReceivesCareSupport = false
    /// Art. 20(2)(c): a member of the household is recorded as the carer.
    public var householdCarer = false

    public init(birthDate: LocalDate) { self.birthDate = birthDate }

    enum CodingKeys: String, CodingKey {
        case birthDate = "birth_date", gender, disabilityLevel = "disability_level", disabilityCertificateDate = "disability_certificate_date"
        case hiv, householdPoverty = "household_poverty", areaType = "area_type", ethnicMountainDifficultArea = "ethnic_mountain_difficult_area"
        case maritalStatus = "marital_status", parents, abandoned, childrenRaised = "children_raised", studying, firstDegree = "first_degree"
        case hasPension = "has_pension", hasMonthlySocialInsurance = "has_monthly_social_insurance", supporter, residence
        case caredByCommunityCarer = "cared_by_community_carer", needsFacilityCare = "needs_facility_care", pregnant, deathDate = "death_date"
        case receiving51At16 = "receiving_5_1_at_16", monthlySocialInsuranceAmount = "monthly_social_insurance_amount"
        case spouseReceivesCareSupport = "spouse_receives_care_support", householdCarer = "household_carer"
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
        hasPension = try c.decodeIfPresent(Bool.self, forKey: .hasPension) ?? false
        residence = try c.decodeIfPresent(Residence.self, forKey: .residence) ?? .community
        deathDate = try c.decodeIfPresent(LocalDate.self, forKey: .deathDate)
        try PersonCircumstances(from: decoder).apply(to: &self)
    }

    /// Facts that contradict each other or the month, each naming its field.
    public func problems(for month: YearMonth) -> [FieldError] {
        var e: [FieldError] = []
        func add(_ field: String, _ key: String) { e.append(FieldError(field: field, message: Message(key))) }
        if birthDate > month.lastDay { add("birth_date", "allowance.error.born_after_month") }
        if let d = disabilityCertificateDate {
            if d < birthDate { add("disability_certificate_date", "allowance.error.before_birth") }
            // A certificate is issued for every level, mild included (Law on Persons with
            // Disabilities Art. 3; Decree 20 Art. 5(6) pays only severe and especially severe).
            if disabilityLevel == .none { add("disability_certificate_date", "allowance.error.certificate_without_level") }
        }
        if let d = deathDate, d < birthDate { add("death_date", "allowance.error.before_birth") }
        if parents.count > 2 { add("parents", "allowance.error.parents_count") }
        if childrenRaised.count > PersonCircumstances.maxChildren { add("children_raised", "allowance.error.children_count") }
        if childrenRaised.contains(where: { $0.birthDate < birthDate }) { add("children_raised", "allowance.error.child_before_parent") }
        if firstDegree && studying == .none { add("first_degree", "allowance.error.degree_without_studies") }
        if childrenRaised.contains(where: { $0.firstDegree && $0.studies != .university }) {
            add("children_raised", "allowance.error.degree_without_studies")
        }
        if residence == .facility && caredByCommunityCarer { add("cared_by_community_carer", "allowance.error.facility_and_carer") }
        if pregnant && gender == .male { add("pregnant", "allowance.error.pregnant_male") }
        if let a = monthlySocialInsuranceAmount {
            if a < 0 || a > 1_000_000_000 { add("monthly_social_insurance_amount", "allowance.error.amount_range") }
            if !hasMonthlySocialInsurance { add("monthly_social_insurance_amount", "allowance.error.amount_without_benefit") }
        }
        if householdCarer && caredByCommunityCarer { add("household_carer", "allowance.error.two_carers") }
        return e
    }
}
