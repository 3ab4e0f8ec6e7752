import Foundation

/// The segments of the pages anyone may open without an account — the ward's information for
/// residents, the privacy notice, the funds' books, requests and announcements — all under
/// `/public`, kept apart so `SiteRoute` stays readable.
extension SiteRoute {
    /// This route's segments when it is a public page; nil otherwise.
    var publicSegments: [Segment]? {
        switch self {
        case .publicHome: return [.fixed("public")]
        case .publicSupport: return [.fixed("public"), .fixed("support")]
        case .publicPostings: return [.fixed("public"), .fixed("postings")]
        case .privacyNotice: return [.fixed("public"), .fixed("privacy")]
        case .publicFunds: return [.fixed("public"), .fixed("funds")]
        case .publicFund(let id): return [.fixed("public"), .fixed("funds"), .id("id", id)]
        case .publicFundExport(let id): return [.fixed("public"), .fixed("funds"), .id("id", id), .fixed("report.csv")]
        case .publicRequestNew: return [.fixed("public"), .fixed("requests"), .fixed("new")]
        case .publicRequests: return [.fixed("public"), .fixed("requests")]
        case .publicRequestSent: return [.fixed("public"), .fixed("requests"), .fixed("sent")]
        case .publicRequestTrack: return [.fixed("public"), .fixed("requests"), .fixed("track")]
        case .publicRequestMessages: return [.fixed("public"), .fixed("requests"), .fixed("messages")]
        case .publicAnnouncements: return [.fixed("public"), .fixed("announcements")]
        case .publicAnnouncement(let id): return [.fixed("public"), .fixed("announcements"), .id("id", id)]
        default: return nil
        }
    }
}
