/// The facts about a person that the registry does not hold and the allowance rules read
/// (Decree 20/2021 Art. 5, 20, 25; Decree 176/2025): family, studies, supporter, carer,
/// pregnancy, social insurance. Recorded on the person with the day they hold from and the paper
/// that shows them; omitted facts take the everyday value, as in the evaluate request.
public struct PersonCircumstances: Sendable, Codable, Equatable {
    public var maritalStatus: MaritalStatus = .married
    public var parents: [ParentFact] = []
    public var abandoned = false
    public var childrenRaised: [ChildFact] = []
    public var studying: Studying = .none
    public var firstDegree = false
    /// Art. 5(2): the person was receiving the 5(1) allowance when turning 16.
    public var receiving51At16 = false
    public var hasMonthlySocialInsurance = false
    /// The monthly social-insurance benefit in đồng, when known.
    public var monthlySocialInsuranceAmount: Int64? = nil
    /// Art. 5(5): someone with a family-law duty of support (spouse, children, grandchildren…),
    /// wherever they live — not guessed from who lives in the household.
    public var supporter: Supporter = .present
    public var caredByCommunityCarer = false
    /// Art. 20(2)(c): a member of the household is recorded as the carer.
    public var householdCarer = false
    public var needsFacilityCare = false
    public var pregnant = false
    /// Art. 20(2)(a): the spouse already receives the pregnancy/young-child care support.
    public var spouseReceivesCareSupport = false

    /// Decree 20/2021 Art. 5(1): abandoned, or both parents dead, missing, in a facility or in
    /// prison — a child with no source of care (also the school-fee and learning-cost ground).
    public var noSourceOfCare: Bool { abandoned || (parents.count == 2 && parents.allSatisfy { $0.status.noSourceOfCare }) }

    /// At most this many children raised in one record.
    public static let maxChildren = 20

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case maritalStatus = "marital_status", parents, abandoned, childrenRaised = "children_raised", studying, firstDegree = "first_degree"
        case receiving51At16 = "receiving_5_1_at_16", hasMonthlySocialInsurance = "has_monthly_social_insurance"
        case monthlySocialInsuranceAmount = "monthly_social_insurance_amount", supporter, caredByCommunityCarer = "cared_by_community_carer"
        case householdCarer = "household_carer", needsFacilityCare = "needs_facility_care", pregnant
        case spouseReceivesCareSupport = "spouse_receives_care_support"
    }

    /// The names of the facts, as the API and the forms spell them.
    public static let names: [String] = CodingKeys.allCases.map(\.rawValue)

    /// `studying` as an object: `{"level": "university", "first_degree": true}`.
    struct Studies: Decodable {
        let level: Studying
        let firstDegree: Bool?
        enum CodingKeys: String, CodingKey { case level, firstDegree = "first_degree" }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        maritalStatus = try c.decodeIfPresent(MaritalStatus.self, forKey: .maritalStatus) ?? .married
        parents = try c.decodeIfPresent([ParentFact].self, forKey: .parents) ?? []
        abandoned = try c.decodeIfPresent(Bool.self, forKey: .abandoned) ?? false
        childrenRaised = try c.decodeIfPresent([ChildFact].self, forKey: .childrenRaised) ?? []
        firstDegree = try c.decodeIfPresent(Bool.self, forKey: .firstDegree) ?? false
        if let object = try? c.decodeIfPresent(Studies.self, forKey: .studying) {
            studying = object.level
            firstDegree = object.firstDegree ?? firstDegree
        } else {
            studying = try c.decodeIfPresent(Studying.self, forKey: .studying) ?? .none
        }
        receiving51At16 = try c.decodeIfPresent(Bool.self, forKey: .receiving51At16) ?? false
        hasMonthlySocialInsurance = try c.decodeIfPresent(Bool.self, forKey: .hasMonthlySocialInsurance) ?? false
        monthlySocialInsuranceAmount = try c.decodeIfPresent(Int64.self, forKey: .monthlySocialInsuranceAmount)
        supporter = try c.decodeIfPresent(Supporter.self, forKey: .supporter) ?? .present
        caredByCommunityCarer = try c.decodeIfPresent(Bool.self, forKey: .caredByCommunityCarer) ?? false
        householdCarer = try c.decodeIfPresent(Bool.self, forKey: .householdCarer) ?? false
        needsFacilityCare = try c.decodeIfPresent(Bool.self, forKey: .needsFacilityCare) ?? false
        pregnant = try c.decodeIfPresent(Bool.self, forKey: .pregnant) ?? false
        spouseReceivesCareSupport = try c.decodeIfPresent(Bool.self, forKey: .spouseReceivesCareSupport) ?? false
    }

    /// The circumstances a set of facts holds.
    public init(_ f: PersonFacts) {
        maritalStatus = f.maritalStatus; parents = f.parents; abandoned = f.abandoned; childrenRaised = f.childrenRaised
        studying = f.studying; firstDegree = f.firstDegree; receiving51At16 = f.receiving51At16
        hasMonthlySocialInsurance = f.hasMonthlySocialInsurance; monthlySocialInsuranceAmount = f.monthlySocialInsuranceAmount
        supporter = f.supporter; caredByCommunityCarer = f.caredByCommunityCarer; householdCarer = f.householdCarer
        needsFacilityCare = f.needsFacilityCare; pregnant = f.pregnant; spouseReceivesCareSupport = f.spouseReceivesCareSupport
    }

    /// Puts these circumstances into a person's facts.
    public func apply(to f: inout PersonFacts) {
        f.maritalStatus = maritalStatus; f.parents = parents; f.abandoned = abandoned; f.childrenRaised = childrenRaised
        f.studying = studying; f.firstDegree = firstDegree; f.receiving51At16 = receiving51At16
        f.hasMonthlySocialInsurance = hasMonthlySocialInsurance; f.monthlySocialInsuranceAmount = monthlySocialInsuranceAmount
        f.supporter = supporter; f.caredByCommunityCarer = caredByCommunityCarer; f.householdCarer = householdCarer
        f.needsFacilityCare = needsFacilityCare; f.pregnant = pregnant; f.spouseReceivesCareSupport = spouseReceivesCareSupport
    }
}
