import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

@Suite("XLSX files")
struct SpreadsheetTests {
    @Test func writeThenReadKeepsEveryCell() throws {
        let rows = [
            ["household_code", "full_name", "national_id", "income", "note"],
            ["00364-H1", "Nguyễn Thị Đặng", "001152000321", "1500000", "a, \"b\" <c> & d"],
            ["", "مُحَمَّد", "", "-5", ""],
            ["x"],
        ]
        let data = try XLSX.write(rows, sheetName: "Hộ khẩu")
        #expect(XLSX.isXLSX(data))
        let back = try XLSX.read(data)
        #expect(back[0] == rows[0])
        #expect(back[1] == rows[1])
        #expect(back[2] == ["", "مُحَمَّد", "", "-5"])  // trailing empty cells are not stored
        #expect(back[3] == ["x"])
        #expect(throws: XLSX.ReadError.self) { try XLSX.read(Data("not a zip".utf8)) }
    }

    /// A file written by another spreadsheet program (openpyxl): shared strings, date cells,
    /// a year typed as a number, text cells with leading zeros.
    @Test func readsAFileFromAnotherProgram() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/registry-openpyxl.xlsx")
        let rows = try XLSX.read(try Data(contentsOf: url))
        #expect(rows.count == 3)
        #expect(rows[0][0] == "Mã hộ")
        #expect(rows[1][5] == "Nguyễn Thị Đặng")
        #expect(rows[1][7] == "1952-03-02")
        #expect(rows[1][8] == "001152000321")
        #expect(rows[1][11] == "2020-05-06")
        #expect(rows[1][13] == "0912345678")
        #expect(rows[2][5] == "Trần Văn \"Tư\"")
        #expect(rows[2][7] == "1950")
    }

    @Test(arguments: TestDatabase.all)
    func importAnXLSXFileAndExportOne(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let users = UserRepository(app.store)
            let officer = try await users.actor(for: try await users.find(username: "canbo.khuongdinh")!.id, fallbackLocale: .vi)!
            let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/registry-openpyxl.xlsx")
            let importer = RegistryImporter(app.store)
            let report = try await importer.validate(officer, fileName: "ho-khau.xlsx", data: try Data(contentsOf: url))
            #expect(report.errorRows == 0)
            _ = try await importer.run(officer, jobID: report.jobID, validOnly: false)
            let dang = try await PersonModel.query(on: app.db).filter(\.$nationalID == "001152000321").first()
            #expect(dang?.birthDate == "1952-03-02")
            #expect(dang?.disabilityCertificateDate == "2020-05-06")
            #expect(try await PersonModel.query(on: app.db).filter(\.$birthDate == "1950").first()?.fullName == "Trần Văn \"Tư\"")
            // A broken XLSX is refused with a clear message and nothing is written.
            var broken = Data([0x50, 0x4B, 0x03, 0x04]); broken.append(Data(repeating: 7, count: 64))
            await #expect(throws: AppError.invalid("file", "import.not_xlsx")) {
                _ = try await importer.validate(officer, fileName: "hong.xlsx", data: broken)
            }
            // Export the persons as XLSX and read it back.
            let b = TestBrowser(app)
            try await b.login("canbo.khuongdinh")
            try await b.get("/registry/persons/export.csv?format=xlsx")
            #expect(b.last?.headers.contentType?.description.contains("spreadsheetml") == true)
            let rows = try XLSX.read(Data(buffer: b.last!.body))
            #expect(rows.first == ["full_name", "gender", "date_of_birth", "national_id", "phone", "disability_level", "has_pension"])
            #expect(rows.contains { $0.first == "Nguyễn Thị Đặng" && $0[3] == "001152000321" })
            try await b.get("/registry/import/template.csv?format=xlsx&lang=vi")
            #expect(try XLSX.read(Data(buffer: b.last!.body))[0][0] == "Mã hộ")
        }
    }
}
