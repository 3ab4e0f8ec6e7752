import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import AnsinhWeb

/// One-off benefits (Decree 20/2021 Art. 11–15) decided and paid through the payroll, or
/// handed out at once, reconciled like monthly lines.
@Suite("One-off benefits")
struct OneOffTests {
    static func oneOffLines(_ store: Store, _ id: UUID) async throws -> [(amount: Int64, kilograms: Int?, status: String, month: String)] {
        try await (store.db as! any SQLDatabase).raw(
            "SELECT l.amount, l.kilograms, l.status, l.month FROM payment_lines l WHERE l.one_off_id = \(bind: id) ORDER BY l.id"
        ).all().map {
            (
                try $0.decode(column: "amount", as: Int64.self), try $0.decode(column: "kilograms", as: Int?.self),
                try $0.decode(column: "status", as: String.self), try $0.decode(column: "month", as: String.self)
            )
        }
    }

    static func fields(_ error: any Error) -> Set<String> {
        guard case AppError.validation(let list) = error else { return [] }
        return Set(list.map(\.field))
    }

    /// A recipient's funeral support at 20 × the level of the month of death, paid once through
    /// the cycle; the highest-only rule against another funeral benefit; no second funeral; a
    /// non-recipient refused under Art. 11.
    @Test(arguments: TestDatabase.all)
    func funeralThroughThePayroll(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let chairman = try await demoActor(store, "lanhdao.khuongdinh")
            let officer = try await demoActor(store, "canbo.khuongdinh")
            let ward = try await UnitRepository(store).find(code: "00364")!.id
            let p = try await demoRecipients(store, count: 3)
            try await setFacts(store, p[0], birth: "1975-05-10", disability: .severe, certificate: "2018-03-01")
            var start = DecisionInput(personID: p[0])
            start.kind = .start; start.number = "01/QĐ-UBND"; start.signedDate = "2024-12-01"; start.eventDate = "2024-12-01"; start.paidBefore = "2025-01"
            _ = try await DecisionRepository(store).decide(chairman, start)
            let repo = OneOffRepository(store)

            var f = OneOffInput(personID: p[0])
            f.kind = "funeral"; f.eventDate = "2025-03-10"; f.number = "MT-01/QĐ"; f.signedDate = "2025-03-12"
            f.details.funeralCases = [.monthlyRecipient]; f.recipientKind = "guardian"; f.recipientName = "Con gái"
            // Art. 11(2): a social-insurance funeral benefit as high as 20 × 500,000 leaves nothing to pay.
            f.details.others = [OtherFuneralBenefit(source: .socialInsurance, amount: 10_000_000)]
            do {
                _ = try await repo.decide(chairman, f)
                Issue.record("an equal other benefit was not refused")
            } catch { #expect(Self.fields(error) == ["other_amount"]) }
            // The ward officer does not sign decisions.
            await #expect(throws: AppError.self) { try await repo.decide(officer, f) }
            f.details.others = [OtherFuneralBenefit(source: .socialInsurance, amount: 4_000_000)]
            let funeral = try await repo.decide(chairman, f)
            var r = try await repo.get(officer, funeral)
            #expect(r.amount == 10_000_000 && r.category == "D20-11.funeral" && r.status == .decided && r.cycleMonth == nil)
            #expect(r.reason?.code == "funeral")
            // The same signed decision stops the deceased's allowance from the month after the
            // month of death (Art. 8(2)), and the registry now holds the day of death.
            let stops = try await AllowanceDecisionModel.query(on: store.db).filter(\.$personID == p[0]).filter(\.$kind == "stop").all()
            #expect(stops.map(\.number) == ["MT-01/QĐ"] && stops.map(\.reason) == ["death"] && stops.map(\.effectiveMonth) == ["2025-04"])
            #expect(try await AllowancePeriodModel.query(on: store.db).filter(\.$personID == p[0]).all().map(\.untilMonth) == ["2025-04"])
            #expect(try await PersonModel.find(p[0], on: store.db)?.deathDate == "2025-03-10")
            // No second funeral support for the same person.
            f.number = "MT-02/QĐ"; f.details.others = []
            await #expect(throws: AppError.self) { try await repo.decide(chairman, f) }
            // A person who received no monthly allowance is not an Art. 11 case; a disaster death is.
            var g = OneOffInput(personID: p[1])
            g.kind = "funeral"; g.eventDate = "2025-03-20"; g.number = "MT-03/QĐ"; g.signedDate = "2025-03-21"
            g.details.funeralCases = [.monthlyRecipient]; g.recipientName = "Vợ"
            do {
                _ = try await repo.decide(chairman, g)
                Issue.record("a non-recipient was accepted")
            } catch { #expect(Self.fields(error) == ["funeral_cases"]) }
            g.details.funeralCases = [.monthlyRecipient, .disaster]
            let disaster = try await repo.decide(chairman, g)
            #expect(try await repo.get(officer, disaster).amount == 25_000_000)

            // March's cycle pays the months of the allowance and both funerals, once.
            let cycle = try await runCycle(store, commune: ward, month: "2025-03")
            #expect(try await Self.oneOffLines(store, funeral).map(\.amount) == [10_000_000])
            #expect(try await Self.oneOffLines(store, funeral).map(\.status) == ["paid"])
            #expect(cycle.balance.paid == 3 * 750_000 + 10_000_000 + 25_000_000)
            r = try await repo.get(officer, funeral)
            #expect(r.cycleMonth == "2025-03" && r.lineStatus == .paid)
            // April pays the deceased nothing: the month of death was the last.
            let april = try await runCycle(store, commune: ward, month: "2025-04")
            #expect(april.balance.paid == 0)
            #expect(try await Self.oneOffLines(store, funeral).count == 1)
            // Issued and paid: no cancelling any more.
            await #expect(throws: AppError.self) { try await repo.cancel(chairman, id: funeral, reason: "nhầm") }
            // The payments report names the one-off rows apart from the allowance.
            let report = try await PaymentReportRepository(store).report(officer, year: 2025)
            let rows = report.rows.filter { $0.oneOff }
            #expect(Set(rows.map(\.categories)) == ["D20-11.funeral", "D20-14.funeral_disaster"])
            #expect(rows.reduce(0) { $0 + $1.paid } == 35_000_000)
        }
    }

    /// The scheduled job prepares a cycle for a commune whose only payment is a one-off
    /// decision (no one there has a monthly allowance), once.
    @Test(arguments: TestDatabase.all)
    func aCommuneWhoseOnlyPaymentIsAOneOffGetsItsCycle(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let chairman = try await demoActor(store, "lanhdao.khuongdinh")
            let ward = try await UnitRepository(store).find(code: "00364")!.id
            let p = try await demoRecipients(store, count: 1)
            var f = OneOffInput(personID: p[0])
            f.kind = "funeral"; f.eventDate = "2025-03-10"; f.number = "MT-09/QĐ"; f.signedDate = "2025-03-12"
            f.details.funeralCases = [.disaster]; f.recipientKind = "guardian"; f.recipientName = "Con trai"
            let funeral = try await OneOffRepository(store).decide(chairman, f)
            let payroll = PayrollRepository(store)
            // Signed in March: nothing is due for February.
            #expect(try await payroll.generateDue(month: YearMonth(year: 2025, month: 2)!).isEmpty)
            let cycles = try await payroll.generateDue(month: YearMonth(year: 2025, month: 3)!)
            #expect(cycles.count == 1)
            #expect(try await PaymentCycleModel.find(cycles[0], on: store.db)?.communeID == ward)
            #expect(try await Self.oneOffLines(store, funeral).map(\.amount) == [25_000_000])
            #expect(try await payroll.generateDue(month: YearMonth(year: 2025, month: 3)!).isEmpty)
        }
    }

