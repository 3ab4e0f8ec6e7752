import AnsinhCore
import AnsinhStore
import Plot
import Vapor

typealias Body = Node<HTML.BodyContext>

/// What every page needs besides its own model: language, who is signed in, the form token,
/// one-time messages. Built once per request by `PageContext(request)`.
struct PageContext {
    var locale: AppLocale
    let actor: Actor?
    let csrf: String
    let flashes: [Flash]
    let currentPath: String
    let catalogue: MessageCatalogue

    init(_ req: Request) {
        locale = req.locale
        actor = req.actor
        csrf = req.hasSession ? req.csrfToken : ""
        flashes = req.hasSession ? req.takeFlashes() : []
        currentPath = req.url.string
        catalogue = req.services.catalogue
    }

    /// A context without a request: page tests render a page from a fixed model with it.
    init(locale: AppLocale, actor: Actor?, catalogue: MessageCatalogue = .shared, currentPath: String = "/") {
        self.locale = locale; self.actor = actor; csrf = "test-token"; flashes = []; self.currentPath = currentPath; self.catalogue = catalogue
    }

    func t(_ key: String, _ args: [String: String] = [:]) -> String { catalogue.text(Message(key, args), locale) }
    func t(_ m: Message) -> String { catalogue.text(m, locale) }
    func money(_ d: Dong) -> String { d.formatted(locale) }
    func date(_ d: LocalDate) -> String { d.formatted(locale) }
    func number(_ n: Int) -> String { (n < 0 ? "-" : "") + locale.grouped(UInt64(n.magnitude)) }
    func timestamp(_ date: Date, zone: TimeZone) -> String {
        let f = DateFormatter()
        f.timeZone = zone
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = locale == .en ? "yyyy-MM-dd HH:mm:ss" : "dd/MM/yyyy HH:mm:ss"
        return f.string(from: date)
    }
}

/// The HTML elements pages are made of. An element is named by this type, never by free text,
/// so a page cannot invent one by a typo.
enum Tag: String, CaseIterable {
    case a, article, bdi, button, caption, code, dd, details, div, dl, dt, fieldset, footer, form, h1, h2, h3, header, input, label, legend
    case li, main, nav, ol, optgroup, option, p, pre, progress, section, select, span, strong, summary, table, tbody, td, textarea, th, thead, tr, ul
    /// A picture drawn on the page: a progress chart's rectangles, a map's numbered circles.
    case svg, rect, circle
    case svgText = "text"
}

/// Small typed builders over Plot, so pages read as structure. Text is escaped by Plot; every
/// attribute value is escaped by `attr` (Plot writes attribute values as given).
enum H {
    static func el(_ tag: Tag, _ attrs: [(String, String?)] = [], _ children: [Body] = []) -> Body {
        // An empty `value` is a value (the blank choice of a select sends "", not its label "—");
        // other empty attributes are left out.
        .element(named: tag.rawValue, nodes: attrs.map { .attribute(attr($0.0, $0.1, keepEmpty: $0.0 == "value" && $0.1 != nil)) } + children)
    }

    /// The one way an attribute is made: Plot writes attribute values as given, so every value
    /// is escaped here (`& < > " '`). Every page builds its attributes through this function.
    static func attr(_ name: String, _ value: String?, keepEmpty: Bool = false) -> Attribute<HTML.BodyContext> {
        Attribute(name: name, value: value.map(escapeAttribute), ignoreIfValueIsEmpty: !keepEmpty)
    }

    /// `s` safe inside a double- or single-quoted attribute value (`Markup.escaped`).
    static func escapeAttribute(_ s: String) -> String { Markup.escaped(s) }
    static func text(_ s: String) -> Body { .text(s) }
    /// Codes and identifiers keep their own direction inside Arabic text (`00364-TDP01` must
    /// not turn into `TDP01-00364`).
    static func bdi(_ s: String) -> Body { el(.bdi, [("dir", "ltr")], [.text(s)]) }
    static func link(_ label: String, _ route: String, _ attrs: [(String, String?)] = []) -> Body {
        el(.a, [("href", route)] + attrs, [.text(label)])
    }
    /// A picture of the site (a work's photo), always with its text alternative.
    static func img(src: String, alt: String, width: Int) -> Body {
        .selfClosedElement(named: "img", attributes: [attr("src", src), attr("alt", alt, keepEmpty: true), attr("width", "\(width)"), attr("loading", "lazy")])
    }
    static func hidden(_ name: String, _ value: String) -> Body {
        .selfClosedElement(named: "input", attributes: [attr("type", "hidden"), attr("name", name), attr("value", value, keepEmpty: true)])
    }

