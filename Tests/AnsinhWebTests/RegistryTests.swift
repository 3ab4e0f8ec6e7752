import AnsinhCore
@testable import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import AnsinhWeb

@Suite("Registry: households, persons, import, search")
struct RegistryTests {
    func officer(_ app: Application) async throws -> Actor { try await ReviewTests.officer(app) }

    /// The ward officer, after importing `fixed` (four households, seven persons).
    func officerWithFixedFile(_ app: Application) async throws -> Actor {
        let actor = try await officer(app)
        let importer = RegistryImporter(app.store)
        _ = try await importer.run(actor, jobID: try await importer.validate(actor, fileName: "a.csv", data: Data(Self.fixed.utf8)).jobID, validOnly: false)
        return actor
    }

    /// A second ward of Hà Nội (Phường Kim Liên, 00367), beside the officer's Khương Đình.
    static func otherWard(_ app: Application) async throws -> UnitView {
        let hanoi = try await OrgUnitModel.query(on: app.db).filter(\.$code == "01").first()!.id!
        return try await UnitRepository(app.store).create(
            .system,
            UnitInput(
                code: "00367", name: "Phường Kim Liên", kind: "commune",
                parentID: hanoi, areaType: .urban))
    }

    static let header =
        "household_code,commune_code,residential_group,address,area_type,full_name,gender,date_of_birth,national_id,relation_to_head,disability_level,disability_certificate_date,has_pension,phone\n"
    /// Four households, 7 persons; row 4 has two problems, rows 6 and 7 name a group that does not exist.
    static let withErrors =
        header + """
            00364-H001,00364,Tổ dân phố 1,Số 1 ngõ 2,,Nguyễn Thị Đặng,female,1958-04-12,001158000111,head,none,,yes,0912345678
            00364-H001,00364,Tổ dân phố 1,Số 1 ngõ 2,,Trần Văn Bình,male,1956,,spouse,severe,2020-01-02,no,
            00364-H002,00364,Tổ dân phố 2,Số 5,,Lê Văn Cường,male,1980-02-30,12345,head,none,,no,
            00364-H002,00364,Tổ dân phố 2,Số 5,,Lê Minh Đức,male,2016-06-01,,child,especially_severe,2021-03-04,no,
            00364-H003,00364,Tổ dân phố 9,Số 9,,Phạm Thị Hoa,female,1940,,head,none,,no,
            00364-H003,00364,Tổ dân phố 9,Số 9,,Phạm Văn Nam,male,1942,,sibling,none,,no,
            00364-H004,00364,Tổ dân phố 3,Số 7,,Đỗ Thị Lan,female,1975-09-09,001175000222,head,mild,,no,0987654321
            """ + "\n"

    static var fixed: String {
        withErrors.replacingOccurrences(of: "1980-02-30,12345", with: "1980-02-28,001080000333")
            .replacingOccurrences(of: "Tổ dân phố 9", with: "Tổ dân phố 3")
    }

    @Test(arguments: TestDatabase.all)
    func importWithPlantedErrorsThenFixedThenAgain(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let actor = try await officer(app)
            let importer = RegistryImporter(app.store)
            let report = try await importer.validate(actor, fileName: "khuong-dinh.csv", data: Data(Self.withErrors.utf8))
            #expect(report.totalRows == 7)
            #expect(report.errorRows == 3)  // rows 4, 6 and 7; row 5 is fine on its own
            let errors = report.errors.map { "\($0.row!):\($0.field):\($0.message.key)" }
            #expect(
                errors == [
                    "4:date_of_birth:import.bad_date", "4:national_id:validation.national_id_digits",
                    "6:residential_group:import.group_unknown", "7:residential_group:import.group_unknown",
                ])
            // With errors nothing is written unless the officer asks for the valid rows only.
            await #expect(throws: AppError.self) { try await importer.run(actor, jobID: report.jobID, validOnly: false) }
            #expect(try await PersonModel.query(on: app.db).count() == 0)

            let good = try await importer.validate(actor, fileName: "khuong-dinh-sua.csv", data: Data(Self.fixed.utf8))
            #expect(good.errorRows == 0)
            let done = try await importer.run(actor, jobID: good.jobID, validOnly: false, batchSize: 2)
            #expect(done.status == "done")
            #expect(done.createdHouseholds == 4)
            #expect(done.createdPersons == 7)
            #expect(try await HouseholdModel.query(on: app.db).count() == 4)
            #expect(try await MembershipModel.query(on: app.db).filter(\.$role == "head").count() == 4)
            let hoa = try await HouseholdModel.query(on: app.db).filter(\.$code == "00364-H003").first()!
            let group3 = try await UnitRepository(app.store).find(code: "00364-TDP03")!
            #expect(hoa.groupID == group3.id)
            #expect(hoa.areaType == "urban")  // from the ward

