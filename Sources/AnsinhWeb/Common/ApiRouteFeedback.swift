import Foundation

/// The segments of the open door's operations — residents' requests and the officers' inbox,
/// announcements, and the ward's information without a token — kept apart so `ApiRoute` stays
/// readable.
extension ApiRoute {
    /// This route's segments when it is one of those operations; nil otherwise.
    var feedbackSegments: [SiteRoute.Segment]? {
        switch self {
        case .publicRequests: return [.fixed("public"), .fixed("requests")]
        case .publicRequest(let code): return [.fixed("public"), .fixed("requests"), .text("tracking_code", code)]
        case .publicRequestMessages(let code): return [.fixed("public"), .fixed("requests"), .text("tracking_code", code), .fixed("messages")]
        case .publicAnnouncements: return [.fixed("public"), .fixed("announcements")]
        case .publicSupport: return [.fixed("public"), .fixed("support")]
        case .publicPostings: return [.fixed("public"), .fixed("postings")]
        case .requestFiles(let id): return [.fixed("requests"), .id("id", id), .fixed("files")]
        case .requestFile(let id): return [.fixed("request-files"), .id("id", id)]
        case .requestDeadlines: return [.fixed("request-deadlines")]
        case .requests: return [.fixed("requests")]
        case .request(let id): return [.fixed("requests"), .id("id", id)]
        case .requestAction(let id, let t): return [.fixed("requests"), .id("id", id), .fixed(t.rawValue)]
        case .requestsReport: return [.fixed("requests"), .fixed("report")]
        case .requestApplication(let id): return [.fixed("requests"), .id("id", id), .fixed("application")]
        case .requestHousehold(let id): return [.fixed("requests"), .id("id", id), .fixed("household")]
        case .requestCentre(let id): return [.fixed("requests"), .id("id", id), .fixed("centre")]
        case .wardRequests: return [.fixed("ward-requests")]
        case .wardRequest(let id): return [.fixed("ward-requests"), .id("id", id)]
        case .wardRequestCase(let id): return [.fixed("ward-requests"), .id("id", id), .fixed("case")]
        case .wardRequestGiveBack(let id): return [.fixed("ward-requests"), .id("id", id), .fixed("give-back")]
        case .announcements: return [.fixed("announcements")]
        case .announcement(let id): return [.fixed("announcements"), .id("id", id)]
        case .announcementAction(let id, let t): return [.fixed("announcements"), .id("id", id), .fixed(t.rawValue)]
        default: return nil
        }
    }
}
