/// Facts about people and households, as the registry stores them. Categories and amounts are
/// never stored here: later capabilities derive them from these facts for a given month.

public enum Gender: String, CaseIterable, Sendable, Codable { case male, female }

/// Disability level from the disability certificate (Law on Persons with Disabilities 2010 Art. 3).
public enum DisabilityLevel: String, CaseIterable, Sendable, Codable {
    case none, mild, severe, especiallySevere = "especially_severe"
}

/// A person's place in a household, relative to the head.
public enum MemberRole: String, CaseIterable, Sendable, Codable {
    case head, spouse, child, parent, grandchild, sibling, other
}

public enum HouseholdStatus: String, CaseIterable, Sendable, Codable { case active, moved, dissolved }

public enum AreaType: String, CaseIterable, Sendable, Codable { case urban, rural }

/// A relationship between two persons that matters for care and support.
public enum RelationshipKind: String, CaseIterable, Sendable, Codable { case parent, guardian, carer }

/// A birth date as registered: often only the year is known for older people.
public struct BirthDate: Hashable, Sendable, Codable, Comparable {
    public let year: Int
    /// Nil when only the year is known.
    public let date: LocalDate?

    public init(year: Int) { self.year = year; self.date = nil }
    public init(_ date: LocalDate) { self.year = date.year; self.date = date }

    /// Parses `YYYY-MM-DD`, `DD/MM/YYYY` or `YYYY`.
    public init?(text raw: String) {
        // Fast paths for what the registry stores: `YYYY-MM-DD` or `YYYY`.
        if raw.utf8.count == 10, let d = LocalDate(iso: raw) { self.init(d); return }
        if raw.utf8.count == 4, raw.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let y = Int(raw), (1880...2200).contains(y) { self.init(year: y); return }
        let s = raw.trimmingCharacters(in: .whitespaces)
        if s.count == 4, let y = Int(s), (1880...2200).contains(y) { self.init(year: y); return }
        if let d = LocalDate(iso: s) { self.init(d); return }
        let parts = s.split(separator: "/")
        if parts.count == 3, parts[2].count == 4, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]),
            let date = LocalDate(year: y, month: m, day: d)
        {
            self.init(date); return
        }
        return nil
    }

    /// `YYYY-MM-DD`, or `YYYY` when only the year is known.
    public var text: String { date?.iso ?? LocalDate.digits(year, 4) }

    /// Age on a date. With only the year known, the person is taken to be born on 1 January
    /// (the usual convention of the civil registry for year-only records).
    public func age(on day: LocalDate) -> Int {
        (date ?? LocalDate(year: year, month: 1, day: 1)!).age(on: day)
    }

    public static func < (a: BirthDate, b: BirthDate) -> Bool { a.text < b.text }

    public func formatted(_ locale: AppLocale) -> String { date?.formatted(locale) ?? String(year) }

    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let b = BirthDate(text: s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a birth date: \(s)"))
        }
        self = b
    }
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(text) }
}

import Foundation
