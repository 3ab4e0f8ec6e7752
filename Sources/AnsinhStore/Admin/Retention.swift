import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// A record retention anonymises and a legal hold keeps whole: a hotline contact, a case, a
/// resident's stay.
public protocol RetainedRecord: UnitScoped {
    var anonymisedAt: Date? { get set }
    var legalHold: String? { get set }
    var unitID: UUID { get }
    /// The audit trail's name of the record, and who may set or release its hold.
    static var retentionEntity: String { get }
    static var holdPermission: Permission { get }
}

extension HotlineContactModel: RetainedRecord {
    public static var retentionEntity: String { "hotline_contact" }
    public static var holdPermission: Permission { .answerHotline }
}

extension CaseModel: RetainedRecord {
    public static var retentionEntity: String { CaseLifecycle.entity }
    public static var holdPermission: Permission { .manageCases }
}

extension CareResidentModel: RetainedRecord {
    public static var retentionEntity: String { ResidentLifecycle.entity }
    public static var holdPermission: Permission { .manageCare }
}

/// What retention would do now: the kind, its period, the cutoff, how many records are due and
/// how many are kept by a legal hold or a case (the dry-run listing).
public struct RetentionPlan: Sendable, Equatable {
    public let kind: ProcessingKind
    public let years: Int
    public let cutoff: Date
    public let due: Int
    public let held: Int
    public let withCase: Int
    /// The oldest records due, for the listing.
    public let sample: [UUID]
}

