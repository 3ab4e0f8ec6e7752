import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

@Suite("Duplicate detection and review")
struct DuplicateTests {
    @Test func rules() {
        typealias C = DuplicateRules.Candidate
        #expect(DuplicateRules.isTypo("001050000123", "001050000128"))
        #expect(DuplicateRules.isTypo("001050000123", "001050000132"))
        #expect(!DuplicateRules.isTypo("001050000123", "001050000321"))
        #expect(
            DuplicateRules.reason(
                C(nationalID: "001050000123", birth: "1950-01-01", householdID: nil),
                C(nationalID: "001050000124", birth: "1950-01-02", householdID: nil)) == "national_id_typo")
        // Two real, different IDs: two people sharing a name and birthday.
        #expect(
            DuplicateRules.reason(
                C(nationalID: "001050000123", birth: "1950-01-01", householdID: nil),
                C(nationalID: "001050777777", birth: "1950-01-01", householdID: nil)) == nil)
        #expect(
            DuplicateRules.reason(
                C(nationalID: nil, birth: "1950-01-01", householdID: "h1"),
                C(nationalID: "001050000123", birth: "1950-01-01", householdID: "h2")) == "name_birth")
        #expect(
            DuplicateRules.reason(
                C(nationalID: nil, birth: "1950", householdID: "h1"),
                C(nationalID: nil, birth: "1951", householdID: "h1")) == "name_household")
        #expect(
            DuplicateRules.reason(
                C(nationalID: nil, birth: "1950", householdID: "h1"),
                C(nationalID: nil, birth: "1951", householdID: "h2")) == nil)
    }

    @Test func generatorIsDeterministicAndValid() {
        var a = RegistryGenerator(RegistryGenerator.Options(households: 200, seed: 7))
        var b = RegistryGenerator(RegistryGenerator.Options(households: 200, seed: 7))
        let x = a.generate(), y = b.generate()
        #expect(x.csv == y.csv)
        #expect(x.persons > 500 && x.persons < 1000)
        let rate = Double(x.duplicates.count) / Double(x.persons)
        #expect(rate > 0.02 && rate < 0.06)
        let parsed = RegistryImporter.parse(x.csv)
        // Exactly the planted invalid rows are refused by the parser.
        #expect(Set(parsed.errors.compactMap(\.row)) == Set(x.invalidRows))
        #expect(x.csv.contains("Nguyễn"))
    }

    @Test(arguments: TestDatabase.all)
    func findMergeAndDismissOnAGeneratedWard(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            var generator = RegistryGenerator(RegistryGenerator.Options(households: 150, seed: 11))
            let out = generator.generate()
            let importer = RegistryImporter(app.store)
            let job = try await importer.validate(.system, fileName: "g.csv", data: Data(out.csv.utf8))
            _ = try await importer.run(.system, jobID: job.jobID, validOnly: true)
            let repo = DuplicateRepository(app.store)
            let added = try await repo.find(.system)
            #expect(added >= out.duplicates.count)
            #expect(try await repo.find(.system) == 0)  // a second scan adds nothing
            let pairs = try await repo.all(.system)
            // Every planted pair is found, except where "valid rows only" left out the original's
            // household because another of its rows was invalid.
            let lines = out.csv.split(separator: "\n", omittingEmptySubsequences: false)
            let skipped = Set(out.invalidRows.map { String(lines[$0 - 1].split(separator: ",")[0]) })
            for d in out.duplicates where !skipped.contains(out.keys[d.original]!.0) {
                let (codeA, nameA, _) = out.keys[d.original]!
                let (codeB, _, _) = out.keys[d.copy]!
                #expect(
                    pairs.contains { p in
                        Set([p.householdA, p.householdB]) == Set([codeA, codeB]) && p.a.fullName == nameA
                    }, "planted pair rows \(d.original)/\(d.copy)")
            }
            // Merge the first pair keeping the record with a household history; dismiss the second.
            let officer = try await UserRepository(app.store).actor(
                for: try await UserRepository(app.store).find(username: "canbo.khuongdinh")!.id, fallbackLocale: .vi)!
            let first = pairs[0], second = pairs[1]
            try await repo.merge(officer, pairID: first.id, keepFirst: true)
            let dropped = try await PersonModel.find(first.b.id, on: app.db)!
            #expect(dropped.mergedInto == first.a.id)
            #expect(try await MembershipModel.query(on: app.db).filter(\.$personID == first.b.id).filter(\.$endDate == nil).count() == 0)
            #expect(
                try await RegistryRepository(app.store).persons(officer, query: first.b.fullName, page: PageSpec(page: 1)).items
                    .contains { $0.id == first.b.id } == false)
            try await repo.dismiss(officer, pairID: second.id)
            let open = try await repo.open(officer, page: PageSpec(page: 1, perPage: 200))
            #expect(!open.items.contains { $0.id == first.id || $0.id == second.id })
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "merge").count() == 1)
            // The review queue in the browser.
            let b = TestBrowser(app)
            try await b.login("canbo.khuongdinh")
            try await b.get("/registry/duplicates")
            #expect(b.lastStatus == 200)
            #expect(b.lastBody.contains("Cùng tên"))
        }
    }
}