    /// Art. 25(3): the facility resident's funeral only for a person living in a facility on the
    /// day of death.
    @Test(arguments: TestDatabase.all)
    func aFacilityResidentsFuneralNeedsTheStay(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let chairman = try await demoActor(store, "lanhdao.khuongdinh")
            let p = try await demoRecipients(store, count: 1)
            var f = OneOffInput(personID: p[0])
            f.kind = "funeral"; f.eventDate = "2025-05-02"; f.number = "MT-25/QĐ"; f.signedDate = "2025-05-05"
            f.details.funeralCases = [.facilityResident]; f.recipientKind = "guardian"; f.recipientName = "Trung tâm CTXH"
            do {
                _ = try await OneOffRepository(store).decide(chairman, f)
                Issue.record("a funeral for a person never in a facility was accepted")
            } catch { #expect(Self.fields(error) == ["funeral_cases"]) }
            // Discharged in April: still not a resident on 2 May.
            let centre = try await UnitRepository(store).find(code: "22-TTTGXH")!
            let stay = CareResidentModel()
            stay.unitID = centre.id; stay.unitPath = centre.path; stay.personID = p[0]; stay.fullName = "Người nhận 0"; stay.gender = "female"
            stay.birthDate = "1970-01-01"; stay.basis = AdmissionBasis.especiallySevereDisability.rawValue; stay.stay = StayKind.residential.rawValue
            stay.decisionNumber = "12/QĐ-TT"; stay.decisionDate = "2024-01-02"; stay.decisionSigner = "Giám đốc"; stay.referralSource = "ward"
            stay.admittedOn = "2024-01-05"; stay.status = "discharged"; stay.dischargedOn = "2025-04-20"; stay.createdBy = "giamdoc.quangninh"
            try await stay.create(on: store.db)
            await #expect(throws: AppError.self) { try await OneOffRepository(store).decide(chairman, f) }
            // Died in care (discharged on the day of death): 50 × the level.
            stay.dischargedOn = "2025-05-02"
            try await stay.update(on: store.db)
            let funeral = try await OneOffRepository(store).decide(chairman, f)
            #expect(try await OneOffRepository(store).get(chairman, funeral).amount == 25_000_000)
        }
    }

