import AnsinhCore
import FluentKit
import Foundation

/// An entry of a resident's health record: what (check-up, diagnosis, hospital visit or stay,
/// vaccination), when (a stay until a day), where or by whom, what was found, and when to follow
/// up. Health class: hidden from a role without it, every read audited.
public final class CareHealthModel: Model, @unchecked Sendable {
    public static let schema = "care_health_events"
    @ID(key: .id) public var id: UUID?
    @Field(key: "resident_id") public var residentID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "kind") public var kind: String
    @Field(key: "day") public var day: String
    @OptionalField(key: "until_day") public var untilDay: String?
    @Field(key: "provider") public var provider: String
    @Field(key: "summary") var sealedSummary: String
    public var summary: String {
        get { Sealed.open(sealedSummary, SealedColumn.healthSummary.name) }
        set { sealedSummary = Sealed.seal(newValue, SealedColumn.healthSummary.name) }
    }
    @OptionalField(key: "follow_up_on") public var followUpOn: String?
    @Field(key: "recorded_by") public var recordedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

public struct HealthEventRow: Sendable, Equatable {
    public let kind: HealthEventKind
    public let day: LocalDate
    public let untilDay: LocalDate?
    public let provider: String
    public let summary: String
    public let followUpOn: LocalDate?
    public let recordedBy: String
}

extension CareRepository {
    public func recordHealth(
        _ actor: Actor, residentID: UUID, kind: String, day: String, untilDay: String, provider: String, summary: String, followUpOn: String,
        today: LocalDate
    ) async throws {
        try ResidentLifecycle.authorize(.recordHealth, role: actor.role, fields: ["summary": summary])
        // Writing the record shows it back: only a role that may read the health class writes it.
        guard actor.role.canView(.health) else { throw AppError.forbidden }
        var errors: [FieldError] = []
        let k = HealthEventKind(rawValue: kind)
        if k == nil { errors.append(FieldError(field: "kind", message: Message("validation.choice"))) }
        let d = Self.date(day, "day", today: today, into: &errors)
        let until = untilDay.isEmpty ? nil : LocalDate(iso: untilDay)
        if !untilDay.isEmpty && until == nil { errors.append(FieldError(field: "until_day", message: Message("validation.date"))) }
        if let d, let until, until < d { errors.append(FieldError(field: "until_day", message: Message("validation.end_before_start"))) }
        let where_ = Self.text(provider, "provider", max: 200, into: &errors)
        let text = Self.text(summary, "summary", max: 4000, into: &errors)
        let follow = followUpOn.isEmpty ? nil : LocalDate(iso: followUpOn)
        if !followUpOn.isEmpty && follow == nil { errors.append(FieldError(field: "follow_up_on", message: Message("validation.date"))) }
        if !errors.isEmpty { throw AppError.validation(errors) }
        try await store.transition(actor, CareResidentModel.self, residentID, .recordHealth, fields: ["summary": summary]) { r, tx, _ in
            guard d! >= LocalDate(iso: r.admittedOn)! else { throw AppError.invalid("day", "care.error.before_admission") }
            let h = CareHealthModel()
            h.id = UUID(); h.residentID = residentID; h.unitPath = r.unitPath; h.kind = k!.rawValue; h.day = d!.iso; h.untilDay = until?.iso
            h.provider = where_; h.summary = text; h.followUpOn = follow?.iso; h.recordedBy = actor.username
            try await h.create(on: tx)
            // The audit entry names the entry and its kind, not what was found (health class).
            return ["health_event": h.id!.uuidString, "kind": h.kind]
        }
    }

    /// The health record newest first (no audit here: the caller's read is audited with it).
    func healthRecord(_ residentID: UUID) async throws -> [HealthEventRow] {
        try await CareHealthModel.query(on: store.db).filter(\.$residentID == residentID).sort(\.$day, .descending).sort(\.$createdAt, .descending)
            .limit(300).all().map {
                HealthEventRow(
                    kind: HealthEventKind(rawValue: $0.kind)!, day: LocalDate(iso: $0.day)!, untilDay: $0.untilDay.flatMap(LocalDate.init(iso:)),
                    provider: $0.provider, summary: $0.summary, followUpOn: $0.followUpOn.flatMap(LocalDate.init(iso:)), recordedBy: $0.recordedBy)
            }
    }
}
