import Foundation

/// How soon each step of a case is due, by risk level: the assessment counted from when the
/// report was received, the plan from when the case was assessed. Loaded from
/// `Resources/Rules/case-deadlines.json`, which cites its basis and marks what is uncertain.
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
