import Foundation

/// An exact coefficient in tenths ("2.5" = 25): amount = level × tenths / 10, never a Double.
public struct Coefficient: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let tenths: Int
    public init(tenths: Int) { self.tenths = tenths }
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int(parts[0]), whole >= 0 else { return nil }
        var t = whole * 10
        if parts.count == 2 {
            guard parts[1].count == 1, let d = Int(parts[1]) else { return nil }
            t += d
        }
        self.tenths = t
    }
    /// "2.5", "1.0", "20"
    public var description: String { tenths % 10 == 0 && tenths >= 100 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)" }
    public static func < (a: Coefficient, b: Coefficient) -> Bool { a.tenths < b.tenths }
    /// Level × coefficient, exact in đồng (levels are whole thousands).
    public func times(_ level: Int64) -> Int64 { level * Int64(tenths) / 10 }

    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let c = Coefficient(s) else { throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "coefficient \(s)")) }
        self = c
    }
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(description) }
}

/// The social-assistance rule set: dated levels, coefficients and named settings for every
/// rule the policy sheet marks uncertain. Loaded from `Resources/Rules/allowances-*.json`.
public struct AllowanceRules: Sendable {
    public struct Level: Sendable, Codable, Equatable {
        public let from: LocalDate
        public let amount: Int64
        public let basis: String
        /// When set, the level applies only if this setting is on.
        public let setting: String?
    }
    public struct Setting: Sendable, Codable, Equatable { public let `default`: Bool; public let note: String }
    /// A law date (when a decree took effect) and where it comes from.
    public struct LawDate: Sendable, Codable, Equatable { public let date: LocalDate; public let basis: String }
    /// A number the law fixes (months, days) and where it comes from.
    public struct Limit: Sendable, Codable, Equatable { public let value: Int; public let basis: String }

    struct File: Decodable {
        let id: String
        let title: String
        let standardLevels: [Level]
        let socialPensionLevels: [Level]
        let coefficients: [String: Coefficient]
        let fixedAmounts: [String: Int64]
        let settings: [String: Setting]
        let dates: [String: LawDate]
        let limits: [String: Limit]
        enum CodingKeys: String, CodingKey {
            case id, title, coefficients, settings, dates, limits
            case standardLevels = "standard_levels", socialPensionLevels = "social_pension_levels", fixedAmounts = "fixed_amounts"
        }
    }

    public let id: String
    public let title: String
    public let standardLevels: [Level]
    public let socialPensionLevels: [Level]
    public let coefficients: [String: Coefficient]
    public let fixedAmounts: [String: Int64]
    public private(set) var settingDefaults: [String: Setting]
    public let dates: [String: LawDate]
    public let limits: [String: Limit]

    /// The month the procedures of Decrees 147/2025 and 176/2025 took effect (2025-07): from it
    /// a change of conditions counts from the month after, and Art. 5(5)(b)(c) end.
    public var reformMonth: YearMonth { dates["procedure_reform"]!.date.yearMonth }
    /// Circular 02/2021 Art. 6(1)(a): this many consecutive months not collected suspend
    /// the payments.
    public var uncollectedMonthsToSuspend: Int { limits["uncollected_months_to_suspend"]!.value }
    /// How many months before the first payroll arrears may reach back. The law fixes no
    /// number [U]; the rule file's value is a setting of the province.
    public var arrearsLookBackMonths: Int { limits["arrears_look_back_months"]!.value }
    /// Decree 147/2025 Art. 5: working days the commune chairman has to decide an application.
    public var decisionWorkingDays: Int { limits["decision_working_days"]!.value }
    /// A rule file's limit by name (the one-off benefits read theirs: Art. 12, 13).
    public func limit(_ name: String) -> Int { limits[name]!.value }
    /// The day the procedure of Decree 147/2025 took effect (1 July 2025).
    public var reformDate: LocalDate { dates["procedure_reform"]!.date }
    /// Decree 20/2021 Art. 8(2): working days the review result of an application is posted.
    public var postingWorkingDays: Int { limits["posting_working_days"]!.value }
    /// The first month this rule set can decide: the month of its first standard level (Decree
    /// 20/2021 took effect on 1 July 2021). A decision effective earlier is refused — earlier
    /// months were under the older decree and are taken over with "paid before".
    public var earliestMonth: YearMonth { standardLevels.map(\.from).min()?.yearMonth ?? YearMonth(year: 2021, month: 7)! }
    /// Settings an administrator turned on or off (overrides of the defaults).
    public var overrides: [String: Bool] = [:]
    /// Provincial top-ups (Decree 20 Art. 4(3): a province may set a higher level), each from
    /// its own rule file `province-*.json` and applied only once its setting is on.
    public private(set) var topUps: [ProvinceTopUp] = []
    /// The province whose enabled top-ups apply (its unit code, e.g. "01"); nil = national only.
    public private(set) var provinceCode: String?

