/// An amount in words, as a Vietnamese receipt writes it under the figure ("Bằng chữ"):
/// 1 900 000 000 → "Một tỷ chín trăm triệu đồng". Groups of three digits are read with the
/// usual rules: "linh" for a zero ten before a unit, "mười" for ten, "mốt" for a one and "lăm"
/// for a five after a ten, and "không trăm" inside a number.
public enum DongWords {
    static let digits = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
    static let scales = ["", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ", "tỷ tỷ"]

    public static func vietnamese(_ amount: Int64) -> String {
        guard amount != 0 else { return "Không đồng" }
        var n = amount.magnitude
        var groups: [Int] = []
        while n > 0 {
            groups.append(Int(n % 1000)); n /= 1000
        }
        var words: [String] = []
        for i in stride(from: groups.count - 1, through: 0, by: -1) where groups[i] > 0 {
            words += group(groups[i], full: i < groups.count - 1)
            if !scales[i].isEmpty { words.append(scales[i]) }
        }
        let text = (amount < 0 ? "âm " : "") + words.joined(separator: " ") + " đồng"
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    /// One group of three digits; `full` reads its hundreds even when zero (inside a number).
    static func group(_ g: Int, full: Bool) -> [String] {
        let h = g / 100, t = (g / 10) % 10, u = g % 10
        var out: [String] = []
        if h > 0 || full { out += [digits[h], "trăm"] }
        switch t {
        case 0: if u > 0 && !out.isEmpty { out.append("linh") }
        case 1: out.append("mười")
        default: out += [digits[t], "mươi"]
        }
        switch u {
        case 0: break
        case 1 where t >= 2: out.append("mốt")
        case 5 where t >= 1: out.append("lăm")
        default: out.append(digits[u])
        }
        return out
    }
}
