import Foundation
import Testing
@testable import AnsinhCore

/// Decree 20/2021 Art. 5–6, 20, 25 and the social pension, table-driven from policy sheet §1–2.
@Suite("Monthly allowances")
struct AllowanceCoreTests {
    static func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }
    static func m(_ s: String) -> YearMonth { YearMonth(iso: s)! }
    static func person(_ birth: String, _ set: (inout PersonFacts) -> Void = { _ in }) -> PersonFacts {
        var f = PersonFacts(birthDate: d(birth)); set(&f); return f
    }
    static func orphan(_ f: inout PersonFacts) { f.parents = [ParentFact(status: .dead), ParentFact(status: .dead)]; f.maritalStatus = .neverMarried }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let month: String
        let facts: PersonFacts
        let amount: Int64
        let categories: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // 5(1) child without a source of care: 2.5 under 4, 1.5 from 4 (API example: 1,250,000).
        Case(name: "5(1) under 4", month: "2024-08", facts: person("2022-03-15", orphan), amount: 1_250_000, categories: ["D20-5.1"]),
        Case(
            name: "5(1) one dead, other imprisoned", month: "2024-08",
            facts: person("2015-03-15") { $0.parents = [ParentFact(status: .dead), ParentFact(status: .imprisoned)] }, amount: 750_000, categories: ["D20-5.1"]),
        Case(
            name: "5(1) one parent present: no", month: "2024-08",
            facts: person("2015-03-15") { $0.parents = [ParentFact(status: .dead), ParentFact(status: .present)] }, amount: 0, categories: []),
        Case(name: "5(1) abandoned", month: "2024-08", facts: person("2015-03-15") { $0.abandoned = true }, amount: 750_000, categories: ["D20-5.1"]),
        // Turning 4 before July 2025: the new coefficient from the birthday month.
        Case(name: "turns 4 in Aug 2024", month: "2024-08", facts: person("2020-08-15", orphan), amount: 750_000, categories: ["D20-5.1"]),
        Case(name: "3 in Jul 2024", month: "2024-07", facts: person("2020-08-15", orphan), amount: 1_250_000, categories: ["D20-5.1"]),
        // After July 2025 (Decree 147/2025): from the month after.
        Case(name: "turns 4 in Aug 2025: still 2.5", month: "2025-08", facts: person("2021-08-15", orphan), amount: 1_250_000, categories: ["D20-5.1"]),
        Case(name: "turned 4 in Aug 2025: 1.5 in Sep", month: "2025-09", facts: person("2021-08-15", orphan), amount: 750_000, categories: ["D20-5.1"]),
        // Turning 16 without studies: the birthday month is the last one paid.
        Case(name: "turns 16 in Aug 2024: paid", month: "2024-08", facts: person("2008-08-15", orphan), amount: 750_000, categories: ["D20-5.1"]),
        Case(name: "16 in Sep 2024: stopped", month: "2024-09", facts: person("2008-08-15", orphan), amount: 0, categories: []),
        // 5(2) 16–22 studying.
        Case(
            name: "5(2) 16 studying", month: "2024-09",
            facts: person("2008-08-15") {
                orphan(&$0); $0.studying = .general; $0.receiving51At16 = true
            }, amount: 750_000, categories: ["D20-5.2"]),
        // Art. 5(2): only someone receiving the 5(1) allowance at 16 continues while studying.
        Case(
            name: "5(2) not receiving 5(1) at 16: no", month: "2024-09",
            facts: person("2008-08-15") {
                orphan(&$0); $0.studying = .general
            }, amount: 0, categories: []),
        // A 16th birthday on the 1st of a month does not lose that month.
        Case(name: "turns 16 on 1 Sep 2024: September paid", month: "2024-09", facts: person("2008-09-01", orphan), amount: 750_000, categories: ["D20-5.1"]),
        Case(name: "16 since 1 Sep 2024: October not", month: "2024-10", facts: person("2008-09-01", orphan), amount: 0, categories: []),
        Case(
            name: "5(2) second degree: no", month: "2024-09",
            facts: person("2004-08-15") {
                orphan(&$0); $0.studying = .university; $0.firstDegree = false; $0.receiving51At16 = true
            }, amount: 0, categories: []),
        Case(
            name: "5(2) turns 22 in Aug 2024: last month", month: "2024-08",
            facts: person("2002-08-15") {
                orphan(&$0); $0.studying = .university; $0.firstDegree = true; $0.receiving51At16 = true
            }, amount: 750_000, categories: ["D20-5.2"]),
        Case(
            name: "5(2) 22 in Sep 2024: stopped", month: "2024-09",
            facts: person("2002-08-15") {
                orphan(&$0); $0.studying = .university; $0.firstDegree = true; $0.receiving51At16 = true
            }, amount: 0, categories: []),
        // 5(3) child with HIV in a poor household: 2.5 under 4, 2.0 to 16; near-poor: no.
        Case(
            name: "5(3) HIV child 5 poor", month: "2024-08",
            facts: person("2019-01-01") {
                $0.hiv = true; $0.householdPoverty = .poor
            }, amount: 1_000_000, categories: ["D20-5.3"]),
        Case(
            name: "5(3) HIV child 2 poor", month: "2024-08",
            facts: person("2022-01-01") {
                $0.hiv = true; $0.householdPoverty = .poor
            }, amount: 1_250_000, categories: ["D20-5.3"]),
        Case(
            name: "5(3) near-poor: no", month: "2024-08",
            facts: person("2019-01-01") {
                $0.hiv = true; $0.householdPoverty = .nearPoor
            }, amount: 0, categories: []),
        // 5(4) poor single parent: 1.0 per child.
        Case(
            name: "5(4) two children", month: "2024-08",
            facts: person("1989-01-01") {
                $0.gender = .female; $0.maritalStatus = .widowed; $0.householdPoverty = .nearPoor
                $0.childrenRaised = [ChildFact(birthDate: d("2015-01-01")), ChildFact(birthDate: d("2006-01-01"), studying: true)]
            }, amount: 1_000_000, categories: ["D20-5.4"]),
        // Art. 5(4) reads 5(2): a child studying counts to the 22nd birthday, first degree only.
        Case(
            name: "5(4) child turned 22 and a second degree: none", month: "2024-09",
            facts: person("1975-01-01") {
                $0.maritalStatus = .widowed; $0.householdPoverty = .poor
                $0.childrenRaised = [
                    ChildFact(birthDate: d("2002-08-15"), studies: .university, firstDegree: true),
                    ChildFact(birthDate: d("2004-01-01"), studies: .university, firstDegree: false),
                ]
            }, amount: 0, categories: []),
        Case(
            name: "5(4) child 21 in a first degree: counted", month: "2024-09",
            facts: person("1975-01-01") {
                $0.maritalStatus = .widowed; $0.householdPoverty = .poor
                $0.childrenRaised = [ChildFact(birthDate: d("2003-01-01"), studies: .university, firstDegree: true)]
            }, amount: 500_000, categories: ["D20-5.4"]),
        Case(
            name: "5(4) married: no", month: "2024-08",
            facts: person("1989-01-01") {
                $0.maritalStatus = .married; $0.householdPoverty = .poor; $0.childrenRaised = [ChildFact(birthDate: d("2015-01-01"))]
            }, amount: 0, categories: []),
        // Art. 6(2) exception: single parent also disabled receives both.
        Case(
            name: "5(4) + 5(6) both", month: "2024-08",
            facts: person("1984-01-01") {
                $0.gender = .female; $0.maritalStatus = .neverMarried; $0.householdPoverty = .poor; $0.disabilityLevel = .severe
                $0.disabilityCertificateDate = d("2020-01-01"); $0.childrenRaised = [ChildFact(birthDate: d("2015-01-01"))]
            }, amount: 1_250_000, categories: ["D20-5.6", "D20-5.4"]),
        Case(
            name: "5(4) + 5(5)(a) both", month: "2024-08",
            facts: person("1962-01-01") {
                $0.gender = .female; $0.maritalStatus = .widowed; $0.householdPoverty = .poor; $0.supporter = .none
                $0.childrenRaised = [ChildFact(birthDate: d("2012-01-01"))]
            }, amount: 1_250_000, categories: ["D20-5.5a", "D20-5.4"]),
        // Art. 6(2): otherwise only the highest.
        Case(
            name: "orphan with severe disability: highest only", month: "2024-08",
            facts: person("2014-01-01") {
                orphan(&$0); $0.disabilityLevel = .severe; $0.disabilityCertificateDate = d("2020-01-01")
            }, amount: 1_000_000, categories: ["D20-5.6"]),
        // 5(5)(a) elderly, poor, no supporter: 1.5 to 80, 2.0 from 80 (birthday month before July 2025).
        Case(
            name: "5(5)(a) 70", month: "2024-08",
            facts: person("1954-01-01") {
                $0.householdPoverty = .poor; $0.supporter = .none
            }, amount: 750_000, categories: ["D20-5.5a"]),
        Case(
            name: "5(5)(a) supporter on allowance counts as none", month: "2024-08",
            facts: person("1954-01-01") {
                $0.householdPoverty = .poor; $0.supporter = .receivesAllowance
            }, amount: 750_000, categories: ["D20-5.5a"]),
        // Art. 5(5)(d) asks for no supporter at all: one on an allowance leaves the person in (a).
        Case(
            name: "5(5)(d) supporter on allowance: (a) instead", month: "2024-08",
            facts: person("1954-01-01") {
                $0.householdPoverty = .poor; $0.supporter = .receivesAllowance; $0.needsFacilityCare = true; $0.caredByCommunityCarer = true
            }, amount: 750_000, categories: ["D20-5.5a"]),
        // Social pension: a monthly social-insurance benefit lower than the pension does not shut out.
        Case(
            name: "76 with a benefit of 300,000: social pension", month: "2025-08",
            facts: person("1949-01-01") {
                $0.hasMonthlySocialInsurance = true; $0.monthlySocialInsuranceAmount = 300_000
            }, amount: 500_000, categories: ["SI-22.social_pension"]),
        Case(
            name: "76 with a benefit of 600,000: nothing", month: "2025-08",
            facts: person("1949-01-01") {
                $0.hasMonthlySocialInsurance = true; $0.monthlySocialInsuranceAmount = 600_000
            }, amount: 0, categories: []),
        Case(
            name: "76 with a benefit of unknown amount: nothing", month: "2025-08",
            facts: person("1949-01-01") { $0.hasMonthlySocialInsurance = true }, amount: 0, categories: []),
        Case(
            name: "5(5)(a) turns 80 in Aug 2024", month: "2024-08",
            facts: person("1944-08-31") {
                $0.householdPoverty = .poor; $0.supporter = .none; $0.hasPension = true
            },
            amount: 1_000_000, categories: ["D20-5.5a"]),
        Case(
            name: "5(5)(a) 79 in Jul 2024", month: "2024-07",
            facts: person("1944-08-31") {
                $0.householdPoverty = .poor; $0.supporter = .none; $0.hasPension = true
            },
            amount: 750_000, categories: ["D20-5.5a"]),
        // 5(5)(b) and (c) until June 2025; then the social pension.
        Case(
            name: "5(5)(b) 76 ethnic area", month: "2024-08",
            facts: person("1948-01-01") {
                $0.householdPoverty = .nearPoor; $0.ethnicMountainDifficultArea = true
            },
            amount: 500_000, categories: ["D20-5.5b"]),
        Case(name: "5(5)(c) 85 no pension", month: "2024-08", facts: person("1939-01-01"), amount: 500_000, categories: ["D20-5.5c"]),
        Case(name: "5(5)(c) 85 with pension: no", month: "2024-08", facts: person("1939-01-01") { $0.hasPension = true }, amount: 0, categories: []),
        Case(
            name: "85 no pension in Aug 2025: social pension", month: "2025-08", facts: person("1939-01-01"), amount: 500_000,
            categories: ["SI-22.social_pension"]),
        Case(
            name: "72 poor: social pension", month: "2025-08", facts: person("1953-01-01") { $0.householdPoverty = .poor }, amount: 500_000,
            categories: ["SI-22.social_pension"]),
        Case(name: "72 not poor: nothing", month: "2025-08", facts: person("1953-01-01"), amount: 0, categories: []),
        Case(name: "75 with pension: nothing", month: "2025-08", facts: person("1950-01-01") { $0.hasPension = true }, amount: 0, categories: []),
        // The higher of social pension and allowance, never both.
        Case(
            name: "especially severe 80: allowance higher than pension", month: "2025-08",
            facts: person("1945-01-01") {
                $0.disabilityLevel = .especiallySevere; $0.disabilityCertificateDate = d("2020-01-01")
            }, amount: 1_250_000, categories: ["D20-5.6"]),
        Case(
            name: "5(8) HIV 76 (750,000) vs pension (500,000)", month: "2025-08",
            facts: person("1949-01-01") {
                $0.hiv = true; $0.householdPoverty = .poor
            },
            amount: 750_000, categories: ["D20-5.8"]),
        // 5(5)(d) cared for in the community: 3.0.
        Case(
            name: "5(5)(d)", month: "2024-08",
            facts: person("1954-01-01") {
                $0.householdPoverty = .poor; $0.supporter = .none; $0.needsFacilityCare = true; $0.caredByCommunityCarer = true
            }, amount: 1_500_000, categories: ["D20-5.5d"]),
        // 5(6) disability: the coefficient by level and age group.
        Case(
            name: "especially severe 30", month: "2024-08", facts: person("1994-01-01") { $0.disabilityLevel = .especiallySevere }, amount: 1_000_000,
            categories: ["D20-5.6"]),
        Case(
            name: "especially severe 60", month: "2024-08", facts: person("1964-01-01") { $0.disabilityLevel = .especiallySevere }, amount: 1_250_000,
            categories: ["D20-5.6"]),
        Case(name: "severe 30", month: "2024-08", facts: person("1994-01-01") { $0.disabilityLevel = .severe }, amount: 750_000, categories: ["D20-5.6"]),
        Case(
            name: "severe child 10", month: "2024-08", facts: person("2014-01-01") { $0.disabilityLevel = .severe }, amount: 1_000_000, categories: ["D20-5.6"]),
        Case(name: "mild: no", month: "2024-08", facts: person("1994-01-01") { $0.disabilityLevel = .mild }, amount: 0, categories: []),
        Case(
            name: "severe turns 60 in Aug 2024", month: "2024-08", facts: person("1964-08-01") { $0.disabilityLevel = .severe }, amount: 1_000_000,
            categories: ["D20-5.6"]),
        Case(
            name: "severe 59 in Jul 2024", month: "2024-07", facts: person("1964-08-01") { $0.disabilityLevel = .severe }, amount: 750_000,
            categories: ["D20-5.6"]),
        Case(
            name: "certificate issued later: not yet", month: "2024-08",
            facts: person("1994-01-01") {
                $0.disabilityLevel = .severe; $0.disabilityCertificateDate = d("2024-09-02")
            }, amount: 0, categories: []),
        // 5(7) child under 3, poor or near-poor, extremely difficult area.
        Case(
            name: "5(7) child 2", month: "2024-08",
            facts: person("2022-01-01") {
                $0.householdPoverty = .nearPoor; $0.ethnicMountainDifficultArea = true
            },
            amount: 750_000, categories: ["D20-5.7"]),
        Case(
            name: "5(7) child 3: no", month: "2024-08",
            facts: person("2021-01-01") {
                $0.householdPoverty = .nearPoor; $0.ethnicMountainDifficultArea = true
            },
            amount: 0, categories: []),
        // 5(8) adult with HIV, poor, no stable income.
        Case(
            name: "5(8)", month: "2024-08",
            facts: person("1990-01-01") {
                $0.hiv = true; $0.householdPoverty = .poor
            }, amount: 750_000, categories: ["D20-5.8"]),
        Case(
            name: "5(8) with social insurance: no", month: "2024-08",
            facts: person("1990-01-01") {
                $0.hiv = true; $0.householdPoverty = .poor; $0.hasMonthlySocialInsurance = true
            }, amount: 0, categories: []),
        // The 2024-07 base change: 360,000 → 500,000.
        Case(
            name: "severe 30 in Jun 2024 at 360,000", month: "2024-06", facts: person("1994-01-01") { $0.disabilityLevel = .severe }, amount: 540_000,
            categories: ["D20-5.6"]),
        Case(
            name: "severe 30 in Jul 2024 at 500,000", month: "2024-07", facts: person("1994-01-01") { $0.disabilityLevel = .severe }, amount: 750_000,
            categories: ["D20-5.6"]),
        Case(
            name: "540,000 not enabled by default", month: "2026-08", facts: person("1994-01-01") { $0.disabilityLevel = .severe }, amount: 750_000,
            categories: ["D20-5.6"]),
        // Art. 25: nursing allowance in a facility replaces the Art. 6 allowance.
        Case(
            name: "facility child 3", month: "2024-08",
            facts: person("2021-01-01") {
                orphan(&$0); $0.residence = .facility
            }, amount: 2_500_000, categories: ["D20-25.1"]),
        Case(
            name: "facility child 10", month: "2024-08",
            facts: person("2014-01-01") {
                orphan(&$0); $0.residence = .facility
            }, amount: 2_000_000, categories: ["D20-25.1"]),
        // Death: the month of death is paid in full, nothing after.
        Case(
            name: "died 20 Aug: August paid", month: "2024-08",
            facts: person("1994-01-01") {
                $0.disabilityLevel = .severe; $0.deathDate = d("2024-08-20")
            },
            amount: 750_000, categories: ["D20-5.6"]),
        Case(
            name: "died 20 Aug: September not", month: "2024-09",
            facts: person("1994-01-01") {
                $0.disabilityLevel = .severe; $0.deathDate = d("2024-08-20")
            },
            amount: 0, categories: []),
    ]

    let engine = AllowanceEngine()

    @Test(arguments: cases)
    func category(_ c: Case) throws {
        let r = try engine.evaluate(c.facts, month: Self.m(c.month))
        #expect(r.monthlyAmount == c.amount)
        #expect(r.components.map(\.category) == c.categories)
        #expect(r.eligible == (c.amount > 0))
        #expect(r.ruleSet == "VN-ND20-2021")
    }

    @Test func level540000IsASetting() throws {
        var rules = AllowanceRules.shared
        rules.overrides["level_540000_enabled"] = true
        let r = try AllowanceEngine(rules: rules).evaluate(Self.person("1994-01-01") { $0.disabilityLevel = .severe }, month: Self.m("2026-08"))
        #expect(r.monthlyAmount == 810_000)  // the fact-checked example: severe adult, 1.5 × 540,000
        #expect(r.standardLevel == 540_000)
        #expect(
            try AllowanceEngine(rules: rules).evaluate(Self.person("1994-01-01") { $0.disabilityLevel = .severe }, month: Self.m("2026-06")).monthlyAmount
                == 750_000)
    }

    @Test func careSupport() throws {
        // Household caring for an adult with an especially severe disability: 1.0 to the household,
        // from the certificate and with the carer recorded (Art. 20(2)(c)).
        let household = Self.person("1994-01-01") {
            $0.disabilityLevel = .especiallySevere; $0.disabilityCertificateDate = Self.d("2024-08-10"); $0.householdCarer = true
        }
        var r = try engine.evaluate(household, month: Self.m("2024-08"))
        #expect(r.careSupport.map(\.category) == ["D20-20.household.especially_severe"])
        #expect(r.careSupport.first?.amount == 500_000)
        #expect(try engine.evaluate(household, month: Self.m("2024-07")).careSupport.isEmpty)
        var noCarer = household
        noCarer.householdCarer = false
        #expect(try engine.evaluate(noCarer, month: Self.m("2024-08")).careSupport.isEmpty)
        // Foster carer of an orphan under 4: 2.5.
        r = try engine.evaluate(
            Self.person("2022-03-15") {
                Self.orphan(&$0); $0.caredByCommunityCarer = true
            }, month: Self.m("2024-08"))
        #expect(r.careSupport.map(\.amount) == [1_250_000])
        #expect(r.monthlyAmount == 1_250_000)  // the child keeps its own allowance (Art. 19(1))
        // 5(5)(d) elderly: carer 1.5.
        r = try engine.evaluate(
            Self.person("1954-01-01") {
                $0.householdPoverty = .poor; $0.supporter = .none; $0.needsFacilityCare = true; $0.caredByCommunityCarer = true
            },
            month: Self.m("2024-08"))
        #expect(r.careSupport.map(\.category) == ["D20-20.carer.elderly_5_5d"])
        #expect(r.careSupport.map(\.amount) == [750_000])
        // A mother with a severe disability raising two children under 36 months: 2.0; pregnant only: 1.5.
        r = try engine.evaluate(
            Self.person("1994-01-01") {
                $0.gender = .female; $0.disabilityLevel = .severe
                $0.childrenRaised = [ChildFact(birthDate: Self.d("2023-01-01")), ChildFact(birthDate: Self.d("2024-05-01"))]
            }, month: Self.m("2024-08"))
        #expect(r.careSupport.map(\.amount) == [1_000_000])
        r = try engine.evaluate(
            Self.person("1994-01-01") {
                $0.gender = .female; $0.disabilityLevel = .severe; $0.pregnant = true
            }, month: Self.m("2024-08"))
        #expect(r.careSupport.map(\.amount) == [750_000])
        // Art. 20(2)(a): one support per couple.
        r = try engine.evaluate(
            Self.person("1994-01-01") {
                $0.gender = .female; $0.disabilityLevel = .severe; $0.pregnant = true; $0.spouseReceivesCareSupport = true
            }, month: Self.m("2024-08"))
        #expect(r.careSupport.isEmpty)
        #expect(r.reasons.map(\.code).contains("couple_one_support"))
        // Before July 2025 the month a child reaches 36 months is still paid, the next is not.
        let mother = Self.person("1994-01-01") {
            $0.gender = .female; $0.disabilityLevel = .severe; $0.childrenRaised = [ChildFact(birthDate: Self.d("2021-08-15"))]
        }
        #expect(try engine.evaluate(mother, month: Self.m("2024-08")).careSupport.map(\.amount) == [750_000])
        #expect(try engine.evaluate(mother, month: Self.m("2024-09")).careSupport.isEmpty)
        var firstOfMonth = mother
        firstOfMonth.childrenRaised = [ChildFact(birthDate: Self.d("2021-09-01"))]
        #expect(try engine.evaluate(firstOfMonth, month: Self.m("2024-09")).careSupport.map(\.amount) == [750_000])
        // A child born in the month counts from that month before July 2025.
        var newborn = mother
        newborn.childrenRaised = [ChildFact(birthDate: Self.d("2024-08-20"))]
        #expect(try engine.evaluate(newborn, month: Self.m("2024-08")).careSupport.map(\.amount) == [750_000])
        // In a facility there is no community care support.
        r = try engine.evaluate(
            Self.person("1994-01-01") {
                $0.disabilityLevel = .especiallySevere; $0.residence = .facility
            }, month: Self.m("2024-08"))
        #expect(r.careSupport.isEmpty)
        #expect(r.monthlyAmount == 2_000_000)
    }

    @Test func reasonsCiteTheRule() throws {
        let r = try engine.evaluate(
            Self.person("2014-01-01") {
                Self.orphan(&$0); $0.disabilityLevel = .severe
            }, month: Self.m("2024-08"))
        #expect(r.reasons.map(\.code).contains("highest_only"))
        let text = r.reasons.map { MessageCatalogue.shared.text($0.message, .vi) }.joined(separator: " ")
        #expect(text.contains("500.000 ₫"))
        #expect(text.contains("D20-5.6"))
        let p = try engine.evaluate(Self.person("1945-01-01") { $0.disabilityLevel = .especiallySevere }, month: Self.m("2025-08"))
        #expect(p.reasons.map(\.code).contains("allowance_higher"))
    }

    @Test func startStopAndArrears() throws {
        // 5(5)(c): turned 80 in March 2024, decision signed 20 June 2024: paid from March.
        let old = Self.person("1944-03-10")
        #expect(engine.startMonth(decisionDate: Self.d("2024-06-20"), category: "D20-5.5c", facts: old) == Self.m("2024-03"))
        let owed = try engine.arrears(old, from: Self.m("2024-03"), before: Self.m("2024-06"))
        #expect(owed.map(\.amount) == [360_000, 360_000, 360_000])
        // A later decision crosses the base change: 4 months at 360,000 and 2 at 500,000.
        let later = try engine.arrears(old, from: Self.m("2024-03"), before: Self.m("2024-09"))
        #expect(later.reduce(0) { $0 + $1.amount } == 2_440_000)
        // The look-back never reaches before the rule set's first month (July 2021) nor more than
        // 36 months before the first payroll.
        #expect(try engine.arrears(old, from: Self.m("2019-01"), before: Self.m("2021-09")).map(\.month) == [Self.m("2021-07"), Self.m("2021-08")])
        let long = try engine.arrears(old, from: Self.m("2021-07"), before: Self.m("2025-09"))
        #expect(long.count == 36)
        #expect(long.first?.month == Self.m("2022-09"))
        // Disability: from the certificate month before July 2025, from the decision month after.
        let disabled = Self.person("1990-01-01") {
            $0.disabilityLevel = .severe; $0.disabilityCertificateDate = Self.d("2024-02-10")
        }
        #expect(engine.startMonth(decisionDate: Self.d("2024-05-03"), category: "D20-5.6", facts: disabled) == Self.m("2024-02"))
        #expect(engine.startMonth(decisionDate: Self.d("2025-08-03"), category: "D20-5.6", facts: disabled) == Self.m("2025-08"))
        #expect(engine.startMonth(decisionDate: Self.d("2024-05-03"), category: "D20-5.1", facts: disabled) == Self.m("2024-05"))
        // Stop from the month after the event.
        #expect(engine.stopMonth(eventDate: Self.d("2024-08-20")) == Self.m("2024-09"))
        #expect(engine.stopMonth(eventDate: Self.d("2024-12-31")) == Self.m("2025-01"))
    }

    @Test func oneOffBenefits() throws {
        #expect(try engine.funeral([.monthlyRecipient], date: Self.d("2024-08-02")).amount == 10_000_000)
        #expect(try engine.funeral([.monthlyRecipient], date: Self.d("2024-06-02")).amount == 7_200_000)
        #expect(try engine.funeral([.monthlyRecipient, .disaster], date: Self.d("2024-08-02")).amount == 25_000_000)
        #expect(try engine.funeral([.facilityResident], date: Self.d("2021-08-02")).amount == 18_000_000)
        #expect(try engine.emergency(.seriousInjury, date: Self.d("2021-08-02")).amount == 3_600_000)
        #expect(try engine.emergency(.houseLost, date: Self.d("2024-08-02")).amount == 40_000_000)
        #expect(try engine.emergency(.relocation, date: Self.d("2024-08-02")).amount == 30_000_000)
        #expect(try engine.emergency(.houseDamaged, date: Self.d("2024-08-02")).amount == 20_000_000)
    }

    @Test func contradictoryFactsNameTheField() {
        func fields(_ f: PersonFacts, _ month: String = "2024-08") -> [String] {
            do { _ = try engine.evaluate(f, month: Self.m(month)); return [] } catch AppError.validation(let list) { return list.map(\.field) } catch {
                return ["?"]
            }
        }
        #expect(
            fields(
                Self.person("1990-01-01") {
                    $0.disabilityLevel = .severe; $0.disabilityCertificateDate = Self.d("1980-01-01")
                }) == ["disability_certificate_date"])
        #expect(fields(Self.person("1990-01-01") { $0.disabilityCertificateDate = Self.d("2020-01-01") }) == ["disability_certificate_date"])
        // A certificate is issued for a mild disability too: accepted, and pays nothing.
        let mild = Self.person("1990-01-01") {
            $0.disabilityLevel = .mild; $0.disabilityCertificateDate = Self.d("2020-01-01")
        }
        #expect(fields(mild) == [])
        #expect((try? engine.evaluate(mild, month: Self.m("2024-08")))?.monthlyAmount == 0)
        #expect(
            fields(
                Self.person("1950-01-01") {
                    $0.monthlySocialInsuranceAmount = 100_000
                }) == ["monthly_social_insurance_amount"])
        #expect(fields(Self.person("2024-09-01")) == ["birth_date"])
        #expect(
            fields(
                Self.person("1990-01-01") {
                    $0.residence = .facility; $0.caredByCommunityCarer = true
                }) == ["cared_by_community_carer"])
        #expect(fields(Self.person("1990-01-01") { $0.firstDegree = true }) == ["first_degree"])
        #expect(fields(Self.person("1990-01-01"), "2021-06") == ["month"])
    }

    @Test func coefficientsAreExact() {
        #expect(Coefficient("2.5")?.tenths == 25)
        #expect(Coefficient("20")?.tenths == 200)
        #expect(Coefficient("2.55") == nil)
        #expect(Coefficient("x") == nil)
        #expect(Coefficient("1.5")!.times(540_000) == 810_000)
        #expect(Coefficient("2.5")!.description == "2.5")
    }

    /// Provincial top-ups are rule files, off until an administrator turns them on, and apply
    /// only to people of their province; the higher of the national and provincial level wins.
    @Test func provincialTopUps() throws {
        let shared = AllowanceRules.shared
        let hanoi = try #require(shared.topUps.first { $0.provinceCode == "01" })
        #expect(shared.settingDefaults[hanoi.setting]?.default == false)
        let aug2025 = YearMonth(year: 2025, month: 8)!
        var rules = shared.forProvince("01")
        #expect(rules.socialPension(aug2025)?.amount == 500_000)  // off by default
        rules.overrides[hanoi.setting] = true
        #expect(rules.socialPension(aug2025)?.amount == 650_000)
        #expect(rules.socialPension(YearMonth(year: 2025, month: 6)!) == nil)  // no social pension before July 2025
        #expect(rules.forProvince("22").socialPension(aug2025)?.amount == 500_000)  // another province: its own file is still off
        #expect(rules.forProvince(nil).socialPension(aug2025)?.amount == 500_000)
        #expect(rules.standardLevel(aug2025)?.amount == 500_000)  // the file raises only the pension
        // A 76-year-old in Hà Nội with no pension: the provincial 650,000 (higher than 1.0 × 500,000).
        var f = PersonFacts(birthDate: LocalDate(year: 1949, month: 1, day: 1)!)
        f.householdPoverty = .none
        let r = try AllowanceEngine(rules: rules).evaluate(f, month: aug2025)
        #expect(r.monthlyAmount == 650_000)
        // A bad file is refused with its name.
        #expect(throws: RuleFileError.self) {
            _ = try ProvinceTopUp(
                json: Data(
                    #"{"id":"x","title":"x","province_code":"01","standard_levels":[],"social_pension_levels":[{"from":"2025-07-01","amount":650500,"basis":"b"}]}"#
                        .utf8))
        }
    }
}

/// Decree 146/2018 Art. 3–4 (as amended; Decree 188/2025): one card per person, the highest
/// state share first.
@Suite("Health-insurance entitlement")
struct HealthInsuranceRulesTests {
    @Test func theHighestShareWins() {
        var f = HealthInsuranceFacts(age: 4)
        f.householdClass = .nearPoor
        #expect(HealthInsuranceRules.bases(f) == [.childUnder6, .nearPoorHousehold])
        #expect(HealthInsuranceRules.entitlement(f) == .childUnder6)
        f.age = 6
        #expect(HealthInsuranceRules.entitlement(f)?.statePercent == 70)
        f.merit = true
        #expect(HealthInsuranceRules.entitlement(f) == .merit)
        var g = HealthInsuranceFacts(age: 45)
        #expect(HealthInsuranceRules.entitlement(g) == nil)
        g.householdClass = .middle
        #expect(HealthInsuranceRules.entitlement(g)?.statePercent == 30)
        g.monthlyAllowance = true
        #expect(HealthInsuranceRules.entitlement(g) == .socialAllowance)
        g = HealthInsuranceFacts(age: 45)
        g.difficultArea = true
        #expect(HealthInsuranceRules.entitlement(g)?.statePercent == 100)
    }
}
