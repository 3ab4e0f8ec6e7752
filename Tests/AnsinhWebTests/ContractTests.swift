import AnsinhCore
import AnsinhStore
import AnsinhTestSupport
import Fluent
import Foundation
import Testing
import Vapor
@testable import AnsinhWeb

/// Fee-paying care: a contract invoiced to the đồng month by month, once per month even when
/// two requests race, paid, owed, ended, and counted in the centre report.
@Suite("Fee-paying care contracts")
struct ContractTests {
    static func contractResident(_ store: Store, _ manager: Actor, today: LocalDate) async throws -> UUID {
        try await CareRepository(store).admit(
            manager, CareTests.admission(name: "Cụ Nguyễn Thị Hợp", birth: "1941-04-04", basis: .contract, on: "2025-01-15"), today: today)
    }

    static func input(_ resident: UUID, on start: String = "2025-01-15") -> ContractInput {
        var i = ContractInput()
        i.residentID = resident; i.payerName = "Nguyễn Văn Long"; i.payerRelation = "con trai"; i.payerPhone = "0912 345 678"
        i.payerAddress = "Tổ 5, phường Hồng Gai"; i.term = "full_time"; i.roomType = "double"; i.startsOn = start
        i.services = "Ăn 3 bữa, chăm sóc y tế, phục hồi chức năng"; i.extrasMonthly = "500.000"; i.extrasNote = "giặt là"
        return i
    }