    /// A labelled input with its error message tied to it for screen readers.
    static func field(
        _ ctx: PageContext, name: String, label: String, value: String = "", type: String = "text",
        required: Bool = false, autocomplete: String? = nil, errors: [FieldError] = [], hint: String? = nil, id: String? = nil
    ) -> Body {
        // `id`: for a page with several forms holding a field of the same name.
        let id = id ?? "f-" + name
        let error = errors.first { $0.field == name }
        var attrs = [attr("type", type), attr("id", id), attr("name", name), attr("value", value)]
        if required { attrs.append(attr("required", nil, keepEmpty: true)) }
        if let autocomplete { attrs.append(attr("autocomplete", autocomplete)) }
        if error != nil {
            attrs.append(attr("aria-invalid", "true"))
            attrs.append(attr("aria-describedby", id + "-error"))
        }
        return el(
            .div, [("class", error == nil ? "field" : "field has-error")],
            [
                el(.label, [("for", id)], [.text(label)]),
                hint.map { el(.p, [("class", "hint")], [.text($0)]) } ?? .empty,
                .selfClosedElement(named: "input", attributes: attrs),
                error.map { el(.p, [("class", "error"), ("id", id + "-error")], [.text(ctx.t($0.message))]) } ?? .empty,
            ])
    }

    static func select(
        _ ctx: PageContext, name: String, label: String, options: [(String, String)], selected: String?,
        errors: [FieldError] = [], includeBlank: Bool = false, id: String? = nil
    ) -> Body {
        let id = id ?? "f-" + name
        let error = errors.first { $0.field == name }
        var opts: [Body] = []
        if includeBlank { opts.append(el(.option, [("value", "")], [.text("—")])) }
        for (value, text) in options {
            var a: [(String, String?)] = [("value", value)]
            if value == selected { a.append(("selected", "selected")) }
            opts.append(el(.option, a, [.text(text)]))
        }
        var selAttrs: [(String, String?)] = [("id", id), ("name", name)]
        if error != nil { selAttrs += [("aria-invalid", "true"), ("aria-describedby", id + "-error")] }
        return el(
            .div, [("class", error == nil ? "field" : "field has-error")],
            [
                el(.label, [("for", id)], [.text(label)]),
                el(.select, selAttrs, opts),
                error.map { el(.p, [("class", "error"), ("id", id + "-error")], [.text(ctx.t($0.message))]) } ?? .empty,
            ])
    }

    /// A form posting to `action` with the session's token.
    static func form(
        _ ctx: PageContext, action: String, method: String = "post", classes: String? = nil, multipart: Bool = false, _ children: [Body]
    ) -> Body {
        el(
            .form, [("method", method), ("action", action), ("enctype", multipart ? "multipart/form-data" : nil), ("class", classes)],
            (method == "post" ? [hidden("_csrf", ctx.csrf)] : []) + children)
    }

    /// Checkboxes sending `name[]` for each option ticked, grouped under a legend (element ids
    /// `f-<idPrefix>-<value>`).
    static func checkboxes(legend: String, name: String, idPrefix: String, options: [(String, String)], checked: Set<String> = []) -> Body {
        el(
            .fieldset, [],
            [el(.legend, [], [.text(legend)])]
                + options.map { value, label in
                    el(
                        .div, [("class", "field checkbox")],
                        [
                            el(
                                .input,
                                [
                                    ("type", "checkbox"), ("id", "f-\(idPrefix)-\(value)"), ("name", name + "[]"), ("value", value),
                                    ("checked", checked.contains(value) ? "checked" : nil),
                                ]),
                            el(.label, [("for", "f-\(idPrefix)-\(value)")], [.text(label)]),
                        ])
                })
    }

    static func button(_ label: String, kind: String = "primary", name: String? = nil, value: String? = nil) -> Body {
        el(.button, [("type", "submit"), ("class", "btn btn-" + kind), ("name", name), ("value", value)], [.text(label)])
    }

    /// Summary of all errors at the top of a form (WCAG 3.3.1).
    static func errorSummary(_ ctx: PageContext, _ errors: [FieldError]) -> Body {
        guard !errors.isEmpty else { return .empty }
        return el(
            .div, [("class", "error-summary"), ("role", "alert")],
            [
                el(.h2, [], [.text(ctx.t("common.errors_title"))]),
                el(
                    .ul, [],
                    errors.map { e in
                        el(.li, [], [link(ctx.t("field.\(e.field)") + ": " + ctx.t(e.message), "#f-" + e.field)])
                    }),
            ])
    }

    /// Previous / next links and "page x of y".
    static func pager(_ ctx: PageContext, _ p: Paging, link make: (Int) -> String) -> Body {
        pager(ctx, page: p.page, pageCount: p.pageCount, total: p.total, link: make)
    }

