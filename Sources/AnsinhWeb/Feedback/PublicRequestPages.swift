import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The shared pieces of the request pages: choice lists and a labelled text area.
enum FeedbackParts {
    static func kinds(_ ctx: PageContext) -> [(String, String)] { RequestKind.allCases.map { ($0.rawValue, ctx.t("request.kind.\($0.rawValue)")) } }

    /// A labelled multi-line field with its error tied to it (WCAG 3.3.1).
    static func textarea(_ ctx: PageContext, name: String, label: String, value: String, errors: [FieldError], hint: String? = nil, id: String? = nil) -> Body {
        let id = id ?? "f-" + name
        let error = errors.first { $0.field == name }
        var attrs: [(String, String?)] = [("id", id), ("name", name), ("rows", "5")]
        if error != nil { attrs += [("aria-invalid", "true"), ("aria-describedby", id + "-error")] }
        return H.el(
            .div, [("class", error == nil ? "field" : "field has-error")],
            [
                H.el(.label, [("for", id)], [.text(label)]),
                hint.map { H.el(.p, [("class", "hint")], [.text($0)]) } ?? .empty,
                H.el(.textarea, attrs, [.text(value)]),
                error.map { H.el(.p, [("class", "error"), ("id", id + "-error")], [.text(ctx.t($0.message))]) } ?? .empty,
            ])
    }

    /// A request as the officers' pages show it.
    struct Item: Sendable {
        let id: UUID
        let code: String
        let kind: RequestKind
        let channel: RequestChannel
        let status: RequestLifecycle.State
        let residentialGroup: String?
        let name: String?
        let phone: String?
        let zalo: Bool
        let email: String?
        let language: AppLocale
        let anonymous: Bool
        let text: String
        let receivedAt: Date
        let dueOn: LocalDate
        let assignee: String?
        let escalatedAt: Date?
        let answer: String?
        let outcome: RequestOutcome?
        let overdue: Bool
        /// The work it is linked to ("hardship", "application", "household", "centre", "case"), if any.
        let linkedKind: String?
        let steps: [(kind: String, at: Date, text: String, by: String)]

        init(_ r: RequestView) {
            id = r.id; code = r.code; kind = r.kind; channel = r.channel; status = r.status; residentialGroup = r.residentialGroup; name = r.name
            phone = r.phone; zalo = r.zalo; email = r.email; language = r.language; anonymous = r.anonymous; text = r.text; receivedAt = r.receivedAt;
            dueOn = r.dueOn; assignee = r.assignee
            escalatedAt = r.escalatedAt; answer = r.answer; outcome = r.outcome; overdue = r.overdue; linkedKind = r.linkedKind
            steps = r.steps.map { ($0.kind, $0.at, $0.text, $0.by) }
        }
    }

    /// "Received", "Assigned"… with the overdue mark.
    static func status(_ ctx: PageContext, _ s: RequestLifecycle.State) -> String { ctx.t("request.status.\(s.rawValue)") }
}

