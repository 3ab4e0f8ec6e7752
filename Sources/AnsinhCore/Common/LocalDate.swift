import Foundation

/// A calendar date with no time and no time zone: a birth date, a decision date, a certificate date.
/// Dates in Ansinh are calendar facts in the office time zone; `Date` is kept for timestamps only.
public struct LocalDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date, or `nil` when the combination does not exist (30 February, month 13…).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            day >= 1, day <= LocalDate.daysIn(year: year, month: month)
        else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// Parses ISO `YYYY-MM-DD`.
    public init?(iso: String) {
        // Byte by byte: dates are read a million times in a registry run.
        var y = 0, m = 0, d = 0, i = 0
        for b in iso.utf8 {
            switch i {
            case 4, 7: guard b == 0x2D else { return nil }
            case 0...9:
                guard b >= 0x30 && b <= 0x39 else { return nil }
                let v = Int(b - 0x30)
                if i < 4 { y = y * 10 + v } else if i < 7 { m = m * 10 + v } else { d = d * 10 + v }
            default: return nil
            }
            i += 1
        }
        // Dates read from text (forms, files, the API, the database) lie in 1800–2200, so that
        // any later arithmetic (ages, months added) stays far inside the calendar.
        guard i == 10, LocalDate.textYears.contains(y) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The years a date or month written as text may have.
    public static let textYears = 1800...2200

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var iso: String { LocalDate.digits(year, 4) + "-" + LocalDate.digits(month, 2) + "-" + LocalDate.digits(day, 2) }

    /// `n` with leading zeros to `width` digits (`String(format:)` took 3 % of a large import's CPU).
    public static func digits(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width || n < 0 ? s : String(repeating: "0", count: width - s.count) + s
    }
    public var description: String { iso }
    public var yearMonth: YearMonth { YearMonth(year: year, month: month)! }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// Whole years of age on `date` ("từ đủ N tuổi": the N-th birthday counts). A 29 February
    /// birthday is reached on 1 March in common years.
    public func age(on date: LocalDate) -> Int {
        var years = date.year - year
        if (date.month, date.day) < (month, day) { years -= 1 }
        return years
    }

    /// The date in the given time zone at the given instant.
    public static func of(_ instant: Date, in zone: TimeZone) -> LocalDate {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = zone
        let c = cal.dateComponents([.year, .month, .day], from: instant)
        return LocalDate(year: c.year!, month: c.month!, day: c.day!)!
    }

    /// The instant this date begins in the given time zone (the inverse of `of(_:in:)`).
    public func start(in zone: TimeZone) -> Date {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = zone
        return cal.date(from: DateComponents(year: year, month: month, day: day))!
    }

    /// Formats the date for people: `dd/MM/yyyy` in Vietnamese and Arabic, ISO in English.
    public func formatted(_ locale: AppLocale) -> String {
        switch locale {
        case .vi, .ar: return String(format: "%02d/%02d/%04d", day, month, year)
        case .en: return iso
        }
    }

    enum CodingKeys: CodingKey {}
    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let d = LocalDate(iso: s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date YYYY-MM-DD: \(s)"))
        }
        self = d
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer(); try c.encode(iso)
    }
}

/// A calendar month (`2024-07`): the unit of every allowance and payment.
public struct YearMonth: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year; self.month = month
    }

    /// Parses `YYYY-MM`.
    public init?(iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), LocalDate.textYears.contains(y)
        else { return nil }
        self.init(year: y, month: m)
    }

    public var iso: String { LocalDate.digits(year, 4) + "-" + LocalDate.digits(month, 2) }
    public var description: String { iso }
    public var firstDay: LocalDate { LocalDate(year: year, month: month, day: 1)! }
    public var lastDay: LocalDate { LocalDate(year: year, month: month, day: LocalDate.daysIn(year: year, month: month))! }

    public func adding(months n: Int) -> YearMonth {
        // Clamped to the calendar's ends instead of trapping (callers move by at most a few
        // hundred years from a month read in `LocalDate.textYears`).
        let index = min(max(year * 12 + (month - 1) + n.clamped(to: -120_000...120_000), 12), 9999 * 12 + 11)
        return YearMonth(year: index / 12, month: index % 12 + 1)!
    }

    public static func < (a: YearMonth, b: YearMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }

    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let m = YearMonth(iso: s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a month YYYY-MM: \(s)"))
        }
        self = m
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer(); try c.encode(iso)
    }
}

extension LocalDate {
    /// Days since 1970-01-01 (civil calendar), for date arithmetic without Foundation.
    public var days: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public static func fromDays(_ z0: Int) -> LocalDate {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return LocalDate(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)!
    }

    /// The date `n` days later (earlier when negative), clamped to years 1–9999.
    public func adding(days n: Int) -> LocalDate {
        .fromDays(min(max(days + n.clamped(to: -4_000_000...4_000_000), LocalDate.minDays), LocalDate.maxDays))
    }

    /// The same day `n` months later, or the month's last day when it is shorter (31 January
    /// and one month: 28 or 29 February).
    public func adding(months n: Int) -> LocalDate {
        let ym = yearMonth.adding(months: n)
        return LocalDate(year: ym.year, month: ym.month, day: min(day, LocalDate.daysIn(year: ym.year, month: ym.month)))!
    }
    static let minDays = LocalDate(year: 1, month: 1, day: 1)!.days
    static let maxDays = LocalDate(year: 9999, month: 12, day: 31)!.days
}

extension Comparable {
    /// The value limited to `range`.
    public func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}
