import Foundation
import Testing
@testable import AnsinhCore

@Suite("Calendar dates and months")
struct LocalDateTests {
    @Test func parsesAndRejects() {
        #expect(LocalDate(iso: "2024-02-29")?.day == 29)
        #expect(LocalDate(iso: "2023-02-29") == nil)
        #expect(LocalDate(iso: "2024-13-01") == nil)
        #expect(LocalDate(iso: "2024-1-01") == nil)
        #expect(LocalDate(iso: "abcd-ef-gh") == nil)
        #expect(YearMonth(iso: "2024-07")?.month == 7)
        #expect(YearMonth(iso: "2024-7") == nil)
    }

    /// "Từ đủ N tuổi": the N-th birthday itself counts.
    @Test(arguments: [
        ("1964-07-15", "2024-07-14", 59), ("1964-07-15", "2024-07-15", 60), ("1964-07-15", "2024-07-16", 60),
        ("2020-02-29", "2024-02-28", 3), ("2020-02-29", "2024-02-29", 4), ("2020-02-29", "2023-02-28", 2),
        ("2020-02-29", "2023-03-01", 3),
    ])
    func ageOnExactBirthday(birth: String, on: String, expected: Int) {
        #expect(LocalDate(iso: birth)!.age(on: LocalDate(iso: on)!) == expected)
    }

    @Test func monthArithmetic() {
        let m = YearMonth(iso: "2024-11")!
        #expect(m.adding(months: 2).iso == "2025-01")
        #expect(m.adding(months: -11).iso == "2023-12")
        #expect(m.lastDay.iso == "2024-11-30")
        #expect(YearMonth(iso: "2024-02")!.lastDay.day == 29)
    }

    @Test func formatsPerLocale() {
        let d = LocalDate(iso: "2026-07-01")!
        #expect(d.formatted(.vi) == "01/07/2026")
        #expect(d.formatted(.en) == "2026-07-01")
    }

    @Test func dateInOfficeTimeZone() {
        // 2026-06-30T18:30:00Z is already 1 July in Hà Nội (UTC+7).
        let instant = Date(timeIntervalSince1970: 1_782_844_200)
        #expect(LocalDate.of(instant, in: TimeZone(identifier: "Asia/Ho_Chi_Minh")!).iso == "2026-07-01")
        #expect(LocalDate.of(instant, in: TimeZone(identifier: "UTC")!).iso == "2026-06-30")
    }
}

@Suite("Money in đồng")
struct MoneyTests {
    @Test(arguments: [
        (Int64(1_900_000_000), AppLocale.vi, "1.900.000.000 ₫"),
        (Int64(1_250_000), AppLocale.vi, "1.250.000 ₫"),
        (Int64(500), AppLocale.vi, "500 ₫"),
        (Int64(0), AppLocale.vi, "0 ₫"),
        (Int64(-360_000), AppLocale.vi, "-360.000 ₫"),
        (Int64(1_250_000), AppLocale.en, "₫1,250,000"),
        (Int64(1_250_000), AppLocale.ar, "1\u{066C}250\u{066C}000 ₫"),
    ])
    func formats(value: Int64, locale: AppLocale, expected: String) {
        #expect(Dong(value).formatted(locale) == expected)
    }

    @Test func arithmeticIsExact() {
        #expect((Dong(500_000) + Dong(750_000)).value == 1_250_000)
        #expect((Dong(500_000) - Dong(750_000)).value == -250_000)
    }
}

@Suite("Configuration from the environment")
struct ConfigurationTests {
    func parse(_ env: [String: String]) throws(ConfigurationError) -> AppConfiguration {
        try AppConfiguration.fromEnvironment(env) { "generated-secret-generated-secret-123" }
    }

    @Test func defaults() throws {
        let c = try parse([:])
        #expect(c.database == .sqliteFile(path: "ansinh.sqlite"))
        #expect(c.defaultLocale == .vi)
        #expect(c.timeZone.identifier == "Asia/Ho_Chi_Minh")
        #expect(c.secretWasGenerated)
        #expect(!c.secureCookies)
    }

    @Test func databaseURLs() throws {
        #expect(try parse(["DATABASE_URL": "sqlite:///var/lib/ansinh/a.sqlite"]).database == .sqliteFile(path: "/var/lib/ansinh/a.sqlite"))
        #expect(try parse(["DATABASE_URL": "sqlite::memory:"]).database == .sqliteMemory)
        #expect(try parse(["DATABASE_URL": "postgres://u:p@127.0.0.1:5432/ansinh"]).database == .postgres(url: "postgres://u:p@127.0.0.1:5432/ansinh"))
    }

