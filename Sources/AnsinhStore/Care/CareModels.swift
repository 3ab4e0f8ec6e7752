import AnsinhCore
import FluentKit
import Foundation

/// A room of a department of the centre; its beds hold one resident at a time.
public final class CareRoomModel: Model, UnitScoped, @unchecked Sendable {
    public static let schema = "care_rooms"
    @ID(key: .id) public var id: UUID?
    /// The department (a unit below the centre).
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "code") public var code: String
    /// "male", "female" or "mixed".
    @Field(key: "sex") public var sex: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
    public static var unitPathKey: KeyPath<CareRoomModel, FieldProperty<CareRoomModel, String>> { \.$unitPath }
}

public final class CareBedModel: Model, UnitScoped, @unchecked Sendable {
    public static let schema = "care_beds"
    @ID(key: .id) public var id: UUID?
    @Field(key: "room_id") public var roomID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "code") public var code: String
    public init() {}
    public static var unitPathKey: KeyPath<CareBedModel, FieldProperty<CareBedModel, String>> { \.$unitPath }
}

/// A person in the centre's care: who, on what legal basis and by whose decision, from where,
/// since when, and (once discharged) why they left. Linked to the registry person when there
/// is one, so that their community allowance and the facility's nursing allowance follow.
public final class CareResidentModel: Model, @unchecked Sendable {
    public static let schema = "care_residents"
    @ID(key: .id) public var id: UUID?
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @OptionalField(key: "person_id") public var personID: UUID?
    @Field(key: "full_name") public var fullName: String
    @Field(key: "gender") public var gender: String
    @Field(key: "birth_date") public var birthDate: String
    @Field(key: "basis") public var basis: String
    @Field(key: "stay") public var stay: String
    @Field(key: "decision_number") public var decisionNumber: String
    @Field(key: "decision_date") public var decisionDate: String
    @Field(key: "decision_signer") public var decisionSigner: String
    @Field(key: "referral_source") public var referralSource: String
    @OptionalField(key: "case_id") public var caseID: UUID?
    @Field(key: "admitted_on") public var admittedOn: String
    @Field(key: "status") public var status: String
    @OptionalField(key: "discharged_on") public var dischargedOn: String?
    @OptionalField(key: "discharge_reason") public var dischargeReason: String?
    @OptionalField(key: "discharge_note") public var dischargeNote: String?
    /// Art. 26(5): the last month the allowance is still paid after leaving (YYYY-MM), if any.
    @OptionalField(key: "after_care_until") public var afterCareUntil: String?
    /// When retention anonymised the record (`RetentionKind.residents`); nil while whole.
    @OptionalField(key: "anonymised_at") public var anonymisedAt: Date?
    /// Why the record is kept whole past its retention; nil = none.
    @OptionalField(key: "legal_hold") public var legalHold: String?
    @Field(key: "created_by") public var createdBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

extension CareResidentModel: LifecycleRecord {
    public typealias Life = ResidentLifecycle
    public static var unitPathKey: KeyPath<CareResidentModel, FieldProperty<CareResidentModel, String>> { \.$unitPath }
    public var lifecycleState: ResidentLifecycle.State {
        get { ResidentLifecycle.State(rawValue: status) ?? .inCare }
        set { status = newValue.rawValue }
    }
    public var auditUnitID: UUID? { unitID }
}

/// Who was in which bed from when until when (the day before `until` is the last night).
public final class CareBedStayModel: Model, @unchecked Sendable {
    public static let schema = "care_bed_stays"
    @ID(key: .id) public var id: UUID?
    @Field(key: "resident_id") public var residentID: UUID
    @Field(key: "bed_id") public var bedID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "from_date") public var fromDate: String
    @OptionalField(key: "until_date") public var untilDate: String?
    public init() {}
}

/// A line of the daily care log: a shift's meal, hygiene, sleep, observation or incident.
public final class CareLogModel: Model, @unchecked Sendable {
    public static let schema = "care_log"
    @ID(key: .id) public var id: UUID?
    @Field(key: "resident_id") public var residentID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "day") public var day: String
    @Field(key: "shift") public var shift: String
    @Field(key: "kind") public var kind: String
    @Field(key: "note") public var note: String
    @Field(key: "recorded_by") public var recordedBy: String
    @Timestamp(key: "recorded_at", on: .create) public var recordedAt: Date?
    public init() {}
}

/// A prescription: the drug, the dose and the times of day, from a day to a day. Health class.
public final class CarePrescriptionModel: Model, @unchecked Sendable {
    public static let schema = "care_prescriptions"
    @ID(key: .id) public var id: UUID?
    @Field(key: "resident_id") public var residentID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "drug") public var drug: String
    @Field(key: "dose") public var dose: String
    /// "08:00,20:00"
    @Field(key: "times") public var times: String
    @Field(key: "from_date") public var fromDate: String
    @OptionalField(key: "until_date") public var untilDate: String?
    @Field(key: "prescriber") public var prescriber: String
    @Field(key: "created_by") public var createdBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
    public var schedule: DoseSchedule {
        DoseSchedule(
            times: times.split(separator: ",").map(String.init), from: LocalDate(iso: fromDate)!, until: untilDate.flatMap(LocalDate.init(iso:)))
    }
}

/// One scheduled dose and what happened to it: given, refused or missed, by whom, when.
public final class CareDoseModel: Model, @unchecked Sendable {
    public static let schema = "care_doses"
    @ID(key: .id) public var id: UUID?
    @Field(key: "prescription_id") public var prescriptionID: UUID
    @Field(key: "resident_id") public var residentID: UUID
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "day") public var day: String
    @Field(key: "time") public var time: String
    @Field(key: "shift_day") public var shiftDay: String
    @Field(key: "shift") public var shift: String
    @Field(key: "status") public var status: String
    @OptionalField(key: "note") public var note: String?
    @Field(key: "recorded_by") public var recordedBy: String
    @Timestamp(key: "recorded_at", on: .create) public var recordedAt: Date?
    public init() {}
}
