import Foundation

/// One row of a registry import file: one person, with the household they belong to.
public struct RegistryRow: Sendable, Equatable, Codable {
    public var row: Int
    public var householdCode: String
    public var communeCode: String
    public var residentialGroup: String
    public var address: String
    public var areaType: AreaType?
    public var fullName: String
    public var gender: Gender
    public var birth: BirthDate
    public var nationalID: String?
    public var relation: MemberRole
    public var disability: DisabilityLevel
    public var disabilityCertificateDate: LocalDate?
    public var hasPension: Bool
    public var phone: String?
    /// The allowance circumstances the row states (optional columns), the day they hold from
    /// (the import's day when not given) and the paper that shows them.
    public var circumstances: PersonCircumstances? = nil
    public var circumstancesFrom: LocalDate? = nil
    public var circumstancesSource: String? = nil
}

/// The columns of the import file, in the order of the template. Each has an English and a
/// Vietnamese header; headers are matched without case and diacritics, in any order.
public enum RegistryColumn: String, CaseIterable, Sendable {
    case householdCode = "household_code", communeCode = "commune_code", residentialGroup = "residential_group"
    case address, areaType = "area_type", fullName = "full_name", gender, dateOfBirth = "date_of_birth"
    case nationalID = "national_id", relationToHead = "relation_to_head", disabilityLevel = "disability_level"
    case disabilityCertificateDate = "disability_certificate_date", hasPension = "has_pension", phone
    // Optional allowance circumstances (Decree 20/2021 Art. 5, 20): one record per person,
    // from `circumstances_from`.
    case maritalStatus = "marital_status", fatherStatus = "father_status", motherStatus = "mother_status", abandoned, studying
    case firstDegree = "first_degree", receiving51At16 = "receiving_5_1_at_16", supporter, householdCarer = "household_carer"
    case communityCarer = "cared_by_community_carer", needsFacilityCare = "needs_facility_care", pregnant
    case socialInsuranceAmount = "monthly_social_insurance_amount", circumstancesFrom = "circumstances_from"
    case circumstancesSource = "circumstances_source"
    // The children raised (Art. 5(4), 20(2)(a)): their birth dates, as on the person's page.
    case childrenRaised = "children_raised", childrenStudying = "children_studying"
    case spouseCareSupport = "spouse_receives_care_support"

    /// The columns of the allowance circumstances.
    public static let circumstanceColumns: [RegistryColumn] = [
        .maritalStatus, .fatherStatus, .motherStatus, .abandoned, .studying, .firstDegree, .receiving51At16, .supporter, .householdCarer,
        .communityCarer, .needsFacilityCare, .pregnant, .socialInsuranceAmount, .circumstancesFrom, .circumstancesSource,
        .childrenRaised, .childrenStudying, .spouseCareSupport,
    ]

    public var vietnameseHeader: String {
        switch self {
        case .householdCode: return "Mã hộ"
        case .communeCode: return "Mã xã/phường"
        case .residentialGroup: return "Tổ dân phố/thôn"
        case .address: return "Địa chỉ"
        case .areaType: return "Khu vực"
        case .fullName: return "Họ và tên"
        case .gender: return "Giới tính"
        case .dateOfBirth: return "Ngày sinh"
        case .nationalID: return "Số định danh cá nhân"
        case .relationToHead: return "Quan hệ với chủ hộ"
        case .disabilityLevel: return "Mức độ khuyết tật"
        case .disabilityCertificateDate: return "Ngày xác nhận khuyết tật"
        case .hasPension: return "Có lương hưu"
        case .phone: return "Số điện thoại"
        case .maritalStatus: return "Tình trạng hôn nhân"
        case .fatherStatus: return "Tình trạng của cha"
        case .motherStatus: return "Tình trạng của mẹ"
        case .abandoned: return "Bị bỏ rơi"
        case .studying: return "Đang học"
        case .firstDegree: return "Văn bằng thứ nhất"
        case .receiving51At16: return "Đang hưởng trợ cấp khoản 1 Điều 5 khi đủ 16 tuổi"
        case .supporter: return "Người có nghĩa vụ phụng dưỡng"
        case .householdCarer: return "Có người trong hộ chăm sóc"
        case .communityCarer: return "Được nhận chăm sóc tại cộng đồng"
        case .needsFacilityCare: return "Thuộc diện chăm sóc tại cơ sở"
        case .pregnant: return "Đang mang thai"
        case .socialInsuranceAmount: return "Trợ cấp BHXH hằng tháng"
        case .circumstancesFrom: return "Hoàn cảnh tính từ ngày"
        case .circumstancesSource: return "Giấy tờ chứng minh hoàn cảnh"
        case .childrenRaised: return "Ngày sinh các con đang nuôi"
        case .childrenStudying: return "Ngày sinh các con 16–22 tuổi đang đi học"
        case .spouseCareSupport: return "Vợ/chồng đã hưởng hỗ trợ chăm sóc con"
        }
    }

