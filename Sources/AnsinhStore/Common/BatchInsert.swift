import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit

/// Many rows of plain values, for bulk writers (the registry import). On SQLite, multi-row
/// INSERTs whose values go to the engine as they are: turning each value into an `Encodable`
/// bind, serialising it through SQLKit and encoding it again took a sixth of a large import's
/// CPU. On PostgreSQL, one `COPY … FROM STDIN` on the transaction's connection.
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

        /// The value in `COPY` text format: backslash, tab, newline and carriage return escaped,
        /// NULL as `\N`, a time in UTC to the microsecond (as PostgresNIO binds a `Date`).
        func writeCopyText(into b: inout ByteBuffer, times: inout TimeTexts) {
            switch self {
            case .text(let s):
                guard s.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { b.writeString(s); return }
                for c in s.utf8 {
                    switch c {
                    case 0x5C: b.writeStaticString("\\\\")
                    case 0x09: b.writeStaticString("\\t")
                    case 0x0A: b.writeStaticString("\\n")
                    case 0x0D: b.writeStaticString("\\r")
                    default: b.writeInteger(c)
                    }
                }
            case .int(let i): b.writeString(String(i))
            case .bool(let v): b.writeInteger(v ? UInt8(ascii: "t") : UInt8(ascii: "f"))
            case .uuid(let u): b.writeString(u.text)
            case .date(let d): b.writeString(times.text(d))
            case .null: b.writeStaticString("\\N")
            }
        }
    }

    /// PostgreSQL text of times, the last one kept: a batch's rows share their `created_at`.
    struct TimeTexts {
        private var last: (Date, String)?

        mutating func text(_ d: Date) -> String {
            if let last, last.0 == d { return last.1 }
            // PostgresNIO binds microseconds since 2000-01-01, truncated toward zero.
            let micros = Int64(d.timeIntervalSince(Date(timeIntervalSince1970: 946_684_800)) * 1_000_000) + 946_684_800_000_000
            var (seconds, fraction) = micros.quotientAndRemainder(dividingBy: 1_000_000)
            if fraction < 0 { seconds -= 1; fraction += 1_000_000 }
            var t = time_t(seconds), parts = tm()
            gmtime_r(&t, &parts)
            let text = String(
                format: "%04d-%02d-%02d %02d:%02d:%02d.%06d+00", Int32(parts.tm_year) + 1900, Int32(parts.tm_mon) + 1,
                Int32(parts.tm_mday), Int32(parts.tm_hour), Int32(parts.tm_min), Int32(parts.tm_sec), Int32(fraction))
            last = (d, text)
            return text
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
        guard !values.isEmpty else { return }
        if let pg = db as? any PostgresDatabase { return try await copy(on: pg, logger: db.logger) }
        let width = columns.count
        let rowCount = values.count / width
        guard let lite = db as? any SQLiteDatabase else { preconditionFailure("BatchInsert: neither SQLite nor PostgreSQL") }
        let head = "INSERT INTO \"\(table)\" (" + columns.map { "\"\($0)\"" }.joined(separator: ", ") + ") VALUES "
        let row = "(" + Array(repeating: "?", count: width).joined(separator: ",") + ")"
        let full = head + Array(repeating: row, count: Self.rowsPerStatement).joined(separator: ",")
        // Each statement's values are made ready while the one before runs on the connection's
        // thread; the statements still run one after the other, in order.
        var running: EventLoopFuture<Void>? = nil
        for start in stride(from: 0, to: rowCount, by: Self.rowsPerStatement) {
            let n = min(Self.rowsPerStatement, rowCount - start)
            let binds = values[(start * width)..<((start + n) * width)].map(\.sqlite)
            let text = n == Self.rowsPerStatement ? full : head + Array(repeating: row, count: n).joined(separator: ",")
            try await running?.get()
            running = lite.query(text, binds, logger: db.logger) { _ in }
        }
        try await running?.get()
    }

    /// Bytes sent to the server per write of a `COPY`.
    static let copyChunk = 256 * 1024

    /// PostgreSQL: the rows as one `COPY … FROM STDIN` in text format, on the connection of the
    /// transaction `pg` belongs to. Multi-row INSERTs bind, encode and plan every value.
    private func copy(on pg: any PostgresDatabase, logger: Logger) async throws {
        let width = columns.count
        let table = self.table, columns = self.columns, values = self.values
        try await pg.withConnection { conn in
            conn.eventLoop.makeFutureWithTask {
                try await conn.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    var buffer = ByteBuffer(), times = TimeTexts()
                    buffer.reserveCapacity(Self.copyChunk + 4096)
                    for (i, v) in values.enumerated() {
                        v.writeCopyText(into: &buffer, times: &times)
                        buffer.writeInteger(i % width == width - 1 ? UInt8(ascii: "\n") : UInt8(ascii: "\t"))
                        if buffer.readableBytes >= Self.copyChunk {
                            try await writer.write(buffer)
                            buffer.clear()
                        }
                    }
                    if buffer.readableBytes > 0 { try await writer.write(buffer) }
                }
            }
        }.get()
    }
}
