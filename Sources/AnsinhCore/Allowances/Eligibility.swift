/// One amount of an evaluation: a category, its coefficient and the amount in đồng.
public struct AllowanceComponent: Sendable, Equatable {
    public let category: String
    public let coefficient: Coefficient
    public let amount: Int64
    /// Who receives it: the person, or their carer / caring household (Art. 20).
    public let payee: String
    public init(category: String, coefficient: Coefficient, amount: Int64, payee: String = "person") {
        self.category = category; self.coefficient = coefficient; self.amount = amount; self.payee = payee
    }
}

/// What a person is entitled to in one month, and why.
public struct AllowanceEvaluation: Sendable, Equatable {
    public let month: YearMonth
    public let eligible: Bool
    /// Paid to the person each month: the social allowance (or the facility nursing allowance,
    /// or the social pension when it is higher).
    public let monthlyAmount: Int64
    public let components: [AllowanceComponent]
    /// Paid to the carer or the caring household (Decree 20 Art. 20), on top.
    public let careSupport: [AllowanceComponent]
    public let reasons: [Reason]
    public let ruleSet: String
    public let standardLevel: Int64
}

/// Derives categories, coefficients and amounts from facts for a month (Decree 20/2021 Art. 5,
/// 6, 20, 25; Decree 176/2025 social pension), with reason codes citing the article.
public struct AllowanceEngine: Sendable {
    public let rules: AllowanceRules
    public init(rules: AllowanceRules = .shared) { self.rules = rules }

    struct Qualifying: Equatable {
        let category: String
        let coefficient: Coefficient
        let args: [String: String]
    }

    /// The day whose age decides a change of coefficient in `month`. Before July 2025 the change
    /// applies from the month the condition is met (Decree 20 Art. 8); after, from the month
    /// after (Decree 147/2025 Art. 5(2)(d), a setting because it is [U]).
    func adjustmentDay(_ month: YearMonth) -> LocalDate {
        if month >= rules.reformMonth && rules.setting("adjust_from_next_month_after_2025_07") { return month.adding(months: -1).lastDay }
        return month.lastDay
    }

