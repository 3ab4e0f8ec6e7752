import AnsinhCore
import Foundation

/// The segments of the operations on donated money — funds, pledges, donors, receipts,
/// disbursements and the year's figures — kept apart so `ApiRoute` stays readable.
extension ApiRoute {
    /// This route's segments when it is one of those operations; nil otherwise.
    var fundSegments: [SiteRoute.Segment]? {
        switch self {
        case .funds: return [.fixed("funds")]
        case .fund(let id): return [.fixed("funds"), .id("id", id)]
        case .fundReceipts(let id): return [.fixed("funds"), .id("id", id), .fixed("receipts")]
        case .fundDisbursements(let id): return [.fixed("funds"), .id("id", id), .fixed("disbursements")]
        case .fundLedger(let id): return [.fixed("funds"), .id("id", id), .fixed("ledger")]
        case .fundClose(let id): return [.fixed("funds"), .id("id", id), .fixed("close")]
        case .fundPledges(let id): return [.fixed("funds"), .id("id", id), .fixed("pledges")]
        case .pledgeCancel(let id): return [.fixed("pledges"), .id("id", id), .fixed("cancel")]
        case .donorPledges(let id): return [.fixed("donors"), .id("id", id), .fixed("pledges")]
        case .donors: return [.fixed("donors")]
        case .donor(let id): return [.fixed("donors"), .id("id", id)]
        case .donorDuplicates: return [.fixed("donor-duplicates")]
        case .fundReceipt(let id): return [.fixed("fund-receipts"), .id("id", id)]
        case .fundReceiptReverse(let id): return [.fixed("fund-receipts"), .id("id", id), .fixed("reverse")]
        case .disbursement(let id): return [.fixed("disbursements"), .id("id", id)]
        case .disbursementAction(let id, let t): return [.fixed("disbursements"), .id("id", id), .fixed(t.rawValue)]
        case .fundsReport: return [.fixed("reports"), .fixed("funds")]
        default: return nil
        }
    }
}
