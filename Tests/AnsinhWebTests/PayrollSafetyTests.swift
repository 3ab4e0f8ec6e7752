import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

/// Races and roles around money: the approver is neither the preparer nor the submitter; a
/// refusal and a decision on one application never both stand; a close and its suspensions
/// are one transaction.
@Suite("Payroll safety")
struct PayrollSafetyTests {
    @Test(arguments: TestDatabase.all)
    func theApproverIsNeitherPreparerNorSubmitter(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            let ward = try await UnitRepository(store).find(code: "00364")!.id
            let repo = PayrollRepository(store)
            let officer = try await demoActor(store, "canbo.khuongdinh")
            let admin = try await demoActor(store, "admin")
            let approver = try await demoActor(store, "lanhdao.khuongdinh")
            let id = try await repo.generate(officer, communeID: ward, month: YearMonth(iso: "2026-01")!)
            try await repo.submit(admin, cycleID: id)
            await #expect(throws: AppError.conflict(Message("payroll.error.same_person"))) { try await repo.approve(admin, cycleID: id) }
            #expect(try await repo.cycle(officer, id).status == .submitted)
            try await repo.approve(approver, cycleID: id)
            #expect(try await repo.cycle(officer, id).status == .approved)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aRefusalRacingADecisionNeverLeavesARefusedApplicationThatIsPaid(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            let officer = try await demoActor(store, "canbo.khuongdinh")
            let chairman = try await demoActor(store, "lanhdao.khuongdinh")
            let people = try await demoRecipients(store, count: 3)
            let decisions = DecisionRepository(store)
            var outcomes: [String] = []
            for (i, p) in people.enumerated() {
                try await setFacts(store, p, birth: "1980-05-10", disability: .especiallySevere, certificate: "2019-03-01")
                var input = ApplicationInput(personID: p)
                input.formType = "1d"; input.receivedDate = "2024-02-20"; input.documents = ["declaration", "disability_certificate"]
                let appID = try await decisions.receive(officer, input)
                try await decisions.review(officer, applicationID: appID)
                try await decisions.post(officer, applicationID: appID, start: "2024-02-26", objections: "")
                if i == 0 {
                    // One after the other: the second is refused with a clear conflict.
                    _ = try await decisions.decide(chairman, applicationID: appID, number: "R\(i)/QĐ", signedDate: "2024-03-05")
                    await #expect(throws: AppError.conflict(Message("decision.error.step"))) {
                        try await decisions.refuse(chairman, applicationID: appID, reason: "Không đủ điều kiện")
                    }
                } else {
                    // At the same moment: exactly one of them stands.
                    let results = await withTaskGroup(of: Bool.self) { group in
                        group.addTask { (try? await decisions.decide(chairman, applicationID: appID, number: "R\(i)/QĐ", signedDate: "2024-03-05")) != nil }
                        group.addTask { (try? await decisions.refuse(chairman, applicationID: appID, reason: "Không đủ điều kiện")) != nil }
                        var r: [Bool] = []
                        for await x in group { r.append(x) }
                        return r
                    }
                    #expect(results.filter { $0 }.count == 1)
                }
                let a = try await AllowanceApplicationModel.find(appID, on: store.db)!
                let decided = try await AllowanceDecisionModel.query(on: store.db).filter(\.$applicationID == appID).count()
                let periods = try await AllowancePeriodModel.query(on: store.db).filter(\.$personID == p).count()
                let refusedAlone = a.status == "refused" && decided == 0 && periods == 0
                let decidedAlone = a.status == "decided" && decided == 1 && periods == 1 && a.refusalReason == nil
                #expect(refusedAlone || decidedAlone)
                outcomes.append(a.status)
            }
            #expect(outcomes.first == "decided")
        }
    }

    @Test(arguments: TestDatabase.all)
    func aCloseAndItsSuspensionsAreOneTransaction(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            let ward = try await UnitRepository(store).find(code: "00364")!.id
            let chairman = try await demoActor(store, "lanhdao.khuongdinh")
            let p = try await demoRecipients(store, count: 1)[0]
            try await setFacts(store, p, birth: "1980-05-10", disability: .especiallySevere, certificate: "2019-03-01")
            var d = DecisionInput(personID: p)
            d.kind = .start; d.number = "01/QĐ"; d.signedDate = "2023-06-01"; d.eventDate = "2023-06-01"; d.paidBefore = "2024-01"
            _ = try await DecisionRepository(store).decide(chairman, d)
            for month in ["2024-01", "2024-02"] { try await runCycle(store, commune: ward, month: month, unpaid: [p]) }
            let before = try await AuditEntryModel.query(on: store.db).count()
            try await runCycle(store, commune: ward, month: "2024-03", unpaid: [p])
            // The third month not collected: the close and the suspension are written together,
            // the suspension effective from April.
            let suspension = try await AllowanceDecisionModel.query(on: store.db).filter(\.$personID == p).filter(\.$kind == "suspend").first()
            #expect(suspension?.effectiveMonth == "2024-04")
            let close = try await AuditEntryModel.query(on: store.db).filter(\.$action == "close").sort(\.$id, .descending).first()!
            let suspend = try await AuditEntryModel.query(on: store.db).filter(\.$action == "suspend").first()!
            #expect(suspend.id! == close.id! + 1)
            #expect(try await AuditEntryModel.query(on: store.db).count() > before)
            #expect(try await AllowancePeriodModel.query(on: store.db).filter(\.$personID == p).filter(\.$untilMonth == nil).count() == 0)
        }
    }
}

@Suite("Decisions: lower bound of the effective month")
struct DecisionBoundTests {
    @Test(arguments: TestDatabase.all)
    func aDecisionCannotReachBeforeTheRuleSet(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            let chairman = try await demoActor(store, "lanhdao.khuongdinh")
            let p = try await demoRecipients(store, count: 1)[0]
            try await setFacts(store, p, birth: "1980-05-10", disability: .especiallySevere, certificate: "2019-03-01")
            #expect(AllowanceRules.shared.earliestMonth.iso == "2021-07")
            var d = DecisionInput(personID: p)
            d.kind = .start; d.number = "01/QĐ"; d.signedDate = "2021-06-20"; d.eventDate = "2021-06-20"
            await #expect(throws: AppError.invalid("event_date", "decision.error.before_rules", ["month": "2021-06", "first": "2021-07"])) {
                _ = try await DecisionRepository(store).decide(chairman, d)
            }
            #expect(try await AllowanceDecisionModel.query(on: store.db).filter(\.$personID == p).count() == 0)
            d.eventDate = "2021-07-01"; d.signedDate = "2021-07-01"
            _ = try await DecisionRepository(store).decide(chairman, d)
            #expect(try await AllowanceDecisionModel.query(on: store.db).filter(\.$personID == p).count() == 1)
        }
    }
}
