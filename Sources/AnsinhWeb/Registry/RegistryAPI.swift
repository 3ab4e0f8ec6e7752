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

    // MARK: DTOs (the public contract; Store read models stay inside)

    /// A person. `hiv` is present only for a role with the HIV class.
    struct PersonDTO: Content {
        let id: UUID; let fullName: String; let gender: String; let birth: String; let nationalId: String?; let ethnicity: String?
        let phone: String?; let disability: String; let disabilityCertificateDate: String?; let hasPension: Bool; let hasMerit: Bool
        let deathDate: String?; let hiv: Bool?
        init(_ p: PersonView) {
            id = p.id; fullName = p.fullName; gender = p.gender.rawValue; birth = p.birth.text; nationalId = p.nationalID; ethnicity = p.ethnicity
            phone = p.phone; disability = p.disability.rawValue; disabilityCertificateDate = p.disabilityCertificateDate?.iso
            hasPension = p.hasPension; hasMerit = p.hasMerit; deathDate = p.deathDate?.iso; hiv = p.hiv
        }
    }

    struct HouseholdDTO: Content {
        let id: UUID; let code: String; let communeId: UUID; let groupId: UUID?; let address: String; let areaType: String; let phone: String?
        let status: String
        init(_ h: HouseholdView) {
            id = h.id; code = h.code; communeId = h.communeID; groupId = h.groupID; address = h.address; areaType = h.areaType.rawValue
            phone = h.phone; status = h.status.rawValue
        }
    }

    struct HouseholdSummaryDTO: Content {
        let household: HouseholdDTO; let headName: String?; let memberCount: Int; let groupName: String?
        init(_ s: HouseholdSummary) { household = HouseholdDTO(s.household); headName = s.headName; memberCount = s.memberCount; groupName = s.groupName }
    }

    struct MemberDTO: Content {
        let person: PersonDTO; let role: String; let startDate: String; let endDate: String?; let endReason: String?
        init(_ m: MemberView) {
            person = PersonDTO(m.person); role = m.role.rawValue; startDate = m.startDate.iso; endDate = m.endDate?.iso; endReason = m.endReason
        }
    }

    struct HouseholdDetailDTO: Content {
        let household: HouseholdDTO
        let members: [MemberDTO]
        let flags: [String]
        let asOf: String
    }

    func persons(req: Request) async throws -> APIJSON<APIPage<PersonDTO>> {
        let a = try req.requireActor()
        return APIJSON(APIPage(try await RegistryRepository(req.store).persons(a, query: req.query[String.self, at: "q"], page: req.pageSpec), PersonDTO.init))
    }

    func households(req: Request) async throws -> APIJSON<APIPage<HouseholdSummaryDTO>> {
        let a = try req.requireActor()
        let page = try await RegistryRepository(req.store).households(a, query: req.query[String.self, at: "q"], page: req.pageSpec)
        return APIJSON(APIPage(page, HouseholdSummaryDTO.init))
    }

    func household(req: Request) async throws -> APIJSON<HouseholdDetailDTO> {
        let a = try req.requireActor()
        let asOf = try req.queryDate("as_of") ?? req.today
        let d = try await RegistryRepository(req.store).household(a, id: try req.idParameter(), asOf: asOf)
        return APIJSON(
            HouseholdDetailDTO(
                household: HouseholdDTO(d.household), members: d.members.map(MemberDTO.init), flags: d.flags.map(\.flag.rawValue), asOf: asOf.iso))
    }
}
