/// Reads CSV text as spreadsheet programs write it (RFC 4180): quoted cells with `""` escapes
/// and line breaks, CRLF or LF, an optional UTF-8 byte-order mark, and `,`, `;` or tab as the
/// separator (detected from the header line, as Vietnamese Excel often saves with `;`).
public enum CSVReader {
    /// One CSV line: cells with a comma, quote or line break are quoted.
    public static func line(_ cells: [String]) -> String {
        cells.map { c in
            c.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + c.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : c
        }.joined(separator: ",")
    }

    public static func rows(_ text: String) -> [[String]] {
        var s = Substring(text)
        if s.first == "\u{FEFF}" { s = s.dropFirst() }
        let firstLine = s.prefix { $0 != "\n" && $0 != "\r\n" }
        let separator: Character
        let counts: [(Character, Int)] = [(",", 0), (";", 0), ("\t", 0)].map { ch, _ in (ch, firstLine.filter { $0 == ch }.count) }
        separator = counts.max { $0.1 < $1.1 }.map { $0.1 > 0 ? $0.0 : "," } ?? ","

        var result: [[String]] = []
        var row: [String] = []
        var cell = ""
        var inQuotes = false
        var iterator = s.makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        while let ch = next() {
            if inQuotes {
                if ch == "\"" {
                    if let n = next() {
                        if n == "\"" { cell.append("\"") } else { inQuotes = false; pending = n }
                    } else { inQuotes = false }
                } else { cell.append(ch) }
                continue
            }
            switch ch {
            case "\"" where cell.isEmpty: inQuotes = true
            case separator: row.append(cell); cell = ""
            case "\n", "\r\n", "\r":
                row.append(cell); cell = ""
                result.append(row); row = []
            default: cell.append(ch)
            }
        }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); result.append(row) }
        // Blank lines are kept so that row numbers match what the spreadsheet shows.
        return result
    }
}

import Foundation