    static func pager(_ ctx: PageContext, page: Int, pageCount: Int, total: Int, link make: (Int) -> String) -> Body {
        el(
            .nav, [("class", "pager"), ("aria-label", ctx.t("common.pages"))],
            [
                el(.span, [], [.text(ctx.t("common.page_of", ["page": "\(page)", "pages": "\(pageCount)", "total": "\(total)"]))]),
                page > 1 ? link(ctx.t("common.previous"), make(page - 1), [("rel", "prev")]) : .empty,
                page < pageCount ? link(ctx.t("common.next"), make(page + 1), [("rel", "next")]) : .empty,
            ])
    }

    static func table(caption: String, headers: [String], rows: [[Body]], empty: String) -> Body {
        if rows.isEmpty { return el(.p, [("class", "empty")], [.text(empty)]) }
        return el(
            .div, [("class", "table-wrap")],
            [
                el(
                    .table, [],
                    [
                        el(.caption, [("class", "visually-hidden")], [.text(caption)]),
                        el(.thead, [], [el(.tr, [], headers.map { el(.th, [("scope", "col")], [.text($0)]) })]),
                        el(.tbody, [], rows.map { cells in el(.tr, [], cells.map { el(.td, [], [$0]) }) }),
                    ])
            ])
    }

    static func dl(_ pairs: [(String, Body)]) -> Body {
        el(.dl, [("class", "facts")], pairs.flatMap { [el(.dt, [], [.text($0.0)]), el(.dd, [], [$0.1])] })
    }
}

extension Node {
    static var empty: Node { .group([]) }
}

