import Foundation
import Testing
@testable import AnsinhCore

/// A contract's monthly invoice to the đồng: a full month is the price, a part month its days'
/// share, a price changed in the month counts from its day, VAT at the day's rate, rounded once.
@Suite("Contract invoicing")
struct ContractBillingTests {
    static func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }
    static let list = [DatedPrice(from: d("2025-01-01"), monthly: 9_000_000, vatBasisPoints: 0)]

    @Test func aFullMonthIsThePriceExactly() throws {
        let a = try ContractBilling.invoice(month: YearMonth(iso: "2025-02")!, start: Self.d("2025-01-15"), end: nil, prices: Self.list, extrasMonthly: 500_000)
        #expect(a == InvoiceAmounts(days: 28, base: 9_000_000, extras: 500_000, vat: 0) && a.total == 9_500_000)
    }

    @Test func aPartMonthIsItsDaysShareRoundedOnce() throws {
        // 17 of 31 days: 9,000,000 × 17 / 31 = 4,935,483.87 → 4,935,484; extras 500,000 × 17 / 31 = 274,193.5 → 274,194.
        let a = try ContractBilling.invoice(month: YearMonth(iso: "2025-01")!, start: Self.d("2025-01-15"), end: nil, prices: Self.list, extrasMonthly: 500_000)
        #expect(a == InvoiceAmounts(days: 17, base: 4_935_484, extras: 274_194, vat: 0))
        // A short stay inside one month: 10 days of 30.
        let b = try ContractBilling.invoice(
            month: YearMonth(iso: "2025-06")!, start: Self.d("2025-06-05"), end: Self.d("2025-06-14"), prices: Self.list, extrasMonthly: 0)
        #expect(b.days == 10 && b.base == 3_000_000)
    }

    @Test func aPriceChangedInTheMonthCountsFromItsDayWithItsVAT() throws {
        let prices = Self.list + [DatedPrice(from: Self.d("2025-03-21"), monthly: 9_300_000, vatBasisPoints: 500)]
        // March: 20 days at 9,000,000 and 11 at 9,300,000, over 31 days: (180,000,000 + 102,300,000) / 31 = 9,106,451.6 → 9,106,452;
        // VAT 5% on the 11 days: 9,300,000 × 11 × 0.05 / 31 = 165,000.
        let a = try ContractBilling.invoice(month: YearMonth(iso: "2025-03")!, start: Self.d("2024-12-01"), end: nil, prices: prices, extrasMonthly: 0)
        #expect(a == InvoiceAmounts(days: 31, base: 9_106_452, extras: 0, vat: 165_000) && a.total == 9_271_452)
        let april = try ContractBilling.invoice(
            month: YearMonth(iso: "2025-04")!, start: Self.d("2024-12-01"), end: nil, prices: prices, extrasMonthly: 200_000)
        #expect(april == InvoiceAmounts(days: 30, base: 9_300_000, extras: 200_000, vat: 475_000))
    }

    @Test func aMonthOutsideTheContractOrWithoutAPriceIsRefused() {
        #expect(throws: ContractBilling.Failure.notCovered) {
            try ContractBilling.invoice(
                month: YearMonth(iso: "2025-07")!, start: Self.d("2025-06-05"), end: Self.d("2025-06-30"), prices: Self.list, extrasMonthly: 0)
        }
        #expect(throws: ContractBilling.Failure.noPrice(Self.d("2024-12-31"))) {
            try ContractBilling.invoice(month: YearMonth(iso: "2024-12")!, start: Self.d("2024-12-31"), end: nil, prices: Self.list, extrasMonthly: 0)
        }
    }
}
