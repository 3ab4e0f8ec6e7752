/// Classes of sensitive personal data. A role sees a value of a class only with that class's
/// permission — in pages, lists, exports, channel files, API answers and reports alike — and
/// every read of such a value is audited. The classes are data here so that a new capability
/// (cases, care, therapy) names its class instead of writing its own rule.
public enum SensitivityClass: String, CaseIterable, Sendable, Codable {
    /// HIV status and the Decree 20/2021 categories that reveal it (Art. 5(3), 5(8)).
    case hiv
    /// Child-protection cases (abuse, neglect, trafficking).
    case childProtection = "child_protection"
    /// Health records of residents and persons (diagnoses, medication).
    case health
    /// Psychotherapy and mental-health treatment (the autism therapy programme).
    case psychotherapy

    /// The allowance categories whose mere name discloses the class: a child or poor person
    /// living with HIV (Decree 20/2021 Art. 5(3) and 5(8)). Category codes are `D20-5.3`,
    /// `D20-5.3.under4`, `D20-5.8` (see the rule file).
    public static func of(category code: String) -> SensitivityClass? {
        for prefix in ["D20-5.3", "D20-5.8"] where code == prefix || code.hasPrefix(prefix + ".") { return .hiv }
        return nil
    }

    /// The papers and the declaration form of an application that disclose the class: the HIV
    /// certificate, and Form 1đ of Decree 20/2021 (people with HIV, Art. 5(8)).
    public static func of(document code: String) -> SensitivityClass? { code == "hiv_certificate" ? .hiv : nil }
    public static func of(form code: String) -> SensitivityClass? { code == "1đ" ? .hiv : nil }

    /// `categories` as a role may see them: a category of a class the role may not see is
    /// replaced by the neutral `D20-5` (the person is a Decree 20 beneficiary; no more).
    public static func visibleCategories(_ categories: [String], for role: Role) -> [String] {
        masked(categories) { role.canView($0) }
    }

    /// `categories` for a file that leaves the office (post office, bank): every sensitive
    /// category becomes the neutral one, whoever made the file.
    public static func withoutSensitive(_ categories: [String]) -> [String] {
        masked(categories) { _ in false }
    }

    static func masked(_ categories: [String], showing visible: (SensitivityClass) -> Bool) -> [String] {
        var out: [String] = []
        for c in categories {
            let shown = of(category: c).map { visible($0) ? c : hiddenCategory } ?? c
            if !out.contains(shown) { out.append(shown) }
        }
        return out
    }

    /// What a hidden category is shown as.
    public static let hiddenCategory = "D20-5"
}

extension Role {
    /// The sensitivity classes this role may read: those of its `viewSensitive` permissions.
    public var sensitiveClasses: Set<SensitivityClass> { Set(SensitivityClass.allCases.filter(canView)) }

    /// `viewSensitive(class)`: may this role read values of `c`?
    public func canView(_ c: SensitivityClass) -> Bool { can(.viewSensitive(c)) }
}
