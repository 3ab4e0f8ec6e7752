import Testing

@testable import AnsinhCore

/// Works' coordinates and their map, and who takes a work each step.
@Suite("Living-conditions works")
struct WorksRulesTests {
    @Test func coordinatesAreReadWithinVietnamOnly() {
        let p = MapPoint(text: "20.99615, 105.81892")
        #expect(p?.latitude == 20.99615 && p?.longitude == 105.81892)
        #expect(MapPoint(text: "20.99615 105.81892") == p && MapPoint(text: "20.99615;105.81892") == p)
        #expect(MapPoint(text: "48.85, 2.35") == nil && MapPoint(text: "105.8, 20.9") == nil)
        #expect(MapPoint(text: "abc, def") == nil && MapPoint(text: "20.9") == nil && MapPoint(text: "") == nil)
    }

    @Test func theMapKeepsNorthUpAndTheProportions() {
        let points = [MapPoint(text: "21.000, 105.800")!, MapPoint(text: "21.010, 105.820")!]
        let placed = MapPoint.layout(points, width: 400, height: 300, margin: 20)
        // The wider span (longitude, 0.02) fills the width; north (the higher latitude) is up.
        #expect(abs(placed[0].x - 20) < 0.001 && abs(placed[1].x - 380) < 0.001)
        #expect(placed[1].y < placed[0].y && abs((placed[0].y - placed[1].y) - 180) < 0.001)
        // One point alone sits in the middle.
        let one = MapPoint.layout([points[0]], width: 400, height: 300, margin: 20)[0]
        #expect(abs(one.x - 200) < 0.001 && abs(one.y - 150) < 0.001)
        #expect(MapPoint.layout([], width: 400, height: 300, margin: 20).isEmpty)
    }

    @Test func theChairmanApprovesAndTheOfficerBuilds() throws {
        #expect(WorkLifecycle.may(.approve, role: .wardApprover) && !WorkLifecycle.may(.approve, role: .wardOfficer))
        #expect(WorkLifecycle.may(.start, role: .wardOfficer) && !WorkLifecycle.may(.start, role: .wardApprover))
        #expect(try WorkLifecycle.next(.progress, from: .inProgress) == .inProgress)
        #expect(throws: AppError.self) { try WorkLifecycle.next(.cancel, from: .inProgress) }
        #expect(WorkLifecycle.available(from: .completed, role: .wardOfficer) == [.handOver])
    }
}
