import AnsinhCore
import AnsinhStore
import Foundation
import Plot

enum ReviewPages {
    static func className(_ ctx: PageContext, _ c: PovertyClass?) -> String { c.map { ctx.t("class.\($0.rawValue)") } ?? "—" }
    static func classBadge(_ ctx: PageContext, _ c: PovertyClass?) -> Body {
        H.el("span", [("class", "badge badge-\(c?.rawValue ?? "none")")], [.text(className(ctx, c))])
    }
    static func reasons(_ ctx: PageContext, _ list: [Reason]) -> Body {
        list.isEmpty ? .empty : H.el("ul", [("class", "reasons")], list.map { H.el("li", [], [.text(ctx.t($0.message))]) })
    }
    /// National IDs on public lists show only their last three digits.
    static func masked(_ id: String?) -> String {
        guard let id, id.count > 3 else { return "—" }
        return String(repeating: "•", count: id.count - 3) + id.suffix(3)
    }
    static func campaignTitle(_ ctx: PageContext, _ c: CampaignView) -> String {
        c.kind == .periodic ? ctx.t("review.campaign_title_periodic", ["year": "\(c.year)", "commune": c.communeName])
            : ctx.t("review.campaign_title_continuous", ["month": String(format: "%02d/%d", c.month, c.year), "commune": c.communeName])
    }

    static func nav(_ ctx: PageContext) -> Body {
        H.el("nav", [("class", "subnav"), ("aria-label", ctx.t("review.title"))], [
            H.link(ctx.t("review.campaigns"), SiteRoute.review.path),
            H.link(ctx.t("review.calculator"), SiteRoute.reviewCalculator.path),
            H.link(ctx.t("review.alerts"), SiteRoute.reviewAlerts.path),
            H.link(ctx.t("review.report"), SiteRoute.reviewReport.path),
            H.link(ctx.t("review.settings"), SiteRoute.reviewSettings.path),
        ])
    }

    static func settings(_ ctx: PageContext, _ list: [ReviewSettingView]) -> String {
        let admin = ctx.actor!.role == .systemAdmin
        return Layout.render(ctx, title: ctx.t("review.settings"), [
            nav(ctx),
            H.el("p", [("class", "lead")], [.text(ctx.t("review.settings_intro"))]),
            H.table(caption: ctx.t("review.settings"),
                    headers: [ctx.t("field.name"), ctx.t("allowance.rule_default"), ctx.t("field.value"), ""],
                    rows: list.map { r in
                        [.text(ctx.t("review.setting.\(r.name)")), .text("\(r.defaultValue)"),
                         .text("\(r.value)" + (r.changedBy.map { " (\($0))" } ?? "")),
                         admin ? H.form(ctx, action: SiteRoute.reviewSettings.path, classes: "inline", [
                            H.hidden("name", r.name),
                            H.field(ctx, name: "value", label: ctx.t("review.setting_new", ["name": ctx.t("review.setting.\(r.name)")]), value: "\(r.value)",
                                    type: "number", hint: ctx.t("review.setting_range", ["min": "\(r.range.lowerBound)", "max": "\(r.range.upperBound)"])),
                            H.button(ctx.t("common.save"), kind: "secondary")]) : .empty]
                    }, empty: ""),
        ])
    }

    // MARK: Overview

