/// One-off benefits, kept in their own ledger apart from monthly allowances so that a double
/// payment can be seen (policy sheet §7).
public enum FuneralCase: String, CaseIterable, Sendable, Codable {
    /// Death of a monthly allowance or social pension recipient, or of the child of a poor
    /// single parent (Decree 20 Art. 11; Decree 176/2025 Art. 5): at least 20 × the level.
    case monthlyRecipient = "monthly_recipient"
    /// Death from a disaster, fire, traffic or serious work accident (Art. 14): at least 50 ×.
    case disaster
    /// Death of a resident of a social assistance facility (Art. 25(3)): at least 50 ×.
    case facilityResident = "facility_resident"
}

public enum EmergencyCase: String, CaseIterable, Sendable, Codable {
    /// Treated 3 days or more after a disaster or accident (Art. 13): at least 10 × the level.
    case seriousInjury = "serious_injury"
    /// House collapsed, burnt or swept away, no other place to live (Art. 15(1)): 40,000,000 per household.
    case houseLost = "house_lost"
    /// Emergency relocation ordered by the authorities (Art. 15(2)): 30,000,000 per household.
    case relocation
    /// House severely damaged, uninhabitable (Art. 15(3)): 20,000,000 per household.
    case houseDamaged = "house_damaged"
}

public struct OneOffBenefit: Sendable, Equatable {
    public let category: String
    public let amount: Int64
    public let reason: Reason
}

extension AllowanceEngine {
    /// Funeral support for a death on `date`, at the level in force that month. Where several
    /// cases apply only the highest is paid (Art. 11(2)).
    public func funeral(_ cases: Set<FuneralCase>, date: LocalDate) throws -> OneOffBenefit {
        guard let level = rules.standardLevel(date.yearMonth) else {
            throw AppError.validation([FieldError(field: "date", message: Message("allowance.error.no_rule_set", ["month": date.yearMonth.iso]))])
        }
        guard !cases.isEmpty else { throw AppError.invalid("cases", "validation.required") }
        let codes: [FuneralCase: String] = [
            .monthlyRecipient: "D20-11.funeral", .disaster: "D20-14.funeral_disaster", .facilityResident: "D20-25.3.funeral_facility",
        ]
        let best = cases.map { codes[$0]! }.max { rules.coefficient($0) < rules.coefficient($1) }!
        let c = rules.coefficient(best)
        return OneOffBenefit(
            category: best, amount: c.times(level.amount),
            reason: Reason("funeral", ["coefficient": c.description, "amount": Message.money(level.amount), "article": best]))
    }

    public func emergency(_ kind: EmergencyCase, date: LocalDate) throws -> OneOffBenefit {
        switch kind {
        case .seriousInjury:
            guard let level = rules.standardLevel(date.yearMonth) else {
                throw AppError.validation([FieldError(field: "date", message: Message("allowance.error.no_rule_set", ["month": date.yearMonth.iso]))])
            }
            let c = rules.coefficient("D20-13.serious_injury")
            return OneOffBenefit(
                category: "D20-13.serious_injury", amount: c.times(level.amount),
                reason: Reason("one_off", ["coefficient": c.description, "amount": Message.money(level.amount), "article": "D20-13"]))
        case .houseLost, .relocation, .houseDamaged:
            let code = ["house_lost": "D20-15.1.house_lost", "relocation": "D20-15.2.relocation", "house_damaged": "D20-15.3.house_damaged"][kind.rawValue]!
            guard let amount = rules.fixedAmounts[code] else { throw AppError.notFound }
            return OneOffBenefit(category: code, amount: amount, reason: Reason("fixed_amount", ["amount": Message.money(amount), "article": code]))
        }
    }
}
