import AnsinhCore
import AnsinhStore
import Fluent
import Prometheus
import Vapor

/// Security headers on every response. The content security policy allows no inline script
/// or style: pages use only `/static/app.css` and no JavaScript.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let h = response.headers
        var headers = h
        headers.replaceOrAdd(
            name: "Content-Security-Policy",
            value:
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
        )
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        headers.replaceOrAdd(name: "X-Request-Id", value: request.id)
        if !request.url.path.hasPrefix("/static/") { headers.replaceOrAdd(name: .cacheControl, value: "no-store") }
        response.headers = headers
        return response
    }
}

/// Counts requests and their duration for `/metrics`, labelled by route pattern (never by
/// raw path, so ids do not explode the label set).
struct MetricsMiddleware: AsyncMiddleware {
    let registry: PrometheusCollectorRegistry
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let status: Int
        let response: Response
        do {
            response = try await next.respond(to: request)
            status = Int(response.status.code)
        } catch {
            let s = (error as? AbortError)?.status.code ?? (error as? AppError).map { UInt($0.status) } ?? 500
            record(request, status: Int(s), start: start)
            throw error
        }
        record(request, status: status, start: start)
        return response
    }

    private func record(_ request: Request, status: Int, start: UInt64) {
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        let labels = [("method", request.method.rawValue), ("route", route), ("status", String(status))]
        registry.makeCounter(name: "ansinh_http_requests_total", labels: labels).increment()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000_000
        registry.makeDurationHistogram(
            name: "ansinh_http_request_duration_seconds",
            labels: [("method", request.method.rawValue), ("route", route)],
            buckets: [
                .milliseconds(5), .milliseconds(20), .milliseconds(100),
                .milliseconds(500), .seconds(2), .seconds(10),
            ]
        )
        .recordNanoseconds(Int64(seconds * 1_000_000_000))
    }
}

/// Marks requests that carry a session (the HTML side), and loads the signed-in actor.
struct SessionActorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        request.storage[SessionsEnabledKey.self] = true
        // Idle and absolute session limits are enforced when the session is read
        // (`AnsinhSessionDriver`): an expired session arrives here empty.
        if let raw = request.session.data["uid"], let id = UUID(uuidString: raw) {
            if let actor = try await UserRepository(request.store).actor(for: id, fallbackLocale: request.services.config.defaultLocale) {
                request.actor = actor
            } else {
                // The account was disabled or removed: end the session.
                request.session.destroy()
            }
        }
        return try await next.respond(to: request)
    }
}

/// Rejects any state-changing form that does not carry this session's token. The body is read
/// here, once and within its limit (`BodyLimit`), so that a streamed upload — any body larger
/// than one network read, such as a 40 KB file over a real connection — carries its `_csrf`
/// field like a small form does.
struct CSRFMiddleware: AsyncMiddleware {
    struct Token: Decodable { let _csrf: String? }
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.method != .GET && request.method != .HEAD {
            try await BodyLimit.collect(request)
            let header = request.headers.first(name: "X-CSRF-Token")
            let sent = header ?? (try? request.content.decode(Token.self))?._csrf ?? ""
            guard let expected = request.session.data["csrf"], !sent.isEmpty,
                Array(sent.utf8).count == Array(expected.utf8).count,
                zip(sent.utf8, expected.utf8).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0
            else {
                throw FormExpired()
            }
        }
        return try await next.respond(to: request)
    }
}

/// How large a request body may be, and the one place a streamed body is read. File uploads
/// (routes made with `upload`) by a signed-in person may reach `ANSINH_MAX_UPLOAD_MB`; the
/// resident's request form (`publicUpload`) `RequestAttachments.maxBodyBytes` when it carries
/// a fresh challenge; every other body the application's default (2 MB). A larger body is refused with 413 and a message naming the
/// limit — from `Content-Length` before anything is read, or as soon as the stream passes it.
enum BodyLimit {
    static let uploadKey = "ansinh.upload"
    /// A form anyone may send with files (the resident's request): larger than an ordinary form
    /// only with a fresh challenge of this server in its address (`?c=`).
    static let publicUploadKey = "ansinh.public-upload"

