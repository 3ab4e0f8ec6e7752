import Foundation

/// The segments of the officers' pages of residents' requests — the ward's inbox and the work a
/// request becomes, and the centre's list of requests wards forwarded to it — kept apart so
/// `SiteRoute` stays readable.
extension SiteRoute {
    /// This route's segments when it is one of those pages; nil otherwise.
    var requestSegments: [Segment]? {
        switch self {
        case .requestFile(let id): return [.fixed("requests"), .fixed("files"), .id("id", id)]
        case .requestDeadlines: return [.fixed("admin"), .fixed("request-deadlines")]
        case .requests: return [.fixed("requests")]
        case .request(let id): return [.fixed("requests"), .id("id", id)]
        case .requestStep(let id): return [.fixed("requests"), .id("id", id), .fixed("step")]
        case .requestConvert(let id): return [.fixed("requests"), .id("id", id), .fixed("convert")]
        case .requestsReport: return [.fixed("requests"), .fixed("report")]
        case .requestApplication(let id): return [.fixed("requests"), .id("id", id), .fixed("application")]
        case .requestHousehold(let id): return [.fixed("requests"), .id("id", id), .fixed("household")]
        case .requestCentre(let id): return [.fixed("requests"), .id("id", id), .fixed("centre")]
        case .wardRequests: return [.fixed("ward-requests")]
        case .wardRequest(let id): return [.fixed("ward-requests"), .id("id", id)]
        case .wardRequestCase(let id): return [.fixed("ward-requests"), .id("id", id), .fixed("case")]
        case .wardRequestGiveBack(let id): return [.fixed("ward-requests"), .id("id", id), .fixed("give-back")]
        default: return nil
        }
    }
}
