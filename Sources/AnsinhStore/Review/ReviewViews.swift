import AnsinhCore
import FluentKit
import FluentSQL
import Foundation
import SQLKit

public struct CampaignView: Sendable, Codable, Equatable {
    public let id: UUID
    public let communeID: UUID
    public let communeName: String
    public let unitPath: String
    public let year: Int
    public let kind: CampaignKind
    public let month: Int
    public let period: Int
    public let standardID: String
    public let step: CampaignStep
    public let postingStart: LocalDate?
    public let postingEnd: LocalDate?
    public let decisionNumber: String?
    public let decisionDate: LocalDate?
    /// Retention: when the surveys were anonymised, or the legal hold that keeps them whole.
    public let anonymisedAt: Date?
    public let legalHold: String?

    init(_ m: ReviewCampaignModel, communeName: String) {
        id = m.id!; communeID = m.communeID; self.communeName = communeName; unitPath = m.unitPath; year = m.year
        kind = CampaignKind(rawValue: m.kind) ?? .periodic; month = m.month; period = m.period; standardID = m.standardID
        step = CampaignStep(rawValue: m.step) ?? .listing
        postingStart = m.postingStart.flatMap(LocalDate.init(iso:)); postingEnd = m.postingEnd.flatMap(LocalDate.init(iso:))
        decisionNumber = m.decisionNumber; decisionDate = m.decisionDate.flatMap(LocalDate.init(iso:))
        anonymisedAt = m.anonymisedAt; legalHold = m.legalHold
    }
}

/// A campaign's progress in one residential group (nil group: households not in a group).
public struct GroupProgress: Sendable {
    public let groupID: UUID?
    public let groupName: String?
    public var households = 0
    public var surveyed = 0
    public var classified = 0
    public var byClass: [PovertyClass: Int] = [:]
    public var meeting: MeetingView?
    public var openObjections = 0
}

public struct MeetingView: Sendable, Codable, Equatable {
    public let heldOn: LocalDate
    public let present: Int
    public let agree: Int
    public let passed: Bool
    public let note: String?
}

public struct EntryView: Sendable {
    public let id: UUID
    public let campaignID: UUID
    public let householdID: UUID
    public let householdCode: String
    public let address: String
    public let headName: String?
    public let headNationalID: String?
    public let groupID: UUID?
    public let groupName: String?
    public let origin: EntryOrigin
    public let areaType: AreaType
    public let previousClass: PovertyClass?
    public let income: Int64?
    public let deprivations: [String]
    public let collector: String?
    public let collectedOn: LocalDate?
    public let enteredBy: String?
    public let povertyClass: PovertyClass?
    /// The explanation, recomputed from the stored survey with the campaign's standard.
    public let reasons: [Reason]
}

public struct ObjectionView: Sendable {
    public let id: UUID
    public let entryID: UUID
    public let householdCode: String
    public let receivedOn: LocalDate
    public let complainant: String
    public let text: String
    public let resolution: String?
    public let resolvedOn: LocalDate?
}

public struct ClassificationView: Sendable, Codable {
    public let period: Int
    public let povertyClass: PovertyClass
    public let standardID: String
    public let income: Int64?
    public let deprivations: [String]
    public let decisionNumber: String
    public let decisionDate: LocalDate
    public let certificateNumber: String
    public let reasons: [Reason]
}

public struct HardshipView: Sendable {
    public let id: UUID
    public let householdID: UUID
    public let householdCode: String
    public let kind: HardshipKind
    public let occurredOn: LocalDate
    public let note: String
    public let recordedBy: String
    public let recordedOn: LocalDate
    public let support: String?
    public let resolvedOn: LocalDate?
    /// Unresolved and older than the highlight threshold.
    public let overdue: Bool
}

public struct CircumstanceView: Sendable {
    public let id: UUID
    public let reason: String
    public let since: LocalDate
    public let until: LocalDate?
    public let recordedBy: String
}

/// What the household page shows about the review.
public struct HouseholdReview: Sendable {
    public let classifications: [ClassificationView]
    public let vulnerabilities: [DerivedVulnerability]
    public let hardships: [HardshipView]
    public let circumstances: [CircumstanceView]
}

public struct CampaignInput: Sendable {
    public var communeID: UUID?
    public var year: Int?
    public var kind: String
    public var month: Int?
    public var period: Int?
    public init(communeID: UUID?, year: Int?, kind: String, month: Int? = nil, period: Int? = nil) {
        self.communeID = communeID; self.year = year; self.kind = kind; self.month = month; self.period = period
    }
}

public struct SurveyInput: Sendable {
    public var income: String
    public var deprivations: [String]
    public var collector: String
    public var collectedOn: String
    public init(income: String, deprivations: [String], collector: String, collectedOn: String) {
        self.income = income; self.deprivations = deprivations; self.collector = collector; self.collectedOn = collectedOn
    }
}
