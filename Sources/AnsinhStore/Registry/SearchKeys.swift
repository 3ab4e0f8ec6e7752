import AnsinhCore
import FluentKit
import FluentSQL
import Foundation
import SQLKit

extension SearchIndex {
    /// The persons' sort and scope keys on SQLite, one short row per person, kept in step by
    /// triggers: the search reads these for its up to `maxMatches` matches instead of the
    /// persons rows. `unit` numbers the unit path in `unit_paths`, so a ward's scope is a
    /// handful of integers instead of a 150-character prefix compared on every match.
    /// PostgreSQL still reads the persons rows: not carried over yet (at a million persons its
    /// search p95 is 25.5 ms warm, 41.7 ms cold, against 18 and 20 ms on SQLite).
    public enum Keys {
        /// The migration that made them.
        public static let migrationName = "0020_person_keys"
        static let table = "person_keys"
        static let units = "unit_paths"
        static let triggers = ["person_keys_insert", "person_keys_delete", "person_keys_update"]

        /// The triggers that keep the keys in step with the persons (none on PostgreSQL).
        static func followers(on db: any Database) -> [String] { db.isPostgres ? [] : triggers }

        /// `person_keys` rows whose unit path starts with `path`: a range of the unique path
        /// index of `unit_paths` (`UnitScope`). A path stays numbered when nobody lives there
        /// any more: a few bytes per unit ever used.
        static func within(_ path: String, on db: any Database) -> SQLQueryString {
            "\(ident: table).unit IN (SELECT id FROM \(ident: units) WHERE " + UnitScope.condition("path", path, on: db) + ")"
        }

        /// The tables, triggers and keys of every person (migration 0020).
        static func create(on db: any Database) async throws {
            guard !db.isPostgres else { return }
            try await sql(db).raw("CREATE TABLE \(ident: units) (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE)").run()
            try await sql(db).raw(
                """
                CREATE TABLE \(ident: table) (rid INTEGER PRIMARY KEY, unit INTEGER NOT NULL, merged INTEGER NOT NULL,
                search_key TEXT NOT NULL, birth_date TEXT NOT NULL)
                """
            ).run()
            try await resume(on: db)
        }

        static func drop(on db: any Database) async throws {
            guard !db.isPostgres else { return }
            try await pause(on: db)
            for t in [table, units] { try await sql(db).raw("DROP TABLE IF EXISTS \(ident: t)").run() }
        }

        /// Stops keeping the keys in step, for a bulk load that rebuilds them at its end.
        static func pause(on db: any Database) async throws {
            for name in followers(on: db) { try await sql(db).raw("DROP TRIGGER IF EXISTS \(ident: name)").run() }
        }

        /// Puts back the triggers and, if any was missing, rebuilds the keys from every person
        /// (in the caller's transaction). Does nothing when nothing is missing.
        static func resume(on db: any Database) async throws {
            guard !db.isPostgres else { return }
            let present = try await DatabaseObjects.existing(triggers, on: db)
            guard present.count < triggers.count else { return }
            let s = sql(db)
            // The unit path is numbered on first sight; the row number is the one FTS5 uses.
            let values: SQLQueryString = """
                (new.rowid, (SELECT id FROM \(ident: units) WHERE path = new.unit_path), new.merged_into IS NOT NULL, new.search_key, new.birth_date)
                """
            try await s.raw(
                """
                CREATE TRIGGER IF NOT EXISTS person_keys_insert AFTER INSERT ON persons BEGIN
                  INSERT OR IGNORE INTO \(ident: units)(path) VALUES (new.unit_path);
                  INSERT INTO \(ident: table)(rid, unit, merged, search_key, birth_date) VALUES
                """ + values + "; END"
            ).run()
            try await s.raw(
                """
                CREATE TRIGGER IF NOT EXISTS person_keys_delete AFTER DELETE ON persons BEGIN
                  DELETE FROM \(ident: table) WHERE rid = old.rowid;
                END
                """
            ).run()
            try await s.raw(
                """
                CREATE TRIGGER IF NOT EXISTS person_keys_update AFTER UPDATE OF unit_path, merged_into, search_key, birth_date ON persons BEGIN
                  INSERT OR IGNORE INTO \(ident: units)(path) VALUES (new.unit_path);
                  INSERT OR REPLACE INTO \(ident: table)(rid, unit, merged, search_key, birth_date) VALUES
                """ + values + "; END"
            ).run()
            try await rebuild(on: db)
        }

        /// Rebuilds the keys from every person: after a bulk load, and after a restore (the
        /// copy may renumber rows). About 4 s at a million persons in a replay.
        public static func rebuild(on db: any Database) async throws {
            guard !db.isPostgres else { return }
            let s = sql(db)
            try await s.raw("DELETE FROM \(ident: table)").run()
            try await s.raw("INSERT OR IGNORE INTO \(ident: units)(path) SELECT DISTINCT unit_path FROM persons").run()
            try await s.raw(
                """
                INSERT INTO \(ident: table)(rid, unit, merged, search_key, birth_date)
                SELECT persons.rowid, \(ident: units).id, persons.merged_into IS NOT NULL, persons.search_key, persons.birth_date
                FROM persons JOIN \(ident: units) ON \(ident: units).path = persons.unit_path ORDER BY persons.rowid
                """
            ).run()
        }
    }
}
