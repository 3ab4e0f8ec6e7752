import AnsinhCore
import AnsinhStore
import Vapor

/// One-off support (Decree 20/2021 Art. 11–15): the register and its export, the decision
/// form, one decision, handed out at once or cancelled.
struct OneOffController {
    func register(authed: any RoutesBuilder) {
        authed.get(.oneOff, use: list)
        authed.post(.oneOff, use: decide)
        authed.get(.oneOffExport, use: export)
        authed.get(.oneOffNew, use: new)
        authed.get(.oneOffItem(nil), use: item)
        authed.post(.oneOffHandOut(nil), use: handOut)
        authed.post(.oneOffCancel(nil), use: cancel)
    }

    struct DecideForm: Content, Sendable {
        var person_id: String?; var kind: String?; var event_date: String?; var number: String?; var signed_date: String?
        var funeral_cases: [String]?; var other_source: String?; var other_amount: String?; var treatment_days: String?
        var rice_cause: String?; var persons: String?; var months: String?
        var recipient_kind: String?; var recipient_name: String?; var channel: String?; var account: String?; var note: String?
    }
    struct HandOutForm: Content { var handed_date: String?; var received_by: String? }
    struct CancelForm: Content { var reason: String? }

    func list(req: Request) async throws -> HTMLResponse {
        HTMLResponse(OneOffListPage.render(PageContext(req), try await OneOffListPage.model(for: req)))
    }

    func new(req: Request) async throws -> HTMLResponse {
        HTMLResponse(OneOffNewPage.render(PageContext(req), try await OneOffNewPage.model(for: req)))
    }

    func item(req: Request) async throws -> HTMLResponse {
        HTMLResponse(OneOffItemPage.render(PageContext(req), try await OneOffItemPage.model(for: req)))
    }

    /// A whole number typed in a form field: empty is nil, anything else not a number is an
    /// error on that field.
    static func number<T: FixedWidthInteger>(_ s: String?, field: String) throws -> T? {
        let t = (s ?? "").trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return nil }
        guard let n = T(t) else { throw AppError.invalid(field, "validation.number") }
        return n
    }

    func decide(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.decideAllowances)
        let f = try req.content.decode(DecideForm.self)
        guard let person = UUID(uuidString: f.person_id ?? "") else { throw AppError.invalid("person_id", "validation.type") }
        let errors: [FieldError]
        do {
            let id = try await OneOffRepository(req.store).decide(actor, try Self.input(f, person: person))
            req.flash(.success, Message("one_off.decided"))
            return req.redirect(to: SiteRoute.oneOffItem(id).path)
        } catch AppError.validation(let list) {
            errors = list
        } catch let e as AppError {
            // A refusal that is not about one field (a second funeral, a cycle): said at the top.
            switch e {
            case .conflict(let m), .notAllowed(let m): errors = [FieldError(field: "kind", message: m)]
            default: throw e
            }
        }
        // The form comes back as typed, with what was wrong.
        var model = try await OneOffNewPage.model(for: req, person: person)
        model.form = f; model.errors = errors
        return try await HTMLResponse(OneOffNewPage.render(PageContext(req), model), status: .unprocessableEntity).encodeResponse(for: req)
    }

    /// The repository's input from the form; a field that is not a number or not one of its
    /// choices is named.
    static func input(_ f: DecideForm, person: UUID) throws -> OneOffInput {
        var input = OneOffInput(personID: person)
        input.kind = f.kind ?? ""; input.eventDate = f.event_date ?? ""; input.number = f.number ?? ""; input.signedDate = f.signed_date ?? ""
        input.details.funeralCases = try (f.funeral_cases ?? []).map {
            guard let c = FuneralCase(rawValue: $0) else { throw AppError.invalid("funeral_cases", "validation.choice") }
            return c
        }
        if let s = f.other_source, !s.isEmpty {
            guard let source = OtherFuneralBenefit.Source(rawValue: s) else { throw AppError.invalid("other_source", "validation.choice") }
            guard let amount: Int64 = try number(f.other_amount, field: "other_amount") else { throw AppError.invalid("other_amount", "validation.required") }
            input.details.others = [OtherFuneralBenefit(source: source, amount: amount)]
        }
        input.details.treatmentDays = try number(f.treatment_days, field: "treatment_days")
        if let c = f.rice_cause, !c.isEmpty {
            guard let cause = RiceCause(rawValue: c) else { throw AppError.invalid("rice_cause", "validation.choice") }
            input.details.riceCause = cause
        }
        input.details.persons = try number(f.persons, field: "persons")
        input.details.months = try number(f.months, field: "months")
        input.recipientKind = f.recipient_kind ?? ""; input.recipientName = f.recipient_name ?? ""; input.channel = f.channel ?? ""
        input.account = f.account ?? ""; input.note = f.note ?? ""
        return input
    }

    func handOut(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(HandOutForm.self)
        return try await req.perform(back: SiteRoute.oneOffItem(id).path, success: Message("one_off.handed_out")) {
            try await OneOffRepository(req.store).handOut(actor, id: id, date: f.handed_date ?? "", receivedBy: f.received_by ?? "")
        }
    }

    func cancel(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(CancelForm.self)
        return try await req.perform(back: SiteRoute.oneOffItem(id).path, success: Message("one_off.cancelled")) {
            try await OneOffRepository(req.store).cancel(actor, id: id, reason: f.reason ?? "")
        }
    }

    /// The register as filtered on the page, every page, as CSV or XLSX.
    func export(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let (filter, year) = try OneOffListPage.filter(req)
        let repo = OneOffRepository(req.store)
        var rows: [[String]] = []
        var page = 1
        while page <= 1000 {
            let p = try await repo.list(actor, filter: filter, page: PageSpec(page: page, perPage: PageSpec.maxPerPage))
            rows += p.items.map { r in
                [
                    r.number, r.signedDate, r.eventDate, r.kind.rawValue, r.category, r.personName, r.householdCode ?? "", r.communeName,
                    String(r.amount), r.kilograms.map(String.init) ?? "", r.recipientName ?? "", r.channel, r.status.rawValue, r.cycleMonth ?? "",
                    r.lineStatus?.rawValue ?? "", r.handedDate ?? "",
                ]
            }
            if page >= p.pageCount { break }
            page += 1
        }
        return try await Spreadsheet.response(
            req,
            header: [
                "number", "signed_date", "event_date", "kind", "category", "full_name", "household_code", "commune", "amount", "kilograms",
                "recipient_name", "channel", "status", "cycle_month", "line_status", "handed_date",
            ], rows: rows, baseName: "one-off-\(year)")
    }
}
