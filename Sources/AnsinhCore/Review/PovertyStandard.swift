import Foundation

/// The living-standard class of a household for one period (Decree 07/2021 Art. 3(2);
/// Decree 351/2025). "Above middle" covers every household above the middle band, or above the
/// income line when a standard defines no middle band.
public enum PovertyClass: String, CaseIterable, Sendable, Codable {
    /// The class of the latest period up to `year` among a household's official classes
    /// (period → class); nil when it has none by then.
    public static func latest(_ classes: [Int: PovertyClass], upTo year: Int) -> PovertyClass? {
        classes.filter { $0.key <= year }.max { $0.key < $1.key }?.value
    }

    case poor
    case nearPoor = "near_poor"
    case middle
    case aboveMiddle = "above_middle"
}

/// One multidimensional poverty standard, loaded from a rule file in `Resources/Rules/`. A new
/// decree is a new file: nothing here names a decree.
public struct PovertyStandard: Sendable, Codable, Equatable {
    public struct Lines: Sendable, Codable, Equatable {
        public let rural: Int64
        public let urban: Int64
        public func value(_ area: AreaType) -> Int64 { area == .rural ? rural : urban }
    }
    public struct Indicator: Sendable, Codable, Equatable {
        public let code: String
        public let dimension: String
    }

    public let id: String
    public let title: String
    public let citation: String
    /// The periods (years) this standard classifies, inclusive.
    public let firstPeriod: Int
    public let lastPeriod: Int
    /// Income per person per month at or below which a household is poor or near-poor.
    public let incomeLine: Lines
    /// Upper bound of the middle living standard; nil when the standard defines none.
    public let middleLine: Lines?
    /// Deprivations from which a household under the line is poor rather than near-poor.
    public let poorMinDeprivations: Int
    public let confidence: String
    public let indicators: [Indicator]

    enum CodingKeys: String, CodingKey {
        case id, title, citation, confidence, indicators
        case firstPeriod = "first_period", lastPeriod = "last_period", incomeLine = "income_line"
        case middleLine = "middle_line", poorMinDeprivations = "poor_min_deprivations"
    }

    public var indicatorCodes: [String] { indicators.map(\.code) }
    public func covers(_ period: Int) -> Bool { (firstPeriod...lastPeriod).contains(period) }

    /// The problems that make this file unusable, in plain words (checked at start).
    public func problems() -> [String] {
        var p: [String] = []
        if id.isEmpty { p.append("id is empty") }
        if firstPeriod > lastPeriod { p.append("first_period is after last_period") }
        if incomeLine.rural <= 0 || incomeLine.urban <= 0 { p.append("income_line must be positive") }
        if let m = middleLine, m.rural <= incomeLine.rural || m.urban <= incomeLine.urban {
            p.append("middle_line must be above income_line")
        }
        if poorMinDeprivations < 1 || poorMinDeprivations > indicators.count { p.append("poor_min_deprivations out of range") }
        if Set(indicatorCodes).count != indicators.count { p.append("indicator codes repeat") }
        if indicators.contains(where: { $0.code.isEmpty || $0.code.contains(",") }) { p.append("an indicator code is empty or has a comma") }
        return p
    }
}

/// The input of a classification: what the survey found.
public struct PovertySurvey: Sendable, Equatable {
    public let period: Int
    public let area: AreaType
    /// Income per person per month, đồng.
    public let incomePerPerson: Int64
    public let deprivations: Set<String>
    public init(period: Int, area: AreaType, incomePerPerson: Int64, deprivations: Set<String>) {
        self.period = period; self.area = area; self.incomePerPerson = incomePerPerson; self.deprivations = deprivations
    }
}

/// One reason behind a classification: a stable code for machines and a message for people.
public struct Reason: Sendable, Equatable, Codable {
    public let code: String
    public let message: Message
    public init(_ code: String, _ args: [String: String] = [:]) { self.code = code; self.message = Message("reason.\(code)", args) }
}

public struct PovertyResult: Sendable, Equatable {
    public let povertyClass: PovertyClass
    public let standard: PovertyStandard
    public let deprivationCount: Int
    public let reasons: [Reason]
}

/// All poverty standards, each valid for a range of periods.
public struct PovertyRules: Sendable {
    public let standards: [PovertyStandard]

    /// The standards shipped in `Resources/Rules/poverty-*.json`, validated; a broken or
    /// overlapping file stops start-up with its name and the problem.
    public static func bundled() throws -> PovertyRules {
        let dir = Bundle.module.bundleURL.appendingPathComponent("Resources/Rules")
        let files = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasPrefix("poverty-") && $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        var list: [PovertyStandard] = []
        for f in files {
            let s: PovertyStandard
            do { s = try JSONDecoder().decode(PovertyStandard.self, from: Data(contentsOf: f)) } catch {
                throw RuleFileError(file: f.lastPathComponent, problem: "\(error)")
            }
            if let p = s.problems().first { throw RuleFileError(file: f.lastPathComponent, problem: p) }
            list.append(s)
        }
        return try PovertyRules(list)
    }

