import AnsinhCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// The spreadsheet files ward officers open: one worksheet of cells, written and read without
/// any office software (Office Open XML inside a ZIP). Cells are text, except whole numbers
/// without a leading zero (amounts, counts), which are written as numbers; codes, phone numbers
/// and national IDs keep their leading zeros as text. Date cells are read back as `YYYY-MM-DD`.
public enum XLSX {
    public static let contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// Whether the bytes are a ZIP container (an XLSX file) rather than CSV text.
    public static func isXLSX(_ data: Data) -> Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    public struct ReadError: Error, CustomStringConvertible, Sendable {
        public let reason: String
        public var description: String { "not a readable XLSX file: \(reason)" }
    }

    // MARK: Writing

    public static func write(_ rows: [[String]], sheetName: String = "Ansinh") throws -> Data {
        var sheet = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        sheet += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
        for (r, row) in rows.enumerated() {
            sheet += "<row r=\"\(r + 1)\">"
            for (c, value) in row.enumerated() {
                let ref = column(c) + String(r + 1)
                if isPlainNumber(value) {
                    sheet += "<c r=\"\(ref)\"><v>\(value)</v></c>"
                } else if !value.isEmpty {
                    sheet += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(value))</t></is></c>"
                }
            }
            sheet += "</row>"
        }
        sheet += "</sheetData></worksheet>"
        let files: [(String, String)] = [
            ("[Content_Types].xml", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#),
            ("_rels/.rels", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
            ("xl/workbook.xml", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name=""# + escape(String(sheetName.prefix(31))) + #"" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
            ("xl/_rels/workbook.xml.rels", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#),
            ("xl/worksheets/sheet1.xml", sheet),
        ]
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in files {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: Date(timeIntervalSince1970: 1_600_000_000),
                                 compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<min(Int(position) + size, bytes.count))
            }
        }
        guard let data = archive.data else { throw ReadError(reason: "archive not written") }
        return data
    }

    /// `A`, `B`, … `Z`, `AA`, … for a zero-based column index.
    static func column(_ index: Int) -> String {
        var n = index + 1, s = ""
        while n > 0 { let r = (n - 1) % 26; s = String(UnicodeScalar(65 + r)!) + s; n = (n - 1) / 26 }
        return s
    }

    static func columnIndex(_ ref: String) -> Int {
        var n = 0
        for ch in ref.unicodeScalars { guard ch.value >= 65 && ch.value <= 90 else { break }; n = n * 26 + Int(ch.value - 64) }
        return n - 1
    }

    static func isPlainNumber(_ s: String) -> Bool {
        guard !s.isEmpty, s.count <= 15 else { return false }
        var digits = Substring(s)
        if digits.first == "-" { digits = digits.dropFirst() }
        guard let first = digits.first, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return false }
        return first != "0" || digits.count == 1
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default: if u.value >= 0x20 { out.unicodeScalars.append(u) }  // XML 1.0 forbids other controls
            }
        }
        return out
    }

    // MARK: Reading

    /// The rows of the first worksheet, as text.
    public static func read(_ data: Data) throws -> [[String]] {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch { throw ReadError(reason: "not a ZIP container") }
        func text(_ path: String) throws -> Data? {
            guard let entry = archive[path] else { return nil }
            var out = Data()
            _ = try archive.extract(entry) { out.append($0) }
            return out
        }
        let shared = try text("xl/sharedStrings.xml").map(SharedStringsParser.parse) ?? []
        let dateStyles = try text("xl/styles.xml").map(StylesParser.dateStyles) ?? []
        let sheetPath = archive.map(\.path).filter { $0.hasPrefix("xl/worksheets/") && $0.hasSuffix(".xml") }.sorted().first
        guard let sheetPath, let sheet = try text(sheetPath) else { throw ReadError(reason: "no worksheet") }
        return try SheetParser.parse(sheet, shared: shared, dateStyles: dateStyles)
    }

    /// Excel's day numbers count from 1899-12-30.
    static func date(fromSerial serial: Double) -> String? {
        guard serial >= 1, serial < 2_958_466 else { return nil }
        return LocalDate.fromDays(Int(serial) - 25569).iso
    }

    final class SharedStringsParser: NSObject, XMLParserDelegate {
        var strings: [String] = []
        var current = ""
        var inText = false
        static func parse(_ data: Data) throws -> [String] {
            let p = SharedStringsParser()
            let parser = XMLParser(data: data)
            parser.delegate = p
            guard parser.parse() else { throw ReadError(reason: "shared strings: \(parser.parserError.map { "\($0)" } ?? "malformed")") }
            return p.strings
        }
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if name == "si" { current = "" } else if name == "t" { inText = true }
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "si" { strings.append(current) } else if name == "t" { inText = false }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }
    }

    /// Which cell styles (`s` index) show dates: built-in formats 14–22 and 45–47, or custom
    /// formats with day/month/year letters outside quotes.
    final class StylesParser: NSObject, XMLParserDelegate {
        var customDate: Set<Int> = []
        var xfFormats: [Int] = []
        var inCellXfs = false
        static func dateStyles(_ data: Data) throws -> Set<Int> {
            let p = StylesParser()
            let parser = XMLParser(data: data)
            parser.delegate = p
            _ = parser.parse()
            let builtIn = Set(14...22).union(45...47)
            return Set(p.xfFormats.enumerated().compactMap { i, f in builtIn.contains(f) || p.customDate.contains(f) ? i : nil })
        }
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            switch name {
            case "numFmt":
                if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] {
                    let unquoted = code.split(separator: "\"", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined()
                    if unquoted.lowercased().contains(where: { "dmy".contains($0) }) && !unquoted.contains("0.") { customDate.insert(id) }
                }
            case "cellXfs": inCellXfs = true
            case "xf": if inCellXfs { xfFormats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0) }
            default: break
            }
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "cellXfs" { inCellXfs = false }
        }
    }

    final class SheetParser: NSObject, XMLParserDelegate {
        let shared: [String]
        let dateStyles: Set<Int>
        var rows: [Int: [Int: String]] = [:]
        var rowIndex = 0
        var cellColumn = 0
        var cellType = ""
        var cellStyle = 0
        var value = ""
        var capture = false
        var nextColumn = 0

        init(shared: [String], dateStyles: Set<Int>) { self.shared = shared; self.dateStyles = dateStyles }

        static func parse(_ data: Data, shared: [String], dateStyles: Set<Int>) throws -> [[String]] {
            let p = SheetParser(shared: shared, dateStyles: dateStyles)
            let parser = XMLParser(data: data)
            parser.delegate = p
            guard parser.parse() else { throw ReadError(reason: "worksheet: \(parser.parserError.map { "\($0)" } ?? "malformed")") }
            guard let last = p.rows.keys.max() else { return [] }
            return (1...last).map { r in
                let cells = p.rows[r] ?? [:]
                guard let width = cells.keys.max() else { return [] }
                return (0...width).map { cells[$0] ?? "" }
            }
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            switch name {
            case "row":
                rowIndex = attributes["r"].flatMap(Int.init) ?? rowIndex + 1
                nextColumn = 0
            case "c":
                cellColumn = attributes["r"].map(XLSX.columnIndex) ?? nextColumn
                cellType = attributes["t"] ?? "n"
                cellStyle = attributes["s"].flatMap(Int.init) ?? 0
                value = ""
            case "v", "t": capture = true
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "v", "t": capture = false
            case "c":
                var text = value
                switch cellType {
                case "s": text = Int(value).flatMap { $0 < shared.count ? shared[$0] : nil } ?? ""
                case "b": text = value == "1" ? "TRUE" : "FALSE"
                case "n":
                    if dateStyles.contains(cellStyle), let serial = Double(value), let d = XLSX.date(fromSerial: serial) { text = d }
                    else if let number = Double(value), number == number.rounded(), abs(number) < 1e15 { text = String(Int64(number)) }
                default: break
                }
                rows[rowIndex, default: [:]][cellColumn] = text
                nextColumn = cellColumn + 1
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { if capture { value += string } }
    }
}

/// A spreadsheet someone uploaded: UTF-8 CSV, or the first worksheet of an XLSX file.
public enum UploadedSheet {
    /// The file as CSV text: UTF-8 CSV as it is, or the first worksheet of an XLSX file turned
    /// into CSV (what an import job stores, so that a resumed import reads the same rows).
    public static func csvText(_ data: Data) throws -> String {
        if XLSX.isXLSX(data) {
            guard let rows = try? XLSX.read(data) else { throw AppError.invalid("file", "import.not_xlsx") }
            return rows.map(CSVReader.line).joined(separator: "\n") + "\n"
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AppError.invalid("file", "import.not_utf8")
        }
        return text
    }

    /// The rows of the file, with the same clear errors for a damaged XLSX or a non-UTF-8 CSV.
    public static func rows(_ data: Data) throws -> [[String]] { CSVReader.rows(try csvText(data)) }
}
