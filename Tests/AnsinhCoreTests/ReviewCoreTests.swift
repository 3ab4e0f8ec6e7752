import Foundation
import Testing
@testable import AnsinhCore

/// Every boundary of policy reference §3: the exact line, 2 vs 3 deprivations, urban vs rural,
/// the middle band, and period 2026 (Decree 07/2021) vs 2027 (Decree 351/2025).
@Suite("Poverty classification")
struct ReviewCoreTests {
    let rules = PovertyRules.shared
    static let three: Set<String> = ["health_insurance", "latrine", "telecom"]
    static let two: Set<String> = ["health_insurance", "latrine"]

    struct Case: Sendable, CustomTestStringConvertible {
        let period: Int, area: AreaType, income: Int64, deprivations: Set<String>, expected: PovertyClass, standard: String
        var testDescription: String { "\(period) \(area.rawValue) \(income) ×\(deprivations.count) → \(expected.rawValue)" }
    }

    static let cases: [Case] = [
        // Decree 07/2021, rural line 1,500,000; middle band to 2,250,000.
        Case(period: 2025, area: .rural, income: 1_450_000, deprivations: three, expected: .poor, standard: "VN-ND07-2021"),
        Case(period: 2025, area: .rural, income: 1_500_000, deprivations: three, expected: .poor, standard: "VN-ND07-2021"),
        Case(period: 2025, area: .rural, income: 1_500_000, deprivations: two, expected: .nearPoor, standard: "VN-ND07-2021"),
        Case(period: 2025, area: .rural, income: 1_500_000, deprivations: [], expected: .nearPoor, standard: "VN-ND07-2021"),
        Case(period: 2025, area: .rural, income: 1_500_001, deprivations: three, expected: .middle, standard: "VN-ND07-2021"),
        Case(
            period: 2025, area: .rural, income: 1_500_001, deprivations: Set(PovertyRules.shared.standard(for: 2025)!.indicatorCodes), expected: .middle,
            standard: "VN-ND07-2021"),
        Case(period: 2025, area: .rural, income: 2_250_000, deprivations: [], expected: .middle, standard: "VN-ND07-2021"),
        Case(period: 2025, area: .rural, income: 2_250_001, deprivations: [], expected: .aboveMiddle, standard: "VN-ND07-2021"),
        // Urban line 2,000,000; middle band to 3,000,000.
        Case(period: 2025, area: .urban, income: 1_500_001, deprivations: three, expected: .poor, standard: "VN-ND07-2021"),
        Case(period: 2025, area: .urban, income: 2_000_000, deprivations: three, expected: .poor, standard: "VN-ND07-2021"),
        Case(period: 2025, area: .urban, income: 2_000_000, deprivations: two, expected: .nearPoor, standard: "VN-ND07-2021"),
        Case(period: 2025, area: .urban, income: 2_000_001, deprivations: three, expected: .middle, standard: "VN-ND07-2021"),
        Case(period: 2025, area: .urban, income: 3_000_000, deprivations: [], expected: .middle, standard: "VN-ND07-2021"),
        Case(period: 2025, area: .urban, income: 3_000_001, deprivations: [], expected: .aboveMiddle, standard: "VN-ND07-2021"),
        // 2026 still uses Decree 07/2021.
        Case(period: 2026, area: .rural, income: 1_500_001, deprivations: three, expected: .middle, standard: "VN-ND07-2021"),
        Case(period: 2026, area: .urban, income: 2_000_000, deprivations: three, expected: .poor, standard: "VN-ND07-2021"),
        // From 2027, Decree 351/2025: 2,200,000 rural / 2,800,000 urban, no middle band known.
        Case(period: 2027, area: .rural, income: 1_500_001, deprivations: three, expected: .poor, standard: "VN-ND351-2025"),
        Case(period: 2027, area: .rural, income: 2_200_000, deprivations: three, expected: .poor, standard: "VN-ND351-2025"),
        Case(period: 2027, area: .rural, income: 2_200_000, deprivations: two, expected: .nearPoor, standard: "VN-ND351-2025"),
        Case(period: 2027, area: .rural, income: 2_200_001, deprivations: three, expected: .aboveMiddle, standard: "VN-ND351-2025"),
        Case(
            period: 2027, area: .urban, income: 2_800_000, deprivations: ["waste_treatment", "latrine", "telecom"], expected: .poor, standard: "VN-ND351-2025"),
        Case(period: 2027, area: .urban, income: 2_800_001, deprivations: [], expected: .aboveMiddle, standard: "VN-ND351-2025"),
        Case(period: 2022, area: .urban, income: 0, deprivations: [], expected: .nearPoor, standard: "VN-ND07-2021"),
    ]

