import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

/// A person's right of access (Law 91/2025/QH15): the export holds every kind of record about the
/// person and nothing about anyone else, withholds what the producer's role may not read, and is
/// audited.
@Suite("Personal data export")
struct SubjectDataTests {
    /// Every table with a person, resident or case column is a source of the export (a new
    /// table cannot be forgotten).
    @Test(arguments: TestDatabase.all)
    func everyTableNamingAPersonIsExported(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let tables = try await SubjectDataRepository(app.store).tablesNamingAPerson()
            #expect(tables.count > 20)
            #expect(tables.subtracting(SubjectSource.all.map(\.table)).sorted() == [])
        }
    }

    @Test(arguments: TestDatabase.all)
    func theExportHoldsThePersonAndNobodyElse(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let p = try await demoRecipients(store, count: 2)
            let (a, b) = (p[0], p[1])
            try await setFacts(store, a, birth: "1980-05-10", disability: .especiallySevere, certificate: "2020-03-01")
            try await setFacts(store, b, birth: "1981-06-11", disability: .severe, certificate: "2020-03-01")
            let chairman = try await demoActor(store, "lanhdao.khuongdinh")
            for (person, number) in [(a, "1/QĐ"), (b, "2/QĐ")] {
                var d = DecisionInput(personID: person)
                d.kind = .start; d.number = number; d.signedDate = "2025-01-02"; d.eventDate = "2025-01-02"
                _ = try await DecisionRepository(store).decide(chairman, d)
            }
            let officer = try await demoActor(store, "canbo.khuongdinh")
            _ = try await PersonFactsRepository(store).record(
                officer, personID: a, validFrom: "2025-01-01", sourceDocument: "Tờ khai", circumstances: PersonCircumstances())
            _ = try await IdentityVerificationRepository(store).record(
                officer, personID: a, status: "verified", method: "vneid_app", checkedOn: "2025-01-02", note: "")
            let repo = SubjectDataRepository(store)
            let first = try await repo.export(officer, personID: a)
            let tables = Set(first.sections.map(\.table))
            #expect(tables.isSuperset(of: ["persons", "memberships", "households", "allowance_decisions", "allowance_periods", "person_fact_versions"]))
            #expect(tables.contains("identity_verifications"))
            #expect(first.sections.first { $0.table == "persons" }?.rows.first?["full_name"] == "Người nhận 0")
            #expect(first.sections.first { $0.table == "persons" }?.rows.first?["hiv_status"] == "false")
            #expect(first.sections.first { $0.table == "allowance_decisions" }?.rows.map { $0["number"] } == ["1/QĐ"])
            let text = String(decoding: try JSONSerialization.data(withJSONObject: SubjectDataPage.json(first)), as: UTF8.self)
            #expect(!text.contains(b.uuidString) && !text.contains("Người nhận 1") && !text.contains("2/QĐ"))
            #expect(text.contains(a.uuidString))
            // The auditor may produce it, without HIV status; the accountant may not.
            let auditor = try await demoActor(store, "kiemtoan")
            let seen = try await repo.export(auditor, personID: a)
            #expect(seen.sections.first { $0.table == "persons" }?.rows.first?["hiv_status"] == nil)
            await #expect(throws: AppError.forbidden) { try await repo.export(try await demoActor(store, "ketoan.khuongdinh"), personID: a) }
            // Producing it is audited, and the next export lists who produced the last one.
            let again = try await repo.export(officer, personID: a)
            #expect(again.accessLog.filter { $0.action == "export_subject_data" }.map(\.actor) == ["canbo.khuongdinh", "kiemtoan"])
            #expect(again.accessLog.contains { $0.action == "verify_identity" })
        }
    }

    /// A request is received with the day it is due, answered once (done or refused with the
    /// reason), overdue when left open, and part of the person's data.
    @Test(arguments: TestDatabase.all)
    func aRequestIsDueAndAnsweredOnce(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let p = try await demoRecipients(store, count: 1)[0]
            let officer = try await apiToken(store, "canbo.khuongdinh"), auditor = try await apiToken(store, "kiemtoan")
            let path = "/api/v1/persons/\(p)/data-requests"
            var res = try await apiRequest(
                app, .POST, path, token: officer, json: #"{"kind":"erase","received_on":"2025-12-31","requested_by":" ","detail":""}"#)
            #expect(
                Set(((jsonObject(res)["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String }) == [
                    "kind", "received_on", "requested_by", "detail",
                ])
            res = try await apiRequest(
                app, .POST, path, token: auditor,
                json: #"{"kind":"correction","received_on":"2026-09-01","requested_by":"Người nhận 0","detail":"Sai ngày sinh"}"#)
            #expect(res.status == .forbidden)
            res = try await apiRequest(
                app, .POST, path, token: officer,
                json: #"{"kind":"correction","received_on":"2026-09-01","requested_by":"Người nhận 0","detail":"Sai ngày sinh"}"#)
            #expect(res.status == .created)
            let made = jsonObject(res)
            // Received 1 September, 15 days (the rule file): due 16 September; the test clock is later.
            #expect(made["due_on"] as? String == "2026-09-16" && made["overdue"] as? Bool == true && made["status"] as? String == "received")
            let id = made["id"] as! String
            res = try await apiRequest(app, .POST, "/api/v1/data-requests/\(id)/complete", token: officer, json: #"{"outcome":" "}"#)
            #expect(res.status == .unprocessableEntity)
            res = try await apiRequest(
                app, .POST, "/api/v1/data-requests/\(id)/complete", token: officer, json: #"{"outcome":"Đã sửa ngày sinh theo giấy khai sinh"}"#)
            #expect(res.status == .ok && jsonObject(res)["status"] as? String == "done" && jsonObject(res)["overdue"] as? Bool == false)
            res = try await apiRequest(app, .POST, "/api/v1/data-requests/\(id)/refuse", token: officer, json: #"{"outcome":"x"}"#)
            #expect(res.status == .conflict)
            let data = try await SubjectDataRepository(store).export(try await demoActor(store, "canbo.khuongdinh"), personID: p)
            #expect(data.sections.first { $0.table == "subject_requests" }?.rows.first?["outcome"] == "Đã sửa ngày sinh theo giấy khai sinh")
        }
    }

    /// The page and the API answer with the same records.
    @Test func theApiAndThePage() async throws {
        try await withAnsinh(.sqlite) { (app: Application) async throws in
            let p = try await demoRecipients(app.store, count: 1)[0]
            let token = try await apiToken(app.store, "canbo.khuongdinh")
            let res = try await apiRequest(app, .GET, "/api/v1/persons/\(p)/data", token: token)
            #expect(res.status == .ok)
            let body = jsonObject(res)
            #expect(body["full_name"] as? String == "Người nhận 0")
            let sections = (body["sections"] as? [[String: Any]]) ?? []
            #expect(sections.contains { $0["table"] as? String == "memberships" })
            let other = try await apiRequest(app, .GET, "/api/v1/persons/\(UUID())/data", token: token)
            #expect(other.status == .notFound)
        }
    }
}
