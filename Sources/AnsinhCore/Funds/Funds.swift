import Foundation

/// What a fund is for: the centre's Child Protection Fund (Quỹ Bảo trợ trẻ em), the ward's
/// Gratitude Fund (Quỹ Đền ơn đáp nghĩa) and "For the poor" fund (Quỹ Vì người nghèo), money
/// raised for charity, or a gift campaign's own fund.
public enum FundKind: String, CaseIterable, Sendable, Codable {
    case childProtection = "child_protection", gratitude, forThePoor = "for_the_poor", charity, campaign
}

/// Who gives: an organisation, a firm or a person.
public enum DonorKind: String, CaseIterable, Sendable, Codable { case organisation, firm, individual }

/// How a gift reached the fund: into the bank account, at the cash desk, or as goods.
public enum ReceiptMethod: String, CaseIterable, Sendable, Codable {
    case bank, cashDesk = "cash_desk", inKind = "in_kind"

    /// The asset account the gift is booked to.
    public var account: LedgerAccount {
        switch self {
        case .bank: return .bank
        case .cashDesk: return .cashDesk
        case .inKind: return .goods
        }
    }
}

/// What a fund gives out. A fund's rules list the kinds it may pay; a gift may be earmarked
/// for one kind, and only a disbursement of that kind may use it.
public enum DisbursementKind: String, CaseIterable, Sendable, Codable {
    case cash, inKind = "in_kind", scholarship, schoolSupplies = "school_supplies", houseRepair = "house_repair"
}

/// Who a disbursement goes to (their identity is never shown outside the unit); a gift
/// campaign receives the money or goods it hands out; a ward's living-conditions work receives
/// the residents' and firms' contributions the fund collected for it.
public enum BeneficiaryKind: String, CaseIterable, Sendable, Codable { case person, household, `case`, resident, campaign, work }

/// The accounts of a fund's books. Assets: the bank account, the cash desk and goods given in
/// kind (at their valuation). Against them: what was given to the fund (`donations`, a credit
/// balance) and what it gave out (`disbursed`, a debit balance). Assets = donations − disbursed.
public enum LedgerAccount: String, CaseIterable, Sendable, Codable {
    case bank, cashDesk = "cash_desk", goods, donations, disbursed

    public var isAsset: Bool { self == .bank || self == .cashDesk || self == .goods }
}

/// One line of a journal: an account (with the earmark of the money on it) debited or credited,
/// in đồng; exactly one side is non-zero.
public struct LedgerLine: Sendable, Equatable, Hashable {
    public let account: LedgerAccount
    /// The disbursement kind the money is reserved for; nil when it may pay anything the fund pays.
    public let earmark: DisbursementKind?
    public let debit: Int64
    public let credit: Int64
    public init(_ account: LedgerAccount, earmark: DisbursementKind?, debit: Int64 = 0, credit: Int64 = 0) {
        self.account = account; self.earmark = earmark; self.debit = debit; self.credit = credit
    }
}

/// Where money sits: an account and an earmark.
public struct LedgerKey: Sendable, Hashable {
    public let account: LedgerAccount
    public let earmark: DisbursementKind?
    public init(_ account: LedgerAccount, _ earmark: DisbursementKind?) { self.account = account; self.earmark = earmark }
}

/// Double-entry bookkeeping of a fund in `Int64` đồng. Every operation is a journal of balanced
/// lines; nothing is edited, a mistake is undone by a reversing journal.
public enum FundLedger {
    public enum Failure: Error, Equatable {
        /// The source account holds less than asked for this kind (`available` is what it holds).
        case insufficient(available: Int64)
    }

    /// A gift of `amount` received by `method`: the asset account debited, donations credited.
    public static func receipt(amount: Int64, method: ReceiptMethod, earmark: DisbursementKind?) -> [LedgerLine] {
        [LedgerLine(method.account, earmark: earmark, debit: amount), LedgerLine(.donations, earmark: earmark, credit: amount)]
    }

    /// A disbursement of `amount` and `kind` paid from the asset account `source`, given the
    /// fund's balances: money earmarked for `kind` is used first, then money free for anything;
    /// money earmarked for another kind never. Fails when both together are short.
    public static func disbursement(
        amount: Int64, kind: DisbursementKind, source: LedgerAccount, balances: [LedgerKey: Int64]
    ) throws(Failure) -> [LedgerLine] {
        let earmarked = max(0, balances[LedgerKey(source, kind)] ?? 0)
        let free = max(0, balances[LedgerKey(source, nil)] ?? 0)
        guard source.isAsset, amount > 0, earmarked + free >= amount else { throw .insufficient(available: source.isAsset ? earmarked + free : 0) }
        let fromEarmark = min(amount, earmarked)
        var lines: [LedgerLine] = []
        for (mark, part) in [(Optional(kind), fromEarmark), (nil, amount - fromEarmark)] where part > 0 {
            lines.append(LedgerLine(.disbursed, earmark: mark, debit: part))
            lines.append(LedgerLine(source, earmark: mark, credit: part))
        }
        return lines
    }

