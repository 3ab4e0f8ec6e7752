import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Crypto
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import AnsinhWeb

@Suite("Audit chain")
struct AuditChainTests {
    @Test(arguments: TestDatabase.all)
    func verifiesAndDetectsTampering(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let repo = AuditRepository(app.store)
            guard case .ok(let n) = try await repo.verify() else { Issue.record("chain should verify"); return }
            // Demo: 1 country + 2 provinces + 1 ward + 3 groups + 1 centre + 7 departments + 7 accounts.
            #expect(n == 22)
            let s = app.db as! any SQLDatabase
            // The demo is written by the system, so all of it is in the chain "/"; sequence numbers
            // in the whole log may have gaps (PostgreSQL), places in a chain never do.
            let chain = try await AuditEntryModel.query(on: app.db).filter(\.$chain == "/").sort(\.$chainSeq).all()
            #expect(chain.map(\.chainSeq) == Array(1...22))
            let third = chain[2].id!
            try await s.raw("UPDATE audit_log SET after_json = REPLACE(after_json, 'Khương Đình', 'Khuong Dinh') WHERE seq = \(bind: third)").run()
            #expect(try await repo.verify() == .broken(seq: third, reason: "content"))
            try await s.raw("UPDATE audit_log SET after_json = REPLACE(after_json, 'Khuong Dinh', 'Khương Đình') WHERE seq = \(bind: third)").run()
            #expect(try await repo.verify() == .ok(entries: 22))
            // Re-hashing a changed entry does not help: the next link breaks.
            let e = chain[4]
            e.actorName = "someone-else"
            e.hash = AuditChain.hash(of: e)
            try await e.save(on: app.db)
            #expect(try await repo.verify() == .broken(seq: chain[5].id!, reason: "link"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func cuttingTheEndIsDetected(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            try await (app.db as! any SQLDatabase).raw("DELETE FROM audit_log WHERE chain = '/' AND chain_seq = 22").run()
            #expect(try await AuditRepository(app.store).verify() == .headMismatch(expectedSeq: 22, foundSeq: 21))
        }
    }

    @Test(arguments: TestDatabase.all)
    func concurrentWritersKeepOneChain(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let ward = try await UnitRepository(app.store).find(code: "00364")!
            let store = app.store
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 1...20 {
                    group.addTask {
                        _ = try await UnitRepository(store).create(
                            .system, UnitInput(code: "00364-C\(i)", name: "Tổ \(i)", kind: "residential_group", parentID: ward.id))
                    }
                }
                try await group.waitForAll()
            }
            // The same code twice at once: exactly one wins.
            let results = await withTaskGroup(of: Bool.self) { group in
                for _ in 1...6 {
                    group.addTask {
                        (try? await UnitRepository(store).create(
                            .system, UnitInput(code: "00364-SAME", name: "Trùng", kind: "residential_group", parentID: ward.id))) != nil
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            #expect(try await AuditRepository(app.store).verify() == .ok(entries: 22 + 21))
            #expect(try await OrgUnitModel.query(on: app.db).filter(\.$code == "00364-SAME").count() == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func failedWriteLeavesNoTrace(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let before = try await AuditEntryModel.query(on: app.db).count()
            let store = app.store
            await #expect(throws: AppError.self) {
                try await store.write(.system) { tx, audit in
                    let m = OrgUnitModel()
                    m.id = UUID(); m.code = "HALF"; m.name = "Half"; m.kind = "commune"; m.path = "/x/"; m.searchKey = "half"
                    try await m.create(on: tx)
                    audit.add(
                        AuditRecord(action: "create", entity: "org_unit", entityID: "x", unitID: nil, unitPath: "/", before: NoValue?.none, after: NoValue()))
                    throw AppError.conflict(Message("units.not_empty"))
                }
            }
            #expect(try await AuditEntryModel.query(on: app.db).count() == before)
            #expect(try await OrgUnitModel.query(on: app.db).filter(\.$code == "HALF").count() == 0)
        }
    }
}

@Suite("Audit chains per commune")
struct AuditChainsPerCommuneTests {
    /// A ward officer of `ward`.
    func officer(_ ward: UnitView, _ name: String) -> Actor {
        Actor(userID: nil, username: name, role: .wardOfficer, unitID: ward.id, scopePath: ward.path, locale: .vi)
    }