    /// The same rules for people of one province.
    public func forProvince(_ code: String?) -> AllowanceRules { var r = self; r.provinceCode = code; return r }

    /// The enabled top-ups of the province in force.
    var activeTopUps: [ProvinceTopUp] {
        guard let code = provinceCode else { return [] }
        return topUps.filter { $0.provinceCode == code && setting($0.setting) }
    }

    /// Adds a provincial top-up file; its setting (off by default) joins the named settings.
    public mutating func add(_ t: ProvinceTopUp) throws {
        if topUps.contains(where: { $0.id == t.id }) { throw RuleFileError(file: t.id, problem: "repeated id") }
        topUps.append(t)
        settingDefaults[t.setting] = Setting(default: false, note: t.title)
    }

    public func setting(_ name: String) -> Bool {
        precondition(settingDefaults[name] != nil, "unknown allowance setting \(name)")
        return overrides[name] ?? settingDefaults[name]!.default
    }

    public func coefficient(_ code: String) -> Coefficient {
        guard let c = coefficients[code] else { preconditionFailure("rule file has no coefficient \(code)") }
        return c
    }

    func level(_ list: [Level], on day: LocalDate) -> Level? {
        list.filter { $0.from <= day && ($0.setting.map(setting) ?? true) }.max { $0.from < $1.from }
    }
    /// The higher of the national level and the province's enabled top-ups.
    func best(_ national: Level?, _ provincial: [Level?]) -> Level? {
        (provincial + [national]).compactMap { $0 }.max { $0.amount < $1.amount }
    }
    /// The standard social assistance level in force in a month (Decree 20 Art. 4), or the
    /// province's higher level.
    public func standardLevel(_ month: YearMonth) -> Level? {
        best(level(standardLevels, on: month.firstDay), activeTopUps.map { level($0.standardLevels, on: month.firstDay) })
    }
    /// The social pension in force in a month (nil before 1 July 2025), or the province's higher one.
    public func socialPension(_ month: YearMonth) -> Level? {
        guard let national = level(socialPensionLevels, on: month.firstDay) else { return nil }
        return best(national, activeTopUps.map { level($0.socialPensionLevels, on: month.firstDay) })
    }

    /// The codes the evaluation uses; a rule file missing one is refused at start.
    static let requiredCoefficients = [
        "D20-5.1.under4", "D20-5.1", "D20-5.2", "D20-5.3.under4", "D20-5.3", "D20-5.4.per_child", "D20-5.5a",
        "D20-5.5a.80plus", "D20-5.5b", "D20-5.5c", "D20-5.5d", "D20-5.6.especially_severe", "D20-5.6.especially_severe.child_or_elderly",
        "D20-5.6.severe", "D20-5.6.severe.child_or_elderly", "D20-5.7", "D20-5.8", "D20-25.1.under4", "D20-25.1", "D20-20.carer.child_under4",
        "D20-20.carer.child", "D20-20.carer.elderly_5_5d", "D20-20.household.especially_severe", "D20-20.foster.especially_severe_adult",
        "D20-20.foster.especially_severe_child", "D20-20.disabled_parent.one", "D20-20.disabled_parent.two", "D20-11.funeral",
        "D20-14.funeral_disaster", "D20-25.3.funeral_facility", "D20-13.serious_injury",
    ]
    static let requiredDates = ["procedure_reform"]
    static let requiredLimits = [
        "uncollected_months_to_suspend", "posting_working_days", "arrears_look_back_months", "decision_working_days", "rice_kg_per_person_month",
        "rice_months_tet", "rice_months_after_disaster", "injury_min_treatment_days",
    ]
    static let requiredSettings = [
        "level_540000_enabled", "adjust_from_next_month_after_2025_07", "d20_5_5bc_end_2025_07",
        "d20_5_2_until_22nd_birthday", "d20_5_4_divorced_is_single", "disability_start_from_certificate_after_2025_07",
        "identity_verification_required",
    ]

