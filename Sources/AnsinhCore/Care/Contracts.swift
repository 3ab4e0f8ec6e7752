import Foundation

/// The room a fee-paying resident lives in; the price list has a price per room type and term.
public enum RoomType: String, CaseIterable, Sendable, Codable { case shared, double, single }

/// Short-term (respite, a few weeks or months) or full-time care under a contract.
public enum ContractTerm: String, CaseIterable, Sendable, Codable { case shortTerm = "short_term", fullTime = "full_time" }

/// How a family paid.
public enum PaymentMethod: String, CaseIterable, Sendable, Codable { case cash, bank }

/// A care contract with a family (Decree 20/2021 Art. 24(4): voluntary residents under a service
/// contract): active until ended; invoiced each month and paid while active and after it ended
/// (the last month's invoice and arrears).
public enum ContractLifecycle: Lifecycle {
    public enum State: String, CaseIterable, Sendable, Codable { case active, ended }
    public enum Transition: String, CaseIterable, Sendable, Codable { case invoice, pay, end = "end_contract" }
    public static let entity = "care_contract"
    public static func rule(_ t: Transition) -> TransitionRule<State> {
        switch t {
        case .invoice: return .init(from: [.active, .ended], to: nil, .manageCare)
        case .pay: return .init(from: [.active, .ended], to: nil, .manageCare, requires: ["amount", "paid_on"])
        case .end: return .init(from: [.active], to: .ended, .admitResidents, requires: ["ends_on"])
        }
    }
}

/// One price of the price list from a day: monthly price in đồng and the VAT rate in basis
/// points (0: not charged — the centre's accountant sets whether its care service bears VAT).
public struct DatedPrice: Sendable, Equatable {
    public let from: LocalDate
    public let monthly: Int64
    public let vatBasisPoints: Int
    public init(from: LocalDate, monthly: Int64, vatBasisPoints: Int) { self.from = from; self.monthly = monthly; self.vatBasisPoints = vatBasisPoints }
}

/// A month's invoice of a contract, to the đồng.
public struct InvoiceAmounts: Sendable, Equatable {
    /// Days of the month the contract covers.
    public let days: Int
    public let base: Int64
    public let extras: Int64
    public let vat: Int64
    public var total: Int64 { base + extras + vat }
    public init(days: Int, base: Int64, extras: Int64, vat: Int64) { self.days = days; self.base = base; self.extras = extras; self.vat = vat }
}

public enum ContractBilling {
    public enum Failure: Error, Equatable {
        /// The contract does not cover any day of the month.
        case notCovered
        /// No price in effect on this day for the contract's room type and term.
        case noPrice(LocalDate)
    }

    /// The invoice of `month` for a contract from `start` to `end` (inclusive; open when nil):
    /// each covered day costs its price in effect divided by the month's days, so a full month
    /// costs the monthly price exactly, a part month its share, and a price changed in the month
    /// counts from its day. Extras (a fixed monthly sum) are shared the same way. VAT is the day's
    /// rate on the day's share. Each sum is rounded half up to the đồng once, at the end.
    public static func invoice(month: YearMonth, start: LocalDate, end: LocalDate?, prices: [DatedPrice], extrasMonthly: Int64) throws(Failure)
        -> InvoiceAmounts
    {
        let first = max(month.firstDay, start)
        let last = min(month.lastDay, end ?? month.lastDay)
        guard first <= last else { throw .notCovered }
        let sorted = prices.sorted { $0.from < $1.from }
        let daysInMonth = Int64(LocalDate.daysIn(year: month.year, month: month.month))
        var price: Int64 = 0, vat: Int64 = 0, days = 0
        var d = first
        while d <= last {
            guard let p = sorted.last(where: { $0.from <= d }) else { throw .noPrice(d) }
            price += p.monthly
            vat += (p.monthly + extrasMonthly) * Int64(p.vatBasisPoints)
            days += 1
            d = d.adding(days: 1)
        }
        return InvoiceAmounts(
            days: days, base: rounded(price, daysInMonth), extras: rounded(extrasMonthly * Int64(days), daysInMonth),
            vat: rounded(vat, daysInMonth * 10_000))
    }

    /// n / d rounded half up (n, d ≥ 0).
    static func rounded(_ n: Int64, _ d: Int64) -> Int64 { (n * 2 + d) / (d * 2) }
}
