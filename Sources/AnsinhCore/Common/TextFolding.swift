import Foundation

/// Folding of names for search, so that people find a record however they type it.
///
/// Vietnamese: case and diacritics are removed and `đ/Đ` becomes `d` explicitly (Unicode does
/// not decompose đ, so Foundation leaves it). Arabic: harakat and tatweel are removed, alef
/// variants (أ إ آ ٱ) become ا, taa marbuta ة becomes ه, alef maqsura ى becomes ي, and hamza
/// carriers ؤ ئ become و ي.
public enum TextFolding {
    public static func fold(_ text: String) -> String {
        if isFolded(text) { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var lastWasSpace = true
        let table = FoldTable.shared
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let kind: FoldEntry.Kind
            if v < FoldEntry.tableSize {
                let e = table.entries[Int(v)]
                kind = e.kind
                if kind == .word { out.append(contentsOf: table.bytes[Int(e.start)..<Int(e.start) + Int(e.count)]) }
            } else {
                let e = FoldEntry(scalar)
                kind = e.kind
                if kind == .word { for s in e.scalars { out.append(contentsOf: Array(String(s).utf8)) } }
            }
            switch kind {
            case .skip: continue
            case .separator:
                if !lastWasSpace { out.append(0x20); lastWasSpace = true }
            case .word:
                lastWasSpace = false
            }
        }
        if out.last == 0x20 { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `text` is already folded: lower-case ASCII letters and digits, single spaces
    /// between words (codes, English values). Checked on the bytes: Foundation's
    /// `contains("  ")` took 3.6 s of checking a million-row file.
    static func isFolded(_ text: String) -> Bool {
        var previous: UInt8 = 0x20
        for b in text.utf8 {
            if b == 0x20 {
                if previous == 0x20 { return false }
            } else if !((b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)) {
                return false
            }
            previous = b
        }
        return previous != 0x20 || text.isEmpty
    }

    /// The fold of every scalar below `FoldEntry.tableSize` (Latin, Vietnamese, Arabic), as
    /// UTF-8 bytes in one flat array, built once: folding a million names neither decomposes
    /// the same letter twice nor allocates per letter.
    struct FoldTable: Sendable {
        struct Entry: Sendable { let kind: FoldEntry.Kind; let start: UInt32; let count: UInt8 }
        let entries: [Entry]
        let bytes: [UInt8]
        static let shared: FoldTable = {
            var entries: [Entry] = []
            var bytes: [UInt8] = []
            entries.reserveCapacity(Int(FoldEntry.tableSize))
            for e in FoldEntry.table {
                let utf8 = e.scalars.flatMap { Array(String($0).utf8) }
                entries.append(Entry(kind: e.kind, start: UInt32(bytes.count), count: UInt8(utf8.count)))
                bytes += utf8
            }
            return FoldTable(entries: entries, bytes: bytes)
        }()
    }

    /// How one scalar folds. Scalars below U+2000 (Latin, Vietnamese, Arabic) come from a table
    /// built once, so folding a million names never decomposes the same letter twice.
    struct FoldEntry: Sendable {
        enum Kind: Sendable { case skip, separator, word }
        let kind: Kind
        let scalars: [Unicode.Scalar]

        static let tableSize: UInt32 = 0x2000
        static let table: [FoldEntry] = (0..<tableSize).map { v in
            Unicode.Scalar(v).map(FoldEntry.init) ?? FoldEntry(kind: .separator, scalars: [])
        }

        init(kind: Kind, scalars: [Unicode.Scalar]) { self.kind = kind; self.scalars = scalars }

        init(_ scalar: Unicode.Scalar) {
            var out: [Unicode.Scalar] = []
            for s in scalar.decomposed {
                let v = s.value
                // Combining diacritical marks (Latin accents)
                if (0x0300...0x036F).contains(v) { continue }
                // Arabic harakat, Quranic marks, superscript alef, tatweel
                if (0x064B...0x065F).contains(v) || v == 0x0670 || v == 0x0640 || (0x06D6...0x06ED).contains(v) { continue }
                switch v {
                case 0x0110, 0x0111: out.append("d")  // Đ đ
                case 0x0622, 0x0623, 0x0625, 0x0671: out.append("\u{0627}")  // آ أ إ ٱ → ا
                case 0x0629: out.append("\u{0647}")  // ة → ه
                case 0x0649: out.append("\u{064A}")  // ى → ي
                case 0x0624: out.append("\u{0648}")  // ؤ → و
                case 0x0626: out.append("\u{064A}")  // ئ → ي
                default: out.append(contentsOf: String(s).lowercased().unicodeScalars)
                }
            }
            if out.isEmpty { self.init(kind: .skip, scalars: []); return }
            let ch = Character(String(String.UnicodeScalarView(out)))
            // White space and punctuation become word separators.
            self.init(kind: ch.isLetter || ch.isNumber ? .word : .separator, scalars: out)
        }
    }

    /// The text without leading and trailing white space. Cells of a large import are trimmed
    /// millions of times: plain text that needs no trimming is returned as it is.
    public static func trimmed(_ s: String) -> String {
        let u = s.utf8
        guard let f = u.first, let l = u.last else { return s }
        func space(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        if !space(f) && !space(l) && f < 0x80 && l < 0x80 { return s }
        return s.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The folded words of a query, for order-independent matching ("Dang Nguyen" finds
    /// "Nguyễn Thị Đặng").
    public static func tokens(_ text: String) -> [String] {
        fold(text).split(separator: " ").map(String.init)
    }
}

private extension Unicode.Scalar {
    /// Canonical decomposition (NFD) of one scalar, so that precomposed Vietnamese letters come
    /// apart into base + marks. Arabic hamza letters stay whole: `fold` normalises them itself.
    var decomposed: [Unicode.Scalar] {
        if (0x0622...0x0626).contains(value) { return [self] }
        return Array(String(self).decomposedStringWithCanonicalMapping.unicodeScalars)
    }
}