    static func overview(_ ctx: PageContext, campaigns: ResultPage<CampaignView>, communes: [UnitView], today: LocalDate) -> String {
        let actor = ctx.actor!
        let rows: [[Body]] = campaigns.items.map { c in
            [H.link(campaignTitle(ctx, c), SiteRoute.reviewCampaign(c.id).path), .text(ctx.t("review.kind.\(c.kind.rawValue)")),
             .text("\(c.period)"), H.bdi(c.standardID), .text(ctx.t("review.step.\(c.step.rawValue)"))]
        }
        var content: [Body] = [nav(ctx), H.el("p", [("class", "lead")], [.text(ctx.t("review.intro"))]),
            H.table(caption: ctx.t("review.campaigns"),
                    headers: [ctx.t("review.campaign"), ctx.t("field.campaign_kind"), ctx.t("field.period"), ctx.t("review.standard"), ctx.t("review.step")],
                    rows: rows, empty: ctx.t("review.no_campaigns")),
            H.pager(ctx, page: campaigns.page, pageCount: campaigns.pageCount, total: campaigns.total) { SiteRoute.review.path(query: [("page", String($0))]) },
        ]
        if actor.role.can(.manageReview) {
            content.append(H.el("details", [("class", "card"), ("open", campaigns.items.isEmpty ? "open" : nil)], [
                H.el("summary", [], [.text(ctx.t("review.campaign_new"))]),
                H.form(ctx, action: SiteRoute.reviewCampaigns.path, [
                    H.select(ctx, name: "commune_id", label: ctx.t("unitkind.commune"), options: communes.map { ($0.id.uuidString, $0.name) },
                             selected: communes.count == 1 ? communes[0].id.uuidString : nil, includeBlank: communes.count != 1),
                    H.field(ctx, name: "year", label: ctx.t("field.year"), value: String(today.year), type: "number", required: true),
                    H.select(ctx, name: "campaign_kind", label: ctx.t("field.campaign_kind"), options: CampaignKind.allCases.map { ($0.rawValue, ctx.t("review.kind.\($0.rawValue)")) },
                             selected: CampaignKind.periodic.rawValue),
                    H.field(ctx, name: "month", label: ctx.t("field.month"), value: String(today.month), type: "number", hint: ctx.t("review.month_hint")),
                    H.field(ctx, name: "period", label: ctx.t("field.period"), value: String(today.year), type: "number", required: true,
                            hint: ctx.t("review.period_hint")),
                    H.button(ctx.t("common.create")),
                ]),
            ]))
        }
        return Layout.render(ctx, title: ctx.t("review.title"), content)
    }

    // MARK: Campaign

    static func steps(_ ctx: PageContext, _ current: CampaignStep) -> Body {
        H.el("ol", [("class", "steps")], CampaignStep.allCases.map { s in
            H.el("li", [("class", s == current ? "current" : (s < current ? "done" : nil)), ("aria-current", s == current ? "step" : nil)],
                 [.text(ctx.t("review.step.\(s.rawValue)"))])
        })
    }