    @Test(arguments: TestDatabase.all)
    func eachWardWritesItsOwnChain(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let units = UnitRepository(app.store)
            let a = try await units.find(code: "00364")!
            let b = try await units.create(
                .system, UnitInput(code: "B0001", name: "Phường Bên", kind: "commune", parentID: try await units.find(code: "01")!.id))
            let group = try await units.find(code: "00364-TDP01")!
            #expect(AuditChain.chain(of: officer(group, "totruong")) == a.path)
            #expect(AuditChain.chain(of: .system) == "/")
            let store = app.store
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                for (ward, name) in [(a, "canbo.a"), (b, "canbo.b")] {
                    let actor = officer(ward, name)
                    tasks.addTask {
                        for i in 0..<10 {
                            try await store.audit(
                                actor,
                                [
                                    AuditRecord(
                                        action: "note", entity: "org_unit", entityID: ward.id.uuidString, unitID: ward.id, unitPath: ward.path,
                                        before: NoValue?.none, after: ["i": i])
                                ])
                        }
                    }
                }
                try await tasks.waitForAll()
            }
            // Demo (22) and the new ward (1) in the system's chain, ten in each ward's.
            #expect(try await AuditRepository(app.store).verify() == .ok(entries: 22 + 1 + 20))
            let heads = try await AuditChainHeadModel.query(on: app.db).sort(\.$id).all()
            #expect(heads.map(\.id!) == ["/", a.path, b.path].sorted())
            #expect(heads.map(\.seq) == ["/": 23, a.path: 10, b.path: 10].sorted { $0.key < $1.key }.map(\.value))
            let inB = try await AuditEntryModel.query(on: app.db).filter(\.$chain == b.path).sort(\.$chainSeq).all()
            #expect(inB.map(\.chainSeq) == Array(1...10))
            #expect(inB.allSatisfy { $0.actorName == "canbo.b" })
            // Sequence numbers in the whole log stay unique.
            let all = try await AuditEntryModel.query(on: app.db).all().map(\.id!)
            #expect(Set(all).count == 43)

            // Changing an entry of one ward's chain is found there; so is removing that chain's head.
            let s = app.db as! any SQLDatabase
            try await s.raw("UPDATE audit_log SET actor_name = 'someone' WHERE seq = \(bind: inB[4].id!)").run()
            #expect(try await AuditRepository(app.store).verify() == .broken(seq: inB[4].id!, reason: "content"))
            try await s.raw("UPDATE audit_log SET actor_name = 'canbo.b' WHERE seq = \(bind: inB[4].id!)").run()
            try await s.raw("DELETE FROM audit_chains WHERE chain = \(bind: b.path)").run()
            #expect(try await AuditRepository(app.store).verify() == .broken(seq: inB[0].id!, reason: "link"))
        }
    }

    /// Entries written before chains keep their hashes: in the chain "" the text hashed is the
    /// one of the single chain (place, previous hash, fields), nothing added.
    @Test func entriesFromBeforeChainsKeepTheirHashes() {
        let e = AuditEntryModel()
        e.id = 7; e.chain = ""; e.chainSeq = 7; e.atMillis = 1_700_000_000_000; e.actorID = nil; e.actorName = "admin"
        e.unitID = nil; e.unitPath = "/"; e.action = "login"; e.entity = "user"; e.entityID = "u1"
        e.beforeJSON = nil; e.afterJSON = "{}"; e.prevHash = AuditChain.genesisHash
        let old = ["7", AuditChain.genesisHash, "1700000000000", "", "admin", "", "/", "login", "user", "u1", "\u{0}", "{}"].joined(separator: "\u{1F}")
        let expected = SHA256.hash(data: Data(old.utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(AuditChain.hash(of: e) == expected)
        // In a named chain the chain and the place in the whole log are covered too.
        e.chain = "/a/"
        let named = AuditChain.hash(of: e)
        #expect(named != expected)
        e.id = 8
        #expect(AuditChain.hash(of: e) != named)
    }

    /// A province officer and a ward officer write into different chains, so they do not queue
    /// on one lock; receiving an application for the same person at once still gives one.
    @Test(arguments: TestDatabase.all)
    func twoChainsRacingOnOnePersonOpenOneApplication(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let units = UnitRepository(app.store)
            let person = try await demoRecipients(app.store, count: 1)[0]
            let ward = try await demoActor(app.store, "canbo.khuongdinh")
            let province = officer(try await units.find(code: "01")!, "canbo.tinh")
            #expect(AuditChain.chain(of: ward) != AuditChain.chain(of: province))
            let store = app.store
            let outcomes = await withTaskGroup(of: Bool.self) { tasks in
                for actor in [ward, province, ward, province] {
                    tasks.addTask {
                        var input = ApplicationInput(personID: person)
                        input.formType = "1d"; input.receivedDate = "2024-02-20"; input.documents = ["declaration"]
                        do {
                            _ = try await DecisionRepository(store).receive(actor, input)
                            return true
                        } catch let e as AppError {
                            if case .conflict = e { return false }
                            Issue.record("unexpected \(e)")
                            return false
                        } catch {
                            Issue.record("unexpected \(error)")
                            return false
                        }
                    }
                }
                return await tasks.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try await AllowanceApplicationModel.query(on: app.db).filter(\.$personID == person).count() == 1)
            guard case .ok = try await AuditRepository(app.store).verify() else { Issue.record("chain broken"); return }
        }
    }
}
