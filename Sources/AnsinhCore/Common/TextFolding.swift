import Foundation

/// Folding of names for search, so that people find a record however they type it.
///
/// Vietnamese: case and diacritics are removed and `đ/Đ` becomes `d` explicitly (Unicode does
/// not decompose đ, so Foundation leaves it). Arabic: harakat and tatweel are removed, alef
/// variants (أ إ آ ٱ) become ا, taa marbuta ة becomes ه, alef maqsura ى becomes ي, and hamza
/// carriers ؤ ئ become و ي.
public enum TextFolding {
    public static func fold(_ text: String) -> String {
        // Fast path for plain ASCII words (codes, English values): lower-case and single spaces.
        if text.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x20 }),
           !text.hasPrefix(" "), !text.hasSuffix(" "), !text.contains("  ") {
            return text
        }
        var out = String.UnicodeScalarView()
        for scalar in text.decomposedScalars {
            let v = scalar.value
            // Combining diacritical marks (Latin accents)
            if (0x0300...0x036F).contains(v) { continue }
            // Arabic harakat, Quranic marks, superscript alef, tatweel
            if (0x064B...0x065F).contains(v) || v == 0x0670 || v == 0x0640 || (0x06D6...0x06ED).contains(v) { continue }
            switch v {
            case 0x0110, 0x0111: out.append("d")                               // Đ đ
            case 0x0622, 0x0623, 0x0625, 0x0671: out.append("\u{0627}")       // آ أ إ ٱ → ا
            case 0x0629: out.append("\u{0647}")                                // ة → ه
            case 0x0649: out.append("\u{064A}")                                // ى → ي
            case 0x0624: out.append("\u{0648}")                                // ؤ → و
            case 0x0626: out.append("\u{064A}")                                // ئ → ي
            default:
                for l in String(scalar).lowercased().unicodeScalars { out.append(l) }
            }
        }
        // Collapse white space and punctuation runs into single spaces.
        var result = ""
        var lastWasSpace = true
        for ch in String(out) {
            if ch.isLetter || ch.isNumber {
                result.append(ch); lastWasSpace = false
            } else if !lastWasSpace {
                result.append(" "); lastWasSpace = true
            }
        }
        if result.hasSuffix(" ") { result.removeLast() }
        return result
    }

    /// The folded words of a query, for order-independent matching ("Dang Nguyen" finds
    /// "Nguyễn Thị Đặng").
    public static func tokens(_ text: String) -> [String] {
        fold(text).split(separator: " ").map(String.init)
    }
}

private extension String {
    /// Canonical decomposition (NFD) without Foundation, so that precomposed Vietnamese letters
    /// and Arabic hamza forms come apart into base + marks.
    var decomposedScalars: [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        for scalar in unicodeScalars {
            // Keep Arabic hamza letters whole: they are normalised explicitly in `fold`.
            if (0x0622...0x0626).contains(scalar.value) { result.append(scalar); continue }
            let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
            result.append(contentsOf: decomposed)
        }
        return result
    }
}
