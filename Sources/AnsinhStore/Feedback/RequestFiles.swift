import AnsinhCore
import FluentKit
import Foundation

/// A file a resident sends with a request, as received (the form's part or the API's base64).
public struct PublicRequestFile: Sendable {
    public let name: String
    public let data: Data
    public init(name: String, data: Data) { self.name = name; self.data = data }
}

/// A file of a request as the officers' pages list it.
public struct RequestFileView: Sendable, Equatable {
    public let id: UUID
    public let fileName: String
    public let kind: DocumentKind
    public let size: Int
}

extension FeedbackRepository {
    /// The files sent with a request: at most `RequestAttachments.maxFiles`, each a JPEG, PNG or
    /// PDF by its first bytes and at most `RequestAttachments.maxFileBytes`; a part with no name and no bytes (a file field left empty) is
    /// dropped. Each bad one is named.
    static func checkFiles(_ files: [PublicRequestFile], into errors: inout [FieldError]) -> [(PublicRequestFile, DocumentKind)] {
        let sent = files.filter { !($0.data.isEmpty && $0.name.trimmingCharacters(in: .whitespaces).isEmpty) }
        if sent.count > RequestAttachments.maxFiles {
            errors.append(FieldError(field: "files", message: Message("request.error.files_count", ["max": "\(RequestAttachments.maxFiles)"])))
            return []
        }
        var out: [(PublicRequestFile, DocumentKind)] = []
        for f in sent {
            let name = String(f.name.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200))
            if f.data.count > RequestAttachments.maxFileBytes {
                errors.append(
                    FieldError(
                        field: "files",
                        message: Message(
                            "request.error.file_size", ["name": name.isEmpty ? "—" : name, "max": "\(RequestAttachments.maxFileBytes / 1_048_576)"])))
                continue
            }
            guard let kind = DocumentKind.detect(Array(f.data.prefix(8))) else {
                errors.append(FieldError(field: "files", message: Message("request.error.file_kind", ["name": name.isEmpty ? "—" : name])))
                continue
            }
            out.append((PublicRequestFile(name: name.isEmpty ? "file.\(kind.rawValue)" : name, data: f.data), kind))
        }
        return out
    }

    /// Stores the checked files of a request in its transaction, sealed.
    static func storeFiles(_ files: [(PublicRequestFile, DocumentKind)], requestID: UUID, now: Date, on tx: any Database) async throws {
        for (f, kind) in files {
            let m = PublicRequestFileModel()
            m.id = UUID(); m.requestID = requestID; m.fileName = f.name; m.kind = kind.rawValue; m.size = f.data.count
            m.sha256 = f.data.sha256Hex; m.data = f.data; m.createdAt = now
            try await m.create(on: tx)
        }
    }

    /// The files of a request in the actor's units (names and sizes only).
    public func files(_ actor: Actor, requestID: UUID) async throws -> [RequestFileView] {
        try actor.require(.handleRequests)
        _ = try await store.scoped(PublicRequestModel.self, requestID, actor)
        return try await PublicRequestFileModel.query(on: store.db).filter(\.$requestID == requestID).sort(\.$createdAt).sort(\.$fileName).all()
            .compactMap { m in DocumentKind(rawValue: m.kind).map { RequestFileView(id: m.id!, fileName: m.fileName, kind: $0, size: m.size) } }
    }

    /// One file of a request, for an officer who handles the request's unit or a centre's worker
    /// who may read child-protection data when the request was forwarded to the centre; the read
    /// is audited.
    public func file(_ actor: Actor, id fileID: UUID) async throws -> (RequestFileView, Data) {
        let handles = actor.role.can(.handleRequests)
        guard handles || (actor.role.can(.viewCases) && actor.role.canView(.childProtection)) else { throw AppError.forbidden }
        guard let m = try await PublicRequestFileModel.find(fileID, on: store.db), let kind = DocumentKind(rawValue: m.kind) else { throw AppError.notFound }
        let requestID = m.requestID
        let r = try await store.scoped(PublicRequestModel.self, requestID, actor)
        if !handles, !(r.forwardedUnitPath.map { actor.covers(path: $0) } ?? false) { throw AppError.notFound }
        guard let data = m.data else { throw AppError.conflict(Message("privacy.error.key_missing")) }
        try await store.audit(
            actor,
            [
                AuditRecord(
                    action: "request_file_read", entity: RequestLifecycle.entity, entityID: requestID.uuidString, unitID: r.unitID, unitPath: r.unitPath,
                    before: NoValue?.none, after: ["file": fileID.uuidString])
            ])
        return (RequestFileView(id: fileID, fileName: m.fileName, kind: kind, size: m.size), data)
    }
}
