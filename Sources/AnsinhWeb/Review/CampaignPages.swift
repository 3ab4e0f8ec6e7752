import AnsinhCore
import AnsinhStore
import Foundation
import Plot

/// The pages of one campaign: its steps and groups, the list of entries, the posted list and
/// the certificates.
extension ReviewPages {
    static func steps(_ ctx: PageContext, _ current: CampaignStep) -> Body {
        H.el(
            .ol, [("class", "steps")],
            CampaignStep.allCases.map { s in
                H.el(
                    .li, [("class", s == current ? "current" : (s < current ? "done" : nil)), ("aria-current", s == current ? "step" : nil)],
                    [.text(ctx.t("review.step.\(s.rawValue)"))])
            })
    }

    static func campaign(_ ctx: PageContext, _ c: CampaignView, groups: [GroupProgress], objections: [ObjectionView], today: LocalDate, postingDays: Int)
        -> String
    {
        let actor = ctx.actor!
        let manage = actor.role.can(.manageReview)
        let total = groups.reduce(0) { $0 + $1.households }
        let surveyed = groups.reduce(0) { $0 + $1.surveyed }
        let rows: [[Body]] = groups.map { g in
            let meeting: Body =
                g.meeting.map { m in
                    .text(
                        ctx.t(
                            m.passed ? "review.meeting_result_passed" : "review.meeting_result_failed",
                            ["agree": "\(m.agree)", "present": "\(m.present)", "date": ctx.date(m.heldOn)]))
                } ?? .text("—")
            return [
                H.link(g.groupName ?? ctx.t("review.no_group"), SiteRoute.reviewEntries(c.id).path(query: [("group", g.groupID?.uuidString)])),
                .text("\(g.households)"), .text("\(g.surveyed)"), .text("\(g.byClass[.poor] ?? 0)"), .text("\(g.byClass[.nearPoor] ?? 0)"),
                .text("\(g.byClass[.middle] ?? 0)"), .text("\(g.byClass[.aboveMiddle] ?? 0)"), meeting, .text("\(g.openObjections)"),
            ]
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
                (
                    ctx.t("review.posting"),
                    .text(c.postingStart.map { ctx.t("review.posting_window", ["from": ctx.date($0), "until": ctx.date(c.postingEnd!)]) } ?? "—")
                ),
                (ctx.t("review.decision"), .text(c.decisionNumber.map { "\($0) — \(ctx.date(c.decisionDate!))" } ?? "—")),
            ]),
            H.el(
                .div, [("class", "actions")],
                [
                    H.link(ctx.t("review.households"), SiteRoute.reviewEntries(c.id).path, [("class", "btn btn-secondary")]),
                    .group(Spreadsheet.buttons(ctx, .reviewCampaignExport(c.id))),
                    c.step >= .meeting
                        ? H.link(ctx.t("review.posting_list"), SiteRoute.reviewPostingList(c.id).path, [("class", "btn btn-secondary")]) : .empty,
                    c.step == .closed ? H.link(ctx.t("review.certificates"), SiteRoute.reviewCertificates(c.id).path, [("class", "btn btn-primary")]) : .empty,
                ]),
            H.el(.h2, [], [.text(ctx.t("review.by_group"))]),
            H.table(
                caption: ctx.t("review.by_group"),
                headers: [
                    ctx.t("unitkind.residential_group"), ctx.t("review.households"), ctx.t("review.surveyed"), ctx.t("class.poor"),
                    ctx.t("class.near_poor"), ctx.t("class.middle"), ctx.t("class.above_middle"), ctx.t("review.meeting"), ctx.t("review.objections"),
                ],
                rows: rows, empty: ctx.t("review.no_households")),
        ]
        if manage && c.step <= .survey {
            content.append(
                H.el(
                    .section, [("class", "card")],
                    [
                        H.el(.h2, [], [.text(ctx.t("review.step.listing"))]),
                        H.el(.p, [("class", "hint")], [.text(ctx.t("review.list_hint"))]),
                        H.form(ctx, action: SiteRoute.reviewList(c.id).path, classes: "inline", [H.button(ctx.t("review.list_current"), kind: "secondary")]),
                        H.form(
                            ctx, action: SiteRoute.reviewRequest(c.id).path, classes: "inline",
                            [
                                H.field(ctx, name: "household_code", label: ctx.t("review.request_code"), required: true),
                                H.button(ctx.t("review.add_request"), kind: "secondary"),
                            ]),
                    ]))
        }
        if manage && (c.step == .survey || c.step == .meeting) {
            content.append(
                H.form(ctx, action: SiteRoute.reviewClassify(c.id).path, classes: "inline", [H.button(ctx.t("review.classify_all"), kind: "secondary")]))
        }
        if manage && c.step == .meeting {
            content.append(
                H.el(
                    .section, [("class", "card")],
                    [
                        H.el(.h2, [], [.text(ctx.t("review.meeting_record"))]),
                        H.el(.p, [("class", "hint")], [.text(ctx.t("review.meeting_hint"))]),
                        H.form(
                            ctx, action: SiteRoute.reviewMeeting(c.id).path,
                            [
                                H.select(
                                    ctx, name: "group_id", label: ctx.t("unitkind.residential_group"),
                                    options: groups.map { ($0.groupID?.uuidString ?? "", $0.groupName ?? ctx.t("review.no_group")) }, selected: nil),
                                H.field(ctx, name: "held_on", label: ctx.t("field.held_on"), value: today.iso, type: "date", required: true),
                                H.field(ctx, name: "present", label: ctx.t("field.present"), type: "number", required: true),
                                H.field(ctx, name: "agree", label: ctx.t("field.agree"), type: "number", required: true),
                                H.field(ctx, name: "note", label: ctx.t("field.note")),
                                H.button(ctx.t("common.save")),
                            ]),
                    ]))
            content.append(
                H.el(
                    .section, [("class", "card")],
                    [
                        H.el(.h2, [], [.text(ctx.t("review.step.posting"))]),
                        H.el(.p, [("class", "hint")], [.text(ctx.t("review.posting_hint", ["days": "\(postingDays)"]))]),
                        H.form(
                            ctx, action: SiteRoute.reviewPosting(c.id).path,
                            [
                                H.field(ctx, name: "posting_start", label: ctx.t("field.posting_start"), value: today.iso, type: "date", required: true),
                                H.button(ctx.t("review.start_posting")),
                            ]),
                    ]))
        }
        if c.step >= .posting {
            let orows: [[Body]] = objections.map { o in
                var resolution: Body = .text(o.resolution.map { "\($0) (\(ctx.date(o.resolvedOn!)))" } ?? "—")
                if o.resolution == nil && manage {
                    resolution = H.form(
                        ctx, action: SiteRoute.reviewObjectionResolve(o.id).path, classes: "inline",
                        [
                            H.field(ctx, name: "resolution", label: ctx.t("field.resolution"), required: true),
                            H.button(ctx.t("review.resolve"), kind: "secondary"),
                        ])
                }
                return [H.bdi(o.householdCode), .text(ctx.date(o.receivedOn)), .text(o.complainant), .text(o.text), resolution]
            }
            content.append(H.el(.h2, [], [.text(ctx.t("review.objections"))]))
            content.append(
                H.table(
                    caption: ctx.t("review.objections"),
                    headers: [
                        ctx.t("field.household_code"), ctx.t("field.received_on"), ctx.t("field.complainant"), ctx.t("field.text"), ctx.t("field.resolution"),
                    ],
                    rows: orows, empty: ctx.t("review.no_objections")))
        }
        if manage && c.step == .posting {
            content.append(
                H.el(
                    .section, [("class", "card")],
                    [
                        H.el(.h2, [], [.text(ctx.t("review.objection_new"))]),
                        H.form(
                            ctx, action: SiteRoute.reviewObjections(c.id).path,
                            [
                                H.field(ctx, name: "household_code", label: ctx.t("field.household_code"), required: true),
                                H.field(ctx, name: "complainant", label: ctx.t("field.complainant"), required: true),
                                H.field(ctx, name: "received_on", label: ctx.t("field.received_on"), value: today.iso, type: "date", required: true),
                                H.field(ctx, name: "text", label: ctx.t("field.text"), required: true),
                                H.button(ctx.t("common.save")),
                            ]),
                    ]))
        }
        if manage, [.listing, .survey, .posting].contains(c.step) {
            content.append(
                H.form(
                    ctx, action: SiteRoute.reviewAdvance(c.id).path,
                    [
                        H.el(.p, [("class", "hint")], [.text(ctx.t("review.advance_hint.\(c.step.rawValue)"))]),
                        H.button(ctx.t("review.advance.\(c.step.rawValue)")),
                    ]))
        }
        if c.step == .decision {
            if actor.role.can(.decideReview) {
                content.append(
                    H.el(
                        .section, [("class", "card")],
                        [
                            H.el(.h2, [], [.text(ctx.t("review.decision"))]),
                            H.el(.p, [("class", "hint")], [.text(ctx.t("review.decision_hint"))]),
                            H.form(
                                ctx, action: SiteRoute.reviewDecision(c.id).path,
                                [
                                    H.field(ctx, name: "decision_number", label: ctx.t("field.decision_number"), required: true),
                                    H.field(ctx, name: "decision_date", label: ctx.t("field.decision_date"), value: today.iso, type: "date", required: true),
                                    H.button(ctx.t("review.decide")),
                                ]),
                        ]))
            } else {
                content.append(H.el(.p, [("class", "flash flash-info")], [.text(ctx.t("review.waiting_decision"))]))
            }
        }
        return Layout.render(ctx, title: campaignTitle(ctx, c), content)
    }

    static func entries(
        _ ctx: PageContext, _ c: CampaignView, groups: [GroupProgress], page: ResultPage<EntryView>, group: UUID?,
        filter: ReviewRepository.EntryFilter
    ) -> String {
        let rows: [[Body]] = page.items.map { e in
            [
                H.link(e.householdCode, SiteRoute.reviewEntry(e.id).path), .text(e.headName ?? "—"), .text(e.groupName ?? "—"),
                .text(ctx.t("review.origin.\(e.origin.rawValue)")), .text(className(ctx, e.previousClass)),
                .text(e.income.map { ctx.money(Dong($0)) } ?? "—"), .text(e.income == nil ? "—" : "\(e.deprivations.count)"), classBadge(ctx, e.povertyClass),
            ]
        }
        let query: [(String, String?)] = [("group", group?.uuidString), ("filter", filter == .all ? nil : filter.rawValue)]
        return Layout.render(
            ctx, title: ctx.t("review.households") + " — " + campaignTitle(ctx, c),
            [
                nav(ctx),
                H.link("← " + campaignTitle(ctx, c), SiteRoute.reviewCampaign(c.id).path),
                H.form(
                    ctx, action: SiteRoute.reviewEntries(c.id).path, method: "get", classes: "filters",
                    [
                        H.select(
                            ctx, name: "group", label: ctx.t("unitkind.residential_group"),
                            options: groups.compactMap { g in g.groupID.map { ($0.uuidString, g.groupName ?? "—") } }, selected: group?.uuidString,
                            includeBlank: true),
                        H.select(
                            ctx, name: "filter", label: ctx.t("review.show"),
                            options: ReviewRepository.EntryFilter.allCases.map { ($0.rawValue, ctx.t("review.filter.\($0.rawValue)")) },
                            selected: filter.rawValue),
                        H.button(ctx.t("common.filter"), kind: "secondary"),
                    ]),
                H.table(
                    caption: ctx.t("review.households"),
                    headers: [
                        ctx.t("field.household_code"), ctx.t("registry.head"), ctx.t("unitkind.residential_group"), ctx.t("review.origin"),
                        ctx.t("review.previous_class"), ctx.t("field.income_per_person"), ctx.t("review.deprivation_count"), ctx.t("review.class"),
                    ],
                    rows: rows, empty: ctx.t("review.no_households")),
                H.pager(ctx, page: page.page, pageCount: page.pageCount, total: page.total) {
                    SiteRoute.reviewEntries(c.id).path(query: query + [("page", String($0))])
                },
            ])
    }

    static func postingList(_ ctx: PageContext, _ c: CampaignView, entries: [EntryView]) -> String {
        let rows: [[Body]] = entries.enumerated().map { i, e in
            [
                .text("\(i + 1)"), .text(e.headName ?? "—"), H.bdi(masked(e.headNationalID)), .text(e.address), .text(e.groupName ?? "—"),
                .text(className(ctx, e.povertyClass)),
            ]
        }
        return Layout.render(
            ctx, title: ctx.t("review.posting_list"),
            [
                H.el(.p, [("class", "print-header")], [.text(ctx.t("review.posting_list_header", ["commune": c.communeName, "period": "\(c.period)"]))]),
                H.table(
                    caption: ctx.t("review.posting_list"),
                    headers: [
                        "#", ctx.t("registry.head"), ctx.t("field.national_id"), ctx.t("field.address"), ctx.t("unitkind.residential_group"),
                        ctx.t("review.class"),
                    ],
                    rows: rows, empty: ctx.t("review.no_households")),
                H.el(.p, [("class", "hint")], [.text(ctx.t("review.posting_list_note"))]),
            ])
    }

    static func certificates(_ ctx: PageContext, _ c: CampaignView, entries: [EntryView]) -> String {
        let cards: [Body] = entries.enumerated().map { i, e in
            H.el(
                .article, [("class", "certificate")],
                [
                    H.el(.p, [("class", "national")], [.text(ctx.t("review.cert_national"))]),
                    H.el(.h2, [], [.text(ctx.t(e.povertyClass == .poor ? "review.cert_title_poor" : "review.cert_title_near_poor"))]),
                    H.dl([
                        (ctx.t("review.cert_number"), H.bdi("\(c.decisionNumber ?? "")/\(String(format: "%05d", i + 1))")),
                        (ctx.t("registry.head"), .text(e.headName ?? "—")),
                        (ctx.t("field.household_code"), H.bdi(e.householdCode)),
                        (ctx.t("field.address"), .text(e.address + ", " + c.communeName)),
                        (ctx.t("field.period"), .text("\(c.period)")),
                        (ctx.t("review.decision"), .text("\(c.decisionNumber ?? "") — \(c.decisionDate.map(ctx.date) ?? "")")),
                    ]),
                    H.el(.p, [("class", "signature")], [.text(ctx.t("review.cert_signature", ["commune": c.communeName]))]),
                ])
        }
        return Layout.render(
            ctx, title: ctx.t("review.certificates"), cards.isEmpty ? [H.el(.p, [("class", "empty")], [.text(ctx.t("review.no_certificates"))])] : cards)
    }
}
