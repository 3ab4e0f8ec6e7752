import Foundation
/// The monthly ledgers kept apart so that "never paid twice" can be checked per ledger
/// (policy sheet §7): the person's allowance (the Art. 6 social allowance or, when higher, the
/// social pension — one ledger, because the law pays the higher, never both), the Art. 20 care
/// support paid to the carer, and the Art. 25 nursing allowance paid to a facility.
public enum Benefit: String, CaseIterable, Sendable, Codable {
    case allowance
    case careSupport = "care_support"
    case nursing
}

/// What a decision does to the payments of one ledger.
public enum DecisionKind: String, CaseIterable, Sendable, Codable {
    /// First payment (Decree 20 Art. 8; Decree 147/2025 Art. 5).
    case start
    /// New coefficient or amount, e.g. turning 4, 16, 60 or 80, a new disability level.
    case adjust
    /// Payments paused (Circular 02/2021 Art. 6(1)(a)): 3 months not collected, detention of
    /// 1 month or more, re-assessment refused.
    case suspend
    /// Payments continue after a suspension, with arrears from the month chosen.
    case resume
    /// Payments end (Circular 02/2021 Art. 2): death, move, no longer eligible, remarriage…
    case stop
}

/// Why a suspension or a stop was decided (Circular 02/2021 Art. 2, 6).
public enum DecisionReason: String, CaseIterable, Sendable, Codable {
    case eligible, ageChange = "age_change", disabilityChange = "disability_change", levelChange = "level_change"
    case notCollected = "not_collected", detention, reassessmentRefused = "reassessment_refused"
    case death, moved, notEligible = "not_eligible", remarriage, refused, prison, resumed, other
    /// Decree 20/2021 Art. 25(5): admitted to a facility, whose nursing allowance replaces the
    /// community allowance from the next month; and leaving it, which ends the nursing allowance.
    case facilityAdmission = "facility_admission", facilityDischarge = "facility_discharge"

    public var allowedFor: Set<DecisionKind> {
        switch self {
        case .eligible: return [.start]
        case .ageChange, .disabilityChange, .levelChange: return [.adjust]
        case .notCollected, .detention, .reassessmentRefused: return [.suspend]
        case .death, .moved, .notEligible, .remarriage, .refused, .prison, .facilityAdmission, .facilityDischarge: return [.stop]
        case .resumed: return [.resume]
        case .other: return Set(DecisionKind.allCases)
        }
    }
}

/// How a payment reaches the recipient (field notes: cash at the ward, post office, bank).
public enum PaymentChannel: String, CaseIterable, Sendable, Codable { case cash, post, bank }

/// Who receives the money: the person, or a guardian, carer or facility on their behalf.
public enum RecipientKind: String, CaseIterable, Sendable, Codable { case person, guardian, carer, facility }

/// A payment cycle moves forward only: prepared (draft) → submitted → approved → closed.
public enum CycleStatus: String, CaseIterable, Sendable, Codable { case draft, submitted, approved, closed }

/// The outcome of one payment line after reconciliation. `unpaid` lines are carried forward to
/// the next cycle with their reason; `returned` money went back to the budget.
public enum LineStatus: String, CaseIterable, Sendable, Codable { case issued, paid, unpaid, returned }

/// A span of months paid at one rate on one ledger. `until` is the first month no longer paid
/// (nil while open). The amount follows the level in force each month: standard level ×
/// `standardTenths` / 10 plus social-pension level × `pensionTenths` / 10, so a change of level
/// (500,000 from 2024-07, 540,000 from 2026-07) changes the amount without a new decision.
public struct PayPeriod: Sendable, Equatable {
    public var from: YearMonth
    public var until: YearMonth?
    public var standardTenths: Int
    public var pensionTenths: Int
    public init(from: YearMonth, until: YearMonth?, standardTenths: Int, pensionTenths: Int) {
        self.from = from; self.until = until; self.standardTenths = standardTenths; self.pensionTenths = pensionTenths
    }
    public func covers(_ m: YearMonth) -> Bool { from <= m && (until.map { m < $0 } ?? true) }

    /// The amount owed for `month` under `rules`, exact in đồng.
    public func amount(_ month: YearMonth, rules: AllowanceRules) -> Int64 {
        let std = rules.standardLevel(month)?.amount ?? 0
        let pen = rules.socialPension(month)?.amount ?? 0
        return Coefficient(tenths: standardTenths).times(std) + Coefficient(tenths: pensionTenths).times(pen)
    }

    /// The rate of an evaluation's components: social-pension components count on the pension
    /// level, every other on the standard level.
    public static func rate(_ components: [AllowanceComponent]) -> (standardTenths: Int, pensionTenths: Int) {
        var s = 0, p = 0
        for c in components { if c.category.hasPrefix("SI-22") { p += c.coefficient.tenths } else { s += c.coefficient.tenths } }
        return (s, p)
    }
}

/// How a new decision changes the periods of one ledger. Pure: the store applies the result.
public enum PeriodRules {
    public struct Change: Sendable, Equatable {
        /// Close the open period at this month (it is no longer paid from then).
        public let closeOpenAt: YearMonth?
        /// Open a new period.
        public let open: PayPeriod?
    }

