import AnsinhCore
import AnsinhStore
import Plot
import Vapor

/// Households and persons: list and search, household page, person page, create and change.
struct RegistryController {
    struct HouseholdForm: Content {
        var code: String?; var commune_id: String?; var group_id: String?; var address: String?; var area_type: String?; var phone: String?
        var head_full_name: String?; var head_gender: String?; var head_birth: String?; var head_national_id: String?
        var head_phone: String?; var head_disability: String?; var head_disability_certificate_date: String?
        var head_has_pension: String?; var head_has_merit: String?; var since: String?
    }
    struct PersonForm: Content {
        var full_name: String?; var gender: String?; var birth: String?; var national_id: String?; var ethnicity: String?
        var phone: String?; var disability: String?; var disability_certificate_date: String?; var has_pension: String?
        var has_merit: String?; var hiv: String?; var death_date: String?; var role: String?; var since: String?
    }
    struct LeaveForm: Content { var person_id: String?; var date: String?; var reason: String? }

    func register(authed: any RoutesBuilder) {
        authed.get(.households, use: households)
        authed.get(.householdsExport, use: exportHouseholds)
        authed.get(.householdNew, use: newHousehold)
        authed.post(.households, use: createHousehold)
        authed.get(.household(nil), use: household)
        authed.post(.householdMembers(nil), use: addMember)
        authed.post(.householdLeave(nil), use: leave)
        authed.post(.householdMove(nil), use: move)
        authed.post(.householdSplit(nil), use: split)
        authed.post(.householdMerge(nil), use: merge)
        authed.post(.personRelationships(nil), use: relate)
        authed.post(.relationshipEnd(nil), use: unrelate)
        authed.get(.persons, use: persons)
        authed.get(.personsExport, use: exportPersons)
        authed.get(.person(nil), use: person)
        authed.get(.personEdit(nil), use: editPerson)
        authed.post(.personEdit(nil), use: updatePerson)
    }

    static func checked(_ v: String?) -> Bool { v == "on" || v == "true" || v == "1" }

    func personInput(_ f: PersonForm) -> PersonInput {
        PersonInput(
            fullName: f.full_name ?? "", gender: f.gender ?? "", birth: f.birth ?? "", nationalID: f.national_id,
            ethnicity: f.ethnicity, phone: f.phone, disability: f.disability ?? "none",
            disabilityCertificateDate: f.disability_certificate_date, hasPension: Self.checked(f.has_pension),
            hasMerit: Self.checked(f.has_merit), hiv: Self.checked(f.hiv), deathDate: f.death_date)
    }

    func households(req: Request) async throws -> HTMLResponse {
        HTMLResponse(HouseholdsPage.render(PageContext(req), try await HouseholdsPage.model(for: req)))
    }

    /// CSV of the filtered list (UTF-8 with BOM for spreadsheet programs), up to 100,000 rows.
    func exportHouseholds(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let repo = RegistryRepository(req.store)
        let q = req.query[String.self, at: "q"]
        let group = req.query[String.self, at: "group"].flatMap(UUID.init(uuidString:))
        var rows: [[String]] = []
        var page = 1
        while page <= 500 {
            let p = try await repo.households(actor, query: q, groupID: group, capped: false, page: PageSpec(page: page, perPage: 200))
            for s in p.items {
                rows.append([
                    s.household.code, s.headName ?? "", String(s.memberCount), s.groupName ?? "", s.household.address,
                    s.household.areaType.rawValue, s.household.status.rawValue,
                ])
            }
            if page >= p.pageCount { break }
            page += 1
        }
        return try await Spreadsheet.response(
            req, header: ["household_code", "head", "members", "residential_group", "address", "area_type", "status"],
            rows: rows, baseName: "ansinh-households")
    }

    func newHousehold(req: Request) async throws -> HTMLResponse {
        HTMLResponse(HouseholdFormPage.render(PageContext(req), try await HouseholdFormPage.model(for: req, form: HouseholdForm(since: req.today.iso))))
    }

    func createHousehold(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let f = try req.content.decode(HouseholdForm.self)
        let input = HouseholdInput(
            code: f.code ?? "", communeID: f.commune_id.flatMap(UUID.init(uuidString:)),
            groupID: f.group_id.flatMap(UUID.init(uuidString:)), address: f.address ?? "",
            areaType: f.area_type, phone: f.phone)
        let head = PersonInput(
            fullName: f.head_full_name ?? "", gender: f.head_gender ?? "", birth: f.head_birth ?? "",
            nationalID: f.head_national_id, phone: f.head_phone, disability: f.head_disability ?? "none",
            disabilityCertificateDate: f.head_disability_certificate_date,
            hasPension: Self.checked(f.head_has_pension), hasMerit: Self.checked(f.head_has_merit))
        do {
            guard let since = LocalDate(iso: f.since ?? "") else { throw AppError.invalid("since", "import.bad_date", ["value": f.since ?? ""]) }
            let h = try await RegistryRepository(req.store).createHousehold(actor, input, head: head, since: since)
            req.flash(.success, Message("registry.household_created", ["code": h.code]))
            return req.redirect(to: SiteRoute.household(h.id).path)
        } catch AppError.validation(let errors) {
            let page = HouseholdFormPage.render(PageContext(req), try await HouseholdFormPage.model(for: req, form: f, errors: errors))
            return HTMLResponse(page, status: .unprocessableEntity).response()
        }
    }

