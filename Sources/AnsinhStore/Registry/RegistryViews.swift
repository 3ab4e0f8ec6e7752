import AnsinhCore
import FluentKit
import FluentSQL
import Foundation
import SQLKit

/// A person as pages and the API show them. `hiv` is present only for roles allowed to see it.
public struct PersonView: Sendable, Codable, Equatable {
    public let id: UUID
    public let fullName: String
    public let gender: Gender
    public let birth: BirthDate
    public let nationalID: String?
    public let ethnicity: String?
    public let phone: String?
    public let disability: DisabilityLevel
    public let disabilityCertificateDate: LocalDate?
    public let hasPension: Bool
    public let hasMerit: Bool
    public let deathDate: LocalDate?
    public let hiv: Bool?

    init(_ m: PersonModel, showSensitive: Bool) {
        id = m.id!; fullName = m.fullName; gender = Gender(rawValue: m.gender) ?? .male
        birth = BirthDate(text: m.birthDate) ?? BirthDate(year: m.birthYear)
        nationalID = m.nationalID; ethnicity = m.ethnicity; phone = m.phone
        disability = DisabilityLevel(rawValue: m.disabilityLevel) ?? .none
        disabilityCertificateDate = m.disabilityCertificateDate.flatMap(LocalDate.init(iso:))
        hasPension = m.hasPension; hasMerit = m.hasMerit; deathDate = m.deathDate.flatMap(LocalDate.init(iso:))
        hiv = showSensitive ? m.hiv : nil
    }

    var facts: MemberFacts {
        MemberFacts(name: fullName, birth: birth, disability: disability, hasMerit: hasMerit, deathDate: deathDate)
    }
}

public struct HouseholdView: Sendable, Codable, Equatable {
    public let id: UUID
    public let code: String
    public let communeID: UUID
    public let groupID: UUID?
    public let address: String
    public let areaType: AreaType
    public let phone: String?
    public let status: HouseholdStatus

    init(_ m: HouseholdModel) {
        id = m.id!; code = m.code; communeID = m.communeID; groupID = m.groupID; address = m.address
        areaType = AreaType(rawValue: m.areaType) ?? .rural; phone = m.phone; status = HouseholdStatus(rawValue: m.status) ?? .active
    }
}

/// One row of the household list.
public struct HouseholdSummary: Sendable, Codable {
    public let household: HouseholdView
    public let headName: String?
    public let memberCount: Int
    public let groupName: String?
}

public struct MemberView: Sendable, Codable {
    public let person: PersonView
    public let role: MemberRole
    public let startDate: LocalDate
    public let endDate: LocalDate?
    public let endReason: String?
}

/// Everything the household page shows.
public struct HouseholdDetail: Sendable {
    public let household: HouseholdView
    public let commune: UnitView
    public let group: UnitView?
    public let members: [MemberView]
    public let formerMembers: [MemberView]
    public let flags: [DerivedFlag]
    public let asOf: LocalDate
}

/// Facts typed for a new person or a change.
public struct PersonInput: Sendable, Codable {
    public var fullName: String
    public var gender: String
    public var birth: String
    public var nationalID: String?
    public var ethnicity: String?
    public var phone: String?
    public var disability: String
    public var disabilityCertificateDate: String?
    public var hasPension: Bool
    public var hasMerit: Bool
    public var hiv: Bool
    public var deathDate: String?
    public init(
        fullName: String, gender: String, birth: String, nationalID: String? = nil, ethnicity: String? = nil,
        phone: String? = nil, disability: String = "none", disabilityCertificateDate: String? = nil,
        hasPension: Bool = false, hasMerit: Bool = false, hiv: Bool = false, deathDate: String? = nil
    ) {
        self.fullName = fullName; self.gender = gender; self.birth = birth; self.nationalID = nationalID
        self.ethnicity = ethnicity; self.phone = phone; self.disability = disability
        self.disabilityCertificateDate = disabilityCertificateDate; self.hasPension = hasPension
        self.hasMerit = hasMerit; self.hiv = hiv; self.deathDate = deathDate
    }
}

public struct HouseholdInput: Sendable, Codable {
    public var code: String
    public var communeID: UUID?
    public var groupID: UUID?
    public var address: String
    public var areaType: String?
    public var phone: String?
    public init(code: String, communeID: UUID?, groupID: UUID?, address: String, areaType: String?, phone: String?) {
        self.code = code; self.communeID = communeID; self.groupID = groupID; self.address = address
        self.areaType = areaType; self.phone = phone
    }
}

extension PersonView {
    /// The view for the audit log: sensitive facts only as "set/not set" markers.
    var redacted: PersonView {
        PersonView(
            id: id, fullName: fullName, gender: gender, birth: birth, nationalID: nationalID, ethnicity: ethnicity,
            phone: phone, disability: disability, disabilityCertificateDate: disabilityCertificateDate,
            hasPension: hasPension, hasMerit: hasMerit, deathDate: deathDate, hiv: nil)
    }
    init(
        id: UUID, fullName: String, gender: Gender, birth: BirthDate, nationalID: String?, ethnicity: String?, phone: String?,
        disability: DisabilityLevel, disabilityCertificateDate: LocalDate?, hasPension: Bool, hasMerit: Bool, deathDate: LocalDate?, hiv: Bool?
    ) {
        self.id = id; self.fullName = fullName; self.gender = gender; self.birth = birth; self.nationalID = nationalID
        self.ethnicity = ethnicity; self.phone = phone; self.disability = disability
        self.disabilityCertificateDate = disabilityCertificateDate; self.hasPension = hasPension; self.hasMerit = hasMerit
        self.deathDate = deathDate; self.hiv = hiv
    }
}

extension AuditEntryView {
    init(_ m: AuditEntryModel) {
        self.init(
            seq: m.id!, at: Date(timeIntervalSince1970: Double(m.atMillis) / 1000), actorName: m.actorName, action: m.action,
            entity: m.entity, entityID: m.entityID, before: m.beforeJSON, after: m.afterJSON, hash: m.hash)
    }
}
