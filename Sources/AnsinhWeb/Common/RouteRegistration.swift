import AnsinhCore
import Foundation
import Vapor

/// Registering a `SiteRoute`: every POST checks first that the record its path names lies in the
/// actor's units (`requireRecordInScope`); an upload is read within its limit.
extension RoutesBuilder {
    @discardableResult
    func get(_ route: SiteRoute, use handler: @escaping @Sendable (Request) async throws -> some AsyncResponseEncodable) -> Route {
        self.on(.GET, route.pattern, use: handler)
    }
    @discardableResult
    func post(_ route: SiteRoute, use handler: @escaping @Sendable (Request) async throws -> some AsyncResponseEncodable) -> Route {
        self.on(.POST, route.pattern) { req in
            try await route.requireRecordInScope(req)
            return try await handler(req)
        }
    }
    /// A POST that accepts a file upload up to `ANSINH_MAX_UPLOAD_MB`. The body is streamed
    /// in and read once by `BodyLimit` (from the CSRF check on the HTML side), never collected
    /// before the route's own limit is known.
    @discardableResult
    func upload(_ route: SiteRoute, use handler: @escaping @Sendable (Request) async throws -> some AsyncResponseEncodable) -> Route {
        let r = self.on(.POST, route.pattern, body: .stream) { req in
            try await route.requireRecordInScope(req)
            try await BodyLimit.collect(req)
            return try await handler(req)
        }
        r.userInfo[AnySendableHashable(BodyLimit.uploadKey)] = true
        return r
    }
    /// A POST anyone may send with files (`BodyLimit.publicUploadKey`), streamed like `upload`.
    @discardableResult
    func publicUpload(_ route: SiteRoute, use handler: @escaping @Sendable (Request) async throws -> some AsyncResponseEncodable) -> Route {
        let r = self.on(.POST, route.pattern, body: .stream) { req in
            try await BodyLimit.collect(req)
            return try await handler(req)
        }
        r.userInfo[AnySendableHashable(BodyLimit.publicUploadKey)] = true
        return r
    }
    @discardableResult
    func patch(_ route: SiteRoute, use handler: @escaping @Sendable (Request) async throws -> some AsyncResponseEncodable) -> Route {
        self.on(.PATCH, route.pattern, use: handler)
    }
}

extension Request {
    /// The `:id` parameter as a UUID; a malformed id is simply "not found".
    func idParameter() throws -> UUID {
        guard let s = parameters.get("id"), let id = UUID(uuidString: s) else { throw AnsinhCore.AppError.notFound }
        return id
    }
}