    static func campaign(_ ctx: PageContext, _ c: CampaignView, groups: [GroupProgress], objections: [ObjectionView], today: LocalDate, postingDays: Int) -> String {
        let actor = ctx.actor!
        let manage = actor.role.can(.manageReview)
        let total = groups.reduce(0) { $0 + $1.households }
        let surveyed = groups.reduce(0) { $0 + $1.surveyed }
        let rows: [[Body]] = groups.map { g in
            let meeting: Body = g.meeting.map { m in
                .text(ctx.t(m.passed ? "review.meeting_result_passed" : "review.meeting_result_failed",
                            ["agree": "\(m.agree)", "present": "\(m.present)", "date": ctx.date(m.heldOn)]))
            } ?? .text("—")
            return [H.link(g.groupName ?? ctx.t("review.no_group"), SiteRoute.reviewEntries(c.id).path(query: [("group", g.groupID?.uuidString)])),
                    .text("\(g.households)"), .text("\(g.surveyed)"), .text("\(g.byClass[.poor] ?? 0)"), .text("\(g.byClass[.nearPoor] ?? 0)"),
                    .text("\(g.byClass[.middle] ?? 0)"), .text("\(g.byClass[.aboveMiddle] ?? 0)"), meeting, .text("\(g.openObjections)")]
        }
        var content: [Body] = [
            nav(ctx),
            steps(ctx, c.step),
            H.dl([
                (ctx.t("unitkind.commune"), .text(c.communeName)),
                (ctx.t("field.campaign_kind"), .text(ctx.t("review.kind.\(c.kind.rawValue)"))),
                (ctx.t("field.period"), .text("\(c.period)")),
                (ctx.t("review.standard"), H.bdi(c.standardID)),
                (ctx.t("review.progress"), .text(ctx.t("review.progress_value", ["surveyed": "\(surveyed)", "total": "\(total)"]))),
                (ctx.t("review.posting"), .text(c.postingStart.map { ctx.t("review.posting_window", ["from": ctx.date($0), "until": ctx.date(c.postingEnd!)]) } ?? "—")),
                (ctx.t("review.decision"), .text(c.decisionNumber.map { "\($0) — \(ctx.date(c.decisionDate!))" } ?? "—")),
            ]),
            H.el("div", [("class", "actions")], [
                H.link(ctx.t("review.households"), SiteRoute.reviewEntries(c.id).path, [("class", "btn btn-secondary")]),
                .group(Spreadsheet.buttons(ctx, .reviewCampaignExport(c.id))),
                c.step >= .meeting ? H.link(ctx.t("review.posting_list"), SiteRoute.reviewPostingList(c.id).path, [("class", "btn btn-secondary")]) : .empty,
                c.step == .closed ? H.link(ctx.t("review.certificates"), SiteRoute.reviewCertificates(c.id).path, [("class", "btn btn-primary")]) : .empty,
            ]),
            H.el("h2", [], [.text(ctx.t("review.by_group"))]),
            H.table(caption: ctx.t("review.by_group"),
                    headers: [ctx.t("unitkind.residential_group"), ctx.t("review.households"), ctx.t("review.surveyed"), ctx.t("class.poor"),
                              ctx.t("class.near_poor"), ctx.t("class.middle"), ctx.t("class.above_middle"), ctx.t("review.meeting"), ctx.t("review.objections")],
                    rows: rows, empty: ctx.t("review.no_households")),
        ]
        if manage && c.step <= .survey {
            content.append(H.el("section", [("class", "card")], [
                H.el("h2", [], [.text(ctx.t("review.step.listing"))]),
                H.el("p", [("class", "hint")], [.text(ctx.t("review.list_hint"))]),
                H.form(ctx, action: SiteRoute.reviewList(c.id).path, classes: "inline", [H.button(ctx.t("review.list_current"), kind: "secondary")]),
                H.form(ctx, action: SiteRoute.reviewRequest(c.id).path, classes: "inline", [
                    H.field(ctx, name: "household_code", label: ctx.t("review.request_code"), required: true),
                    H.button(ctx.t("review.add_request"), kind: "secondary"),
                ]),
            ]))
        }
        if manage && (c.step == .survey || c.step == .meeting) {
            content.append(H.form(ctx, action: SiteRoute.reviewClassify(c.id).path, classes: "inline", [H.button(ctx.t("review.classify_all"), kind: "secondary")]))
        }
        if manage && c.step == .meeting {
            content.append(H.el("section", [("class", "card")], [
                H.el("h2", [], [.text(ctx.t("review.meeting_record"))]),
                H.el("p", [("class", "hint")], [.text(ctx.t("review.meeting_hint"))]),
                H.form(ctx, action: SiteRoute.reviewMeeting(c.id).path, [
                    H.select(ctx, name: "group_id", label: ctx.t("unitkind.residential_group"),
                             options: groups.map { ($0.groupID?.uuidString ?? "", $0.groupName ?? ctx.t("review.no_group")) }, selected: nil),
                    H.field(ctx, name: "held_on", label: ctx.t("field.held_on"), value: today.iso, type: "date", required: true),
                    H.field(ctx, name: "present", label: ctx.t("field.present"), type: "number", required: true),
                    H.field(ctx, name: "agree", label: ctx.t("field.agree"), type: "number", required: true),
                    H.field(ctx, name: "note", label: ctx.t("field.note")),
                    H.button(ctx.t("common.save")),
                ]),
            ]))
            content.append(H.el("section", [("class", "card")], [
                H.el("h2", [], [.text(ctx.t("review.step.posting"))]),
                H.el("p", [("class", "hint")], [.text(ctx.t("review.posting_hint", ["days": "\(postingDays)"]))]),
                H.form(ctx, action: SiteRoute.reviewPosting(c.id).path, [
                    H.field(ctx, name: "posting_start", label: ctx.t("field.posting_start"), value: today.iso, type: "date", required: true),
                    H.button(ctx.t("review.start_posting")),
                ]),
            ]))
        }
        if c.step >= .posting {
            let orows: [[Body]] = objections.map { o in
                var resolution: Body = .text(o.resolution.map { "\($0) (\(ctx.date(o.resolvedOn!)))" } ?? "—")
                if o.resolution == nil && manage {
                    resolution = H.form(ctx, action: SiteRoute.reviewObjectionResolve(o.id).path, classes: "inline", [
                        H.field(ctx, name: "resolution", label: ctx.t("field.resolution"), required: true),
                        H.button(ctx.t("review.resolve"), kind: "secondary"),
                    ])
                }
                return [H.bdi(o.householdCode), .text(ctx.date(o.receivedOn)), .text(o.complainant), .text(o.text), resolution]
            }
            content.append(H.el("h2", [], [.text(ctx.t("review.objections"))]))
            content.append(H.table(caption: ctx.t("review.objections"),
                                   headers: [ctx.t("field.household_code"), ctx.t("field.received_on"), ctx.t("field.complainant"), ctx.t("field.text"), ctx.t("field.resolution")],
                                   rows: orows, empty: ctx.t("review.no_objections")))
        }
        if manage && c.step == .posting {
            content.append(H.el("section", [("class", "card")], [
                H.el("h2", [], [.text(ctx.t("review.objection_new"))]),
                H.form(ctx, action: SiteRoute.reviewObjections(c.id).path, [
                    H.field(ctx, name: "household_code", label: ctx.t("field.household_code"), required: true),
                    H.field(ctx, name: "complainant", label: ctx.t("field.complainant"), required: true),
                    H.field(ctx, name: "received_on", label: ctx.t("field.received_on"), value: today.iso, type: "date", required: true),
                    H.field(ctx, name: "text", label: ctx.t("field.text"), required: true),
                    H.button(ctx.t("common.save")),
                ]),
            ]))
        }
        if manage, [.listing, .survey, .posting].contains(c.step) {
            content.append(H.form(ctx, action: SiteRoute.reviewAdvance(c.id).path, [
                H.el("p", [("class", "hint")], [.text(ctx.t("review.advance_hint.\(c.step.rawValue)"))]),
                H.button(ctx.t("review.advance.\(c.step.rawValue)")),
            ]))
        }
        if c.step == .decision {
            if actor.role.can(.decideReview) {
                content.append(H.el("section", [("class", "card")], [
                    H.el("h2", [], [.text(ctx.t("review.decision"))]),
                    H.el("p", [("class", "hint")], [.text(ctx.t("review.decision_hint"))]),
                    H.form(ctx, action: SiteRoute.reviewDecision(c.id).path, [
                        H.field(ctx, name: "decision_number", label: ctx.t("field.decision_number"), required: true),
                        H.field(ctx, name: "decision_date", label: ctx.t("field.decision_date"), value: today.iso, type: "date", required: true),
                        H.button(ctx.t("review.decide")),
                    ]),
                ]))
            } else {
                content.append(H.el("p", [("class", "flash flash-info")], [.text(ctx.t("review.waiting_decision"))]))
            }
        }
        return Layout.render(ctx, title: campaignTitle(ctx, c), content)
    }

