import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting
@testable import AnsinhWeb

/// A stand-in for the population database on a real port of 127.0.0.1: it checks the bearer
/// token, answers by national ID number from `people` (404 otherwise), keeps what it was sent,
/// and is slow for one number.
final class PopulationEndpoint: @unchecked Sendable {
    let app: Application
    let received = NIOLockedValueBox<[[String: String]]>([])
    static let token = "dan-cu-thu-0123456789"
    static let slow = "001099999999"

    init(people: [String: (name: String, birth: String)]) async throws {
        app = try await Application.make(.testing)
        app.post("dancu", "tra-cuu") { [received] req async throws -> Response in
            guard req.headers.bearerAuthorization?.token == Self.token else { return Response(status: .unauthorized) }
            let body = try req.content.decode([String: String].self)
            received.withLockedValue { $0.append(body) }
            let id = body["soDinhDanh"] ?? ""
            if id == Self.slow { try await Task.sleep(for: .seconds(20)) }
            guard let p = people[id] else { return Response(status: .notFound) }
            let json = try JSONSerialization.data(withJSONObject: ["data": ["hoVaTen": p.name, "ngaySinh": p.birth]])
            return Response(status: .ok, headers: ["Content-Type": "application/json"], body: .init(data: json))
        }
        do {
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        } catch {
            try await app.asyncShutdown()
            throw error
        }
    }

    var port: Int { app.http.server.shared.localAddress?.port ?? 0 }

    /// The operator's file for this endpoint.
    func configuration(token: String = PopulationEndpoint.token) throws -> PopulationConnectorConfig {
        let file = """
            {"name": "Nền tảng thử", "url": "http://127.0.0.1:\(port)/dancu/tra-cuu", "method": "POST", "timeout_seconds": 8,
             "date_format": "dd/MM/yyyy",
             "request": {"national_id": "soDinhDanh", "full_name": "hoVaTen", "birth_date": "ngaySinh"},
             "response": {"full_name": "data.hoVaTen", "birth_date": "data.ngaySinh"}}
            """
        return try PopulationConnectorConfig.parse(Data(file.utf8), token: token, production: false)
    }

    func stop() async throws {
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}

/// The connector to the national population database (Decrees 147/2025, 176/2025): asked over
/// HTTP with the configured field names and token, its answer recorded as a check with what
/// differs; an endpoint that refuses, is slow or is missing records nothing.
@Suite("Population database connector")
struct PopulationConnectorTests {
    /// Six persons of Khương Đình with the identity details the test needs.
    func persons(_ store: Store) async throws -> [UUID] {
        let ids = try await demoRecipients(store, count: 6)
        let details: [(String?, String)] = [
            ("001070000001", "1970-03-04"), ("001070000002", "1970"), ("001070000003", "1970-05-06"), ("001070000004", "1970-07-08"),
            (nil, "1970-01-02"), (PopulationEndpoint.slow, "1970-09-10"),
        ]
        for (id, d) in zip(ids, details) {
            let p = try await PersonModel.find(id, on: store.db)!
            p.nationalID = d.0; p.birthDate = d.1
            try await p.save(on: store.db)
        }
        return ids
    }

