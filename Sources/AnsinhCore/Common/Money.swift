/// An amount of Vietnamese đồng. Money in Ansinh is always a whole number of đồng in `Int64`;
/// there is no fractional đồng and no floating point anywhere near money.
public struct Dong: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let value: Int64
    public init(_ value: Int64) { self.value = value }
    public static let zero = Dong(0)

    public static func < (a: Dong, b: Dong) -> Bool { a.value < b.value }
    public static func + (a: Dong, b: Dong) -> Dong { Dong(a.value + b.value) }
    public static func - (a: Dong, b: Dong) -> Dong { Dong(a.value - b.value) }

    public var description: String { "\(value) VND" }

    public init(from decoder: Decoder) throws { value = try decoder.singleValueContainer().decode(Int64.self) }
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(value) }

    /// Formats for people, per locale: vi `1.900.000 ₫`, en `₫1,900,000`, ar `1٬900٬000 ₫`.
    /// Written by hand so that the output is the same on every platform and Foundation version.
    public func formatted(_ locale: AppLocale) -> String {
        let negative = value < 0
        let grouped = locale.grouped(value.magnitude)
        let sign = negative ? "-" : ""
        switch locale {
        case .en: return "\(sign)₫\(grouped)"
        case .vi, .ar: return "\(sign)\(grouped) ₫"
        }
    }
}

extension AppLocale {
    /// Digits in groups of three: vi `1.000`, en `1,000`, ar `1٬000`.
    public func grouped(_ magnitude: UInt64) -> String {
        let digits = String(magnitude)
        let separator: Character
        switch self {
        case .vi: separator = "."
        case .en: separator = ","
        case .ar: separator = "\u{066C}"  // Arabic thousands separator
        }
        var grouped = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { grouped.append(separator) }
            grouped.append(ch)
        }
        return grouped
    }
}
