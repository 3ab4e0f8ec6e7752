import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import AnsinhWeb

/// Deletion on a person's request (Law 91/2025/QH15; issue 26): a person no legal duty keeps is
/// erased whole from the person page — their own records, the requests, an emptied household —
/// and the audit trail keeps what was done; a person with a kept record is refused with the duty
/// and nothing changes.
@Suite("Erasure on a person's request")
struct PersonErasureTests {
    static func count(_ store: Store, _ table: String, _ column: String, _ ids: [UUID]) async throws -> Int {
        try await (store.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM \(ident: table) WHERE \(ident: column) IN (\(binds: ids))")
            .first()?.decode(column: "n", as: Int.self) ?? -1
    }

    @Test(arguments: TestDatabase.all)
    func aPersonNothingKeepsIsErasedFromTheirPage(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let officer = try await demoActor(store, "canbo.khuongdinh")
            let ids = try await demoRecipients(store, count: 2)
            let (a, b) = (ids[0], ids[1])
            let household = try await MembershipModel.query(on: store.db).filter(\.$personID == a).first()!.householdID
            try await RegistryRepository(store).addRelationship(
                officer, personID: b, related: a.uuidString, kind: "carer", since: LocalDate(iso: "2025-01-01")!)
            _ = try await IdentityVerificationRepository(store).record(
                officer, personID: a, status: "verified", method: "vneid_app", checkedOn: store.today.iso, note: "")
            let requests = SubjectRequestRepository(store)
            _ = try await requests.receive(officer, personID: a, kind: "access", receivedOn: store.today.iso, requestedBy: "Người nhận 0", detail: "Bản sao")
            let deletion = try await requests.receive(
                officer, personID: a, kind: "deletion", receivedOn: store.today.iso, requestedBy: "Người nhận 0", detail: "Tôi đã chuyển đi nơi khác")
            #expect(try await requests.erasureBlockers(officer, personID: a).isEmpty)

            let browser = TestBrowser(app)
            try await browser.login("canbo.khuongdinh")
            try await browser.get("/registry/persons/\(a)")
            #expect(browser.lastBody.contains("action=\"/registry/data-requests/\(deletion.id)/erase\""))
            #expect(browser.lastBody.contains("Tôi xác nhận xoá vĩnh viễn dữ liệu của người này"))
            // Without the confirmation nothing is deleted.
            try await browser.post("/registry/data-requests/\(deletion.id)/erase", [("person", a.uuidString), ("outcome", "")])
            #expect(browser.lastLocation == "/registry/persons/\(a)")
            #expect(try await PersonModel.find(a, on: store.db) != nil)
            try await browser.post(
                "/registry/data-requests/\(deletion.id)/erase", [("person", a.uuidString), ("outcome", "Đã xoá theo yêu cầu"), ("confirm", "on")])
            #expect(browser.lastLocation == "/registry/persons")
            try await browser.get("/registry/persons")
            #expect(browser.lastBody.contains("Đã xoá dữ liệu của người này theo yêu cầu ("))

            #expect(try await PersonModel.find(a, on: store.db) == nil)
            #expect(try await HouseholdModel.find(household, on: store.db) == nil)
            for (table, column) in [
                ("memberships", "person_id"), ("relationships", "related_person_id"), ("identity_verifications", "person_id"),
                ("subject_requests", "person_id"),
            ] {
                #expect(try await Self.count(store, table, column, [a]) == 0, "\(table)")
            }
            // The other person stays, without the relationship to the erased one.
            #expect(try await PersonModel.find(b, on: store.db)?.fullName == "Người nhận 1")
            #expect(try await Self.count(store, "relationships", "person_id", [b]) == 0)
            #expect(try await RegistryRepository(store).persons(officer, query: "Người nhận 0", page: PageSpec(page: 1)).items.isEmpty)
            try await browser.get("/registry/persons/\(a)")
            #expect(browser.lastStatus == 404)
            // The audit trail keeps what was done, and still verifies.
            let entry = try await AuditEntryModel.query(on: store.db).filter(\.$action == "erase").first()
            #expect(entry?.entityID == a.uuidString && entry?.actorName == "canbo.khuongdinh")
            for part in ["households:1", "identity_verifications:1", "memberships:1", "persons:1", "relationships:1", "subject_requests:2"] {
                #expect(entry?.afterJSON?.contains(part) == true, "\(part)")
            }
            #expect(entry?.afterJSON?.contains("Người nhận") == false)
            #expect(try await AuditChain.verify(on: store.db) == .ok(entries: try await AuditEntryModel.query(on: store.db).count()))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aKeptRecordRefusesTheErasureAndChangesNothing(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let officer = try await demoActor(store, "canbo.khuongdinh")
            let person = try await demoRecipients(store, count: 1)[0]
            var input = ApplicationInput(personID: person)
            input.formType = "1a"; input.receivedDate = "2026-01-05"; input.documents = ["declaration"]
            _ = try await DecisionRepository(store).receive(officer, input)
            let requests = SubjectRequestRepository(store)
            let correction = try await requests.receive(
                officer, personID: person, kind: "correction", receivedOn: store.today.iso, requestedBy: "Người nhận 0", detail: "Sai tên")
            let deletion = try await requests.receive(
                officer, personID: person, kind: "deletion", receivedOn: store.today.iso, requestedBy: "Người nhận 0", detail: "Xoá hết")
            #expect(
                try await requests.erasureBlockers(officer, personID: person) == [
                    ErasureBlocker(table: "allowance_applications", count: 1, reason: "privacy.kept.allowance")
                ])
            let token = try await apiToken(store, "canbo.khuongdinh")
            let before = try await Self.count(store, "persons", "id", [person]) + (try await Self.count(store, "memberships", "person_id", [person]))
            var res = try await apiRequest(app, .POST, "/api/v1/data-requests/\(deletion.id)/erase", token: token, json: #"{"confirm":true}"#)
            #expect(res.status == .conflict)
            #expect(res.body.string.contains("Luật") || res.body.string.contains("Decree") || res.body.string.contains("Nghị định"))
            res = try await apiRequest(app, .POST, "/api/v1/data-requests/\(deletion.id)/erase", token: token, json: #"{"confirm":false}"#)
            #expect(res.status == .unprocessableEntity)
            res = try await apiRequest(app, .POST, "/api/v1/data-requests/\(correction.id)/erase", token: token, json: #"{"confirm":true}"#)
            #expect(res.status == .conflict)
            // The accountant may not erase.
            res = try await apiRequest(
                app, .POST, "/api/v1/data-requests/\(deletion.id)/erase", token: try await apiToken(store, "ketoan.khuongdinh"), json: #"{"confirm":true}"#)
            #expect(res.status == .forbidden)
            #expect(try await Self.count(store, "persons", "id", [person]) + (try await Self.count(store, "memberships", "person_id", [person])) == before)
            #expect(try await Self.count(store, "subject_requests", "person_id", [person]) == 2)
            #expect(try await AuditEntryModel.query(on: store.db).filter(\.$action == "erase").count() == 0)
            // The page names the duty, and offers no erasure.
            let browser = TestBrowser(app)
            try await browser.login("canbo.khuongdinh")
            try await browser.get("/registry/persons/\(person)")
            #expect(browser.lastBody.contains("id=\"erasure-kept\""))
            #expect(browser.lastBody.contains("hồ sơ trợ cấp xã hội (Nghị định 20/2021, 147/2025)"))
            #expect(!browser.lastBody.contains("/erase\""))
            // Refused in writing with the duty, the request is closed and the person stays.
            try await requests.handle(officer, id: deletion.id, .refuse, outcome: "Hồ sơ trợ cấp phải lưu giữ")
            res = try await apiRequest(app, .POST, "/api/v1/data-requests/\(deletion.id)/erase", token: token, json: #"{"confirm":true}"#)
            #expect(res.status == .conflict)
        }
    }

    /// Every kind of record that names a person is either kept by a duty, erased with the person,
    /// or reached through a case or a stay (which are kept).
    @Test func everyKindOfRecordIsClassified() {
        for src in SubjectSource.all {
            switch src.key {
            case .resident, .caseRecord: continue
            case .person, .household:
                let known =
                    PersonErasure.kept[src.table] != nil || PersonErasure.erased.contains(src.table) || ["persons", "households"].contains(src.table)
                    || PersonErasure.withTheHousehold.contains(src.table)
                #expect(known, "\(src.table) is neither kept nor erased")
            }
        }
    }
}
