/// What a person may consent to outside a case — processing whose legal basis is consent, not a
/// legal duty (Law 91/2025/QH15 Art. 9; Decree 356/2025): each consent names one purpose, may
/// name the one recipient it is given to, and may be withdrawn at any time.
public enum PersonConsentPurpose: String, CaseIterable, Sendable, Codable {
    /// The person is named, with the support they received, in a fund's report to its donors
    /// (`/funds/{id}/donor-report`); without it the report says only what was given.
    case nameToDonors = "name_to_donors"
    /// Photographs of the person (a gift ceremony, a house handed over) may be published on the
    /// ward's information pages and transparency reports.
    case photoPublication = "photo_publication"
    /// The person's details may be passed to the named charity or sponsor that offers support.
    case shareWithCharity = "share_with_charity"
}

/// A person's consent as the rules read it: in force from the day it was given until the day it
/// was withdrawn (that day included: processing on the day of withdrawal is refused).
public struct PersonConsentTerms: Sendable, Equatable {
    public let purpose: PersonConsentPurpose
    public let givenOn: LocalDate
    public let withdrawnOn: LocalDate?

    public init(purpose: PersonConsentPurpose, givenOn: LocalDate, withdrawnOn: LocalDate?) {
        self.purpose = purpose; self.givenOn = givenOn; self.withdrawnOn = withdrawnOn
    }

    public func covers(_ purpose: PersonConsentPurpose, on day: LocalDate) -> Bool {
        guard self.purpose == purpose, givenOn <= day else { return false }
        if let w = withdrawnOn, w <= day { return false }
        return true
    }
}