    static func entries(_ ctx: PageContext, _ c: CampaignView, groups: [GroupProgress], page: ResultPage<EntryView>, group: UUID?,
                        filter: ReviewRepository.EntryFilter) -> String {
        let rows: [[Body]] = page.items.map { e in
            [H.link(e.householdCode, SiteRoute.reviewEntry(e.id).path), .text(e.headName ?? "—"), .text(e.groupName ?? "—"),
             .text(ctx.t("review.origin.\(e.origin.rawValue)")), .text(className(ctx, e.previousClass)),
             .text(e.income.map { ctx.money(Dong($0)) } ?? "—"), .text(e.income == nil ? "—" : "\(e.deprivations.count)"), classBadge(ctx, e.povertyClass)]
        }
        let query: [(String, String?)] = [("group", group?.uuidString), ("filter", filter == .all ? nil : filter.rawValue)]
        return Layout.render(ctx, title: ctx.t("review.households") + " — " + campaignTitle(ctx, c), [
            nav(ctx),
            H.link("← " + campaignTitle(ctx, c), SiteRoute.reviewCampaign(c.id).path),
            H.form(ctx, action: SiteRoute.reviewEntries(c.id).path, method: "get", classes: "filters", [
                H.select(ctx, name: "group", label: ctx.t("unitkind.residential_group"),
                         options: groups.compactMap { g in g.groupID.map { ($0.uuidString, g.groupName ?? "—") } }, selected: group?.uuidString, includeBlank: true),
                H.select(ctx, name: "filter", label: ctx.t("review.show"),
                         options: ReviewRepository.EntryFilter.allCases.map { ($0.rawValue, ctx.t("review.filter.\($0.rawValue)")) }, selected: filter.rawValue),
                H.button(ctx.t("common.filter"), kind: "secondary"),
            ]),
            H.table(caption: ctx.t("review.households"),
                    headers: [ctx.t("field.household_code"), ctx.t("registry.head"), ctx.t("unitkind.residential_group"), ctx.t("review.origin"),
                              ctx.t("review.previous_class"), ctx.t("field.income_per_person"), ctx.t("review.deprivation_count"), ctx.t("review.class")],
                    rows: rows, empty: ctx.t("review.no_households")),
            H.pager(ctx, page: page.page, pageCount: page.pageCount, total: page.total) { SiteRoute.reviewEntries(c.id).path(query: query + [("page", String($0))]) },
        ])
    }

