import Foundation

/// A living-conditions work of a ward (field notes §1: "living conditions, not only cash").
public enum WorkKind: String, CaseIterable, Sendable, Codable {
    case lighting, road, drainage, playground
    case communitySpace = "community_space"
    case wastePoint = "waste_point"
    /// The repair of a policy family's "gratitude house" (field notes §1: roofs, floors, parts,
    /// paid from the Gratitude Fund): for a household with a person of meritorious service or
    /// a relative on record, with the house's condition surveyed and a contractor.
    case gratitudeHouse = "gratitude_house"

    /// A work on one family's house rather than a public place.
    public var isHouse: Bool { self == .gratitudeHouse }
}

/// A house's condition as surveyed before a repair, the worst last; a house repaired and handed
/// over is sound again.
public enum HouseCondition: String, CaseIterable, Sendable, Codable {
    case sound, worn, damaged, unsafe
}

/// Who raised the need: a resident's request (from the public form), a residential group's
/// meeting, or the ward's own plan.
public enum WorkOrigin: String, CaseIterable, Sendable, Codable {
    case residentRequest = "resident_request"
    case groupMeeting = "group_meeting"
    case wardPlan = "ward_plan"
}

/// A work's way: proposed → approved by the ward's chairman (the decision) → started → its
/// progress recorded (a step that keeps the state) → completed → handed over to whoever keeps
/// it (the residential group, the ward's public works); a proposal or an approved work not yet
/// started may be cancelled with the reason.
public enum WorkLifecycle: Lifecycle {
    public enum State: String, CaseIterable, Sendable {
        case proposed, approved
        case inProgress = "in_progress"
        case completed
        case handedOver = "handed_over"
        case cancelled
    }
    public enum Transition: String, CaseIterable, Sendable {
        case approve, start, progress, complete
        case handOver = "hand_over"
        case cancel
    }
    public static let entity = "work"
    public static func auditAction(_ t: Transition) -> String { "work_" + t.rawValue }

    public static func rule(_ t: Transition) -> TransitionRule<State> {
        switch t {
        case .approve: return .init(from: [.proposed], to: .approved, .approveWorks, requires: ["decision"])
        case .start: return .init(from: [.approved], to: .inProgress, .manageWorks, requires: ["date"])
        case .progress: return .init(from: [.inProgress], to: nil, .manageWorks, requires: ["date", "percent", "note"])
        case .complete: return .init(from: [.inProgress], to: .completed, .manageWorks, requires: ["date"])
        case .handOver: return .init(from: [.completed], to: .handedOver, .manageWorks, requires: ["date", "handed_to"])
        case .cancel: return .init(from: [.proposed, .approved], to: .cancelled, .manageWorks, requires: ["reason"])
        }
    }

    public static func refusal(_ t: Transition, from state: State) -> AppError {
        .conflict(Message("works.error.state", ["status": "@works.status.\(state.rawValue)"]))
    }
}

/// A place on the map, in decimal degrees (WGS 84), as typed: kept as text so nothing is
/// rounded, read as numbers only to draw.
public struct MapPoint: Sendable, Equatable {
    public let latitude: Double
    public let longitude: Double

    /// "21.0005, 105.8201" (a comma or a space between), within Vietnam's extent with a margin
    /// (latitude 8–24, longitude 102–118); nil otherwise.
    public init?(text: String) {
        let parts = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map(String.init)
        guard parts.count == 2, let lat = Double(parts[0]), let lon = Double(parts[1]), (8.0...24.0).contains(lat), (102.0...118.0).contains(lon)
        else { return nil }
        latitude = lat; longitude = lon
    }

    /// Points placed in a `width` × `height` picture keeping the proportions, with a margin;
    /// one point alone sits in the middle.
    public static func layout(_ points: [MapPoint], width: Double, height: Double, margin: Double) -> [(x: Double, y: Double)] {
        guard let minLat = points.map(\.latitude).min(), let maxLat = points.map(\.latitude).max(),
            let minLon = points.map(\.longitude).min(), let maxLon = points.map(\.longitude).max()
        else { return [] }
        let spanLat = max(maxLat - minLat, 0.0005), spanLon = max(maxLon - minLon, 0.0005)
        let scale = min((width - 2 * margin) / spanLon, (height - 2 * margin) / spanLat)
        let offX = (width - spanLon * scale) / 2, offY = (height - spanLat * scale) / 2
        return points.map { p in
            let x = offX + ((maxLon - minLon < 0.0005 ? spanLon / 2 : p.longitude - minLon) * scale)
            let y = offY + ((maxLat - minLat < 0.0005 ? spanLat / 2 : maxLat - p.latitude) * scale)
            return (x, y)
        }
    }
}