    /// Other headers officers write for the same column (folded: no diacritics, lower case).
    public var aliases: [String] {
        switch self {
        case .nationalID: return ["so dinh danh", "cccd", "so cccd", "can cuoc", "so can cuoc", "can cuoc cong dan", "so can cuoc cong dan", "ma dinh danh"]
        case .fullName: return ["ho ten", "ten"]
        case .dateOfBirth: return ["ngay thang nam sinh", "nam sinh"]
        case .disabilityCertificateDate: return ["ngay cap giay xac nhan khuyet tat", "ngay cap giay xac nhan muc do khuyet tat"]
        case .phone: return ["dien thoai", "sdt", "so dt"]
        case .relationToHead: return ["quan he voi chu ho", "quan he"]
        case .householdCode: return ["ma ho gia dinh", "so ho"]
        default: return []
        }
    }

    /// Columns that must be present in the header.
    public static let required: [RegistryColumn] = [.householdCode, .communeCode, .fullName, .gender, .dateOfBirth, .relationToHead]
}

/// Parses and checks import rows. Pure: everything that needs the database (does the commune
/// exist, is the person already registered) is checked by the store.
public enum RegistryImportParser {
    /// Maps each known column to its index in the header, or reports missing columns.
    public static func columns(_ header: [String]) -> Result<[RegistryColumn: Int], FieldErrors> {
        var map: [RegistryColumn: Int] = [:]
        for (i, raw) in header.enumerated() {
            let folded = TextFolding.fold(raw)
            if let c = RegistryColumn.allCases.first(where: {
                TextFolding.fold($0.rawValue.replacingOccurrences(of: "_", with: " ")) == folded || TextFolding.fold($0.vietnameseHeader) == folded
                    || $0.aliases.contains(folded)
            }) {
                map[c] = i
            }
        }
        let missing = RegistryColumn.required.filter { map[$0] == nil }
        if !missing.isEmpty {
            return .failure(
                FieldErrors(missing.map { FieldError(field: $0.rawValue, message: Message("import.column_missing", ["column": $0.rawValue]), row: 1) }))
        }
        return .success(map)
    }

    static let genders: [String: Gender] = ["male": .male, "m": .male, "nam": .male, "female": .female, "f": .female, "nu": .female]
    static let relations: [String: MemberRole] = [
        "head": .head, "chu ho": .head, "spouse": .spouse, "vo": .spouse, "chong": .spouse, "vo chong": .spouse,
        "child": .child, "con": .child, "con de": .child, "con nuoi": .child, "parent": .parent, "bo": .parent, "me": .parent,
        "cha": .parent, "bo me": .parent, "grandchild": .grandchild, "chau": .grandchild, "sibling": .sibling, "anh": .sibling,
        "chi": .sibling, "em": .sibling, "anh chi em": .sibling, "other": .other, "khac": .other,
    ]
    static let disabilities: [String: DisabilityLevel] = [
        "": .none, "none": .none, "khong": .none, "mild": .mild, "nhe": .mild, "severe": .severe, "nang": .severe,
        "especially severe": .especiallySevere, "especially_severe": .especiallySevere, "dac biet nang": .especiallySevere,
    ]
    static let areas: [String: AreaType] = ["urban": .urban, "thanh thi": .urban, "rural": .rural, "nong thon": .rural]
    static let booleans: [String: Bool] = [
        "": false, "0": false, "no": false, "false": false, "khong": false,
        "1": true, "yes": true, "true": true, "co": true, "x": true,
    ]