    /// The indicator checkboxes of a standard, grouped by dimension.
    static func indicators(_ ctx: PageContext, _ standard: PovertyStandard, checked: Set<String>) -> Body {
        var dims: [String] = []
        for i in standard.indicators where !dims.contains(i.dimension) { dims.append(i.dimension) }
        return H.el("fieldset", [("class", "indicators")], [H.el("legend", [], [.text(ctx.t("review.deprivations_legend"))])] + dims.map { d in
            H.el("div", [("class", "dimension")], [H.el("h3", [], [.text(ctx.t("dimension.\(d)"))])] + standard.indicators.filter { $0.dimension == d }.map { i in
                H.el("div", [("class", "field checkbox")], [
                    H.el("input", [("type", "checkbox"), ("id", "f-dep-" + i.code), ("name", "deprivations[]"), ("value", i.code),
                                   ("checked", checked.contains(i.code) ? "checked" : nil)]),
                    H.el("label", [("for", "f-dep-" + i.code)], [.text(ctx.t("indicator.\(i.code)"))]),
                ])
            })
        })
    }

    static func survey(_ ctx: PageContext, _ e: EntryView, campaign c: CampaignView, standard: PovertyStandard, form: ReviewController.SurveyForm?,
                       errors: [FieldError], today: LocalDate) -> String {
        let canEdit = ctx.actor!.role.can(.manageReview)
        let checked = Set(form?.deprivations ?? e.deprivations)
        var content: [Body] = [
            nav(ctx),
            H.link("← " + campaignTitle(ctx, c), SiteRoute.reviewCampaign(c.id).path),
            H.dl([
                (ctx.t("field.household_code"), H.link(e.householdCode, SiteRoute.household(e.householdID).path)),
                (ctx.t("registry.head"), .text(e.headName ?? "—")),
                (ctx.t("field.address"), .text(e.address)),
                (ctx.t("unitkind.residential_group"), .text(e.groupName ?? "—")),
                (ctx.t("field.area_type"), .text(ctx.t("area.\(e.areaType.rawValue)"))),
                (ctx.t("review.origin"), .text(ctx.t("review.origin.\(e.origin.rawValue)"))),
                (ctx.t("review.previous_class"), .text(className(ctx, e.previousClass))),
                (ctx.t("review.standard"), .text(standard.title)),
                (ctx.t("review.income_line"), .text(ctx.money(Dong(standard.incomeLine.value(e.areaType))))),
            ]),
        ]
        if let cls = e.povertyClass {
            content.append(H.el("section", [("class", "card result"), ("aria-labelledby", "h-result")], [
                H.el("h2", [("id", "h-result")], [.text(ctx.t("review.result")), .text(" "), classBadge(ctx, cls)]),
                reasons(ctx, e.reasons),
                H.el("p", [("class", "hint")], [.text(ctx.t("review.collected_by", ["collector": e.collector ?? "—", "date": e.collectedOn.map(ctx.date) ?? "—",
                                                                                 "user": e.enteredBy ?? "—"]))]),
            ]))
        }
        if canEdit {
            content.append(H.form(ctx, action: SiteRoute.reviewEntry(e.id).path, classes: "card", [
                H.errorSummary(ctx, errors),
                H.field(ctx, name: "income_per_person", label: ctx.t("field.income_per_person"),
                        value: form?.income_per_person ?? e.income.map(String.init) ?? "", type: "text", required: true, errors: errors,
                        hint: ctx.t("review.income_hint")),
                indicators(ctx, standard, checked: checked),
                errors.first { $0.field == "deprivations" }.map { H.el("p", [("class", "error")], [.text(ctx.t($0.message))]) } ?? .empty,
                H.field(ctx, name: "collector", label: ctx.t("field.collector"), value: form?.collector ?? e.collector ?? "", required: true, errors: errors),
                H.field(ctx, name: "collected_on", label: ctx.t("field.collected_on"), value: form?.collected_on ?? e.collectedOn?.iso ?? today.iso,
                        type: "date", required: true, errors: errors),
                H.button(ctx.t("review.save_survey")),
            ]))
        }
        return Layout.render(ctx, title: ctx.t("review.survey_title", ["code": e.householdCode]), content)
    }

    // MARK: Printables

