/// Who a case is referred to, or its file shared with: the services a child-protection or
/// emergency case is connected with (Law on Children 2016 Art. 49–50; Decree 56/2017 Art. 13 on
/// the support plan carried out with the sectors).
public enum ReferralRecipient: String, CaseIterable, Sendable, Codable {
    /// A commune or ward People's Committee: its social-affairs officers receive the referral
    /// in Ansinh and record its outcome themselves.
    case wardOffice = "ward_office"
    case hospital, school, police
    case legalAid = "legal_aid"
    case other
}

/// What a consent allows: referring the person to a service, sharing the case file with a
/// recipient, or calling back.
public enum ConsentPurpose: String, CaseIterable, Sendable, Codable {
    case referral
    case shareFile = "share_file"
    case callback
}

/// Who gave a consent.
public enum ConsentGiver: String, CaseIterable, Sendable, Codable {
    /// The person the case is about (a child from age 7 together with a parent or guardian).
    case person
    case parent, guardian
}

/// A consent as the rules read it: for which purpose, to which kind of recipient (nil: any),
/// from when, and until it was withdrawn.
public struct ConsentTerms: Sendable, Equatable {
    public let purpose: ConsentPurpose
    public let recipient: ReferralRecipient?
    public let givenOn: LocalDate
    public let withdrawnOn: LocalDate?

    public init(purpose: ConsentPurpose, recipient: ReferralRecipient?, givenOn: LocalDate, withdrawnOn: LocalDate?) {
        self.purpose = purpose; self.recipient = recipient; self.givenOn = givenOn; self.withdrawnOn = withdrawnOn
    }

    /// Whether the consent allows `purpose` towards `recipient` on `day`: given by then and not
    /// withdrawn (Law 91/2025/QH15 on personal data: consent is specific to its purpose and may be
    /// withdrawn at any time; processing after withdrawal is refused).
    public func covers(_ purpose: ConsentPurpose, _ recipient: ReferralRecipient, on day: LocalDate) -> Bool {
        guard self.purpose == purpose, self.recipient == nil || self.recipient == recipient, givenOn <= day else { return false }
        if let w = withdrawnOn, w <= day { return false }
        return true
    }

    /// Whether `giver` may consent for a person aged `age` (nil: unknown). Law on Children 2016
    /// Art. 33 and Art. 6 of Decree 56/2017 [U]: a child's information is shared with the
    /// consent of the parent or guardian, and of the child too from age 7; a child under 7
    /// cannot consent alone.
    public static func mayGive(_ giver: ConsentGiver, forAge age: Int?) -> Bool {
        guard giver == .person, let age else { return true }
        return age >= 7
    }
}

/// A referral's closed loop: it is sent with a receiver, a due date and the service asked for,
/// and it ends with one required outcome — the service was given, the person declined it, or
/// the receiver could not be reached — recorded with what happened (the case plan's goal for the
/// referral takes that result). A referral sent in error is withdrawn with a reason.
public enum ReferralLifecycle: Lifecycle {
    public enum State: String, CaseIterable, Sendable, Codable {
        case sent
        case serviceGiven = "service_given"
        case declined, unreachable, withdrawn
    }

    public enum Transition: String, CaseIterable, Sendable, Codable {
        case serviceGiven = "service_given"
        case declined, unreachable, withdraw
    }

    public static let entity = "case_referral"

    public static func rule(_ t: Transition) -> TransitionRule<State> {
        switch t {
        case .serviceGiven: return .init(from: [.sent], to: .serviceGiven, .answerReferrals, requires: ["note"])
        case .declined: return .init(from: [.sent], to: .declined, .answerReferrals, requires: ["note"])
        case .unreachable: return .init(from: [.sent], to: .unreachable, .answerReferrals, requires: ["note"])
        case .withdraw: return .init(from: [.sent], to: .withdrawn, .manageCases, requires: ["note"])
        }
    }

    /// The outcomes that close the loop (withdrawal aside).
    public static let outcomes: [Transition] = [.serviceGiven, .declined, .unreachable]
}
