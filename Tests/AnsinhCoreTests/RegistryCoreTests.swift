import Foundation
import Testing
@testable import AnsinhCore

@Suite("National ID, import rows, household flags")
struct RegistryCoreTests {
    @Test(arguments: [
        // (id, birth year, gender, expected problem key or nil)
        ("001050000123", 1950, Gender.male, nil as String?),
        ("001150000123", 1950, Gender.female, nil),
        ("079205001234", 2005, Gender.male, nil),
        ("079305001234", 2005, Gender.female, nil),
        ("001 050 000 123", 1950, Gender.male, nil),  // spaces typed by people are removed first
        ("00105000012", 1950, Gender.male, "validation.national_id_digits"),
        ("00105000012A", 1950, Gender.male, "validation.national_id_digits"),
        ("003050000123", 1950, Gender.male, "validation.national_id_province"),
        ("001051000123", 1950, Gender.male, "validation.national_id_year"),
        ("001250000123", 1950, Gender.male, "validation.national_id_year"),  // 2050, not 1950
        ("001150000123", 1950, Gender.male, "validation.national_id_gender"),
    ])
    func nationalIDs(id: String, year: Int, gender: Gender, expected: String?) {
        #expect(NationalID.problem(NationalID.normalise(id), birthYear: year, gender: gender)?.key == expected)
    }

    @Test func masking() {
        #expect(NationalID.masked("001050000123") == "001******123")
    }

    @Test func birthDates() {
        #expect(BirthDate(text: "1950")?.date == nil)
        #expect(BirthDate(text: "1950")?.year == 1950)
        #expect(BirthDate(text: "02/03/1950")?.text == "1950-03-02")
        #expect(BirthDate(text: "1950-02-30") == nil)
        #expect(BirthDate(text: "1950")!.age(on: LocalDate(iso: "2010-01-01")!) == 60)
        #expect(BirthDate(text: "1950")!.age(on: LocalDate(iso: "2009-12-31")!) == 59)
    }

    /// The blocked candidate pairs find exactly the pairs that testing every pair finds.
    @Test func duplicateCandidatesMissNoPair() {
        var rng = SeededRandom(seed: 7)
        for _ in 0..<50 {
            let group = (0..<60).map { _ -> DuplicateRules.Candidate in
                var id: String? = nil
                if Int.random(in: 0..<4, using: &rng) > 0 {
                    // Few digits vary, so typos, swaps and equal IDs all occur.
                    id = "0011580" + (0..<5).map { _ in String(Int.random(in: 0..<3, using: &rng)) }.joined()
                }
                return DuplicateRules.Candidate(
                    nationalID: id, birth: ["1950", "1950-01-02", "1951"][Int.random(in: 0..<3, using: &rng)],
                    householdID: ["h1", "h2", nil][Int.random(in: 0..<3, using: &rng)])
            }
            var brute: [String] = []
            for i in group.indices {
                for j in group.indices where j > i { if let r = DuplicateRules.reason(group[i], group[j]) { brute.append("\(i)-\(j)-\(r)") } }
            }
            let blocked = DuplicateRules.candidatePairs(group).compactMap { p in DuplicateRules.reason(group[p.0], group[p.1]).map { "\(p.0)-\(p.1)-\($0)" } }
            #expect(blocked == brute)
            #expect(!brute.isEmpty)
        }
    }

    @Test func csvReaderHandlesQuotesSemicolonsAndBlankLines() {
        let rows = CSVReader.rows("\u{FEFF}a;b;c\r\n\"x;1\";\"say \"\"hi\"\"\";\"two\nlines\"\r\n\r\nlast;;\n")
        #expect(rows.count == 4)
        #expect(rows[0] == ["a", "b", "c"])
        #expect(rows[1] == ["x;1", "say \"hi\"", "two\nlines"])
        #expect(rows[2] == [""])
        #expect(rows[3] == ["last", "", ""])
        // Tabs, letters of several bytes next to separators and quotes, old Mac line ends.
        let tabbed = CSVReader.rows("Họ và tên\tGhi chú\rNguyễn Thị Đặng\t\"Đ,\"\"ặ\"\"\"\rمُحَمَّد\t")
        #expect(tabbed == [["Họ và tên", "Ghi chú"], ["Nguyễn Thị Đặng", "Đ,\"ặ\""], ["مُحَمَّد", ""]])
        #expect(RegistryImportParser.singleSpaced("Nguyễn Thị Đặng"))
        #expect(!RegistryImportParser.singleSpaced("Nguyễn  Thị") && !RegistryImportParser.singleSpaced("Nguyễn\u{00A0}Thị"))
    }

    func columns(_ header: [String]) -> [RegistryColumn: Int] {
        guard case .success(let c) = RegistryImportParser.columns(header) else { Issue.record("header refused"); return [:] }
        return c
    }

