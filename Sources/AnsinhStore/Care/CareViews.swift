import AnsinhCore
import Foundation

/// What an admission needs: who (found in the registry by national ID, or named here), on what
/// basis and by whose decision, from where, since when, and the bed if one is chosen now.
public struct AdmissionInput: Sendable {
    public var unitID: UUID?
    public var nationalID = ""
    public var fullName = ""
    public var gender = ""
    public var birthDate = ""
    public var basis = ""
    public var decisionNumber = ""
    public var decisionDate = ""
    public var decisionSigner = ""
    public var referralSource = ""
    public var caseID: UUID?
    public var admittedOn = ""
    public var bedID: UUID?
    public init() {}
}

public struct ResidentRow: Sendable {
    public let id: UUID
    public let fullName: String
    public let gender: String
    public let birthDate: LocalDate
    public let basis: AdmissionBasis
    public let stay: StayKind
    public let admittedOn: LocalDate
    public let status: ResidentLifecycle.State
    public let bed: String?
}

public struct BedStayView: Sendable {
    public let bed: String
    public let from: LocalDate
    public let until: LocalDate?
}

public struct CareLogView: Sendable {
    public let day: LocalDate
    public let shift: Shift
    public let kind: CareLogKind
    public let note: String
    public let recordedBy: String
}

public struct PrescriptionView: Sendable {
    public let id: UUID
    public let drug: String
    public let dose: String
    public let times: [String]
    public let from: LocalDate
    public let until: LocalDate?
    public let prescriber: String
}

public struct DoseView: Sendable {
    public let prescriptionID: UUID
    public let drug: String
    public let day: LocalDate
    public let time: String
    public let status: DoseStatus?
    public let note: String?
    public let recordedBy: String?
}

/// One resident with the records a role may see: the health class (prescriptions, doses) only
/// for a role allowed it, and then the read is audited.
public struct ResidentView: Sendable {
    public let row: ResidentRow
    public let unitName: String
    public let personID: UUID?
    public let decisionNumber: String
    public let decisionDate: LocalDate
    public let decisionSigner: String
    public let referralSource: String
    public let caseID: UUID?
    public let dischargedOn: LocalDate?
    public let dischargeReason: DischargeReason?
    public let dischargeNote: String?
    public let beds: [BedStayView]
    public let log: [CareLogView]
    /// Nil for a role without the health class.
    public let prescriptions: [PrescriptionView]?
    public let doses: [DoseView]?
    /// The health record; nil for a role without the health class.
    public var health: [HealthEventRow]? = nil
    /// Retention: when the record was anonymised, and a legal hold that keeps it whole.
    public var anonymisedAt: Date? = nil
    public var legalHold: String? = nil
}

public struct BedView: Sendable {
    public let id: UUID
    public let code: String
    public let occupant: String?
    public let occupantID: UUID?
}

public struct RoomView: Sendable {
    public let id: UUID
    public let department: String
    public let code: String
    public let sex: String
    public let beds: [BedView]
}

/// Who is in care on a day, by department, sex and age group, and the beds used.
public struct OccupancyView: Sendable {
    public struct Line: Sendable, Equatable {
        public let department: String
        public let beds: Int
        public let occupied: Int
    }
    public var day: LocalDate
    public var residents = 0
    public var byDepartment: [Line] = []
    public var bySex: [String: Int] = [:]
    public var byAgeGroup: [CareAgeGroup: Int] = [:]
    public var withoutBed = 0
}

/// A dose the shift before did not give (refused, missed, or not recorded): the handover list.
public struct HandoverItem: Sendable {
    public let residentID: UUID
    public let residentName: String
    public let drug: String
    public let dose: String
    public let day: LocalDate
    public let time: String
    /// Nil: nobody recorded it.
    public let status: DoseStatus?
    public let note: String?
}

/// The centre report's care figures: residents in care at the end of the period (children
/// under 16 and adults), admissions and discharges in it.
public struct CareFigures: Sendable, Equatable {
    public var children = 0
    public var adults = 0
    /// In a temporary shelter stay (emergency protection) on the last day, counted apart.
    public var inShelter = 0
    public var admitted = 0
    public var discharged = 0
    public init() {}
}
