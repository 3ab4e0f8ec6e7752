import AnsinhCore
import AnsinhStore
import Vapor

/// A person's consents outside a case (Law 91/2025/QH15), from the person's page: recorded with
/// who gave them and when, withdrawn with the day and the reason.
struct ConsentController {
    func register(authed: any RoutesBuilder) {
        authed.post(.personConsents(nil), use: record)
        authed.post(.personConsentWithdraw(nil), use: withdraw)
    }

    struct RecordForm: Content { var purpose: String?; var recipient: String?; var given_by: String?; var given_by_name: String?; var given_on: String? }
    struct WithdrawForm: Content { var person: String?; var on: String?; var reason: String? }

    func record(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try PersonConsentRepository.requireManage(actor)
        let id = try req.idParameter()
        let f = try req.content.decode(RecordForm.self)
        var input = PersonConsentInput()
        input.purpose = f.purpose ?? ""; input.recipient = f.recipient ?? ""; input.givenBy = f.given_by ?? ""
        input.givenByName = f.given_by_name ?? ""; input.givenOn = f.given_on ?? ""
        return try await req.perform(back: SiteRoute.person(id).path, success: Message("consent.recorded")) {
            _ = try await PersonConsentRepository(req.store).record(actor, personID: id, input)
        }
    }

    func withdraw(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try PersonConsentRepository.requireManage(actor)
        let id = try req.idParameter()
        let f = try req.content.decode(WithdrawForm.self)
        let back = UUID(uuidString: f.person ?? "").map { SiteRoute.person($0).path } ?? SiteRoute.persons.path
        return try await req.perform(back: back, success: Message("consent.withdrawn")) {
            try await PersonConsentRepository(req.store).withdraw(actor, consentID: id, on: f.on ?? "", reason: f.reason ?? "")
        }
    }

    /// The person page's section: the consents (in force, withdrawn), a withdrawal form for each
    /// one in force and the form for a new one, for who may record them.
    static func section(_ ctx: PageContext, personID: UUID, consents: [PersonConsentView], canManage: Bool, today: LocalDate) -> Body {
        H.el(
            .section, [("class", "card"), ("aria-labelledby", "h-consents")],
            [
                H.el(.h2, [("id", "h-consents")], [.text(ctx.t("consent.title"))]),
                H.el(.p, [("class", "hint")], [.text(ctx.t("consent.hint"))]),
                H.table(
                    caption: ctx.t("consent.title"),
                    headers: [ctx.t("field.purpose"), ctx.t("consent.recipient"), ctx.t("field.given_by"), ctx.t("field.given_on"), ctx.t("field.state")],
                    rows: consents.map { c in
                        [
                            .text(ctx.t("consent.purpose.\(c.purpose.rawValue)")), H.bdi(c.recipient.isEmpty ? ctx.t("consent.any_recipient") : c.recipient),
                            .text(ctx.t("consent.giver.\(c.givenBy.rawValue)") + " — " + c.givenByName), .text(ctx.date(c.givenOn)),
                            .text(
                                c.withdrawnOn.map { ctx.t("consent.withdrawn_on", ["date": ctx.date($0), "reason": c.withdrawalReason ?? ""]) }
                                    ?? ctx.t(c.inForce ? "consent.in_force" : "consent.not_yet")),
                        ]
                    }, empty: ctx.t("consent.none")),
                .group(
                    canManage
                        ? consents.filter { $0.withdrawnOn == nil }.map { c in
                            H.form(
                                ctx, action: SiteRoute.personConsentWithdraw(c.id).path, classes: "inline",
                                [
                                    H.hidden("person", personID.uuidString),
                                    H.field(
                                        ctx, name: "on", label: ctx.t("consent.withdraw_on", ["purpose": ctx.t("consent.purpose.\(c.purpose.rawValue)")]),
                                        value: today.iso, type: "date", required: true, id: "f-withdraw-on-\(c.id.uuidString)"),
                                    H.field(ctx, name: "reason", label: ctx.t("field.reason"), required: true, id: "f-withdraw-reason-\(c.id.uuidString)"),
                                    H.button(ctx.t("consent.withdraw"), kind: "secondary"),
                                ])
                        } : []),
                canManage
                    ? H.el(
                        .details, [],
                        [
                            H.el(.summary, [], [.text(ctx.t("consent.add"))]),
                            H.form(
                                ctx, action: SiteRoute.personConsents(personID).path,
                                [
                                    H.select(
                                        ctx, name: "purpose", label: ctx.t("field.purpose"),
                                        options: PersonConsentPurpose.allCases.map { ($0.rawValue, ctx.t("consent.purpose.\($0.rawValue)")) },
                                        selected: PersonConsentPurpose.nameToDonors.rawValue, id: "f-consent-purpose"),
                                    H.field(
                                        ctx, name: "recipient", label: ctx.t("consent.recipient"), hint: ctx.t("consent.recipient_hint"),
                                        id: "f-consent-recipient"),
                                    H.select(
                                        ctx, name: "given_by", label: ctx.t("field.given_by"),
                                        options: ConsentGiver.allCases.map { ($0.rawValue, ctx.t("consent.giver.\($0.rawValue)")) }, selected: "person",
                                        id: "f-consent-given_by"),
                                    H.field(ctx, name: "given_by_name", label: ctx.t("field.given_by_name"), required: true, id: "f-consent-given_by_name"),
                                    H.field(
                                        ctx, name: "given_on", label: ctx.t("field.given_on"), value: today.iso, type: "date", required: true,
                                        id: "f-consent-given_on"),
                                    H.button(ctx.t("consent.add"), kind: "secondary"),
                                ]),
                        ]) : .empty,
            ])
    }
}