    /// What a disbursement of `kind` may take from `source`: money earmarked for it and money
    /// free for anything.
    public static func availableFor(_ kind: DisbursementKind, source: LedgerAccount, _ balances: [LedgerKey: Int64]) -> Int64 {
        max(0, balances[LedgerKey(source, kind)] ?? 0) + max(0, balances[LedgerKey(source, nil)] ?? 0)
    }

    /// The journal that undoes `lines`: each line with its sides swapped.
    public static func reversal(of lines: [LedgerLine]) -> [LedgerLine] {
        lines.map { LedgerLine($0.account, earmark: $0.earmark, debit: $0.credit, credit: $0.debit) }
    }

    /// Whether a journal is well formed: at least two lines, each with one positive side, and
    /// debits equal to credits.
    public static func isBalanced(_ lines: [LedgerLine]) -> Bool {
        lines.count >= 2 && lines.allSatisfy { ($0.debit > 0) != ($0.credit > 0) && $0.debit >= 0 && $0.credit >= 0 }
            && lines.reduce(0) { $0 + $1.debit } == lines.reduce(0) { $0 + $1.credit }
    }

    /// The balance of each account and earmark: debit minus credit for assets and `disbursed`,
    /// credit minus debit for `donations`.
    public static func balances(_ lines: [LedgerLine]) -> [LedgerKey: Int64] {
        var out: [LedgerKey: Int64] = [:]
        for l in lines {
            let sign: Int64 = l.account == .donations ? -1 : 1
            out[LedgerKey(l.account, l.earmark), default: 0] += sign * (l.debit - l.credit)
        }
        return out
    }

    /// What the fund holds, all assets together.
    public static func available(_ balances: [LedgerKey: Int64]) -> Int64 {
        balances.filter { $0.key.account.isAsset }.reduce(0) { $0 + $1.value }
    }
}

/// A proposed disbursement: proposed by one person, approved or rejected by another
/// (maker–checker); once approved it is booked and can only be reversed.
public enum DisbursementLifecycle: Lifecycle {
    public enum State: String, CaseIterable, Sendable, Codable { case proposed, approved, rejected, reversed }
    public enum Transition: String, CaseIterable, Sendable, Codable { case approve, reject, reverse }
    public static let entity = "fund_disbursement"
    public static func rule(_ t: Transition) -> TransitionRule<State> {
        switch t {
        case .approve: return .init(from: [.proposed], to: .approved, .approveDisbursements)
        case .reject: return .init(from: [.proposed], to: .rejected, .approveDisbursements, requires: ["reason"])
        case .reverse: return .init(from: [.approved], to: .reversed, .approveDisbursements, requires: ["reason"])
        }
    }
    public static func auditAction(_ t: Transition) -> String { "disbursement_\(t.rawValue)" }

    /// The checker is never the maker.
    public static func mayApprove(approverID: UUID?, proposerID: UUID?) -> Bool { approverID != nil && approverID != proposerID }
}

/// A receipt is recorded and booked at once; a mistaken one is reversed with a reason.
public enum ReceiptLifecycle: Lifecycle {
    public enum State: String, CaseIterable, Sendable, Codable { case recorded, reversed }
    public enum Transition: String, CaseIterable, Sendable, Codable { case reverse }
    public static let entity = "fund_receipt"
    public static func rule(_ t: Transition) -> TransitionRule<State> {
        .init(from: [.recorded], to: .reversed, .manageFunds, requires: ["reason"])
    }
    public static func auditAction(_ t: Transition) -> String { "receipt_reverse" }
}

/// A donor's pledge to a fund (an amount promised, by a day): open until cancelled, with the
/// reason (the donor withdrew it, or the rest will not come). Pledges are not in the books —
/// only the gifts received against them are (`PledgeProgress`).
public enum PledgeLifecycle: Lifecycle {
    public enum State: String, CaseIterable, Sendable, Codable { case open, cancelled }
    public enum Transition: String, CaseIterable, Sendable, Codable { case cancel }
    public static let entity = "fund_pledge"
    public static func rule(_ t: Transition) -> TransitionRule<State> {
        .init(from: [.open], to: .cancelled, .manageFunds, requires: ["reason"])
    }
    public static func auditAction(_ t: Transition) -> String { "pledge_cancel" }
}

/// Where a pledge stands from the gifts received against it (reversed ones do not count).
public enum PledgeProgress: String, CaseIterable, Sendable, Codable {
    case awaited, partlyReceived = "partly_received", fulfilled, cancelled

    public static func of(amount: Int64, received: Int64, state: PledgeLifecycle.State) -> PledgeProgress {
        if state == .cancelled { return .cancelled }
        return received >= amount ? .fulfilled : received > 0 ? .partlyReceived : .awaited
    }
}
