import AnsinhCore
import FluentKit
import Foundation

/// A group or individual session, held once, with many participants.
public final class CareSessionModel: Model, UnitScoped, @unchecked Sendable {
    public static let schema = "care_sessions"
    @ID(key: .id) public var id: UUID?
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "kind") public var kind: String
    @Field(key: "day") public var day: String
    @Field(key: "title") public var title: String
    @Field(key: "led_by") public var ledBy: String
    @OptionalField(key: "note") public var note: String?
    @Field(key: "created_by") public var createdBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
    public static var unitPathKey: KeyPath<CareSessionModel, FieldProperty<CareSessionModel, String>> { \.$unitPath }
}

/// One participant of a session: a resident, or a child of the therapy programme.
public final class CareAttendanceModel: Model, @unchecked Sendable {
    public static let schema = "care_attendance"
    @ID(key: .id) public var id: UUID?
    @Field(key: "session_id") public var sessionID: UUID
    @OptionalField(key: "resident_id") public var residentID: UUID?
    @OptionalField(key: "enrolment_id") public var enrolmentID: UUID?
    @Field(key: "unit_path") public var unitPath: String
    public init() {}
}

/// A child of the free psychotherapy programme: who, referred by whom with which diagnosis,
/// waiting, in treatment or discharged with an outcome. Psychotherapy class.
public final class TherapyEnrolmentModel: Model, @unchecked Sendable {
    public static let schema = "therapy_enrolments"
    @ID(key: .id) public var id: UUID?
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @OptionalField(key: "resident_id") public var residentID: UUID?
    @Field(key: "full_name") public var fullName: String
    @Field(key: "gender") public var gender: String
    @Field(key: "birth_date") public var birthDate: String
    @Field(key: "referral") var sealedReferral: String
    public var referral: String {
        get { Sealed.open(sealedReferral, SealedColumn.therapyReferral.name) }
        set { sealedReferral = Sealed.seal(newValue, SealedColumn.therapyReferral.name) }
    }
    @Field(key: "diagnosis") var sealedDiagnosis: String
    public var diagnosis: String {
        get { Sealed.open(sealedDiagnosis, SealedColumn.therapyDiagnosis.name) }
        set { sealedDiagnosis = Sealed.seal(newValue, SealedColumn.therapyDiagnosis.name) }
    }
    @Field(key: "enrolled_on") public var enrolledOn: String
    @OptionalField(key: "started_on") public var startedOn: String?
    @OptionalField(key: "discharged_on") public var dischargedOn: String?
    @OptionalField(key: "outcome") public var outcome: String?
    @Field(key: "status") public var status: String
    @Field(key: "created_by") public var createdBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

extension TherapyEnrolmentModel: LifecycleRecord {
    public typealias Life = TherapyLifecycle
    public static var unitPathKey: KeyPath<TherapyEnrolmentModel, FieldProperty<TherapyEnrolmentModel, String>> { \.$unitPath }
    public var lifecycleState: TherapyLifecycle.State {
        get { TherapyLifecycle.State(rawValue: status) ?? .waiting }
        set { status = newValue.rawValue }
    }
    public var auditUnitID: UUID? { unitID }
}

/// A standard measure on a day: the instrument's name, the domain, the score.
public final class TherapyMeasureModel: Model, @unchecked Sendable {
    public static let schema = "therapy_measures"
    @ID(key: .id) public var id: UUID?
    @Field(key: "enrolment_id") public var enrolmentID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "domain") public var domain: String
    @Field(key: "instrument") public var instrument: String
    @Field(key: "day") public var day: String
    @Field(key: "score") public var score: Int
    @OptionalField(key: "note") var sealedNote: String?
    public var note: String? {
        get { Sealed.open(sealedNote, SealedColumn.therapyMeasureNote.name) }
        set { sealedNote = Sealed.seal(newValue, SealedColumn.therapyMeasureNote.name) }
    }
    @Field(key: "recorded_by") public var recordedBy: String
    public init() {}
}
