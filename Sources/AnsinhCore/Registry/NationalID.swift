/// The 12-digit citizen identity number (số định danh cá nhân / CCCD), Decree 137/2015 Art. 7
/// and Circular 59/2021/TT-BCA: digits 1–3 are the code of the province where the birth was
/// registered (the 63 pre-2025 province codes), digit 4 encodes century and gender
/// (0/1 = 1900s male/female, 2/3 = 2000s, 4/5 = 2100s, 6/7 = 2200s, 8/9 = 1800s), digits 5–6 are
/// the last two digits of the birth year, digits 7–12 are random.
public enum NationalID {
    /// Province codes used in identity numbers (63 provinces before the 2025 merger).
    public static let provinceCodes: Set<String> = [
        "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022", "024",
        "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042", "044", "045",
        "046", "048", "049", "051", "052", "054", "056", "058", "060", "062", "064", "066", "067", "068", "070",
        "072", "074", "075", "077", "079", "080", "082", "083", "084", "086", "087", "089", "091", "092", "093",
        "094", "095", "096",
    ]

    /// Removes spaces, dots and dashes people type inside numbers.
    public static func normalise(_ raw: String) -> String {
        if raw.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return raw }  // most are digits only
        return String(raw.filter { !" .-\u{00A0}".contains($0) })
    }

    /// Whether `id` is twelve ASCII digits (the form of a number, before its meaning is checked).
    public static func isWellFormed(_ id: String) -> Bool { id.utf8.count == 12 && id.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }

    /// Checks a number against the birth year and gender when they are known. Returns the
    /// message key of the first problem, or nil when the number is consistent.
    public static func problem(_ id: String, birthYear: Int?, gender: Gender?) -> Message? {
        guard isWellFormed(id) else { return Message("validation.national_id_digits") }
        let digits = Array(id.utf8).map { Int($0) - 0x30 }
        let province = String(decoding: id.utf8.prefix(3), as: UTF8.self)
        guard provinceCodes.contains(province) else {
            return Message("validation.national_id_province", ["code": province])
        }
        let centuryDigit = digits[3]
        let century: Int
        switch centuryDigit {
        case 0, 1: century = 1900
        case 2, 3: century = 2000
        case 4, 5: century = 2100
        case 6, 7: century = 2200
        default: century = 1800
        }
        let encodedGender: Gender = centuryDigit % 2 == 0 ? .male : .female
        let year = century + digits[4] * 10 + digits[5]
        if let birthYear, birthYear != year {
            return Message("validation.national_id_year", ["year": String(year), "birth": String(birthYear)])
        }
        if let gender, gender != encodedGender {
            return Message("validation.national_id_gender", ["gender": "@gender.\(encodedGender.rawValue)"])
        }
        return nil
    }

    /// The number with the middle digits hidden, for public lists (`001******345`).
    public static func masked(_ id: String) -> String {
        guard id.count == 12 else { return String(repeating: "*", count: id.count) }
        return String(id.prefix(3)) + "******" + String(id.suffix(3))
    }
}
