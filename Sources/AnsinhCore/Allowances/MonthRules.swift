/// When payments start, stop and how arrears are counted — date-versioned, because Decree
/// 147/2025 changed them from 1 July 2025 (policy sheet §2.5).
extension AllowanceEngine {
    /// The first month paid for a decision signed on `decisionDate`.
    /// Before 1 July 2025 (Decree 20 Art. 8(1)–(2)): people with disabilities from the month the
    /// certificate was issued; 5(5)(b) from the month of the 75th birthday; 5(5)(c) from the
    /// month of the 80th birthday (arrears back to it); everyone else from the decision month.
    /// From 1 July 2025 (Decree 147/2025 Art. 5): from the month the commune chairman signs,
    /// unless the certificate-month rule is kept (a setting, [U]).
    public func startMonth(decisionDate: LocalDate, category: String, facts: PersonFacts) -> YearMonth {
        let decided = decisionDate.yearMonth
        let before = decided < rules.reformMonth
        if category.hasPrefix("D20-5.6"), let cert = facts.disabilityCertificateDate,
            before || rules.setting("disability_start_from_certificate_after_2025_07")
        {
            return min(cert.yearMonth, decided)
        }
        if before && category == "D20-5.5c" { return min(Self.birthdayMonth(facts.birthDate, age: 80), decided) }
        if before && category == "D20-5.5b" { return min(Self.birthdayMonth(facts.birthDate, age: 75), decided) }
        return decided
    }

    /// The first month no longer paid after an event (death, loss of eligibility, move):
    /// the month after the month of the event, so that month is paid in full (Art. 8(2)).
    public func stopMonth(eventDate: LocalDate) -> YearMonth { eventDate.yearMonth.adding(months: 1) }

    static func birthdayMonth(_ birth: LocalDate, age: Int) -> YearMonth {
        YearMonth(year: birth.year, month: birth.month)!.adding(months: age * 12)
    }

    /// Months owed when payment starts at `start` but the first payroll is `firstPaid`: each
    /// month evaluated at its own level (a base change in between counts). The look-back is
    /// bounded by the rule file's `arrears_look_back_months` and never reaches before the rule
    /// set's first month (earlier months were under the older decree).
    public func arrears(_ facts: PersonFacts, from start: YearMonth, before firstPaid: YearMonth) throws -> [(month: YearMonth, amount: Int64)] {
        var out: [(YearMonth, Int64)] = []
        var m = max(start, rules.earliestMonth, firstPaid.adding(months: -rules.arrearsLookBackMonths))
        while m < firstPaid {
            out.append((m, try evaluate(facts, month: m).monthlyAmount))
            m = m.adding(months: 1)
        }
        return out
    }
}
