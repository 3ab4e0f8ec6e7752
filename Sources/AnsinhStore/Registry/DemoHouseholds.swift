import AnsinhCore
import Foundation

extension DemoData {
    /// Forty generated households in Khương Đình ward (seed 2026), with a few planted duplicates
    /// for the review queue, imported through the ordinary import path.
    @discardableResult
    public static func loadHouseholds(_ store: Store, today: LocalDate) async throws -> Int {
        var options = RegistryGenerator.Options(households: 40, seed: 2026)
        options.invalidRate = 0
        options.duplicateRate = 0.03
        options.today = today
        var generator = RegistryGenerator(options)
        let output = generator.generate()
        let importer = RegistryImporter(store)
        let report = try await importer.validate(.system, fileName: "demo-khuong-dinh.csv", data: Data(output.csv.utf8))
        let done = try await importer.run(.system, jobID: report.jobID, validOnly: true)
        return done.createdPersons
    }
}
