import Foundation

/// How soon each step of a case is due, by risk level: the assessment counted from when the
/// report was received, the plan from when the case was assessed. The defaults are
/// `Resources/Rules/case-deadlines.json`, which cites its basis and marks what is uncertain; a
/// national administrator changes each value (`names`, within `range`) as a setting.
public struct CaseDeadlines: Sendable {
    public struct Level: Sendable, Codable, Equatable {
        public let assessHours: Int
        public let planHours: Int
    }
    public let id: String
    public let basis: String
    public let levels: [RiskLevel: Level]

    struct File: Codable {
        let id: String
        let basis: String
        let levels: [String: [String: Int]]
    }

    public static let shared: CaseDeadlines = {
        let url = Bundle.module.bundleURL.appendingPathComponent("Resources/Rules/case-deadlines.json")
        // The file ships with Ansinh; a broken one is a build defect caught by the tests.
        let f = try! JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        var levels: [RiskLevel: Level] = [:]
        for (k, v) in f.levels {
            guard let r = RiskLevel(rawValue: k), let a = v["assess_hours"], let p = v["plan_hours"] else { continue }
            levels[r] = Level(assessHours: a, planHours: p)
        }
        return CaseDeadlines(id: f.id, basis: f.basis, levels: levels)
    }()

    /// The values a setting may change: "critical.assess_hours", "critical.plan_hours", … .
    public static let names: [String] = RiskLevel.allCases.reversed().flatMap { ["\($0.rawValue).assess_hours", "\($0.rawValue).plan_hours"] }
    /// Any deadline lies between one hour and thirty days.
    public static let range = 1...720

    /// The value named `name` (nil: no such setting).
    public func value(_ name: String) -> Int? {
        let parts = name.split(separator: ".").map(String.init)
        guard parts.count == 2, let risk = RiskLevel(rawValue: parts[0]), let level = levels[risk] else { return nil }
        switch parts[1] {
        case "assess_hours": return level.assessHours
        case "plan_hours": return level.planHours
        default: return nil
        }
    }

    /// These deadlines with the values set by name (unknown names and values out of range are
    /// left at their default).
    public func with(_ settings: [String: Int]) -> CaseDeadlines {
        var levels = self.levels
        for (risk, level) in self.levels {
            func pick(_ key: String, _ d: Int) -> Int { settings["\(risk.rawValue).\(key)"].flatMap { Self.range.contains($0) ? $0 : nil } ?? d }
            levels[risk] = Level(assessHours: pick("assess_hours", level.assessHours), planHours: pick("plan_hours", level.planHours))
        }
        return CaseDeadlines(id: id, basis: basis, levels: levels)
    }

    /// When the case's next step is due, or nil for a step without a deadline: "registered" is
    /// due to be assessed, "assessed" to be planned.
    public func due(status: CaseLifecycle.State, risk: RiskLevel, receivedAt: Date, stepAt: Date) -> Date? {
        guard let level = levels[risk] else { return nil }
        switch status {
        case .registered: return receivedAt.addingTimeInterval(Double(level.assessHours) * 3600)
        case .assessed: return stepAt.addingTimeInterval(Double(level.planHours) * 3600)
        default: return nil
        }
    }
}
