import Foundation

/// The level of a school or class. Preschool and the three general levels are "preschool and
/// general education", where the learning-cost support and the poor-household exemption apply
/// (Decree 81/2021 Art. 15(4), 18).
public enum SchoolLevel: String, CaseIterable, Sendable, Codable {
    case preschool, primary
    case lowerSecondary = "lower_secondary"
    case upperSecondary = "upper_secondary"
    case vocational, higher

    /// Preschool or general education.
    public var isGeneral: Bool { self != .vocational && self != .higher }
}

/// Whether a school is public or private (non-public); Resolution 217/2025/QH15 frees only
/// public schools from tuition, a province supports private-school pupils at its own level.
public enum SchoolOwnership: String, CaseIterable, Sendable, Codable { case `public`, `private` }

/// A school year, named by the year it starts ("2025–2026" is 2025). Facts are read as they
/// stood on its first day.
public struct SchoolYear: Sendable, Hashable, Comparable {
    public let start: Int
    public init(_ start: Int) { self.start = start }
    /// 1 September of the starting year: the school year's opening (the Ministry's calendar
    /// opens it on 5 September; facts of that week do not differ).
    public var firstDay: LocalDate { LocalDate(year: start, month: 9, day: 1)! }
    /// "2025–2026".
    public var label: String { "\(start)–\(start + 1)" }
    /// The school year a day falls in: from September on, the one starting that year.
    public static func of(_ day: LocalDate) -> SchoolYear { SchoolYear(day.month >= 9 ? day.year : day.year - 1) }
    public static func < (a: SchoolYear, b: SchoolYear) -> Bool { a.start < b.start }
}

/// Why a learner's tuition is waived or reduced, or why they get the learning-cost support.
public enum EducationGround: String, CaseIterable, Sendable, Codable {
    /// A person with meritorious service or a covered relative (Decree 81/2021 Art. 15(1)).
    case merit
    /// A learner with a disability, any level on the certificate (Art. 15(2); Art. 18).
    case disability
    /// A child with no source of care: abandoned, or both parents dead, missing, in a facility
    /// or in prison (Decree 20/2021 Art. 5(1)–(2); Decree 81 Art. 15(3), 18).
    case noSourceOfCare = "no_source_of_care"
    /// A member of a poor household (Art. 15(4): preschool and general education; Art. 18).
    case poorHousehold = "poor_household"
    /// A member of a near-poor household: the reduction (Art. 16) [U].
    case nearPoorHousehold = "near_poor_household"
    /// Living in an extremely difficult village or commune (Art. 18).
    case difficultArea = "difficult_area"
}

/// What a learner pays of the tuition.
public enum TuitionTreatment: String, CaseIterable, Sendable, Codable {
    /// No tuition by law for everyone at the level (Resolution 217/2025/QH15).
    case free
    /// Exempted on a ground of the learner's.
    case exempt
    /// Reduced by a share on a ground of the learner's.
    case reduced
    /// Pays the tuition.
    case none
}

/// What the education rules read about a learner on the school year's first day.
public struct EducationFacts: Sendable, Equatable {
    public var level: SchoolLevel
    public var ownership: SchoolOwnership
    public var year: SchoolYear
    public var merit = false
    public var disability = false
    public var noSourceOfCare = false
    public var householdClass: PovertyClass? = nil
    public var difficultArea = false
    public init(level: SchoolLevel, ownership: SchoolOwnership, year: SchoolYear) {
        self.level = level; self.ownership = ownership; self.year = year
    }
}

/// A learner's support for a school year: the tuition and its grounds, the learning-cost
/// support and its grounds.
public struct EducationSupport: Sendable, Equatable {
    public let tuition: TuitionTreatment
    /// The share of the tuition waived, in percent (100 when free or exempt).
    public let tuitionPercent: Int
    public let tuitionGrounds: [EducationGround]
    public let learningCostGrounds: [EducationGround]
    /// The learning-cost support for the year, in đồng (0 when none).
    public let learningCost: Int64

    /// Whether the school has something to agree with the ward: a waiver on the learner's own
    /// ground, or the learning-cost support (a tuition free for all needs no list).
    public var isEntitled: Bool { tuition == .exempt || tuition == .reduced || learningCost > 0 }
}

