import Foundation

/// The optional circumstance columns of the registry import: marital status, each parent's
/// status, abandonment, studies, supporter, carers, pregnancy and the social-insurance benefit
/// (the facts of `PersonCircumstances`), in English codes or the Vietnamese words officers write.
/// The children raised are two cells of birth dates (those not studying, those studying), each
/// date separated by `;` or `,` as on the person's page.
extension RegistryImportParser {
    static let maritalWords: [String: MaritalStatus] = [
        "never married": .neverMarried, "chua ket hon": .neverMarried, "doc than": .neverMarried,
        "married": .married, "da ket hon": .married, "co vo chong": .married, "widowed": .widowed, "goa": .widowed, "goa vo": .widowed,
        "goa chong": .widowed, "divorced": .divorced, "ly hon": .divorced, "spouse missing": .spouseMissing, "vo chong mat tich": .spouseMissing,
    ]
    static let parentWords: [String: ParentStatus] = [
        "dead": .dead, "chet": .dead, "da chet": .dead, "qua doi": .dead, "da mat": .dead, "declared missing": .declaredMissing,
        "mat tich": .declaredMissing, "in facility": .inFacility, "o co so tro giup xa hoi": .inFacility, "trong co so": .inFacility, "imprisoned": .imprisoned,
        "dang chap hanh an": .imprisoned,
        "trong trai giam": .imprisoned, "present": .present, "con song": .present, "unknown": .unknown, "khong ro": .unknown,
    ]
    static let studyWords: [String: Studying] = [
        "none": .none, "khong": .none, "general": .general, "pho thong": .general, "vocational": .vocational, "hoc nghe": .vocational,
        "trung cap": .vocational, "college": .college, "cao dang": .college, "university": .university, "dai hoc": .university,
    ]
    static let supporterWords: [String: Supporter] = [
        "none": .none, "khong": .none, "khong co": .none, "receives allowance": .receivesAllowance, "dang huong tro cap": .receivesAllowance,
        "present": .present, "co": .present,
    ]

    /// The circumstances a row states, or nil when it states none; each bad cell is named with
    /// its row. Facts that contradict each other or the birth date are refused as on the page.
    static func circumstances(_ cell: (RegistryColumn) -> String, row: Int, birth: BirthDate)
        -> (circumstances: PersonCircumstances, from: LocalDate?, source: String?, errors: [FieldError])?
    {
        guard RegistryColumn.circumstanceColumns.contains(where: { !cell($0).isEmpty }) else { return nil }
        var errors: [FieldError] = []
        func fail(_ c: RegistryColumn, _ key: String, _ args: [String: String] = [:]) {
            errors.append(FieldError(field: c.rawValue, message: Message(key, args), row: row))
        }
        func word<T>(_ c: RegistryColumn, _ table: [String: T]) -> T? {
            let raw = cell(c)
            guard !raw.isEmpty else { return nil }
            // `never_married` and `never married` are the same word.
            guard let v = table[TextFolding.fold(raw).replacingOccurrences(of: "_", with: " ")] else {
                fail(c, "import.bad_value", ["value": raw]); return nil
            }
            return v
        }
        func flag(_ c: RegistryColumn) -> Bool {
            guard let v = booleans[TextFolding.fold(cell(c))] else { fail(c, "import.bad_boolean", ["value": cell(c)]); return false }
            return v
        }
        var c = PersonCircumstances()
        // A cell left empty takes the everyday value, as an omitted fact of the API does.
        if let m = word(.maritalStatus, maritalWords) { c.maritalStatus = m }
        c.parents = [word(.fatherStatus, parentWords), word(.motherStatus, parentWords)].compactMap { $0 }.map(ParentFact.init(status:))
        c.abandoned = flag(.abandoned)
        if let s = word(.studying, studyWords) { c.studying = s }
        c.firstDegree = flag(.firstDegree)
        c.receiving51At16 = flag(.receiving51At16)
        if let s = word(.supporter, supporterWords) { c.supporter = s }
        c.householdCarer = flag(.householdCarer)
        c.caredByCommunityCarer = flag(.communityCarer)
        c.needsFacilityCare = flag(.needsFacilityCare)
        c.pregnant = flag(.pregnant)
        c.spouseReceivesCareSupport = flag(.spouseCareSupport)
        func dates(_ column: RegistryColumn) -> [LocalDate] {
            cell(column).split(whereSeparator: { ",; ".contains($0) }).compactMap { text in
                // A full date, in the forms the birth date takes: a child's age decides the month.
                guard let d = BirthDate(text: String(text))?.date else { fail(column, "import.bad_date", ["value": String(text)]); return nil }
                return d
            }
        }
        c.childrenRaised = dates(.childrenRaised).map { ChildFact(birthDate: $0) } + dates(.childrenStudying).map { ChildFact(birthDate: $0, studying: true) }
        if c.childrenRaised.count > PersonCircumstances.maxChildren { fail(.childrenRaised, "allowance.error.children_count") }
        let amountText = cell(.socialInsuranceAmount).filter { !" .,".contains($0) }
        if !amountText.isEmpty {
            if let a = Int64(amountText), a >= 0, a <= 1_000_000_000 {
                c.hasMonthlySocialInsurance = true; c.monthlySocialInsuranceAmount = a
            } else {
                fail(.socialInsuranceAmount, "import.bad_amount", ["value": cell(.socialInsuranceAmount)])
            }
        }
        var from: LocalDate?
        let fromText = cell(.circumstancesFrom)
        if !fromText.isEmpty {
            if let d = BirthDate(text: fromText)?.date, d.year >= birth.year {
                from = d
            } else {
                fail(.circumstancesFrom, "import.bad_date", ["value": fromText])
            }
        }
        let source = cell(.circumstancesSource)
        if source.count > 500 { fail(.circumstancesSource, "validation.too_long", ["max": "500"]) }
        if errors.isEmpty, let month = from?.yearMonth {
            var f = PersonFacts(birthDate: birth.date ?? LocalDate(year: birth.year, month: 1, day: 1)!)
            c.apply(to: &f)
            let names = Set(PersonCircumstances.names)
            for p in f.problems(for: month) where names.contains(p.field) {
                errors.append(FieldError(field: p.field, message: p.message, row: row))
            }
        }
        return (c, from, source.isEmpty ? nil : source, errors)
    }
}
