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

    /// Why a file could not be read, as a catalogue message (`import.xlsx_*`).
    public struct ReadError: Error, CustomStringConvertible, Sendable {
        public let message: Message
        public init(_ key: String, _ args: [String: String] = [:]) { message = Message(key, args) }
        init(reason: String) { message = Message("import.xlsx_damaged", ["reason": reason]) }
        public var description: String { "not a readable XLSX file: \(message.key) \(message.args)" }
    }

    /// What an uploaded workbook may hold. Checked while reading, so that a crafted file (a ZIP
    /// bomb, a row number of -1 or 10⁹, a cell reference without a column, a shared-string
    /// index out of range) gets a clear error instead of exhausting or stopping the server.
    public struct Limits: Sendable {
        /// Bytes once decompressed, all parts together (a million-row registry is CSV).
        public var uncompressedBytes = 256 * 1_048_576
        public var entries = 1_000
        /// Excel's own sheet limits for rows; far more columns than any Ansinh file has.
        public var rows = 1_048_576
        public var columns = 256
        public var cellCharacters = 32_767
        public init() {}
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
            (
                "[Content_Types].xml",
                #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#
            ),
            (
                "_rels/.rels",
                #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
            (
                "xl/workbook.xml",
                #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name=""#
                    + escape(String(sheetName.prefix(31))) + #"" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
            (
                "xl/_rels/workbook.xml.rels",
                #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
            ),
            ("xl/worksheets/sheet1.xml", sheet),
        ]
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in files {
            let bytes = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: Date(timeIntervalSince1970: 1_600_000_000),
                compressionMethod: .deflate
            ) { position, size in
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

    /// The zero-based column of a cell reference (`B7` → 1), or `nil` when it has no column
    /// letters or names a column at or past `max`.
    static func columnIndex(_ ref: String, max: Int) -> Int? {
        var n = 0, letters = 0
        for ch in ref.unicodeScalars {
            guard ch.value >= 65 && ch.value <= 90 else { break }
            letters += 1
            guard letters <= 3 else { return nil }  // XFD, Excel's last column, has 3 letters
            n = n * 26 + Int(ch.value - 64)
        }
        guard letters > 0, n - 1 < max else { return nil }
        return n - 1
    }

    static func isPlainNumber(_ s: String) -> Bool {
        guard !s.isEmpty, s.count <= 15 else { return false }
        var digits = Substring(s)
        if digits.first == "-" { digits = digits.dropFirst() }
        guard let first = digits.first, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return false }
        return first != "0" || digits.count == 1
    }

    static func escape(_ s: String) -> String { Markup.escaped(s) }

    // MARK: Reading

    /// The rows of the first worksheet, as text, within `limits`.
    public static func read(_ data: Data, limits: Limits = Limits()) throws -> [[String]] {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch { throw ReadError("import.not_xlsx") }
        let paths = archive.map(\.path)
        guard paths.count <= limits.entries else { throw ReadError("import.xlsx_too_large", ["mb": "\(limits.uncompressedBytes / 1_048_576)"]) }
        var budget = limits.uncompressedBytes
        func part(_ path: String) throws -> Data? {
            guard let entry = archive[path] else { return nil }
            // The size the archive declares may lie: count what is really inflated, too.
            guard entry.uncompressedSize <= UInt64(budget) else {
                throw ReadError("import.xlsx_too_large", ["mb": "\(limits.uncompressedBytes / 1_048_576)"])
            }
            var out = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    guard out.count + chunk.count <= budget else { throw ReadError("import.xlsx_too_large", ["mb": "\(limits.uncompressedBytes / 1_048_576)"]) }
                    out.append(chunk)
                }
            } catch let e as ReadError { throw e } catch { throw ReadError(reason: "\(path): \(error)") }
            budget -= out.count
            return out
        }
        let shared = try part("xl/sharedStrings.xml").map { try SharedStringsParser.parse($0, limits: limits) } ?? []
        let dateStyles = try part("xl/styles.xml").map(StylesParser.dateStyles) ?? []
        let sheetPath = paths.filter { $0.hasPrefix("xl/worksheets/") && $0.hasSuffix(".xml") }.sorted().first
        guard let sheetPath, let sheet = try part(sheetPath) else { throw ReadError(reason: "no worksheet") }
        return try SheetParser.parse(sheet, shared: shared, dateStyles: dateStyles, limits: limits)
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
        var failure: ReadError?
        let limits: Limits
        init(limits: Limits) { self.limits = limits }
        static func parse(_ data: Data, limits: Limits) throws -> [String] {
            let p = SharedStringsParser(limits: limits)
            let parser = XMLParser(data: data)
            parser.delegate = p
            let ok = parser.parse()
            if let f = p.failure { throw f }
            guard ok else { throw ReadError(reason: "shared strings: \(parser.parserError.map { "\($0)" } ?? "malformed")") }
            return p.strings
        }
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if name == "si" { current = "" } else if name == "t" { inText = true }
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "si" { strings.append(current) } else if name == "t" { inText = false }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard inText else { return }
            current += string
            if current.utf16.count > limits.cellCharacters {
                failure = ReadError("import.xlsx_cell_too_long", ["max": "\(limits.cellCharacters)", "row": "-", "column": "-"])
                parser.abortParsing()
            }
        }
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
                    let unquoted = code.split(separator: "\"", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
                        .joined()
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
        let limits: Limits
        var rows: [Int: [Int: String]] = [:]
        var rowIndex = 0
        var cellColumn = 0
        var cellType = ""
        var cellStyle = 0
        var value = ""
        var capture = false
        var nextColumn = 0
        var failure: ReadError?

        init(shared: [String], dateStyles: Set<Int>, limits: Limits) { self.shared = shared; self.dateStyles = dateStyles; self.limits = limits }

        static func parse(_ data: Data, shared: [String], dateStyles: Set<Int>, limits: Limits = Limits()) throws -> [[String]] {
            let p = SheetParser(shared: shared, dateStyles: dateStyles, limits: limits)
            let parser = XMLParser(data: data)
            parser.delegate = p
            let ok = parser.parse()
            if let f = p.failure { throw f }
            guard ok else { throw ReadError(reason: "worksheet: \(parser.parserError.map { "\($0)" } ?? "malformed")") }
            // Rows are 1…limits.rows and columns 0..<limits.columns (checked as read).
            guard let last = p.rows.keys.max(), last >= 1 else { return [] }
            return (1...last).map { r in
                let cells = p.rows[r] ?? [:]
                guard let width = cells.keys.max(), width >= 0 else { return [] }
                return (0...width).map { cells[$0] ?? "" }
            }
        }

        func fail(_ parser: XMLParser, _ error: ReadError) {
            if failure == nil { failure = error }
            parser.abortParsing()
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            guard failure == nil else { return }
            switch name {
            case "row":
                if let raw = attributes["r"] {
                    guard raw.utf8.count <= 8, let r = Int(raw), r >= 1, r <= limits.rows else {
                        return fail(parser, ReadError("import.xlsx_bad_row", ["row": String(raw.prefix(20)), "max": "\(limits.rows)"]))
                    }
                    rowIndex = r
                } else {
                    guard rowIndex < limits.rows else {
                        return fail(parser, ReadError("import.xlsx_bad_row", ["row": "\(rowIndex + 1)", "max": "\(limits.rows)"]))
                    }
                    rowIndex += 1
                }
                nextColumn = 0
            case "c":
                if let ref = attributes["r"] {
                    guard let c = XLSX.columnIndex(ref, max: limits.columns) else {
                        return fail(parser, ReadError("import.xlsx_bad_cell", ["cell": String(ref.prefix(20)), "max": "\(limits.columns)"]))
                    }
                    cellColumn = c
                } else {
                    guard nextColumn < limits.columns else {
                        return fail(parser, ReadError("import.xlsx_bad_cell", ["cell": "#\(nextColumn + 1)", "max": "\(limits.columns)"]))
                    }
                    cellColumn = nextColumn
                }
                guard rowIndex >= 1 else { return fail(parser, ReadError(reason: "cell outside a row")) }
                cellType = attributes["t"] ?? "n"
                cellStyle = attributes["s"].flatMap { $0.utf8.count <= 6 ? Int($0) : nil } ?? 0
                value = ""
            case "v", "t": capture = true
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            guard failure == nil else { return }
            switch name {
            case "v", "t": capture = false
            case "c":
                var text = value
                switch cellType {
                case "s":
                    guard let i = Int(value.trimmingCharacters(in: .whitespaces)), shared.indices.contains(i) else {
                        return fail(parser, ReadError("import.xlsx_bad_shared", ["row": "\(rowIndex)", "column": XLSX.column(cellColumn)]))
                    }
                    text = shared[i]
                case "b": text = value == "1" ? "TRUE" : "FALSE"
                case "n":
                    if dateStyles.contains(cellStyle), let serial = Double(value), let d = XLSX.date(fromSerial: serial) {
                        text = d
                    } else if let number = Double(value), number.isFinite, number == number.rounded(), abs(number) < 1e15 {
                        text = String(Int64(number))
                    }
                default: break
                }
                rows[rowIndex, default: [:]][cellColumn] = text
                nextColumn = cellColumn + 1
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard capture, failure == nil else { return }
            value += string
            if value.utf16.count > limits.cellCharacters {
                fail(
                    parser,
                    ReadError("import.xlsx_cell_too_long", ["max": "\(limits.cellCharacters)", "row": "\(rowIndex)", "column": XLSX.column(cellColumn)]))
            }
        }
    }
}

/// A spreadsheet someone uploaded: UTF-8 CSV, or the first worksheet of an XLSX file.
public enum UploadedSheet {
    /// The file as CSV text: UTF-8 CSV as it is, or the first worksheet of an XLSX file turned
    /// into CSV (what an import job stores, so that a resumed import reads the same rows).
    public static func csvText(_ data: Data) throws -> String {
        if XLSX.isXLSX(data) {
            let rows: [[String]]
            do { rows = try XLSX.read(data) } catch let e as XLSX.ReadError {
                throw AppError.validation([FieldError(field: "file", message: e.message)])
            } catch { throw AppError.invalid("file", "import.not_xlsx") }
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
