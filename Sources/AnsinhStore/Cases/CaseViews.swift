import AnsinhCore
import Foundation

/// What intake needs: the unit (the viewer's own by default), kind, source, risk with its
/// reason, when the report came in, where the person is supported, and the person — from the
/// registry (`personID`) or named with minimal facts.
public struct CaseInput: Sendable {
    public var unitID: UUID?
    /// The unit by its code (the API's `unit`), when no id is given.
    public var unitCode: String?
    public var kind: String = ""
    public var source: String = ""
    public var riskLevel: String = ""
    public var riskReason: String = ""
    public var receivedAt: Date?
    public var placement: String = ""
    public var shelterFrom: String = ""
    public var personID: UUID?
    public var personName: String = ""
    public var personGender: String = ""
    public var personBirthYear: Int?
    /// The officer confirmed that no open case is about this person (`CaseDuplicates`).
    public var notDuplicate = false
    public init() {}
}

/// A case as read. `personName` is "—" for a viewer without the child-protection permission.
public struct CaseView: Sendable {
    public let id: UUID
    public let number: String
    public let unitID: UUID
    public let unitName: String
    public let kind: CaseKind
    public let source: CaseSource
    public let status: CaseLifecycle.State
    public let riskLevel: RiskLevel
    public let riskReason: String
    public let receivedAt: Date
    public let placement: Placement
    public let shelterFrom: String?
    public let shelterUntil: String?
    public let personID: UUID?
    public let personName: String
    public let personGender: Gender?
    public let personBirthYear: Int?
    public let assessment: String?
    public let closureReason: String?
    public let outcome: String?
    public let closureRequestedBy: String?
    public let returnedReason: String?
    public let worker: String
    public let goals: [CaseGoalView]
    /// Retention: when the case was anonymised, and a legal hold that keeps it whole.
    public var anonymisedAt: Date? = nil
    public var legalHold: String? = nil
}

public struct CaseGoalView: Sendable, Equatable {
    public let goal: String
    public let responsible: String
    public let dueDate: LocalDate
    /// A referral's outcome once recorded (`ReferralLifecycle.State`), nil while open.
    public let result: String?
}

/// The filters of the case list.
public struct CaseFilter: Sendable {
    public var status: CaseLifecycle.State?
    public var kind: CaseKind?
    public var query: String?
    public init(status: CaseLifecycle.State? = nil, kind: CaseKind? = nil, query: String? = nil) {
        self.status = status; self.kind = kind; self.query = query
    }
}

/// The emergency cases of a centre in a year, counted from the records when asked.
public struct CaseFigures: Sendable, Equatable, Codable {
    public var total = 0
    public var temporaryShelter = 0
    public var communitySupport = 0
    public var closed = 0
    /// Not closed: still followed (any open step).
    public var followUp = 0
    public init() {}
}
