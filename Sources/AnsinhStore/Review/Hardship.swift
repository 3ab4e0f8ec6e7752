import AnsinhCore
import FluentKit
import FluentSQL
import Foundation
import SQLKit

/// A household's classification history and vulnerability, sudden hardship alerts until support
/// is recorded, and difficult circumstances (field notes §1).
extension ReviewRepository {
    func classificationViews(_ models: [HouseholdClassificationModel]) -> [ClassificationView] {
        models.map { m in
            let deps = m.deprivations.split(separator: ",").map(String.init)
            var reasons: [Reason] = []
            if let standard = rules.standard(id: m.standardID), let income = m.incomePerPerson {
                reasons =
                    PovertyRules.classify(
                        PovertySurvey(
                            period: m.period, area: AreaType(rawValue: m.areaType) ?? .rural,
                            incomePerPerson: income, deprivations: Set(deps)), standard: standard
                    ).reasons
            }
            return ClassificationView(
                period: m.period, povertyClass: PovertyClass(rawValue: m.povertyClass) ?? .aboveMiddle, standardID: m.standardID,
                income: m.incomePerPerson, deprivations: deps, decisionNumber: m.decisionNumber,
                decisionDate: LocalDate(iso: m.decisionDate)!, certificateNumber: m.certificateNumber, reasons: reasons)
        }
    }

    public func householdReview(_ actor: Actor, householdID: UUID, flags: [DerivedFlag], today: LocalDate) async throws -> HouseholdReview {
        try actor.require(.viewRegistry)
        let h = try await store.scoped(HouseholdModel.self, householdID, actor, on: store.db)
        let classes = try await HouseholdClassificationModel.query(on: store.db).filter(\.$householdID == householdID).sort(\.$period, .descending).all()
        let hardships = try await HardshipEventModel.query(on: store.db).filter(\.$householdID == householdID).sort(\.$occurredOn, .descending).all()
        let circumstances = try await DifficultCircumstanceModel.query(on: store.db).filter(\.$householdID == householdID).sort(\.$since, .descending).all()
        let settings = try await self.settings()
        var facts = VulnerabilityFacts()
        if let last = classes.first {
            facts.lastClass = PovertyClass(rawValue: last.povertyClass); facts.lastIncome = last.incomePerPerson
            facts.lastLine = rules.standard(id: last.standardID)?.incomeLine.value(AreaType(rawValue: last.areaType) ?? .rural)
        }
        facts.hardshipDates = hardships.compactMap { LocalDate(iso: $0.occurredOn) }
        facts.difficultReasons = circumstances.filter { c in c.since <= today.iso && (c.until.map { $0 >= today.iso } ?? true) }.map(\.reason)
        facts.householdFlags = flags
        return HouseholdReview(
            classifications: classificationViews(classes),
            vulnerabilities: Vulnerability.derive(facts, on: today, settings: settings),
            hardships: hardships.map { hardshipView($0, code: h.code, today: today, settings: settings) },
            circumstances: circumstances.map {
                CircumstanceView(
                    id: $0.id!, reason: $0.reason, since: LocalDate(iso: $0.since)!,
                    until: $0.until.flatMap(LocalDate.init(iso:)), recordedBy: $0.recordedBy)
            })
    }

    func hardshipView(_ m: HardshipEventModel, code: String, today: LocalDate, settings: ReviewSettings) -> HardshipView {
        let recorded = LocalDate(iso: m.recordedOn)!
        return HardshipView(
            id: m.id!, householdID: m.householdID, householdCode: code, kind: HardshipKind(rawValue: m.kind) ?? .other,
            occurredOn: LocalDate(iso: m.occurredOn)!, note: m.note, recordedBy: m.recordedBy, recordedOn: recorded,
            support: m.support, resolvedOn: m.resolvedOn.flatMap(LocalDate.init(iso:)),
            overdue: m.resolvedOn == nil && today.days - recorded.days > settings.alertHighlightDays)
    }

    public func recordHardship(_ actor: Actor, householdID: UUID, kind: String, occurredOn: String, note: String, today: LocalDate) async throws -> UUID {
        try actor.require(.recordHardship)
        let event = try Self.checkHardship(kind: kind, occurredOn: occurredOn, note: note, today: today)
        return try await store.write(actor) { tx, audit in
            let h = try await store.scoped(HouseholdModel.self, householdID, actor, on: tx)
            return try await addHardship(actor, h, event, today: today, on: tx, audit)
        }
    }

