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
    static var legalHoldKey: KeyPath<Self, OptionalFieldProperty<Self, String>> { get }
    /// Why the record cannot be held on its own (nil: it can).
    var holdRefusal: Message? { get }
}

extension RetainedRecord {
    public var holdRefusal: Message? { nil }
}

extension HotlineContactModel: RetainedRecord {
    public static var retentionEntity: String { "hotline_contact" }
    public static var holdPermission: Permission { .answerHotline }
    public static var legalHoldKey: KeyPath<HotlineContactModel, OptionalFieldProperty<HotlineContactModel, String>> { \.$legalHold }
}

extension CaseModel: RetainedRecord {
    public static var retentionEntity: String { CaseLifecycle.entity }
    public static var holdPermission: Permission { .manageCases }
    public static var legalHoldKey: KeyPath<CaseModel, OptionalFieldProperty<CaseModel, String>> { \.$legalHold }
}

extension CareResidentModel: RetainedRecord {
    public static var retentionEntity: String { ResidentLifecycle.entity }
    public static var holdPermission: Permission { .manageCare }
    public static var legalHoldKey: KeyPath<CareResidentModel, OptionalFieldProperty<CareResidentModel, String>> { \.$legalHold }
}

/// What retention would do now: the kind, its period, the cutoff, how many records are due and
/// how many are kept by a legal hold or a case (the dry-run listing).
public struct RetentionPlan: Sendable, Equatable {
    public let kind: ProcessingKind
    /// The message naming the records (`privacy.kind_of_record.<kind>` unless the kind has two).
    public let records: String
    public let years: Int
    public let cutoff: Date
    public let due: Int
    public let held: Int
    public let withCase: Int
    /// The oldest records due, for the listing.
    public let sample: [UUID]
}

/// One kind of record retention anonymises: its rule, which records are past it, the order of
/// the batches, and what anonymising removes from the records and their children.
public struct RetentionKind<M: RetainedRecord>: Sendable {
    public let kind: ProcessingKind
    /// The message naming the records, where the kind of record has more than one kind of them
    /// (the allowance files' refused applications); nil: the kind's own name.
    var records: String? = nil
    /// Records past `cutoff` (in the office's zone), not yet anonymised.
    let past: @Sendable (Date, TimeZone, any Database) -> QueryBuilder<M>
    /// Of those, the records not kept whole with another record (a contact that joined a case).
    let free: @Sendable (QueryBuilder<M>) -> QueryBuilder<M>
    /// The oldest first.
    let order: @Sendable (QueryBuilder<M>) -> QueryBuilder<M>
    /// Removes what names the person or tells their story, in the write's transaction: on the
    /// records (saved after) and in bulk on their children.
    let strip: @Sendable ([M], Date, any Database) async throws -> Void

    /// The kind's rule (every kind Ansinh anonymises has one; a test reads the file).
    public var rule: RetentionRule { PrivacyRules.current.retention[kind.rawValue]! }
}

/// Retention (Law 91/2025/QH15: kept no longer than the purpose needs): each kind of record is
/// anonymised when past its period (`retention` in privacy.json, [U]), keeping what the reports
/// count so that their totals stay as they were; a record under legal hold is left whole. A
/// batch per transaction, each record audited; a stopped run goes on where it stopped, and a
/// second run finds nothing.
public struct RetentionRepository: Sendable {
    let store: Store
    public init(_ store: Store) { self.store = store }

    /// What retention of `k` would do now (the dry-run listing).
    public func plan<M>(_ k: RetentionKind<M>, zone: TimeZone) async throws -> RetentionPlan {
        let cutoff = k.rule.cutoff(now: store.now(), zone: zone)
        let old = k.past(cutoff, zone, store.db)
        let unheld = try await old.copy().filter(M.legalHoldKey == nil).count()
        let due = try await k.free(old.copy().filter(M.legalHoldKey == nil)).count()
        let held = try await old.copy().filter(M.legalHoldKey != nil).count()
        let sample = try await k.order(k.free(old.copy().filter(M.legalHoldKey == nil))).limit(20).all().map { $0.id! }
        return RetentionPlan(
            kind: k.kind, records: k.records ?? "privacy.kind_of_record.\(k.kind.rawValue)", years: k.rule.years, cutoff: cutoff, due: due, held: held,
            withCase: unheld - due, sample: sample)
    }

