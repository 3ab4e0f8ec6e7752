import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// A fund on the public list (no login).
public struct PublicFundRow: Sendable, Equatable {
    public let id: UUID
    public let name: String
    public let unitName: String
    public let kind: FundKind
}

/// What the public sees of a fund in a year: money in and out by month, who gave (unless they
/// asked not to be named) and what was given out by kind — never to whom.
public struct TransparencyReport: Sendable, Equatable {
    public struct Month: Sendable, Equatable {
        public let month: YearMonth
        public let received: Int64
        public let givenOut: Int64
    }
    public struct Donor: Sendable, Equatable {
        /// Nil for the donors who asked not to be named and the gifts of unknown givers, summed.
        public let name: String?
        public let amount: Int64
        public let gifts: Int
    }
    public struct Given: Sendable, Equatable {
        public let kind: DisbursementKind
        public let count: Int
        public let amount: Int64
    }
    public let fund: PublicFundRow
    public let purpose: String
    public let year: Int
    public let months: [Month]
    public let donors: [Donor]
    public let given: [Given]
    /// What the fund held at the end of the year (or today, within the year).
    public let held: Int64
    public var received: Int64 { months.reduce(0) { $0 + $1.received } }
    public var givenOut: Int64 { months.reduce(0) { $0 + $1.givenOut } }
}

extension FundRepository {
    /// The funds whose units publish them.
    public func publicFunds() async throws -> [PublicFundRow] {
        let list = try await FundModel.query(on: store.db).filter(\.$isPublic == true).sort(\.$name).limit(1000).all()
        return try await publicRows(list)
    }

    func publicRows(_ list: [FundModel]) async throws -> [PublicFundRow] {
        let units = try await CaseRepository(store).unitNames(list.map(\.unitID))
        return list.map { PublicFundRow(id: $0.id!, name: $0.name, unitName: units[$0.unitID] ?? "", kind: FundKind(rawValue: $0.kind) ?? .charity) }
    }

    /// A public fund's year; any other fund is "not found".
    public func transparency(fundID: UUID, year: Int, today: LocalDate) async throws -> TransparencyReport {
        guard let f = try await FundModel.find(fundID, on: store.db), f.isPublic else { throw AppError.notFound }
        let first = "\(year)-01-01", last = "\(year)-12-31"
        let rows = try await sql(store.db).raw(
            """
            SELECT substr(posted_on, 1, 7) AS m, account, CAST(SUM(debit) AS BIGINT) AS d, CAST(SUM(credit) AS BIGINT) AS c FROM fund_entries
            WHERE fund_id = \(bind: fundID) AND posted_on >= \(bind: first) AND posted_on <= \(bind: last)
            AND account IN ('donations', 'disbursed') GROUP BY substr(posted_on, 1, 7), account
            """
        ).all()
        var received: [String: Int64] = [:], given: [String: Int64] = [:]
        for r in rows {
            let m = try r.decode(column: "m", as: String.self), d = try r.decode(column: "d", as: Int64.self), c = try r.decode(column: "c", as: Int64.self)
            if try r.decode(column: "account", as: String.self) == LedgerAccount.donations.rawValue { received[m] = c - d } else { given[m] = d - c }
        }
        let months = (1...12).map { YearMonth(year: year, month: $0)! }.filter { $0 <= today.yearMonth || received[$0.iso] != nil }.map {
            TransparencyReport.Month(month: $0, received: received[$0.iso] ?? 0, givenOut: given[$0.iso] ?? 0)
        }
        let receipts = try await FundReceiptModel.query(on: store.db).filter(\.$fundID == fundID)
            .filter(\.$status == ReceiptLifecycle.State.recorded.rawValue).filter(\.$receivedOn >= first).filter(\.$receivedOn <= last).all()
        var donors: [UUID: DonorModel] = [:]
        for chunk in Array(Set(receipts.compactMap(\.donorID))).chunked(500) {
            for d in try await DonorModel.query(on: store.db).filter(\.$id ~~ chunk).all() { donors[d.id!] = d }
        }
        var named: [UUID: (Int64, Int)] = [:], hidden: (Int64, Int) = (0, 0)
        for r in receipts {
            if let id = r.donorID, let d = donors[id], !d.anonymous {
                named[id, default: (0, 0)].0 += r.amount; named[id, default: (0, 0)].1 += 1
            } else {
                hidden.0 += r.amount; hidden.1 += 1
            }
        }
        var list = named.map { TransparencyReport.Donor(name: donors[$0.key]!.name, amount: $0.value.0, gifts: $0.value.1) }
            .sorted { ($0.amount, $1.name ?? "") > ($1.amount, $0.name ?? "") }
        if hidden.1 > 0 { list.append(TransparencyReport.Donor(name: nil, amount: hidden.0, gifts: hidden.1)) }
        let paid = try await FundDisbursementModel.query(on: store.db).filter(\.$fundID == fundID)
            .filter(\.$status == DisbursementLifecycle.State.approved.rawValue).filter(\.$decidedOn >= first).filter(\.$decidedOn <= last).all()
        let byKind = Dictionary(grouping: paid, by: \.kind)
        let givenByKind = DisbursementKind.allCases.compactMap { k in
            byKind[k.rawValue].map { TransparencyReport.Given(kind: k, count: $0.count, amount: $0.reduce(0) { $0 + $1.amount }) }
        }
        let end = min(LocalDate(iso: last)!, today)
        return TransparencyReport(
            fund: try await publicRows([f])[0], purpose: f.purpose, year: year, months: months, donors: list, given: givenByKind,
            held: FundLedger.available(try await balances(fundID: fundID, through: end)))
    }
}
