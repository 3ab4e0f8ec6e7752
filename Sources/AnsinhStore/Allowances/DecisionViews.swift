import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// What the evaluation of an application or decision stored.
public struct StoredEvaluation: Codable, Sendable {
    public var facts: PersonFacts
    public var month: YearMonth
    public var categories: [String]
    public var amount: Int64
    public var standardTenths: Int
    public var pensionTenths: Int
    public var reasons: [Reason]
    public var assumed: [String]
    public var ruleSet: String
    /// Only the birth year is known and the result changes with the day (see
    /// `RegistryAllowance.birthDependent`): no decision is made from it.
    public var birthDependent: Bool? = nil
    /// The facts the evaluation could not read (`RegistryAllowance.missingFacts`, and
    /// `disability_certificate` when none is recorded); nil in evaluations stored before.
    public var missingFacts: [String]? = nil
}

public struct ApplicationInput: Sendable {
    public var personID: UUID
    public var benefit: Benefit = .allowance
    public var formType: String = ""
    public var receivedDate: String = ""
    public var documents: [String] = []
    public var recipientKind: String = RecipientKind.person.rawValue
    public var recipientName: String = ""
    public var channel: String = PaymentChannel.cash.rawValue
    public var account: String = ""
    public init(personID: UUID) { self.personID = personID }
}

public struct DecisionInput: Sendable {
    public var personID: UUID
    public var benefit: Benefit = .allowance
    public var kind: DecisionKind = .start
    public var reason: String = DecisionReason.eligible.rawValue
    public var number: String = ""
    public var signedDate: String = ""
    /// The day the change happened (turned 80, died, moved…); the effective month follows the
    /// rule in force. For a resumption: the first month paid again (arrears from it).
    public var eventDate: String = ""
    /// Months before this one were paid outside Ansinh (taking over a paper list).
    public var paidBefore: String = ""
    public var recipientKind: String = ""
    public var recipientName: String = ""
    public var channel: String = ""
    public var account: String = ""
    public var note: String = ""
    public init(personID: UUID) { self.personID = personID }
}

public struct ApplicationView: Sendable {
    public let id: UUID
    public let personID: UUID
    public let personName: String
    public let birth: String
    public let benefit: Benefit
    public let formType: String
    public let receivedDate: String
    public let documents: [String]
    public let status: ApplicationStatus
    public let recipientKind: String
    public let recipientName: String?
    public let channel: String
    public let account: String?
    public let evaluation: StoredEvaluation?
    public let requiresPosting: Bool
    public let postingStart: String?
    public let postingEnd: String?
    public let objections: String?
    public let refusalReason: String?
    public let decisionID: UUID?
    public let receivedBy: String
    /// Decree 147/2025 Art. 5: the day the commune chairman must decide by (applications
    /// received from 1 July 2025), and whether it has passed with the application still open.
    public let decisionDue: LocalDate?
    public let overdue: Bool
    /// Retention: when it was anonymised (refused, or with the file it opened), or the legal
    /// hold that keeps a refused application whole.
    public var anonymisedAt: Date? = nil
    public var legalHold: String? = nil
}

public struct DecisionView: Sendable {
    public let id: UUID
    public let personID: UUID
    public let personName: String
    public let birth: String
    public let nationalID: String?
    public let address: String
    public let communeName: String
    public let benefit: Benefit
    public let kind: DecisionKind
    public let reason: String
    public let number: String?
    public let signedDate: String
    public let effectiveMonth: YearMonth
    public let monthlyAmount: Int64
    public let categories: [String]
    public let evaluation: StoredEvaluation?
    public let ruleSet: String
    public let recipientKind: String
    public let recipientName: String?
    public let channel: String
    public let note: String?
    public let decidedBy: String
    public let createdAt: Date?
    /// The monthly amount the rules give today on the facts the decision stored, for its
    /// benefit and month (nil: the decision stored no evaluation, or the facts no longer
    /// evaluate). Equal to `monthlyAmount` when the decision reproduces.
    public let reproducedAmount: Int64?
    /// Retention (`RetentionKind.allowanceFiles`): when the file was anonymised, or the legal
    /// hold that keeps it whole.
    public var anonymisedAt: Date? = nil
    public var legalHold: String? = nil
}

public struct PeriodView: Sendable {
    public let benefit: Benefit
    public let from: YearMonth
    public let until: YearMonth?
    public let monthlyAmountNow: Int64
    public let channel: String
    public let recipient: String
}