    /// Anonymises every record of `k` that is due; returns how many.
    @discardableResult
    public func run<M>(_ k: RetentionKind<M>, _ actor: Actor, zone: TimeZone, batch: Int = 100) async throws -> Int {
        let cutoff = k.rule.cutoff(now: store.now(), zone: zone)
        var total = 0
        while true {
            let now = store.now()
            let n = try await store.write(actor) { tx, audit in
                let rows = try await k.order(k.free(k.past(cutoff, zone, tx).filter(M.legalHoldKey == nil))).limit(batch).all()
                guard !rows.isEmpty else { return 0 }
                try await k.strip(rows, now, tx)
                for m in rows {
                    m.anonymisedAt = now
                    try await m.update(on: tx)
                    audit.add(
                        AuditRecord(
                            action: "anonymise", entity: M.retentionEntity, entityID: m.id!.uuidString, unitID: m.unitID,
                            unitPath: m[keyPath: M.unitPathKey].wrappedValue, before: NoValue?.none, after: ["retention_years": "\(k.rule.years)"]))
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
            if let why = m.holdRefusal { throw AppError.conflict(why) }
            m.legalHold = text
            try await m.update(on: tx)
            audit.add(
                AuditRecord(
                    action: text == nil ? "release_hold" : "legal_hold", entity: M.retentionEntity, entityID: id.uuidString, unitID: m.unitID,
                    unitPath: m[keyPath: M.unitPathKey].wrappedValue, before: NoValue?.none, after: ["reason": text ?? ""]))
        }
    }

    /// One kind of record retention anonymises, whatever its model: what it would do, and doing it.
    public struct Job: Sendable {
        public let kind: ProcessingKind
        public let plan: @Sendable (TimeZone) async throws -> RetentionPlan
        public let run: @Sendable (Actor, TimeZone) async throws -> Int
    }

    /// Every kind, in the order the hourly job and `ansinh privacy retention` run them, each with
    /// its batch (records anonymised in one transaction).
    public var jobs: [Job] {
        [
            job(.hotline, batch: 500), job(.cases, batch: 50), job(.residents, batch: 50), job(.reviews, batch: 20), job(.allowanceFiles, batch: 200),
            job(.refusedApplications, batch: 200), job(.payments, batch: 20), job(.giftLists, batch: 10), job(.donors, batch: 200),
        ]
    }

    func job<M>(_ k: RetentionKind<M>, batch: Int) -> Job {
        Job(kind: k.kind, plan: { try await plan(k, zone: $0) }, run: { try await run(k, $0, zone: $1, batch: batch) })
    }

    // MARK: Hotline contacts

    /// The hotline's retention rule.
    public static var rule: RetentionRule { RetentionKind.hotline.rule }

    // MARK: Closed cases

    /// The cases' retention rule: years counted from the closing.
    public static var caseRule: RetentionRule { RetentionKind.cases.rule }
}

extension RetentionKind where M == HotlineContactModel {
    /// A contact older than `retention.hotline.years` loses what names the caller — the summary,
    /// the caller key, the place, the subtopic — and keeps what the reports count (channel,
    /// topic, caller type, age group, sex). A contact that opened or joined a case is kept with
    /// the case.
    public static var hotline: Self {
        Self(
            kind: .hotline, past: { cutoff, _, db in HotlineContactModel.query(on: db).filter(\.$at < cutoff).filter(\.$anonymisedAt == nil) },
            free: { $0.filter(\.$caseID == nil) }, order: { $0.sort(\.$at) },
            strip: { rows, _, _ in
                for m in rows { m.summary = nil; m.callerKey = nil; m.place = nil; m.subtopic = nil }
            })
    }
}

extension RetentionKind where M == CaseModel {
    /// A closed case keeps what the reports count — its number, kind, source, risk level,
    /// placement, dates, outcome, the person's sex and birth year, its entries' kinds and days,
    /// its goals' and referrals' states — and loses what tells the story or names anyone: the
    /// link to the registry and the name, the risk reason, the assessment, the closure and
    /// return reasons, every entry's text, its documents (deleted), goal texts and results,
    /// referral outcome notes, consent givers' names and scopes, task titles, callback numbers
    /// and notes, and the summaries, callers and places of the hotline contacts that joined it.
    /// An open case is never touched.
    public static var cases: Self {
        Self(
            kind: .case,
            past: { cutoff, _, db in
                CaseModel.query(on: db).filter(\.$status == CaseLifecycle.State.closed.rawValue).filter(\.$closedAt < cutoff)
                    .filter(\.$anonymisedAt == nil)
            }, free: { $0 }, order: { $0.sort(\.$closedAt) },
            strip: { rows, now, tx in
                for m in rows {
                    m.personID = nil; m.personName = ""; m.riskReason = ""; m.assessment = nil; m.closureReason = nil; m.returnedReason = nil
                }
                let ids = rows.map { $0.id! }
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
            })
    }
}