            // The same file again, even under another name: nothing changes.
            let again = try await importer.validate(actor, fileName: "copy.csv", data: Data((Self.fixed + "\n").utf8))
            #expect(again.errorRows == 0)
            let second = try await importer.run(actor, jobID: again.jobID, validOnly: false)
            #expect(second.createdPersons == 0)
            #expect(second.unchangedRows == 7)
            #expect(try await PersonModel.query(on: app.db).count() == 7)
            // Every batch was audited and the chain still holds.
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "import_batch").count() >= 4)
            if case .ok = try await AuditChain.verify(on: app.db) {} else { Issue.record("chain broken") }
        }
    }

    /// The checks of a file against the registry: the same head again is no change (matched on
    /// national ID, or on name and birth date); a new head for a household that has one, a
    /// national ID registered in another household, and a household code registered in another
    /// commune are errors of their rows.
    @Test(arguments: TestDatabase.all)
    func fileCheckedAgainstTheRegistry(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            _ = try await officerWithFixedFile(app)
            let other = try await Self.otherWard(app)
            let csv =
                Self.header + """
                    00364-H001,00364,Tổ dân phố 1,Số 1 ngõ 2,,Nguyễn Thị Đặng,female,1958-04-12,001158000111,head,none,,yes,0912345678
                    00364-H003,00364,Tổ dân phố 3,Số 9,,PHẠM THỊ HOA,female,1940,,head,none,,no,
                    00364-H004,00364,Tổ dân phố 3,Số 7,,Đỗ Văn Mới,male,1970,,head,none,,no,
                    00364-H005,00364,Tổ dân phố 1,Số 11,,Trần Thị Lạ,female,1975-09-09,001175000222,head,none,,no,
                    00364-H002,\(other.code),,Số 5,,Lê Văn Cường,male,1980-02-28,001080000333,head,none,,no,
                    """ + "\n"
            let report = try await RegistryImporter(app.store).validate(.system, fileName: "c.csv", data: Data(csv.utf8))
            #expect(
                report.errors.map { "\($0.row!):\($0.field):\($0.message.key)" } == [
                    "4:relation_to_head:import.household_has_head", "5:national_id:import.person_in_other_household",
                    "6:household_code:import.household_other_commune",
                ])
        }
    }

    @Test(arguments: TestDatabase.all)
    func validRowsOnlyLeavesWholeHouseholdsOut(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let actor = try await officer(app)
            let importer = RegistryImporter(app.store)
            let report = try await importer.validate(actor, fileName: "a.csv", data: Data(Self.withErrors.utf8))
            let done = try await importer.run(actor, jobID: report.jobID, validOnly: true)
            // H002 (head row wrong) and H003 (unknown group) are left out whole.
            let codes = try await HouseholdModel.query(on: app.db).all().map(\.code).sorted()
            #expect(codes == ["00364-H001", "00364-H004"])
            #expect(done.createdPersons == 3)
        }
    }

    @Test(arguments: TestDatabase.all)
    func interruptedImportResumesWithoutDuplicates(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let actor = try await officer(app)
            let importer = RegistryImporter(app.store)
            let report = try await importer.validate(actor, fileName: "a.csv", data: Data(Self.fixed.utf8))
            // Simulate a crash after the first batch: run one batch, then put the job back to "running" at that point.
            _ = try await importer.run(actor, jobID: report.jobID, validOnly: false, batchSize: 3)
            let job = try await ImportJobModel.find(report.jobID, on: app.db)!
            job.status = "running"; job.processedRows = 3
            try await job.save(on: app.db)
            let resumed = try await importer.run(actor, jobID: report.jobID, validOnly: false, batchSize: 3)
            #expect(resumed.status == "done")
            #expect(try await PersonModel.query(on: app.db).count() == 7)
            #expect(try await HouseholdModel.query(on: app.db).count() == 4)
        }
    }

    /// A large import builds the list and search indexes once, at its end. One that stopped
    /// half-way (indexes left out) is made whole by the next import, which also indexes the
    /// persons written meanwhile.
    @Test(arguments: TestDatabase.all)
    func bulkImportBuildsItsIndexesAtTheEnd(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let actor = try await officer(app)
            let importer = RegistryImporter(app.store)
            let before = try await PersonModel.query(on: app.db).count()
            var csv = Self.header
            for i in 1...200 {
                csv += "00364-B\(i),00364,Tổ dân phố 1,Số \(i),,Vương Thị Bích \(i % 7 == 0 ? "Ngọc" : "Hà"),female,1961,,head,none,,no,\n"
                csv += "00364-B\(i),00364,Tổ dân phố 1,Số \(i),,Đàm Văn Lực,male,1990,,child,none,,no,\n"
            }
            let report = try await importer.validate(actor, fileName: "b.csv", data: Data(csv.utf8))
            #expect(400 > before)  // the rule: at least as many rows as persons already registered
            let done = try await importer.run(actor, jobID: report.jobID, validOnly: false, batchSize: 150, bulkFrom: 300)
            #expect(done.createdPersons == 400)
            #expect(try await RegistryBulkLoad.missing(on: app.db).isEmpty)
            let audit = try await AuditEntryModel.query(on: app.db).filter(\.$entityID == report.jobID.uuidString).sort(\.$id).all()
            #expect(audit.filter { $0.afterJSON?.contains("\"indexes_deferred\":\"yes\"") == true }.count == 1)
            let rebuilt = try #require(audit.last?.afterJSON)
            #expect(rebuilt.contains("ix_persons_name_birth") && rebuilt.contains("ix_households_unit_path"))
            let repo = RegistryRepository(app.store)
            #expect(try await repo.persons(actor, query: "bich vuong ngoc", page: PageSpec(page: 1, perPage: 50)).total == 28)
            #expect(try await repo.persons(actor, query: "luc dam", page: PageSpec(page: 1, perPage: 50)).total == 200)
            #expect(
                try await repo.households(actor, query: "00364-b17", page: PageSpec(page: 1, perPage: 50)).items.map(\.household.code).contains("00364-B17"))

            // Stopped half-way: the indexes are still left out, and a person is written meanwhile.
            try await app.store.write(actor) { tx, _ in try await RegistryBulkLoad.suspend(on: tx) }
            let onSQLite: Bool
            if case .sqlite = db { onSQLite = true } else { onSQLite = false }
            // Three indexes, and the full-text triggers (SQLite, three per table, and three for the
            // persons' keys) or GIN indexes (PostgreSQL).
            #expect(try await RegistryBulkLoad.missing(on: app.db).count == 3 + (onSQLite ? 9 : 2))
            let next = Self.header + "00364-B900,00364,Tổ dân phố 2,Số 900,,Khổng Minh Triết,male,1977,,head,none,,no,\n"
            let nextJob = try await importer.validate(actor, fileName: "n.csv", data: Data(next.utf8)).jobID
            // While an import runs with the indexes left out, its page says why search does not find its persons yet.
            let job = try #require(try await ImportJobModel.find(nextJob, on: app.db))
            job.status = "running"
            try await job.save(on: app.db)
            let b = TestBrowser(app)
            try await b.login("canbo.khuongdinh")
            try await b.get("/registry/import/\(nextJob)")
            #expect(b.lastBody.contains("chỉ mục tìm kiếm được dựng lại khi nhập xong"))
            let small = try await importer.run(actor, jobID: nextJob, validOnly: false)
            #expect(small.createdPersons == 1)
            try await b.get("/registry/import/\(nextJob)")
            #expect(!b.lastBody.contains("chỉ mục tìm kiếm được dựng lại khi nhập xong"))
            #expect(try await RegistryBulkLoad.missing(on: app.db).isEmpty)
            #expect(try await repo.persons(actor, query: "triet khong", page: PageSpec(page: 1, perPage: 50)).total == 1)
            #expect(try await repo.persons(actor, query: "luc dam", page: PageSpec(page: 1, perPage: 50)).total == 200)
            if onSQLite {
                // The engine's own check of the full-text index against the rows.
                for t in ["persons_fts", "households_fts"] {
                    try await (app.db as! any SQLDatabase).raw("INSERT INTO \(ident: t)(\(ident: t)) VALUES ('integrity-check')").run()
                }
                #expect(try await Self.keysOutOfStep(app) == 0)
            }
            #expect(try await RegistryBulkLoad.restore(app.store).isEmpty)
        }
    }

    /// A file of `households` households of Khương Đình (codes 00364-`tag`1, 2, …), each a head
    /// named `head` (male, 1970) and a child Lý Thị Hoa (female, 1999), for bulk loads.
    static func bulkFile(_ tag: String, head: String, households: Int) -> String {
        var csv = header
        for i in 1...households {
            csv += "00364-\(tag)\(i),00364,Tổ dân phố 2,Số \(i),,\(head),male,1970,,head,none,,no,\n"
            csv += "00364-\(tag)\(i),00364,Tổ dân phố 2,Số \(i),,Lý Thị Hoa,female,1999,,child,none,,no,\n"
        }
        return csv
    }

    /// Two bulk loads at once (two files of the ward, each large enough to defer the indexes,
    /// in small batches that interleave): the smaller ends first and rebuilds what both left
    /// out while the other still writes; when both are done every row is there once, nothing is
    /// left out, and search finds the persons of both (the full-text index and the search keys
    /// agree with the rows on SQLite).
    @Test(arguments: TestDatabase.all)
    func twoBulkLoadsAtOnce(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let actor = try await officer(app)
            let importer = RegistryImporter(app.store)
            let first = try await importer.validate(actor, fileName: "p.csv", data: Data(Self.bulkFile("P", head: "Phan Văn Khải", households: 250).utf8)).jobID
            let second = try await importer.validate(actor, fileName: "q.csv", data: Data(Self.bulkFile("Q", head: "Quách Văn Tuấn", households: 150).utf8))
                .jobID
            let reports = try await withThrowingTaskGroup(of: ImportReport.self) { group in
                for job in [first, second] {
                    group.addTask { try await importer.run(actor, jobID: job, validOnly: false, batchSize: 40, bulkFrom: 300) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(reports.map(\.createdPersons).sorted() == [300, 500] && reports.map(\.status) == ["done", "done"])
            // Both deferred the indexes in their first batch.
            let batches = try await AuditEntryModel.query(on: app.db).filter(\.$action == "import_batch").all()
            #expect(batches.filter { $0.afterJSON?.contains("\"indexes_deferred\":\"yes\"") == true }.count == 2)
            #expect(try await RegistryBulkLoad.missing(on: app.db).isEmpty)
            #expect(try await HouseholdModel.query(on: app.db).filter(\.$code =~ "00364-P").count() == 250)
            #expect(try await HouseholdModel.query(on: app.db).filter(\.$code =~ "00364-Q").count() == 150)
            let repo = RegistryRepository(app.store)
            #expect(try await repo.persons(actor, query: "khai phan", page: PageSpec(page: 1, perPage: 5)).total == 250)
            #expect(try await repo.persons(actor, query: "tuan quach", page: PageSpec(page: 1, perPage: 5)).total == 150)
            #expect(try await repo.persons(actor, query: "hoa ly", page: PageSpec(page: 1, perPage: 5)).total == 400)
            if case .sqlite = db {
                for t in ["persons_fts", "households_fts"] {
                    try await (app.db as! any SQLDatabase).raw("INSERT INTO \(ident: t)(\(ident: t)) VALUES ('integrity-check')").run()
                }
                #expect(try await Self.keysOutOfStep(app) == 0)
            }
        }
    }

    /// Migration 0023 on a database whose full-text indexes still keep word positions and
    /// counts (as made before it): both are made again without them, search finds the same
    /// rows, the triggers follow a new person, and a second run changes nothing.
    @Test func leanSearchIndexMigration() async throws {
        try await withAnsinh(.sqlite) { app in
            let db = app.db as! any SQLDatabase
            let actor = try await officerWithFixedFile(app)
            let repo = RegistryRepository(app.store)
            let page = PageSpec(page: 1, perPage: 50)
            let queries = ["dang nguyen", "PHẠM", "l d", "00364-h00", "0987"]
            func totals() async throws -> [Int] {
                var t: [Int] = []
                for q in queries {
                    t.append(try await repo.persons(actor, query: q, page: page).total)
                    t.append(try await repo.households(actor, query: q, page: page).total)
                }
                return t
            }
            func definition(_ table: String) async throws -> String {
                try await db.raw("SELECT sql FROM sqlite_master WHERE name = \(bind: table + "_fts")").first()!.decode(column: "sql", as: String.self)
            }
            let lean = try await totals()
            #expect(lean == [1, 1, 2, 1, 2, 2, 0, 4, 1, 1])
            // As a database made before 0023 had them.
            for table in ["persons", "households"] {
                try await SearchIndex.pause(table, on: app.db)
                try await db.raw("DROP TABLE \(ident: table + "_fts")").run()
                try await db.raw(
                    """
                    CREATE VIRTUAL TABLE \(ident: table + "_fts") USING fts5(search_words, content=\(literal: table), content_rowid='rowid',
                    tokenize='unicode61 remove_diacritics 0', prefix='2 3 4 5 6 7')
                    """
                ).run()
                try await SearchIndex.resume(table, on: app.db)
                #expect(try await !definition(table).contains("detail=none"))
            }
            #expect(try await totals() == lean)
            try await M0023SearchLeanIndex().prepare(on: app.db)
            for table in ["persons", "households"] {
                #expect(try await definition(table).contains("detail=none, columnsize=0"))
                try await db.raw("INSERT INTO \(ident: table + "_fts")(\(ident: table + "_fts")) VALUES ('integrity-check')").run()
                // No table of word counts any more.
                #expect(
                    try await db.raw("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = \(bind: table + "_fts_docsize")").first()!
                        .decode(column: "n", as: Int.self) == 0)
            }
            #expect(try await totals() == lean)
            #expect(try await RegistryBulkLoad.missing(on: app.db).isEmpty)
            let h = try await repo.households(actor, query: "00364-h003", page: page).items[0].household.id
            _ = try await repo.addMember(
                actor, householdID: h, person: PersonInput(fullName: "Khúc Thừa Dụ", gender: "male", birth: "1990"),
                role: "child", since: LocalDate(iso: "2024-01-01")!)
            #expect(try await repo.persons(actor, query: "thua du khuc", page: page).total == 1)
            // A setting kept by the index itself survives the second run: nothing was made again.
            try await db.raw("INSERT INTO persons_fts(persons_fts, rank) VALUES ('automerge', 5)").run()
            try await M0023SearchLeanIndex().prepare(on: app.db)
            #expect(try await db.raw("SELECT v FROM persons_fts_config WHERE k = 'automerge'").first()?.decode(column: "v", as: Int.self) == 5)
            #expect(try await repo.persons(actor, query: "thua du khuc", page: page).total == 1)
        }
    }

    /// Lists and the duplicate scan keep to the officer's unit on both engines; on SQLite the
    /// scope is a range of the unit path index (`UnitScope`), not a scan of the whole table.
    @Test(arguments: TestDatabase.all)
    func listsKeepToTheOfficersUnit(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let actor = try await officerWithFixedFile(app)
            let repo = RegistryRepository(app.store)
            let page = PageSpec(page: 1, perPage: 50)
            let other = try await Self.otherWard(app)
            // The same person twice in the other ward: a duplicate pair there, not here.
            let h = try await repo.createHousehold(
                .system,
                HouseholdInput(
                    code: "00367-K001", communeID: other.id, groupID: nil, address: "Số 1 Kim Liên",
                    areaType: nil, phone: nil),
                head: PersonInput(fullName: "Tạ Quang Bửu", gender: "male", birth: "1950-07-23"), since: LocalDate(iso: "2024-01-01")!)
            _ = try await repo.addMember(
                .system, householdID: h.id, person: PersonInput(fullName: "Tạ Quang Bửu", gender: "male", birth: "1950-07-23"),
                role: "sibling", since: LocalDate(iso: "2024-01-01")!)
            #expect(try await repo.persons(actor, query: nil, page: page).total == 7)
            #expect(try await repo.persons(.system, query: nil, page: page).total == 9)
            #expect(try await repo.households(actor, page: page).items.map(\.household.code) == ["00364-H001", "00364-H002", "00364-H003", "00364-H004"])
            #expect(try await repo.households(.system, page: page).total == 5)
            #expect(try await repo.households(actor, query: "kim lien", page: page).total == 0)
            #expect(try await repo.households(.system, query: "kim lien", page: page).total == 1)
            let duplicates = DuplicateRepository(app.store)
            #expect(try await duplicates.find(actor) == 0)
            #expect(try await duplicates.find(.system) == 1)
            #expect(try await duplicates.open(actor, page: page).total == 0)
            #expect(try await duplicates.all(.system).count == 1)
            // The ward's approver reads the ward's audit trail, not Kim Liên's (a household made
            // there: created, its head joined, a sibling joined).
            let h9 = try await repo.createHousehold(
                actor,
                HouseholdInput(
                    code: "00364-H900", communeID: actor.unitID, groupID: nil, address: "Số 9",
                    areaType: nil, phone: nil),
                head: PersonInput(fullName: "Hồ Thị Mai", gender: "female", birth: "1970"), since: LocalDate(iso: "2024-01-01")!)
            let approver = try await ReviewTests.officer(app, "lanhdao.khuongdinh")
            let audit = AuditRepository(app.store)
            #expect(try await audit.list(approver, entity: "household", page: page).items.map(\.entityID) == [h9.id.uuidString, h9.id.uuidString])
            #expect(try await audit.list(.system, entity: "household", page: page).total == 5)
            if case .sqlite = db {
                let scope = UnitScope.condition("unit_path", actor.scopePath, on: app.db)
                let plan = try await (app.db as! any SQLDatabase).raw("EXPLAIN QUERY PLAN SELECT COUNT(*) FROM persons WHERE " + scope).all()
                    .map { try $0.decode(column: "detail", as: String.self) }.joined(separator: " ")
                #expect(plan.contains("ix_persons_unit_path (unit_path>? AND unit_path<?)"), "\(plan)")
            }
        }
    }

    /// The persons whose search keys (SQLite) differ from their row, or that have none, plus
    /// the keys of no person.
    static func keysOutOfStep(_ app: Application) async throws -> Int {
        let db = app.db as! any SQLDatabase
        let wrong = try await db.raw(
            """
            SELECT COUNT(*) AS n FROM persons LEFT JOIN person_keys k ON k.rid = persons.rowid LEFT JOIN unit_paths u ON u.id = k.unit
            WHERE k.rid IS NULL OR u.path IS NOT persons.unit_path OR k.search_key IS NOT persons.search_key
               OR k.birth_date IS NOT persons.birth_date OR k.merged IS NOT (persons.merged_into IS NOT NULL)
            """
        ).first()!.decode(column: "n", as: Int.self)
        let orphans = try await db.raw("SELECT COUNT(*) AS n FROM person_keys WHERE rid NOT IN (SELECT rowid FROM persons)")
            .first()!.decode(column: "n", as: Int.self)
        return wrong + orphans
    }

    /// Search scopes and sorts persons by their keys on SQLite: they follow every write (new,
    /// re-dated, moved to another ward, merged, a birth date written by SQL alone), are rebuilt
    /// whole by the migration, and a ward officer finds only the persons of the ward.
    @Test(arguments: TestDatabase.all)
    func searchKeysFollowEveryWrite(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let actor = try await officerWithFixedFile(app)
            let repo = RegistryRepository(app.store)
            let page = PageSpec(page: 1, perPage: 20)
            let h4 = try await repo.households(actor, query: "00364-H004", page: page).items[0].household.id
            // Same folded name, two birth dates: sorted by name, then birth date.
            let young = try await repo.addMember(
                actor, householdID: h4, person: PersonInput(fullName: "Đỗ Thị Lan", gender: "female", birth: "2001-02-03"),
                role: "child", since: LocalDate(iso: "2024-01-01")!)
            #expect(try await repo.persons(actor, query: "lan do", page: page).items.map { $0.birth.date?.iso ?? "" } == ["1975-09-09", "2001-02-03"])
            _ = try await repo.updatePerson(actor, id: young.id, PersonInput(fullName: "Đỗ Thị Lan", gender: "female", birth: "1960-02-03"))
            #expect(try await repo.persons(actor, query: "lan do", page: page).items.map { $0.birth.date?.iso ?? "" } == ["1960-02-03", "1975-09-09"])
            // The household moves to another ward: the ward officer no longer finds its members.
            let other = try await Self.otherWard(app)
            try await repo.moveHousehold(.system, id: h4, address: "Số 5 Kim Liên", communeID: other.id, groupID: nil, on: LocalDate(iso: "2026-03-20")!)
            #expect(try await repo.persons(actor, query: "lan do", page: page).total == 0)
            #expect(try await repo.households(actor, query: "lan do", page: page).total == 0)
            #expect(try await repo.persons(.system, query: "lan do", page: page).total == 2)
            #expect(try await repo.households(.system, query: "lan do", page: page).items.map(\.household.code) == ["00364-H004"])
            // Merged into another: no longer listed.
            let dang = try await repo.persons(actor, query: "dang nguyen", page: page).items[0].id
            try await (app.db as! any SQLDatabase).raw("UPDATE persons SET merged_into = \(bind: young.id) WHERE id = \(bind: dang)").run()
            #expect(try await repo.persons(actor, query: "dang nguyen", page: page).total == 0)
            // A write of the birth date alone (as a correction by SQL would be).
            try await (app.db as! any SQLDatabase).raw("UPDATE persons SET birth_date = '1959-01-01' WHERE id = \(bind: young.id)").run()
            #expect(try await repo.persons(.system, query: "lan do", page: page).items.map { $0.birth.date?.iso ?? "" } == ["1959-01-01", "1975-09-09"])
            if case .sqlite = db {
                #expect(try await Self.keysOutOfStep(app) == 0)
                #expect(
                    try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM person_keys").first()!.decode(column: "n", as: Int.self)
                        == (try await PersonModel.query(on: app.db).count()))
                // The migration's revert drops them; its prepare builds them from every person.
                try await M0020PersonKeys().revert(on: app.db)
                #expect(try await DatabaseObjects.existing(SearchIndex.Keys.triggers, on: app.db).isEmpty)
                try await M0020PersonKeys().prepare(on: app.db)
                #expect(try await Self.keysOutOfStep(app) == 0)
                #expect(try await repo.persons(.system, query: "lan do", page: page).items.map { $0.birth.date?.iso ?? "" } == ["1959-01-01", "1975-09-09"])
            } else {
                // PostgreSQL: migration 0021 puts back the plain index on revert and the prefix lexemes again on prepare.
                let definition = { () async throws -> String in
                    try await (app.db as! any SQLDatabase).raw(
                        "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'ix_persons_search'"
                    )
                    .first()!.decode(column: "indexdef", as: String.self)
                }
                try await M0021SearchPrefixLexemes().revert(on: app.db)
                #expect(try await definition().contains("to_tsvector"))
                try await M0021SearchPrefixLexemes().prepare(on: app.db)
                #expect(try await definition().contains(SearchIndex.vector))
                #expect(try await repo.persons(.system, query: "lan do", page: page).items.map { $0.birth.date?.iso ?? "" } == ["1959-01-01", "1975-09-09"])
            }
        }
    }

    /// Migration 0018 moves each uploaded file out of its job row and back on revert; a job
    /// checked before either move still imports from its stored file.
    @Test(arguments: TestDatabase.all)
    func importFilesMigrationMovesTheFilesBothWays(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let actor = try await officer(app)
            let importer = RegistryImporter(app.store)
            let first = try await importer.validate(actor, fileName: "a.csv", data: Data(Self.fixed.utf8)).jobID
            // Another file checked after it: the first is no longer kept parsed in memory.
            _ = try await importer.validate(actor, fileName: "b.csv", data: Data(Self.withErrors.utf8))
            let s = app.db as! any SQLDatabase
            try await M0018ImportFiles().revert(on: app.db)
            let back = try await s.raw("SELECT content FROM import_jobs WHERE id = \(bind: first)").first()
            #expect(try back?.decode(column: "content", as: String.self) == Self.fixed)
            try await M0018ImportFiles().prepare(on: app.db)
            let moved = try await s.raw("SELECT content FROM import_files WHERE job_id = \(bind: first)").first()
            #expect(try moved?.decode(column: "content", as: String.self) == Self.fixed)
            #expect(try await s.raw("SELECT COUNT(*) AS n FROM import_files").first()!.decode(column: "n", as: Int.self) == 2)
            let done = try await importer.run(actor, jobID: first, validOnly: false)
            #expect(done.status == "done" && done.createdPersons == 7)
        }
    }

    /// A search lists at most `SearchIndex.maxMatches` persons and says so; exports list all.
    @Test(arguments: TestDatabase.all)
    func searchStopsAtTheCapButExportsDoNot(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let actor = try await officer(app)
            let n = SearchIndex.maxMatches + 1
            var csv = Self.header
            for i in 1...n { csv += "00364-C\(i),00364,Tổ dân phố 1,Số \(i),,Hoàng Văn An,male,1970,,head,none,,no,\n" }
            let importer = RegistryImporter(app.store)
            let done = try await importer.run(actor, jobID: try await importer.validate(actor, fileName: "c.csv", data: Data(csv.utf8)).jobID, validOnly: false)
            #expect(done.createdPersons == n)
            let repo = RegistryRepository(app.store)
            let capped = try await repo.persons(actor, query: "an hoang", page: PageSpec(page: 1, perPage: 20))
            #expect(capped.total == SearchIndex.maxMatches && capped.items.count == 20)
            #expect(try await repo.persons(actor, query: "an hoang", capped: false, page: PageSpec(page: 1, perPage: 20)).total == n)
            #expect(try await repo.households(actor, query: "an hoang", capped: false, page: PageSpec(page: 1, perPage: 20)).total == n)
            let b = TestBrowser(app)
            try await b.login("canbo.khuongdinh")
            try await b.get("/registry/persons?q=an%20hoang")
            #expect(b.lastBody.contains("Tìm kiếm dừng ở 1.000 kết quả"))
            try await b.get("/registry/persons?q=an%20hoang%20\(n)")
            #expect(!b.lastBody.contains("Tìm kiếm dừng"))
            try await b.get("/registry/persons/export.csv?q=an%20hoang")
            #expect(b.lastBody.split(whereSeparator: \.isNewline).filter { $0.contains("Hoàng Văn An") }.count == n)
        }
    }

    @Test(arguments: TestDatabase.all)
    func searchAsPeopleTypeIt(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let actor = try await officerWithFixedFile(app)
            let repo = RegistryRepository(app.store)
            // Whole words, prefixes of 2 to 7 letters, of one letter, and of more than 7 (an ID's first digits).
            for q in ["nguyen thi dang", "Dang Nguyen", "NGUYỄN THỊ ĐẶNG", "đặng", "001158000111", "0912345678", "ngu da", "n dang", "0011580001"] {
                let names = try await repo.persons(actor, query: q, page: PageSpec(page: 1)).items.map(\.fullName)
                #expect(names == ["Nguyễn Thị Đặng"], "\(q)")
            }
            #expect(try await repo.persons(actor, query: "nguyen van", page: PageSpec(page: 1)).items.isEmpty)
            // Past the last page: no rows, the total still right.
            let beyond = try await repo.persons(actor, query: "nguyen thi dang", page: PageSpec(page: 3))
            #expect(beyond.items.isEmpty && beyond.total == 1)
            // Households by code or by a member's name.
            #expect(try await repo.households(actor, query: "00364-H004", page: PageSpec(page: 1)).items.map(\.household.code) == ["00364-H004"])
            #expect(try await repo.households(actor, query: "binh tran", page: PageSpec(page: 1)).items.map(\.household.code) == ["00364-H001"])
            // The index follows every write: a new member, a renamed one, an Arabic name with harakat.
            let h4 = try await repo.households(actor, query: "00364-H004", page: PageSpec(page: 1)).items[0].household.id
            let tam = try await repo.addMember(
                actor, householdID: h4, person: PersonInput(fullName: "Lê Văn Tám", gender: "male", birth: "1990"),
                role: "child", since: LocalDate(iso: "2024-01-01")!)
            #expect(try await repo.persons(actor, query: "tam le", page: PageSpec(page: 1)).items.map(\.id) == [tam.id])
            _ = try await repo.updatePerson(actor, id: tam.id, PersonInput(fullName: "Lê Văn Chín", gender: "male", birth: "1990"))
            #expect(try await repo.persons(actor, query: "tam le", page: PageSpec(page: 1)).items.isEmpty)
            #expect(try await repo.persons(actor, query: "CHIN LE", page: PageSpec(page: 1)).items.map(\.fullName) == ["Lê Văn Chín"])
            _ = try await repo.addMember(
                actor, householdID: h4, person: PersonInput(fullName: "مُحَمَّد أَحْمَد", gender: "male", birth: "1991"),
                role: "child", since: LocalDate(iso: "2024-01-01")!)
            #expect(try await repo.persons(actor, query: "احمد محمد", page: PageSpec(page: 1)).items.map(\.fullName) == ["مُحَمَّد أَحْمَد"])
            #expect(try await repo.households(actor, query: "chin", page: PageSpec(page: 1)).items.map(\.household.code) == ["00364-H004"])
            // The API pages and answers the same.
            let u = try await UserRepository(app.store).find(username: "canbo.khuongdinh")!
            let token = try await TokenRepository(app.store).create(.system, for: u.id, name: "t")
            let res = try await apiRequest(app, .GET, "/api/v1/persons?q=Dang%20Nguyen", token: token)
            let body = jsonObject(res)
            #expect(body["total"] as? Int == 1)
            #expect(((body["items"] as? [[String: Any]])?.first?["full_name"]) as? String == "Nguyễn Thị Đặng")
            // Outside the ward: nobody.
            let worker = try await UserRepository(app.store).find(username: "ctxh.quangninh")!
            let wtoken = try await TokenRepository(app.store).create(.system, for: worker.id, name: "t")
            let other = jsonObject(try await apiRequest(app, .GET, "/api/v1/persons?q=nguyen", token: wtoken))
            #expect(other["total"] as? Int == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func householdPageFlagsHistoryAndAsOf(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let actor = try await officer(app)
            let ward = try await UnitRepository(app.store).find(code: "00364")!
            let repo = RegistryRepository(app.store)
            let h = try await repo.createHousehold(
                actor,
                HouseholdInput(
                    code: "00364-A1", communeID: ward.id, groupID: nil, address: "Ngõ 3",
                    areaType: nil, phone: nil),
                head: PersonInput(fullName: "Vũ Thị Tư", gender: "female", birth: "1938-05-05"),
                since: LocalDate(iso: "2020-01-01")!)
            let grandson = try await repo.addMember(
                actor, householdID: h.id, person: PersonInput(fullName: "Vũ Văn Út", gender: "male", birth: "1995-01-01"),
                role: "grandchild", since: LocalDate(iso: "2020-01-01")!)
            try await repo.endMembership(actor, householdID: h.id, personID: grandson.id, on: LocalDate(iso: "2026-06-30")!, reason: "Chuyển vào Nam làm việc")
            // A person who is no longer (or never was) a member is a wrong field, not a missing household.
            do {
                try await repo.endMembership(actor, householdID: h.id, personID: grandson.id, on: LocalDate(iso: "2026-07-01")!, reason: "Lần hai")
                Issue.record("a former member left twice")
            } catch AppError.validation(let errors) { #expect(errors.map(\.field) == ["person_id"]) }
            // Today: the grandmother lives alone.
            let now = try await repo.household(actor, id: h.id, asOf: LocalDate(iso: "2026-11-24")!)
            #expect(now.members.map(\.person.fullName) == ["Vũ Thị Tư"])
            #expect(now.flags.map(\.flag) == [.lonelyElderly])
            #expect(now.formerMembers.map(\.person.fullName) == ["Vũ Văn Út"])
            // As of 2025 the grandson still lived there: no flag.
            let before = try await repo.household(actor, id: h.id, asOf: LocalDate(iso: "2025-06-01")!)
            #expect(before.members.count == 2)
            #expect(before.flags.isEmpty)

            let b = TestBrowser(app)
            try await b.login("canbo.khuongdinh")
            try await b.get("/registry/households/\(h.id.uuidString)")
            #expect(b.lastStatus == 200)
            #expect(b.lastBody.contains("Người cao tuổi cô đơn"))
            #expect(b.lastBody.contains("Vũ Thị Tư, 88 tuổi, sống một mình"))
            #expect(b.lastBody.contains("Chuyển vào Nam làm việc"))
            #expect(b.lastBody.contains("Rời hộ"))  // timeline from the audit log
            try await b.get("/registry/households/\(h.id.uuidString)?as_of=2025-06-01")
            #expect(b.lastBody.contains("Đang xem hộ như tại ngày 01/06/2025."))
            #expect(b.lastBody.contains("Vũ Văn Út"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func databaseInvariantsHoldUnderConcurrentWriters(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let actor = try await officer(app)
            let ward = try await UnitRepository(app.store).find(code: "00364")!
            let store = app.store
            // Ten officers create the same household code at once: exactly one succeeds.
            let results = await withTaskGroup(of: Bool.self) { group in
                for i in 0..<10 {
                    group.addTask {
                        (try? await RegistryRepository(store).createHousehold(
                            actor,
                            HouseholdInput(
                                code: "00364-RACE", communeID: ward.id, groupID: nil,
                                address: "x", areaType: nil, phone: nil),
                            head: PersonInput(fullName: "Người \(i)", gender: "male", birth: "1970"),
                            since: LocalDate(iso: "2026-01-01")!)) != nil
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            #expect(try await HouseholdModel.query(on: app.db).filter(\.$code == "00364-RACE").count() == 1)
            // The same national ID at once: one person.
            let ids = await withTaskGroup(of: Bool.self) { group in
                for i in 0..<6 {
                    group.addTask {
                        (try? await RegistryRepository(store).createHousehold(
                            actor,
                            HouseholdInput(
                                code: "00364-ID\(i)", communeID: ward.id, groupID: nil,
                                address: "x", areaType: nil, phone: nil),
                            head: PersonInput(fullName: "Cùng Số", gender: "male", birth: "1970", nationalID: "001070000999"),
                            since: LocalDate(iso: "2026-01-01")!)) != nil
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(ids.filter { $0 }.count == 1)
            // Even a write that bypasses the repository cannot give a household a second head,
            // nor put a person in two households at once.
            let h = try await HouseholdModel.query(on: app.db).filter(\.$code == "00364-RACE").first()!
            let head = try await MembershipModel.query(on: app.db).filter(\.$householdID == h.id!).first()!
            let s = app.db as! any SQLDatabase
            await #expect(throws: (any Error).self) {
                try await s.insert(into: "memberships").columns("id", "household_id", "person_id", "role", "start_date")
                    .values(SQLBind(UUID()), SQLBind(h.id!), SQLBind(UUID()), SQLBind("head"), SQLBind("2026-01-01")).run()
            }
            let other = try await HouseholdModel.query(on: app.db).filter(\.$code != "00364-RACE").first()!
            await #expect(throws: (any Error).self) {
                try await s.insert(into: "memberships").columns("id", "household_id", "person_id", "role", "start_date")
                    .values(SQLBind(UUID()), SQLBind(other.id!), SQLBind(head.personID), SQLBind("other"), SQLBind("2026-01-01")).run()
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func sensitiveFactsAreHiddenAndReadsAudited(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let actor = try await officer(app)
            let ward = try await UnitRepository(app.store).find(code: "00364")!
            let repo = RegistryRepository(app.store)
            let h = try await repo.createHousehold(
                actor, HouseholdInput(code: "00364-S1", communeID: ward.id, groupID: nil, address: "x", areaType: nil, phone: nil),
                head: PersonInput(fullName: "Hà Văn Kín", gender: "male", birth: "1985"), since: LocalDate(iso: "2026-01-01")!)
            let pid = try await repo.persons(actor, query: "ha van kin", page: PageSpec(page: 1)).items[0].id
            _ = try await repo.updatePerson(actor, id: pid, PersonInput(fullName: "Hà Văn Kín", gender: "male", birth: "1985", hiv: true))
            // The audit log never holds the HIV value.
            let updates = try await AuditEntryModel.query(on: app.db).filter(\.$entity == "person").filter(\.$action == "update").all()
            #expect(updates.allSatisfy { !($0.afterJSON ?? "").contains("hiv") })
            // An accountant sees the person but not the fact.
            let acc = try await UserRepository(app.store).find(username: "ketoan.khuongdinh")!
            let accountant = try await UserRepository(app.store).actor(for: acc.id, fallbackLocale: .vi)!
            #expect(try await repo.person(accountant, id: pid).0.hiv == nil)
            #expect(try await repo.person(actor, id: pid).0.hiv == true)
            _ = try await repo.household(actor, id: h.id, asOf: LocalDate(iso: "2026-11-24")!)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "read_sensitive").count() == 2)
        }
    }

    @Test(arguments: TestDatabase.all)
    func importThroughTheBrowser(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let b = TestBrowser(app)
            try await b.login("canbo.khuongdinh")
            try await b.get("/registry/import/template.csv?lang=vi")
            #expect(b.lastBody.hasPrefix("\u{FEFF}Mã hộ,Mã xã/phường,Tổ dân phố/thôn"))
            try await b.get("/registry/import")
            try await b.upload("/registry/import", fileName: "loi.csv", content: Self.withErrors)
            #expect(b.lastStatus == 303)
            let jobPath = b.lastLocation!
            try await b.get(jobPath)
            #expect(b.lastBody.contains("Tệp có 3 dòng lỗi"))
            #expect(b.lastBody.contains("<td>4</td><td><bdi dir=\"ltr\">date_of_birth</bdi></td><td>\"1980-02-30\" không phải ngày"))
            #expect(
                b.lastBody.contains(
                    "<td>6</td><td><bdi dir=\"ltr\">residential_group</bdi></td><td>Không có tổ dân phố \"Tổ dân phố 9\" thuộc Phường Khương Đình"))
            try await b.get(jobPath + "/errors.csv")
            #expect(b.lastBody.contains("4,date_of_birth,"))
            // Confirming without "valid only" is refused with the reason.
            try await b.get(jobPath)
            try await b.post(jobPath + "/run", [])
            try await b.get(jobPath)
            #expect(b.lastBody.contains("chọn chỉ nhập các hộ không có lỗi"))
            #expect(try await PersonModel.query(on: app.db).count() == 0)
            // A file that is not UTF-8 is explained.
            try await b.upload("/registry/import", fileName: "excel.csv", content: "")
            #expect(b.lastStatus == 422)
        }
    }

    @Test func officialMapLoadsAndIsIdempotent() async throws {
        try await withAnsinh(.sqlite) { app in
            let first = try await OfficialMap.importOfficial(app.store)
            // The demo already had 01, 22 and 00364; the names of 01 and 22 are kept, 00364 gains its type.
            #expect(first.created == 34 + 3321 - 3)
            #expect(try await OrgUnitModel.query(on: app.db).filter(\.$kind == "province").count() == 34)
            #expect(try await OrgUnitModel.query(on: app.db).filter(\.$kind == "commune").count() == 3321)
            let again = try await OfficialMap.importOfficial(app.store)
            #expect(again.created == 0 && again.updated == 0 && again.unchanged == 34 + 3321)
            let ward = try await UnitRepository(app.store).find(code: "00364")!
            #expect(ward.name == "Phường Khương Đình")
            #expect(ward.areaType == .urban)
            #expect(try await UnitRepository(app.store).find(code: "22-TTTGXH") != nil)  // kept
            let commune = try await OrgUnitModel.query(on: app.db).filter(\.$code == "00004").first()!
            #expect(commune.name == "Phường Ba Đình")
            if case .ok = try await AuditChain.verify(on: app.db) {} else { Issue.record("chain broken") }
        }
    }

    /// Six officers press "save" at the same moment: the database invariants (one national ID,
    /// one household code) let exactly one through and the others get a clear error.
    @Test(arguments: TestDatabase.all)
    func parallelRequestsKeepTheInvariants(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let ward = try await UnitRepository(app.store).find(code: "00364")!.id.uuidString
            var browsers: [TestBrowser] = []
            for _ in 1...6 {
                let b = TestBrowser(app)
                try await b.login("canbo.khuongdinh")
                try await b.get("/registry/households/new")
                browsers.append(b)
            }
            func form(_ code: String, _ id: String) -> [(String, String)] {
                [
                    ("code", code), ("commune_id", ward), ("address", "Số 1"), ("since", "2026-01-01"), ("head_full_name", "Ngô Thị Lan"),
                    ("head_gender", "female"), ("head_birth", "1960-04-04"), ("head_national_id", id), ("head_disability", "none"),
                ]
            }
            // The same national ID in six different households.
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for (i, b) in browsers.enumerated() {
                    group.addTask { try await b.post("/registry/households", form("00364-P\(i)", "001160000404")).status.code }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 303 }.count == 1)
            #expect(statuses.filter { $0 == 422 }.count == 5)
            #expect(try await PersonModel.query(on: app.db).filter(\.$nationalID == "001160000404").count() == 1)
            // The same household code six times.
            for b in browsers { try await b.get("/registry/households/new") }
            let second = try await withThrowingTaskGroup(of: UInt.self) { group in
                for (i, b) in browsers.enumerated() {
                    group.addTask { try await b.post("/registry/households", form("00364-SAME", "00116000050\(i)")).status.code }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(second.filter { $0 == 303 }.count == 1)
            #expect(try await HouseholdModel.query(on: app.db).filter(\.$code == "00364-SAME").count() == 1)
            if case .ok = try await AuditChain.verify(on: app.db) {} else { Issue.record("audit chain broken") }
        }
    }

    /// Move, split and merge through the household page; history "as of" the day before shows
    /// the household as it was, and a refused change writes nothing.
    @Test(arguments: TestDatabase.all)
    func moveSplitAndMergeKeepHistory(db: TestDatabase) async throws {
        let clock = TestClock()  // 2026-09-21
        try await withAnsinh(db, clock: clock) { (app: Application) async throws in
            let users = UserRepository(app.store)
            let officer = try await users.actor(for: try await users.find(username: "canbo.khuongdinh")!.id, fallbackLocale: .vi)!
            let units = UnitRepository(app.store)
            let ward = try await units.find(code: "00364")!.id
            let g2 = try await units.find(code: "00364-TDP02")!
            let repo = RegistryRepository(app.store)
            let start = LocalDate(iso: "2020-01-01")!
            let h = try await repo.createHousehold(
                officer, HouseholdInput(code: "00364-S1", communeID: ward, groupID: nil, address: "Số 3", areaType: nil, phone: nil),
                head: PersonInput(fullName: "Phan Văn Bố", gender: "male", birth: "1960"), since: start)
            let wife = try await repo.addMember(
                officer, householdID: h.id, person: PersonInput(fullName: "Lý Thị Mẹ", gender: "female", birth: "1962"), role: "spouse", since: start)
            let son = try await repo.addMember(
                officer, householdID: h.id, person: PersonInput(fullName: "Phan Văn Con", gender: "male", birth: "1990"), role: "child", since: start)
            let daughter = try await repo.addMember(
                officer, householdID: h.id, person: PersonInput(fullName: "Phan Thị Gái", gender: "female", birth: "1994"), role: "child", since: start)
            let head = try await repo.household(officer, id: h.id, asOf: LocalDate(iso: "2026-09-21")!).members.first { $0.role == .head }!.person
            let b = TestBrowser(app)
            try await b.login("canbo.khuongdinh")
            try await b.get("/registry/households/\(h.id)")
            #expect(b.lastBody.contains("Tách hộ"))
            // Move to group 2.
            try await b.post("/registry/households/\(h.id)/move", [("address", "Số 8 ngõ 4"), ("group_id", g2.id.uuidString), ("date", "2026-09-01")])
            let moved = try await HouseholdModel.find(h.id, on: app.db)!
            #expect(moved.unitPath == g2.path && moved.address == "Số 8 ngõ 4")
            #expect(try await PersonModel.find(son.id, on: app.db)!.unitPath == g2.path)
            // The head leaves without naming who heads the rest: refused, nothing written.
            try await b.get("/registry/households/\(h.id)")
            try await b.post(
                "/registry/households/\(h.id)/split",
                [
                    ("members[]", head.id.uuidString), ("new_code", "00364-S2"), ("address", "Số 9"),
                    ("new_head", head.id.uuidString), ("date", "2026-09-10"),
                ])
            try await b.get("/registry/households/\(h.id)")
            #expect(b.lastBody.contains("hãy chọn chủ hộ mới cho hộ cũ"))
            #expect(try await HouseholdModel.query(on: app.db).filter(\.$code == "00364-S2").count() == 0)
            // The son and daughter found a household; the son heads it.
            try await b.post(
                "/registry/households/\(h.id)/split",
                [
                    ("members[]", son.id.uuidString), ("members[]", daughter.id.uuidString), ("new_code", "00364-S2"),
                    ("address", "Số 9"), ("new_head", son.id.uuidString), ("date", "2026-09-10"),
                ])
            let s2 = try await HouseholdModel.query(on: app.db).filter(\.$code == "00364-S2").first()!
            #expect(
                try await repo.household(officer, id: s2.id!, asOf: LocalDate(iso: "2026-09-21")!).members.map(\.person.fullName).sorted() == [
                    "Phan Thị Gái", "Phan Văn Con",
                ])
            #expect(try await repo.household(officer, id: h.id, asOf: LocalDate(iso: "2026-09-21")!).members.count == 2)
            #expect(try await repo.household(officer, id: h.id, asOf: LocalDate(iso: "2026-09-09")!).members.count == 4)
            // Later the parents join their son's household.
            try await b.get("/registry/households/\(h.id)")
            try await b.post("/registry/households/\(h.id)/merge", [("into_code", "00364-S2"), ("date", "2026-09-20")])
            #expect(try await HouseholdModel.find(h.id, on: app.db)!.status == "dissolved")
            let merged = try await repo.household(officer, id: s2.id!, asOf: LocalDate(iso: "2026-09-21")!)
            #expect(merged.members.count == 4)
            #expect(merged.members.filter { $0.role == .head }.map(\.person.id) == [son.id])
            #expect(try await MembershipModel.query(on: app.db).filter(\.$personID == wife.id).filter(\.$endDate == nil).count() == 1)
            try await b.get("/registry/households/\(h.id)")
            #expect(b.lastBody.contains("Nhập hộ"))
            // The daughter becomes her mother's carer; both pages show it, and it can end.
            try await b.get("/registry/persons/\(wife.id)")
            try await b.post("/registry/persons/\(wife.id)/relationships", [("kind", "carer"), ("member", daughter.id.uuidString), ("since", "2026-09-20")])
            try await b.get("/registry/persons/\(wife.id)")
            #expect(b.lastBody.contains("Người chăm sóc") && b.lastBody.contains("Phan Thị Gái"))
            try await b.post("/registry/persons/\(wife.id)/relationships", [("kind", "carer"), ("related", daughter.id.uuidString), ("since", "2026-09-20")])
            try await b.get("/registry/persons/\(wife.id)")
            #expect(b.lastBody.contains("Quan hệ này đang có hiệu lực."))
            try await b.get("/registry/persons/\(daughter.id)")
            #expect(b.lastBody.contains("Người chăm sóc của") && b.lastBody.contains("Lý Thị Mẹ"))
            let rel = try await RelationshipModel.query(on: app.db).first()!
            try await b.post("/registry/relationships/\(rel.id!)/end", [("person", wife.id.uuidString), ("date", "2026-09-21")])
            #expect(try await RelationshipModel.find(rel.id, on: app.db)!.endDate == "2026-09-21")
            if case .ok = try await AuditChain.verify(on: app.db) {} else { Issue.record("audit chain broken") }
        }
    }

    /// Import ids are time-ordered (UUID version 7 layout) and strictly increasing byte-wise,
    /// even many within one millisecond, so bulk inserts append to the indexes.
    @Test func orderedIDsIncrease() {
        let before = UInt64(Date().timeIntervalSince1970 * 1000)
        let ids = (0..<5000).map { _ in OrderedID.make() }
        func bytes(_ u: UUID) -> [UInt8] { withUnsafeBytes(of: u.uuid) { Array($0) } }
        #expect(Set(ids).count == 5000)
        #expect(zip(ids, ids.dropFirst()).allSatisfy { bytes($0).lexicographicallyPrecedes(bytes($1)) })
        #expect(ids.allSatisfy { bytes($0)[6] >> 4 == 7 && bytes($0)[8] >> 6 == 0b10 })
        // The first 48 bits are the time in milliseconds.
        let ms = bytes(ids[0]).prefix(6).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(ms >= before && ms < before + 60_000)
        // The random bits differ from id to id (drawn from a sequence reseeded every 512 ids).
        #expect(Set(ids.map { bytes($0).suffix(7) }).count == 5000)
        // `text` is what Foundation writes, for these ids and for random ones.
        for id in ids.prefix(100) + (0..<100).map({ _ in UUID() }) { #expect(id.text == id.uuidString) }
        #expect(UUID(uuidString: "00000000-0000-0000-0000-00000000000A")!.text == "00000000-0000-0000-0000-00000000000A")
    }

    /// A file checked in parts side by side gives the very rows, errors and counts of one part:
    /// rows in the file's order, each error on its own row number, the cross-row checks over
    /// the whole file (a household whose rows fall into two parts; a national ID twice).
    @Test func fileCheckedInPartsIsTheFileCheckedWhole() {
        var text = Self.withErrors
        // A household split across parts, and a national ID of row 2 again on the last row.
        text += "00364-H005,00364,,Số 11,,Ngô Văn Tâm,male,1970,,head,none,,no,\n"
        text += "00364-H005,00364,,Số 11,,Ngô Thị Hà,female,1958,001158000111,spouse,none,,no,\n"
        let whole = RegistryImporter.parse(text, parts: 1)
        #expect(whole.total == 9)
        #expect(
            whole.errors.map { "\($0.row!):\($0.field)" } == [
                "4:date_of_birth", "4:national_id", "10:national_id",
            ])
        for parts in [2, 3, 4, 9, 50] {
            let split = RegistryImporter.parse(text, parts: parts)
            #expect(split.rows.map(\.row) == whole.rows.map(\.row), "parts: \(parts)")
            #expect(split.rows.map(\.fullName) == whole.rows.map(\.fullName))
            #expect(split.errors.map { "\($0.row!):\($0.field):\($0.message.key)" } == whole.errors.map { "\($0.row!):\($0.field):\($0.message.key)" })
            #expect(split.total == whole.total && split.codes == whole.codes && split.headCodes == whole.headCodes)
        }
    }

    /// An import's batches are written with `durable: false`: the connection's SQLite settings
    /// (`synchronous` NORMAL, `temp_store` MEMORY, `wal_autocheckpoint` 20,000 pages) hold for
    /// the transaction, and the defaults (FULL, DEFAULT, 1,000) are back afterwards, also after
    /// a write that failed; PostgreSQL turns `synchronous_commit` off for the transaction only.
    @Test(arguments: TestDatabase.all)
    func nonDurableWritesTouchOnlyTheirOwnTransaction(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            @Sendable func level(_ tx: any Database) async throws -> String {
                if tx.isPostgres { return try await sql(tx).raw("SHOW synchronous_commit").first()!.decode(column: "synchronous_commit", as: String.self) }
                var values: [String] = []
                for name in ["synchronous", "temp_store", "wal_autocheckpoint"] {
                    values.append(String(try await sql(tx).raw("PRAGMA \(unsafeRaw: name)").first()!.decode(column: name, as: Int.self)))
                }
                return values.joined(separator: "/")
            }
            let normal = app.db.isPostgres ? "off" : "1/2/20000", full = app.db.isPostgres ? "on" : "2/0/1000"
            #expect(try await store.write(.system, durable: false) { tx, _ in try await level(tx) } == normal)
            #expect(try await store.write(.system) { tx, _ in try await level(tx) } == full)
            await #expect(throws: AppError.self) {
                try await store.write(.system, durable: false) { tx, _ in
                    try await sql(tx).raw("UPDATE audit_chains SET seq = seq").run()
                    throw AppError.notFound
                }
            }
            // The writes that follow are durable again.
            for _ in 0..<4 { #expect(try await store.write(.system) { tx, _ in try await level(tx) } == full) }
            if case .ok = try await AuditChain.verify(on: app.db) {} else { Issue.record("audit chain broken") }
        }
    }

    /// Bulk rows keep every value exactly on both engines (PostgreSQL writes them with `COPY`
    /// in text format): tabs, newlines, carriage returns and backslashes in text, a text that
    /// reads `\N`, NULL, booleans, integers and times to the microsecond, over more than one
    /// chunk of the copy. A bulk write that fails (a repeated id) leaves nothing, and the
    /// connection serves the next write.
    @Test(arguments: TestDatabase.all)
    func bulkRowsKeepEveryValue(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let columns = [
                "id", "full_name", "gender", "birth_date", "birth_year", "national_id", "phone", "disability_level",
                "disability_certificate_date", "has_pension", "has_merit", "hiv_status", "unit_path", "search_key", "search_words",
                "created_at", "updated_at",
            ]
            let names = ["Nguyễn\tThị\nĐặng", "a\\b\rc", "\\N", "عَبْدُ الله", "Lê Văn Tám"]
            let when = Date(timeIntervalSince1970: 1_764_650_096.123456)
            let before = try await PersonModel.query(on: app.db).count()
            let ids = (0..<3000).map { _ in OrderedID.make() }
            try await app.store.write(.system) { tx, _ in
                var rows = BatchInsert(into: "persons", columns: columns)
                for (i, id) in ids.enumerated() {
                    rows.add(
                        .uuid(id), .text(names[i % names.count] + " \(i)"), .text("female"), .text("1950-03-0\(i % 9 + 1)"),
                        .int(1950), .text(i % 2 == 0 ? String(format: "0011500%05d", i) : nil), .text(nil), .text("none"),
                        .text(nil), .bool(i % 3 == 0), .bool(false), .text(nil), .text("/vn/bulk/"), .text("bulk \(i)"),
                        .text("bulk \(i)"), .date(when), .date(when.addingTimeInterval(Double(i))))
                }
                try await rows.run(on: tx)
            }
            let stored = try await PersonModel.query(on: app.db).filter(\.$unitPath == "/vn/bulk/").all()
            #expect(stored.count == 3000)
            let byID = Dictionary(stored.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
            for (i, id) in ids.enumerated() {
                guard let p = byID[id] else { Issue.record("row \(i) missing"); return }
                #expect(p.fullName == names[i % names.count] + " \(i)")
                #expect(p.nationalID == (i % 2 == 0 ? String(format: "0011500%05d", i) : nil))
                #expect(p.phone == nil && p.disabilityCertificateDate == nil)
                #expect(p.hasPension == (i % 3 == 0) && p.birthYear == 1950 && p.birthDate == "1950-03-0\(i % 9 + 1)")
                #expect(abs(p.createdAt!.timeIntervalSince(when)) < 0.000_001)
                #expect(abs(p.updatedAt!.timeIntervalSince(when) - Double(i)) < 0.000_001)
            }
            // A repeated id: the write fails whole, and the next one goes through.
            @Sendable func writePlain(_ persons: [(UUID, String)]) async throws {
                try await app.store.write(.system) { tx, _ in
                    var rows = BatchInsert(into: "persons", columns: columns)
                    for (id, key) in persons {
                        rows.add(
                            .uuid(id), .text(key), .text("male"), .text("1960"), .int(1960), .text(nil), .text(nil), .text("none"),
                            .text(nil), .bool(false), .bool(false), .text(nil), .text("/vn/bulk2/"), .text(key), .text(key),
                            .date(when), .date(when))
                    }
                    try await rows.run(on: tx)
                }
            }
            await #expect(throws: (any Error).self) { try await writePlain([(OrderedID.make(), "trung"), (ids[7], "trung")]) }
            #expect(try await PersonModel.query(on: app.db).filter(\.$unitPath == "/vn/bulk2/").count() == 0)
            #expect(try await PersonModel.query(on: app.db).count() == before + 3000)
            try await writePlain([(OrderedID.make(), "sau")])
            #expect(try await PersonModel.query(on: app.db).filter(\.$unitPath == "/vn/bulk2/").count() == 1)
            if case .ok = try await AuditChain.verify(on: app.db) {} else { Issue.record("audit chain broken") }
        }
    }

    /// PostgreSQL's search lexemes (`SearchIndex.vector`, PL/pgSQL since migration 0022): every
    /// word, and each of its prefixes of 2 to 7 letters ending in `*`, in Vietnamese and Arabic
    /// alike; spaces and one-letter words add nothing else. The expected texts are what the SQL
    /// function of migration 0021 gave.
    @Test(arguments: TestDatabase.all)
    func searchLexemesAreWordsAndTheirPrefixes(db: TestDatabase) async throws {
        guard case .postgres = db else { return }
        try await withAnsinh(db) { app in
            @Sendable func lexemes(_ words: String) async throws -> String {
                try await sql(app.db).raw("SELECT \(unsafeRaw: SearchIndex.vector)(\(bind: words))::text AS v").first()!.decode(column: "v", as: String.self)
            }
            #expect(
                try await lexemes(" nguyen  thi dang a 0912345678 ")
                    == "'09*' '091*' '0912*' '09123*' '091234*' '0912345*' '0912345678' 'a' 'da*' 'dan*' 'dang' 'dang*' 'ng*' 'ngu*' 'nguy*' 'nguye*' 'nguyen' 'nguyen*' 'th*' 'thi' 'thi*'"
            )
            #expect(try await lexemes("") == "")
            #expect(try await lexemes("عبد الله") == "'ال*' 'الل*' 'الله' 'الله*' 'عب*' 'عبد' 'عبد*'")
            let language = try await sql(app.db).raw(
                """
                SELECT l.lanname AS lang FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang WHERE p.proname = \(bind: SearchIndex.vector)
                """
            ).first()?.decode(column: "lang", as: String.self)
            #expect(language == "plpgsql")
        }
    }
}
