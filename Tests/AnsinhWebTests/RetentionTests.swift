import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

/// Retention of the hotline's contacts (Law 91/2025/QH15; issue 26): on a moving clock, contacts
/// past the rule file's years lose what names the caller and keep what the report counts — its
/// totals do not move; a legal hold and a case keep a contact whole; the listing changes
/// nothing; a run is audited and a second one finds nothing.
@Suite("Retention")
struct RetentionTests {
    @Test(arguments: TestDatabase.all)
    func contactsPastRetentionAreAnonymisedAndTheReportStays(db: TestDatabase) async throws {
        let clock = TestClock()
        try await withAnsinh(db, clock: clock) { (app: Application) async throws in
            let store = app.store
            let zone = app.ansinh.config.timeZone
            _ = try await DemoData.loadHotline(store)
            let worker = try await demoActor(store, "ctxh.quangninh")
            let hotline = HotlineRepository(store)
            let repo = RetentionRepository(store)
            #expect(RetentionRepository.rule.years == 5)
            let all = try await HotlineContactModel.query(on: store.db).sort(\.$at).all()
            let years = Set(all.map { Calendar(identifier: .gregorian).component(.year, from: $0.at) })
            let centre = try await OrgUnitModel.find(worker.unitID!, on: store.db)!.code
            let report = { try await hotline.report(worker, unitCode: centre, year: years.min()!, month: nil) }
            let before = try await report()
            #expect(before.contacts > 100)
            // Today nothing is due.
            #expect(try await repo.plan(zone: zone).due == 0)
            #expect(try await repo.run(.system, zone: zone) == 0)

            // One contact under legal hold, one with a summary kept in view.
            let withData = all.filter { $0.nonData == nil && $0.caseID == nil }
            let held = withData[0], plain = withData[1]
            try await repo.hold(worker, contactID: held.id!, reason: "Thanh tra 2031")
            await #expect(throws: AppError.invalid("reason", "validation.required_text", ["max": "500"])) {
                try await repo.hold(worker, contactID: plain.id!, reason: "  ")
            }
            let linked = all.filter { $0.caseID != nil }.count

            // Six years on, everything from the demo year is due, except the held and the linked.
            clock.advance(minutes: 6 * 366 * 24 * 60)
            let plan = try await repo.plan(zone: zone)
            #expect(plan.held == 1 && plan.withCase == linked)
            #expect(plan.due == all.count - 1 - linked)
            #expect(plan.sample.count == min(20, plan.due))
            #expect(try await HotlineContactModel.query(on: store.db).filter(\.$anonymisedAt != nil).count() == 0)
            let n = try await repo.run(.system, zone: zone, batch: 97)
            #expect(n == plan.due)
            #expect(try await repo.run(.system, zone: zone) == 0)
            #expect(try await repo.plan(zone: zone).due == 0)

            let after = try await report()
            #expect(after == before)
            let anonymised = try await hotline.get(worker, id: plain.id!)
            #expect(anonymised.summary == nil && anonymised.place == nil && anonymised.subtopic == nil && anonymised.anonymisedAt != nil)
            #expect(anonymised.topic == plain.topic && anonymised.channel.rawValue == plain.channel)
            #expect(try await HotlineContactModel.find(plain.id!, on: store.db)?.callerKey == nil)
            let kept = try await hotline.get(worker, id: held.id!)
            #expect(kept.summary == held.summary && kept.legalHold == "Thanh tra 2031" && kept.anonymisedAt == nil)
            await #expect(throws: AppError.conflict(Message("retention.error.anonymised"))) {
                try await repo.hold(worker, contactID: plain.id!, reason: "Quá muộn")
            }
            // Released, the held one goes at the next run.
            try await repo.hold(worker, contactID: held.id!, reason: nil)
            #expect(try await repo.run(.system, zone: zone) == 1)
            let audited = try await AuditEntryModel.query(on: store.db).filter(\.$action == "anonymise").count()
            #expect(audited == n + 1)
            #expect(try await AuditChain.verify(on: store.db) == .ok(entries: try await AuditEntryModel.query(on: store.db).count()))
        }
    }
}