    public init(json: Data) throws {
        let dec = JSONDecoder()
        let f = try dec.decode(File.self, from: json)
        let missing =
            Self.requiredCoefficients.filter { f.coefficients[$0] == nil } + Self.requiredSettings.filter { f.settings[$0] == nil }
            + Self.requiredDates.filter { f.dates[$0] == nil } + Self.requiredLimits.filter { f.limits[$0] == nil }
        if let bad = f.limits.first(where: { $0.value.value < 1 || $0.value.value > 60 }) {
            throw RuleFileError(file: f.id, problem: "limit \(bad.key) out of 1–60")
        }
        if let m = missing.first { throw RuleFileError(file: f.id, problem: "missing \(m)") }
        for list in [f.standardLevels, f.socialPensionLevels] {
            if list.contains(where: { $0.amount <= 0 || $0.amount % 1000 != 0 }) {
                throw RuleFileError(file: f.id, problem: "levels must be positive whole thousands")
            }
            if let s = list.compactMap(\.setting).first(where: { f.settings[$0] == nil }) { throw RuleFileError(file: f.id, problem: "unknown setting \(s)") }
        }
        id = f.id; title = f.title; standardLevels = f.standardLevels; socialPensionLevels = f.socialPensionLevels
        coefficients = f.coefficients; fixedAmounts = f.fixedAmounts; settingDefaults = f.settings
        dates = f.dates; limits = f.limits
    }

    /// The rule set shipped with Ansinh, with every provincial top-up file beside it.
    public static let shared: AllowanceRules = {
        let dir = Bundle.module.bundleURL.appendingPathComponent("Resources/Rules")
        do {
            var rules = try AllowanceRules(json: try Data(contentsOf: dir.appendingPathComponent("allowances-decree-20-2021.json")))
            let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("province-") && $0.hasSuffix(".json") }.sorted()
            for f in files { try rules.add(try ProvinceTopUp(json: try Data(contentsOf: dir.appendingPathComponent(f)))) }
            return rules
        } catch { fatalError("allowance rules: \(error)") }
    }()
}

/// A province's higher levels (Decree 20 Art. 4(3); social pension top-ups of Decree 176/2025
/// Art. 4), read from `Resources/Rules/province-*.json`. Reported amounts are [U] until the
/// provincial resolution is checked, so each file is off until an administrator turns it on.
public struct ProvinceTopUp: Sendable, Decodable {
    public let id: String
    public let title: String
    /// The province's unit code (e.g. "01" Hà Nội).
    public let provinceCode: String
    public let standardLevels: [AllowanceRules.Level]
    public let socialPensionLevels: [AllowanceRules.Level]
    /// The setting that turns it on: `province_top_up_<id>`.
    public var setting: String { "province_top_up_" + id }
    enum CodingKeys: String, CodingKey {
        case id, title, provinceCode = "province_code", standardLevels = "standard_levels", socialPensionLevels = "social_pension_levels"
    }
    public init(json: Data) throws {
        self = try JSONDecoder().decode(ProvinceTopUp.self, from: json)
        if provinceCode.isEmpty || (standardLevels.isEmpty && socialPensionLevels.isEmpty) {
            throw RuleFileError(file: id, problem: "no province or no levels")
        }
        if (standardLevels + socialPensionLevels).contains(where: { $0.amount <= 0 || $0.amount % 1000 != 0 || $0.setting != nil }) {
            throw RuleFileError(file: id, problem: "levels must be positive whole thousands, without settings")
        }
    }
}
