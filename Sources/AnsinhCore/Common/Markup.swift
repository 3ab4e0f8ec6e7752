/// Escaping for markup that Ansinh writes itself: HTML attribute values (pages) and XML text
/// (spreadsheets). One function, so that the two can never drift apart.
public enum Markup {
    /// `s` safe inside an HTML attribute (either quote) or XML text: `& < > " '` become
    /// entities, and control characters XML 1.0 forbids are left out (tab and line breaks stay).
    public static func escaped(_ s: String) -> String {
        guard
            s.utf8.contains(where: {
                $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D)
            })
        else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default: if u.value >= 0x20 { out.unicodeScalars.append(u) }
            }
        }
        return out
    }
}
