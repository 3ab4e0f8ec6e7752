import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The review part of a household's page: what makes it vulnerable, its classification
/// history, its sudden hardships and circumstances, and (for who records them) the two forms.
enum HouseholdReviewSection {
    struct Classification: Sendable, Equatable {
        let period: Int
        let povertyClass: PovertyClass
        let standardID: String
        let income: Int64?
        let deprivationCount: Int
        let decisionNumber: String
        let decisionDate: LocalDate
        let reasons: [Reason]
    }

    struct Hardship: Sendable, Equatable {
        let kind: HardshipKind
        let occurredOn: LocalDate
        let note: String
        /// The support given, with the day (nil: still open).
        let support: String?
        let resolvedOn: LocalDate?
        let overdue: Bool
        /// The resident's request it came from (its page linked for who handles requests).
        var request: (id: UUID, code: String)? = nil
        static func == (a: Hardship, b: Hardship) -> Bool {
            (a.kind, a.occurredOn, a.note, a.support, a.resolvedOn, a.overdue) == (b.kind, b.occurredOn, b.note, b.support, b.resolvedOn, b.overdue)
                && a.request?.code == b.request?.code
        }
    }

    struct Circumstance: Sendable, Equatable {
        let reason: String
        let since: LocalDate
        let recordedBy: String
    }

    struct Model: Sendable {
        let householdID: UUID
        let classifications: [Classification]
        let vulnerabilities: [DerivedVulnerability]
        let hardships: [Hardship]
        let circumstances: [Circumstance]
        /// Whether the viewer may record a hardship or a circumstance here now.
        let canRecord: Bool
        /// Whether the viewer handles residents' requests (a hardship's request is then a link).
        var canSeeRequests = false
        let today: LocalDate
    }

    static func model(
        _ r: HouseholdReview, householdID: UUID, canRecord: Bool, today: LocalDate, requests: [UUID: (id: UUID, code: String)] = [:],
        canSeeRequests: Bool = false
    ) -> Model {
        Model(
            householdID: householdID,
            classifications: r.classifications.map { c in
                Classification(
                    period: c.period, povertyClass: c.povertyClass, standardID: c.standardID, income: c.income, deprivationCount: c.deprivations.count,
                    decisionNumber: c.decisionNumber, decisionDate: c.decisionDate, reasons: c.reasons)
            }, vulnerabilities: r.vulnerabilities,
            hardships: r.hardships.map {
                Hardship(
                    kind: $0.kind, occurredOn: $0.occurredOn, note: $0.note, support: $0.support, resolvedOn: $0.resolvedOn, overdue: $0.overdue,
                    request: requests[$0.id])
            }, circumstances: r.circumstances.map { Circumstance(reason: $0.reason, since: $0.since, recordedBy: $0.recordedBy) },
            canRecord: canRecord, canSeeRequests: canSeeRequests, today: today)
    }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        var out: [Body] = [
            H.el(
                .section, [("aria-labelledby", "h-vulnerability")],
                [
                    H.el(.h2, [("id", "h-vulnerability")], [.text(ctx.t("review.vulnerability"))]),
                    m.vulnerabilities.isEmpty
                        ? H.el(.p, [("class", "empty")], [.text(ctx.t("review.no_vulnerability"))])
                        : H.el(
                            .ul, [("class", "flags")],
                            m.vulnerabilities.map { v in
                                H.el(.li, [], [H.el(.strong, [], [.text(ctx.t("vulnerability.\(v.flag.rawValue)"))]), .text(" — " + ctx.t(v.reason))])
                            }),
                ]),
            H.el(.h2, [], [.text(ctx.t("review.classification_history"))]),
            H.table(
                caption: ctx.t("review.classification_history"),
                headers: [
                    ctx.t("field.period"), ctx.t("review.class"), ctx.t("review.standard"), ctx.t("field.income_per_person"),
                    ctx.t("review.deprivation_count"), ctx.t("review.decision"), ctx.t("review.reasons"),
                ],
                rows: m.classifications.map { c in
                    [
                        .text("\(c.period)"), ReviewParts.classBadge(ctx, c.povertyClass), H.bdi(c.standardID),
                        .text(c.income.map { ctx.money(Dong($0)) } ?? "—"), .text(ctx.number(c.deprivationCount)),
                        .text("\(c.decisionNumber) — \(ctx.date(c.decisionDate))"), ReviewParts.reasons(ctx, c.reasons),
                    ]
                }, empty: ctx.t("review.no_classifications")),
            H.el(.h2, [], [.text(ctx.t("review.hardships"))]),
            H.table(
                caption: ctx.t("review.hardships"),
                headers: [ctx.t("field.event_kind"), ctx.t("field.occurred_on"), ctx.t("field.note"), ctx.t("field.support")],
                rows: m.hardships.map { h in
                    [
                        .text(ctx.t("hardship.kind.\(h.kind.rawValue)")), .text(ctx.date(h.occurredOn)),
                        H.el(
                            .span, [],
                            [.text(h.note)]
                                + (h.request.map { r in
                                    [
                                        .text(" · " + ctx.t("review.from_request") + " "),
                                        m.canSeeRequests ? H.link(r.code, SiteRoute.request(r.id).path) : H.bdi(r.code),
                                    ]
                                } ?? [])),
                        .text(
                            h.support.map { s in h.resolvedOn.map { "\(s) (\(ctx.date($0)))" } ?? s }
                                ?? ctx.t(h.overdue ? "review.overdue" : "review.alert_open")),
                    ]
                }, empty: ctx.t("review.no_hardships")),
        ]
        if !m.circumstances.isEmpty {
            out.append(
                H.el(
                    .ul, [("class", "circumstances")],
                    m.circumstances.map { c in
                        H.el(.li, [], [.text(ctx.t("review.circumstance_line", ["reason": c.reason, "since": ctx.date(c.since), "user": c.recordedBy]))])
                    }))
        }
        if m.canRecord { out += forms(ctx, m) }
        return out
    }

    /// Record a sudden hardship (an alert follows it) or a lasting circumstance.
    static func forms(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            H.el(
                .details, [("class", "card")],
                [
                    H.el(.summary, [], [.text(ctx.t("review.record_hardship"))]),
                    H.form(
                        ctx, action: SiteRoute.householdHardship(m.householdID).path,
                        [
                            H.select(
                                ctx, name: "event_kind", label: ctx.t("field.event_kind"),
                                options: HardshipKind.allCases.map { ($0.rawValue, ctx.t("hardship.kind.\($0.rawValue)")) }, selected: nil,
                                includeBlank: true),
                            H.field(ctx, name: "occurred_on", label: ctx.t("field.occurred_on"), value: m.today.iso, type: "date", required: true),
                            H.field(ctx, name: "note", label: ctx.t("field.note"), required: true),
                            H.button(ctx.t("common.save"), kind: "secondary"),
                        ]),
                ]),
            H.el(
                .details, [("class", "card")],
                [
                    H.el(.summary, [], [.text(ctx.t("review.record_circumstance"))]),
                    H.form(
                        ctx, action: SiteRoute.householdCircumstance(m.householdID).path,
                        [
                            H.field(ctx, name: "reason", label: ctx.t("field.reason"), required: true, id: "f-circumstance-reason"),
                            H.field(
                                ctx, name: "since", label: ctx.t("field.since"), value: m.today.iso, type: "date", required: true, id: "f-circumstance-since"),
                            H.button(ctx.t("common.save"), kind: "secondary"),
                        ]),
                ]),
        ]
    }
}
