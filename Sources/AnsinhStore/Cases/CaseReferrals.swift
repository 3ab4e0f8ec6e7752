import AnsinhCore
import FluentKit
import Foundation

/// What a referral needs: to whom (a ward by its code for a ward office), the receiver, the
/// service asked for and the date it is due.
public struct ReferralInput: Sendable {
    public var recipientKind = ""
    /// The commune's code, for a referral to a ward office.
    public var recipientUnitCode = ""
    public var receiver = ""
    public var service = ""
    public var dueDate = ""
    public init() {}
}

/// A referral as read, with the case it comes from. `personName` is "—" for a viewer without
/// the child-protection permission.
public struct ReferralView: Sendable, Equatable {
    public let id: UUID
    public let caseID: UUID
    public let caseNumber: String
    public let caseKind: CaseKind
    public let riskLevel: RiskLevel
    public let personName: String
    public let fromUnit: String
    public let recipient: ReferralRecipient
    public let recipientUnit: String?
    public let receiver: String
    public let service: String
    public let dueDate: LocalDate
    public let status: ReferralLifecycle.State
    public let outcomeNote: String?
    public let outcomeOn: LocalDate?
    public let answeredBy: String?
    public let createdBy: String
    /// Still waiting for its outcome after the due date.
    public let overdue: Bool
}

extension CaseRepository {
    /// Refers the case to a service. Refused (`consent_required`, audited) unless a consent in
    /// force allows a referral to that kind of recipient; adds the referral as a goal of the plan
    /// (the receiver answers for it, by the due date) and an entry of the timeline.
    @discardableResult
    public func refer(_ actor: Actor, caseID: UUID, _ input: ReferralInput) async throws -> UUID {
        try actor.require(.manageCases)
        var errors: [FieldError] = []
        func bad(_ field: String, _ key: String) { errors.append(FieldError(field: field, message: Message(key))) }
        let kind = ReferralRecipient(rawValue: input.recipientKind)
        if kind == nil { bad("recipient_type", "validation.choice") }
        var receiver = input.receiver.trimmingCharacters(in: .whitespacesAndNewlines)
        let service = input.service.trimmingCharacters(in: .whitespacesAndNewlines)
        if service.isEmpty { bad("service", "validation.required") }
        let due = LocalDate(iso: input.dueDate.trimmingCharacters(in: .whitespaces))
        if due == nil { bad("due_date", "validation.date") }
        if let due, due < store.today { bad("due_date", "case.error.past_due") }
        var ward: OrgUnitModel?
        if kind == .wardOffice {
            let code = input.recipientUnitCode.trimmingCharacters(in: .whitespaces)
            ward = code.isEmpty ? nil : try await OrgUnitModel.query(on: store.db).filter(\.$code == code).first()
            if ward.map({ UnitKind(rawValue: $0.kind) != .commune }) ?? true {
                bad("recipient_unit", code.isEmpty ? "validation.required" : "case.error.not_a_ward")
            }
            if receiver.isEmpty, let ward { receiver = ward.name }
        }
        if receiver.isEmpty { bad("receiver", "validation.required") }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let to = (kind: kind!, ward: ward, receiver: receiver, due: due!)
        let today = store.today
        return try await auditingRefusal(actor, caseID: caseID, .referral, to.kind) {
            try await store.write(actor) { tx, audit in
                try await Store.lock(CaseModel.self, caseID, on: tx)
                let c = try await store.scoped(CaseModel.self, caseID, actor, on: tx)
                guard c.lifecycleState != .closed else { throw AppError.notAllowed(Message("case.error.closed")) }
                let consent = try await consent(for: caseID, .referral, to.kind, on: tx)
                let g = CaseGoalModel()
                g.id = UUID(); g.caseID = caseID; g.unitPath = c.unitPath; g.goal = service; g.responsible = to.receiver; g.dueDate = to.due.iso
                g.createdBy = actor.username
                try await g.create(on: tx)
                let r = CaseReferralModel()
                r.id = UUID(); r.caseID = caseID; r.unitPath = c.unitPath; r.unitID = c.unitID; r.recipientKind = to.kind.rawValue
                r.recipientUnitID = to.ward?.id; r.recipientUnitPath = to.ward?.path ?? ""; r.receiver = to.receiver; r.service = service
                r.dueDate = to.due.iso; r.status = ReferralLifecycle.State.sent.rawValue; r.consentID = consent.id!; r.goalID = g.id!
                r.createdBy = actor.username
                try await r.create(on: tx)
                try await Self.timeline(r, text: service, day: today, by: actor, on: tx)
                audit.add(
                    AuditRecord(
                        action: "refer", entity: ReferralLifecycle.entity, entityID: r.id!.uuidString, unitID: c.unitID, unitPath: c.unitPath,
                        before: NoValue?.none,
                        after: ["case": caseID.uuidString, "recipient_type": r.recipientKind, "receiver": r.receiver, "consent": consent.id!.uuidString]))
                return r.id!
            }
        }
    }

