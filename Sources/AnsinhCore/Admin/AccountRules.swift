/// Rules for account names and passwords, and for the login throttle.
public enum AccountRules {
    public static let minPasswordLength = 10
    /// Bcrypt reads at most 72 bytes; a longer password is refused rather than silently cut
    /// (about 72 unaccented letters, or 24–36 Vietnamese letters with marks).
    public static let maxPasswordBytes = 72
    /// Failed logins on one account, or from one address, before it is locked.
    public static let maxFailures = 5
    /// How long failures are remembered and how long the lock lasts.
    public static let lockMinutes = 15
    /// A session unused this long is signed out (a shared office computer left open).
    public static let sessionIdleMinutes = 8 * 60

    public static func validateUsername(_ u: String) -> FieldError? {
        let ok = (3...40).contains(u.count) && u.allSatisfy { ch in
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
        let ok = (1...32).contains(c.utf8.count) && c.utf8.allSatisfy {
            ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x5F
        }
        return ok ? nil : FieldError(field: "code", message: Message("validation.unit_code"))
    }
}
