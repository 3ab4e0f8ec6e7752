import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The centre's report for a year, counted from the records when asked: its emergency cases,
/// the hotline (for who answers it), the residents in care on the last day (for who sees them),
/// its departments and the staff in post.
struct CentreReportAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.centreReport), use: report)
    }

    struct CaseFiguresDTO: Content {
        let total: Int; let temporaryShelter: Int; let communitySupport: Int; let closed: Int; let followUp: Int
    }
    struct HotlineFiguresDTO: Content { let contacts: Int; let answered: Int; let byTopic: [String: Int] }
    struct ResidentFiguresDTO: Content { let children: Int; let adults: Int; let inShelter: Int; let admitted: Int; let discharged: Int }
    /// Each capability adds its key (`hotline` for a caller who answers it, `residents` for one
    /// who sees the residents).
    struct CentreReportDTO: Content {
        let unit: String; let year: Int; let emergencyCases: CaseFiguresDTO; let hotline: HotlineFiguresDTO?; let residents: ResidentFiguresDTO?
        let departments: Int; let staff: Int
        /// The therapy programme, for a role that sees the residents.
        let therapy: TherapyFiguresDTO?
        /// Young people helped into a job in the year, for a role that sees the residents.
        let youngPeopleIntoJobs: Int?
        /// Fee-paying care in the year, for a role that sees the residents.
        let feePayingContracts: ContractFiguresDTO?
        /// The Child Protection Fund's year and the charity raised, from the books, for a role
        /// that sees the funds.
        let childProtectionFund: FundFiguresDTO?
        let charityRaised: Int64?
    }
    struct FundFiguresDTO: Content { let received: Int64; let donors: Int; let givenOut: Int64 }
    struct ContractFiguresDTO: Content { let active: Int; let invoiced: Int64; let received: Int64; let arrears: Int64 }
    struct TherapyFiguresDTO: Content { let childrenInTreatment: Int; let sessions: Int }

    func report(req: Request) async throws -> APIJSON<CentreReportDTO> {
        let a = try req.requireActor()
        guard let unit = req.query[String.self, at: "unit"], !unit.isEmpty else { throw AppError.invalid("unit", "validation.required") }
        let year = try req.queryInt("year", in: Bounds.year) ?? req.today.year
        let f = try await CaseRepository(req.store).figures(a, unitCode: unit, year: year)
        let h = a.role.can(.answerHotline) ? try await HotlineRepository(req.store).report(a, unitCode: unit, year: year) : nil
        let care = a.role.can(.viewCare) ? try await CareRepository(req.store).figures(a, unitCode: unit, year: year) : nil
        let staff = try await StaffRepository(req.store).figures(a, unitCode: unit, on: LocalDate(year: year, month: 12, day: 31)!)
        let therapy = a.role.can(.viewCare) ? try await TherapyRepository(req.store).figures(a, unitCode: unit, year: year) : nil
        let jobs = a.role.can(.viewCare) ? try await CareRepository(req.store).placedInJobs(a, unitCode: unit, year: year) : nil
        let contracts = a.role.can(.viewCare) ? try await CareRepository(req.store).contractFigures(a, unitCode: unit, year: year) : nil
        let funds = FundRepository(req.store), seesFunds = a.role.can(.viewFunds)
        let cpf = seesFunds ? try await funds.figures(a, unitCode: unit, year: year, kind: .childProtection) : nil
        let charity = seesFunds ? try await funds.figures(a, unitCode: unit, year: year, kind: .charity) : nil
        return APIJSON(
            CentreReportDTO(
                unit: unit, year: year,
                emergencyCases: CaseFiguresDTO(
                    total: f.total, temporaryShelter: f.temporaryShelter, communitySupport: f.communitySupport, closed: f.closed, followUp: f.followUp),
                hotline: h.map { HotlineFiguresDTO(contacts: $0.contacts, answered: $0.answered, byTopic: $0.byTopic) },
                residents: care.map {
                    ResidentFiguresDTO(children: $0.children, adults: $0.adults, inShelter: $0.inShelter, admitted: $0.admitted, discharged: $0.discharged)
                }, departments: staff.departments, staff: staff.staff,
                therapy: therapy.map { TherapyFiguresDTO(childrenInTreatment: $0.inTreatment, sessions: $0.sessions) }, youngPeopleIntoJobs: jobs,
                feePayingContracts: contracts.map { ContractFiguresDTO(active: $0.active, invoiced: $0.invoiced, received: $0.received, arrears: $0.arrears) },
                childProtectionFund: cpf.map { FundFiguresDTO(received: $0.received, donors: $0.donors, givenOut: $0.givenOut) },
                charityRaised: charity?.received))
    }

    static var operations: [APIOperation] {
        [
            APIOperation(
                .GET, .centreReport, "The centre's figures for a year, counted from the records now", tag: "cases",
                query: [
                    ("unit", ["type": "string", "minLength": 1, "maxLength": 50]),
                    ("year", ["type": "integer", "minimum": Bounds.year.lowerBound, "maximum": Bounds.year.upperBound]),
                ],
                response: "CentreReport")
        ]
    }

    static var schemas: [String: Any] {
        let count: [String: Any] = ["type": "integer", "minimum": 0]
        func nullable(_ o: [String: Any]) -> [String: Any] { ["oneOf": [o, ["type": "null"]]] }
        return [
            "CentreReport": OpenAPI.obj(
                [
                    "unit": ["type": "string"], "year": ["type": "integer"],
                    "emergency_cases": OpenAPI.obj(
                        ["total": count, "temporary_shelter": count, "community_support": count, "closed": count, "follow_up": count],
                        required: ["total", "temporary_shelter", "community_support", "closed", "follow_up"]),
                    "hotline": nullable(
                        OpenAPI.obj(
                            ["contacts": count, "answered": count, "by_topic": ["type": "object", "additionalProperties": count]],
                            required: ["contacts", "answered", "by_topic"])),
                    "residents": nullable(
                        OpenAPI.obj(
                            ["children": count, "adults": count, "in_shelter": count, "admitted": count, "discharged": count],
                            required: ["children", "adults", "in_shelter", "admitted", "discharged"])),
                    "departments": count, "staff": count, "young_people_into_jobs": ["type": ["integer", "null"], "minimum": 0],
                    "fee_paying_contracts": nullable(
                        OpenAPI.obj(
                            ["active": count, "invoiced": count, "received": count, "arrears": count], required: ["active", "invoiced", "received", "arrears"])),
                    "child_protection_fund": nullable(
                        OpenAPI.obj(
                            ["received": ["type": "integer"], "donors": count, "given_out": ["type": "integer"]], required: ["received", "donors", "given_out"])
                    ),
                    "charity_raised": ["type": ["integer", "null"]],
                    "therapy": nullable(
                        OpenAPI.obj(["children_in_treatment": count, "sessions": count], required: ["children_in_treatment", "sessions"])),
                ], required: ["unit", "year", "emergency_cases", "departments", "staff"])
        ]
    }
}
