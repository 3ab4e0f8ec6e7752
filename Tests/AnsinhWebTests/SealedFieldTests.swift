import AnsinhCore
import AnsinhTestSupport
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import AnsinhStore
@testable import AnsinhWeb

/// The most sensitive fields are sealed at rest (Law 91/2025/QH15; issue 26): the database and its
/// backups hold ciphertext only, a rotation re-seals everything so that the old key is no longer
/// needed, and a lost key is a clear, contained failure.
@Suite("Sealed sensitive fields")
struct SealedFieldTests {
    static let marker = "MẬT-7f3a Trẻ bị bạo hành tại nhà"
    /// The tests' key for the task of each test here: a test elsewhere that starts an app with a
    /// key file installs that key for the whole process meanwhile (`Sealed.install`), which must
    /// not change what these tests seal and read.
    static let testKeys = try! DataKeyring(base64Keys: [Data(repeating: 0x74, count: 32).base64EncodedString()])

    /// A database with a value in every sealed column: the demo's cases, hotline, care and
    /// therapy, one case entry, document and health record carrying `marker`, and an elderly
    /// person with HIV whose application was reviewed and decided, and an eligibility run.
    static func fill(_ store: Store) async throws -> (caseID: UUID, documentID: UUID) {
        _ = try await DemoData.loadCases(store)
        _ = try await DemoData.loadHotline(store)
        _ = try await DemoData.loadCare(store)
        _ = try await DemoData.loadTherapy(store)
        let worker = try await demoActor(store, "ctxh.quangninh")
        let manager = try await demoActor(store, "giamdoc.quangninh")
        let open = try await CaseModel.query(on: store.db).filter(\.$status != "closed").all().first { worker.covers(path: $0.unitPath) }!
        try await CaseRepository(store).addEntry(worker, caseID: open.id!, kind: "note", on: store.today.iso, text: marker, givenBy: "Cán bộ")
        let doc = try await CaseRepository(store).addDocument(
            worker, caseID: open.id!, title: "Biên bản", fileName: "bien-ban.pdf", data: Data("%PDF-1.4 \(marker)\n%%EOF\n".utf8))
        let resident = try await CareResidentModel.query(on: store.db).filter(\.$status == "in_care").first()!
        try await CareRepository(store).recordHealth(
            worker, residentID: resident.id!, kind: "checkup", day: store.today.iso, untilDay: "", provider: "Y tế Trung tâm", summary: marker,
            followUpOn: "", today: store.today)
        let enrolment = try await TherapyEnrolmentModel.query(on: store.db).filter(\.$status == "in_treatment").first()!
        try await TherapyRepository(store).measure(
            manager, id: enrolment.id!, domain: "communication", instrument: "ATEC", day: store.today.iso, score: 40, note: marker, today: store.today)
        let elder = try await demoRecipients(store, count: 1)[0]
        let person = try await PersonModel.find(elder, on: store.db)!
        person.birthDate = "1940-05-01"; person.birthYear = 1940; person.hiv = true
        try await person.update(on: store.db)
        var input = ApplicationInput(personID: elder)
        input.formType = "1a"; input.receivedDate = "2026-01-05"; input.documents = ["declaration"]
        let decisions = DecisionRepository(store)
        let application = try await decisions.receive(try await demoActor(store, "canbo.khuongdinh"), input)
        try await decisions.review(try await demoActor(store, "canbo.khuongdinh"), applicationID: application)
        _ = try await decisions.decide(try await demoActor(store, "lanhdao.khuongdinh"), applicationID: application, number: "7/QĐ", signedDate: "2026-01-09")
        _ = try await EligibilityRepository(store).run(try await demoActor(store, "canbo.khuongdinh"), month: YearMonth(year: 2026, month: 2)!)
        var ask = PublicRequestInput()
        ask.kind = "hardship_report"; ask.unitCode = "00364"; ask.text = marker; ask.anonymous = true; ask.consent = true
        ask.files = [PublicRequestFile(name: "anh.pdf", data: Data("%PDF-1.4 \(marker)\n%%EOF\n".utf8))]
        let askCode = try await FeedbackRepository(store).submit(ask, address: "sealed")
        let asked = try await PublicRequestModel.query(on: store.db).filter(\.$code == askCode).first()!
        try await FeedbackRepository(store).take(try await demoActor(store, "canbo.khuongdinh"), id: asked.id!, .note, text: marker)
        return (open.id!, doc)
    }