    static func limit(_ request: Request) -> Int {
        // Only a signed-in person may send a file: before sign-in, an upload route takes no
        // more than an ordinary form.
        if request.actor != nil, request.route?.userInfo[AnySendableHashable(uploadKey)] != nil {
            return request.services.config.maxUploadMB * 1_048_576
        }
        if request.route?.userInfo[AnySendableHashable(publicUploadKey)] != nil, let token = request.query[String.self, at: "c"],
            RequestChallenge.isIssued(token: token, secret: request.services.config.secret, now: request.services.now())
        {
            return RequestAttachments.maxBodyBytes
        }
        return request.application.routes.defaultMaxBodySize.value
    }

    static func collect(_ request: Request) async throws {
        guard request.body.data == nil else { return }
        let max = limit(request)
        let tooLarge = AppError.tooLarge(maxBytes: max)
        if let declared = request.headers.first(name: .contentLength).flatMap(Int.init), declared > max { throw tooLarge }
        do {
            _ = try await request.eventLoop.flatSubmit { request.body.collect(max: max) }.get()
        } catch let e as AbortError where e.status == .payloadTooLarge {
            throw tooLarge
        }
    }
}

struct FormExpired: Error {}

/// Pages behind sign-in: anonymous visitors go to the login page and come back afterwards.
struct RequireLoginMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.actor != nil else {
            let back = request.method == .GET ? request.url.string : "/"
            return request.redirect(to: SiteRoute.login.path(query: [("next", back)]))
        }
        return try await next.respond(to: request)
    }
}

/// `Authorization: Bearer ans_…` for the JSON API.
struct BearerAuthMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization {
            let store = request.store
            guard let uid = try await TokenRepository(store).userID(forToken: bearer.token),
                let actor = try await UserRepository(store).actor(for: uid, fallbackLocale: request.services.config.defaultLocale)
            else {
                throw AppError.unauthenticated(Message("auth.bad_token"))
            }
            request.actor = actor
        }
        return try await next.respond(to: request)
    }
}

/// Turns every error into an answer a person can read: problem JSON with a stable code on the
/// API, a page in the user's language otherwise. Internal details go to the log only.
struct AnsinhErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return errorResponse(request, error)
        }
    }

    func errorResponse(_ request: Request, _ error: any Error) -> Response {
        let (status, code, message, fields): (Int, String, Message, [FieldError])
        switch error {
        case let e as AppError:
            var f: [FieldError] = []
            if case .validation(let list) = e { f = list }
            (status, code, message, fields) = (e.status, e.code, e.message, f)
        case is FormExpired:
            (status, code, message, fields) = (403, "form_expired", Message("error.form_expired"), [])
        case let e as DecodingError:
            (status, code, message, fields) = (400, "bad_request", Message("error.bad_request"), [])
            request.logger.info("bad request body: \(e)")
        case let e as AbortError where e.status == .payloadTooLarge:
            (status, code, message, fields) = (413, "payload_too_large", AppError.tooLarge(maxBytes: BodyLimit.limit(request)).message, [])
        case let e as AbortError:
            let s = Int(e.status.code)
            let c = s == 404 ? "not_found" : (s == 405 ? "method_not_allowed" : (s < 500 ? "bad_request" : "internal_error"))
            let m = s == 404 ? Message("error.not_found") : (s < 500 ? Message("error.bad_request") : Message("error.internal"))
            (status, code, message, fields) = (s, c, m, [])
            if s >= 500 { request.logger.error("\(e.reason)") }
        default:
            request.logger.error("internal error: \(String(reflecting: error))")
            (status, code, message, fields) = (500, "internal_error", Message("error.internal"), [])
        }
        if request.isAPI || request.url.path == "/health" {
            // A documented path asked with another method: 405 and the methods it has.
            if status == 404, request.route == nil, request.isAPI, case let allowed = OpenAPI.allowedMethods(path: request.url.path), !allowed.isEmpty {
                let res = ProblemJSON(request: request, status: 405, code: "method_not_allowed", message: Message("error.method_not_allowed"), fields: [])
                    .response()
                res.headers.replaceOrAdd(name: .allow, value: allowed.joined(separator: ", "))
                return res
            }
            return ProblemJSON(request: request, status: status, code: code, message: message, fields: fields).response()
        }
        if status == 401 {
            return request.redirect(to: SiteRoute.login.path)
        }
        let page = ErrorPage.render(request: request, status: status, message: message, fields: fields)
        return HTMLResponse(page, status: HTTPResponseStatus(statusCode: status)).response()
    }
}
