import AnsinhCore
import Foundation

/// Collects the field errors of one input, so that a form with several wrong fields names each
/// at once: required and bounded text, dates (not in the future when asked), whole amounts.
public struct InputCheck: Sendable {
    public private(set) var errors: [FieldError] = []
    public init() {}

    public mutating func fail(_ field: String, _ key: String, _ args: [String: String] = [:]) {
        errors.append(FieldError(field: field, message: Message(key, args)))
    }

    /// Trimmed text, required unless `optional`, at most `max` characters.
    public mutating func text(_ v: String, _ field: String, max: Int, optional: Bool = false) -> String {
        let t = v.trimmingCharacters(in: .whitespacesAndNewlines)
        if t.isEmpty && !optional { fail(field, "validation.required") } else if t.count > max { fail(field, "validation.too_long", ["max": "\(max)"]) }
        return t
    }

    /// A date (YYYY-MM-DD), not after `notAfter` when given.
    public mutating func date(_ v: String, _ field: String, notAfter: LocalDate? = nil) -> LocalDate? {
        guard let d = LocalDate(iso: v) else {
            fail(field, "validation.date")
            return nil
        }
        if let notAfter, d > notAfter { fail(field, "review.error.future_date") }
        return d
    }

    /// A whole number within `range` (đồng, places, months).
    public mutating func number<N: FixedWidthInteger>(_ v: N?, _ field: String, in range: ClosedRange<N>) -> N {
        guard let v, range.contains(v) else {
            fail(field, "validation.range", ["min": "\(range.lowerBound)", "max": "\(range.upperBound)"])
            return range.lowerBound
        }
        return v
    }

    /// Throws the collected errors, if any.
    public func check() throws { if !errors.isEmpty { throw AppError.validation(errors) } }
}
