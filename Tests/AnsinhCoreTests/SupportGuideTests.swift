import Foundation
import Testing
@testable import AnsinhCore

/// The support guide takes its amounts from the allowance rules and refuses a line it could not
/// work out.
@Suite("Support guide")
struct SupportGuideTests {
    func guide(_ lines: String, forms: String = "[]", papers: String = "[]") throws -> SupportGuide {
        let json =
            #"{"id":"t","basis":"b","regimes":[{"id":"r","basis":"b","request_kind":"question","lines":\#(lines),"forms":\#(forms),"papers":\#(papers)}]}"#
        return try SupportGuide(json: Data(json.utf8), rules: .shared)
    }

    @Test func theShippedGuideWorksOutEveryLineFromTheRules() throws {
        let g = SupportGuide.shared
        #expect(
            g.regimes.map(\.id) == [
                "monthly_allowance", "social_pension", "care_support", "health_insurance", "funeral", "sudden_hardship", "school_fee", "residential_care",
            ])
        let september = YearMonth(year: 2026, month: 9)!
        let monthly = g.amounts(g.regimes[0], rules: .shared, month: september)
        #expect(
            monthly.first
                == SupportGuide.Amount(label: "allowance.category.D20-5.1", coefficient: Coefficient(tenths: 15), amount: 750_000, kilograms: nil, months: nil))
        // Decree 20 Art. 11: a funeral is 20 × the level; before the 2024 level it was 360,000.
        let funeral = g.regimes.first { $0.id == "funeral" }!
        #expect(g.amounts(funeral, rules: .shared, month: september)[0].amount == 10_000_000)
        #expect(g.amounts(funeral, rules: .shared, month: YearMonth(year: 2023, month: 1)!)[0].amount == 7_200_000)
        // The social pension did not exist before July 2025.
        let pension = g.regimes.first { $0.id == "social_pension" }!
        #expect(g.amounts(pension, rules: .shared, month: YearMonth(year: 2025, month: 6)!)[0].amount == nil)
    }

    @Test func aLineTheRulesCannotWorkOutIsRefused() throws {
        #expect(throws: RuleFileError.self) { try guide(#"[{"label":"x","coefficient":"D20-99"}]"#) }
        #expect(throws: RuleFileError.self) { try guide(#"[{"label":"x"}]"#) }
        #expect(throws: RuleFileError.self) { try guide(#"[{"label":"x","coefficient":"D20-5.1","fixed":"D20-15.1.house_lost"}]"#) }
        #expect(throws: RuleFileError.self) { try guide(#"[{"label":"x","rice_kg":"no_such_limit"}]"#) }
        #expect(throws: RuleFileError.self) { try guide("[]", forms: #"["9z"]"#) }
        #expect(throws: RuleFileError.self) { try guide("[]", papers: #"["passport"]"#) }
        #expect(try guide(#"[{"label":"x","fixed":"D20-15.1.house_lost"}]"#).regimes[0].lines.count == 1)
    }
}
