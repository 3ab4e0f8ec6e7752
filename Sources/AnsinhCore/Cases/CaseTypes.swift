/// What a case is about (the centre's protection work, field notes §2).
public enum CaseKind: String, CaseIterable, Sendable, Codable {
    /// Emergency intervention: a person (often a child) at immediate risk.
    case emergency
    /// Child protection (Law on Children 2016, Decree 56/2017): abuse, neglect, trafficking.
    case childProtection = "child_protection"
    /// Domestic or gender-based violence.
    case violence
    /// Any other social-work support.
    case socialWork = "social_work"
}

/// Who brought the case.
public enum CaseSource: String, CaseIterable, Sendable, Codable {
    case hotline
    case wardOffice = "ward_office"
    case police, school
    case healthFacility = "health_facility"
    case selfReferral = "self"
    case other
}

/// How urgent the case is, decided at intake and again at assessment, always with a reason.
public enum RiskLevel: String, CaseIterable, Sendable, Codable, Comparable {
    case low, medium, high, critical

    public static func < (a: RiskLevel, b: RiskLevel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Where the person is supported: sheltered at the centre for a while, or in the community.
public enum Placement: String, CaseIterable, Sendable, Codable {
    case temporaryShelter = "temporary_shelter"
    case communitySupport = "community_support"
}

/// An entry of a case's timeline: a note, or a service given (dated, with who gave it).
public enum CaseEntryKind: String, CaseIterable, Sendable, Codable {
    case note, counselling, medical
    case legalAid = "legal_aid"
    case education
    case materialSupport = "material_support"
    /// A case conference: who met (`given_by`) and what they decided (the text).
    case conference
    /// A referral sent, or its outcome (written by the referral itself).
    case referral
    /// The case handed over to another worker, with the reason (written by the handover).
    case transfer

    /// The kinds an officer records by hand (the others are written by their action).
    public static let recorded: [CaseEntryKind] = [.note, .counselling, .medical, .legalAid, .education, .materialSupport, .conference]
}

/// The duplicate check of intake: a new case is probably about the person of an open case when
/// their names fold to the same text (`TextFolding`: "Nguyen Thi Hanh" is "Nguyễn Thị Hạnh")
/// and their birth years agree where both are known. The officer confirms a different person
/// to go on; a closed case does not count (it is reopened instead of opened again).
public enum CaseDuplicates {
    public static func samePerson(_ a: String, _ yearA: Int?, _ b: String, _ yearB: Int?) -> Bool {
        let fa = TextFolding.fold(a)
        guard !fa.isEmpty, fa == TextFolding.fold(b) else { return false }
        if let yearA, let yearB { return yearA == yearB }
        return true
    }
}
