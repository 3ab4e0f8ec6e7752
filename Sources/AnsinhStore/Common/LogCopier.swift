import FluentKit
import FluentSQLiteDriver
import Foundation
import SQLKit

/// Copies the SQLite write-ahead log into the database file on a connection and thread of its
/// own while a bulk writer goes on writing (`PRAGMA wal_checkpoint(PASSIVE)`, which never
/// blocks the writer nor waits for it).
///
/// Otherwise the connection that commits copies the log itself once it passes
/// `wal_autocheckpoint` pages, and the next batch waits for it: at a million persons that copy
/// was 11 % of an import's CPU, on the core that writes, while the other core was mostly idle.
/// Once the copy has caught up, the writer starts the log again from its beginning, so it never
/// grows past what a few batches write. Does nothing on PostgreSQL or an in-memory database.
final class LogCopier: Sendable {
    private let wake: AsyncStream<Void>.Continuation
    private let worker: Task<Void, Never>

    private init(_ connection: SQLiteConnection) {
        // At most one request waits: requests made while a copy runs become one more copy.
        let (requests, wake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        self.wake = wake
        worker = Task.detached {
            for await _ in requests { _ = try? await connection.query("PRAGMA wal_checkpoint(PASSIVE)") }
            try? await connection.close()
        }
    }

    /// A copier for the database file `db` is on; nil for PostgreSQL or an in-memory database.
    static func start(for db: any Database) async throws -> LogCopier? {
        guard !db.isPostgres else { return nil }
        guard
            let main = try await sql(db).raw("PRAGMA database_list").all()
                .first(where: { (try? $0.decode(column: "name", as: String.self)) == "main" }),
            let path = try? main.decode(column: "file", as: String.self), !path.isEmpty
        else { return nil }
        return LogCopier(try await SQLiteConnection.open(storage: .file(path: path), logger: db.logger))
    }

    /// Asks for a copy of what the log holds now (after a commit); returns at once.
    func copy() { wake.yield() }

    /// Lets the copy under way finish, then closes the connection.
    func stop() async {
        wake.finish()
        await worker.value
    }
}