/// The resident's form: what they ask, where they live, how to reach them, their agreement,
/// and the small sum that keeps robots out. No account; Vietnamese first; fits a phone.
enum PublicRequestPage: Page {
    struct Model: Sendable {
        let form: FeedbackController.SubmitForm
        let errors: [FieldError]
        let wards: [(code: String, name: String, groups: [(code: String, name: String)])]
        let challenge: RequestChallenge
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("request.public_new") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let f = m.form, errors = m.errors
        let groups: [Body] = m.wards.map { w in
            H.el(
                .optgroup, [("label", w.name)],
                w.groups.map { g in
                    H.el(.option, [("value", g.name)] + (f.residential_group == g.name ? [("selected", "selected")] : []), [.text(g.name)])
                })
        }
        let groupError = errors.first { $0.field == "residential_group" }
        return [
            H.el(.p, [("class", "lead")], [.text(ctx.t("request.public_intro"))]),
            H.form(
                // The challenge in the address lets the form carry photos (`BodyLimit`).
                ctx, action: SiteRoute.publicRequests.path(query: [("c", m.challenge.token)]), classes: "card", multipart: true,
                [
                    H.errorSummary(ctx, errors),
                    H.select(ctx, name: "kind", label: ctx.t("request.kind"), options: FeedbackParts.kinds(ctx), selected: f.kind, errors: errors),
                    H.select(
                        ctx, name: "unit", label: ctx.t("request.ward"), options: m.wards.map { ($0.code, $0.name) },
                        selected: f.unit ?? m.wards.first?.code, errors: errors),
                    H.el(
                        .div, [("class", groupError == nil ? "field" : "field has-error")],
                        [
                            H.el(.label, [("for", "f-residential_group")], [.text(ctx.t("request.residential_group"))]),
                            H.el(
                                .select,
                                [("id", "f-residential_group"), ("name", "residential_group")]
                                    + (groupError == nil ? [] : [("aria-invalid", "true"), ("aria-describedby", "f-residential_group-error")]),
                                [H.el(.option, [("value", "")], [.text(ctx.t("request.group_unknown"))])] + groups),
                            groupError.map { H.el(.p, [("class", "error"), ("id", "f-residential_group-error")], [.text(ctx.t($0.message))]) } ?? .empty,
                        ]),
                    FeedbackParts.textarea(
                        ctx, name: "text", label: ctx.t("request.text"), value: f.text ?? "", errors: errors, hint: ctx.t("request.text_hint")),
                    files(ctx, errors: errors),
                    H.field(ctx, name: "name", label: ctx.t("field.full_name"), value: f.name ?? "", autocomplete: "name", errors: errors),
                    H.field(
                        ctx, name: "phone", label: ctx.t("field.phone"), value: f.phone ?? "", type: "tel", autocomplete: "tel", errors: errors,
                        hint: ctx.t("request.phone_hint")),
                    RegistryFields.checkbox(ctx, name: "zalo", label: ctx.t("request.zalo"), checked: f.zalo != nil),
                    H.field(
                        ctx, name: "email", label: ctx.t("field.email"), value: f.email ?? "", type: "email", autocomplete: "email", errors: errors,
                        hint: ctx.t("request.email_hint")),
                    H.hidden("language", ctx.locale.rawValue),
                    RegistryFields.checkbox(ctx, name: "anonymous", label: ctx.t("request.anonymous"), checked: f.anonymous != nil),
                    RegistryFields.checkbox(ctx, name: "consent", label: ctx.t("request.consent"), checked: f.consent != nil, errors: errors),
                    H.hidden("challenge", m.challenge.token),
                    H.field(
                        ctx, name: "answer", label: ctx.t("request.challenge", ["a": "\(m.challenge.a)", "b": "\(m.challenge.b)"]), value: "",
                        type: "number", required: true, errors: errors, hint: ctx.t("request.challenge_hint")),
                    H.button(ctx.t("request.send")),
                ]),
            H.el(
                .p, [],
                [
                    H.link(ctx.t("request.public_track"), SiteRoute.publicRequestTrack.path), .text(" · "),
                    H.link(ctx.t("privacy.notice"), SiteRoute.privacyNotice.path + "#request"),
                ]),
        ]
    }
}

extension PublicRequestPage {
    /// Photos or scans (optional): several at once, their kinds and the cap said beforehand; the
    /// ones refused are named after sending (and are to be chosen again).
    static func files(_ ctx: PageContext, errors: [FieldError]) -> Body {
        let problems = errors.filter { $0.field == "files" }
        var describedBy = "f-files-hint"
        if !problems.isEmpty { describedBy += " f-files-error" }
        return H.el(
            .div, [("class", problems.isEmpty ? "field" : "field has-error")],
            [
                H.el(.label, [("for", "f-files")], [.text(ctx.t("request.files"))]),
                H.el(
                    .p, [("class", "hint"), ("id", "f-files-hint")],
                    [
                        .text(
                            ctx.t("request.files_hint", ["max": "\(RequestAttachments.maxFiles)", "size": "\(RequestAttachments.maxFileBytes / 1_048_576)"]))
                    ]),
                .selfClosedElement(
                    named: "input",
                    attributes: [
                        H.attr("type", "file"), H.attr("id", "f-files"), H.attr("name", "files[]"),
                        H.attr("accept", ".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"), H.attr("multiple", nil, keepEmpty: true),
                        H.attr("aria-describedby", describedBy),
                    ] + (problems.isEmpty ? [] : [H.attr("aria-invalid", "true")])),
                problems.isEmpty
                    ? .empty
                    : H.el(.p, [("class", "error"), ("id", "f-files-error")], [.text(problems.map { ctx.t($0.message) }.joined(separator: " "))]),
            ])
    }
}