    /// Parses one data row (`row` is the line number people see, the header being row 1).
    public static func parse(_ cells: [String], row: Int, columns map: [RegistryColumn: Int]) -> Result<RegistryRow, FieldErrors> {
        func cell(_ c: RegistryColumn) -> String {
            guard let i = map[c], i < cells.count else { return "" }
            return TextFolding.trimmed(cells[i])
        }
        var errors: [FieldError] = []
        func fail(_ c: RegistryColumn, _ key: String, _ args: [String: String] = [:]) {
            errors.append(FieldError(field: c.rawValue, message: Message(key, args), row: row))
        }
        func required(_ c: RegistryColumn) -> String {
            let v = cell(c)
            if v.isEmpty { fail(c, "validation.required") }
            return v
        }
        let householdCode = required(.householdCode)
        if !householdCode.isEmpty, AccountRules.validateUnitCode(householdCode) != nil { fail(.householdCode, "validation.unit_code") }
        var communeCode = required(.communeCode)
        if let n = Int(communeCode), communeCode.count < 5 { communeCode = String(format: "%05d", n) }  // Excel drops leading zeros
        let nameCell = required(.fullName)
        let fullName = singleSpaced(nameCell) ? nameCell : nameCell.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if fullName.utf8.count > 120 && fullName.count > 120 { fail(.fullName, "validation.required_text", ["max": "120"]) }

        let genderText = TextFolding.fold(cell(.gender))
        let gender = genders[genderText]
        if gender == nil { fail(.gender, cell(.gender).isEmpty ? "validation.required" : "import.bad_gender", ["value": cell(.gender)]) }

        let birthText = cell(.dateOfBirth)
        let birth = BirthDate(text: birthText)
        if birth == nil { fail(.dateOfBirth, birthText.isEmpty ? "validation.required" : "import.bad_date", ["value": birthText]) }

        let relationText = TextFolding.fold(cell(.relationToHead))
        let relation = relations[relationText]
        if relation == nil { fail(.relationToHead, relationText.isEmpty ? "validation.required" : "import.bad_relation", ["value": cell(.relationToHead)]) }

        let disability = disabilities[TextFolding.fold(cell(.disabilityLevel))]
        if disability == nil { fail(.disabilityLevel, "import.bad_disability", ["value": cell(.disabilityLevel)]) }
        var certificate: LocalDate? = nil
        let certText = cell(.disabilityCertificateDate)
        if !certText.isEmpty {
            if let b = BirthDate(text: certText), let d = b.date {
                certificate = d
            } else {
                fail(.disabilityCertificateDate, "import.bad_date", ["value": certText])
            }
        }
        if let disability, disability != .none, disability != .mild, certificate == nil, map[.disabilityCertificateDate] != nil {
            fail(.disabilityCertificateDate, "import.certificate_required")
        }
        let pension = booleans[TextFolding.fold(cell(.hasPension))]
        if pension == nil { fail(.hasPension, "import.bad_boolean", ["value": cell(.hasPension)]) }

        var area: AreaType? = nil
        let areaText = TextFolding.fold(cell(.areaType))
        if !areaText.isEmpty {
            area = areas[areaText]
            if area == nil { fail(.areaType, "import.bad_area", ["value": cell(.areaType)]) }
        }

        var nationalID: String? = NationalID.normalise(cell(.nationalID))
        if nationalID!.isEmpty { nationalID = nil }
        if let id = nationalID, let problem = NationalID.problem(id, birthYear: birth?.year, gender: gender) {
            errors.append(FieldError(field: RegistryColumn.nationalID.rawValue, message: problem, row: row))
        }
        let phone = cell(.phone).filter { !" .-".contains($0) }
        if !phone.isEmpty, !(phone.allSatisfy { $0.isNumber || $0 == "+" } && (9...12).contains(phone.count)) {
            fail(.phone, "import.bad_phone", ["value": cell(.phone)])
        }
        if let b = birth, let d = certificate, let bd = b.date, d < bd { fail(.disabilityCertificateDate, "import.certificate_before_birth") }
        let stated = birth.flatMap { circumstances(cell, row: row, birth: $0) }
        if let stated { errors += stated.errors }

        if !errors.isEmpty { return .failure(FieldErrors(errors)) }
        return .success(
            RegistryRow(
                row: row, householdCode: householdCode, communeCode: communeCode,
                residentialGroup: cell(.residentialGroup), address: cell(.address), areaType: area,
                fullName: fullName, gender: gender!, birth: birth!, nationalID: nationalID,
                relation: relation!, disability: disability!, disabilityCertificateDate: certificate,
                hasPension: pension!, phone: phone.isEmpty ? nil : phone, circumstances: stated?.circumstances,
                circumstancesFrom: stated?.from, circumstancesSource: stated?.source))
    }

