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

    /// The pairs (i < j) of one name group that can have a `reason`: same birth, same
    /// household, or national IDs that agree everywhere but one digit or one swapped
    /// neighbouring pair (found through keys that mask that place, not by comparing every
    /// pair). Testing only these gives exactly the pairs of testing all: at a million persons
    /// a common name is thousands of records, millions of pairs.
    public static func candidatePairs(_ group: [Candidate]) -> [(Int, Int)] {
        let digits = group.map { c in c.nationalID.map { $0.utf8.map { Int($0) - 0x30 } } }
        // Small groups, or IDs that are not up to 12 digits: every pair (cheaper than keys, or
        // keys would not fit).
        if group.count <= 48 || digits.contains(where: { d in d.map { $0.count > 12 || !$0.allSatisfy { (0...9).contains($0) } } ?? false }) {
            return group.indices.flatMap { i in group.indices.filter { $0 > i }.map { (i, $0) } }
        }
        var buckets: [String: [Int]] = [:]
        // A national ID as a number in base 11, 10 standing for the masked place(s); a swap key
        // also carries the place and the two digits, so that only true swaps meet.
        var idBuckets: [Int: [Int]] = [:]
        for (i, c) in group.enumerated() {
            buckets["b|" + c.birth, default: []].append(i)
            if let h = c.householdID { buckets["h|" + h, default: []].append(i) }
            guard let d = digits[i] else { continue }
            for k in d.indices {
                var sub = 0, swap = 0
                for (p, x) in d.enumerated() {
                    sub = sub * 11 + (p == k ? 10 : x)
                    swap = swap * 11 + (p == k || p == k + 1 ? 10 : x)
                }
                idBuckets[sub * 2, default: []].append(i)
                if k + 1 < d.count {
                    let pair = min(d[k], d[k + 1]) * 10 + max(d[k], d[k + 1])
                    idBuckets[((swap * 16 + k) * 100 + pair) * 2 + 1, default: []].append(i)
                }
            }
        }
        var seen = Set<Int>()
        var pairs: [(Int, Int)] = []
        for members in Array(buckets.values) + Array(idBuckets.values) where members.count > 1 {
            for x in members.indices {
                for y in members.indices where y > x {
                    let i = min(members[x], members[y]), j = max(members[x], members[y])
                    if seen.insert(i * group.count + j).inserted { pairs.append((i, j)) }
                }
            }
        }
        return pairs.sorted { $0 < $1 }
    }

    /// One substituted digit, or two adjacent digits swapped.
    public static func isTypo(_ x: String, _ y: String) -> Bool {
        let a = Array(x.utf8), b = Array(y.utf8)
        guard a.count == b.count, a != b else { return false }
        let diffs = a.indices.filter { a[$0] != b[$0] }
        if diffs.count == 1 { return true }
        if diffs.count == 2, diffs[1] == diffs[0] + 1, a[diffs[0]] == b[diffs[1]], a[diffs[1]] == b[diffs[0]] { return true }
        return false
    }
}
