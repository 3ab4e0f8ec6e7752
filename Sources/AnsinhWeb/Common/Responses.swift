import AnsinhCore
import Vapor

/// An HTML page response (UTF-8, never cached by intermediaries).
struct HTMLResponse: AsyncResponseEncodable {
    let html: String
    let status: HTTPResponseStatus
    init(_ html: String, status: HTTPResponseStatus = .ok) { self.html = html; self.status = status }
    func response() -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(string: html))
    }
    func encodeResponse(for request: Request) async throws -> Response { response() }
}

/// RFC 9457 problem details with Ansinh's stable `code` and, for validation, one entry per field.
struct ProblemJSON: Encodable {
    struct Field: Encodable { let field: String; let row: Int?; let message: String; let code: String }
    let type: String
    let title: String
    let status: Int
    let code: String
    let detail: String
    let instance: String
    let requestId: String
    let errors: [Field]?

    init(request: Request, status: Int, code: String, message: Message, fields: [FieldError]) {
        self.type = "https://ansinh.invalid/problems/\(code)"
        self.title = code.replacingOccurrences(of: "_", with: " ")
        self.status = status; self.code = code
        self.detail = request.t(message)
        self.instance = request.url.path
        self.requestId = request.id
        self.errors =
            fields.isEmpty
            ? nil
            : fields.map {
                Field(field: $0.field, row: $0.row, message: request.t($0.message), code: $0.message.key)
            }
    }

    enum CodingKeys: String, CodingKey { case type, title, status, code, detail, instance, requestId = "request_id", errors }

    func response() -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/problem+json; charset=utf-8")
        let enc = JSONEncoder(); enc.outputFormatting = [.sortedKeys]
        let body = (try? enc.encode(self)) ?? Data("{}".utf8)
        return Response(status: HTTPResponseStatus(statusCode: status), headers: headers, body: .init(data: body))
    }
}

/// JSON with snake_case keys and ISO dates, the API's one style.
struct APIJSON<T: Encodable>: AsyncResponseEncodable {
    let value: T
    var status: HTTPResponseStatus = .ok
    init(_ value: T, status: HTTPResponseStatus = .ok) { self.value = value; self.status = status }
    func encodeResponse(for request: Request) async throws -> Response {
        let enc = JSONEncoder()
        enc.keyEncodingStrategy = .convertToSnakeCase
        enc.dateEncodingStrategy = .iso8601
        enc.outputFormatting = [.sortedKeys]
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: status, headers: headers, body: .init(data: try enc.encode(value)))
    }
}

extension Request {
    /// The JSON body of an API request as `T` (snake_case keys): a missing field or a value of
    /// the wrong type is a 422 naming the field, never a 400 without a name.
    func json<T: Decodable>(_ type: T.Type) throws -> T {
        guard let buffer = body.data else { throw AppError.invalid("body", "validation.body_required") }
        let dec = JSONDecoder()
        dec.keyDecodingStrategy = .convertFromSnakeCase
        do { return try dec.decode(T.self, from: buffer) } catch let DecodingError.keyNotFound(key, _) {
            throw AppError.invalid(key.stringValue.snakeCased, "validation.required")
        } catch let DecodingError.typeMismatch(_, ctx), let DecodingError.valueNotFound(_, ctx) {
            throw AppError.invalid(ctx.codingPath.last?.stringValue.snakeCased ?? "body", "validation.type")
        } catch let DecodingError.dataCorrupted(ctx) {
            throw AppError.invalid(ctx.codingPath.last?.stringValue.snakeCased ?? "body", "validation.type")
        }
    }
}

/// A reason code of an evaluation or a classification, with its text in the caller's language.
struct ReasonDTO: Content {
    let code: String
    let text: String
    init(_ r: Reason, _ req: Request) { code = r.code; text = req.t(r.message) }
}

/// What became of the record a step acted on: its id and its status now (`ended`, `merged`,
/// `dismissed`, `open`, `resolved`, `recorded`, `deleted`), for a step with nothing more to say.
struct RecordStatusDTO: Content {
    let id: UUID
    let status: String
}

/// Checks of API input that the OpenAPI document states and the repositories do not.
enum APIInput {
    /// Free text within the length the document states, so that the API refuses what it
    /// documents as invalid (and the forms, which share the repository, are no looser).
    static func limit(_ fields: [(String, String?, Int)]) throws {
        let long = fields.filter { ($0.1 ?? "").unicodeScalars.count > $0.2 }
        if !long.isEmpty {
            throw AppError.validation(long.map { FieldError(field: $0.0, message: Message("validation.too_long", ["max": "\($0.2)"])) })
        }
    }
}

extension APIPage {
    /// A page of `source` items, each made into its API form.
    init<S>(_ p: ResultPage<S>, _ transform: (S) -> T) {
        items = p.items.map(transform); page = p.page; perPage = p.perPage; total = p.total
    }
}

/// A paged API list.
struct APIPage<T: Encodable & Sendable>: Encodable {
    let items: [T]
    let page: Int
    let perPage: Int
    let total: Int
    init(_ p: ResultPage<T>) { items = p.items; page = p.page; perPage = p.perPage; total = p.total }
}
