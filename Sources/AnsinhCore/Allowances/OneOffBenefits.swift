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

/// What a one-off decision supports (Decree 20/2021 Art. 11–15).
public enum OneOffKind: String, CaseIterable, Sendable, Codable {
    case funeral
    case seriousInjury = "serious_injury"
    case houseLost = "house_lost"
    case relocation
    case houseDamaged = "house_damaged"
    /// Rice handed out in kind (Art. 12): kilograms, not đồng.
    case rice

    /// Support given to a household (Art. 12, 15) rather than for one person.
    public var perHousehold: Bool { [.houseLost, .relocation, .houseDamaged, .rice].contains(self) }
    /// Art. 15(1) and 15(3): only a poor, near-poor or hardship household. A relocation ordered
    /// by the authorities (15(2)) is for every household.
    public var needsHardship: Bool { self == .houseLost || self == .houseDamaged }
    public var emergency: EmergencyCase? {
        switch self {
        case .seriousInjury: return .seriousInjury
        case .houseLost: return .houseLost
        case .relocation: return .relocation
        case .houseDamaged: return .houseDamaged
        case .funeral, .rice: return nil
        }
    }
}

/// Why rice is given (Art. 12(1)): short of food at Tết, or after a disaster, fire, crop failure
/// or in the lean season.
public enum RiceCause: String, CaseIterable, Sendable, Codable {
    case tet, disaster
}

/// Another funeral benefit the deceased's family is entitled to (social insurance, the merit
/// regime…): Art. 11(2) pays only the highest of them.
public struct OtherFuneralBenefit: Sendable, Codable, Equatable {
    public enum Source: String, CaseIterable, Sendable, Codable {
        case socialInsurance = "social_insurance"
        case merit, other
    }
    public let source: Source
    public let amount: Int64
    public init(source: Source, amount: Int64) { self.source = source; self.amount = amount }
}

/// Rice in kind, in kilograms.
public struct RiceSupport: Sendable, Equatable {
    public let kilograms: Int
    public let reason: Reason
}

extension AllowanceEngine {
    /// Funeral support that takes the other funeral benefits into account: only the highest is
    /// paid (Decree 20 Art. 11(2); Decree 176/2025 Art. 5), so where another is as high or
    /// higher the social assistance one is refused.
    public func funeral(_ cases: Set<FuneralCase>, date: LocalDate, others: [OtherFuneralBenefit]) throws -> OneOffBenefit {
        let own = try funeral(cases, date: date)
        if let best = others.max(by: { $0.amount < $1.amount }), best.amount >= own.amount {
            throw AppError.invalid(
                "other_amount", "one_off.error.other_funeral_higher",
                ["other": Message.money(best.amount), "source": "@one_off.source.\(best.source.rawValue)", "amount": Message.money(own.amount)])
        }
        return own
    }

    /// Rice for a household short of food (Art. 12(1)): the rule file's kilograms per person and
    /// month, for one month at Tết and at most the rule file's months after a disaster.
    public func rice(persons: Int, months: Int, cause: RiceCause) throws -> RiceSupport {
        let most = cause == .tet ? rules.limit("rice_months_tet") : rules.limit("rice_months_after_disaster")
        var errors: [FieldError] = []
        if persons < 1 || persons > 50 { errors.append(FieldError(field: "persons", message: Message("validation.range", ["min": "1", "max": "50"]))) }
        if months < 1 || months > most {
            errors.append(FieldError(field: "months", message: Message("one_off.error.rice_months", ["max": "\(most)"])))
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let perMonth = rules.limit("rice_kg_per_person_month")
        return RiceSupport(
            kilograms: perMonth * persons * months,
            reason: Reason("rice", ["kg": "\(perMonth)", "persons": "\(persons)", "months": "\(months)", "article": "D20-12"]))
    }
}

/// A one-off decision after it is signed: paid through the commune's next payment cycle (its
/// line is reconciled like a monthly one), or handed out at once and recorded; cancelled by
/// the chairman while no cycle has issued it.
public enum OneOffLifecycle: Lifecycle {
    public enum State: String, CaseIterable, Sendable {
        case decided
        case handedOut = "handed_out"
        case cancelled
    }
    public enum Transition: String, CaseIterable, Sendable {
        case handOut = "hand_out"
        case cancel
    }
    public static let entity = "one_off_decision"

    public static func rule(_ t: Transition) -> TransitionRule<State> {
        switch t {
        case .handOut: return .init(from: [.decided], to: .handedOut, .managePayments, requires: ["handed_date", "received_by"])
        case .cancel: return .init(from: [.decided], to: .cancelled, .decideAllowances, requires: ["reason"])
        }
    }

    public static func refusal(_ t: Transition, from state: State) -> AppError {
        .conflict(Message("one_off.error.state", ["status": "@one_off.status.\(state.rawValue)"]))
    }
}