    public init(_ standards: [PovertyStandard]) throws {
        let sorted = standards.sorted { $0.firstPeriod < $1.firstPeriod }
        for (a, b) in zip(sorted, sorted.dropFirst()) where b.firstPeriod <= a.lastPeriod {
            throw RuleFileError(file: b.id, problem: "periods overlap with \(a.id)")
        }
        self.standards = sorted
    }

    /// Loaded once; the rule files are part of the binary.
    public static let shared: PovertyRules = {
        do { return try bundled() } catch { fatalError("poverty rules: \(error)") }
    }()

    public func standard(for period: Int) -> PovertyStandard? { standards.first { $0.covers(period) } }
    public func standard(id: String) -> PovertyStandard? { standards.first { $0.id == id } }
    /// Every period some standard covers.
    public var periods: ClosedRange<Int> { (standards.first?.firstPeriod ?? 0)...(standards.last?.lastPeriod ?? 0) }

    /// Checks a survey against the standard of its period: the errors name the field and the
    /// offending code.
    public func validate(period: Int, deprivations: [String], income: Int64?) -> [FieldError] {
        var errors: [FieldError] = []
        guard let standard = standard(for: period) else {
            return [
                FieldError(
                    field: "period",
                    message: Message(
                        "review.error.no_standard",
                        ["period": "\(period)", "first": "\(periods.lowerBound)", "last": "\(periods.upperBound)"]))
            ]
        }
        let known = Set(standard.indicatorCodes)
        for code in deprivations where !known.contains(code) {
            let elsewhere = standards.contains { $0.indicatorCodes.contains(code) }
            errors.append(
                FieldError(
                    field: "deprivations",
                    message: Message(
                        elsewhere ? "review.error.indicator_not_in_period" : "review.error.unknown_indicator",
                        ["code": code, "period": "\(period)", "standard": standard.id])))
        }
        if Set(deprivations).count != deprivations.count {
            errors.append(FieldError(field: "deprivations", message: Message("review.error.indicator_repeated")))
        }
        if let income, income < 0 || income > 1_000_000_000 {
            errors.append(FieldError(field: "income_per_person", message: Message("review.error.income_range")))
        }
        return errors
    }

    /// Classifies a household. Decree 07/2021 Art. 3(2): poor = income ≤ line AND deprivations
    /// ≥ 3; near-poor = income ≤ line AND < 3; above the line never poor or near-poor, however
    /// deprived (the AND rule; some news reports wrongly say "or").
    public func classify(_ survey: PovertySurvey) throws -> PovertyResult {
        let errors = validate(period: survey.period, deprivations: Array(survey.deprivations), income: survey.incomePerPerson)
        guard errors.isEmpty, let standard = standard(for: survey.period) else { throw AppError.validation(errors) }
        return Self.classify(survey, standard: standard)
    }

    /// The rule itself, for a standard already chosen (the bulk job runs the same rule in SQL and
    /// a test checks both agree).
    public static func classify(_ survey: PovertySurvey, standard: PovertyStandard) -> PovertyResult {
        let line = standard.incomeLine.value(survey.area)
        let count = survey.deprivations.count
        let args = [
            "income": Message.money(survey.incomePerPerson), "line": Message.money(line), "area": "@area.\(survey.area.rawValue)",
            "count": "\(count)", "min": "\(standard.poorMinDeprivations)", "citation": standard.citation,
        ]
        var reasons: [Reason] = []
        let cls: PovertyClass
        if survey.incomePerPerson <= line {
            reasons.append(Reason("income_at_or_below_line", args))
            if count >= standard.poorMinDeprivations {
                reasons.append(Reason("deprivations_at_least_min", args)); cls = .poor
            } else {
                reasons.append(Reason("deprivations_below_min", args)); cls = .nearPoor
            }
        } else {
            reasons.append(Reason("income_above_line", args))
            if let middle = standard.middleLine {
                var a = args; a["middle"] = Message.money(middle.value(survey.area))
                if survey.incomePerPerson <= middle.value(survey.area) {
                    reasons.append(Reason("income_within_middle_band", a)); cls = .middle
                } else {
                    reasons.append(Reason("income_above_middle_band", a)); cls = .aboveMiddle
                }
            } else {
                reasons.append(Reason("no_middle_band", args)); cls = .aboveMiddle
            }
        }
        return PovertyResult(povertyClass: cls, standard: standard, deprivationCount: count, reasons: reasons)
    }
}

public struct RuleFileError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let problem: String
    public var description: String { "rule file \(file): \(problem)" }
}
