import AnsinhCore
import FluentKit
import Foundation
import SQLKit

public struct CycleView: Sendable {
    public let id: UUID
    public let communeID: UUID
    public let communeName: String
    public let month: YearMonth
    public let status: CycleStatus
    public let preparedBy: String
    public let generatedAt: Date
    public let approvedBy: String?
    public let approvedTotal: Int64?
    public let closedBy: String?
    public let recipients: Int
    public let lines: Int
    public let balance: CycleBalance
    public let arrears: Int64
    public let adjustments: Int64
    /// Retention (`RetentionKind.payments`): when the lines' payment details were removed, or
    /// the legal hold that keeps them.
    public var anonymisedAt: Date? = nil
    public var legalHold: String? = nil
}

public struct LineView: Sendable {
    public let id: Int64
    public let personID: UUID
    public let personName: String
    public let birth: String
    public let nationalID: String?
    public let groupName: String
    public let benefit: Benefit
    public let month: YearMonth
    public let kind: String
    public let amount: Int64
    public let recipientKind: String
    public let recipientName: String?
    public let channel: PaymentChannel
    public let account: String?
    public let status: LineStatus
    public let reason: String?
    public let carried: Bool
    /// The one-off decision the line pays (Decree 20/2021 Art. 11–15), and the kilograms of
    /// rice it hands out in kind.
    public let oneOffID: UUID?
    public let kilograms: Int?
    /// The Decree 20 categories of the decision paying the month (empty for a difference on a
    /// month no longer paid).
    public let categories: [String]
}

/// A decision signed after the cycle was generated: it goes to the next cycle.
public struct CycleChange: Sendable {
    public let decision: DecisionView
}

public struct LineFilter: Sendable {
    public var status: LineStatus?
    public var channel: PaymentChannel?
    public var groupID: UUID?
    public init(status: LineStatus? = nil, channel: PaymentChannel? = nil, groupID: UUID? = nil) {
        self.status = status; self.channel = channel; self.groupID = groupID
    }
}

/// One row of a channel's confirmation file, or one tick of the signature list.
public struct Settlement: Sendable {
    public let lineID: Int64
    public let status: LineStatus
    public let reason: String
    public init(lineID: Int64, status: LineStatus, reason: String) { self.lineID = lineID; self.status = status; self.reason = reason }
}