    @Test func vietnameseHeadersAndValues() {
        let map = columns(RegistryImportParser.templateHeader(vietnamese: true))
        let cells = [
            "00364-H1", "364", "Tổ dân phố 1", "Số 1", "Thành thị", "  Nguyễn   Thị Đặng ", "Nữ", "02/03/1950",
            "001 150 000 123", "Chủ hộ", "Đặc biệt nặng", "2019-05-04", "Có", "0912 345 678",
        ]
        guard case .success(let r) = RegistryImportParser.parse(cells, row: 2, columns: map) else { Issue.record("row refused"); return }
        #expect(r.communeCode == "00364")
        #expect(r.fullName == "Nguyễn Thị Đặng")
        #expect(r.gender == .female)
        #expect(r.birth.text == "1950-03-02")
        #expect(r.nationalID == "001150000123")
        #expect(r.relation == .head)
        #expect(r.disability == .especiallySevere)
        #expect(r.hasPension)
        #expect(r.phone == "0912345678")
        #expect(r.areaType == .urban)
    }

    @Test func everyProblemOfARowIsReported() {
        let map = columns(RegistryImportParser.templateHeader(vietnamese: false))
        let cells = ["00364-H1", "00364", "", "", "city", "", "x", "1950-13-01", "12345", "boss", "very", "", "maybe", "12"]
        guard case .failure(let e) = RegistryImportParser.parse(cells, row: 7, columns: map) else { Issue.record("row accepted"); return }
        let byField = Dictionary(e.list.map { ($0.field, $0.message.key) }, uniquingKeysWith: { a, _ in a })
        #expect(e.list.allSatisfy { $0.row == 7 })
        #expect(byField["full_name"] == "validation.required")
        #expect(byField["gender"] == "import.bad_gender")
        #expect(byField["date_of_birth"] == "import.bad_date")
        #expect(byField["national_id"] == "validation.national_id_digits")
        #expect(byField["relation_to_head"] == "import.bad_relation")
        #expect(byField["disability_level"] == "import.bad_disability")
        #expect(byField["has_pension"] == "import.bad_boolean")
        #expect(byField["area_type"] == "import.bad_area")
        #expect(byField["phone"] == "import.bad_phone")
    }

    @Test func missingColumnsAreNamed() {
        guard case .failure(let e) = RegistryImportParser.columns(["household_code", "full_name"]) else { Issue.record("accepted"); return }
        #expect(e.list.map(\.field) == ["commune_code", "gender", "date_of_birth", "relation_to_head"])
    }

    @Test func fileLevelChecks() {
        func row(_ n: Int, _ code: String, _ rel: MemberRole, _ id: String?, commune: String = "00364") -> RegistryRow {
            RegistryRow(
                row: n, householdCode: code, communeCode: commune, residentialGroup: "", address: "", areaType: nil, fullName: "A",
                gender: .male, birth: BirthDate(year: 1980), nationalID: id, relation: rel, disability: .none,
                disabilityCertificateDate: nil, hasPension: false, phone: nil)
        }
        let errors = RegistryImportParser.crossCheck([
            row(2, "H1", .head, "001080000001"), row(3, "H1", .head, nil), row(4, "H2", .head, "001080000001"),
            row(5, "H2", .child, nil, commune: "00365"),
        ])
        #expect(errors.map { "\($0.row!):\($0.message.key)" } == ["3:import.two_heads", "4:import.duplicate_id_in_file", "5:import.household_two_communes"])
    }

    @Test func householdFlagsWithReasons() {
        let day = LocalDate(iso: "2026-11-24")!
        func m(_ name: String, _ birth: String, _ d: DisabilityLevel = .none, merit: Bool = false) -> MemberFacts {
            MemberFacts(name: name, birth: BirthDate(text: birth)!, disability: d, hasMerit: merit, deathDate: nil)
        }
        #expect(HouseholdFlags.derive([m("Bà Tư", "1940")], on: day).map(\.flag) == [.lonelyElderly])
        #expect(HouseholdFlags.derive([m("Ông", "1945"), m("Bà", "1948")], on: day).map(\.flag) == [.lonelyElderly, .lonelyElderly])
        #expect(HouseholdFlags.derive([m("Ông", "1945"), m("Con", "1980")], on: day).isEmpty)
        // Turning 60 exactly on the day counts; one day earlier does not.
        #expect(HouseholdFlags.derive([m("A", "1966-11-24")], on: day).map(\.flag) == [.lonelyElderly])
        #expect(HouseholdFlags.derive([m("A", "1966-11-25")], on: day).isEmpty)
        let mixed = HouseholdFlags.derive([m("Mẹ", "1985"), m("Bé", "2015-01-01", .severe), m("Ông", "1950", merit: true)], on: day)
        #expect(mixed.map(\.flag) == [.childWithDisability, .policyFamily])
        #expect(mixed[0].reason == Message("flag.reason.disability", ["name": "Bé", "age": "11", "level": "@disability.severe"]))
    }
}
