import AnsinhCore
import AnsinhStore
import Plot
import Vapor

/// The living-conditions review in the browser: calculator, campaigns step by step, surveys,
/// meetings, posting and objections, decision and certificates, hardship alerts, ward report.
struct ReviewController {
    struct CampaignForm: Content { var commune_id: String?; var year: String?; var campaign_kind: String?; var month: String?; var period: String? }
    struct CodeForm: Content { var household_code: String? }
    struct SurveyForm: Content {
        var income_per_person: String?; var deprivations: [String]?; var collector: String?; var collected_on: String?
    }
    struct MeetingForm: Content { var group_id: String?; var held_on: String?; var present: String?; var agree: String?; var note: String? }
    struct PostingForm: Content { var posting_start: String? }
    struct ObjectionForm: Content { var household_code: String?; var complainant: String?; var received_on: String?; var text: String? }
    struct ResolveForm: Content { var resolution: String?; var support: String? }
    struct DecisionForm: Content { var decision_number: String?; var decision_date: String? }
    struct CalculatorForm: Content { var period: String?; var area_type: String?; var income_per_person: String?; var deprivations: [String]? }
    struct HardshipForm: Content { var event_kind: String?; var occurred_on: String?; var note: String? }
    struct CircumstanceForm: Content { var reason: String?; var since: String? }

    func register(authed: any RoutesBuilder) {
        authed.get(.review, use: overview)
        authed.post(.reviewCampaigns, use: createCampaign)
        authed.get(.reviewCampaign(nil), use: campaign)
        authed.post(.reviewList(nil), use: listCurrent)
        authed.post(.reviewRequest(nil), use: addRequest)
        authed.post(.reviewClassify(nil), use: classify)
        authed.post(.reviewAdvance(nil), use: advance)
        authed.get(.reviewEntries(nil), use: entries)
        authed.get(.reviewEntry(nil), use: entry)
        authed.post(.reviewEntry(nil), use: saveSurvey)
        authed.post(.reviewMeeting(nil), use: meeting)
        authed.post(.reviewPosting(nil), use: posting)
        authed.post(.reviewObjections(nil), use: objection)
        authed.post(.reviewObjectionResolve(nil), use: resolveObjection)
        authed.post(.reviewDecision(nil), use: decide)
        authed.post(.reviewHold(nil)) { try await RetentionSection.hold($0, ReviewCampaignModel.self, back: { SiteRoute.reviewCampaign($0) }) }
        authed.get(.reviewCertificates(nil), use: certificates)
        authed.get(.reviewPostingList(nil), use: postingList)
        authed.get(.reviewCampaignExport(nil), use: export)
        authed.get(.reviewCalculator, use: calculator)
        authed.post(.reviewCalculator, use: calculate)
        authed.get(.reviewAlerts, use: alerts)
        authed.post(.reviewAlertResolve(nil), use: resolveAlert)
        authed.post(.householdHardship(nil), use: recordHardship)
        authed.post(.householdCircumstance(nil), use: recordCircumstance)
        authed.get(.reviewReport, use: report)
        authed.get(.reviewSettings, use: settingsPage)
        authed.post(.reviewSettings, use: setSetting)
        authed.get(.reviewReportExport, use: reportExport)
    }

    func repo(_ req: Request) -> ReviewRepository { ReviewRepository(req.store) }

    func act(_ req: Request, back: String, success: Message?, _ body: () async throws -> Void) async throws -> Response {
        try await req.perform(back: back, success: success, body)
    }

    // MARK: Campaigns

    func overview(req: Request) async throws -> HTMLResponse {
        HTMLResponse(CampaignsPage.render(PageContext(req), try await CampaignsPage.model(for: req)))
    }

