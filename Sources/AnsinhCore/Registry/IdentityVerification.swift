/// A check of a person's identity details (name, birth date, national ID number) against the
/// national population database, which Decrees 147/2025 and 176/2025 ask the commune to make
/// before deciding on an application. Recorded by hand by default (the officer looks the person
/// up in the VNeID application or asks the police); a connector may record it too.
public enum VerificationStatus: String, CaseIterable, Sendable, Codable {
    case notVerified = "not_verified"
    case verified
    /// The database holds other details than the registry (which ones: the note).
    case mismatch
}

/// How the check was made.
public enum VerificationMethod: String, CaseIterable, Sendable, Codable {
    /// The officer looked the person up in the VNeID application (level 2 electronic identity).
    case vneidApp = "vneid_app"
    /// The commune police confirmed the details in writing.
    case policeConfirmation = "police_confirmation"
    /// The chip of the citizen identity card was read.
    case chipCard = "chip_card"
    /// A connector to the population database or the provincial data-sharing platform.
    case connector
}