    /// The raw values of `col` as the database returns them.
    static func raw(_ store: Store, _ col: SealedColumn) async throws -> [String] {
        let rows = try await (store.db as! any SQLDatabase).select().column(SQLIdentifier(col.column)).from(col.table)
            .where(SQLIdentifier(col.column), .isNot, SQLLiteral.null).all()
        return try rows.map { r in
            col.blob
                ? String(decoding: try r.decode(column: col.column, as: Data.self), as: UTF8.self) : try r.decode(column: col.column, as: String.self)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theDatabaseHoldsCiphertextAndTheRecordsReadInClear(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            try await Sealed.$scoped.withValue(Self.testKeys) { () async throws in
                let store = app.store
                let (caseID, documentID) = try await Self.fill(store)
                let key = Sealed.keyring.currentID
                for col in SealedColumn.all {
                    let values = try await Self.raw(store, col)
                    #expect(!values.isEmpty, "\(col.name) has no value to check")
                    #expect(values.allSatisfy { $0.hasPrefix("ansinh:v1:\(key):") }, "\(col.name) holds clear text")
                    #expect(!values.contains { $0.contains("MẬT") || $0.contains("Rối loạn") || $0.contains("bạo hành") }, "\(col.name)")
                }
                // Through the records, the officer with the class reads them in clear.
                let worker = try await demoActor(store, "ctxh.quangninh")
                #expect(try await CaseRepository(store).entries(worker, caseID: caseID).contains { $0.text == Self.marker })
                let (_, bytes) = try await CaseRepository(store).document(worker, id: documentID)
                #expect(String(decoding: bytes, as: UTF8.self) == "%PDF-1.4 \(Self.marker)\n%%EOF\n")
                let diagnoses = try await TherapyEnrolmentModel.query(on: store.db).all().map(\.diagnosis)
                #expect(Set(diagnoses) == ["Rối loạn phổ tự kỷ", "Rối loạn tăng động giảm chú ý"])
                // Bound to its column: a value moved into another sealed column does not open.
                let sealed = try await Self.raw(store, .caseEntryText)
                #expect(sealed.contains { Sealed.open($0, SealedColumn.caseEntryText.name) == Self.marker })
                #expect(sealed.allSatisfy { Sealed.open($0, SealedColumn.hotlineSummary.name) == Sealed.unreadable })
                let status = try await SealedFieldRepository(store).status()
                #expect(status.allSatisfy { $0.clear == 0 && $0.unreadable == 0 && $0.byKey.keys.sorted() == [key] })
            }
        }
    }

    /// Values in clear text (a database from before sealing) are sealed at start; a rotation
    /// re-seals every value under the new key, a second run changes nothing, and afterwards
    /// the new key alone opens everything.
    @Test(arguments: TestDatabase.all)
    func rotationReSealsEverythingAndTheOldKeyIsNoLongerNeeded(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            try await Sealed.$scoped.withValue(Self.testKeys) { () async throws in
                let store = app.store
                let (caseID, _) = try await Self.fill(store)
                let sqlDB = store.db as! any SQLDatabase
                try await sqlDB.update("hotline_contacts").set("summary", to: "Gọi lại sau 17 giờ").run()
                let clear = try await Self.raw(store, .hotlineSummary).count
                #expect(try await SealedFieldRepository(store).status().first { $0.column == .hotlineSummary }?.clear == clear)
                #expect(try await Operations.sealClearValues(app) == clear)
                #expect(try await Self.raw(store, .hotlineSummary).allSatisfy { $0.hasPrefix("ansinh:v1:") && !$0.contains("17 giờ") })

                let old = Sealed.keyring
                let newKey = DataKeyring.generate()
                let rotating = try DataKeyring(base64Keys: [newKey, Data(repeating: 0x74, count: 32).base64EncodedString()])
                let total = try await SealedFieldRepository(store).status().reduce(0) { $0 + $1.byKey.values.reduce(0, +) }
                try await Sealed.$scoped.withValue(rotating) { () async throws in
                    #expect(try await SealedFieldRepository(store).reseal(.system, batch: 7) == total)
                    #expect(try await SealedFieldRepository(store).reseal(.system) == 0)
                }
                let only = try DataKeyring(base64Keys: [newKey])
                #expect(only.currentID != old.currentID)
                try await Sealed.$scoped.withValue(only) { () async throws in
                    let status = try await SealedFieldRepository(store).status()
                    #expect(status.allSatisfy { $0.clear == 0 && $0.unreadable == 0 && $0.byKey.keys.sorted() == [only.currentID] })
                    let worker = try await demoActor(store, "ctxh.quangninh")
                    #expect(try await CaseRepository(store).entries(worker, caseID: caseID).contains { $0.text == Self.marker })
                    #expect(try await HotlineContactModel.query(on: store.db).all().allSatisfy { $0.summary == "Gọi lại sau 17 giờ" })
                }
                // The old key alone no longer opens what was rotated.
                let entry = try await CaseEntryModel.query(on: store.db).all()
                #expect(entry.allSatisfy { $0.text == Sealed.unreadable })
                // Each column's batches are audited, and the trail still verifies.
                let audited = try await AuditEntryModel.query(on: store.db).filter(\.$action == "reseal").all()
                #expect(Set(audited.map(\.entityID)) == Set(SealedColumn.all.map(\.name)))
                #expect(try await AuditChain.verify(on: store.db) == .ok(entries: try await AuditEntryModel.query(on: store.db).count()))
            }
        }
    }