    /// Every Art. 5 category the facts meet on `day`, with its Art. 6 coefficient.
    func categories(_ f: PersonFacts, on day: LocalDate, month: YearMonth) -> [Qualifying] {
        guard f.birthDate <= day else { return [] }
        let age = f.birthDate.age(on: day)
        let poor = f.householdPoverty == .poor
        let poorOrNear = f.householdPoverty != .none
        var out: [Qualifying] = []
        func q(_ code: String, _ extra: [String: String] = [:]) {
            out.append(
                Qualifying(
                    category: code.components(separatedBy: ".").prefix(2).joined(separator: "."), coefficient: rules.coefficient(code),
                    args: ["age": "\(age)"].merging(extra) { a, _ in a }))
        }
        // 5(1): a child under 16 with no source of care: abandoned, or both parents dead,
        // declared missing, in a facility or imprisoned (the eleven cases of 5(1)(a)–(l)).
        let orphanLike = f.abandoned || (f.parents.count == 2 && f.parents.allSatisfy { $0.status.noSourceOfCare })
        if orphanLike && age < 16 { q(age < 4 ? "D20-5.1.under4" : "D20-5.1") }
        // 5(2): a person who was receiving the 5(1) allowance when turning 16 continues from 16 to
        // 22 while in general, vocational, college or first-degree studies.
        let limit = rules.setting("d20_5_2_until_22nd_birthday") ? 22 : 23
        let studies = Self.studiesCount(f.studying, firstDegree: f.firstDegree)
        if orphanLike && f.receiving51At16 && age >= 16 && age < limit && studies { q("D20-5.2") }
        // 5(3): a child with HIV in a poor household.
        if f.hiv && poor && age < 16 { q(age < 4 ? "D20-5.3.under4" : "D20-5.3") }
        // 5(4): a poor or near-poor single parent raising children under 16, or 16–22 studying.
        var single = [.neverMarried, .widowed, .spouseMissing].contains(f.maritalStatus)
        if f.maritalStatus == .divorced && rules.setting("d20_5_4_divorced_is_single") { single = true }
        if single && poorOrNear {
            let kids = f.childrenRaised.filter { c in
                let a = c.birthDate.age(on: day)
                // Art. 5(4) refers to 5(2): studying to the same age limit, first degree only.
                return c.birthDate <= day && (a < 16 || (a < limit && Self.studiesCount(c.studies, firstDegree: c.firstDegree)))
            }.count
            if kids > 0 {
                let per = rules.coefficient("D20-5.4.per_child")
                out.append(
                    Qualifying(category: "D20-5.4", coefficient: Coefficient(tenths: per.tenths * kids), args: ["children": "\(kids)", "age": "\(age)"]))
            }
        }
        // 5(5): the elderly (60+, Law on the Elderly Art. 2). (a) counts a supporter who receives a
        // monthly allowance as none; (d) asks for no supporter at all.
        let noSupporter = f.supporter != .present
        if age >= 60 && poor && noSupporter {
            if f.needsFacilityCare && f.caredByCommunityCarer && f.supporter == .none {
                q("D20-5.5d")
            } else {
                q(age >= 80 ? "D20-5.5a.80plus" : "D20-5.5a")
            }
        }
        let bcEnded = month >= rules.reformMonth && rules.setting("d20_5_5bc_end_2025_07")
        if !bcEnded && !(age >= 60 && poor && noSupporter) {
            // 5(5)(b): 75 to 80, poor or near-poor, extremely difficult ethnic-minority and mountainous area.
            if age >= 75 && age < 80 && poorOrNear && f.ethnicMountainDifficultArea { q("D20-5.5b") }
            // 5(5)(c): 80+, no pension, monthly social insurance or monthly allowance.
            if age >= 80 && !f.hasPension && !f.hasMonthlySocialInsurance { q("D20-5.5c") }
        }
        // 5(6): severe or especially severe disability, from the certificate.
        if f.disabilityLevel == .severe || f.disabilityLevel == .especiallySevere, f.disabilityCertificateDate.map({ $0 <= day }) ?? true {
            let childOrElderly = age < 16 || age >= 60
            let base = f.disabilityLevel == .severe ? "D20-5.6.severe" : "D20-5.6.especially_severe"
            q(childOrElderly ? base + ".child_or_elderly" : base)
        }
        // 5(7): a child under 3, poor or near-poor, in an extremely difficult area, not in 1, 3 or 6.
        if age < 3 && poorOrNear && f.ethnicMountainDifficultArea && !out.contains(where: { ["D20-5.1", "D20-5.3", "D20-5.6"].contains($0.category) }) {
            q("D20-5.7")
        }
        // 5(8): a person with HIV in a poor household without stable monthly income.
        if f.hiv && poor && age >= 16 && !f.hasPension && !f.hasMonthlySocialInsurance { q("D20-5.8") }
        return out
    }

    /// Decree 20 Art. 5(2): general, vocational, professional secondary, college or a first
    /// university degree.
    static func studiesCount(_ s: Studying, firstDegree: Bool) -> Bool { s != .none && (s != .university || firstDegree) }

    /// The social pension's own condition (Law on Social Insurance 2024 Art. 21(1); Decree
    /// 176/2025 Art. 3): no pension, and no monthly social-insurance benefit or one lower than the
    /// social pension. The full social pension is then paid [U: whether only the difference].
    func socialPensionOpen(_ f: PersonFacts, level: Int64) -> Bool {
        guard !f.hasPension else { return false }
        guard f.hasMonthlySocialInsurance else { return true }
        return (f.monthlySocialInsuranceAmount ?? level) < level
    }