    static func postingList(_ ctx: PageContext, _ c: CampaignView, entries: [EntryView]) -> String {
        let rows: [[Body]] = entries.enumerated().map { i, e in
            [.text("\(i + 1)"), .text(e.headName ?? "—"), H.bdi(masked(e.headNationalID)), .text(e.address), .text(e.groupName ?? "—"),
             .text(className(ctx, e.povertyClass))]
        }
        return Layout.render(ctx, title: ctx.t("review.posting_list"), [
            H.el("p", [("class", "print-header")], [.text(ctx.t("review.posting_list_header", ["commune": c.communeName, "period": "\(c.period)"]))]),
            H.table(caption: ctx.t("review.posting_list"),
                    headers: ["#", ctx.t("registry.head"), ctx.t("field.national_id"), ctx.t("field.address"), ctx.t("unitkind.residential_group"), ctx.t("review.class")],
                    rows: rows, empty: ctx.t("review.no_households")),
            H.el("p", [("class", "hint")], [.text(ctx.t("review.posting_list_note"))]),
        ])
    }

    static func certificates(_ ctx: PageContext, _ c: CampaignView, entries: [EntryView]) -> String {
        let cards: [Body] = entries.enumerated().map { i, e in
            H.el("article", [("class", "certificate")], [
                H.el("p", [("class", "national")], [.text(ctx.t("review.cert_national"))]),
                H.el("h2", [], [.text(ctx.t(e.povertyClass == .poor ? "review.cert_title_poor" : "review.cert_title_near_poor"))]),
                H.dl([
                    (ctx.t("review.cert_number"), H.bdi("\(c.decisionNumber ?? "")/\(String(format: "%05d", i + 1))")),
                    (ctx.t("registry.head"), .text(e.headName ?? "—")),
                    (ctx.t("field.household_code"), H.bdi(e.householdCode)),
                    (ctx.t("field.address"), .text(e.address + ", " + c.communeName)),
                    (ctx.t("field.period"), .text("\(c.period)")),
                    (ctx.t("review.decision"), .text("\(c.decisionNumber ?? "") — \(c.decisionDate.map(ctx.date) ?? "")")),
                ]),
                H.el("p", [("class", "signature")], [.text(ctx.t("review.cert_signature", ["commune": c.communeName]))]),
            ])
        }
        return Layout.render(ctx, title: ctx.t("review.certificates"), cards.isEmpty ? [H.el("p", [("class", "empty")], [.text(ctx.t("review.no_certificates"))])] : cards)
    }

    // MARK: Calculator

    static func calculator(_ ctx: PageContext, form f: ReviewController.CalculatorForm, result: PovertyResult?, errors: [FieldError]) -> String {
        let period = ((try? Bounds.int(f.period, field: "period", in: Bounds.year)) ?? nil) ?? PovertyRules.shared.periods.lowerBound
        let standard = PovertyRules.shared.standard(for: period) ?? PovertyRules.shared.standards.last!
        var content: [Body] = [nav(ctx), H.el("p", [("class", "lead")], [.text(ctx.t("review.calculator_intro"))])]
        if let r = result {
            content.append(H.el("section", [("class", "card result"), ("aria-live", "polite"), ("aria-labelledby", "h-result")], [
                H.el("h2", [("id", "h-result")], [.text(ctx.t("review.result")), .text(" "), classBadge(ctx, r.povertyClass)]),
                H.el("p", [], [.text(ctx.t("review.result_standard", ["standard": r.standard.title, "count": "\(r.deprivationCount)"]))]),
                reasons(ctx, r.reasons),
            ]))
        }
        content.append(H.form(ctx, action: SiteRoute.reviewCalculator.path, classes: "card", [
            H.errorSummary(ctx, errors),
            H.field(ctx, name: "period", label: ctx.t("field.period"), value: f.period ?? "", type: "number", required: true, errors: errors,
                    hint: ctx.t("review.period_range", ["first": "\(PovertyRules.shared.periods.lowerBound)", "last": "\(PovertyRules.shared.periods.upperBound)"])),
            H.select(ctx, name: "area_type", label: ctx.t("field.area_type"), options: AreaType.allCases.map { ($0.rawValue, ctx.t("area.\($0.rawValue)")) },
                     selected: f.area_type, errors: errors),
            H.field(ctx, name: "income_per_person", label: ctx.t("field.income_per_person"), value: f.income_per_person ?? "", required: true, errors: errors,
                    hint: ctx.t("review.income_hint")),
            indicators(ctx, standard, checked: Set(f.deprivations ?? [])),
            errors.first { $0.field == "deprivations" }.map { H.el("p", [("class", "error")], [.text(ctx.t($0.message))]) } ?? .empty,
            H.el("p", [("class", "hint")], [.text(ctx.t("review.indicator_set_hint", ["standard": standard.id]))]),
            H.button(ctx.t("review.classify")),
        ]))
        return Layout.render(ctx, title: ctx.t("review.calculator"), content)
    }

