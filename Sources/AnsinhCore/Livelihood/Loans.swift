import Foundation

/// A household's loan from the Vietnam Bank for Social Policies, as the ward keeps it (the bank
/// keeps the account): the dossier prepared → confirmed by the ward's chairman (the household's
/// eligibility from the registry) → submitted through the savings-and-loan group → approved
/// (amount, the bank's decision) or refused → disbursed → closed; the use of the money checked
/// along the way (a step that keeps the state).
public enum LoanLifecycle: Lifecycle {
    public enum State: String, CaseIterable, Sendable { case prepared, confirmed, submitted, approved, refused, disbursed, closed }
    public enum Transition: String, CaseIterable, Sendable {
        case confirm, submit, approve, refuse, disburse
        case checkUse = "check_use"
        case close
    }
    public static let entity = "loan"
    public static func auditAction(_ t: Transition) -> String { "loan_" + t.rawValue }

    public static func rule(_ t: Transition) -> TransitionRule<State> {
        switch t {
        case .confirm: return .init(from: [.prepared], to: .confirmed, .confirmLoans, requires: ["confirmation_number"])
        case .submit: return .init(from: [.confirmed], to: .submitted, .manageLivelihood, requires: ["date"])
        case .approve: return .init(from: [.submitted], to: .approved, .manageLivelihood, requires: ["date", "amount", "bank_decision"])
        case .refuse: return .init(from: [.prepared, .confirmed, .submitted], to: .refused, .manageLivelihood, requires: ["reason"])
        case .disburse: return .init(from: [.approved], to: .disbursed, .manageLivelihood, requires: ["date", "amount"])
        case .checkUse: return .init(from: [.disbursed], to: nil, .manageLivelihood, requires: ["date", "note"])
        case .close: return .init(from: [.disbursed], to: .closed, .manageLivelihood, requires: ["date"])
        }
    }

    public static func refusal(_ t: Transition, from state: State) -> AppError {
        .conflict(Message("loan.error.state", ["status": "@loan.status.\(state.rawValue)"]))
    }
}

/// Who a programme lends to, read from the household's official classes.
public enum LoanEligibility: String, Sendable, Codable {
    /// A poor household (latest official class).
    case poor
    /// A near-poor household.
    case nearPoor = "near_poor"
    /// A household just out of poverty: no longer poor or near-poor, but one of them in one of the
    /// last `justOutYears` classifications.
    case justOut = "just_out"
    /// Any household of the ward (the purpose decides: job creation, clean water, students).
    case anyHousehold = "any_household"
}

/// One lending programme of the bank, as data (`Resources/Rules/vbsp-loans.json`).
public struct LoanProgramme: Sendable, Equatable {
    public let code: String
    public let eligibility: LoanEligibility
    /// The most one loan may be, in đồng.
    public let ceiling: Int64
    public let maxTermMonths: Int
}

/// The bank's programmes the ward prepares dossiers for, with who may borrow and the ceilings in
/// force (the file cites its basis and marks what is uncertain).
public struct LoanRules: Sendable {
    public let id: String
    public let basis: String
    public let programmes: [LoanProgramme]
    /// How many years back a poor or near-poor class makes a household "just out of poverty".
    public let justOutYears: Int
    /// Months between checks of the money's use after disbursement.
    public let useCheckMonths: Int

    struct File: Codable {
        struct P: Codable { let code: String; let eligibility: String; let ceiling: Int64; let max_term_months: Int }
        let id: String
        let basis: String
        let just_out_years: Int
        let use_check_months: Int
        let programmes: [P]
    }

    public static let shared: LoanRules = {
        let url = Bundle.module.bundleURL.appendingPathComponent("Resources/Rules/vbsp-loans.json")
        // The file ships with Ansinh; a broken one is a build defect caught by the tests.
        let f = try! JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        return LoanRules(
            id: f.id, basis: f.basis,
            programmes: f.programmes.map {
                LoanProgramme(code: $0.code, eligibility: LoanEligibility(rawValue: $0.eligibility)!, ceiling: $0.ceiling, maxTermMonths: $0.max_term_months)
            }, justOutYears: f.just_out_years, useCheckMonths: f.use_check_months)
    }()

    public func programme(_ code: String) -> LoanProgramme? { programmes.first { $0.code == code } }

    /// Whether a household with these official classes (period → class, the latest last) may
    /// borrow under `p` in `year`; nil when it may, else the reason's message key.
    public func refusal(_ p: LoanProgramme, classes: [Int: PovertyClass], year: Int) -> String? {
        let latest = PovertyClass.latest(classes, upTo: year)
        switch p.eligibility {
        case .anyHousehold: return nil
        case .poor: return latest == .poor ? nil : "loan.error.not_poor"
        case .nearPoor: return latest == .nearPoor ? nil : "loan.error.not_near_poor"
        case .justOut:
            guard let latest, latest != .poor, latest != .nearPoor else { return "loan.error.not_just_out" }
            let recent = classes.filter { $0.key <= year && $0.key > year - justOutYears }.values
            return recent.contains(.poor) || recent.contains(.nearPoor) ? nil : "loan.error.not_just_out"
        }
    }
}
