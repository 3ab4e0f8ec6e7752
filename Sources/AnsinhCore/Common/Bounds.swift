import Foundation

/// The ranges every number from outside (a query, a form, a path, a file) is checked against
/// before any arithmetic. An out-of-range or non-numeric value is a validation error naming the
/// field, never a trap: `?page=9223372036854775807` once stopped the server computing an offset.
public enum Bounds {
    /// List pages: 1 … 1,000,000 (200 per page at most covers 200 million rows).
    public static let page = 1...1_000_000
    public static let perPage = 1...PageSpec.maxPerPage
    /// Calendar years a record may name (birth years, review years, payment months).
    public static let year = 1900...2100
    public static let month = 1...12
    /// Amounts in đồng: 0 … 10¹³ (ten thousand billion, above any budget of a province).
    public static let amount: ClosedRange<Int64> = 0...10_000_000_000_000
    /// Counts typed by people (meeting attendance, quantities).
    public static let count = 0...1_000_000

    /// Parses `raw` as a whole number inside `range`. `nil` or blank input gives `nil` (the field
    /// was not filled in); anything else that is not a whole number inside the range is a
    /// validation error for `field` that says the range.
    public static func int(_ raw: String?, field: String, in range: ClosedRange<Int>) throws(AppError) -> Int? {
        try parse(raw, field: field, in: range)
    }

    /// An amount in đồng, `0 … 10¹³`.
    public static func amount(_ raw: String?, field: String) throws(AppError) -> Int64? {
        try parse(raw, field: field, in: amount)
    }

    static func parse<T: FixedWidthInteger>(_ raw: String?, field: String, in range: ClosedRange<T>) throws(AppError) -> T? {
        guard let raw else { return nil }
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return nil }
        // T(_:) returns nil on overflow; the range check then keeps every later sum in bounds.
        guard trimmed.utf8.count <= 20, let n = T(trimmed), range.contains(n) else {
            throw AppError.invalid(field, "validation.range", ["min": "\(range.lowerBound)", "max": "\(range.upperBound)"])
        }
        return n
    }
}