    /// - Parameters:
    ///   - open: the ledger's open period, if any.
    ///   - lastClosedUntil: the end of the latest closed period (a suspension's first month).
    ///   - lastKind: the kind of the latest decision on the ledger.
    /// Refuses what the ledger's lifecycle does not allow (a second start, an adjustment of
    /// nothing, a resumption that was never suspended) and an effective month before the open
    /// period began.
    public static func apply(
        _ kind: DecisionKind, effective: YearMonth, rate: (Int, Int), open: PayPeriod?,
        lastKind: DecisionKind?
    ) throws -> Change {
        if let open, effective < open.from { throw AppError.invalid("effective_month", "decision.error.before_open", ["month": open.from.iso]) }
        // Which kinds the ledger allows now: `LedgerLifecycle`.
        try LedgerLifecycle.next(kind, from: LedgerLifecycle.state(hasOpenPeriod: open != nil, lastKind: lastKind))
        let paid = rate.0 + rate.1 > 0
        switch kind {
        case .start, .resume:
            guard paid else { throw AppError.invalid("decision_kind", "decision.error.no_amount") }
            return Change(closeOpenAt: nil, open: PayPeriod(from: effective, until: nil, standardTenths: rate.0, pensionTenths: rate.1))
        case .adjust:
            guard paid else { throw AppError.invalid("decision_kind", "decision.error.no_amount") }
            return Change(closeOpenAt: effective, open: PayPeriod(from: effective, until: nil, standardTenths: rate.0, pensionTenths: rate.1))
        case .suspend, .stop:
            return Change(closeOpenAt: effective, open: nil)
        }
    }
}

/// Working days for legal deadlines: Monday to Friday. Public holidays are not known to Ansinh
/// yet, so a deadline may fall a day early around Tết [U].
/// Working days: Monday to Friday that are not public holidays (`HolidayCalendar`).
public enum WorkingDays {
    /// 1 = Monday … 7 = Sunday.
    public static func weekday(_ d: LocalDate) -> Int {
        // Days since 1970-01-01 (a Thursday).
        (d.days % 7 + 7 + 3) % 7 + 1
    }
    public static func isWorking(_ d: LocalDate, holidays: HolidayCalendar = .shared) -> Bool { weekday(d) <= 5 && !holidays.contains(d) }
    /// The last day of a posting of `n` working days starting on `start` (a start on a
    /// weekend or holiday begins on the next working day). Decree 20 Art. 8(2): results posted
    /// for 2 working days.
    public static func end(start: LocalDate, days n: Int, holidays: HolidayCalendar = .shared) -> LocalDate {
        var d = start
        while !isWorking(d, holidays: holidays) { d = d.adding(days: 1) }
        var left = n - 1
        while left > 0 { d = d.adding(days: 1); if isWorking(d, holidays: holidays) { left -= 1 } }
        return d
    }
    /// The `n`-th working day after `day`: the deadline of a step that must be done "within n
    /// working days" of receiving (Decree 147/2025 Art. 5: the decision within 10).
    public static func after(_ day: LocalDate, days n: Int, holidays: HolidayCalendar = .shared) -> LocalDate {
        var d = day, left = n
        while left > 0 { d = d.adding(days: 1); if isWorking(d, holidays: holidays) { left -= 1 } }
        return d
    }
}

/// Public holidays on which offices close (Labour Code 2019 Art. 112 and the government's
/// yearly notice of the Tết and swapped days), as data in `Resources/Rules/holidays-vn.json`.
/// A year not in the file counts only weekends, and the settings page says so.
public struct HolidayCalendar: Sendable {
    public struct Holiday: Sendable, Codable, Equatable {
        public let date: LocalDate
        public let name: String
    }
    struct File: Decodable { let basis: String; let holidays: [Holiday] }
    public let holidays: [Holiday]
    public let basis: String
    let days: Set<LocalDate>
    public init(_ holidays: [Holiday], basis: String = "") {
        self.holidays = holidays.sorted { $0.date < $1.date }; self.basis = basis; days = Set(holidays.map(\.date))
    }
    public func contains(_ d: LocalDate) -> Bool { days.contains(d) }
    /// The years the calendar lists.
    public var years: [Int] { Array(Set(holidays.map(\.date.year))).sorted() }

    public static let shared: HolidayCalendar = {
        let url = Bundle.module.bundleURL.appendingPathComponent("Resources/Rules/holidays-vn.json")
        do {
            let f = try JSONDecoder().decode(File.self, from: try Data(contentsOf: url))
            return HolidayCalendar(f.holidays, basis: f.basis)
        } catch { fatalError("holiday calendar: \(error)") }
    }()
}

/// The money of a cycle, which must balance to the đồng once every line is settled:
/// issued = paid + carried forward + returned.
public struct CycleBalance: Sendable, Equatable {
    public var issued: Int64 = 0
    public var paid: Int64 = 0
    public var carried: Int64 = 0
    public var returned: Int64 = 0
    /// Still waiting for the channel's confirmation.
    public var open: Int64 = 0
    public init() {}
    public var balances: Bool { open == 0 && issued == paid + carried + returned }
    public mutating func add(_ amount: Int64, _ status: LineStatus) {
        issued += amount
        switch status {
        case .issued: open += amount
        case .paid: paid += amount
        case .unpaid: carried += amount
        case .returned: returned += amount
        }
    }
}
