import Foundation
import Testing
@testable import AnsinhCore

/// The operator's description of the population database endpoint, and how its answers are read
/// and compared with the registry.
@Suite("Population connector configuration and answers")
struct PopulationConnectorCoreTests {
    static var base: [String: Any] {
        [
            "name": "LGSP", "url": "https://lgsp.example/api/tra-cuu", "request": ["national_id": "soDinhDanh"],
            "response": ["found": "ketQua.timThay", "full_name": "ketQua.hoTen", "birth_date": "ketQua.ngaySinh"], "date_format": "yyyyMMdd",
        ]
    }

    /// The base file with the keys of `changes` (a JSON object) replaced.
    func parse(_ changes: String, token: String = "t", production: Bool = true) throws(ConfigurationError) -> PopulationConnectorConfig {
        var dict = Self.base
        for (k, v) in (try! JSONSerialization.jsonObject(with: Data(changes.utf8)) as! [String: Any]) { dict[k] = v }
        return try PopulationConnectorConfig.parse(try! JSONSerialization.data(withJSONObject: dict), token: token, production: production)
    }

    @Test(arguments: [
        (#"{"url": "http://lgsp.example/x"}"#, "url"),  // clear HTTP in production
        (#"{"url": "lgsp.example/x"}"#, "url"),
        (#"{"method": "PUT"}"#, "method"),
        (#"{"timeout_seconds": 0}"#, "timeout_seconds"),
        (#"{"request": {"full_name": "hoTen"}}"#, "request.national_id"),
        (#"{"response": {"found": "f"}}"#, "response.full_name"),  // neither a match flag nor a name
        (#"{"date_format": "MM/dd/yyyy"}"#, "date_format"),
        (#"{"not_found_status": 401}"#, "not_found_status"),
        (#"{"name": ""}"#, "name"),
    ])
    func aWrongFileNamesTheKey(changes: String, key: String) {
        #expect(throws: ConfigurationError(variable: "ANSINH_POPULATION_CONNECTOR", message: Message("config.population_key", ["key": key]))) {
            try parse(changes)
        }
    }

    @Test func theTokenAndTheFileAreChecked() throws {
        #expect(throws: ConfigurationError(variable: "ANSINH_POPULATION_TOKEN", message: Message("config.population_token"))) {
            try parse("{}", token: "")
        }
        #expect(throws: ConfigurationError(variable: "ANSINH_POPULATION_CONNECTOR", message: Message("config.population_json"))) {
            try PopulationConnectorConfig.parse(Data("[1]".utf8), token: "t", production: false)
        }
        let env = ["ANSINH_POPULATION_CONNECTOR": "/nonexistent/population.json"]
        #expect(throws: ConfigurationError(variable: "ANSINH_POPULATION_CONNECTOR", message: Message("config.population_file", ["path": env.values.first!]))) {
            try AppConfiguration.fromEnvironment(env, randomSecret: { String(repeating: "s", count: 40) })
        }
        let c = try parse(#"{"url": "http://127.0.0.1:9/x"}"#, production: false)
        #expect(c.method == "POST" && c.timeoutSeconds == 15 && c.notFoundStatus == 404)
        #expect(c.fields(nationalID: "001070000001", fullName: "A", birthDate: "1970-03-04").map { "\($0.0)=\($0.1)" } == ["soDinhDanh=001070000001"])
    }

    @Test func answersAreReadByTheConfiguredPaths() throws {
        let c = try parse("{}")
        func read(_ json: String, status: Int = 200) throws(PopulationConnectorFailure) -> PopulationAnswer {
            try c.answer(status: status, body: Data(json.utf8))
        }
        #expect(
            try read(#"{"ketQua":{"timThay":true,"hoTen":"Lê Thị Hoa","ngaySinh":"19520229"}}"#)
                == .details(fullName: "Lê Thị Hoa", birthDate: LocalDate(iso: "1952-02-29")))
        #expect(try read(#"{"ketQua":{"timThay":"không"}}"#) == .notFound)
        #expect(try read("", status: 404) == .notFound)
        #expect(throws: PopulationConnectorFailure(Message("registry.connector.refused", ["status": "401"]))) { try read("", status: 401) }
        #expect(throws: PopulationConnectorFailure(Message("registry.connector.status", ["status": "502"]))) { try read("", status: 502) }
        #expect(throws: PopulationConnectorFailure(Message("registry.connector.unreadable"))) { try read("<html>") }
        #expect(throws: PopulationConnectorFailure(Message("registry.connector.missing", ["path": "ketQua.ngaySinh"]))) {
            try read(#"{"ketQua":{"timThay":true,"hoTen":"Lê Thị Hoa","ngaySinh":"29/02/1952"}}"#)
        }
        let flagOnly = try parse(#"{"response": {"match": "khop"}, "method": "get"}"#)
        #expect(flagOnly.method == "GET")
        #expect(try flagOnly.answer(status: 200, body: Data(#"{"khop":"1"}"#.utf8)) == .matched(true))
        #expect(throws: PopulationConnectorFailure(Message("registry.connector.missing", ["path": "khop"]))) {
            try flagOnly.answer(status: 200, body: Data(#"{"khop":"maybe"}"#.utf8))
        }
    }

    @Test func theCheckComparesNameAndBirthDate() {
        let hoa = PopulationAnswer.details(fullName: "LÊ THỊ  HOA", birthDate: LocalDate(iso: "1952-02-29"))
        #expect(hoa.check(fullName: "Lê Thị Hoa", birthDate: "1952-02-29").status == .verified)
        #expect(hoa.check(fullName: "Lê Thị Hoa", birthDate: "1952") == (.verified, Message("registry.connector.birth_day", ["date": "1952-02-29"])))
        #expect(
            hoa.check(fullName: "Le Thi Hoa", birthDate: "1953") == (
                .mismatch, Message("registry.connector.differs", ["what": "Le Thi Hoa ≠ LÊ THỊ  HOA; 1953 ≠ 1952-02-29"])
            ))
        #expect(hoa.check(fullName: "Lê Thị Hoa", birthDate: "1952-03-01").status == .mismatch)
        #expect(PopulationAnswer.matched(false).check(fullName: "x", birthDate: "1950").status == .mismatch)
        #expect(PopulationAnswer.notFound.check(fullName: "x", birthDate: "1950") == (.mismatch, Message("registry.connector.not_found")))
    }
}