    func createCampaign(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let f = try req.content.decode(CampaignForm.self)
        var created: CampaignView?
        let r = try await act(req, back: SiteRoute.review.path, success: nil) {
            created = try await repo(req).createCampaign(
                actor,
                CampaignInput(
                    communeID: f.commune_id.flatMap(UUID.init(uuidString:)), year: try Bounds.int(f.year, field: "year", in: Bounds.year),
                    kind: f.campaign_kind ?? "",
                    month: try Bounds.int(f.month, field: "month", in: Bounds.month), period: try Bounds.int(f.period, field: "period", in: Bounds.year)),
                today: req.today)
        }
        if let created {
            req.flash(.success, Message("review.campaign_created"))
            return req.redirect(to: SiteRoute.reviewCampaign(created.id).path)
        }
        return r
    }

    struct SettingForm: Content { var name: String?; var value: String? }

    /// The review rules the law leaves to practice, and who changed them.
    func settingsPage(req: Request) async throws -> HTMLResponse {
        HTMLResponse(ReviewSettingsPage.render(PageContext(req), try await ReviewSettingsPage.model(for: req)))
    }

    func setSetting(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let f = try req.content.decode(SettingForm.self)
        return try await req.perform(back: SiteRoute.reviewSettings.path, success: Message("common.saved")) {
            guard actor.role == .systemAdmin else { throw AppError.forbidden }
            guard let v = Int((f.value ?? "").trimmingCharacters(in: .whitespaces)) else { throw AppError.invalid("value", "validation.number") }
            try await ReviewSettingsRepository(req.store).set(actor, name: f.name ?? "", value: v)
        }
    }

    func campaign(req: Request) async throws -> HTMLResponse {
        HTMLResponse(CampaignPage.render(PageContext(req), try await CampaignPage.model(for: req)))
    }

    func listCurrent(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        var added = 0
        let r = try await act(req, back: SiteRoute.reviewCampaign(id).path, success: nil) { added = try await repo(req).listCurrent(actor, campaignID: id) }
        req.flash(.info, Message("review.listed", ["count": "\(added)"]))
        return r
    }

    func addRequest(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(CodeForm.self)
        return try await act(req, back: SiteRoute.reviewCampaign(id).path, success: Message("review.request_added", ["code": f.household_code ?? ""])) {
            _ = try await repo(req).addRequest(actor, campaignID: id, householdCode: f.household_code ?? "")
        }
    }

    func classify(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        var n = 0
        let r = try await act(req, back: SiteRoute.reviewCampaign(id).path, success: nil) { n = try await repo(req).classifyAll(actor, campaignID: id) }
        req.flash(.info, Message("review.classified", ["count": "\(n)"]))
        return r
    }

    func advance(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        return try await act(req, back: SiteRoute.reviewCampaign(id).path, success: Message("review.step_done")) {
            _ = try await repo(req).advance(actor, campaignID: id, today: req.today)
        }
    }

    func entries(req: Request) async throws -> HTMLResponse {
        HTMLResponse(EntriesPage.render(PageContext(req), try await EntriesPage.model(for: req)))
    }

    func entry(req: Request) async throws -> HTMLResponse {
        HTMLResponse(SurveyPage.render(PageContext(req), try await SurveyPage.model(for: req)))
    }