    /// Records the referral's outcome (or withdraws it) through `ReferralLifecycle`: the goal it
    /// added to the plan takes the result and the timeline the note. The receiving ward's
    /// officers answer the referrals sent to their ward.
    public func answer(_ actor: Actor, referralID: UUID, _ t: ReferralLifecycle.Transition, note: String) async throws {
        let n = note.trimmingCharacters(in: .whitespacesAndNewlines)
        let today = store.today
        try await store.transition(actor, CaseReferralModel.self, referralID, t, fields: ["note": n]) { r, tx, _ in
            let result = ReferralLifecycle.rule(t).to!
            r.outcomeNote = n; r.outcomeOn = today.iso; r.answeredBy = actor.username
            if let g = try await CaseGoalModel.find(r.goalID, on: tx) {
                g.result = result.rawValue
                try await g.save(on: tx)
            }
            try await Self.timeline(r, text: n, day: today, by: actor, on: tx)
            return ["outcome": result.rawValue]
        }
    }

    /// The referrals of one case, newest first.
    public func referrals(_ actor: Actor, caseID: UUID) async throws -> [ReferralView] {
        try actor.require(.viewCases)
        let c = try await store.scoped(CaseModel.self, caseID, actor)
        let rows = try await CaseReferralModel.query(on: store.db).filter(\.$caseID == caseID).sort(\.$createdAt, .descending).all()
        return try await views(rows, cases: [caseID: c], actor)
    }

    /// The referrals the actor may answer or follow: sent from the actor's units or to them (a
    /// ward officer sees the cases referred to the ward, and only those), waiting ones first.
    public func referrals(
        _ actor: Actor, status: ReferralLifecycle.State? = nil, page: PageSpec
    ) async throws -> ResultPage<ReferralView> {
        try actor.require(.answerReferrals)
        let q = CaseReferralModel.query(on: store.db)
        if actor.scopePath != "/" {
            q.group(.or) { $0.within(\.$unitPath, actor.scopePath).within(\.$recipientUnitPath, actor.scopePath) }
        }
        if let status { q.filter(\.$status == status.rawValue) }
        let total = try await q.copy().count()
        let rows = try await q.sort(\.$dueDate).sort(\.$id).offset(page.offset).limit(page.perPage).all()
        let cases = try await CaseModel.query(on: store.db).filter(\.$id ~~ Set(rows.map(\.caseID))).all()
        let items = try await views(rows, cases: Dictionary(cases.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a }), actor)
        return ResultPage(items: items, request: page, total: total)
    }

    /// One referral (sent from or to the actor's units). Reading who it is about is audited.
    public func referral(_ actor: Actor, id: UUID) async throws -> ReferralView {
        try actor.require(.answerReferrals)
        let r = try await store.scoped(CaseReferralModel.self, id, actor)
        guard let c = try await CaseModel.find(r.caseID, on: store.db) else { throw AppError.notFound }
        if actor.role.canView(.childProtection) {
            try await store.audit(
                actor,
                [
                    AuditRecord(
                        action: "read_sensitive", entity: ReferralLifecycle.entity, entityID: id.uuidString, unitID: r.unitID, unitPath: r.unitPath,
                        before: NoValue?.none, after: ["fields": "referral", "case": c.id!.uuidString])
                ])
        }
        return try await views([r], cases: [c.id!: c], actor)[0]
    }

    /// The timeline entry of a referral sent or answered.
    static func timeline(_ r: CaseReferralModel, text: String, day: LocalDate, by actor: Actor, on tx: any Database) async throws {
        let e = CaseEntryModel()
        e.caseID = r.caseID; e.unitPath = r.unitPath; e.kind = CaseEntryKind.referral.rawValue; e.onDate = day.iso
        e.text = text; e.givenBy = r.receiver; e.recordedBy = actor.username
        try await e.create(on: tx)
    }

    func views(_ rows: [CaseReferralModel], cases: [UUID: CaseModel], _ actor: Actor) async throws -> [ReferralView] {
        let names = try await unitNames(rows.map(\.unitID) + rows.compactMap(\.recipientUnitID))
        let identify = actor.role.canView(.childProtection)
        let today = store.today
        return rows.compactMap { r in
            guard let c = cases[r.caseID], let kind = ReferralRecipient(rawValue: r.recipientKind), let due = LocalDate(iso: r.dueDate) else { return nil }
            return ReferralView(
                id: r.id!, caseID: r.caseID, caseNumber: c.number, caseKind: CaseKind(rawValue: c.kind) ?? .socialWork,
                riskLevel: RiskLevel(rawValue: c.riskLevel) ?? .medium, personName: identify ? c.personName : "—", fromUnit: names[r.unitID] ?? "",
                recipient: kind, recipientUnit: r.recipientUnitID.flatMap { names[$0] }, receiver: r.receiver, service: r.service, dueDate: due,
                status: r.lifecycleState, outcomeNote: r.outcomeNote, outcomeOn: r.outcomeOn.flatMap(LocalDate.init(iso:)), answeredBy: r.answeredBy,
                createdBy: r.createdBy, overdue: r.lifecycleState == .sent && due < today)
        }
    }
}
