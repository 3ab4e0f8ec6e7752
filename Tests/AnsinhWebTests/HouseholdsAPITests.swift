import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

/// The registry written over the API only (a field app, the population database's exchange):
/// a household registered, a member joining, facts corrected, a move, a split and a merge, a
/// member leaving, and a file imported, run in the background and finished.
@Suite("Registry API")
struct HouseholdsAPITests {
    @Test(arguments: TestDatabase.all)
    func aHouseholdsLifeOverTheAPI(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let ward = try await UnitRepository(store).find(code: "00364")!.id
            let group2 = try await UnitRepository(store).find(code: "00364-TDP02")!.id
            let officer = try await apiToken(store, "canbo.khuongdinh")
            func post(_ path: String, _ json: String) async throws -> (HTTPStatus, [String: Any]) {
                let res = try await apiRequest(app, .POST, "/api/v1" + path, token: officer, json: json)
                return (res.status, jsonObject(res))
            }
            // A birth that is not a date is named under the head.
            var (status, body) = try await post(
                "/households",
                #"{"code":"00364-A1","commune_id":"\#(ward)","address":"Số 5 ngõ 7","since":"2024-01-01","head":{"full_name":"Lê Văn Tám","gender":"male","birth":"19xx"}}"#
            )
            #expect(status == .unprocessableEntity)
            #expect((body["errors"] as? [[String: Any]])?.first?["field"] as? String == "head.birth")
            (status, body) = try await post(
                "/households",
                #"{"code":"00364-A1","commune_id":"\#(ward)","address":"Số 5 ngõ 7","since":"2024-01-01","head":{"full_name":"Lê Văn Tám","gender":"male","birth":"1950-02-03"}}"#
            )
            #expect(status == .created)
            let h = body["id"] as! String
            (status, body) = try await post(
                "/households/\(h)/members", #"{"person":{"full_name":"Lê Thị Chín","gender":"female","birth":"1980"},"role":"child","since":"2024-01-01"}"#)
            #expect(status == .created)
            let child = body["id"] as! String
            // Facts corrected: a severe disability with its certificate.
            var res = try await apiRequest(
                app, .PUT, "/api/v1/persons/\(child)", token: officer,
                json: #"{"full_name":"Lê Thị Chín","gender":"female","birth":"1980-06-01","disability":"severe","disability_certificate_date":"2024-03-01"}"#)
            #expect(res.status == .ok)
            #expect(jsonObject(res)["disability"] as? String == "severe")
            #expect(jsonObject(res)["birth"] as? String == "1980-06-01")
            // Moved to Tổ dân phố 2.
            (status, body) = try await post("/households/\(h)/move", #"{"address":"Số 8 ngõ 1","group_id":"\#(group2)","date":"2024-05-01"}"#)
            #expect(status == .ok)
            #expect(body["address"] as? String == "Số 8 ngõ 1" && body["group_id"] as? String == group2.uuidString)
            // The child splits off into her own household, then it joins back.
            (status, body) = try await post(
                "/households/\(h)/split",
                #"{"member_ids":["\#(child)"],"new_code":"00364-A2","address":"Số 9 ngõ 1","new_head_id":"\#(child)","date":"2024-06-01"}"#)
            #expect(status == .created)
            let split = body["id"] as! String
            #expect(body["code"] as? String == "00364-A2")
            (status, body) = try await post("/households/\(split)/merge", #"{"into_code":"00364-A1","date":"2024-07-01"}"#)
            #expect(status == .ok)
            #expect(body["code"] as? String == "00364-A1")
            res = try await apiRequest(app, .GET, "/api/v1/households/\(h)?as_of=2024-08-01", token: officer)
            #expect((jsonObject(res)["members"] as? [[String: Any]])?.count == 2)
            // She leaves; the household keeps its head.
            (status, _) = try await post("/households/\(h)/leave", #"{"person_id":"\#(child)","date":"2024-09-01","reason":"Kết hôn, chuyển đi"}"#)
            #expect(status == .ok)
            res = try await apiRequest(app, .GET, "/api/v1/households/\(h)?as_of=2024-10-01", token: officer)
            #expect((jsonObject(res)["members"] as? [[String: Any]])?.count == 1)
            let changes = try await AuditEntryModel.query(on: store.db).filter(\.$entity == "household").filter(\.$entityID == h.uppercased()).count()
            #expect(changes >= 4)
        }
    }

    @Test(arguments: TestDatabase.all)
    func anImportOverTheAPI(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let officer = try await apiToken(store, "canbo.khuongdinh")
            let csv =
                RegistryTests.header + """
                    00364-I001,00364,Tổ dân phố 1,Số 1 ngõ 9,,Phạm Thị Hoa,female,1949-01-02,,head,none,,yes,
                    00364-I001,00364,Tổ dân phố 1,Số 1 ngõ 9,,Phạm Văn Nam,male,1975,,child,none,,no,
                    00364-I002,00364,Tổ dân phố 9,Số 2 ngõ 9,,Vũ Văn Đông,male,1960,,head,none,,no,

                    """
            var res = try await apiRequest(app, .POST, "/api/v1/imports?file_name=tdp1.csv", token: officer, json: csv)
            #expect(res.status == .created)
            let job = jsonObject(res)
            let id = job["id"] as! String
            #expect(job["total_rows"] as? Int == 3)
            #expect(job["error_rows"] as? Int == 1)  // Tổ dân phố 9 does not exist
            #expect((job["errors"] as? [[String: Any]])?.first?["row"] as? Int == 4)
            // With a bad row the file runs only for its good households.
            res = try await apiRequest(app, .POST, "/api/v1/imports/\(id)/run", token: officer)
            #expect(res.status == .conflict)
            res = try await apiRequest(app, .POST, "/api/v1/imports/\(id)/run", token: officer, json: #"{"valid_only":"yes"}"#)
            #expect(res.status == .unprocessableEntity)
            res = try await apiRequest(app, .POST, "/api/v1/imports/\(id)/run", token: officer, json: #"{"valid_only":true}"#)
            #expect(res.status == .accepted)
            var status = ""
            for _ in 0..<200 where status != "done" {
                try await Task.sleep(nanoseconds: 50_000_000)
                status = jsonObject(try await apiRequest(app, .GET, "/api/v1/imports/\(id)", token: officer))["status"] as? String ?? ""
            }
            #expect(status == "done")
            res = try await apiRequest(app, .GET, "/api/v1/imports/\(id)", token: officer)
            #expect(jsonObject(res)["created_persons"] as? Int == 2)
            #expect(jsonObject(res)["actions"] as? [String] == [])
            res = try await apiRequest(app, .GET, "/api/v1/persons?q=pham+thi+hoa", token: officer)
            #expect(jsonObject(res)["total"] as? Int == 1)
        }
    }
}
