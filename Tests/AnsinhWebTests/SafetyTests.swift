import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import ZIPFoundation
@testable import AnsinhWeb

/// "Safe for real use": bounded numbers, escaped attributes, same-site redirects, sensitive
/// categories kept inside, hostile spreadsheets, the demo kept out of production, audited
/// exports. Each test fails on the code before the fix (see the issue note for the requests).
@Suite("Safety: bounds, escaping, redirects, sensitivity, spreadsheets, production")
struct SafetyTests {
    // MARK: Numbers from outside

    @Test func boundsRefuseEveryValueOutsideTheRange() throws {
        #expect(try Bounds.int("3", field: "page", in: Bounds.page) == 3)
        #expect(try Bounds.int(nil, field: "page", in: Bounds.page) == nil)
        #expect(try Bounds.int(" ", field: "page", in: Bounds.page) == nil)
        for bad in ["9223372036854775807", "9223372036854775808", "-9223372036854775808", "0", "-1", "1e3", "abc", "1000001", "1.5"] {
            #expect(throws: AppError.self, "\(bad)") { try Bounds.int(bad, field: "page", in: Bounds.page) }
        }
        #expect(try Bounds.int("2100", field: "year", in: Bounds.year) == 2100)
        #expect(throws: AppError.self) { try Bounds.int("2101", field: "year", in: Bounds.year) }
        #expect(try Bounds.amount("10000000000000", field: "amount") == 10_000_000_000_000)
        #expect(throws: AppError.self) { try Bounds.amount("10000000000001", field: "amount") }
        #expect(throws: AppError.self) { try Bounds.amount("-1", field: "amount") }
        // The clamp behind the check: no page can make the offset overflow.
        #expect(PageSpec(page: Int.max, perPage: Int.max).offset == (1_000_000 - 1) * 200)
        // Month arithmetic at the calendar's ends clamps instead of trapping.
        #expect(YearMonth(year: 9999, month: 12)!.adding(months: 1) == YearMonth(year: 9999, month: 12)!)
        #expect(YearMonth(year: 1, month: 1)!.adding(months: -Int.max) == YearMonth(year: 1, month: 1)!)
        #expect(LocalDate(year: 2026, month: 1, day: 1)!.adding(days: Int.max).year == 9999)
        // Dates read as text stay within 1800–2200.
        #expect(LocalDate(iso: "9999-12-31") == nil)
        #expect(YearMonth(iso: "0001-01") == nil)
        #expect(LocalDate(iso: "1950-01-02") != nil)
    }

