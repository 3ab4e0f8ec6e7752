import Foundation

/// A column of a row import (survey results, a paper list taken over): its code, its
/// Vietnamese header and the other headers officers write, matched without case and
/// diacritics, in any order.
public struct ImportColumn: Sendable {
    public let code: String
    public let vietnamese: String
    public let aliases: [String]
    public let required: Bool
    public init(_ code: String, _ vietnamese: String, aliases: [String] = [], required: Bool = false) {
        self.code = code; self.vietnamese = vietnamese; self.aliases = aliases; self.required = required
    }
}

/// The rows of an uploaded file read against its columns. Rows are numbered as people see them
/// in a spreadsheet: the header is row 1, the first data row row 2.
public struct ImportTable: Sendable {
    public let rows: [[String]]
    let index: [String: Int]

    /// Reads the header; a missing required column, an empty file or more than `maxRows` rows is
    /// refused as a whole with the reason.
    public static func read(_ table: [[String]], columns: [ImportColumn], maxRows: Int) throws -> ImportTable {
        guard let header = table.first else { throw AppError.invalid("file", "import.empty_file") }
        var index: [String: Int] = [:]
        for (i, raw) in header.enumerated() {
            let folded = TextFolding.fold(raw)
            if let c = columns.first(where: {
                TextFolding.fold($0.code.replacingOccurrences(of: "_", with: " ")) == folded || TextFolding.fold($0.code) == folded
                    || TextFolding.fold($0.vietnamese) == folded || $0.aliases.contains(folded)
            }), index[c.code] == nil {
                index[c.code] = i
            }
        }
        let missing = columns.filter { $0.required && index[$0.code] == nil }
        if !missing.isEmpty {
            throw AppError.validation(missing.map { FieldError(field: $0.code, message: Message("import.column_missing", ["column": $0.code]), row: 1) })
        }
        let rows = table.dropFirst().filter { r in r.contains { !TextFolding.trimmed($0).isEmpty } }
        if rows.isEmpty { throw AppError.invalid("file", "import.empty_file") }
        if rows.count > maxRows { throw AppError.invalid("file", "import.too_many_rows", ["max": "\(maxRows)"]) }
        return ImportTable(rows: Array(rows), index: index)
    }

    /// The trimmed cell of data row `i` (0-based) in column `code`, "" when absent.
    public func cell(_ i: Int, _ code: String) -> String {
        guard let c = index[code], c < rows[i].count else { return "" }
        return TextFolding.trimmed(rows[i][c])
    }

    /// The row number people see for data row `i`.
    public static func rowNumber(_ i: Int) -> Int { i + 2 }

    /// The template's header row, in column codes or in Vietnamese.
    public static func header(_ columns: [ImportColumn], vietnamese: Bool) -> [String] { columns.map { vietnamese ? $0.vietnamese : $0.code } }

    /// A whole number of đồng as officers write it (`1.500.000`, `1 500 000 đ`), or nil.
    public static func dong(_ text: String) -> Int64? {
        let digits = text.filter { !" .,_₫đ".contains($0) }
        guard !digits.isEmpty, digits.count <= 15, digits.allSatisfy(\.isASCII) else { return nil }
        return Int64(digits)
    }
}

/// What a row import did or, on a check (`dryRun`), would do. A file with any bad row writes
/// nothing; running the same file again writes nothing new (`unchanged`).
public struct RowImportReport: Sendable, Equatable {
    public var rows = 0
    public var written = 0
    public var unchanged = 0
    public var errors: [FieldError] = []
    public var dryRun = true
    public init() {}
    public var errorRows: Int { Set(errors.compactMap(\.row)).count }
}
