/// Codes of the papers of an application (Decree 20 Art. 7).
public enum ApplicationDocument: String, CaseIterable, Sendable {
    case declaration, residence, identity, birthCertificate = "birth_certificate", hivCertificate = "hiv_certificate"
    case pregnancyCertificate = "pregnancy_certificate", disabilityCertificate = "disability_certificate", deathCertificate = "death_certificate"
}

/// The declaration forms of Decree 20 (1a–1đ for the monthly allowance, 2a–3 for care
/// support) and Form 01 of Decree 176/2025 for the social pension. Which form belongs to which
/// group was not checked against the signed text [U]; the officer chooses.
public enum ApplicationForm: String, CaseIterable, Sendable { case f1a = "1a", f1b = "1b", f1c = "1c", f1d = "1d", f1dd = "1đ", f2a = "2a", f2b = "2b", f3 = "3", sp01 = "01" }

public enum ApplicationStatus: String, CaseIterable, Sendable { case received, reviewed, posted, decided, refused }