/// Retention of the hotline's contacts (Law 91/2025/QH15: kept no longer than their purpose
/// needs): a contact older than `retention.hotline.years` (rule file, [U]) loses what names the
/// caller — the summary, the caller key, the place, the subtopic — and keeps what the reports
/// count (channel, topic, caller type, age group, sex), so every report's totals stay as they
/// were. A contact under legal hold, or that opened or joined a case (kept with the case), is
/// left whole. A batch per transaction, each contact audited; a stopped run goes on where it
/// stopped, and a second run finds nothing.
public struct RetentionRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    public static let kind = ProcessingKind.hotline

    /// The hotline's retention rule (every kind Ansinh anonymises has one; a test reads the file).
    public static var rule: RetentionRule { PrivacyRules.current.retention[kind.rawValue]! }

    public func plan(zone: TimeZone) async throws -> RetentionPlan {
        let cutoff = Self.rule.cutoff(now: store.now(), zone: zone)
        let old = Self.past(cutoff, on: store.db)
        let due = try await Self.due(old.copy()).count()
        let held = try await old.copy().filter(\.$legalHold != nil).count()
        let withCase = try await old.copy().filter(\.$legalHold == nil).filter(\.$caseID != nil).count()
        let sample = try await Self.due(old.copy()).sort(\.$at).limit(20).all().map { $0.id! }
        return RetentionPlan(kind: Self.kind, years: Self.rule.years, cutoff: cutoff, due: due, held: held, withCase: withCase, sample: sample)
    }

    /// Anonymises every contact due; returns how many.
    @discardableResult
    public func run(_ actor: Actor, zone: TimeZone, batch: Int = 500) async throws -> Int {
        let cutoff = Self.rule.cutoff(now: store.now(), zone: zone)
        var total = 0
        while true {
            let now = store.now()
            let n = try await store.write(actor) { tx, audit in
                let rows = try await Self.due(Self.past(cutoff, on: tx)).sort(\.$at).limit(batch).all()
                for m in rows {
                    m.summary = nil; m.callerKey = nil; m.place = nil; m.subtopic = nil; m.anonymisedAt = now
                    try await m.update(on: tx)
                    audit.add(
                        AuditRecord(
                            action: "anonymise", entity: "hotline_contact", entityID: m.id!.uuidString, unitID: m.unitID, unitPath: m.unitPath,
                            before: NoValue?.none, after: ["retention_years": "\(Self.rule.years)"]))
                }
                return rows.count
            }
            total += n
            if n < batch { return total }
        }
    }

    /// Puts a record under legal hold (with the reason) or releases it (`reason` nil); an
    /// anonymised record cannot be held any more.
    public func hold<M: RetainedRecord>(_ actor: Actor, _ type: M.Type, id: UUID, reason: String?) async throws {
        try actor.require(M.holdPermission)
        let text = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let text, text.isEmpty || text.count > 500 { throw AppError.invalid("reason", "validation.required_text", ["max": "500"]) }
        try await store.write(actor) { tx, audit in
            let m = try await store.scoped(M.self, id, actor, on: tx)
            guard m.anonymisedAt == nil else { throw AppError.conflict(Message("retention.error.anonymised")) }
            m.legalHold = text
            try await m.update(on: tx)
            audit.add(
                AuditRecord(
                    action: text == nil ? "release_hold" : "legal_hold", entity: M.retentionEntity, entityID: id.uuidString, unitID: m.unitID,
                    unitPath: m[keyPath: M.unitPathKey].wrappedValue, before: NoValue?.none, after: ["reason": text ?? ""]))
        }
    }

    /// Contacts older than `cutoff` not yet anonymised.
    static func past(_ cutoff: Date, on db: any Database) -> QueryBuilder<HotlineContactModel> {
        HotlineContactModel.query(on: db).filter(\.$at < cutoff).filter(\.$anonymisedAt == nil)
    }

    /// Contacts with neither a hold nor a case.
    static func due(_ q: QueryBuilder<HotlineContactModel>) -> QueryBuilder<HotlineContactModel> {
        q.filter(\.$legalHold == nil).filter(\.$caseID == nil)
    }

    // MARK: Closed cases

    /// The cases' retention rule: years counted from the closing.
    public static var caseRule: RetentionRule { PrivacyRules.current.retention[ProcessingKind.case.rawValue]! }

    /// What case retention would do now (`withCase` is 0: a case is its own record).
    public func casePlan(zone: TimeZone) async throws -> RetentionPlan {
        let cutoff = Self.caseRule.cutoff(now: store.now(), zone: zone)
        let old = Self.closedBefore(cutoff, on: store.db)
        let due = try await old.copy().filter(\.$legalHold == nil).count()
        let held = try await old.copy().filter(\.$legalHold != nil).count()
        let sample = try await old.copy().filter(\.$legalHold == nil).sort(\.$closedAt).limit(20).all().map { $0.id! }
        return RetentionPlan(kind: .case, years: Self.caseRule.years, cutoff: cutoff, due: due, held: held, withCase: 0, sample: sample)
    }

    /// Anonymises every closed case past its retention and not under hold; returns how many.
    /// A case keeps what the reports count — its number, kind, source, risk level, placement,
    /// dates, outcome, the person's sex and birth year, its entries' kinds and days, its goals'
    /// and referrals' states — and loses what tells the story or names anyone: the link to the
    /// registry and the name, the risk reason, the assessment, the closure and return reasons,
    /// every entry's text, its documents (deleted), goal texts and results, referral outcome
    /// notes, consent givers' names and scopes, task titles, callback numbers and notes, and the
    /// summaries, callers and places of the hotline contacts that joined it.
    @discardableResult
    public func runCases(_ actor: Actor, zone: TimeZone, batch: Int = 50) async throws -> Int {
        let cutoff = Self.caseRule.cutoff(now: store.now(), zone: zone)
        var total = 0
        while true {
            let now = store.now()
            let n = try await store.write(actor) { tx, audit in
                let rows = try await Self.closedBefore(cutoff, on: tx).filter(\.$legalHold == nil).sort(\.$closedAt).limit(batch).all()
                let ids = rows.map { $0.id! }
                guard !ids.isEmpty else { return 0 }
                for m in rows {
                    m.personID = nil; m.personName = ""; m.riskReason = ""; m.assessment = nil; m.closureReason = nil; m.returnedReason = nil
                    m.anonymisedAt = now
                    try await m.update(on: tx)
                    audit.add(
                        AuditRecord(
                            action: "anonymise", entity: CaseLifecycle.entity, entityID: m.id!.uuidString, unitID: m.unitID, unitPath: m.unitPath,
                            before: NoValue?.none, after: ["retention_years": "\(Self.caseRule.years)"]))
                }
                let empty = Sealed.seal("", SealedColumn.caseEntryText.name)
                try await CaseEntryModel.query(on: tx).filter(\.$caseID ~~ ids).set(\.$sealedText, to: empty).update()
                try await CaseDocumentModel.query(on: tx).filter(\.$caseID ~~ ids).delete()
                try await CaseGoalModel.query(on: tx).filter(\.$caseID ~~ ids).set(\.$goal, to: "").set(\.$result, to: nil).update()
                try await CaseReferralModel.query(on: tx).filter(\.$caseID ~~ ids).set(\.$outcomeNote, to: nil).update()
                try await CaseConsentModel.query(on: tx).filter(\.$caseID ~~ ids).set(\.$givenByName, to: "").set(\.$scope, to: "")
                    .set(\.$withdrawalReason, to: nil).update()
                try await CaseTaskModel.query(on: tx).filter(\.$caseID ~~ ids).set(\.$title, to: "").set(\.$callbackNumber, to: nil)
                    .set(\.$closedNote, to: nil).update()
                try await HotlineContactModel.query(on: tx).filter(\.$caseID ~~ ids).filter(\.$anonymisedAt == nil).set(\.$sealedSummary, to: nil)
                    .set(\.$callerKey, to: nil).set(\.$place, to: nil).set(\.$subtopic, to: nil).set(\.$anonymisedAt, to: now).update()
                return rows.count
            }
            total += n
            if n < batch { return total }
        }
    }

    /// Closed cases whose closing lies before `cutoff`, not yet anonymised.
    static func closedBefore(_ cutoff: Date, on db: any Database) -> QueryBuilder<CaseModel> {
        CaseModel.query(on: db).filter(\.$status == CaseLifecycle.State.closed.rawValue).filter(\.$closedAt < cutoff).filter(\.$anonymisedAt == nil)
    }
}