    @Test(arguments: TestDatabase.all)
    func theAnswerIsRecordedWithWhatDiffers(db: TestDatabase) async throws {
        let endpoint = try await PopulationEndpoint(people: [
            "001070000001": ("NGƯỜI NHẬN  0", "04/03/1970"), "001070000002": ("Người nhận 1", "15/06/1970"),
            "001070000003": ("Nguoi nhan 2", "06/05/1970"), PopulationEndpoint.slow: ("Người nhận 5", "10/09/1970"),
        ])
        do {
            let config = try endpoint.configuration()
            try await withAnsinh(db, settings: { $0.populationConnector = config }) { (app: Application) async throws in
                let store = app.store
                let p = try await persons(store)
                let officer = try await apiToken(store, "canbo.khuongdinh")
                func ask(_ i: Int) async throws -> TestingHTTPResponse {
                    try await apiRequest(app, .POST, "/api/v1/persons/\(p[i])/verifications/connector", token: officer)
                }
                // Same details, the name in capitals with a double space: verified.
                var res = try await ask(0)
                #expect(res.status == .created, "\(res.body.string)")
                #expect(jsonObject(res)["status"] as? String == "verified")
                #expect(jsonObject(res)["method"] as? String == "connector")
                #expect(jsonObject(res)["note"] as? String == "Nền tảng thử")
                #expect(
                    endpoint.received.withLockedValue { $0.last }
                        == ["soDinhDanh": "001070000001", "hoVaTen": "Người nhận 0", "ngaySinh": "04/03/1970"])
                // Only the year in the registry: not sent as a day; the answer gives the day.
                res = try await ask(1)
                #expect(jsonObject(res)["status"] as? String == "verified")
                #expect((jsonObject(res)["note"] as? String)?.contains("1970-06-15") == true)
                #expect(endpoint.received.withLockedValue { $0.last?["ngaySinh"] } == nil)
                // Diacritics count in a Vietnamese name.
                res = try await ask(2)
                #expect(jsonObject(res)["status"] as? String == "mismatch")
                #expect((jsonObject(res)["note"] as? String)?.contains("Người nhận 2 ≠ Nguoi nhan 2") == true)
                // Not in the database (404).
                res = try await ask(3)
                #expect(jsonObject(res)["status"] as? String == "mismatch")
                #expect((jsonObject(res)["note"] as? String)?.contains("không tìm thấy") == true)
                // No national ID number: nothing to ask.
                res = try await ask(4)
                #expect(res.status == .unprocessableEntity)
                #expect(((jsonObject(res)["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String } == ["national_id"])
                // Slower than the configured 8 s (generous: a loaded machine answers the others in time): refused with the reason, nothing recorded.
                res = try await ask(5)
                #expect(res.status == .conflict)
                #expect(res.body.string.contains("không trả lời trong 8 giây"))
                let slowChecks = try await IdentityVerificationModel.query(on: store.db).filter(\.$personID == p[5]).count()
                #expect(slowChecks == 0)
                // Each answer is audited as a check; only the connector records method connector.
                let audited = try await AuditEntryModel.query(on: store.db).filter(\.$action == "verify_identity").count()
                #expect(audited == 4)
                res = try await apiRequest(
                    app, .POST, "/api/v1/persons/\(p[4])/verifications", token: officer,
                    json: #"{"status":"verified","method":"connector","checked_on":"2026-02-01"}"#)
                #expect(((jsonObject(res)["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String } == ["method"])

                // The officer's page: the button names the endpoint, and asks it.
                let browser = TestBrowser(app)
                try await browser.login("canbo.khuongdinh")
                var page = try await browser.get("/registry/persons/\(p[0])")
                #expect(page.body.string.contains("Tra cứu qua Nền tảng thử"))
                #expect(page.body.string.contains("/registry/persons/\(p[0])/verification/connector"))
                page = try await browser.get("/registry/persons/\(p[4])")
                #expect(!page.body.string.contains("/verification/connector"))
                _ = try await browser.post("/registry/persons/\(p[2])/verification/connector", [])
                #expect(browser.lastStatus == 303)
                page = try await browser.get("/registry/persons/\(p[2])")
                #expect(page.body.string.contains("Đã ghi nhận câu trả lời của cơ sở dữ liệu dân cư: Không khớp"))
            }
        } catch {
            try await endpoint.stop()
            throw error
        }
        try await endpoint.stop()
    }

    @Test func aRefusedTokenOrNoConnectorRecordsNothing() async throws {
        let endpoint = try await PopulationEndpoint(people: ["001070000001": ("Người nhận 0", "04/03/1970")])
        do {
            let config = try endpoint.configuration(token: "sai-ma")
            try await withAnsinh(.sqlite, settings: { $0.populationConnector = config }) { (app: Application) async throws in
                let p = try await persons(app.store)
                let res = try await apiRequest(
                    app, .POST, "/api/v1/persons/\(p[0])/verifications/connector", token: try await apiToken(app.store, "canbo.khuongdinh"))
                #expect(res.status == .conflict)
                #expect(res.body.string.contains("từ chối mã truy cập (HTTP 401)"))
                #expect(try await IdentityVerificationModel.query(on: app.store.db).count() == 0)
            }
        } catch {
            try await endpoint.stop()
            throw error
        }
        try await endpoint.stop()
        try await withAnsinh(.sqlite) { (app: Application) async throws in
            let p = try await persons(app.store)
            let res = try await apiRequest(
                app, .POST, "/api/v1/persons/\(p[0])/verifications/connector", token: try await apiToken(app.store, "canbo.khuongdinh"))
            #expect(res.status == .conflict)
            #expect(res.body.string.contains("Chưa cấu hình kết nối"))
            let browser = TestBrowser(app)
            try await browser.login("canbo.khuongdinh")
            #expect(!(try await browser.get("/registry/persons/\(p[0])")).body.string.contains("/verification/connector"))
        }
    }
}
