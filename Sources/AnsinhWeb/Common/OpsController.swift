import AnsinhCore
import AnsinhStore
import Fluent
import Prometheus
import SQLKit
import Vapor

/// Endpoints for operators: health, metrics, and the one stylesheet.
struct OpsController {
    func register(_ app: any RoutesBuilder) {
        app.get(.health, use: health)
        app.get(.metrics, use: metrics)
        app.get(.stylesheet, use: stylesheet)
    }

    struct Health: Content { let status: String; let database: String; let migrations: Int?; let version: String }

    /// `200 {"status":"ok"}` when the database answers, `503` otherwise.
    func health(req: Request) async throws -> Response {
        var dbStatus = "ok"
        var migrations: Int? = nil
        do {
            let row = try await (req.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM _fluent_migrations").first()
            migrations = try row?.decode(column: "n", as: Int.self)
        } catch {
            dbStatus = "unavailable"
            req.logger.error("health check: database unavailable: \(error)")
        }
        let body = Health(status: dbStatus == "ok" ? "ok" : "degraded", database: dbStatus, migrations: migrations, version: AnsinhVersion.current)
        let res = try await body.encodeResponse(status: dbStatus == "ok" ? .ok : .serviceUnavailable, for: req)
        return res
    }

    func metrics(req: Request) async throws -> Response {
        var buffer: [UInt8] = []
        req.services.metrics.emit(into: &buffer)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(data: Data(buffer)))
    }

    func stylesheet(req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/css; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return Response(status: .ok, headers: headers, body: .init(string: Stylesheet.css))
    }
}

public enum AnsinhVersion {
    public static let current = "0.1.0"
}

/// The stylesheet, loaded once from the bundle. Logical properties (`margin-inline-start`…)
/// make the same rules right for Arabic (right to left).
enum Stylesheet {
    static let css: String = {
        let url = Bundle.module.bundleURL.appendingPathComponent("Resources/Public/app.css")
        guard let s = try? String(contentsOf: url, encoding: .utf8) else { return "" }
        return s
    }()
}