/// The tracking code after sending, with what to keep and when the answer is due.
enum RequestSentPage: Page {
    typealias Model = String
    static func title(_ ctx: PageContext, _ m: String) -> String { ctx.t("request.sent_title") }
    static func body(_ ctx: PageContext, _ code: String) -> [Body] {
        [
            H.el(
                .div, [("class", "card")],
                [
                    H.el(.p, [], [.text(ctx.t("request.sent_code"))]),
                    H.el(.p, [("class", "tracking-code")], [H.el(.strong, [("id", "tracking-code")], [H.bdi(code)])]),
                    H.el(.p, [("class", "hint")], [.text(ctx.t("request.sent_keep"))]),
                ]),
            H.el(
                .p, [],
                [
                    H.link(ctx.t("request.public_track"), SiteRoute.publicRequestTrack.path), .text(" · "),
                    H.link(ctx.t("request.public_new"), SiteRoute.publicRequestNew.path),
                ]),
        ]
    }
}

/// Where a request is: the resident types the code and the phone given with it.
enum TrackPage: Page {
    struct Model: Sendable {
        let form: FeedbackController.TrackForm
        let status: PublicRequestStatus?
        let notFound: Bool
        /// After stopping or resuming the messages.
        var done: Message? = nil
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("request.public_track") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        var out: [Body] = []
        if m.notFound { out.append(H.el(.p, [("class", "flash flash-error"), ("role", "alert")], [.text(ctx.t("request.not_found"))])) }
        if let done = m.done { out.append(H.el(.p, [("class", "flash flash-success"), ("role", "status")], [.text(ctx.t(done))])) }
        if let s = m.status {
            out.append(
                H.el(
                    .section, [("class", "card"), ("aria-labelledby", "h-status")],
                    [
                        H.el(.h2, [("id", "h-status")], [.text(ctx.t("request.where"))]),
                        H.dl([
                            (ctx.t("request.code"), H.bdi(s.code)), (ctx.t("request.kind"), .text(ctx.t("request.kind.\(s.kind.rawValue)"))),
                            (ctx.t("request.status"), H.el(.strong, [("id", "request-status")], [.text(FeedbackParts.status(ctx, s.status))])),
                            (ctx.t("request.received_on"), .text(ctx.date(s.receivedOn))), (ctx.t("request.due_on"), .text(ctx.date(s.dueOn))),
                            (ctx.t("request.answer"), H.el(.p, [("id", "request-answer")], [.text(s.answer ?? ctx.t("request.no_answer_yet"))])),
                        ]),
                        messages(ctx, s, phone: m.form.phone ?? ""),
                    ]))
        }
        out.append(
            H.form(
                ctx, action: SiteRoute.publicRequestTrack.path, classes: "card",
                [
                    H.field(ctx, name: "code", label: ctx.t("request.code"), value: m.form.code ?? "", required: true, hint: ctx.t("request.code_hint")),
                    H.field(
                        ctx, name: "phone", label: ctx.t("field.phone"), value: "", type: "tel", autocomplete: "tel", hint: ctx.t("request.track_phone_hint")),
                    H.button(ctx.t("request.look_up")),
                ]))
        out.append(H.el(.p, [], [H.link(ctx.t("request.public_new"), SiteRoute.publicRequestNew.path)]))
        return out
    }

    /// Whether the ward's messages about the request reach the resident, and the button that
    /// stops or resumes them (the code and phone just typed go with it).
    static func messages(_ ctx: PageContext, _ s: PublicRequestStatus, phone: String) -> Body {
        guard s.reachable else { return .empty }
        return H.form(
            ctx, action: SiteRoute.publicRequestMessages.path, classes: "inline",
            [
                H.el(.p, [("id", "request-messages")], [.text(ctx.t(s.messagesStopped ? "request.messages_stopped" : "request.messages_on"))]),
                H.hidden("code", s.code), H.hidden("phone", phone), H.hidden("stop", s.messagesStopped ? "0" : "1"),
                H.button(ctx.t(s.messagesStopped ? "request.messages_resume" : "request.messages_stop"), kind: "secondary"),
            ])
    }
}