    /// House support only for a poor, near-poor or hardship household (Art. 15); rice in
    /// kilograms (Art. 12); an injury needs 3 days of treatment (Art. 13); a hand-out at once
    /// keeps the support out of the cycle; a cancelled one is never paid.
    @Test(arguments: TestDatabase.all)
    func emergencySupportAndRice(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let chairman = try await demoActor(store, "lanhdao.khuongdinh")
            let accountant = try await demoActor(store, "ketoan.khuongdinh")
            let ward = try await UnitRepository(store).find(code: "00364")!.id
            let p = try await demoRecipients(store, count: 2)
            try await setClass(store, p[0], "poor")
            let repo = OneOffRepository(store)
            func input(_ person: UUID, _ kind: OneOffKind, _ number: String, _ day: String) -> OneOffInput {
                var i = OneOffInput(personID: person)
                i.kind = kind.rawValue; i.number = number; i.eventDate = day; i.signedDate = day
                return i
            }
            do {
                _ = try await repo.decide(chairman, input(p[1], .houseLost, "N-1", "2025-05-02"))
                Issue.record("house support for a household in no hardship")
            } catch { #expect(Self.fields(error) == ["person_id"]) }
            let house = try await repo.decide(chairman, input(p[0], .houseLost, "N-2", "2025-05-02"))
            #expect(try await repo.get(chairman, house).amount == 40_000_000)
            #expect(try await repo.get(chairman, house).householdCode == "00364-P0")

            var rice = input(p[1], .rice, "G-1", "2025-01-20")
            rice.details.riceCause = .tet; rice.details.persons = 3; rice.details.months = 2
            do {
                _ = try await repo.decide(chairman, rice)
                Issue.record("two months of rice at Tết")
            } catch { #expect(Self.fields(error) == ["months"]) }
            rice.details.months = 1
            let tet = try await repo.decide(chairman, rice)
            let tetRecord = try await repo.get(chairman, tet)
            #expect(tetRecord.kilograms == 45 && tetRecord.amount == 0)
            var flood = input(p[1], .rice, "G-2", "2025-05-03")
            flood.details.riceCause = .disaster; flood.details.persons = 4; flood.details.months = 3
            let afterFlood = try await repo.decide(chairman, flood)
            #expect(try await repo.get(chairman, afterFlood).kilograms == 180)

            var injury = input(p[1], .seriousInjury, "T-1", "2025-05-04")
            injury.details.treatmentDays = 2
            do {
                _ = try await repo.decide(chairman, injury)
                Issue.record("two days of treatment")
            } catch { #expect(Self.fields(error) == ["treatment_days"]) }
            injury.details.treatmentDays = 5
            let hurt = try await repo.decide(chairman, injury)
            #expect(try await repo.get(chairman, hurt).amount == 5_000_000)

            // The Tết rice was handed out at the ward on the day; a relocation cancelled.
            try await repo.handOut(accountant, id: tet, date: "2025-01-21", receivedBy: "Người nhận 1")
            await #expect(throws: AppError.self) { try await repo.handOut(accountant, id: tet, date: "2025-01-21", receivedBy: "x") }
            let moved = try await repo.decide(chairman, input(p[1], .relocation, "D-1", "2025-05-05"))
            try await repo.cancel(chairman, id: moved, reason: "Hộ đã tự di dời")
            #expect(try await repo.get(chairman, moved).status == .cancelled)

            let cycle = try await runCycle(store, commune: ward, month: "2025-05")
            #expect(try await Self.oneOffLines(store, tet).isEmpty)
            #expect(try await Self.oneOffLines(store, moved).isEmpty)
            #expect(try await Self.oneOffLines(store, afterFlood).map(\.kilograms) == [180])
            #expect(try await Self.oneOffLines(store, afterFlood).map(\.amount) == [0])
            #expect(cycle.balance.paid == 40_000_000 + 5_000_000)
            let lines = try await PayrollRepository(store).allLines(accountant, cycleID: cycle.id, filter: LineFilter())
            #expect(lines.count == 3 && lines.allSatisfy { $0.oneOffID != nil })
            #expect(Set(lines.flatMap(\.categories)) == ["D20-15.1.house_lost", "D20-12.rice", "D20-13.serious_injury"])
            let register = try await repo.list(accountant, filter: OneOffFilter(year: 2025), page: PageSpec(page: 1))
            #expect(register.total == 5)
            let totals = try await repo.totals(accountant, year: 2025)
            #expect(totals.first { $0.kind == .rice }?.kilograms == 225)
        }
    }

    /// The API twin: decide, read, refuse with named fields, hand out; the page shows it.
    @Test(arguments: TestDatabase.all)
    func apiAndPages(db: TestDatabase) async throws {
        try await withAnsinh(db) { (app: Application) async throws in
            let store = app.store
            let p = try await demoRecipients(store, count: 1)
            try await setClass(store, p[0], "near_poor")
            let chairman = try await apiToken(store, "lanhdao.khuongdinh"), officer = try await apiToken(store, "canbo.khuongdinh")
            let accountant = try await apiToken(store, "ketoan.khuongdinh")
            let body = #"{"person_id":"\#(p[0])","kind":"house_damaged","event_date":"2026-08-01","number":"SC-1/QĐ","signed_date":"2026-08-03"}"#
            var res = try await apiRequest(app, .POST, "/api/v1/one-off-benefits", token: officer, json: body)
            #expect(res.status == .forbidden)
            res = try await apiRequest(
                app, .POST, "/api/v1/one-off-benefits", token: chairman,
                json:
                    #"{"person_id":"\#(p[0])","kind":"rice","event_date":"2026-08-01","number":" ","signed_date":"2026-07-01","rice_cause":"disaster","persons":2,"months":4}"#
            )
            #expect(res.status == .unprocessableEntity)
            let named = Set(((jsonObject(res)["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String })
            #expect(named == ["number", "signed_date"])
            res = try await apiRequest(app, .POST, "/api/v1/one-off-benefits", token: chairman, json: body)
            #expect(res.status == .created)
            let made = jsonObject(res)
            #expect(made["amount"] as? Int == 20_000_000 && made["category"] as? String == "D20-15.3.house_damaged" && made["status"] as? String == "decided")
            let id = made["id"] as! String
            res = try await apiRequest(app, .POST, "/api/v1/one-off-benefits", token: chairman, json: body)
            #expect(res.status == .unprocessableEntity || res.status == .conflict)
            res = try await apiRequest(
                app, .POST, "/api/v1/one-off-benefits/\(id)/hand-out", token: chairman, json: #"{"handed_date":"2026-08-04","received_by":"Chủ hộ"}"#)
            #expect(res.status == .forbidden)
            res = try await apiRequest(
                app, .POST, "/api/v1/one-off-benefits/\(id)/hand-out", token: accountant, json: #"{"handed_date":"2026-08-02","received_by":"Chủ hộ"}"#)
            #expect(res.status == .unprocessableEntity)
            res = try await apiRequest(
                app, .POST, "/api/v1/one-off-benefits/\(id)/hand-out", token: accountant, json: #"{"handed_date":"2026-08-04","received_by":"Chủ hộ"}"#)
            #expect(res.status == .ok && jsonObject(res)["status"] as? String == "handed_out")
            res = try await apiRequest(app, .GET, "/api/v1/one-off-benefits?year=2026&kind=house_damaged", token: officer)
            #expect((jsonObject(res)["total"] as? Int) == 1)
            res = try await apiRequest(app, .GET, "/api/v1/one-off-benefits?kind=<b>", token: officer)
            #expect(res.status == .unprocessableEntity)
            res = try await apiRequest(app, .GET, "/api/v1/one-off-benefits/\(id)", token: officer)
            #expect(jsonObject(res)["received_by"] as? String == "Chủ hộ" && jsonObject(res)["household_code"] as? String == "00364-P0")
            let audit = try await AuditEntryModel.query(on: store.db).filter(\.$entity == "one_off_decision").all()
            #expect(Set(audit.map(\.action)) == ["decide", "hand_out"])
        }
    }
}