    func saveSurvey(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(SurveyForm.self)
        do {
            let e = try await repo(req).saveSurvey(
                actor, entryID: id,
                SurveyInput(
                    income: f.income_per_person ?? "", deprivations: f.deprivations ?? [],
                    collector: f.collector ?? "", collectedOn: f.collected_on ?? ""), today: req.today)
            req.flash(.success, Message("review.survey_saved", ["class": "@class.\(e.povertyClass?.rawValue ?? "above_middle")"]))
            return req.redirect(to: SiteRoute.reviewEntry(id).path)
        } catch AppError.validation(let errors) {
            let page = SurveyPage.render(PageContext(req), try await SurveyPage.model(for: req, form: f, errors: errors))
            return try await HTMLResponse(page, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    func meeting(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(MeetingForm.self)
        var result: MeetingView?
        let r = try await act(req, back: SiteRoute.reviewCampaign(id).path, success: nil) {
            result = try await repo(req).recordMeeting(
                actor, campaignID: id, groupID: f.group_id.flatMap(UUID.init(uuidString:)), heldOn: f.held_on ?? "",
                present: try Bounds.int(f.present, field: "present", in: Bounds.count), agree: try Bounds.int(f.agree, field: "agree", in: Bounds.count),
                note: f.note, today: req.today)
        }
        if let result { req.flash(result.passed ? .success : .error, Message(result.passed ? "review.meeting_passed" : "review.meeting_failed")) }
        return r
    }

    func posting(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(PostingForm.self)
        return try await act(req, back: SiteRoute.reviewCampaign(id).path, success: Message("review.posting_started")) {
            _ = try await repo(req).startPosting(actor, campaignID: id, start: f.posting_start ?? "", today: req.today)
        }
    }

    func objection(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(ObjectionForm.self)
        return try await act(req, back: SiteRoute.reviewCampaign(id).path, success: Message("review.objection_recorded")) {
            _ = try await repo(req).recordObjection(
                actor, campaignID: id, householdCode: f.household_code ?? "", complainant: f.complainant ?? "",
                text: f.text ?? "", receivedOn: f.received_on ?? "")
        }
    }

    func resolveObjection(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let f = try req.content.decode(ResolveForm.self)
        let back = req.headers.first(name: .referer).flatMap { URL(string: $0)?.path } ?? SiteRoute.review.path
        return try await act(req, back: back, success: Message("review.objection_resolved")) {
            try await repo(req).resolveObjection(actor, objectionID: try req.idParameter(), resolution: f.resolution ?? "", today: req.today)
        }
    }

    func decide(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(DecisionForm.self)
        var n = 0
        let r = try await act(req, back: SiteRoute.reviewCampaign(id).path, success: nil) {
            n = try await repo(req).decide(actor, campaignID: id, number: f.decision_number ?? "", date: f.decision_date ?? "", today: req.today)
        }
        if n > 0 { req.flash(.success, Message("review.decided", ["count": "\(n)"])) }
        return r
    }

    /// Every entry of a campaign, for printing and export (at most 100,000).
    func allEntries(_ req: Request, _ actor: Actor, _ id: UUID, filter: ReviewRepository.EntryFilter) async throws -> [EntryView] {
        var out: [EntryView] = []
        var page = 1
        while page <= 500 {
            let p = try await repo(req).entries(actor, campaignID: id, filter: filter, page: PageSpec(page: page, perPage: PageSpec.maxPerPage))
            out += p.items
            if page >= p.pageCount { break }
            page += 1
        }
        return out
    }

    func certificates(req: Request) async throws -> HTMLResponse {
        HTMLResponse(CertificatesPage.render(PageContext(req), try await CampaignPrint.model(for: req, decided: true)))
    }

    func postingList(req: Request) async throws -> HTMLResponse {
        HTMLResponse(PostingListPage.render(PageContext(req), try await CampaignPrint.model(for: req, decided: false)))
    }

    func export(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let (c, _) = try await repo(req).campaign(actor, id: id)
        let rows = try await allEntries(req, actor, id, filter: .all).map { e in
            [
                e.householdCode, e.headName ?? "", e.groupName ?? "", e.origin.rawValue, e.areaType.rawValue, e.previousClass?.rawValue ?? "",
                e.income.map(String.init) ?? "", String(e.deprivations.count), e.deprivations.joined(separator: " "),
                e.povertyClass?.rawValue ?? "", e.reasons.map(\.code).joined(separator: " "), e.collector ?? "", e.collectedOn?.iso ?? "",
            ]
        }
        return try await Spreadsheet.response(
            req,
            header: [
                "household_code", "head", "residential_group", "origin", "area_type", "previous_class", "income_per_person",
                "deprivation_count", "deprivations", "class", "reasons", "collector", "collected_on",
            ],
            rows: rows, baseName: "review-\(c.year)-\(c.kind.rawValue)\(c.month > 0 ? "-\(c.month)" : "")")
    }

    // MARK: Calculator

    func calculator(req: Request) async throws -> HTMLResponse {
        _ = try req.requireActor()
        let blank = CalculatorForm(period: String(req.today.year), area_type: "rural")
        return HTMLResponse(PovertyCalculatorPage.render(PageContext(req), PovertyCalculatorPage.Model(form: blank, result: nil, errors: [])))
    }

    func calculate(req: Request) async throws -> Response {
        _ = try req.requireActor()
        let f = try req.content.decode(CalculatorForm.self)
        var errors: [FieldError] = []
        let period = (try? Bounds.int(f.period, field: "period", in: Bounds.year)) ?? nil
        if period == nil { errors.append(FieldError(field: "period", message: Message("review.error.year"))) }
        let area = f.area_type.flatMap(AreaType.init(rawValue:))
        if area == nil { errors.append(FieldError(field: "area_type", message: Message("validation.choice"))) }
        let income = (try? Bounds.amount(f.income_per_person.map { $0.filter { !" .,_₫đ".contains($0) } }, field: "income_per_person")) ?? nil
        if income == nil { errors.append(FieldError(field: "income_per_person", message: Message("review.error.income_number"))) }
        var result: PovertyResult?
        if errors.isEmpty {
            do {
                result = try PovertyRules.shared.classify(
                    PovertySurvey(
                        period: period!, area: area!, incomePerPerson: income!,
                        deprivations: Set(f.deprivations ?? [])))
            } catch AppError.validation(let list) { errors = list }
        }
        return try await HTMLResponse(
            PovertyCalculatorPage.render(PageContext(req), PovertyCalculatorPage.Model(form: f, result: result, errors: errors)),
            status: errors.isEmpty ? .ok : .unprocessableEntity
        ).encodeResponse(for: req)
    }

    // MARK: Hardship and circumstances

    func alerts(req: Request) async throws -> HTMLResponse {
        HTMLResponse(AlertsPage.render(PageContext(req), try await AlertsPage.model(for: req)))
    }

    func resolveAlert(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let f = try req.content.decode(ResolveForm.self)
        return try await act(req, back: SiteRoute.reviewAlerts.path, success: Message("review.alert_resolved")) {
            try await repo(req).resolveHardship(actor, eventID: try req.idParameter(), support: f.support ?? "", today: req.today)
        }
    }

    func recordHardship(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(HardshipForm.self)
        return try await act(req, back: SiteRoute.household(id).path, success: Message("review.hardship_recorded")) {
            _ = try await repo(req).recordHardship(
                actor, householdID: id, kind: f.event_kind ?? "", occurredOn: f.occurred_on ?? "", note: f.note ?? "", today: req.today)
        }
    }

    func recordCircumstance(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(CircumstanceForm.self)
        return try await act(req, back: SiteRoute.household(id).path, success: Message("review.circumstance_recorded")) {
            try await repo(req).recordCircumstance(actor, householdID: id, reason: f.reason ?? "", since: f.since ?? "")
        }
    }

    // MARK: Report

    func report(req: Request) async throws -> HTMLResponse {
        HTMLResponse(PovertyReportPage.render(PageContext(req), try await PovertyReportPage.model(for: req)))
    }

    func reportExport(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let year = try req.queryInt("year", in: Bounds.year) ?? req.today.year
        let r = try await ReviewReports(req.store).ward(actor, period: year)
        var rows = r.groups.map { g in [g.name] + PovertyClass.allCases.map { String(g.counts[$0] ?? 0) } + [String(g.counts.values.reduce(0, +))] }
        rows.append(["TOTAL"] + PovertyClass.allCases.map { String(r.totals[$0] ?? 0) } + [String(r.totals.values.reduce(0, +))])
        return try await Spreadsheet.response(
            req, header: ["residential_group"] + PovertyClass.allCases.map(\.rawValue) + ["total"], rows: rows,
            baseName: "poverty-report-\(year)")
    }
}