    /// True when `text` has no run of spaces and no other white space: no bytes of tab, line
    /// breaks, or the UTF-8 lead bytes of Unicode spaces (U+0085, U+00A0, U+2000…, U+3000).
    /// Most names are like that, and need no splitting and joining.
    static func singleSpaced(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for b in text.utf8 {
            if (0x09...0x0D).contains(b) || b == 0xC2 || b == 0xE2 || b == 0xE3 || (b == 0x20 && previous == 0x20) { return false }
            previous = b
        }
        return true
    }

    /// Checks that need the whole file: one head per household, no national ID twice.
    public static func crossCheck(_ rows: [RegistryRow]) -> [FieldError] {
        var errors: [FieldError] = []
        var seenID: [String: Int] = [:]
        for r in rows {
            if let id = r.nationalID {
                if let first = seenID[id] {
                    errors.append(FieldError(field: "national_id", message: Message("import.duplicate_id_in_file", ["row": "\(first)"]), row: r.row))
                } else {
                    seenID[id] = r.row
                }
            }
        }
        // Positions, not copies of the rows (a million rows in a file).
        let byHousehold = Dictionary(grouping: rows.indices, by: { rows[$0].householdCode })
        for (code, members) in byHousehold {
            let heads = members.filter { rows[$0].relation == .head }
            for h in heads.dropFirst() {
                errors.append(
                    FieldError(
                        field: "relation_to_head", message: Message("import.two_heads", ["code": code, "row": "\(rows[heads[0]].row)"]), row: rows[h].row))
            }
            let commune = rows[members[0]].communeCode
            for m in members where rows[m].communeCode != commune {
                errors.append(FieldError(field: "commune_code", message: Message("import.household_two_communes", ["code": code]), row: rows[m].row))
            }
        }
        return errors.sorted { ($0.row ?? 0, $0.field) < ($1.row ?? 0, $1.field) }
    }

    /// The header row of the template, in English codes or in Vietnamese; with the optional
    /// circumstance columns unless `circumstances` is false (the generated benchmark files).
    public static func templateHeader(vietnamese: Bool, circumstances: Bool = true) -> [String] {
        RegistryColumn.allCases.filter { circumstances || !RegistryColumn.circumstanceColumns.contains($0) }
            .map { vietnamese ? $0.vietnameseHeader : $0.rawValue }
    }
}
