import Foundation
import Vapor

/// How a route's segments become its link, its registration pattern and its OpenAPI template.
extension SiteRoute {
    /// A path segment: fixed text, a record's id, or a text parameter (a tracking code).
    enum Segment { case fixed(String), id(String, UUID?), text(String, String?) }

    /// The link to this page.
    public var path: String {
        "/"
            + segments.map { seg -> String in
                switch seg {
                case .fixed(let s): return s
                case .id(_, let id): return id?.uuidString ?? ":id"
                case .text(let name, let value): return value.map { $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" } ?? ":\(name)"
                }
            }.joined(separator: "/")
    }

    /// The path with `?query` parameters, empty values left out.
    public func path(query: [(String, String?)]) -> String {
        var c = URLComponents()
        c.path = path
        let items = query.compactMap { k, v in v.flatMap { $0.isEmpty ? nil : URLQueryItem(name: k, value: $0) } }
        if !items.isEmpty { c.queryItems = items }
        return c.string ?? path
    }

    /// The route pattern for registration (`/admin/units/:id`).
    var pattern: [PathComponent] {
        segments.map { seg in
            switch seg {
            case .fixed(let s): return .constant(s)
            case .id(let name, _), .text(let name, _): return .parameter(name)
            }
        }
    }

    /// The OpenAPI-style template (`/admin/units/{id}`).
    var template: String {
        "/"
            + segments.map { seg -> String in
                switch seg {
                case .fixed(let s): return s
                case .id(let name, _), .text(let name, _): return "{\(name)}"
                }
            }.joined(separator: "/")
    }

    /// The path's parameters in the OpenAPI document: a record's id (a UUID) or a text (a
    /// tracking code).
    var pathParameters: [[String: Any]] {
        segments.compactMap { seg -> [String: Any]? in
            switch seg {
            case .fixed: return nil
            case .id(let name, _): return ["name": name, "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]
            case .text(let name, _): return ["name": name, "in": "path", "required": true, "schema": ["type": "string", "minLength": 1, "maxLength": 20]]
            }
        }
    }
}
