import AnsinhCore
import Crypto
import Foundation
import Synchronization

/// The keys that seal the most sensitive fields at rest (Law 91/2025/QH15: health data and data
/// about children are sensitive personal data). AES-256-GCM; the key is never in the database:
/// it comes from `ANSINH_DATA_KEY` (or, outside production, a key file beside the database).
/// Several keys may be held while a rotation runs: the first seals, every one opens.
public struct DataKeyring: Sendable {
    /// The id of the key that seals new values.
    public let currentID: String
    let keys: [String: SymmetricKey]
    let current: SymmetricKey

    /// The keyring of `base64Keys`, the first being the current one; each must be 32 bytes.
    public init(base64Keys: [String]) throws {
        var keys: [String: SymmetricKey] = [:]
        var first: (String, SymmetricKey)?
        for raw in base64Keys {
            guard let bytes = Data(base64Encoded: raw.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == 32 else {
                throw AppError.invalid("ANSINH_DATA_KEY", "config.data_key")
            }
            let key = SymmetricKey(data: bytes)
            let id = Self.id(of: key)
            keys[id] = key
            if first == nil { first = (id, key) }
        }
        guard let first else { throw AppError.invalid("ANSINH_DATA_KEY", "config.data_key") }
        self.keys = keys; currentID = first.0; current = first.1
    }

    /// The ids of the keys held, the current one first.
    public var ids: [String] { [currentID] + keys.keys.filter { $0 != currentID }.sorted() }

    /// A new random key, in base64, for `ANSINH_DATA_KEY`.
    public static func generate() -> String { SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() } }

    /// A short public name for a key (it tells which key sealed a value, and reveals nothing of it).
    static func id(of key: SymmetricKey) -> String {
        let digest = key.withUnsafeBytes { SHA256.hash(data: Data("ansinh-data-key".utf8) + Data($0)) }
        return digest.prefix(4).map { String(format: "%02x", $0) }.joined()
    }

