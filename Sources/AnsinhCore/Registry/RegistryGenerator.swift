import Foundation

/// A deterministic random source (SplitMix64), so that a seed always gives the same data.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    var state: UInt64
    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Writes a realistic synthetic registry for tests, demos and benchmarks: Vietnamese names with
/// diacritics in their real frequencies, plausible household shapes and ages, valid national
/// IDs, and a known share of planted duplicates and invalid rows, listed in a truth file so that
/// duplicate detection and import errors can be measured.
public struct RegistryGenerator {
    public struct Options: Sendable {
        public var households: Int
        public var seed: UInt64
        public var communes: [String] = ["00364"]
        /// Residential groups per commune, named "Tổ dân phố 1…n" (0: leave the column empty).
        public var groups: Int = 3
        public var duplicateRate: Double = 0.04
        public var invalidRate: Double = 0.005
        /// The day ages are computed for.
        public var today: LocalDate = LocalDate(year: 2026, month: 11, day: 24)!
        public init(households: Int, seed: UInt64) { self.households = households; self.seed = seed }
    }

    /// A planted duplicate: the original row and its copy (1-based file rows, header = 1).
    public struct PlantedDuplicate: Sendable, Equatable { public let original: Int; public let copy: Int; public let kind: String }

    public struct Output: Sendable {
        public var csv: String
        public var persons: Int
        public var duplicates: [PlantedDuplicate]
        public var invalidRows: [Int]
        /// Each row's household code, name and birth, to find the persons after import.
        public var keys: [Int: (String, String, String)]
    }

