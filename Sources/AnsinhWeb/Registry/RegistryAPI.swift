import AnsinhCore
import AnsinhStore
import Vapor

/// Registry search over the JSON API (`/api/v1/persons?q=`, `/api/v1/households?q=`).
struct RegistryAPI {
    func register(api: any RoutesBuilder) {
        api.get(.api(.persons), use: persons)
        api.get(.api(.households), use: households)
        api.get(.api(.household(nil)), use: household)
    }

    func persons(req: Request) async throws -> APIJSON<APIPage<PersonView>> {
        let a = try req.requireActor()
        return APIJSON(APIPage(try await RegistryRepository(req.store).persons(a, query: req.query[String.self, at: "q"], page: req.pageSpec)))
    }

    func households(req: Request) async throws -> APIJSON<APIPage<HouseholdSummary>> {
        let a = try req.requireActor()
        return APIJSON(APIPage(try await RegistryRepository(req.store).households(a, query: req.query[String.self, at: "q"], page: req.pageSpec)))
    }

    struct HouseholdDTO: Content {
        let household: HouseholdView
        let members: [MemberView]
        let flags: [String]
        let asOf: String
    }

    func household(req: Request) async throws -> APIJSON<HouseholdDTO> {
        let a = try req.requireActor()
        let asOf = try req.queryDate("as_of") ?? req.today
        let d = try await RegistryRepository(req.store).household(a, id: try req.idParameter(), asOf: asOf)
        return APIJSON(HouseholdDTO(household: d.household, members: d.members, flags: d.flags.map(\.flag.rawValue), asOf: asOf.iso))
    }
}