    /// The key kept in `path`, created (readable by its owner only) with a new key when the file
    /// does not exist yet: the embedded default's key lives beside the SQLite file, not in it.
    public static func fromFile(_ path: String) throws -> DataKeyring {
        let fm = FileManager.default
        if !fm.fileExists(atPath: path) {
            guard fm.createFile(atPath: path, contents: Data((generate() + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
                throw AppError.invalid("ANSINH_DATA_KEY", "config.data_key_file", ["path": path])
            }
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw AppError.invalid("ANSINH_DATA_KEY", "config.data_key_file", ["path": path])
        }
        return try DataKeyring(base64Keys: [text])
    }
}

/// Seals and opens the values of `SealedColumn.all`. A sealed text reads
/// `ansinh:v1:<key id>:<base64 of nonce, ciphertext and tag>`, bound to its column (a value
/// copied into another column does not open). A value without the prefix is clear text written
/// before sealing began; `SealedFieldRepository.reseal` seals it.
public enum Sealed {
    private static let ring = Mutex<DataKeyring?>(nil)

    /// Makes `keyring` the process's keys (at start, from the configuration).
    public static func install(_ keyring: DataKeyring) { ring.withLock { $0 = keyring } }

    /// Keys for the current task only, in place of the installed ones: a test of a lost or a
    /// rotated key runs beside the others without changing theirs.
    @TaskLocal public static var scoped: DataKeyring?

    /// The keys in use; a value cannot be written before `configure` installed them.
    public static var keyring: DataKeyring {
        if let k = scoped { return k }
        guard let k = ring.withLock({ $0 }) else { preconditionFailure("Sealed.install was not called before a sealed field was used") }
        return k
    }

    static let marker = "ansinh:v1:"
    /// The length of `marker`, a key id and its colon: the head that tells a sealed value's key.
    static let headLength = marker.count + 9
    /// What a sealed value reads as when the key that sealed it is not configured: the rest of
    /// the record still reads, and the administrator is pointed at the variable to set.
    public static let unreadable = "🔒 ANSINH_DATA_KEY"

    public static func seal(_ text: String, _ column: String) -> String {
        let k = keyring
        return marker + k.currentID + ":" + box(Data(text.utf8), k.current, column).base64EncodedString()
    }

    public static func seal(_ text: String?, _ column: String) -> String? { text.map { seal($0, column) } }

    /// The clear text of a stored value (`unreadable` when its key is not held or it was altered).
    public static func open(_ stored: String, _ column: String) -> String {
        guard let id = keyID(of: stored) else { return stored }
        let body = stored.dropFirst(marker.count + id.count + 1)
        guard let key = keyring.keys[id], let data = Data(base64Encoded: String(body)), let clear = unbox(data, key, column) else { return unreadable }
        return String(decoding: clear, as: UTF8.self)
    }

    public static func open(_ stored: String?, _ column: String) -> String? { stored.map { open($0, column) } }

    /// The key id a stored text was sealed with; nil for clear text.
    public static func keyID(of stored: String) -> String? {
        guard stored.hasPrefix(marker) else { return nil }
        let rest = stored.dropFirst(marker.count)
        guard let colon = rest.firstIndex(of: ":"), rest.distance(from: rest.startIndex, to: colon) == 8 else { return nil }
        return String(rest[rest.startIndex..<colon])
    }

    /// Sealed bytes (a document's file): the same prefix in ASCII, then nonce, ciphertext, tag.
    public static func seal(_ data: Data, _ column: String) -> Data {
        let k = keyring
        return Data((marker + k.currentID + ":").utf8) + box(data, k.current, column)
    }

    /// The clear bytes; nil when the key is not held or the bytes were altered.
    public static func open(_ stored: Data, _ column: String) -> Data? {
        guard let id = keyID(of: stored) else { return stored }
        guard let key = keyring.keys[id] else { return nil }
        return unbox(stored.dropFirst(headLength), key, column)
    }

    public static func keyID(of stored: Data) -> String? {
        let head = stored.prefix(headLength)
        guard head.count == headLength, let text = String(data: head, encoding: .ascii) else { return nil }
        return keyID(of: text)
    }

    private static func box(_ clear: Data, _ key: SymmetricKey, _ column: String) -> Data {
        // Sealing with a fresh random nonce cannot fail for a 256-bit key.
        try! AES.GCM.seal(clear, using: key, authenticating: Data(column.utf8)).combined!
    }

    private static func unbox(_ sealed: Data, _ key: SymmetricKey, _ column: String) -> Data? {
        guard let box = try? AES.GCM.SealedBox(combined: sealed) else { return nil }
        return try? AES.GCM.open(box, using: key, authenticating: Data(column.utf8))
    }
}

/// A column whose values are sealed: HIV status, the child-protection narratives, psychotherapy
/// notes and health diagnoses (the sensitivity classes' free text, and a case's documents).
public struct SealedColumn: Sendable, Equatable {
    public let table: String
    public let column: String
    /// Bytes (a file) rather than text.
    public let blob: Bool
    /// The columns that name a row (UUIDs): `id`, or a table's unique pair.
    public let keys: [String]

    /// The name a value is bound to (`table.column`).
    public var name: String { table + "." + column }

    init(_ table: String, _ column: String, blob: Bool = false, keys: [String] = ["id"]) {
        self.table = table; self.column = column; self.blob = blob; self.keys = keys
    }

    public static let caseRiskReason = SealedColumn("cases", "risk_reason")
    public static let caseAssessment = SealedColumn("cases", "assessment")
    public static let caseEntryText = SealedColumn("case_entries", "text")
    public static let caseDocument = SealedColumn("case_documents", "data", blob: true)
    public static let hotlineSummary = SealedColumn("hotline_contacts", "summary")
    public static let therapyReferral = SealedColumn("therapy_enrolments", "referral")
    public static let therapyDiagnosis = SealedColumn("therapy_enrolments", "diagnosis")
    public static let therapyMeasureNote = SealedColumn("therapy_measures", "note")
    public static let healthSummary = SealedColumn("care_health_events", "summary")
    /// HIV status (Law on HIV/AIDS Prevention Art. 8: confidential): sealed for every person
    /// whose status was recorded, true or false, so that a sealed value does not single anyone out.
    public static let personHIV = SealedColumn("persons", "hiv_status")
    /// A stored evaluation holds the facts (HIV status among them) its amount rests on.
    public static let applicationEvaluation = SealedColumn("allowance_applications", "evaluation")
    public static let decisionEvaluation = SealedColumn("allowance_decisions", "evaluation")
    /// An application's form (1đ is for people with HIV) and papers (the HIV certificate).
    public static let applicationForm = SealedColumn("allowance_applications", "form_type")
    public static let applicationDocuments = SealedColumn("allowance_applications", "documents")
    /// Decree 20/2021 category codes: 5(3) and 5(8) say a person lives with HIV. Every value is
    /// sealed, so that a sealed one singles no one out; reports group after opening.
    public static let decisionCategories = SealedColumn("allowance_decisions", "categories")
    public static let eligibilityCategories = SealedColumn("eligibility_results", "categories", keys: ["run_id", "person_id"])
    /// What a resident wrote to the ward (a report about a neighbour may tell of illness or
    /// abuse) and the officers' notes on it.
    public static let requestText = SealedColumn("public_requests", "text")
    public static let requestStepText = SealedColumn("public_request_steps", "text")
    /// The photos and scans a resident sent with a request.
    public static let requestFile = SealedColumn("public_request_files", "data", blob: true)

    /// Every sealed column: what rotation re-seals and the tests read raw.
    public static let all: [SealedColumn] = [
        caseRiskReason, caseAssessment, caseEntryText, caseDocument, hotlineSummary, therapyReferral, therapyDiagnosis, therapyMeasureNote,
        healthSummary, personHIV, applicationEvaluation, applicationForm, applicationDocuments, decisionEvaluation, decisionCategories,
        eligibilityCategories, requestText, requestStepText, requestFile,
    ]

    /// A value of this column in clear (clear text written before sealing passes as it is).
    public func open(_ stored: String) -> String { Sealed.open(stored, name) }
    public func seal(_ text: String) -> String { Sealed.seal(text, name) }

    /// The column named `table.column`, if it is sealed.
    public static func named(_ table: String, _ column: String) -> SealedColumn? { all.first { $0.table == table && $0.column == column } }
}
