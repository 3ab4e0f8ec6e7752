import AnsinhCore
import FluentKit
import Foundation

extension DemoData {
    /// Fee-paying elderly care, planned in 2025 and started in 2026 (field notes §2): the price
    /// list from 1 October 2025 with a rise on 1 July 2026, and two families' contracts (one
    /// full-time, one short-term) invoiced each month and paid but for the last month. Recorded
    /// through the pages' own calls; nothing of it falls in the 2025 report but the price list.
    @discardableResult
    public static func loadContracts(_ store: Store) async throws -> Int {
        let users = UserRepository(store)
        guard let m = try await users.find(username: "giamdoc.quangninh"), let manager = try await users.actor(for: m.id, fallbackLocale: .vi) else {
            return 0
        }
        let care = CareRepository(store)
        let today = store.today
        for (room, full, short) in [(RoomType.shared, "6.500.000", "7.500.000"), (.double, "8.500.000", "9.500.000"), (.single, "12.000.000", "13.500.000")] {
            try await care.addPrice(
                manager, unitID: nil, roomType: room.rawValue, term: ContractTerm.fullTime.rawValue, monthly: full, vatPercent: "0", effectiveFrom: "2025-10-01"
            )
            try await care.addPrice(
                manager, unitID: nil, roomType: room.rawValue, term: ContractTerm.shortTerm.rawValue, monthly: short, vatPercent: "0",
                effectiveFrom: "2025-10-01")
        }
        try await care.addPrice(
            manager, unitID: nil, roomType: RoomType.double.rawValue, term: ContractTerm.fullTime.rawValue, monthly: "8.900.000", vatPercent: "0",
            effectiveFrom: "2026-07-01")
        guard today >= LocalDate(iso: "2026-09-01")! else { return 0 }
        let families: [(String, String, String, ContractTerm, RoomType, String, String?, String)] = [
            ("Trần Thị Nhàn", "1938-02-11", "Trần Văn Khải", .fullTime, .double, "2026-03-02", nil, "con trai"),
            ("Lê Văn Thọ", "1944-09-30", "Lê Thị Mai", .shortTerm, .single, "2026-06-15", "2026-07-14", "con gái"),
        ]
        for (n, f) in families.enumerated() {
            var a = AdmissionInput()
            a.fullName = f.0; a.gender = n == 0 ? Gender.female.rawValue : Gender.male.rawValue; a.birthDate = f.1; a.basis = AdmissionBasis.contract.rawValue
            a.decisionNumber = "\(n + 1)/2026/HĐDV-TN"; a.decisionDate = f.5; a.decisionSigner = "Giám đốc Trung tâm"; a.referralSource = "Gia đình đề nghị"
            a.admittedOn = f.5
            let resident = try await care.admit(manager, a, today: today)
            var c = ContractInput()
            c.residentID = resident; c.payerName = f.2; c.payerRelation = f.7; c.payerPhone = "0912 00\(n) 35\(n)"; c.payerAddress = "Phường Hồng Gai, Hạ Long"
            c.term = f.3.rawValue; c.roomType = f.4.rawValue; c.startsOn = f.5; c.endsOn = f.6 ?? ""
            c.services = "Ăn 3 bữa, chăm sóc y tế thường xuyên, phục hồi chức năng, sinh hoạt văn hóa"; c.extrasMonthly = n == 0 ? "400.000" : "0"
            c.extrasNote = n == 0 ? "giặt là, cắt tóc" : ""
            let contract = try await care.createContract(manager, c, today: today)
            var month = LocalDate(iso: f.5)!.yearMonth
            let last = min(today.yearMonth.adding(months: -1), f.6.flatMap { LocalDate(iso: $0)?.yearMonth } ?? today.yearMonth)
            while month <= last {
                let invoice = try await care.invoice(manager, contractID: contract, month: month.iso, today: today)
                // Paid on the 5th of the next month, but the last month is still owed.
                if month < last || f.6 != nil, let i = try await CareInvoiceModel.find(invoice, on: store.db) {
                    try await care.recordContractPayment(
                        manager, contractID: contract, amount: "\(i.total)", paidOn: month.adding(months: 1).firstDay.adding(days: 4).iso, method: "bank",
                        reference: "UNC \(i.number)", today: today)
                }
                month = month.adding(months: 1)
            }
            if let end = f.6 {
                try await care.discharge(manager, residentID: resident, reason: DischargeReason.endOfContract.rawValue, on: end, note: "", today: today)
            }
        }
        return families.count
    }
}
