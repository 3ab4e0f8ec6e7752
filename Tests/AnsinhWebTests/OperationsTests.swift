import AnsinhCore
@testable import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import AnsinhWeb

/// Start-up, migrations, backup and restore on a real SQLite file.
@Suite("Operations: migrate, serve start-up, backup, restore")
struct OperationsTests {
    func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ansinh-ops-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func withFileApp(_ path: String, _ body: (Application) async throws -> Void) async throws {
        let app = try await Application.make(.testing)
        var config = AppConfiguration.testing()
        config.database = .sqliteFile(path: path)
        do {
            try await configure(app, config)
            try await body(app)
        } catch {
            try? await app.asyncShutdown(); throw error
        }
        try await app.asyncShutdown()
    }

    @Test func newDatabaseIsCreatedWithDemoThenPendingMigrationsStopStartUp() async throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("a.sqlite").path
        try await withFileApp(path) { app in
            #expect(try await Operations.databaseState(app) == .empty)
            let r = try await Operations.prepareForServe(app, demo: true)
            #expect(r.created && r.demoLoaded)
            #expect(try await Operations.databaseState(app) == .current)
            #expect(try await UnitRepository(app.store).find(code: "00364")?.name == "Phường Khương Đình")
            // A second start changes nothing.
            let again = try await Operations.prepareForServe(app, demo: true)
            #expect(!again.created && !again.demoLoaded)
            #expect(try await OrgUnitModel.query(on: app.db).count() == 15)
            // Simulate an older database: one migration not applied yet.
            try await (app.db as! any SQLDatabase).raw("DELETE FROM _fluent_migrations WHERE name = '0005_create_login_throttle'").run()
            #expect(try await Operations.databaseState(app) == .pending(["0005_create_login_throttle"]))
            await #expect(throws: OperationError.self) { _ = try await Operations.prepareForServe(app, demo: true) }
            // A newer database is refused too.
            try await (app.db as! any SQLDatabase).raw(
                "INSERT INTO _fluent_migrations (id, name, batch, created_at, updated_at) VALUES ('\(unsafeRaw: UUID().uuidString)', '9999_future', 9, NULL, NULL)"
            ).run()
            #expect(try await Operations.databaseState(app) == .newer(["9999_future"]))
        }
    }

    @Test func backupWhileServingAndRestore() async throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("live.sqlite").path
        let backup = dir.appendingPathComponent("backup.sqlite").path
        try await withFileApp(path) { app in
            _ = try await Operations.prepareForServe(app, demo: true)
            try await Operations.backup(app, to: backup)
            // Refuses to overwrite.
            await #expect(throws: OperationError.self) { try await Operations.backup(app, to: backup) }
            // A change after the backup.
            let ward = try await UnitRepository(app.store).find(code: "00364")!
            _ = try await UnitRepository(app.store).create(.system, UnitInput(code: "AFTER", name: "Sau sao lưu", kind: "residential_group", parentID: ward.id))
        }
        var config = AppConfiguration.testing()
        config.database = .sqliteFile(path: path)
        let entries = try await Operations.restore(from: backup, config: config, logger: Logger(label: "test"))
        // The demo (units, accounts, 40 households imported in batches) was audited before the backup.
        #expect(entries > 22)
        try await withFileApp(path) { (app: Application) async throws in
            #expect(try await UnitRepository(app.store).find(code: "AFTER") == nil)
            #expect(try await UnitRepository(app.store).find(code: "00364") != nil)
            #expect(try await AuditChain.verify(on: app.db) == .ok(entries: entries))
            #expect(try await HouseholdModel.query(on: app.db).count() >= 40)
        }
    }

    /// During a bulk import the log is copied into the database file by a connection of its
    /// own (`LogCopier`): pages committed with the writer's automatic copy turned off reach the
    /// file once the copier has run, and a bulk import on a file with the copier beside it
    /// writes every row and rebuilds what it left out.
    @Test func logCopierCopiesTheLogBesideTheWriter() async throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("live.sqlite").path
        try await withFileApp(path) { app in
            _ = try await Operations.prepareForServe(app, demo: true)
            let s = app.db as! any SQLDatabase
            _ = try await s.raw("PRAGMA wal_checkpoint(TRUNCATE)").all()
            @Sendable func fileSize() throws -> Int { try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int }
            let before = try fileSize()
            // About 2 MB committed while this connection does not copy its log itself.
            try await app.db.withConnection { conn in
                let c = conn as! any SQLDatabase
                try await c.raw("PRAGMA wal_autocheckpoint = 0").run()
                try await c.raw("CREATE TABLE filler (t TEXT)").run()
                try await c.raw(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO filler SELECT printf('%.1000d', i) FROM n"
                ).run()
                #expect(try fileSize() == before)
                let copier = try #require(try await LogCopier.start(for: conn))
                copier.copy()
                await copier.stop()
                try await c.raw("PRAGMA wal_autocheckpoint = 1000").run()
            }
            #expect(try fileSize() >= before + 2_000_000)

            // A bulk import (from 300 rows) in batches of 150 with the copier running.
            let actor = try await ReviewTests.officer(app)
            let importer = RegistryImporter(app.store)
            let csv = RegistryTests.bulkFile("L", head: "Lò Văn Pó", households: 200)
            let job = try await importer.validate(actor, fileName: "l.csv", data: Data(csv.utf8)).jobID
            let done = try await importer.run(actor, jobID: job, validOnly: false, batchSize: 150, bulkFrom: 300)
            #expect(done.createdPersons == 400 && done.createdHouseholds == 200)
            #expect(try await RegistryBulkLoad.missing(on: app.db).isEmpty)
            #expect(try await RegistryRepository(app.store).persons(actor, query: "po lo", page: PageSpec(page: 1, perPage: 5)).total == 200)
        }
    }

    @Test func restoreRefusesBadFilesAndLeavesTheDatabaseAlone() async throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("live.sqlite").path
        try await withFileApp(path) { app in _ = try await Operations.prepareForServe(app, demo: true) }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        var config = AppConfiguration.testing()
        config.database = .sqliteFile(path: path)

        func refusal(_ file: String) async -> String? {
            do { _ = try await Operations.restore(from: file, config: config, logger: Logger(label: "test")); return nil } catch let e as OperationError {
                return e.message.key
            } catch { return "other: \(error)" }
        }
        #expect(await refusal(dir.appendingPathComponent("missing.sqlite").path) == "cli.restore_missing")
        let text = dir.appendingPathComponent("notes.txt").path
        try "không phải cơ sở dữ liệu".write(toFile: text, atomically: true, encoding: .utf8)
        #expect(await refusal(text) == "cli.restore_not_sqlite")
        // A SQLite header followed by garbage.
        let corrupt = dir.appendingPathComponent("corrupt.sqlite").path
        var bytes = Data("SQLite format 3\u{0}".utf8)
        bytes.append(Data(repeating: 0xAB, count: 8192))
        try bytes.write(to: URL(fileURLWithPath: corrupt))
        let corruptResult = await refusal(corrupt)
        #expect(corruptResult == "cli.restore_corrupt")
        // A newer Ansinh's database.
        let newer = dir.appendingPathComponent("newer.sqlite").path
        try await withFileApp(newer) { app in
            _ = try await Operations.prepareForServe(app, demo: false)
            try await (app.db as! any SQLDatabase).raw(
                "INSERT INTO _fluent_migrations (id, name, batch, created_at, updated_at) VALUES ('\(unsafeRaw: UUID().uuidString)', '9999_future', 9, NULL, NULL)"
            ).run()
        }
        #expect(await refusal(newer) == "cli.newer_schema")
        // A backup whose audit trail was altered.
        let tampered = dir.appendingPathComponent("tampered.sqlite").path
        try await withFileApp(tampered) { app in
            _ = try await Operations.prepareForServe(app, demo: true)
            try await (app.db as! any SQLDatabase).raw("UPDATE audit_log SET actor_name = 'x' WHERE seq = 2").run()
        }
        #expect(await refusal(tampered) == "cli.restore_audit_broken")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
}
