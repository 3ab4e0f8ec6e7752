import AnsinhCore
import Foundation

extension DemoData {
    /// The day Khương Đình took its paper household list into Ansinh: the demo's story is the
    /// ward's 2025, so its registry (and every membership) starts on the first working day of it.
    public static let registryTakeover = LocalDate(year: 2025, month: 1, day: 2)!

    /// Forty generated households in Khương Đình ward (seed 2026), with a few planted duplicates
    /// for the review queue, imported through the ordinary import path as of `registryTakeover`
    /// (or `today`, when that is earlier), so that 2025's allowances and payrolls have members.
    @discardableResult
    public static func loadHouseholds(_ store: Store, today: LocalDate) async throws -> Int {
        let asOf = min(today, registryTakeover)
        var options = RegistryGenerator.Options(households: 40, seed: 2026)
        options.invalidRate = 0
        options.duplicateRate = 0.03
        options.today = asOf
        var generator = RegistryGenerator(options)
        let output = generator.generate()
        // Noon in Hà Nội on the takeover day: the import dates its memberships by the store's clock.
        let noon = asOf.start(in: TimeZone(identifier: "Asia/Ho_Chi_Minh")!).addingTimeInterval(12 * 3600)
        let then = asOf < today ? Store(db: store.db, passwords: store.passwords, secret: store.secret, now: { noon }) : store
        let importer = RegistryImporter(then)
        let report = try await importer.validate(.system, fileName: "demo-khuong-dinh.csv", data: Data(output.csv.utf8))
        let done = try await importer.run(.system, jobID: report.jobID, validOnly: true)
        return done.createdPersons
    }
}