    @Test(arguments: cases)
    func boundary(_ c: Case) throws {
        let r = try rules.classify(PovertySurvey(period: c.period, area: c.area, incomePerPerson: c.income, deprivations: c.deprivations))
        #expect(r.povertyClass == c.expected)
        #expect(r.standard.id == c.standard)
        #expect(r.deprivationCount == c.deprivations.count)
    }

    @Test func reasonsExplainTheClass() throws {
        let r = try rules.classify(PovertySurvey(period: 2025, area: .rural, incomePerPerson: 1_450_000, deprivations: Self.three))
        #expect(r.reasons.map(\.code) == ["income_at_or_below_line", "deprivations_at_least_min"])
        let text = MessageCatalogue.shared.text(r.reasons[0].message, .vi)
        #expect(text.contains("1.450.000 ₫") && text.contains("1.500.000 ₫"))
        let above = try rules.classify(PovertySurvey(period: 2027, area: .rural, incomePerPerson: 2_300_000, deprivations: []))
        #expect(above.reasons.map(\.code) == ["income_above_line", "no_middle_band"])
    }

    @Test func indicatorSetsDifferByPeriod() {
        #expect(rules.standard(for: 2026)!.indicatorCodes.count == 12)
        #expect(rules.standard(for: 2027)!.indicatorCodes.count == 12)
        #expect(rules.standard(for: 2027)!.indicatorCodes.contains("waste_treatment"))
        #expect(!rules.standard(for: 2027)!.indicatorCodes.contains("information_access"))
        // information_access exists, but not in 2027; "roads" exists nowhere.
        let e1 = rules.validate(period: 2027, deprivations: ["information_access"], income: 1)
        #expect(e1.map(\.message.key) == ["review.error.indicator_not_in_period"])
        #expect(e1.first?.message.args["code"] == "information_access")
        let e2 = rules.validate(period: 2026, deprivations: ["waste_treatment", "roads"], income: 1)
        #expect(e2.map(\.message.key) == ["review.error.indicator_not_in_period", "review.error.unknown_indicator"])
        #expect(rules.validate(period: 2021, deprivations: [], income: 1).map(\.field) == ["period"])
        #expect(rules.validate(period: 2031, deprivations: [], income: 1).map(\.field) == ["period"])
        #expect(rules.validate(period: 2025, deprivations: [], income: -1).map(\.field) == ["income_per_person"])
        #expect(throws: AppError.self) { try rules.classify(PovertySurvey(period: 2025, area: .rural, incomePerPerson: 1, deprivations: ["roads"])) }
    }

    @Test func ruleFilesAreValidatedAndMayNotOverlap() throws {
        let a = rules.standard(for: 2025)!
        #expect(a.problems().isEmpty)
        #expect(throws: RuleFileError.self) { try PovertyRules([a, a]) }
        let broken = try JSONDecoder().decode(
            PovertyStandard.self,
            from: Data(
                """
                {"id":"X","title":"x","citation":"x","first_period":2030,"last_period":2029,"income_line":{"rural":1,"urban":1},
                 "middle_line":{"rural":1,"urban":1},"poor_min_deprivations":3,"confidence":"U","indicators":[]}
                """.utf8))
        #expect(broken.problems().count >= 3)
    }

    @Test func meetingNeedsHalfOfThosePresent() {
        #expect(GroupMeeting(present: 20, agree: 10).passed)
        #expect(!GroupMeeting(present: 20, agree: 9).passed)
        #expect(GroupMeeting(present: 21, agree: 11).passed)
        #expect(!GroupMeeting(present: 21, agree: 10).passed)
        #expect(!GroupMeeting(present: 0, agree: 0).passed)
        #expect(GroupMeeting(present: 5, agree: 6).problems().map(\.field) == ["agree"])
    }

    @Test func vulnerabilityIsExplained() {
        let day = LocalDate(iso: "2026-11-25")!
        var f = VulnerabilityFacts()
        f.lastClass = .middle; f.lastIncome = 1_650_000; f.lastLine = 1_500_000
        #expect(Vulnerability.derive(f, on: day).map(\.flag) == [.atRisk])  // exactly 10% above
        f.lastIncome = 1_650_001
        #expect(Vulnerability.derive(f, on: day).isEmpty)
        f.hardshipDates = [LocalDate(iso: "2025-11-01")!]
        #expect(Vulnerability.derive(f, on: day).map(\.flag) == [.atRisk])
        f.hardshipDates = [LocalDate(iso: "2025-10-31")!]
        #expect(Vulnerability.derive(f, on: day).isEmpty)
        var s = ReviewSettings(); s.hardshipWindowMonths = 24
        #expect(Vulnerability.derive(f, on: day, settings: s).map(\.flag) == [.atRisk])
        f.lastClass = .nearPoor; f.hardshipDates = []; f.difficultReasons = ["Chồng bị tai nạn lao động"]
        #expect(Vulnerability.derive(f, on: day).map(\.flag) == [.atRisk, .difficultCircumstances])
    }
}
