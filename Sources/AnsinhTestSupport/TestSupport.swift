import AnsinhCore
import AnsinhStore
import AnsinhWeb
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor
import VaporTesting

/// The databases the suite runs on: in-memory SQLite always, and PostgreSQL when
/// `TEST_POSTGRES_URL` is set (the test script starts one).
public enum TestDatabase: Sendable, CustomStringConvertible {
    case sqlite
    case postgres(String)

    public static var all: [TestDatabase] {
        var list: [TestDatabase] = [.sqlite]
        if let url = ProcessInfo.processInfo.environment["TEST_POSTGRES_URL"], !url.isEmpty { list.append(.postgres(url)) }
        return list
    }
    public var description: String {
        switch self {
        case .sqlite: return "sqlite";
        case .postgres: return "postgres"
        }
    }
}

/// A clock that tests move by hand.
public final class TestClock: Sendable {
    private let value: NIOLockedValueBox<Date>
    public init(_ start: Date = Date(timeIntervalSince1970: 1_790_000_000)) { value = .init(start) }
    public var now: Date { value.withLockedValue { $0 } }
    public func advance(minutes: Double) { value.withLockedValue { $0 = $0.addingTimeInterval(minutes * 60) } }
}

/// Runs `body` against a fresh, migrated Ansinh with the demo organisation loaded. Each run
/// has its own database (a new in-memory SQLite, or a new PostgreSQL schema dropped afterwards).
public func withAnsinh(
    _ database: TestDatabase, demo: Bool = true, clock: TestClock = TestClock(),
    settings: (inout AppConfiguration) -> Void = { _ in },
    _ body: (Application) async throws -> Void
) async throws {
    let app = try await Application.make(.testing)
    var schema: String? = nil
    var config: AppConfiguration
    switch database {
    case .sqlite: config = .testing()
    case .postgres(let url):
        config = .testing(postgresURL: url)
        schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
    }
    settings(&config)
    do {
        try await configure(app, config, postgresSchema: schema, now: { clock.now })
        if let schema { try await (app.db as! any SQLDatabase).raw("CREATE SCHEMA \(unsafeRaw: schema)").run() }
        try await Operations.migrate(app)
        if demo { try await DemoData.loadIfEmpty(app.store) }
        try await body(app)
    } catch {
        if let schema { try? await (app.db as! any SQLDatabase).raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run() }
        try? await app.asyncShutdown()
        throw error
    }
    if let schema { try await (app.db as! any SQLDatabase).raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run() }
    try await app.asyncShutdown()
}

/// A browser for request-level tests: keeps the session cookie, finds the form token in the
/// last page, and posts forms like a person would.
public final class TestBrowser: @unchecked Sendable {
    public let app: Application
    public private(set) var cookie: String?
    public private(set) var csrf: String?
    public private(set) var last: TestingHTTPResponse?

    public init(_ app: Application) { self.app = app }

    public var lastBody: String { last.map { String(buffer: $0.body) } ?? "" }
    public var lastStatus: UInt { last?.status.code ?? 0 }
    public var lastLocation: String? { last?.headers.first(name: .location) }

    @discardableResult
    public func get(_ path: String, headers extra: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        try await send(.GET, path, body: nil, headers: extra)
    }

    /// Posts a URL-encoded form; the session's token is added unless `csrf: false`.
    @discardableResult
    public func post(_ path: String, _ fields: [(String, String)], csrf withToken: Bool = true) async throws -> TestingHTTPResponse {
        var all = fields
        if withToken, let csrf { all.append(("_csrf", csrf)) }
        var allowed = CharacterSet.alphanumerics; allowed.insert(charactersIn: "-._~")
        let body = all.map { k, v in
            k.addingPercentEncoding(withAllowedCharacters: allowed)! + "=" + v.addingPercentEncoding(withAllowedCharacters: allowed)!
        }.joined(separator: "&")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        return try await send(.POST, path, body: body, headers: headers)
    }

    /// Posts a `multipart/form-data` form with one file, like a file upload in a browser.
    @discardableResult
    public func upload(
        _ path: String, fileField: String = "file", fileName: String, content: String,
        fields: [(String, String)] = []
    ) async throws -> TestingHTTPResponse {
        let boundary = "ansinh-test-\(UUID().uuidString)"
        var body = ""
        for (k, v) in fields + (csrf.map { [("_csrf", $0)] } ?? []) {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(fileField)\"; filename=\"\(fileName)\"\r\n"
        body += "Content-Type: text/csv\r\n\r\n\(content)\r\n--\(boundary)--\r\n"
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await send(.POST, path, body: body, headers: headers)
    }

    /// Signs in through the login form and, like a browser, loads the page it redirects to
    /// (which carries the new session's form token). `lastStatus` is the sign-in answer.
    public func login(_ username: String, _ password: String = DemoData.password) async throws {
        try await get("/login")
        let res = try await post("/login", [("username", username), ("password", password)])
        if res.status == .seeOther, let location = res.headers.first(name: .location) {
            try await get(location)
            last = res
        }
    }

    private func send(_ method: HTTPMethod, _ path: String, body: String?, headers extra: HTTPHeaders) async throws -> TestingHTTPResponse {
        var headers = extra
        if let cookie { headers.replaceOrAdd(name: .cookie, value: cookie) }
        let res = try await app.testing().sendRequest(method, path, headers: headers, body: body.map { ByteBuffer(string: $0) })
        if let set = res.headers.first(name: .setCookie), let pair = set.split(separator: ";").first {
            if set.contains("Max-Age=0") || set.contains("expires=Thu, 01 Jan 1970") { cookie = nil } else { cookie = String(pair) }
        }
        let text = String(buffer: res.body)
        if let r = text.range(of: "name=\"_csrf\" value=\"") {
            let rest = text[r.upperBound...]
            if let end = rest.firstIndex(of: "\"") { csrf = String(rest[..<end]) }
        }
        last = res
        return res
    }
}

/// Sends an API request with a bearer token and JSON body.
public func apiRequest(
    _ app: Application, _ method: HTTPMethod, _ path: String, token: String?, json: String? = nil,
    language: String? = nil
) async throws -> TestingHTTPResponse {
    var headers = HTTPHeaders()
    if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
    if json != nil { headers.contentType = .json }
    if let language { headers.replaceOrAdd(name: .acceptLanguage, value: language) }
    return try await app.testing().sendRequest(method, path, headers: headers, body: json.map { ByteBuffer(string: $0) })
}

/// Parses a JSON response body.
public func jsonObject(_ res: TestingHTTPResponse) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(buffer: res.body))) as? [String: Any] ?? [:]
}

/// Parses a JSON response body that is a list.
public func jsonArray(_ res: TestingHTTPResponse) -> [[String: Any]] {
    (try? JSONSerialization.jsonObject(with: Data(buffer: res.body))) as? [[String: Any]] ?? []
}

/// Every registered route as "METHOD /path/:param", for tests that check a table of routes.
public func registeredRoutes(_ app: Application) -> Set<String> {
    Set(
        app.routes.all.map { r in
            "\(r.method.rawValue) /"
                + r.path.map { c -> String in
                    if case .parameter(let n) = c { return ":\(n)" }
                    return c.description
                }.joined(separator: "/")
        })
}