    // MARK: Alerts

    static func alerts(_ ctx: PageContext, page: ResultPage<HardshipView>, includeResolved: Bool) -> String {
        let canResolve = ctx.actor!.role.can(.recordHardship)
        let rows: [[Body]] = page.items.map { a in
            var state: Body = .text(a.support.map { "\($0) (\(ctx.date(a.resolvedOn!)))" } ?? "")
            if a.resolvedOn == nil {
                state = canResolve ? H.form(ctx, action: SiteRoute.reviewAlertResolve(a.id).path, classes: "inline", [
                    H.field(ctx, name: "support", label: ctx.t("field.support"), required: true),
                    H.button(ctx.t("review.record_support"), kind: "secondary"),
                ]) : .text(ctx.t("review.alert_open"))
            }
            return [H.el("span", [("class", a.overdue ? "badge badge-overdue" : "badge")], [.text(a.overdue ? ctx.t("review.overdue") : ctx.t("hardship.kind.\(a.kind.rawValue)"))]),
                    H.link(a.householdCode, SiteRoute.household(a.householdID).path), .text(ctx.t("hardship.kind.\(a.kind.rawValue)")),
                    .text(ctx.date(a.occurredOn)), .text(a.note), .text("\(a.recordedBy), \(ctx.date(a.recordedOn))"), state]
        }
        return Layout.render(ctx, title: ctx.t("review.alerts"), [
            nav(ctx),
            H.el("p", [("class", "lead")], [.text(ctx.t("review.alerts_intro"))]),
            H.link(includeResolved ? ctx.t("review.alerts_open_only") : ctx.t("review.alerts_all"),
                   SiteRoute.reviewAlerts.path(query: [("all", includeResolved ? nil : "1")])),
            H.table(caption: ctx.t("review.alerts"),
                    headers: [ctx.t("field.state"), ctx.t("field.household_code"), ctx.t("field.event_kind"), ctx.t("field.occurred_on"), ctx.t("field.note"),
                              ctx.t("review.recorded_by"), ctx.t("field.support")],
                    rows: rows, empty: ctx.t("review.no_alerts")),
            H.pager(ctx, page: page.page, pageCount: page.pageCount, total: page.total) {
                SiteRoute.reviewAlerts.path(query: [("all", includeResolved ? "1" : nil), ("page", String($0))])
            },
        ])
    }

    // MARK: Report

    static func report(_ ctx: PageContext, _ r: WardPovertyReport) -> String {
        let classes = PovertyClass.allCases
        let rows: [[Body]] = r.groups.map { g in
            [.text(g.name)] + classes.map { .text("\(g.counts[$0] ?? 0)") } + [.text("\(g.counts.values.reduce(0, +))")]
        } + (r.groups.isEmpty ? [] : [[H.el("strong", [], [.text(ctx.t("review.total"))])] + classes.map { .text("\(r.totals[$0] ?? 0)") }
                                       + [.text("\(r.totals.values.reduce(0, +))")]])
        let series: [[Body]] = r.series.map { [.text("\($0.period)"), .text("\($0.poor)"), .text("\($0.nearPoor)")] }
        return Layout.render(ctx, title: ctx.t("review.report"), [
            nav(ctx),
            H.form(ctx, action: SiteRoute.reviewReport.path, method: "get", classes: "filters", [
                H.field(ctx, name: "year", label: ctx.t("field.period"), value: "\(r.period)", type: "number"),
                H.button(ctx.t("common.filter"), kind: "secondary"),
            ]),
            H.el("p", [("class", r.poorHouseholds == 0 ? "headline good" : "headline")], [
                .text(ctx.t("review.headline_poor", ["count": "\(r.poorHouseholds)", "period": "\(r.period)"]))]),
            H.dl([
                (ctx.t("review.poor_entries"), .text("\(r.poorEntries)")), (ctx.t("review.poor_exits"), .text("\(r.poorExits)")),
                (ctx.t("review.near_poor_entries"), .text("\(r.nearPoorEntries)")), (ctx.t("review.near_poor_exits"), .text("\(r.nearPoorExits)")),
            ]),
            H.el("div", [("class", "actions")], Spreadsheet.buttons(ctx, .reviewReportExport, query: [("year", "\(r.period)")])),
            H.el("h2", [], [.text(ctx.t("review.by_group"))]),
            H.table(caption: ctx.t("review.by_group"), headers: [ctx.t("unitkind.residential_group")] + classes.map { ctx.t("class.\($0.rawValue)") } + [ctx.t("review.total")],
                    rows: rows, empty: ctx.t("review.no_classifications")),
            H.el("h2", [], [.text(ctx.t("review.series"))]),
            H.table(caption: ctx.t("review.series"), headers: [ctx.t("field.period"), ctx.t("class.poor"), ctx.t("class.near_poor")],
                    rows: series, empty: ctx.t("review.no_classifications")),
        ])
    }