    public func evaluate(_ f: PersonFacts, month: YearMonth) throws -> AllowanceEvaluation {
        let problems = f.problems(for: month)
        if !problems.isEmpty { throw AppError.validation(problems) }
        guard let level = rules.standardLevel(month) else {
            throw AppError.validation([FieldError(field: "month", message: Message("allowance.error.no_rule_set", ["month": month.iso]))])
        }
        var reasons: [Reason] = [Reason("standard_level", ["amount": Message.money(level.amount), "basis": level.basis])]
        func result(_ eligible: Bool, _ components: [AllowanceComponent], _ care: [AllowanceComponent]) -> AllowanceEvaluation {
            AllowanceEvaluation(
                month: month, eligible: eligible || !care.isEmpty, monthlyAmount: components.reduce(0) { $0 + $1.amount },
                components: components, careSupport: care, reasons: reasons, ruleSet: rules.id, standardLevel: level.amount)
        }
        // Death: the month of death is paid in full, nothing after (Decree 20 Art. 8(2)).
        if let death = f.deathDate, death < month.firstDay {
            reasons.append(Reason("died", ["date": death.iso]))
            return result(false, [], [])
        }
        // A stop takes effect from the month after the condition ends, so a category held on
        // the eve of the month still pays it (a 16th or 22nd birthday on the 1st does not lose
        // that month); a change of coefficient follows `adjustmentDay`.
        let atStart = categories(f, on: month.firstDay.adding(days: -1), month: month)
        let atAdjust = categories(f, on: adjustmentDay(month), month: month)
        let atEnd = categories(f, on: month.lastDay, month: month)
        let held = !atAdjust.isEmpty ? atAdjust : (!atStart.isEmpty ? atStart : atEnd)
        if atAdjust.isEmpty && !atStart.isEmpty { reasons.append(Reason("last_month_before_stop")) }

        var components: [AllowanceComponent] = []
        for q in held {
            reasons.append(
                Reason(
                    "category",
                    [
                        "category": "@allowance.category.\(q.category)", "coefficient": q.coefficient.description,
                        "age": q.args["age"] ?? "", "article": q.category,
                    ]))
        }
        if f.residence == .facility && (!held.isEmpty || f.needsFacilityCare) {
            // Art. 25(1): nursing allowance in a facility; it replaces the Art. 6 allowance (25(5)).
            let age = f.birthDate.age(on: adjustmentDay(month) < f.birthDate ? month.lastDay : adjustmentDay(month))
            let code = age < 4 ? "D20-25.1.under4" : "D20-25.1"
            let c = rules.coefficient(code)
            components = [AllowanceComponent(category: "D20-25.1", coefficient: c, amount: c.times(level.amount), payee: "facility")]
            reasons.append(Reason("facility_replaces", ["coefficient": c.description]))
        } else if !held.isEmpty {
            // Art. 6(2): only the highest coefficient, except that a poor single parent (5(4)) who is
            // also elderly (5(5)), disabled (5(6)) or has HIV (5(8)) receives both.
            let parent = held.first { $0.category == "D20-5.4" }
            let others = held.filter { $0.category != "D20-5.4" }
            let top = others.max { $0.coefficient < $1.coefficient }
            let exception = ["D20-5.5", "D20-5.6", "D20-5.8"]
            if let parent, let top, exception.contains(where: { top.category.hasPrefix($0) }) {
                components = [top, parent].map {
                    AllowanceComponent(category: $0.category, coefficient: $0.coefficient, amount: $0.coefficient.times(level.amount))
                }
                reasons.append(Reason("single_parent_exception"))
            } else {
                let best = held.max { $0.coefficient < $1.coefficient }!
                components = [AllowanceComponent(category: best.category, coefficient: best.coefficient, amount: best.coefficient.times(level.amount))]
                if held.count > 1 { reasons.append(Reason("highest_only", ["category": best.category])) }
            }
        }

        // Social pension (from July 2025): 75+, or 70–74 in a poor or near-poor household, with no
        // pension or monthly social insurance; the higher of it and the social allowance.
        if let pension = rules.socialPension(month), f.residence == .community, socialPensionOpen(f, level: pension.amount) {
            let age = f.birthDate.age(on: month.lastDay)
            if age >= 75 || (age >= 70 && f.householdPoverty != .none) {
                let allowance = components.reduce(0) { $0 + $1.amount }
                if pension.amount > allowance {
                    if allowance > 0 {
                        reasons.append(Reason("pension_higher", ["pension": Message.money(pension.amount), "allowance": Message.money(allowance)]))
                    }
                    components = [AllowanceComponent(category: "SI-22.social_pension", coefficient: Coefficient(tenths: 10), amount: pension.amount)]
                    reasons.append(Reason("social_pension", ["amount": Message.money(pension.amount), "basis": pension.basis]))
                } else {
                    reasons.append(Reason("allowance_higher", ["pension": Message.money(pension.amount), "allowance": Message.money(allowance)]))
                }
            }
        }

        var care: [AllowanceComponent] = []
        if f.residence == .community {
            let day = adjustmentDay(month) < f.birthDate ? month.lastDay : adjustmentDay(month)
            let age = f.birthDate.age(on: day)
            let cats = Set(held.map(\.category))
            var carer: [String] = []
            if f.caredByCommunityCarer {
                if cats.contains("D20-5.1") { carer.append(age < 4 ? "D20-20.carer.child_under4" : "D20-20.carer.child") }
                if cats.contains("D20-5.5d") { carer.append("D20-20.carer.elderly_5_5d") }
                if f.disabilityLevel == .especiallySevere {
                    carer.append(age < 16 ? "D20-20.foster.especially_severe_child" : "D20-20.foster.especially_severe_adult")
                }
            } else if f.disabilityLevel == .especiallySevere && f.householdCarer
                && (f.disabilityCertificateDate.map { $0 <= month.lastDay } ?? false)
            {
                // Art. 20(2)(c): the household directly caring, from the certificate, with the
                // carer recorded.
                carer.append("D20-20.household.especially_severe")
            }
            if let best = carer.max(by: { rules.coefficient($0) < rules.coefficient($1) }) {
                let c = rules.coefficient(best)
                care.append(AllowanceComponent(category: best, coefficient: c, amount: c.times(level.amount), payee: "carer"))
            }
            // Art. 20(2)(a): a parent with a severe or especially severe disability who is pregnant or
            // raising children under 36 months; only the highest applies, and a couple who both
            // qualify receives one. The month a child reaches 36 months is still paid: before
            // July 2025 a change counts from its month (a child born this month counts), after it
            // from the month after (`adjustmentDay`).
            if (f.disabilityLevel == .severe || f.disabilityLevel == .especiallySevere) && !f.spouseReceivesCareSupport {
                let eve = month.firstDay.adding(days: -1)
                let born = month >= rules.reformMonth ? day : month.lastDay
                let babies = f.childrenRaised.filter { $0.birthDate <= born && ($0.birthDate > eve || $0.birthDate.age(on: eve) < 3) }.count
                let code: String? =
                    (f.pregnant && babies >= 1) || babies >= 2 ? "D20-20.disabled_parent.two" : (f.pregnant || babies == 1 ? "D20-20.disabled_parent.one" : nil)
                if let code {
                    let c = rules.coefficient(code)
                    care.append(AllowanceComponent(category: code, coefficient: c, amount: c.times(level.amount), payee: "person"))
                }
            }
        }
        if f.residence == .community && f.spouseReceivesCareSupport && (f.pregnant || !f.childrenRaised.isEmpty) {
            reasons.append(Reason("couple_one_support"))
        }
        if components.isEmpty && care.isEmpty { reasons.append(Reason("no_category")) }
        return result(!components.isEmpty, components, care)
    }
}
