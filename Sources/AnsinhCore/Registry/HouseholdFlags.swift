/// What a household page shows at a glance, derived from members' facts on a given day.
/// Each flag carries the reason, so the officer sees why.
public enum HouseholdFlag: String, CaseIterable, Sendable, Codable {
    /// A member aged 60+ who lives alone, or whose household has no member of working age
    /// (16–59) who could support them (Law on the Elderly 2009 Art. 2; Decree 20/2021 Art. 5(5)).
    case lonelyElderly = "lonely_elderly"
    /// A member under 16 with a disability certificate (Law on Children 2016 Art. 1).
    case childWithDisability = "child_with_disability"
    /// A member aged 16+ with a disability certificate.
    case personWithDisability = "person_with_disability"
    /// A member recognised as a person with meritorious service (Ordinance 02/2020).
    case policyFamily = "policy_family"
}

/// The facts of one current member that the flags need.
public struct MemberFacts: Sendable {
    public let name: String
    public let birth: BirthDate
    public let disability: DisabilityLevel
    public let hasMerit: Bool
    public let deathDate: LocalDate?
    public init(name: String, birth: BirthDate, disability: DisabilityLevel, hasMerit: Bool, deathDate: LocalDate?) {
        self.name = name; self.birth = birth; self.disability = disability; self.hasMerit = hasMerit; self.deathDate = deathDate
    }
}

public struct DerivedFlag: Sendable, Equatable {
    public let flag: HouseholdFlag
    public let reason: Message
}

public enum HouseholdFlags {
    public static func derive(_ members: [MemberFacts], on day: LocalDate) -> [DerivedFlag] {
        let living = members.filter { m in m.deathDate.map { $0 > day } ?? true }
        var flags: [DerivedFlag] = []
        let workingAge = living.filter { (16...59).contains($0.birth.age(on: day)) }
        for m in living where m.birth.age(on: day) >= 60 {
            let age = m.birth.age(on: day)
            if living.count == 1 {
                flags.append(DerivedFlag(flag: .lonelyElderly, reason: Message("flag.reason.lives_alone", ["name": m.name, "age": "\(age)"])))
            } else if workingAge.isEmpty {
                flags.append(DerivedFlag(flag: .lonelyElderly, reason: Message("flag.reason.no_working_age", ["name": m.name, "age": "\(age)"])))
            }
        }
        for m in living where m.disability != .none {
            let age = m.birth.age(on: day)
            let flag: HouseholdFlag = age < 16 ? .childWithDisability : .personWithDisability
            flags.append(
                DerivedFlag(
                    flag: flag,
                    reason: Message(
                        "flag.reason.disability",
                        ["name": m.name, "age": "\(age)", "level": "@disability.\(m.disability.rawValue)"])))
        }
        for m in living where m.hasMerit {
            flags.append(DerivedFlag(flag: .policyFamily, reason: Message("flag.reason.merit", ["name": m.name])))
        }
        return flags
    }
}
