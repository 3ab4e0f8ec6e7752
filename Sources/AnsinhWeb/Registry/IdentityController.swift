import AnsinhCore
import AnsinhStore
import Vapor

/// A check of a person's identity details against the national population database, recorded
/// from the person's page (Decrees 147/2025, 176/2025).
struct IdentityController {
    func register(authed: any RoutesBuilder) {
        authed.post(.personVerification(nil), use: record)
        authed.post(.personVerificationConnector(nil), use: askConnector)
    }

    /// Asks the configured population database and records its answer.
    func askConnector(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.manageRegistry)
        let id = try req.idParameter()
        return try await req.performShowing(back: SiteRoute.person(id).path) {
            let c = try await PopulationClient.check(req, personID: id)
            return (SiteRoute.person(id).path, Message("registry.connector.recorded", ["state": "@registry.identity.\(c.status.rawValue)"]))
        }
    }

    struct CheckForm: Content { var status: String?; var method: String?; var checked_on: String?; var note: String? }

    func record(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.manageRegistry)
        let id = try req.idParameter()
        let f = try req.content.decode(CheckForm.self)
        return try await req.perform(back: SiteRoute.person(id).path, success: Message("registry.identity_recorded")) {
            _ = try await IdentityVerificationRepository(req.store).record(
                actor, personID: id, status: f.status ?? "", method: f.method ?? "", checkedOn: f.checked_on ?? "", note: f.note ?? "")
        }
    }

    /// The person page's section: the latest check, the earlier ones, and the form for who may
    /// record one.
    /// `connector` names the configured population database, whose button asks it.
    static func section(
        _ ctx: PageContext, personID: UUID, checks: [IdentityCheck], canRecord: Bool, today: LocalDate, connector: String?
    ) -> Body {
        let latest = checks.first
        let state =
            latest.map {
                ctx.t("registry.identity.\($0.status.rawValue)") + " — " + ctx.date($0.checkedOn) + ", " + ctx.t("registry.method.\($0.method.rawValue)")
                    + ($0.note.map { " (\($0))" } ?? "")
            } ?? ctx.t("registry.identity.not_verified")
        return H.el(
            .section, [("class", "card"), ("aria-labelledby", "h-identity")],
            [
                H.el(.h2, [("id", "h-identity")], [.text(ctx.t("registry.identity"))]),
                H.el(.p, [("class", latest?.status == .verified ? "" : "badge badge-overdue")], [.text(state)]),
                H.el(.p, [("class", "hint")], [.text(ctx.t("registry.identity_hint"))]),
                canRecord && connector != nil
                    ? H.form(
                        ctx, action: SiteRoute.personVerificationConnector(personID).path,
                        [H.button(ctx.t("registry.connector.ask", ["name": connector!]), kind: "secondary")]) : .empty,
                checks.count > 1
                    ? H.table(
                        caption: ctx.t("registry.identity_history"),
                        headers: [ctx.t("field.checked_on"), ctx.t("field.state"), ctx.t("field.method"), ctx.t("field.note"), ctx.t("registry.identity_by")],
                        rows: checks.map { c in
                            [
                                .text(ctx.date(c.checkedOn)), .text(ctx.t("registry.identity.\(c.status.rawValue)")),
                                .text(ctx.t("registry.method.\(c.method.rawValue)")), .text(c.note ?? ""), H.bdi(c.recordedBy),
                            ]
                        }, empty: "") : .empty,
                canRecord
                    ? H.form(
                        ctx, action: SiteRoute.personVerification(personID).path,
                        [
                            H.select(
                                ctx, name: "status", label: ctx.t("field.state"),
                                options: [VerificationStatus.verified, .mismatch].map { ($0.rawValue, ctx.t("registry.identity.\($0.rawValue)")) },
                                selected: "verified", id: "f-identity-status"),
                            H.select(
                                ctx, name: "method", label: ctx.t("field.method"),
                                options: VerificationMethod.allCases.filter { $0 != .connector }.map { ($0.rawValue, ctx.t("registry.method.\($0.rawValue)")) },
                                selected: "vneid_app",
                                id: "f-identity-method"),
                            H.field(
                                ctx, name: "checked_on", label: ctx.t("field.checked_on"), value: today.iso, type: "date", required: true,
                                id: "f-identity-checked_on"),
                            H.field(ctx, name: "note", label: ctx.t("field.note"), hint: ctx.t("registry.identity_note_hint"), id: "f-identity-note"),
                            H.button(ctx.t("registry.identity_record"), kind: "secondary"),
                        ]) : .empty,
            ])
    }
}
