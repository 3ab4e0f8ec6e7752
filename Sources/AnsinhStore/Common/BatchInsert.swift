import FluentKit
import FluentSQLiteDriver
import Foundation
import SQLKit

/// Many rows of plain values written by multi-row INSERTs, for bulk writers (the registry
/// import). On SQLite the values go to the engine as they are: turning each value into an
/// `Encodable` bind, serialising it through SQLKit and encoding it again took a sixth of a
/// large import's CPU. On PostgreSQL they go through SQLKit as usual.
struct BatchInsert {
    /// A value as both engines store it (what Fluent writes for the same Swift types).
    enum Value: Sendable {
        case text(String), int(Int), bool(Bool), uuid(UUID), date(Date), null

        static func text(_ s: String?) -> Value { s.map(Value.text) ?? .null }
        static func uuid(_ u: UUID?) -> Value { u.map(Value.uuid) ?? .null }

        var sqlite: SQLiteData {
            switch self {
            case .text(let s): return .text(s)
            case .int(let i): return .integer(i)
            case .bool(let b): return .integer(b ? 1 : 0)
            case .uuid(let u): return .text(u.text)
            case .date(let d): return .float(d.timeIntervalSince1970)
            case .null: return .null
            }
        }

        var bind: SQLBind {
            switch self {
            case .text(let s): return SQLBind(s)
            case .int(let i): return SQLBind(i)
            case .bool(let b): return SQLBind(b)
            case .uuid(let u): return SQLBind(u)
            case .date(let d): return SQLBind(d)
            case .null: return SQLBind(String?.none)
            }
        }
    }

    let table: String
    let columns: [String]
    /// Rows per statement (SQLite allows 32,766 values in one).
    static let rowsPerStatement = 500
    private var values: [Value] = []

    init(into table: String, columns: [String]) {
        self.table = table; self.columns = columns
        values.reserveCapacity(columns.count * Self.rowsPerStatement)
    }

    /// Adds one row: a value for each column, in order.
    mutating func add(_ row: Value...) {
        precondition(row.count == columns.count, "\(table): \(row.count) values for \(columns.count) columns")
        values += row
    }

    /// Writes the rows added.
    func run(on db: any Database) async throws {
        let width = columns.count
        let rowCount = values.count / width
        let lite = db as? any SQLiteDatabase
        let head = "INSERT INTO \"\(table)\" (" + columns.map { "\"\($0)\"" }.joined(separator: ", ") + ") VALUES "
        let row = "(" + Array(repeating: "?", count: width).joined(separator: ",") + ")"
        for start in stride(from: 0, to: rowCount, by: Self.rowsPerStatement) {
            let n = min(Self.rowsPerStatement, rowCount - start)
            let slice = values[(start * width)..<((start + n) * width)]
            if let lite {
                _ = try await lite.query(head + Array(repeating: row, count: n).joined(separator: ","), slice.map(\.sqlite))
            } else {
                let b = sql(db).insert(into: table).columns(columns)
                for r in stride(from: slice.startIndex, to: slice.endIndex, by: width) { b.values(slice[r..<(r + width)].map(\.bind)) }
                try await b.run()
            }
        }
    }
}
