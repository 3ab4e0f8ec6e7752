import Testing

@testable import AnsinhCore

/// The school-fee and learning-cost rules (Decree 81/2021 as replaced by Decree 238/2025;
/// Resolution 217/2025/QH15), each ground and level checked on its own.
@Suite("Education support rules")
struct EducationRulesTests {
    let rules = EducationRules.shared

    func facts(_ level: SchoolLevel, _ ownership: SchoolOwnership, _ year: Int, _ set: (inout EducationFacts) -> Void = { _ in }) -> EducationFacts {
        var f = EducationFacts(level: level, ownership: ownership, year: SchoolYear(year))
        set(&f)
        return f
    }

    @Test func theRuleFileIsReadAndCitesItsBasis() {
        #expect(rules.freePublicFrom == 2025 && rules.nearPoorReductionPercent == 50)
        #expect(rules.learningCostMonthly == 150_000 && rules.learningCostMonths == 9)
        #expect(rules.basis.contains("238/2025") && rules.basis.contains("217/2025") && rules.basis.contains("[U"))
    }

    @Test func publicGeneralSchoolsChargeNoTuitionFrom2025AndTheLearningCostStays() {
        let s = rules.support(facts(.primary, .public, 2025) { $0.householdClass = .poor })
        #expect(s.tuition == .free && s.tuitionGrounds.isEmpty)
        #expect(s.learningCostGrounds == [.poorHousehold] && s.learningCost == 1_350_000 && s.isEntitled)
        // Nothing of the pupil's own: free for all, nothing to agree with the school.
        let plain = rules.support(facts(.upperSecondary, .public, 2025))
        #expect(plain.tuition == .free && plain.learningCost == 0 && !plain.isEntitled)
    }

    @Test func beforeResolution217APoorHouseholdsChildIsExempted() {
        let s = rules.support(facts(.primary, .public, 2024) { $0.householdClass = .poor })
        #expect(s.tuition == .exempt && s.tuitionPercent == 100 && s.tuitionGrounds == [.poorHousehold] && s.learningCost == 1_350_000)
    }

    @Test func aNearPoorPrivatePupilIsReducedByHalfWithNoLearningCost() {
        let s = rules.support(facts(.preschool, .private, 2026) { $0.householdClass = .nearPoor })
        #expect(s.tuition == .reduced && s.tuitionPercent == 50 && s.tuitionGrounds == [.nearPoorHousehold] && s.learningCost == 0 && s.isEntitled)
    }

    @Test func everyGroundIsNamedAndAnExemptionBeatsAReduction() {
        let s = rules.support(
            facts(.lowerSecondary, .private, 2026) {
                $0.merit = true; $0.disability = true; $0.noSourceOfCare = true; $0.householdClass = .nearPoor; $0.difficultArea = true
            })
        #expect(s.tuition == .exempt && s.tuitionGrounds == [.merit, .disability, .noSourceOfCare])
        #expect(s.learningCostGrounds == [.noSourceOfCare, .disability, .difficultArea] && s.learningCost == 1_350_000)
    }

    @Test func vocationalLearnersHaveNoPoorHouseholdExemptionNorLearningCost() {
        let poor = rules.support(facts(.vocational, .public, 2026) { $0.householdClass = .poor })
        #expect(poor.tuition == .none && poor.learningCost == 0 && !poor.isEntitled)
        let orphan = rules.support(facts(.vocational, .public, 2026) { $0.noSourceOfCare = true })
        #expect(orphan.tuition == .exempt && orphan.tuitionGrounds == [.noSourceOfCare] && orphan.learningCost == 0)
    }

    @Test func aSchoolYearStartsInSeptember() {
        #expect(SchoolYear.of(LocalDate(iso: "2025-08-31")!).start == 2024)
        #expect(SchoolYear.of(LocalDate(iso: "2025-09-01")!).start == 2025)
        #expect(SchoolYear(2025).label == "2025–2026" && SchoolYear(2025).firstDay.iso == "2025-09-01")
    }

    @Test func aChildWithNoSourceOfCareIsAbandonedOrHasBothParentsGone() {
        var c = PersonCircumstances()
        #expect(!c.noSourceOfCare)
        c.parents = [ParentFact(status: .dead), ParentFact(status: .imprisoned)]
        #expect(c.noSourceOfCare)
        c.parents = [ParentFact(status: .dead), ParentFact(status: .present)]
        #expect(!c.noSourceOfCare)
        c.abandoned = true
        #expect(c.noSourceOfCare)
    }
}