    // MARK: Household page section

    static func householdSection(_ ctx: PageContext, householdID: UUID, _ r: HouseholdReview, today: LocalDate, canRecord: Bool) -> [Body] {
        let history: [[Body]] = r.classifications.map { c in
            [.text("\(c.period)"), classBadge(ctx, c.povertyClass), H.bdi(c.standardID), .text(c.income.map { ctx.money(Dong($0)) } ?? "—"),
             .text("\(c.deprivations.count)"), .text("\(c.decisionNumber) — \(ctx.date(c.decisionDate))"), reasons(ctx, c.reasons)]
        }
        let hardships: [[Body]] = r.hardships.map { h in
            [.text(ctx.t("hardship.kind.\(h.kind.rawValue)")), .text(ctx.date(h.occurredOn)), .text(h.note),
             .text(h.support.map { "\($0) (\(ctx.date(h.resolvedOn!)))" } ?? ctx.t(h.overdue ? "review.overdue" : "review.alert_open"))]
        }
        var out: [Body] = [
            H.el("section", [("aria-labelledby", "h-vulnerability")], [
                H.el("h2", [("id", "h-vulnerability")], [.text(ctx.t("review.vulnerability"))]),
                r.vulnerabilities.isEmpty ? H.el("p", [("class", "empty")], [.text(ctx.t("review.no_vulnerability"))])
                    : H.el("ul", [("class", "flags")], r.vulnerabilities.map { v in
                        H.el("li", [], [H.el("strong", [], [.text(ctx.t("vulnerability.\(v.flag.rawValue)"))]), .text(" — " + ctx.t(v.reason))])
                    }),
            ]),
            H.el("h2", [], [.text(ctx.t("review.classification_history"))]),
            H.table(caption: ctx.t("review.classification_history"),
                    headers: [ctx.t("field.period"), ctx.t("review.class"), ctx.t("review.standard"), ctx.t("field.income_per_person"),
                              ctx.t("review.deprivation_count"), ctx.t("review.decision"), ctx.t("review.reasons")],
                    rows: history, empty: ctx.t("review.no_classifications")),
            H.el("h2", [], [.text(ctx.t("review.hardships"))]),
            H.table(caption: ctx.t("review.hardships"), headers: [ctx.t("field.event_kind"), ctx.t("field.occurred_on"), ctx.t("field.note"), ctx.t("field.support")],
                    rows: hardships, empty: ctx.t("review.no_hardships")),
        ]
        if !r.circumstances.isEmpty {
            out.append(H.el("ul", [("class", "circumstances")], r.circumstances.map { c in
                H.el("li", [], [.text(ctx.t("review.circumstance_line", ["reason": c.reason, "since": ctx.date(c.since), "user": c.recordedBy]))])
            }))
        }
        if canRecord {
            out.append(H.el("details", [("class", "card")], [
                H.el("summary", [], [.text(ctx.t("review.record_hardship"))]),
                H.form(ctx, action: SiteRoute.householdHardship(householdID).path, [
                    H.select(ctx, name: "event_kind", label: ctx.t("field.event_kind"), options: HardshipKind.allCases.map { ($0.rawValue, ctx.t("hardship.kind.\($0.rawValue)")) },
                             selected: nil, includeBlank: true),
                    H.field(ctx, name: "occurred_on", label: ctx.t("field.occurred_on"), value: today.iso, type: "date", required: true),
                    H.field(ctx, name: "note", label: ctx.t("field.note"), required: true),
                    H.button(ctx.t("common.save"), kind: "secondary"),
                ]),
            ]))
            out.append(H.el("details", [("class", "card")], [
                H.el("summary", [], [.text(ctx.t("review.record_circumstance"))]),
                H.form(ctx, action: SiteRoute.householdCircumstance(householdID).path, [
                    H.field(ctx, name: "reason", label: ctx.t("field.reason"), required: true),
                    H.field(ctx, name: "since", label: ctx.t("field.since"), value: today.iso, type: "date", required: true),
                    H.button(ctx.t("common.save"), kind: "secondary"),
                ]),
            ]))
        }
        return out
    }
}