    func household(req: Request) async throws -> HTMLResponse {
        HTMLResponse(HouseholdPage.render(PageContext(req), try await HouseholdPage.model(for: req)))
    }

    func addMember(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(PersonForm.self)
        let repo = RegistryRepository(req.store)
        do {
            guard let since = LocalDate(iso: f.since ?? "") else { throw AppError.invalid("since", "import.bad_date", ["value": f.since ?? ""]) }
            let p = try await repo.addMember(actor, householdID: id, person: personInput(f), role: f.role ?? "", since: since)
            req.flash(.success, Message("registry.member_added", ["name": p.fullName]))
            return req.redirect(to: SiteRoute.household(id).path)
        } catch AppError.validation(let errors) {
            let page = HouseholdPage.render(PageContext(req), try await HouseholdPage.model(for: req, memberForm: f, errors: errors))
            return HTMLResponse(page, status: .unprocessableEntity).response()
        }
    }

    struct MoveForm: Content { var address: String?; var group_id: String?; var date: String? }
    struct SplitForm: Content {
        var members: [String]?; var new_code: String?; var address: String?; var group_id: String?; var new_head: String?
        var remaining_head: String?; var date: String?
    }
    struct MergeForm: Content { var into_code: String?; var date: String? }

    /// Runs a household change; errors come back as flashes on the household page, nothing written.
    func change(_ req: Request, _ id: UUID, success: Message, _ body: (LocalDate) async throws -> Void, date: String?) async throws -> Response {
        try await req.perform(back: SiteRoute.household(id).path, success: success) {
            guard let day = LocalDate(iso: date ?? "") else { throw AppError.invalid("date", "validation.date") }
            guard day <= req.today else { throw AppError.invalid("date", "review.error.future_date") }
            try await body(day)
        }
    }

    func move(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(MoveForm.self)
        return try await change(
            req, id, success: Message("registry.moved"),
            { day in
                try await RegistryRepository(req.store).moveHousehold(
                    actor, id: id, address: f.address ?? "", communeID: nil,
                    groupID: f.group_id.flatMap(UUID.init(uuidString:)), on: day)
            }, date: f.date)
    }

    func split(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(SplitForm.self)
        return try await change(
            req, id, success: Message("registry.split.done", ["code": f.new_code ?? ""]),
            { day in
                _ = try await RegistryRepository(req.store).splitHousehold(
                    actor, id: id,
                    .init(
                        memberIDs: (f.members ?? []).compactMap(UUID.init(uuidString:)), newCode: f.new_code ?? "", address: f.address ?? "",
                        groupID: f.group_id.flatMap(UUID.init(uuidString:)), newHeadID: f.new_head.flatMap(UUID.init(uuidString:)),
                        remainingHeadID: f.remaining_head.flatMap(UUID.init(uuidString:))), on: day)
            }, date: f.date)
    }

    func merge(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(MergeForm.self)
        return try await change(
            req, id, success: Message("registry.merge.done", ["code": f.into_code ?? ""]),
            { day in
                _ = try await RegistryRepository(req.store).mergeHousehold(actor, id: id, intoCode: f.into_code ?? "", on: day)
            }, date: f.date)
    }

    struct RelateForm: Content { var kind: String?; var related: String?; var member: String?; var since: String? }
    struct DateForm: Content { var date: String?; var person: String? }

    func personAction(_ req: Request, _ personID: UUID, success: Message, _ body: () async throws -> Void) async throws -> Response {
        try await req.perform(back: SiteRoute.person(personID).path, success: success, body)
    }

    func relate(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(RelateForm.self)
        return try await personAction(req, id, success: Message("registry.relationship.added")) {
            guard let since = LocalDate(iso: f.since ?? "") else { throw AppError.invalid("since", "validation.date") }
            let related = (f.member.flatMap { $0.isEmpty ? nil : $0 }) ?? f.related ?? ""
            try await RegistryRepository(req.store).addRelationship(actor, personID: id, related: related, kind: f.kind ?? "", since: since)
        }
    }

    func unrelate(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let f = try req.content.decode(DateForm.self)
        guard let person = f.person.flatMap(UUID.init(uuidString:)) else { throw AppError.notFound }
        return try await personAction(req, person, success: Message("registry.relationship.ended")) {
            guard let day = LocalDate(iso: f.date ?? "") else { throw AppError.invalid("date", "validation.date") }
            try await RegistryRepository(req.store).endRelationship(actor, id: try req.idParameter(), on: day)
        }
    }