    static let families: [(String, Int)] = [
        ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 30), ("Huỳnh", 20),
        ("Phan", 45), ("Vũ", 25), ("Võ", 15), ("Đặng", 20), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13),
        ("Ngô", 13), ("Dương", 10), ("Lý", 5), ("Đinh", 6), ("Trịnh", 5), ("Đoàn", 4), ("Lương", 4),
    ]
    static let maleMiddle = ["Văn", "Hữu", "Đức", "Minh", "Quang", "Thành", "Công", "Xuân", "Ngọc", "Đình"]
    static let femaleMiddle = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Hồng", "Kim", "Phương", "Mai"]
    static let maleGiven = [
        "An", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hùng", "Huy", "Khánh", "Long", "Minh", "Nam", "Phong",
        "Quân", "Sơn", "Thắng", "Tuấn", "Tùng", "Việt", "Vinh", "Hiếu", "Trung", "Thịnh", "Đạt", "Lộc",
    ]
    static let femaleGiven = [
        "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Loan", "Mai", "Nga",
        "Ngọc", "Nhung", "Oanh", "Phương", "Quyên", "Thảo", "Trang", "Tuyết", "Vân", "Yến", "Đặng", "Hằng",
    ]
    static let streets = ["Khương Đình", "Khương Trung", "Nguyễn Trãi", "Vũ Trọng Phụng", "Hạ Đình", "Quan Nhân", "Bùi Xương Trạch"]

    var rng: SeededRandom
    let options: Options
    var usedIDs = Set<String>()

    public init(_ options: Options) { self.options = options; rng = SeededRandom(seed: options.seed) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    mutating func pick<T>(_ list: [T]) -> T { list[int(0...(list.count - 1))] }
    mutating func family() -> String {
        let total = Self.families.reduce(0) { $0 + $1.1 }
        var r = int(1...total)
        for (name, w) in Self.families { r -= w; if r <= 0 { return name } }
        return "Nguyễn"
    }

    mutating func name(family: String, male: Bool) -> String {
        male ? "\(family) \(pick(Self.maleMiddle)) \(pick(Self.maleGiven))" : "\(family) \(pick(Self.femaleMiddle)) \(pick(Self.femaleGiven))"
    }

    mutating func birth(age: Int) -> LocalDate {
        let year = options.today.year - age - (int(0...1))
        let month = int(1...12)
        return LocalDate(year: year, month: month, day: int(1...LocalDate.daysIn(year: year, month: month)))!
    }

    mutating func nationalID(_ birth: LocalDate, male: Bool) -> String {
        let century = (birth.year / 100 - 19) * 2 + (male ? 0 : 1)
        let prefix = String(format: "001%d%02d", (century + 10) % 10, birth.year % 100)
        while true {
            let id = prefix + String(format: "%06d", int(0...999_999))
            if usedIDs.insert(id).inserted { return id }
        }
    }

    struct Person { var name: String; var male: Bool; var birth: LocalDate; var relation: String; var id: String? }

    public mutating func generate() -> Output {
        var lines = [RegistryImportParser.templateHeader(vietnamese: false, circumstances: false).joined(separator: ",")]
        var duplicates: [PlantedDuplicate] = []
        var invalid: [Int] = []
        var keys: [Int: (String, String, String)] = [:]
        var persons = 0
        var pendingDuplicates: [(Int, Person, String)] = []
        for h in 0..<options.households {
            let commune = options.communes[h % options.communes.count]
            let code = String(format: "%@-G%07d", commune, h + 1)
            let group = options.groups > 0 ? "Tổ dân phố \(int(1...options.groups))" : ""
            let address = "Số \(int(1...200)) ngõ \(int(1...90)) \(pick(Self.streets))"
            let fam = family()
            var members: [Person] = []
            let headMale = chance(0.62)
            let headAge = int(24...88)
            let head = Person(name: name(family: fam, male: headMale), male: headMale, birth: birth(age: headAge), relation: "head", id: nil)
            members.append(head)
            let size = [1, 1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 6, 7][int(0...14)]
            if size >= 2 && headAge >= 22 {
                let spouseAge = max(20, headAge + int(-6...4))
                members.append(
                    Person(name: name(family: family(), male: !headMale), male: !headMale, birth: birth(age: spouseAge), relation: "spouse", id: nil))
            }
            while members.count < size {
                let roll = int(0...9)
                if roll < 7 && headAge >= 20 {
                    let male = chance(0.51)
                    let age = max(0, headAge - int(20...38))
                    members.append(Person(name: name(family: fam, male: male), male: male, birth: birth(age: age), relation: "child", id: nil))
                } else if roll < 8 && headAge <= 60 {
                    let male = chance(0.45)
                    members.append(
                        Person(
                            name: name(family: male ? fam : family(), male: male), male: male, birth: birth(age: min(100, headAge + int(20...32))),
                            relation: "parent", id: nil))
                } else if headAge >= 50 {
                    let male = chance(0.5)
                    members.append(
                        Person(
                            name: name(family: fam, male: male), male: male, birth: birth(age: max(0, headAge - int(45...60))), relation: "grandchild", id: nil)
                    )
                } else {
                    let male = chance(0.5)
                    members.append(
                        Person(
                            name: name(family: fam, male: male), male: male, birth: birth(age: max(0, headAge + int(-10...10))), relation: "sibling", id: nil))
                }
            }
            for var p in members {
                let age = p.birth.age(on: options.today)
                if chance(age >= 14 ? 0.85 : 0.5) { p.id = nationalID(p.birth, male: p.male) }
                var cells = [code, commune, group, address, "", p.name, p.male ? "male" : "female", p.birth.iso, p.id ?? "", p.relation]
                let d = int(0...999)
                let disability = d < 20 ? "severe" : (d < 30 ? "especially_severe" : (d < 60 ? "mild" : "none"))
                let certificate =
                    (disability == "severe" || disability == "especially_severe")
                    ? LocalDate(year: max(p.birth.year + 1, options.today.year - int(0...10)), month: int(1...12), day: int(1...28))!.iso : ""
                cells += [
                    disability, certificate > p.birth.iso ? certificate : (certificate.isEmpty ? "" : options.today.iso),
                    age >= 60 && chance(0.3) ? "yes" : "no", p.relation == "head" && chance(0.7) ? String(format: "09%08d", int(0...99_999_999)) : "",
                ]
                let row = lines.count + 1
                // A few invalid rows, never the head's (so the household stays whole when skipped).
                if p.relation != "head" && chance(options.invalidRate) {
                    switch int(0...2) {
                    case 0: cells[7] = "\(p.birth.year)-02-30"
                    case 1: cells[6] = "x"
                    default: cells[8] = "12345678901"
                    }
                    invalid.append(row)
                } else {
                    keys[row] = (code, p.name, p.birth.iso)
                    if chance(options.duplicateRate) { pendingDuplicates.append((row, p, commune)) }
                }
                lines.append(cells.map(Self.escape).joined(separator: ","))
                persons += 1
            }
            // Planted duplicates go into a household of their own further down the file.
            if pendingDuplicates.count >= 1 && (h % 7 == 6 || h == options.households - 1) {
                for (original, p, commune) in pendingDuplicates {
                    let dupCode = String(format: "%@-D%07d", commune, lines.count)
                    var copy = p
                    let kind: String
                    if let id = p.id, chance(0.5) {
                        // The same person typed again with one digit wrong and a different day of birth.
                        var digits = Array(id)
                        let i = int(6...11)
                        digits[i] = Character(String((Int(String(digits[i]))! + int(1...9)) % 10))
                        copy.id = String(digits)
                        if !usedIDs.insert(copy.id!).inserted { copy.id = nil }
                        copy.birth = LocalDate(year: p.birth.year, month: p.birth.month, day: p.birth.day == 1 ? 2 : 1)!
                        kind = "national_id_typo"
                    } else {
                        copy.id = nil
                        kind = "name_birth"
                    }
                    let cells = [
                        dupCode, commune, options.groups > 0 ? "Tổ dân phố 1" : "", "Tạm trú", "", copy.name, copy.male ? "male" : "female",
                        copy.birth.iso, copy.id ?? "", "head", "none", "", "no", "",
                    ]
                    let row = lines.count + 1
                    lines.append(cells.map(Self.escape).joined(separator: ","))
                    keys[row] = (dupCode, copy.name, copy.birth.iso)
                    duplicates.append(PlantedDuplicate(original: original, copy: row, kind: kind))
                    persons += 1
                }
                pendingDuplicates.removeAll()
            }
        }
        return Output(csv: lines.joined(separator: "\n") + "\n", persons: persons, duplicates: duplicates, invalidRows: invalid, keys: keys)
    }

    public static func escape(_ s: String) -> String {
        s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
