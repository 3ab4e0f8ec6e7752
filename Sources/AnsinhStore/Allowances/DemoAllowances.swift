import AnsinhCore
import FluentKit
import Foundation

extension DemoData {
    /// Khương Đình's monthly allowances since it took over its registry: the people with a severe
    /// or especially severe disability applied in January 2025 (Form 1d, posted for two working
    /// days as the procedure before July 2025 asked, Decree 20 Art. 8) and the chairman decided on
    /// 14 February; the people of 75 or more without a pension applied for the new social pension
    /// in July (Form 01, Decree 176/2025 and Decree 147/2025: no posting, decided within ten
    /// working days). Every month since is prepared, approved by the chairman, paid in cash by the
    /// accountant, reconciled and closed through the payroll — up to the month before today,
    /// which is left for the accountant. People whose circumstances were recorded later
    /// (`loadCircumstances`) are left undecided: "no one missed" lists them. Returns how many
    /// decisions were made.
    @discardableResult
    public static func loadAllowances(_ store: Store) async throws -> Int {
        guard let officer = try await account(store, "canbo.khuongdinh"), let chairman = try await account(store, "lanhdao.khuongdinh"),
            let accountant = try await account(store, "ketoan.khuongdinh"), let ward = try await UnitRepository(store).find(code: "00364")
        else { return 0 }
        let today = store.today
        guard today.yearMonth > YearMonth(year: 2025, month: 8)! else { return 0 }
        let decisions = DecisionRepository(store)
        // The people on the list taken over (the newcomers of 2025 have not applied).
        let since = Set(
            try await MembershipModel.query(on: store.db).filter(\.$endDate == nil).filter(\.$startDate <= registryTakeover.iso).all().map(\.personID))
        let persons = try await store.scoped(PersonModel.self, officer).filter(\.$deathDate == nil).filter(\.$mergedInto == nil).sort(\.$fullName).all()
        // One application through its steps; the decision's number follows the ward's register.
        var made = 0
        func grant(_ p: PersonModel, form: ApplicationForm, documents: [String], received: String, posting: String?, signed: String) async throws {
            var a = ApplicationInput(personID: p.id!)
            a.formType = form.rawValue; a.receivedDate = received; a.documents = documents
            let id = try await decisions.receive(officer, a)
            try await decisions.review(officer, applicationID: id)
            if let posting { try await decisions.post(officer, applicationID: id, start: posting, objections: "") }
            made += 1
            _ = try await decisions.decide(chairman, applicationID: id, number: "\(made)/QĐ-UBND", signedDate: signed)
        }
        // Only people born by then are evaluated for a month (the list holds babies born in 2025).
        for p in persons where since.contains(p.id!) {
            guard let birth = BirthDate(text: p.birthDate)?.date, birth < LocalDate(year: 2025, month: 1, day: 1)! else { continue }
            let january = try await decisions.evaluate(.system, p.id!, benefit: .allowance, month: YearMonth(year: 2025, month: 1)!)
            if january.amount > 0, january.birthDependent != true, january.categories.allSatisfy({ $0.hasPrefix("D20-5.6") }) {
                try await grant(
                    p, form: .f1d, documents: ["declaration", "disability_certificate"], received: "2025-01-13", posting: "2025-01-20", signed: "2025-02-14")
                continue
            }
            // Aged 75 or more then: the 70–74 year-olds of a near-poor household qualify only once
            // the October review found it so, and they are left for "no one missed".
            guard birth.age(on: LocalDate(year: 2025, month: 7, day: 1)!) >= 75 else { continue }
            let july = try await decisions.evaluate(.system, p.id!, benefit: .allowance, month: YearMonth(year: 2025, month: 7)!)
            if july.amount > 0, july.birthDependent != true, july.categories == ["SI-22.social_pension"] {
                try await grant(p, form: .sp01, documents: ["declaration", "identity"], received: "2025-07-07", posting: nil, signed: "2025-07-18")
            }
        }
        // The households heard of these 2025 decisions then: their notices must not wait in the
        // outbox of a demo started today (a gateway configured would text generated numbers).
        try await OutboxMessageModel.query(on: store.db).filter(\.$sourceKind == "allowance_decision").delete()
        // Every month from the first decision's to the month before today, paid in full.
        let payroll = PayrollRepository(store)
        var month = YearMonth(year: 2025, month: 2)!
        while month < today.yearMonth {
            let cycle = try await payroll.generate(accountant, communeID: ward.id, month: month)
            try await payroll.submit(accountant, cycleID: cycle)
            try await payroll.approve(chairman, cycleID: cycle)
            let lines = try await payroll.allLines(accountant, cycleID: cycle, filter: LineFilter())
            if !lines.isEmpty {
                _ = try await payroll.settle(accountant, cycleID: cycle, lines.map { Settlement(lineID: $0.id, status: .paid, reason: "") })
            }
            _ = try await payroll.close(accountant, cycleID: cycle)
            month = month.adding(months: 1)
        }
        return made
    }
}
