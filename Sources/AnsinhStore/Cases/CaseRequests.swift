import AnsinhCore
import FluentKit
import Foundation

/// A resident's request a ward forwarded to the centre, as the centre reads it. What the
/// resident wrote, their name and phone are nil for a viewer without the child-protection
/// permission (the read of them is audited for the others).
public struct WardRequestView: Sendable {
    public let id: UUID
    public let code: String
    public let kind: RequestKind
    public let wardName: String
    public let residentialGroup: String?
    public let anonymous: Bool
    public let name: String?
    public let phone: String?
    public let text: String?
    public let receivedAt: Date
    public let forwardedAt: Date
    /// The ward's note with the forward, and who forwarded it.
    public let note: String
    public let forwardedBy: String
    /// The case opened from it, if any.
    public let caseID: UUID?
    public let caseNumber: String?
    /// The photos and scans the resident sent (names and sizes).
    public let files: [RequestFileView]
}

extension CaseRepository {
    /// The requests wards forwarded to the actor's centre, the oldest forward first: those still
    /// waiting for a case, or all of them (with the case opened from each).
    public func wardRequests(_ actor: Actor, waitingOnly: Bool, page: PageSpec) async throws -> ResultPage<WardRequestView> {
        try actor.require(.viewCases)
        let q = PublicRequestModel.query(on: store.db).within(\.$forwardedUnitPath, actor.scopePath)
        if waitingOnly { q.filter(\.$linkedKind == "centre") }
        let total = try await q.count()
        let rows = try await q.sort(\.$forwardedAt).sort(\.$code).range(page.offset..<(page.offset + page.perPage)).all()
        let out = try await wardRequestViews(rows, actor, steps: [], files: [])
        return ResultPage(items: out, request: page, total: total)
    }

    /// One forwarded request with the ward's note and the resident's files.
    public func wardRequest(_ actor: Actor, id: UUID) async throws -> WardRequestView {
        try actor.require(.viewCases)
        let m = try await forwarded(actor, id, on: store.db)
        let steps = try await PublicRequestStepModel.query(on: store.db).filter(\.$requestID == id).filter(\.$kind == "forward").sort(\.$at).all()
        let files = try await PublicRequestFileModel.query(on: store.db).filter(\.$requestID == id).sort(\.$createdAt).sort(\.$fileName).all()
            .compactMap { f in DocumentKind(rawValue: f.kind).map { RequestFileView(id: f.id!, fileName: f.fileName, kind: $0, size: f.size) } }
        if actor.role.canView(.childProtection) {
            try await store.audit(
                actor,
                [
                    AuditRecord(
                        action: "read_sensitive", entity: RequestLifecycle.entity, entityID: id.uuidString, unitID: m.forwardedUnitID,
                        unitPath: m.forwardedUnitPath!, before: NoValue?.none, after: ["fields": "request"])
                ])
        }
        return try await wardRequestViews([m], actor, steps: steps, files: files)[0]
    }

    /// The request `id` when it is forwarded to a centre within the actor's units; otherwise not
    /// found (the ward's own accounts read it in their inbox).
    func forwarded(_ actor: Actor, _ id: UUID, on db: any Database) async throws -> PublicRequestModel {
        let m = try await store.scoped(PublicRequestModel.self, id, actor, on: db)
        guard let path = m.forwardedUnitPath, actor.covers(path: path) else { throw AppError.notFound }
        return m
    }

