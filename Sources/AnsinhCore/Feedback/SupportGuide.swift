import Foundation

/// The ward's support regimes explained to residents (issue "open door": who, how much, which
/// papers), from `Resources/Rules/support-guide.json`. The amounts are never written in the
/// guide: each line names a coefficient, a fixed amount, the social pension or a limit of the
/// allowance rule file, so the public page says what a decision would pay in that month and
/// province, and changes with the rules.
public struct SupportGuide: Sendable {
    /// One line of a regime: what it is for and where its amount comes from (one of them).
    public struct Line: Sendable, Decodable, Equatable {
        /// A catalogue key naming the group or the support.
        public let label: String
        /// `coefficient × standard level` (Decree 20 Art. 6).
        public let coefficient: String?
        /// A fixed amount in đồng (Art. 15).
        public let fixed: String?
        /// The social pension level (Law on Social Insurance 2024 Art. 22).
        public let socialPension: Bool?
        /// Kilograms of rice per person per month, a limit of the rule file (Art. 12(1)).
        public let riceKg: String?
        /// The learning-cost support a month (Decree 238/2025 Art. 18, from the education rules).
        public let learningCost: Bool?

        enum CodingKeys: String, CodingKey {
            case label, coefficient, fixed, socialPension = "social_pension", riceKg = "rice_kg", learningCost = "learning_cost"
        }
    }

    /// One regime: its plain words are `guide.<id>.title`, `.who` and `.how` in the catalogue.
    public struct Regime: Sendable, Decodable, Equatable {
        public let id: String
        public let basis: String
        /// What a resident sends online to ask for it.
        public let requestKind: RequestKind
        public let lines: [Line]
        /// Declaration forms (`ApplicationForm` codes) and papers (`ApplicationDocument` codes).
        public let forms: [String]
        public let papers: [String]

        enum CodingKeys: String, CodingKey { case id, basis, requestKind = "request_kind", lines, forms, papers }
    }

    /// A line as worked out for a month: the amount in đồng, or the kilograms of rice.
    public struct Amount: Sendable, Equatable {
        public let label: String
        public let coefficient: Coefficient?
        public let amount: Int64?
        public let kilograms: Int?
        /// Months a year the amount is paid for, when limited (learning costs: 9).
        public let months: Int?
    }

    public let id: String
    public let basis: String
    public let regimes: [Regime]

    struct File: Decodable { let id: String; let basis: String; let regimes: [Regime] }

    /// Reads a guide and checks every line against the rules it will be worked out with: a
    /// line with no source or two, a coefficient, fixed amount or limit the allowance rules do
    /// not have, an unknown form or paper, or a repeated regime is refused.
    public init(json: Data, rules: AllowanceRules) throws {
        let f = try JSONDecoder().decode(File.self, from: json)
        var seen: Set<String> = []
        for r in f.regimes {
            if !seen.insert(r.id).inserted { throw RuleFileError(file: f.id, problem: "repeated regime \(r.id)") }
            for l in r.lines {
                let sources = [l.coefficient != nil, l.fixed != nil, l.socialPension == true, l.riceKg != nil, l.learningCost == true].filter { $0 }.count
                if sources != 1 { throw RuleFileError(file: f.id, problem: "\(r.id): line \(l.label) needs exactly one source") }
                if let c = l.coefficient, rules.coefficients[c] == nil { throw RuleFileError(file: f.id, problem: "unknown coefficient \(c)") }
                if let x = l.fixed, rules.fixedAmounts[x] == nil { throw RuleFileError(file: f.id, problem: "unknown fixed amount \(x)") }
                if let k = l.riceKg, rules.limits[k] == nil { throw RuleFileError(file: f.id, problem: "unknown limit \(k)") }
            }
            if let bad = r.forms.first(where: { ApplicationForm(rawValue: $0) == nil }) { throw RuleFileError(file: f.id, problem: "unknown form \(bad)") }
            if let bad = r.papers.first(where: { ApplicationDocument(rawValue: $0) == nil }) {
                throw RuleFileError(file: f.id, problem: "unknown paper \(bad)")
            }
        }
        id = f.id; basis = f.basis; regimes = f.regimes
    }

    /// The guide shipped with Ansinh, checked against the shipped allowance rules.
    public static let shared: SupportGuide = {
        let url = Bundle.module.bundleURL.appendingPathComponent("Resources/Rules/support-guide.json")
        do { return try SupportGuide(json: try Data(contentsOf: url), rules: .shared) } catch { fatalError("support guide: \(error)") }
    }()

    /// A regime's lines worked out for `month` under `rules` (already for the ward's province):
    /// a coefficient line with no standard level in force, or the social pension before it
    /// existed, has no amount.
    public func amounts(_ r: Regime, rules: AllowanceRules, month: YearMonth, education: EducationRules = .shared) -> [Amount] {
        let level = rules.standardLevel(month)?.amount
        return r.lines.map { l in
            if let code = l.coefficient {
                let c = rules.coefficient(code)
                return Amount(label: l.label, coefficient: c, amount: level.map(c.times), kilograms: nil, months: nil)
            }
            if let code = l.fixed { return Amount(label: l.label, coefficient: nil, amount: rules.fixedAmounts[code], kilograms: nil, months: nil) }
            if let limit = l.riceKg { return Amount(label: l.label, coefficient: nil, amount: nil, kilograms: rules.limit(limit), months: nil) }
            if l.learningCost == true {
                return Amount(
                    label: l.label, coefficient: nil, amount: education.learningCostMonthly, kilograms: nil, months: education.learningCostMonths)
            }
            return Amount(label: l.label, coefficient: nil, amount: rules.socialPension(month)?.amount, kilograms: nil, months: nil)
        }
    }
}