    @Test(arguments: [
        (["DATABASE_URL": "mysql://x"], "DATABASE_URL", "config.database_url_scheme"),
        (["DATABASE_URL": "sqlite://"], "DATABASE_URL", "config.database_url_sqlite_path"),
        (["DATABASE_URL": "postgres://"], "DATABASE_URL", "config.database_url_postgres"),
        (["ANSINH_LOCALE": "fr"], "ANSINH_LOCALE", "config.locale"),
        (["ANSINH_TIMEZONE": "Mars/Olympus"], "ANSINH_TIMEZONE", "config.timezone"),
        (["ANSINH_SECRET": "short"], "ANSINH_SECRET", "config.secret_short"),
        (["ANSINH_ENV": "production"], "ANSINH_SECRET", "config.secret_required"),
        (["ANSINH_ENV": "prod"], "ANSINH_ENV", "config.env_mode"),
        (["ANSINH_SECURE_COOKIES": "maybe"], "ANSINH_SECURE_COOKIES", "config.boolean"),
        (["ANSINH_LOG_LEVEL": "loud"], "ANSINH_LOG_LEVEL", "config.log_level"),
        // Sealed fields need a key that is not in the database.
        (["ANSINH_ENV": "production", "ANSINH_SECRET": String(repeating: "s", count: 40)], "ANSINH_DATA_KEY", "config.data_key_required"),
        (["ANSINH_DATA_KEY": "c2hvcnQ="], "ANSINH_DATA_KEY", "config.data_key"),
        (["ANSINH_DATA_KEY": Data(count: 32).base64EncodedString(), "ANSINH_DATA_KEYS_OLD": "x,"], "ANSINH_DATA_KEY", "config.data_key"),
    ])
    func refusesWrongValues(env: [String: String], variable: String, key: String) {
        #expect(throws: ConfigurationError(variable: variable, message: Message(key, errorArgs(env, key)))) { try parse(env) }
    }

    func errorArgs(_ env: [String: String], _ key: String) -> [String: String] {
        switch key {
        case "config.secret_short": return ["min": "32"]
        case "config.secret_required", "config.data_key_required", "config.data_key": return [:]
        case "config.log_level": return ["value": env["ANSINH_LOG_LEVEL"]!]
        default: return ["value": env.values.first!]
        }
    }

    @Test func productionWithSecret() throws {
        let c = try parse([
            "ANSINH_ENV": "production", "ANSINH_SECRET": String(repeating: "s", count: 40), "ANSINH_SECURE_COOKIES": "true", "ANSINH_LOCALE": "ar",
            "ANSINH_DATA_KEY": Data(repeating: 1, count: 32).base64EncodedString(),
            "ANSINH_DATA_KEYS_OLD": " \(Data(repeating: 2, count: 32).base64EncodedString()) ,",
        ])
        #expect(c.dataKeys == [Data(repeating: 1, count: 32).base64EncodedString(), Data(repeating: 2, count: 32).base64EncodedString()])
        #expect(c.dataKeyFile == nil)
        #expect(c.mode == .production)
        #expect(!c.secretWasGenerated)
        #expect(c.secureCookies)
        #expect(c.defaultLocale == .ar)
    }
}

@Suite("Searching names without diacritics")
struct TextFoldingTests {
    @Test(arguments: [
        ("NGUYỄN THỊ ĐẶNG", "nguyen thi dang"),
        ("Nguyễn Thị Đặng", "nguyen thi dang"),
        ("  Phường   Khương Đình ", "phuong khuong dinh"),
        ("Tổ dân phố 1", "to dan pho 1"),
        ("Đỗ Quang Huy", "do quang huy"),
        ("مُحَمَّد", "محمد"),
        ("أحمد", "احمد"),
        ("إبراهيم", "ابراهيم"),
        ("فاطمة", "فاطمه"),
        ("مصطفى", "مصطفي"),
        ("عبـــدالله", "عبدالله"),
    ])
    func folds(input: String, expected: String) {
        #expect(TextFolding.fold(input) == expected)
    }

    @Test func tokensIgnoreOrder() {
        #expect(Set(TextFolding.tokens("Dang Nguyen")).isSubset(of: Set(TextFolding.tokens("Nguyễn Thị Đặng"))))
    }
}

@Suite("Roles and units")
struct RolesTests {
    @Test func treeShape() {
        #expect(UnitKind.commune.allowedChildren == [.residentialGroup])
        #expect(UnitKind.centre.allowedChildren == [.department])
        #expect(UnitKind.province.allowedChildren == [.commune, .centre])
        #expect(UnitKind.residentialGroup.allowedChildren.isEmpty)
    }

    @Test func onlyAdministratorsManageAccounts() {
        #expect(Role.allCases.filter { $0.can(.manageUsers) } == [.systemAdmin])
        #expect(Role.auditor.can(.viewAudit) && !Role.auditor.can(.manageUnits))
        #expect(Role.wardOfficer.creatableUnitKinds == [.residentialGroup])
        #expect(Role.centreManager.creatableUnitKinds == [.department])
        #expect(!Role.systemAdmin.creatableUnitKinds.contains(.country))
    }

    @Test func accountRules() {
        #expect(AccountRules.validateUsername("canbo.khuongdinh") == nil)
        #expect(AccountRules.validateUsername("Cán Bộ") != nil)
        #expect(AccountRules.validateUsername("ab") != nil)
        #expect(AccountRules.validatePassword("123456789") != nil)
        #expect(AccountRules.validatePassword("1234567890") == nil)
        #expect(AccountRules.validateUnitCode("00364-TDP01") == nil)
        #expect(AccountRules.validateUnitCode("00 364") != nil)
    }
}
