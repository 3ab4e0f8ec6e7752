/// Rules for account names and passwords, and for the login throttle.
public enum AccountRules {
    public static let minPasswordLength = 10
    /// Bcrypt reads at most 72 bytes; a longer password is refused rather than silently cut
    /// (about 72 unaccented letters, or 24–36 Vietnamese letters with marks).
    public static let maxPasswordBytes = 72

    public static func validateUsername(_ u: String) -> FieldError? {
        let ok =
            (3...40).contains(u.count)
            && u.allSatisfy { ch in
                ch.isASCII && (ch.isLowercase || ch.isNumber || ch == "." || ch == "_" || ch == "-")
            }
        return ok ? nil : FieldError(field: "username", message: Message("validation.username"))
    }

    public static func validatePassword(_ p: String) -> FieldError? {
        if p.count < minPasswordLength {
            return FieldError(field: "password", message: Message("validation.password_short", ["min": "\(minPasswordLength)"]))
        }
        if p.utf8.count > maxPasswordBytes {
            return FieldError(field: "password", message: Message("validation.password_long", ["max": "\(maxPasswordBytes)"]))
        }
        return nil
    }

    /// Unit codes: official codes are digits (province 2, commune 5); local units use letters,
    /// digits and `-` (e.g. `26881-TDP01`).
    public static func validateUnitCode(_ c: String) -> FieldError? {
        // On the bytes: ASCII letters, digits, "-" and "_" (checked for every row of an import).
        let ok =
            (1...32).contains(c.utf8.count)
            && c.utf8.allSatisfy {
                ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x5F
            }
        return ok ? nil : FieldError(field: "code", message: Message("validation.unit_code"))
    }
}

/// Sign-in throttling: growing delays per username and per client address. A few failures are
/// free (typing mistakes); each further failure doubles the wait before the next attempt is
/// checked at all — 2 s, 4 s, 8 s … up to 15 minutes. Failures are forgotten 15 minutes after
/// the first of a run. An office behind one address gets more free failures than one username.
public enum SignInThrottle {
    public static let freeFailuresPerUsername = 3
    public static let freeFailuresPerAddress = 10
    public static let maxDelaySeconds = 15 * 60
    public static let forgetAfter: Double = 15 * 60

    /// The wait after `failures` failures, or nil while they are still free.
    public static func delay(afterFailures failures: Int, free: Int) -> Int? {
        guard failures > free else { return nil }
        let exponent = min(failures - free, 20)
        return min(1 << exponent, maxDelaySeconds)
    }
}