    /// Opens a case at the centre from a request a ward forwarded to it, in one transaction: the
    /// case comes from the ward office, received when the ward forwarded it, and the two are
    /// linked both ways (the request names the case's number and state to the ward; the case
    /// names the request). Refused once a case is opened from it or it was given back.
    public func openCase(_ actor: Actor, fromRequest id: UUID, _ input: CaseInput) async throws -> UUID {
        try actor.require(.manageCases)
        let m = try await forwarded(actor, id, on: store.db)
        guard m.linkedKind == "centre" else { throw AppError.conflict(Message("case.error.request_taken")) }
        var input = input
        input.unitID = m.forwardedUnitID; input.unitCode = nil; input.source = CaseSource.wardOffice.rawValue; input.receivedAt = m.forwardedAt
        let now = store.now()
        let c = try await open(actor, input) { c, tx, audit in
            try await Store.lock(PublicRequestModel.self, id, on: tx)
            let fresh = try await forwarded(actor, id, on: tx)
            guard fresh.linkedKind == "centre" else { throw AppError.conflict(Message("case.error.request_taken")) }
            fresh.linkedKind = "case"; fresh.linkedID = c.id
            try await fresh.save(on: tx)
            try await FeedbackRepository.step(id, "case_opened", at: now, text: c.number, by: actor.username, on: tx)
            audit.add(
                AuditRecord(
                    action: "request_case_opened", entity: RequestLifecycle.entity, entityID: id.uuidString, unitID: fresh.unitID,
                    unitPath: fresh.unitPath, before: ["linked": "centre"], after: ["linked": "case", "case": c.number]))
        }
        return c.id
    }

    /// Gives a forwarded request back to the ward, with the reason (not for the centre, already
    /// known): the ward sees it in its inbox again, free to answer, close or convert it.
    public func giveBack(_ actor: Actor, requestID id: UUID, reason raw: String) async throws {
        try actor.require(.manageCases)
        let reason = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty { throw AppError.invalid("reason", "validation.required") }
        if reason.count > 4000 { throw AppError.invalid("reason", "validation.too_long", ["max": "4000"]) }
        let now = store.now()
        try await store.write(actor) { tx, audit in
            try await Store.lock(PublicRequestModel.self, id, on: tx)
            let m = try await forwarded(actor, id, on: tx)
            guard m.linkedKind == "centre" else { throw AppError.conflict(Message("case.error.request_taken")) }
            let centre = m.forwardedUnitPath!
            m.linkedKind = nil; m.forwardedUnitID = nil; m.forwardedUnitPath = nil; m.forwardedAt = nil
            try await m.save(on: tx)
            try await FeedbackRepository.step(id, "given_back", at: now, text: reason, by: actor.username, on: tx)
            audit.add(
                AuditRecord(
                    action: "request_given_back", entity: RequestLifecycle.entity, entityID: id.uuidString, unitID: m.unitID, unitPath: m.unitPath,
                    before: ["linked": "centre", "centre": centre], after: ["linked": ""]))
        }
    }

    /// The request a case was opened from, if any: the case page names it.
    public func request(ofCase caseID: UUID) async throws -> (id: UUID, code: String)? {
        try await PublicRequestModel.query(on: store.db).filter(\.$linkedKind == "case").filter(\.$linkedID == caseID).first().map { ($0.id!, $0.code) }
    }

    /// The requests as the centre reads them; their wards and cases read in one go.
    func wardRequestViews(_ rows: [PublicRequestModel], _ actor: Actor, steps: [PublicRequestStepModel], files: [RequestFileView]) async throws
        -> [WardRequestView]
    {
        let sees = actor.role.canView(.childProtection)
        let wards = try await OrgUnitModel.communeNames(of: Set(rows.map(\.unitPath)), on: store.db)
        let caseIDs = rows.filter { $0.linkedKind == "case" }.compactMap(\.linkedID)
        let cases =
            caseIDs.isEmpty
            ? [:]
            : Dictionary(
                try await CaseModel.query(on: store.db).filter(\.$id ~~ caseIDs).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let forward = steps.last
        return rows.map { m in
            let c = m.linkedKind == "case" ? m.linkedID.flatMap { cases[$0] } : nil
            return WardRequestView(
                id: m.id!, code: m.code, kind: RequestKind(rawValue: m.kind) ?? .question, wardName: wards[m.unitPath] ?? "—",
                residentialGroup: m.residentialGroup, anonymous: m.anonymous, name: sees ? m.name : nil, phone: sees ? m.phone : nil,
                text: sees ? m.text : nil, receivedAt: m.receivedAt, forwardedAt: m.forwardedAt ?? m.receivedAt, note: forward?.text ?? "",
                forwardedBy: forward?.by ?? "", caseID: c?.id, caseNumber: c?.number, files: files)
        }
    }
}
