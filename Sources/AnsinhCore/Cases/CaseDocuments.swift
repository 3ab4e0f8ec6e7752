/// The kinds of file a case may hold — scans and photos of papers (decisions, medical
/// certificates, reports) — recognised by their first bytes, never by the name or the type the
/// browser claims.
public enum DocumentKind: String, CaseIterable, Sendable, Codable {
    case pdf, jpeg, png

    /// Each file at most this large; a case holds at most `maxPerCase` of them.
    public static let maxBytes = 10 * 1_048_576
    public static let maxPerCase = 100

    public var contentType: String {
        switch self {
        case .pdf: return "application/pdf"
        case .jpeg: return "image/jpeg"
        case .png: return "image/png"
        }
    }

    /// The kind of a file from its first bytes (nil: not a kind a case holds).
    public static func detect(_ head: [UInt8]) -> DocumentKind? {
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        return nil
    }
}
