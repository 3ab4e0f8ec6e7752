/// One problem with one field of the input, optionally on one row of an import file.
public struct FieldError: Sendable, Equatable, Codable {
    public let field: String
    public let message: Message
    public let row: Int?
    public init(field: String, message: Message, row: Int? = nil) {
        self.field = field; self.message = message; self.row = row
    }
}

/// Several field errors, as one error value.
public struct FieldErrors: Error, Sendable, Equatable {
    public let list: [FieldError]
    public init(_ list: [FieldError]) { self.list = list }
}

/// An error a person can act on. Each case has a stable `code` (used in API problem JSON) and a
/// message in the catalogue. Internal failures are never shown in detail.
public enum AppError: Error, Sendable, Equatable {
    /// The input is wrong; nothing was written.
    case validation([FieldError])
    /// The record does not exist, or lies outside the user's units (never said which).
    case notFound
    /// The user's role may not do this.
    case forbidden
    /// The write would break a rule of the data (a duplicate code, a unit still in use…).
    case conflict(Message)
    /// The record's state does not allow this step of its workflow (`Lifecycle.refusal`).
    case notAllowed(Message)
    /// The person's consent for this purpose and recipient is missing or withdrawn; the refusal
    /// is audited.
    case consentRequired(Message)
    /// Not signed in, or the credentials are wrong.
    case unauthenticated(Message)
    /// Too many failed attempts; the next one is checked after this many seconds.
    case throttled(seconds: Int)
    /// The upload or body is larger than allowed (the message names the limit).
    case tooLarge(Message)

    public var code: String {
        switch self {
        case .validation: return "validation_failed"
        case .notFound: return "not_found"
        case .forbidden: return "forbidden"
        case .conflict: return "conflict"
        case .notAllowed: return "transition_not_allowed"
        case .consentRequired: return "consent_required"
        case .unauthenticated: return "unauthenticated"
        case .throttled: return "too_many_attempts"
        case .tooLarge: return "payload_too_large"
        }
    }

    public var status: Int {
        switch self {
        case .validation: return 422
        case .notFound: return 404
        case .forbidden: return 403
        case .conflict, .notAllowed, .consentRequired: return 409
        case .unauthenticated: return 401
        case .throttled: return 429
        case .tooLarge: return 413
        }
    }

    public var message: Message {
        switch self {
        case .validation: return Message("error.validation")
        case .notFound: return Message("error.not_found")
        case .forbidden: return Message("error.forbidden")
        case .conflict(let m), .notAllowed(let m), .consentRequired(let m): return m
        case .unauthenticated(let m): return m
        case .throttled(let seconds):
            return seconds < 120
                ? Message("auth.throttled_seconds", ["seconds": "\(max(1, seconds))"])
                : Message("auth.throttled", ["minutes": "\((seconds + 59) / 60)"])
        case .tooLarge(let m): return m
        }
    }

    /// An upload or body larger than `maxBytes` (the message names the limit in MB).
    public static func tooLarge(maxBytes: Int) -> AppError {
        .tooLarge(Message("error.too_large", ["mb": "\(maxBytes / 1_048_576)", "kb": "\(maxBytes / 1024)"]))
    }

    public static func invalid(_ field: String, _ key: String, _ args: [String: String] = [:]) -> AppError {
        .validation([FieldError(field: field, message: Message(key, args))])
    }
}
