import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// A person's circumstances for the allowance rules: this month's evaluation from what is
/// recorded (and what is missing), every dated record with its paper, and the form that records
/// the circumstances in force from a day.
enum PersonFactsPage: Page {
    struct Record: Sendable, Equatable {
        let validFrom: LocalDate
        let circumstances: PersonCircumstances
        let sourceDocument: String?
        let recordedBy: String
    }

    struct Model: Sendable {
        let personID: UUID
        let name: String
        let records: [Record]
        let evaluation: AllowanceEvaluation?
        let assumed: [String]
        let missing: [String]
        let canRecord: Bool
        let validFrom: String
        let sourceDocument: String
        let form: CircumstanceForm
        let errors: [FieldError]
        /// Health-insurance cards recorded on the person, latest first.
        let cards: [HealthInsuranceCardRecord]
        let today: LocalDate
    }

    /// The query; `submitted` carries a refused form back with its values and errors.
    static func model(
        for req: Request, submitted: (validFrom: String, source: String, form: CircumstanceForm, errors: [FieldError])? = nil
    ) async throws -> Model {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let versions = try await PersonFactsRepository(req.store).versions(actor, personID: id)
        let (p, _) = try await RegistryRepository(req.store).person(actor, id: id)
        let allowance = try? await AllowanceFactsRepository(req.store).evaluate(actor, personID: id, month: req.today.yearMonth)
        let current = versions.first { $0.validFrom <= req.today } ?? versions.last
        let cards = try await HealthInsuranceRepository(req.store).cards(actor, personID: id)
        return Model(
            personID: id, name: p.fullName,
            records: versions.map {
                Record(validFrom: $0.validFrom, circumstances: $0.circumstances, sourceDocument: $0.sourceDocument, recordedBy: $0.recordedBy)
            },
            evaluation: allowance?.evaluation, assumed: allowance?.assumed ?? [], missing: allowance?.missingFacts ?? [],
            canRecord: actor.role.can(.manageAllowances), validFrom: submitted?.validFrom ?? req.today.iso, sourceDocument: submitted?.source ?? "",
            form: submitted?.form ?? current.map { CircumstanceForm($0.circumstances) } ?? CircumstanceForm(), errors: submitted?.errors ?? [],
            cards: cards, today: req.today)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("facts.title", ["name": m.name]) }

    /// A record in a few words: marital status, parents, children, studies, supporter, carer.
    static func summary(_ ctx: PageContext, _ c: PersonCircumstances) -> String {
        var parts = [ctx.t("allowance.marital.\(c.maritalStatus.rawValue)")]
        if !c.parents.isEmpty {
            parts.append(ctx.t("facts.parents", ["list": c.parents.map { ctx.t("allowance.parent.\($0.status.rawValue)") }.joined(separator: ", ")]))
        }
        if c.abandoned { parts.append(ctx.t("field.abandoned")) }
        if !c.childrenRaised.isEmpty { parts.append(ctx.t("facts.children", ["count": "\(c.childrenRaised.count)"])) }
        if c.studying != .none { parts.append(ctx.t("allowance.studying.\(c.studying.rawValue)")) }
        parts.append(ctx.t("field.supporter") + ": " + ctx.t("allowance.supporter.\(c.supporter.rawValue)"))
        if c.householdCarer { parts.append(ctx.t("field.household_carer")) }
        if c.caredByCommunityCarer { parts.append(ctx.t("field.cared_by_community_carer")) }
        if c.pregnant { parts.append(ctx.t("field.pregnant")) }
        return parts.joined(separator: " · ")
    }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        var content: [Body] = [
            AllowanceParts.nav(ctx),
            H.el(.p, [("class", "lead")], [.text(ctx.t("facts.intro"))]),
        ]
        if let e = m.evaluation {
            content.append(AllowanceParts.result(ctx, e))
            content.append(H.el(.ul, [("class", "hint")], m.assumed.map { H.el(.li, [], [.text(ctx.t($0))]) }))
        }
        if !m.missing.isEmpty {
            content.append(
                H.el(
                    .p, [("class", "hint")],
                    [.text(ctx.t("facts.missing", ["list": m.missing.map { ctx.t("field.\($0)") }.joined(separator: ", ")]))]))
        }
        content.append(
            H.table(
                caption: ctx.t("facts.records"),
                headers: [ctx.t("field.valid_from"), ctx.t("facts.summary"), ctx.t("field.source_document"), ctx.t("facts.recorded_by")],
                rows: m.records.map { r in
                    [.text(ctx.date(r.validFrom)), .text(summary(ctx, r.circumstances)), .text(r.sourceDocument ?? "—"), H.bdi(r.recordedBy)]
                }, empty: ctx.t("facts.none")))
        if m.canRecord {
            content.append(
                H.form(
                    ctx, action: SiteRoute.personFacts(m.personID).path, classes: "card",
                    [
                        H.el(.h2, [], [.text(ctx.t("facts.record"))]),
                        H.errorSummary(ctx, m.errors),
                        H.field(
                            ctx, name: "valid_from", label: ctx.t("field.valid_from"), value: m.validFrom, type: "date", required: true, errors: m.errors,
                            hint: ctx.t("facts.valid_from_hint")),
                        H.field(
                            ctx, name: "source_document", label: ctx.t("field.source_document"), value: m.sourceDocument, errors: m.errors,
                            hint: ctx.t("facts.source_hint")),
                    ] + m.form.fieldsets(ctx, m.errors) + [H.button(ctx.t("common.save"))]))
        }
        content.append(
            H.table(
                caption: ctx.t("health.cards"),
                headers: [ctx.t("health.card"), ctx.t("field.valid_from"), ctx.t("field.valid_until"), ctx.t("facts.recorded_by")],
                rows: m.cards.map { c in [H.bdi(c.cardNumber), .text(ctx.date(c.validFrom)), .text(ctx.date(c.validUntil)), H.bdi(c.recordedBy)] },
                empty: ctx.t("health.no_cards")))
        if m.canRecord {
            content.append(
                H.form(
                    ctx, action: SiteRoute.personHealthCard(m.personID).path, classes: "card",
                    [
                        H.el(.h2, [], [.text(ctx.t("health.record_card"))]),
                        H.field(ctx, name: "card_number", label: ctx.t("health.card"), required: true, hint: ctx.t("health.card_hint"), id: "f-card_number"),
                        H.field(ctx, name: "valid_from", label: ctx.t("field.valid_from"), value: m.today.iso, type: "date", required: true, id: "f-card_from"),
                        H.field(ctx, name: "valid_until", label: ctx.t("field.valid_until"), type: "date", required: true, id: "f-card_until"),
                        H.button(ctx.t("common.save"), kind: "secondary"),
                    ]))
        }
        content.append(H.link(ctx.t("decision.person_link"), SiteRoute.personDecisions(m.personID).path, [("class", "btn btn-secondary")]))
        return content
    }
}
