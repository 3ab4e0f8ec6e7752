import AnsinhCore
import Foundation
import Testing

/// Who a campaign's rule reaches, read from a person's facts on the campaign's day.
@Suite("Gift targeting")
struct GiftTargetingTests {
    static let day = LocalDate(iso: "2025-10-01")!
    static func facts(_ birth: String, _ disability: DisabilityLevel = .none, merit: Set<MeritCategory> = [], class c: PovertyClass? = nil) -> GiftFacts {
        GiftFacts(birth: BirthDate(text: birth), disability: disability, hasMerit: false, merit: merit, householdClass: c)
    }

    @Test(arguments: [
        (facts("1945-10-01"), [GiftCategory.elderly80, .everyone]),
        (facts("1945-10-02"), [.everyone]),
        // Year only: counted from 1 January, so 80 within 1945's births all year.
        (facts("1945"), [.elderly80, .everyone]),
        (facts("2012-05-05", class: .nearPoor), [.nearPoor, .childInPoorHousehold, .everyone]),
        (facts("2009-10-01", class: .poor), [.poor, .everyone]),
        (facts("1950-01-01", .especiallySevere, merit: [.sickSoldier]), [.merit, .warInvalid, .severeDisability, .everyone]),
        (facts("1960-01-01", .mild, merit: [.agentOrange, .martyrRelative]), [.merit, .martyrRelative, .agentOrange, .everyone]),
    ])
    func categories(f: GiftFacts, expected: [GiftCategory]) {
        #expect(GiftTargeting.categories(f, on: Self.day) == Set(expected))
    }

    @Test func reasonsFollowTheRuleAndItsJSONRoundTrips() throws {
        let rule = GiftRule(any: [.agentOrange, .poor, .elderly80], per: .household)
        #expect(GiftTargeting.reasons(rule, Self.facts("1940", merit: [.agentOrange], class: .poor), on: Self.day) == [.agentOrange, .poor, .elderly80])
        #expect(GiftTargeting.reasons(rule, Self.facts("1990", class: .nearPoor), on: Self.day) == [])
        #expect(GiftRule(json: rule.json) == rule)
        #expect(rule.json == #"{"any":["agent_orange","poor","elderly_80"],"per":"household"}"#)
        #expect(GiftRule(json: #"{"any":[],"per":"person"}"#) == nil)
        #expect(GiftRule(json: #"{"any":["nobody"],"per":"person"}"#) == nil)
    }

    @Test func campaignLifecycle() {
        let officer: Set<Role> = [.systemAdmin, .wardOfficer]
        let rows: [LifecycleTests.Row<GiftCampaignLifecycle>] = [
            .init(t: .generate, from: [.open], to: nil, roles: officer), .init(t: .handOut, from: [.open], to: nil, roles: officer),
            .init(t: .close, from: [.open], to: .closed, roles: officer),
        ]
        let n = LifecycleTests.verify(GiftCampaignLifecycle.self, rows) { t, s in
            .notAllowed(Message("lifecycle.error.step", ["state": s.rawValue, "action": t.rawValue]))
        }
        #expect(n == 3 * 2 * Role.allCases.count)
    }
}