    /// A lost key: the sealed values read as `Sealed.unreadable`, a sealed document is refused
    /// with a message that names the variable, the rest of the record reads, and a rotation
    /// leaves what it cannot open as it is.
    @Test(arguments: TestDatabase.all)
    func aLostKeyIsAClearContainedFailure(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            try await Sealed.$scoped.withValue(Self.testKeys) { () async throws in
                let store = app.store
                let (caseID, documentID) = try await Self.fill(store)
                let before = try await Self.raw(store, .caseEntryText)
                let other = try DataKeyring(base64Keys: [DataKeyring.generate()])
                try await Sealed.$scoped.withValue(other) { () async throws in
                    let worker = try await demoActor(store, "ctxh.quangninh")
                    let view = try await CaseRepository(store).get(worker, id: caseID)
                    #expect(view.riskReason == Sealed.unreadable)
                    #expect(!view.number.isEmpty && view.id == caseID)
                    #expect(try await CaseRepository(store).entries(worker, caseID: caseID).allSatisfy { $0.text == Sealed.unreadable })
                    await #expect(throws: AppError.conflict(Message("privacy.error.key_missing"))) {
                        _ = try await CaseRepository(store).document(worker, id: documentID)
                    }
                    let status = try await SealedFieldRepository(store).status()
                    #expect(status.first { $0.column == .caseEntryText }?.unreadable == before.count)
                    #expect(try await SealedFieldRepository(store).reseal(.system) == 0)
                }
                #expect(try await Self.raw(store, .caseEntryText) == before)
            }
        }
    }

    /// A database from before HIV status was sealed: the migration carries each person's
    /// boolean over (true and false alike, so that a value's presence singles no one out), the
    /// start seals it, and the rules read it as before; a person imported in bulk holds none.
    @Test(arguments: TestDatabase.all)
    func hivStatusMovesFromTheClearBooleanToASealedValue(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let sqlDB = store.db as! any SQLDatabase
            let ids = try await demoRecipients(store, count: 2)
            try await M0053PersonHIVSealed().revert(on: store.db)
            try await sqlDB.update("persons").set("hiv", to: SQLLiteral.boolean(true)).where("id", .equal, SQLBind(ids[0])).run()
            try await M0053PersonHIVSealed().prepare(on: store.db)
            let persons = try await PersonModel.query(on: store.db).count()
            #expect(try await SealedFieldRepository(store).status().first { $0.column == .personHIV }?.clear == persons)
            #expect(try await Operations.sealClearValues(app) >= persons)
            let raw = try await Self.raw(store, .personHIV)
            #expect(raw.count == persons && raw.allSatisfy { $0.hasPrefix("ansinh:v1:") } && Set(raw).count == persons)
            #expect(try await PersonModel.find(ids[0], on: store.db)?.hiv == true)
            #expect(try await PersonModel.find(ids[1], on: store.db)?.hiv == false)
            let officer = try await demoActor(store, "canbo.khuongdinh")
            #expect(try await RegistryRepository(store).person(officer, id: ids[0]).0.hiv == true)
            #expect(try await RegistryRepository(store).person(try await demoActor(store, "ketoan.khuongdinh"), id: ids[0]).0.hiv == nil)
            // The rules see it for a role with the class, as they did from the boolean.
            let facts = try await AllowanceFactsRepository(store).evaluate(officer, personID: ids[0], month: YearMonth(year: 2026, month: 1)!)
            #expect(facts.facts.hiv == true)
        }
    }

    /// A backup of the SQLite file holds ciphertext only: the marker written through the case,
    /// the document and the health record is nowhere in its bytes, nor in the live file's.
    @Test func backupsStaySealed() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ansinh-sealed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("live.sqlite").path
        let backup = dir.appendingPathComponent("backup.sqlite").path
        let app = try await Application.make(.testing)
        var config = AppConfiguration.testing()
        config.database = .sqliteFile(path: path)
        do {
            try await configure(app, config)
            _ = try await Operations.prepareForServe(app, demo: true)
            let worker = try await demoActor(app.store, "ctxh.quangninh")
            let open = try await CaseModel.query(on: app.db).filter(\.$status != "closed").all().first { worker.covers(path: $0.unitPath) }!
            try await CaseRepository(app.store).addEntry(worker, caseID: open.id!, kind: "note", on: app.store.today.iso, text: Self.marker, givenBy: "")
            _ = try await CaseRepository(app.store).addDocument(
                worker, caseID: open.id!, title: "Biên bản", fileName: "b.pdf", data: Data("%PDF-1.4 \(Self.marker)\n%%EOF\n".utf8))
            try await Operations.backup(app, to: backup)
            _ = try await (app.db as! any SQLDatabase).raw("PRAGMA wal_checkpoint(TRUNCATE)").all()
        } catch {
            try? await app.asyncShutdown(); throw error
        }
        try await app.asyncShutdown()
        let needle = Data("MẬT-7f3a".utf8)
        for file in [backup, path] {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(bytes.count > 100_000)
            #expect(bytes.range(of: needle) == nil, "\(file) holds the clear text")
            #expect(bytes.range(of: Data("Rối loạn phổ tự kỷ".utf8)) == nil)
        }
    }

    /// The embedded default keeps its key in a file beside the database (created once, owner
    /// only), never in it.
    @Test func theDefaultKeyLivesBesideTheDatabase() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ansinh-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var config = AppConfiguration.testing()
        config.database = .sqliteFile(path: dir.appendingPathComponent("ansinh.sqlite").path)
        #expect(config.dataKeyFile == dir.appendingPathComponent("ansinh.sqlite").path + ".key")
        let first = try DataKeyring.fromFile(config.dataKeyFile!)
        let again = try DataKeyring.fromFile(config.dataKeyFile!)
        #expect(first.currentID == again.currentID)
        let mode = try FileManager.default.attributesOfItem(atPath: config.dataKeyFile!)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        try Data("not a key".utf8).write(to: URL(fileURLWithPath: config.dataKeyFile!))
        #expect(throws: AppError.self) { try DataKeyring.fromFile(config.dataKeyFile!) }
    }
}
