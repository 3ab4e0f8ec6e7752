import AnsinhCore
import AnsinhStore
import FluentKit
import Foundation
import SQLKit
import Vapor

/// How the benchmarks load their data: through the same audited bulk paths an office uses —
/// the registry import, a campaign's survey results and its official decision, the paper list
/// taken over — never by writing rows behind the audit trail.
enum BenchFixtures {
    struct Ward {
        let id: UUID
        let officer: Actor
        let approver: Actor
        let accountant: Actor
    }

    static func ward(_ store: Store) async throws -> Ward {
        let users = UserRepository(store)
        func actor(_ name: String) async throws -> Actor { try await users.actor(for: try await users.find(username: name)!.id, fallbackLocale: .vi)! }
        return Ward(
            id: try await UnitRepository(store).find(code: "00364")!.id, officer: try await actor("canbo.khuongdinh"),
            approver: try await actor("lanhdao.khuongdinh"), accountant: try await actor("ketoan.khuongdinh"))
    }

    /// Imports a registry file as the ward officer (checked, then written in audited batches).
    @discardableResult
    static func registry(_ store: Store, _ w: Ward, csv: String, log: @escaping @Sendable (String) -> Void) async throws -> ImportReport {
        let importer = RegistryImporter(store)
        let report = try await importer.validate(w.officer, fileName: "bench.csv", data: Data(csv.utf8))
        guard report.errorRows == 0 else { throw AppError.conflict(Message("import.has_errors", ["count": "\(report.errorRows)"])) }
        return try await importer.run(w.officer, jobID: report.jobID, validOnly: false) { done, total in
            if done == total || done % 100_000 < RegistryImporter.batchSize { log("  registry \(done)/\(total)") }
        }
    }

    /// A generated registry of `n` households without invalid rows or planted duplicates.
    static func cleanRegistry(households n: Int, seed: UInt64, today: LocalDate? = nil) -> RegistryGenerator.Output {
        var options = RegistryGenerator.Options(households: n, seed: seed)
        options.invalidRate = 0; options.duplicateRate = 0
        if let today { options.today = today }
        var generator = RegistryGenerator(options)
        return generator.generate()
    }

    /// A clean generated registry imported into the ward: the file and the import's seconds.
    static func importedRegistry(_ store: Store, _ w: Ward, households n: Int, seed: UInt64, log: @escaping @Sendable (String) -> Void) async throws
        -> (csv: String, seconds: Double)
    {
        let csv = cleanRegistry(households: n, seed: seed).csv
        let seconds = try await BenchFixtures.seconds { try await BenchFixtures.registry(store, w, csv: csv, log: log) }
        log("registry imported in \(String(format: "%.2f", seconds)) s")
        return (csv, seconds)
    }

    /// The codes of the households of a registry file, in file order.
    static func householdCodes(_ csv: String) -> [String] {
        var seen = Set<String>()
        return CSVReader.rows(csv).dropFirst().compactMap { r in r.first.flatMap { seen.insert($0).inserted && !$0.isEmpty ? $0 : nil } }
    }

    /// A campaign of the ward for `period` with these survey results imported (households not
    /// listed are added as requests). Returns the campaign.
    static func surveyed(_ store: Store, _ w: Ward, period: Int, surveys: String, log: @escaping @Sendable (String) -> Void) async throws -> UUID {
        let reviews = ReviewRepository(store)
        let open = LocalDate(year: period, month: 1, day: 2)!
        let campaign = try await reviews.createCampaign(w.officer, CampaignInput(communeID: w.id, year: period, kind: "periodic", period: period), today: open)
            .id
        let report = try await reviews.importSurveys(
            w.officer, campaignID: campaign, data: Data(surveys.utf8), addUnlisted: true, dryRun: false, today: open.adding(days: 30)
        ) { done, total in
            if done == total || done % 50_000 < ReviewRepository.importBatchSize { log("  surveys \(done)/\(total)") }
        }
        guard report.errors.isEmpty else { throw AppError.conflict(Message("row_import.has_errors", ["count": "\(report.errorRows)"])) }
        return campaign
    }

    /// Takes the campaign through its steps to the chairman's decision: every group agrees, the
    /// list is posted and the classes become official (Decision 24/2021 Art. 4).
    static func decided(_ store: Store, _ w: Ward, campaign: UUID, period: Int) async throws {
        let reviews = ReviewRepository(store)
        var day = LocalDate(year: period, month: 2, day: 1)!
        _ = try await reviews.advance(w.officer, campaignID: campaign, today: day)
        _ = try await reviews.advance(w.officer, campaignID: campaign, today: day)
        let groups = try await (store.db as! any SQLDatabase).raw("SELECT DISTINCT group_id FROM review_entries WHERE campaign_id = \(bind: campaign)")
            .all().map { try $0.decode(column: "group_id", as: UUID?.self) }
        for g in groups {
            _ = try await reviews.recordMeeting(w.officer, campaignID: campaign, groupID: g, heldOn: day.iso, present: 40, agree: 38, note: nil, today: day)
        }
        day = day.adding(days: 1)
        let end = try await reviews.startPosting(w.officer, campaignID: campaign, start: day.iso, today: day)
        day = end.adding(days: 1)
        _ = try await reviews.advance(w.officer, campaignID: campaign, today: day)
        _ = try await reviews.decide(w.approver, campaignID: campaign, number: "BENCH/QĐ-UBND", date: day.iso, today: day)
    }

    /// Runs `body` and returns the milliseconds it took.
    static func ms(_ body: () async throws -> Void) async rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try await body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }

    /// The `p` quantile (0–1) of a sample, nearest rank.
    static func percentile(_ xs: [Double], _ p: Double) -> Double {
        let s = xs.sorted()
        return s.isEmpty ? 0 : s[min(s.count - 1, Int(Double(s.count) * p))]
    }

    /// Runs `body` and returns the seconds it took.
    static func seconds(_ body: () async throws -> Void) async rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try await body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