/// The school-fee and learning-cost rules as data (`Resources/Rules/education.json`): Decree
/// 81/2021/NĐ-CP as replaced by Decree 238/2025/NĐ-CP, and Resolution 217/2025/QH15 [S].
public struct EducationRules: Sendable {
    public let id: String
    public let basis: String
    /// From this school year, public preschool and general education charge no tuition.
    public let freePublicFrom: Int
    public let nearPoorReductionPercent: Int
    public let learningCostMonthly: Int64
    public let learningCostMonths: Int

    struct File: Codable {
        let id: String
        let basis: String
        let free_public_from_school_year: Int
        let near_poor_reduction_percent: Int
        let learning_cost_monthly: Int64
        let learning_cost_months: Int
    }

    public static let shared: EducationRules = {
        let url = Bundle.module.bundleURL.appendingPathComponent("Resources/Rules/education.json")
        // The file ships with Ansinh; a broken one is a build defect caught by the tests.
        let f = try! JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        return EducationRules(
            id: f.id, basis: f.basis, freePublicFrom: f.free_public_from_school_year, nearPoorReductionPercent: f.near_poor_reduction_percent,
            learningCostMonthly: f.learning_cost_monthly, learningCostMonths: f.learning_cost_months)
    }()

    /// The support `f` gives, every ground named.
    public func support(_ f: EducationFacts) -> EducationSupport {
        var exempt: [EducationGround] = []
        // Art. 15(1)–(3): at every level.
        if f.merit { exempt.append(.merit) }
        if f.disability { exempt.append(.disability) }
        if f.noSourceOfCare { exempt.append(.noSourceOfCare) }
        // Art. 15(4): a poor household's child in preschool or general education.
        if f.householdClass == .poor && f.level.isGeneral { exempt.append(.poorHousehold) }
        let tuition: TuitionTreatment, percent: Int, grounds: [EducationGround]
        if f.ownership == .public && f.level.isGeneral && f.year.start >= freePublicFrom {
            (tuition, percent, grounds) = (.free, 100, [])
        } else if !exempt.isEmpty {
            (tuition, percent, grounds) = (.exempt, 100, exempt)
        } else if f.householdClass == .nearPoor && f.level.isGeneral {
            (tuition, percent, grounds) = (.reduced, nearPoorReductionPercent, [.nearPoorHousehold])
        } else {
            (tuition, percent, grounds) = (.none, 0, [])
        }
        // Art. 18: preschool and general learners orphaned of both parents (no source of care),
        // with a disability, of a poor household, or in an extremely difficult area.
        var cost: [EducationGround] = []
        if f.level.isGeneral {
            if f.noSourceOfCare { cost.append(.noSourceOfCare) }
            if f.disability { cost.append(.disability) }
            if f.householdClass == .poor { cost.append(.poorHousehold) }
            if f.difficultArea { cost.append(.difficultArea) }
        }
        return EducationSupport(
            tuition: tuition, tuitionPercent: percent, tuitionGrounds: grounds, learningCostGrounds: cost,
            learningCost: cost.isEmpty ? 0 : learningCostMonthly * Int64(learningCostMonths))
    }
}

/// A learner's support on the school's list: proposed by the ward → applied by the school (the
/// day it was agreed) or not applied (the reason, e.g. the pupil moved school).
public enum EducationSupportLifecycle: Lifecycle {
    public enum State: String, CaseIterable, Sendable {
        case proposed, applied
        case notApplied = "not_applied"
    }
    public enum Transition: String, CaseIterable, Sendable { case apply, decline }
    public static let entity = "education_support"
    public static func auditAction(_ t: Transition) -> String { "education_support_" + t.rawValue }

    public static func rule(_ t: Transition) -> TransitionRule<State> {
        switch t {
        case .apply: return .init(from: [.proposed], to: .applied, .manageEducation, requires: ["applied_on"])
        case .decline: return .init(from: [.proposed], to: .notApplied, .manageEducation, requires: ["reason"])
        }
    }

    public static func refusal(_ t: Transition, from state: State) -> AppError {
        .conflict(Message("education.error.state", ["status": "@education.status.\(state.rawValue)"]))
    }
}