    @Test(arguments: TestDatabase.all)
    func hugePageOrYearIsA422NotACrash(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let b = TestBrowser(app)
            try await b.login("canbo.khuongdinh")
            for path in [
                "/admin/units?page=9223372036854775807", "/review/report?year=-9223372036854775808",
                "/registry/persons?per_page=0", "/payments/report?year=99999999999999999999", "/registry/households?page=-1",
            ] {
                try await b.get(path)
                #expect(b.lastStatus == 422, "\(path)")
                #expect(b.lastBody.contains("Nhập một số nguyên từ"), "\(path) names the range")
            }
            try await b.get("/admin/units?page=2")
            #expect(b.lastStatus == 200)
            let u = try await UserRepository(app.store).find(username: "admin")!
            let token = try await TokenRepository(app.store).create(.system, for: u.id, name: "t")
            let res = try await apiRequest(app, .GET, "/api/v1/persons?page=9223372036854775807", token: token, language: "en")
            #expect(res.status.code == 422)
            let problem = jsonObject(res)
            #expect(problem["code"] as? String == "validation_failed")
            let errors = problem["errors"] as? [[String: Any]]
            #expect(errors?.first?["field"] as? String == "page")
            #expect(errors?.first?["message"] as? String == "Enter a whole number from 1 to 1000000.")
        }
    }

    // MARK: Markup

    @Test func everyAttributeValueIsEscaped() {
        #expect(H.escapeAttribute(#"a"b'c<d>e&f"#) == "a&quot;b&#39;c&lt;d&gt;e&amp;f")
        #expect(H.escapeAttribute("Nguyễn Thị Đặng") == "Nguyễn Thị Đặng")
        let node = H.el(.a, [("href", #""><x-evil a='"#), ("title", "&amp;")], [.text("t")])
        let html = node.render()
        #expect(html == #"<a href="&quot;&gt;&lt;x-evil a=&#39;" title="&amp;amp;">t</a>"#)
    }

    @Test(arguments: TestDatabase.all)
    func reflectedAndStoredValuesComeBackEscaped(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let b = TestBrowser(app)
            try await b.get(#"/login?next=%22%3E%3Cmeta%20http-equiv=refresh%20content=%220;url=https://example.org%22%3E"#)
            #expect(b.lastStatus == 200)
            #expect(!b.lastBody.contains("<meta http-equiv=refresh"))
            #expect(b.lastBody.contains(#"name="next" value="/""#))
            try await b.login("canbo.khuongdinh")
            let ward = try await UnitRepository(app.store).find(code: "00364")!.id.uuidString
            try await b.get("/registry/households/new")
            let evil = #"Số 1 "><x-evil a='1'>"#
            try await b.post(
                "/registry/households",
                [
                    ("code", "00364-ESC1"), ("commune_id", ward), ("address", evil), ("since", "2026-01-01"),
                    ("head_full_name", #"Lê "><x-evil>An"#), ("head_gender", "male"),
                    ("head_birth", "1960-04-04"), ("head_disability", "none"),
                ])
            #expect(b.lastStatus == 303)
            let household = b.lastLocation!
            for path in [
                household, "/registry/households?q=00364-ESC1", #"/registry/households?q=%22%3E%3Cx-evil%3E"#,
                "/registry/persons?q=Le+An",
            ] {
                try await b.get(path)
                #expect(b.lastStatus == 200, "\(path)")
                #expect(!b.lastBody.contains("<x-evil"), "\(path) echoes markup")
            }
            try await b.get(household)
            #expect(b.lastBody.contains("&lt;x-evil"))
            // The person page title (Plot's og:/twitter: meta tags once wrote it raw).
            let person = b.lastBody.range(of: #"/registry/persons/[0-9A-F-]{36}"#, options: .regularExpression).map { String(b.lastBody[$0]) }!
            try await b.get(person)
            #expect(b.lastStatus == 200)
            #expect(!b.lastBody.contains("<x-evil"))
            #expect(
                b.lastBody.contains(#"<title>Lê &quot;&gt;&lt;x-evil&gt;An — Ansinh</title>"#)
                    || b.lastBody.contains("<title>Lê \"&gt;&lt;x-evil&gt;An — Ansinh</title>"))
        }
    }

    @Test func onlySameSitePathsAreFollowedAfterSignIn() {
        let refused = [
            "//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example", "https://evil.example", "evil",
            "/%2F%2Fevil.example", "/%5Cevil", "/a//b", "/ a", "/\u{7F}", String(repeating: "a", count: 10) + "/x", "/login?next=/x", "/logout",
            "/" + String(repeating: "x", count: 2_001), "javascript:alert(1)", "/\u{2028}x",
        ]
        for r in refused { #expect(AuthController.safeNext(r) == "/", "\(r.debugDescription)") }
        for ok in ["/", "/registry/households?q=Nguyen&page=2", "/admin/units/6B79D6AF-B0C7-4658-8CE2-94424F27B31E"] {
            #expect(AuthController.safeNext(ok) == ok)
        }
        #expect(AuthController.safeNext("/login?lang=en", allowLoginPage: true) == "/login?lang=en")
    }

    @Test(arguments: TestDatabase.all)
    func firstVisitTakesTheBrowsersLanguage(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let b = TestBrowser(app)
            try await b.get("/login", headers: ["Accept-Language": "ar-EG,ar;q=0.9,en;q=0.5"])
            #expect(b.lastBody.contains(#"<html lang="ar" dir="rtl">"#))
            try await b.get("/login", headers: ["Accept-Language": "fr-FR, en-GB;q=0.8"])
            #expect(b.lastBody.contains(#"<html lang="en" dir="ltr">"#))
            try await b.get("/login", headers: ["Accept-Language": "fr-FR"])
            #expect(b.lastBody.contains(#"<html lang="vi" dir="ltr">"#))
            // A stored choice wins over the header.
            try await b.post("/language", [("locale", "en"), ("back", "/login")])
            try await b.get("/login", headers: ["Accept-Language": "ar"])
            #expect(b.lastBody.contains(#"<html lang="en" dir="ltr">"#))
        }
    }

    // MARK: Sensitivity classes

    @Test func rolesSeeOnlyTheirSensitivityClasses() {
        #expect(Role.accountant.sensitiveClasses.isEmpty)
        #expect(Role.auditor.sensitiveClasses.isEmpty)
        #expect(Role.wardOfficer.canView(.hiv))
        #expect(!Role.wardOfficer.canView(.psychotherapy))
        #expect(Role.centreSocialWorker.canView(.childProtection))
        #expect(SensitivityClass.of(category: "D20-5.3.under4") == .hiv)
        #expect(SensitivityClass.of(category: "D20-5.8") == .hiv)
        #expect(SensitivityClass.of(category: "D20-5.30") == nil)
        #expect(SensitivityClass.of(category: "D20-5.6.severe") == nil)
        #expect(SensitivityClass.visibleCategories(["D20-5.3.under4", "D20-5.6.severe", "D20-5.8"], for: .accountant) == ["D20-5", "D20-5.6.severe"])
        #expect(SensitivityClass.visibleCategories(["D20-5.3", "D20-5.6.severe"], for: .wardOfficer) == ["D20-5.3", "D20-5.6.severe"])
        #expect(SensitivityClass.withoutSensitive(["D20-5.3", "D20-5.6.severe"]) == ["D20-5", "D20-5.6.severe"])
    }

    @Test(arguments: TestDatabase.all)
    func listsNeverCarryHIVAndExportsAreAudited(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let ward = try await UnitRepository(app.store).find(code: "00364")!
            let officer = try await UserRepository(app.store).find(username: "canbo.khuongdinh")!
            let actor = try await UserRepository(app.store).actor(for: officer.id, fallbackLocale: .vi)!
            let created = try await RegistryRepository(app.store).createHousehold(
                actor,
                HouseholdInput(
                    code: "00364-HIV1", communeID: ward.id, groupID: nil, address: "Số 2", areaType: nil, phone: nil),
                head: PersonInput(fullName: "Đỗ Văn Hải", gender: "male", birth: "1980-02-02", hiv: true), since: LocalDate(year: 2026, month: 1, day: 1)!)
            _ = created
            let token = try await TokenRepository(app.store).create(.system, for: officer.id, name: "t")
            let res = try await apiRequest(app, .GET, "/api/v1/persons?q=Do+Van+Hai", token: token)
            #expect(res.status == .ok)
            let items = jsonObject(res)["items"] as? [[String: Any]] ?? []
            #expect(items.count == 1)
            #expect(items.first?.keys.contains("hiv") == false)

            let b = TestBrowser(app)
            try await b.login("canbo.khuongdinh")
            let before = try await AuditEntryModel.query(on: app.db).filter(\.$action == "export").count()
            try await b.get("/registry/persons/export.csv?q=Do+Van+Hai")
            #expect(b.lastStatus == 200)
            let exports = try await AuditEntryModel.query(on: app.db).filter(\.$action == "export").sort(\.$atMillis).all()
            #expect(exports.count == before + 1)
            #expect(exports.last?.afterJSON?.contains(#""rows":"1""#) == true)
            #expect(exports.last?.actorName == "canbo.khuongdinh")
            // The template holds no one's data and is not recorded.
            try await b.get("/registry/import/template.csv")
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "export").count() == before + 1)
        }
    }

    // MARK: Spreadsheets

    static func workbook(_ sheet: String, shared: String? = nil) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        var parts = [("xl/workbook.xml", "<workbook/>"), ("xl/worksheets/sheet1.xml", sheet)]
        if let shared { parts.append(("xl/sharedStrings.xml", shared)) }
        for (path, text) in parts {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { p, n in
                bytes.subdata(in: Int(p)..<min(Int(p) + n, bytes.count))
            }
        }
        return archive.data!
    }

    static func rows(_ body: String) -> String {
        #"<?xml version="1.0"?><worksheet><sheetData>"# + body + "</sheetData></worksheet>"
    }

    @Test(arguments: [
        (#"<row r="-1"><c r="A1"><v>1</v></c></row>"#, "import.xlsx_bad_row"),
        (#"<row r="0"><c r="A1"><v>1</v></c></row>"#, "import.xlsx_bad_row"),
        (#"<row r="99999999999"><c r="A1"><v>1</v></c></row>"#, "import.xlsx_bad_row"),
        (#"<row r="1"><c r="17"><v>1</v></c></row>"#, "import.xlsx_bad_cell"),
        (#"<row r="1"><c r="AAAAAAAAAAAAAAAAAAAA1"><v>1</v></c></row>"#, "import.xlsx_bad_cell"),
        (#"<row r="1"><c r="IW1"><v>1</v></c></row>"#, "import.xlsx_bad_cell"),
        (#"<row r="1"><c r="A1" t="s"><v>-1</v></c></row>"#, "import.xlsx_bad_shared"),
        (#"<row r="1"><c r="A1" t="s"><v>5</v></c></row>"#, "import.xlsx_bad_shared"),
        (#"<row r="1"><c r="A1" t="inlineStr"><is><t>{32768 x}</t></is></c></row>"#, "import.xlsx_cell_too_long"),
    ])
    func hostileWorkbooksGetAClearError(body: String, key: String) throws {
        // A long cell is written out here, not in the argument (which the test log prints).
        let sheet = body.replacingOccurrences(of: "{32768 x}", with: String(repeating: "x", count: 32_768))
        let data = try Self.workbook(Self.rows(sheet), shared: "<sst><si><t>a</t></si></sst>")
        do {
            _ = try XLSX.read(data)
            Issue.record("no error for \(body.prefix(60))")
        } catch let e as XLSX.ReadError {
            #expect(e.message.key == key)
        }
        // The import path turns it into a field error on "file".
        #expect(throws: AppError.self) { try UploadedSheet.csvText(data) }
    }

    @Test func aZipBombIsStoppedAtTheLimit() throws {
        var limits = XLSX.Limits()
        limits.uncompressedBytes = 1_048_576
        let big = Self.rows(#"<row r="1"><c r="A1" t="inlineStr"><is><t>"# + String(repeating: " ", count: 3 * 1_048_576) + "</t></is></c></row>")
        let data = try Self.workbook(big)
        #expect(data.count < 100_000)  // packs small
        do {
            _ = try XLSX.read(data, limits: limits)
            Issue.record("the bomb was inflated")
        } catch let e as XLSX.ReadError {
            #expect(e.message.key == "import.xlsx_too_large")
        }
        // A sound file within the limits still reads.
        #expect(try XLSX.read(try Self.workbook(Self.rows(#"<row r="2"><c r="B2" t="inlineStr"><is><t>x</t></is></c></row>"#))) == [[], ["", "x"]])
    }

    // MARK: Production

    @Test func productionNeverLoadsTheDemo() async throws {
        let app = try await Application.make(.testing)
        var config = AppConfiguration.testing()
        config.mode = .production
        do {
            try await configure(app, config, bcryptCost: 4)
            await #expect(throws: OperationError.self) { _ = try await Operations.prepareForServe(app, demo: true) }
            let r = try await Operations.prepareForServe(app, demo: false)
            #expect(r.created && !r.demoLoaded)
            #expect(try await UserModel.query(on: app.db).count() == 0)
            #expect(try await Operations.activeAdministrators(app) == 0)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    @Test func configurationReadsUploadLimitAndProxies() throws {
        let c = try AppConfiguration.fromEnvironment(["ANSINH_MAX_UPLOAD_MB": "10", "ANSINH_TRUSTED_PROXIES": "127.0.0.1, 10.0.0.2"]) { "s" }
        #expect(c.maxUploadMB == 10)
        #expect(c.trustedProxies == ["127.0.0.1", "10.0.0.2"])
        #expect(throws: ConfigurationError.self) { try AppConfiguration.fromEnvironment(["ANSINH_MAX_UPLOAD_MB": "0"]) { "s" } }
        #expect(throws: ConfigurationError.self) { try AppConfiguration.fromEnvironment(["ANSINH_MAX_UPLOAD_MB": "99999999999999999999"]) { "s" } }
    }
}

@Suite("Safety: national settings")
struct NationalSettingsTests {
    @Test(arguments: TestDatabase.all)
    func aProvincialAdministratorCannotChangeNationalSettings(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let province = try await UnitRepository(app.store).find(code: "01")!
            let user = try await UserRepository(app.store).create(
                .system,
                UserInput(
                    username: "qtv.hanoi", fullName: "Quản trị Hà Nội",
                    password: "province-admin-2026", role: "system_admin",
                    unitID: province.id, locale: nil))
            let provincial = try await UserRepository(app.store).actor(for: user.id, fallbackLocale: .vi)!
            #expect(!provincial.isNational)
            await #expect(throws: AppError.forbidden) { try await RuleSettingsRepository(app.store).set(provincial, name: "level_540000_enabled", value: true) }
            await #expect(throws: AppError.forbidden) { try await ReviewSettingsRepository(app.store).set(provincial, name: "posting_days", value: 5) }
            let national = try await UserRepository(app.store).actor(for: try await UserRepository(app.store).find(username: "admin")!.id, fallbackLocale: .vi)!
            #expect(national.isNational)
            try await ReviewSettingsRepository(app.store).set(national, name: "posting_days", value: 5)
            let b = TestBrowser(app)
            try await b.login("qtv.hanoi", "province-admin-2026")
            try await b.get("/review/settings")
            try await b.post("/review/settings", [("name", "posting_days"), ("value", "4")])
            #expect(b.lastStatus == 403)
            #expect(try await ReviewSettingsRepository(app.store).current().postingDays == 5)
        }
    }
}
