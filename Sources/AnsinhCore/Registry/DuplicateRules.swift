/// When two person records are likely the same person. Records are first grouped by folded
/// name (blocking), then each pair in a group is tested:
/// - `national_id_typo`: both have an ID and the IDs differ by one digit or two swapped
///   neighbouring digits (the usual typing mistakes);
/// - `name_birth`: same birth date, and not two different real IDs;
/// - `name_household`: members of the same household with the same name.
public enum DuplicateRules {
    public struct Candidate: Sendable {
        public let nationalID: String?
        public let birth: String
        public let householdID: String?
        public init(nationalID: String?, birth: String, householdID: String?) {
            self.nationalID = nationalID; self.birth = birth; self.householdID = householdID
        }
    }

    public static func reason(_ a: Candidate, _ b: Candidate) -> String? {
        if let x = a.nationalID, let y = b.nationalID {
            if isTypo(x, y) { return "national_id_typo" }
            // Two different real numbers: two people who share a name.
            if x != y { return nil }
        }
        if a.birth == b.birth { return "name_birth" }
        if let h = a.householdID, h == b.householdID { return "name_household" }
        return nil
    }

    /// One substituted digit, or two adjacent digits swapped.
    public static func isTypo(_ x: String, _ y: String) -> Bool {
        let a = Array(x), b = Array(y)
        guard a.count == b.count, a != b else { return false }
        let diffs = a.indices.filter { a[$0] != b[$0] }
        if diffs.count == 1 { return true }
        if diffs.count == 2, diffs[1] == diffs[0] + 1, a[diffs[0]] == b[diffs[1]], a[diffs[1]] == b[diffs[0]] { return true }
        return false
    }
}
