import AnsinhCore
import FluentKit
import Foundation

/// A file of a case (a scan or a photo of a paper), kept in the database with its digest.
public final class CaseDocumentModel: Model, @unchecked Sendable {
    public static let schema = "case_documents"
    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "title") public var title: String
    @Field(key: "file_name") public var fileName: String
    @Field(key: "kind") public var kind: String
    @Field(key: "size") public var size: Int
    @Field(key: "sha256") public var sha256: String
    @Field(key: "data") var sealedData: Data
    /// The file; nil when the key that sealed it is not held.
    public var data: Data? {
        get { Sealed.open(sealedData, SealedColumn.caseDocument.name) }
        set { sealedData = Sealed.seal(newValue ?? Data(), SealedColumn.caseDocument.name) }
    }
    @Field(key: "uploaded_by") public var uploadedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

extension CaseDocumentModel: UnitScoped {
    public static var unitPathKey: KeyPath<CaseDocumentModel, FieldProperty<CaseDocumentModel, String>> { \.$unitPath }
}

/// A document as listed (without its bytes).
public struct CaseDocumentView: Sendable, Equatable {
    public let id: UUID
    public let title: String
    public let fileName: String
    public let kind: DocumentKind
    public let size: Int
    public let sha256: String
    public let uploadedBy: String
    public let uploadedAt: Date?
}

extension CaseRepository {
    /// Adds a file to a case not closed: a PDF, JPEG or PNG (`DocumentKind`) of at most
    /// `DocumentKind.maxBytes`, with a title; the audit trail keeps its digest.
    @discardableResult
    public func addDocument(_ actor: Actor, caseID: UUID, title: String, fileName: String, data: Data) async throws -> UUID {
        try actor.require(.manageCases)
        let c = try await store.scoped(CaseModel.self, caseID, actor)
        guard c.lifecycleState != .closed else { throw AppError.notAllowed(Message("case.error.closed")) }
        if data.isEmpty { throw AppError.invalid("file", "import.no_file") }
        if data.count > DocumentKind.maxBytes { throw AppError.tooLarge(maxBytes: DocumentKind.maxBytes) }
        guard let kind = DocumentKind.detect(Array(data.prefix(8))) else { throw AppError.invalid("file", "case.error.file_type") }
        let name = String(fileName.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200))
        let t = title.trimmingCharacters(in: .whitespacesAndNewlines)
        let label = t.isEmpty ? name : t
        if label.isEmpty { throw AppError.invalid("title", "validation.required") }
        let digest = data.sha256Hex
        return try await store.write(actor) { tx, audit in
            try await Store.lock(CaseModel.self, caseID, on: tx)
            let count = try await CaseDocumentModel.query(on: tx).filter(\.$caseID == caseID).count()
            guard count < DocumentKind.maxPerCase else {
                throw AppError.conflict(Message("case.error.too_many_documents", ["max": "\(DocumentKind.maxPerCase)"]))
            }
            let d = CaseDocumentModel()
            d.id = UUID(); d.caseID = caseID; d.unitID = c.unitID; d.unitPath = c.unitPath; d.title = String(label.prefix(300))
            d.fileName = name.isEmpty ? "document.\(kind.rawValue)" : name; d.kind = kind.rawValue; d.size = data.count; d.sha256 = digest
            d.data = data; d.uploadedBy = actor.username
            try await d.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "document_added", entity: CaseLifecycle.entity, entityID: caseID.uuidString, unitID: c.unitID, unitPath: c.unitPath,
                    before: NoValue?.none, after: ["document": d.id!.uuidString, "sha256": digest, "size": "\(data.count)", "kind": kind.rawValue]))
            return d.id!
        }
    }

    /// The files of a case, newest first (their bytes are read one at a time).
    public func documents(_ actor: Actor, caseID: UUID) async throws -> [CaseDocumentView] {
        try actor.require(.viewCases)
        _ = try await store.scoped(CaseModel.self, caseID, actor)
        let rows = try await CaseDocumentModel.query(on: store.db).filter(\.$caseID == caseID)
            .field(\.$id).field(\.$caseID).field(\.$title).field(\.$fileName).field(\.$kind).field(\.$size).field(\.$sha256).field(\.$uploadedBy)
            .field(\.$createdAt).sort(\.$createdAt, .descending).all()
        return rows.compactMap(Self.documentView)
    }

    /// One file with its bytes: only for a role that sees the child-protection class; the read
    /// is audited.
    public func document(_ actor: Actor, id: UUID) async throws -> (CaseDocumentView, Data) {
        try actor.require(.viewCases)
        guard actor.role.canView(.childProtection) else { throw AppError.forbidden }
        let d = try await store.scoped(CaseDocumentModel.self, id, actor)
        // Sealed under a key this server does not hold: said plainly, nothing else affected.
        guard let data = d.data else { throw AppError.conflict(Message("privacy.error.key_missing")) }
        try await store.audit(
            actor,
            [
                AuditRecord(
                    action: "read_sensitive", entity: CaseLifecycle.entity, entityID: d.caseID.uuidString, unitID: d.unitID, unitPath: d.unitPath,
                    before: NoValue?.none, after: ["document": id.uuidString])
            ])
        guard let v = Self.documentView(d) else { throw AppError.notFound }
        return (v, data)
    }

    static func documentView(_ d: CaseDocumentModel) -> CaseDocumentView? {
        guard let kind = DocumentKind(rawValue: d.kind) else { return nil }
        return CaseDocumentView(
            id: d.id!, title: d.title, fileName: d.fileName, kind: kind, size: d.size, sha256: d.sha256, uploadedBy: d.uploadedBy, uploadedAt: d.createdAt)
    }
}