    /// A sudden-hardship event checked: its kind, the day it happened (not in the future) and
    /// what happened; every wrong field is named at once.
    static func checkHardship(kind: String, occurredOn: String, note: String, today: LocalDate) throws -> (kind: String, day: LocalDate, note: String) {
        var errors: [FieldError] = []
        if HardshipKind(rawValue: kind) == nil { errors.append(FieldError(field: "event_kind", message: Message("validation.choice"))) }
        let day = LocalDate(iso: occurredOn)
        if day == nil {
            errors.append(FieldError(field: "occurred_on", message: Message("validation.date")))
        } else if day! > today {
            errors.append(FieldError(field: "occurred_on", message: Message("review.error.future_date")))
        }
        let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { errors.append(FieldError(field: "note", message: Message("validation.required"))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return (kind, day!, text)
    }

    /// Stores a checked event of household `h` in the write's transaction (a resident's request
    /// turned into one stores it in the same transaction as the link).
    func addHardship(
        _ actor: Actor, _ h: HouseholdModel, _ e: (kind: String, day: LocalDate, note: String), today: LocalDate, on tx: any Database,
        _ audit: AuditBuffer
    ) async throws -> UUID {
        let m = HardshipEventModel()
        m.id = UUID(); m.householdID = h.id!; m.unitPath = h.unitPath; m.kind = e.kind; m.occurredOn = e.day.iso; m.note = e.note
        m.recordedBy = actor.username; m.recordedOn = today.iso
        try await m.create(on: tx)
        audit.add(
            AuditRecord(
                action: "hardship", entity: "household", entityID: h.id!.uuidString, unitID: h.groupID ?? h.communeID,
                unitPath: h.unitPath, before: NoValue?.none, after: ["kind": e.kind, "occurred_on": e.day.iso, "note": e.note]))
        return m.id!
    }

    public func resolveHardship(_ actor: Actor, eventID: UUID, support: String, today: LocalDate) async throws {
        try actor.require(.recordHardship)
        let text = support.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw AppError.invalid("support", "validation.required") }
        try await store.write(actor) { tx, audit in
            let m = try await store.scoped(HardshipEventModel.self, eventID, actor, on: tx)
            guard m.resolvedOn == nil else { throw AppError.conflict(Message("review.error.already_resolved")) }
            m.support = text; m.resolvedOn = today.iso; m.resolvedBy = actor.username
            try await m.save(on: tx)
            audit.add(
                AuditRecord(
                    action: "hardship_support", entity: "household", entityID: m.householdID.uuidString, unitID: nil,
                    unitPath: m.unitPath, before: NoValue?.none, after: ["support": text]))
        }
    }

    /// Hardship alerts in scope, unresolved first and oldest first.
    public func alerts(_ actor: Actor, includeResolved: Bool, today: LocalDate, page: PageSpec) async throws -> ResultPage<HardshipView> {
        try actor.require(.viewRegistry)
        let q = store.scoped(HardshipEventModel.self, actor)
        if !includeResolved { q.filter(\.$resolvedOn == nil) }
        let total = try await q.count()
        let models = try await q.sort(\.$resolvedOn).sort(\.$recordedOn).range(page.offset..<(page.offset + page.perPage)).all()
        let codes = Dictionary(
            try await HouseholdModel.query(on: store.db).filter(\.$id ~~ models.map(\.householdID)).all().map { ($0.id!, $0.code) },
            uniquingKeysWith: { a, _ in a })
        let settings = try await self.settings()
        return ResultPage(
            items: models.map { hardshipView($0, code: codes[$0.householdID] ?? "—", today: today, settings: settings) }, request: page, total: total)
    }

    public func recordCircumstance(_ actor: Actor, householdID: UUID, reason: String, since: String) async throws {
        try actor.require(.recordHardship)
        var errors: [FieldError] = []
        let text = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { errors.append(FieldError(field: "reason", message: Message("validation.required"))) }
        let day = LocalDate(iso: since)
        if day == nil { errors.append(FieldError(field: "since", message: Message("validation.date"))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        try await store.write(actor) { tx, audit in
            let h = try await store.scoped(HouseholdModel.self, householdID, actor, on: tx)
            let m = DifficultCircumstanceModel()
            m.id = UUID(); m.householdID = householdID; m.unitPath = h.unitPath; m.reason = text; m.since = day!.iso; m.recordedBy = actor.username
            try await m.create(on: tx)
            audit.add(
                AuditRecord(
                    action: "difficult_circumstances", entity: "household", entityID: householdID.uuidString, unitID: h.groupID ?? h.communeID,
                    unitPath: h.unitPath, before: NoValue?.none, after: ["reason": text, "since": day!.iso]))
        }
    }
}
