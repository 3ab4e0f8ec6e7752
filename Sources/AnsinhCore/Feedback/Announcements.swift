import Foundation

/// What an announcement is about (field notes §1: new policies, payment days, campaign hand-outs).
public enum AnnouncementKind: String, CaseIterable, Sendable, Codable {
    case policy
    case paymentDay = "payment_day"
    case campaign, other
}

/// Who an announcement is for: the whole ward or some of its residential groups; a category of
/// recipients — everyone whose allowance is paid in cash at the ward in the month it is published
/// (the payment-day notice); or households named by their codes.
public enum AnnouncementAudience: String, CaseIterable, Sendable, Codable {
    case groups
    case paidThisMonth = "paid_this_month"
    case households
}

/// An announcement of the ward: drafted → published (on the public pages until its last day,
/// printable for the residential group's board, and, when asked, sent to the households of its
/// audience that left a phone) → withdrawn.
public enum AnnouncementLifecycle: Lifecycle {
    public enum State: String, CaseIterable, Sendable { case draft, published, withdrawn }
    public enum Transition: String, CaseIterable, Sendable { case publish, withdraw }
    public static let entity = "announcement"
    public static func auditAction(_ t: Transition) -> String { "announcement_" + t.rawValue }

    public static func rule(_ t: Transition) -> TransitionRule<State> {
        switch t {
        case .publish: return .init(from: [.draft], to: .published, .handleRequests)
        case .withdraw: return .init(from: [.draft, .published], to: .withdrawn, .handleRequests)
        }
    }

    public static func refusal(_ t: Transition, from state: State) -> AppError {
        .conflict(Message("announcement.error.state", ["status": "@announcement.status.\(state.rawValue)"]))
    }
}