/// The page shell: header with navigation, language switcher and account, then the content.
enum Layout {
    /// `refreshSeconds` reloads the page (progress of a running job) without any script.
    static func render(_ ctx: PageContext, title: String, _ content: [Body], refreshSeconds: Int? = nil) -> String {
        let dir = ctx.locale.isRightToLeft ? "rtl" : "ltr"
        let html = HTML(
            .attribute(named: "lang", value: H.escapeAttribute(ctx.locale.rawValue)),
            .attribute(named: "dir", value: H.escapeAttribute(dir)),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                // Plot's `.title` also writes og:/twitter: meta tags with the title unescaped in an
                // attribute; a plain <title> element holds it as escaped text.
                .element(named: "title", nodes: [.text(title + " — Ansinh")]),
                .link(.rel(.stylesheet), .href(SiteRoute.stylesheet.path)),
                refreshSeconds.map { .meta(.attribute(named: "http-equiv", value: "refresh"), .content(String($0))) } ?? .empty
            ),
            .body(
                H.link(ctx.t("common.skip"), "#main", [("class", "skip-link")]),
                header(ctx),
                H.el(
                    .main, [("id", "main"), ("tabindex", "-1")],
                    [
                        H.el(
                            .div, [("class", "flashes")],
                            ctx.flashes.map { f in
                                H.el(
                                    .div, [("class", "flash flash-\(f.kind.rawValue)"), ("role", f.kind == .error ? "alert" : "status")],
                                    [.text(ctx.t(f.message))])
                            }),
                        H.el(.h1, [], [.text(title)]),
                    ] + content),
                H.el(
                    .footer, [("class", "footer")],
                    [
                        .text(ctx.t("common.footer") + " · "), H.link(ctx.t("public.home"), SiteRoute.publicHome.path), .text(" · "),
                        H.link(ctx.t("privacy.notice"), SiteRoute.privacyNotice.path), .text(" · "),
                        H.link(ctx.t("request.public_new"), SiteRoute.publicRequestNew.path), .text(" · "),
                        H.link(ctx.t("request.public_track"), SiteRoute.publicRequestTrack.path), .text(" · "),
                        H.link(ctx.t("announcement.public"), SiteRoute.publicAnnouncements.path),
                    ])
            )
        )
        return html.render()
    }

    static func header(_ ctx: PageContext) -> Body {
        var nav: [Body] = []
        if let actor = ctx.actor {
            var items: [(String, SiteRoute)] = [(ctx.t("nav.home"), .home)]
            if actor.role.can(.viewRegistry) {
                items.append((ctx.t("nav.households"), .households))
                items.append((ctx.t("nav.persons"), .persons))
            }
            if actor.role.can(.viewReview) { items.append((ctx.t("nav.review"), .review)) }
            if actor.role.can(.viewRegistry) { items.append((ctx.t("nav.allowances"), .eligibility)) }
            if actor.role.can(.viewAllowances) { items.append((ctx.t("nav.payments"), .payments)) }
            if actor.role.can(.viewCases) { items.append((ctx.t("nav.cases"), .cases)) }
            if actor.role.can(.answerHotline) { items.append((ctx.t("nav.hotline"), .hotline)) }
            if actor.role.can(.handleRequests) { items.append((ctx.t("nav.requests"), .requests)) }
            if actor.role.can(.viewLivelihood) { items.append((ctx.t("nav.livelihood"), .livelihood)) }
            if actor.role.can(.viewEducation) { items.append((ctx.t("nav.education"), .education)) }
            if actor.role.can(.viewWorks) { items.append((ctx.t("nav.works"), .works)) }
            if actor.role.can(.viewCare) { items.append((ctx.t("nav.care"), .care)) }
            if actor.role.can(.viewFunds) { items.append((ctx.t("nav.funds"), .funds)) }
            if actor.role.can(.viewFunds) && actor.role.can(.viewRegistry) && !actor.role.can(.viewCases) {
                items.append((ctx.t("nav.campaigns"), .giftCampaigns))
            }
            if actor.role.can(.viewCare) && actor.role.can(.viewUsers) { items.append((ctx.t("nav.staff"), .staff)) }
            if actor.role.can(.answerReferrals) { items.append((ctx.t("nav.referrals"), .referrals)) }
            if actor.role.can(.manageCases) { items.append((ctx.t("nav.tasks"), .tasks)) }
            if actor.role.can(.viewUnits) { items.append((ctx.t("nav.units"), .units)) }
            if actor.role.can(.viewUsers) { items.append((ctx.t("nav.users"), .users)) }
            if actor.role.can(.viewAudit) { items.append((ctx.t("nav.audit"), .audit)) }
            if actor.role.can(.viewAudit) || actor.role.can(.manageBreaches) { items.append((ctx.t("nav.breaches"), .breaches)) }
            nav.append(
                H.el(
                    .nav, [("aria-label", ctx.t("nav.main"))],
                    [
                        H.el(
                            .ul, [],
                            items.map { label, route in
                                let current = route == .home ? ctx.currentPath == "/" : ctx.currentPath.hasPrefix(route.path)
                                return H.el(.li, [], [H.link(label, route.path, current ? [("aria-current", "page")] : [])])
                            })
                    ]))
        }
        let languageForm = H.form(
            ctx, action: SiteRoute.language.path, classes: "lang-switch",
            [
                H.hidden("back", ctx.currentPath),
                H.el(.span, [("class", "visually-hidden")], [.text(ctx.t("nav.language"))]),
            ]
                + AppLocale.allCases.map { l in
                    H.el(
                        .button,
                        [
                            ("type", "submit"), ("name", "locale"), ("value", l.rawValue), ("lang", l.rawValue),
                            ("class", "btn btn-link"), ("aria-pressed", l == ctx.locale ? "true" : "false"),
                        ], [.text(l.nativeName)])
                })
        var account: [Body] = []
        if let actor = ctx.actor {
            account.append(
                H.el(
                    .div, [("class", "account")],
                    [
                        H.link(
                            actor.username + " · " + ctx.t("role.\(actor.role.rawValue)"), SiteRoute.account.path,
                            [("class", "who"), ("title", ctx.t("nav.account"))]
                                + (ctx.currentPath.hasPrefix(SiteRoute.account.path) ? [("aria-current", "page")] : [])),
                        H.form(ctx, action: SiteRoute.logout.path, classes: "inline", [H.button(ctx.t("auth.logout"), kind: "link")]),
                    ]))
        }
        return H.el(
            .header, [("class", "topbar")],
            [
                H.link("Ansinh", SiteRoute.home.path, [("class", "brand")])
            ] + nav + [languageForm] + account)
    }
}

/// The page shown for errors on the HTML side.
enum ErrorPage {
    static func render(request: Request, status: Int, message: Message, fields: [FieldError] = []) -> String {
        let ctx = PageContext(request)
        let title = ctx.t("error.title", ["status": "\(status)"])
        return Layout.render(
            ctx, title: title,
            [
                H.el(.p, [], [.text(ctx.t(message))]),
                // Which parameter was wrong and why (`page: Enter a whole number from 1 to …`).
                fields.isEmpty
                    ? .empty
                    : H.el(
                        .ul, [("class", "error-list")],
                        fields.map { f in
                            H.el(.li, [], [H.bdi(f.field), .text(": " + ctx.t(f.message))])
                        }),
                H.el(.p, [("class", "muted")], [.text(ctx.t("error.request_id", ["id": request.id]))]),
                H.link(ctx.t("error.back_home"), SiteRoute.home.path),
            ])
    }
}