    func leave(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(LeaveForm.self)
        do {
            guard let pid = f.person_id.flatMap(UUID.init(uuidString:)) else { throw AppError.invalid("person_id", "validation.choice") }
            guard let day = LocalDate(iso: f.date ?? "") else { throw AppError.invalid("date", "import.bad_date", ["value": f.date ?? ""]) }
            try await RegistryRepository(req.store).endMembership(actor, householdID: id, personID: pid, on: day, reason: f.reason ?? "")
            req.flash(.success, Message("registry.member_left"))
        } catch AppError.validation(let errors) {
            req.flash(.error, errors.first?.message ?? Message("error.validation"))
        } catch AppError.conflict(let m) {
            req.flash(.error, m)
        }
        return req.redirect(to: SiteRoute.household(id).path)
    }

    func persons(req: Request) async throws -> HTMLResponse {
        HTMLResponse(PersonsPage.render(PageContext(req), try await PersonsPage.model(for: req)))
    }

    /// CSV of the persons found by the search (up to 100,000 rows).
    func exportPersons(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let repo = RegistryRepository(req.store)
        let q = req.query[String.self, at: "q"]
        var rows: [[String]] = []
        var page = 1
        while page <= 500 {
            let p = try await repo.persons(actor, query: q, capped: false, page: PageSpec(page: page, perPage: 200))
            for x in p.items {
                rows.append([
                    x.fullName, x.gender.rawValue, x.birth.text, x.nationalID ?? "", x.phone ?? "", x.disability.rawValue,
                    x.hasPension ? "yes" : "no",
                ])
            }
            if page >= p.pageCount { break }
            page += 1
        }
        return try await Spreadsheet.response(
            req, header: ["full_name", "gender", "date_of_birth", "national_id", "phone", "disability_level", "has_pension"],
            rows: rows, baseName: "ansinh-persons")
    }

    func person(req: Request) async throws -> HTMLResponse {
        HTMLResponse(PersonPage.render(PageContext(req), try await PersonPage.model(for: req)))
    }

    func editPerson(req: Request) async throws -> HTMLResponse {
        HTMLResponse(PersonFormPage.render(PageContext(req), try await PersonFormPage.model(for: req)))
    }

    func updatePerson(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(PersonForm.self)
        do {
            _ = try await RegistryRepository(req.store).updatePerson(actor, id: id, personInput(f))
            req.flash(.success, Message("common.saved"))
            return req.redirect(to: SiteRoute.person(id).path)
        } catch AppError.validation(let errors) {
            let page = PersonFormPage.render(PageContext(req), PersonFormPage.Model(id: id, form: f, errors: errors))
            return HTMLResponse(page, status: .unprocessableEntity).response()
        }
    }
}

extension CSV {
    static func response(_ text: String, fileName: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(fileName)\"")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}

/// Every list export: CSV (UTF-8 with BOM, for spreadsheet programs) by default, or XLSX with
/// `?format=xlsx`. `baseName` has no extension.
enum Spreadsheet {
    /// The two formats of a list or channel file (`?format=`).
    enum Format: String, CaseIterable { case csv, xlsx }

    static func wantsXLSX(_ req: Request) -> Bool { req.query[String.self, at: "format"] == Format.xlsx.rawValue }

    /// The file of a list. Every export of personal data (`personal`, the default) is audited
    /// before it is sent: who, which list (path and filter), how many rows.
    static func response(_ req: Request, header: [String], rows: [[String]], baseName: String, personal: Bool = true) async throws -> Response {
        // Another `format` is refused, never answered as CSV (the document lists two).
        _ = try req.queryChoice("format", Format.self)
        if personal, let actor = req.actor {
            try await req.store.audit(
                actor,
                [
                    AuditRecord(
                        action: "export", entity: "export", entityID: baseName, unitID: actor.unitID,
                        unitPath: actor.scopePath, before: NoValue?.none,
                        after: ["path": req.url.string, "rows": "\(rows.count)", "format": wantsXLSX(req) ? "xlsx" : "csv"])
                ])
        }
        if wantsXLSX(req) {
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType, value: XLSX.contentType)
            headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(baseName).xlsx\"")
            return Response(status: .ok, headers: headers, body: .init(data: try XLSX.write([header] + rows)))
        }
        var csv = "\u{FEFF}" + header.map(CSV.escape).joined(separator: ",") + "\r\n"
        for r in rows { csv += r.map(CSV.escape).joined(separator: ",") + "\r\n" }
        return CSV.response(csv, fileName: baseName + ".csv")
    }

    /// The "export" buttons of a list: CSV and XLSX of the same filter.
    static func buttons(_ ctx: PageContext, _ route: SiteRoute, query: [(String, String?)] = []) -> [Body] {
        [
            H.link(ctx.t("common.export_csv"), route.path(query: query), [("class", "btn btn-secondary")]),
            H.link(ctx.t("common.export_xlsx"), route.path(query: query + [("format", "xlsx")]), [("class", "btn btn-secondary")]),
        ]
    }
}
