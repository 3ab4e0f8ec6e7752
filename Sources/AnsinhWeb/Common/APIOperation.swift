import AnsinhCore
import Foundation
import Vapor

/// One documented API operation. The OpenAPI document is generated from this list, and a test
/// checks that every route registered under `/api/v1` appears in it.
struct APIOperation {
    let method: HTTPMethod
    let route: ApiRoute
    let summary: String
    let tag: String
    let query: [(String, [String: Any])]
    let requestSchema: String?
    /// The media type of the request body (JSON unless a file is sent as it is).
    let requestType: String
    /// Whether the body may be left out (defaults apply).
    let requestOptional: Bool
    let responseSchema: String
    /// The media types of the answer (JSON unless a file is sent back).
    let responseTypes: [String]
    let successStatus: Int
    let isPublic: Bool

    init(
        _ method: HTTPMethod, _ route: ApiRoute, _ summary: String, tag: String, query: [(String, [String: Any])] = [],
        request: String? = nil, requestType: String = "application/json", requestOptional: Bool = false, response: String,
        responseTypes: [String] = ["application/json"], status: Int = 200, isPublic: Bool = false
    ) {
        self.requestType = requestType; self.requestOptional = requestOptional; self.responseTypes = responseTypes
        self.method = method; self.route = route; self.summary = summary; self.tag = tag; self.query = query
        self.requestSchema = request; self.responseSchema = response; self.successStatus = status; self.isPublic = isPublic
    }
}

/// An API twin that describes its operations and schemas in the OpenAPI document (listed in
/// `OpenAPI.capabilities`).
protocol APIDescribed {
    static var operations: [APIOperation] { get }
    static var schemas: [String: Any] { get }
}