    @Test(arguments: TestDatabase.all)
    func aContractIsInvoicedToTheDongPaidAndCounted(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            let (manager, worker, care) = try await CarePlanTests.centre(store)
            let today = LocalDate(iso: "2025-12-10")!
            let resident = try await Self.contractResident(store, manager, today: today)
            // No price yet: refused, nothing written.
            await #expect(throws: AppError.invalid("room_type", "care.error.no_price")) {
                _ = try await care.createContract(manager, Self.input(resident), today: today)
            }
            #expect(try await CareContractModel.query(on: store.db).count() == 0)
            try await care.addPrice(
                manager, unitID: nil, roomType: "double", term: "full_time", monthly: "9,000,000", vatPercent: "0", effectiveFrom: "2025-01-01")
            try await care.addPrice(
                manager, unitID: nil, roomType: "double", term: "full_time", monthly: "9300000", vatPercent: "5", effectiveFrom: "2025-03-21")
            await #expect(throws: AppError.self) {
                try await care.addPrice(worker, unitID: nil, roomType: "single", term: "full_time", monthly: "1", vatPercent: "0", effectiveFrom: "2025-01-01")
            }
            #expect(try await care.contractCandidates(manager).map(\.name) == ["Cụ Nguyễn Thị Hợp"])
            let id = try await care.createContract(manager, Self.input(resident), today: today)
            #expect(try await care.contractCandidates(manager).isEmpty)
            await #expect(throws: AppError.conflict(Message("care.error.contract_exists"))) {
                _ = try await care.createContract(manager, Self.input(resident), today: today)
            }
            try await care.invoice(worker, contractID: id, month: "2025-01", today: today)
            try await care.invoice(worker, contractID: id, month: "2025-02", today: today)
            await #expect(throws: AppError.conflict(Message("care.error.invoiced", ["month": "2025-02"]))) {
                try await care.invoice(worker, contractID: id, month: "2025-02", today: today)
            }
            await #expect(throws: AppError.invalid("month", "care.error.future_month")) {
                try await care.invoice(worker, contractID: id, month: "2026-01", today: today)
            }
            // March for every contract, twice: issued once.
            #expect(try await care.invoiceMonth(worker, month: "2025-03", today: today) == (issued: 1, already: 0))
            #expect(try await care.invoiceMonth(worker, month: "2025-03", today: today) == (issued: 0, already: 1))
            var c = try await care.contract(worker, id: id)
            #expect(c.row.number == "1/2025/HĐDV")
            #expect(
                c.invoices.map {
                    "\($0.number) \($0.month.iso) \($0.amounts.days) \($0.amounts.base) \($0.amounts.extras) \($0.amounts.vat) \($0.amounts.total)"
                }
                    == [
                        "2025-0003 2025-03 31 9106452 500000 173871 9780323", "2025-0002 2025-02 28 9000000 500000 0 9500000",
                        "2025-0001 2025-01 17 4935484 274194 0 5209678",
                    ])
            try await care.recordContractPayment(
                worker, contractID: id, amount: "5.209.678", paidOn: "2025-02-05", method: "bank", reference: "UNC 118", today: today)
            try await care.recordContractPayment(worker, contractID: id, amount: "9500000", paidOn: "2025-03-06", method: "cash", reference: "", today: today)
            await #expect(throws: AppError.validation([FieldError(field: "amount", message: Message("care.error.amount"))])) {
                try await care.recordContractPayment(worker, contractID: id, amount: "-5", paidOn: "2025-03-06", method: "cash", reference: "", today: today)
            }
            c = try await care.contract(worker, id: id)
            #expect(c.row.invoiced == 24_490_001 && c.row.paid == 14_709_678 && c.row.arrears == 9_780_323)
            try await care.endContract(manager, contractID: id, endsOn: "2025-04-10")
            try await care.invoice(worker, contractID: id, month: "2025-04", today: today)
            // April: 10 days of 30 at 9,300,000 + extras, VAT 5% → 3,100,000 + 166,667 + 163,333.
            c = try await care.contract(worker, id: id)
            #expect(c.row.status == .ended && c.invoices[0].amounts == InvoiceAmounts(days: 10, base: 3_100_000, extras: 166_667, vat: 163_333))
            await #expect(throws: AppError.invalid("month", "care.error.not_covered")) {
                try await care.invoice(worker, contractID: id, month: "2025-05", today: today)
            }
            let token = try await apiToken(store, "giamdoc.quangninh")
            let res = try await apiRequest(app, .GET, "/api/v1/reports/centre?unit=22-TTTGXH&year=2025", token: token)
            let fee = jsonObject(res)["fee_paying_contracts"] as? [String: Any]
            #expect(fee?["active"] as? Int == 0 && fee?["invoiced"] as? Int == 27_920_001 && fee?["received"] as? Int == 14_709_678)
            #expect(fee?["arrears"] as? Int == 13_210_323)
        }
    }

    @Test(arguments: TestDatabase.all)
    func twoInvoicesOfOneMonthRacingWriteOne(db: TestDatabase) async throws {
        try await withAnsinh(db) { app in
            let store = app.store
            let (manager, worker, care) = try await CarePlanTests.centre(store)
            let today = LocalDate(iso: "2025-12-10")!
            let resident = try await Self.contractResident(store, manager, today: today)
            try await care.addPrice(
                manager, unitID: nil, roomType: "double", term: "full_time", monthly: "9000000", vatPercent: "", effectiveFrom: "2025-01-01")
            // Two families' contracts signed at once: two numbers.
            let other = try await care.admit(
                manager, CareTests.admission(name: "Cụ Trần Văn Lộc", birth: "1939-09-09", basis: .contract, on: "2025-01-15"), today: today)
            let signed = await withTaskGroup(of: UUID?.self) { group in
                for r in [resident, other] { group.addTask { try? await care.createContract(manager, Self.input(r), today: today) } }
                return await group.reduce(into: [UUID]()) { if let id = $1 { $0.append(id) } }
            }
            #expect(signed.count == 2)
            #expect(Set(try await CareContractModel.query(on: store.db).all().map(\.number)) == ["1/2025/HĐDV", "2/2025/HĐDV"])
            let id = try await CareContractModel.query(on: store.db).filter(\.$residentID == resident).first()!.id!
            let results = await withTaskGroup(of: Bool.self) { group in
                for who in [manager, worker, manager] {
                    group.addTask { (try? await care.invoice(who, contractID: id, month: "2025-06", today: today)) != nil }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            #expect(try await CareInvoiceModel.query(on: store.db).filter(\.$contractID == id).all().map(\.total) == [9_500_000])
            // The stay ends at the end of the contract: the contract ends with it, on that day.
            try await care.discharge(manager, residentID: resident, reason: "end_of_contract", on: "2025-07-10", note: "", today: today)
            let c = try await care.contract(worker, id: id)
            #expect(c.row.status == .ended && c.row.endsOn?.iso == "2025-07-10")
        }
    }
}
