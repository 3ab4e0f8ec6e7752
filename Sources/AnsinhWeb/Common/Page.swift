import AnsinhCore
import AnsinhStore
import Vapor

/// A page: a plain model in, HTML out (DESIGN: "Views take view models"). The model holds only
/// what the page shows, as plain values (names, amounts in đồng, states, permissions decided);
/// the page never reads the request, the database or a Store read model. A page test renders
/// it from a fixed model; the query that builds the model is the page's `model(for:)`.
protocol Page {
    associatedtype Model: Sendable
    static func title(_ ctx: PageContext, _ m: Model) -> String
    static func body(_ ctx: PageContext, _ m: Model) -> [Body]
    /// Seconds after which the browser reloads the page by itself (a running job); nil: never.
    static func refreshSeconds(_ m: Model) -> Int?
    /// The kind of record the page shows: its purpose and legal basis close the page
    /// (`PrivacyNotice`); nil for pages that are not about a person's record.
    static var processing: ProcessingKind? { get }
}

extension Page {
    static func refreshSeconds(_ m: Model) -> Int? { nil }
    static var processing: ProcessingKind? { nil }

    /// The whole HTML document: the layout around the page's body.
    static func render(_ ctx: PageContext, _ m: Model) -> String {
        Layout.render(ctx, title: title(ctx, m), body(ctx, m) + [processing.map { PrivacyNotice.note(ctx, $0) } ?? .empty], refreshSeconds: refreshSeconds(m))
    }
}

/// Where a list page is: which page, how many pages, how many rows in all (`H.pager`).
struct Paging: Sendable, Equatable {
    let page: Int
    let pageCount: Int
    let total: Int

    init(page: Int, pageCount: Int, total: Int) { self.page = page; self.pageCount = pageCount; self.total = total }
    init<T>(_ p: ResultPage<T>) { self.init(page: p.page, pageCount: p.pageCount, total: p.total) }
}

extension PageContext {
    /// The same context in another language (official papers are always in Vietnamese).
    func with(locale: AppLocale) -> PageContext {
        var c = self
        c.locale = locale
        return c
    }
}

extension Request {
    /// A `datetime-local` form value: the office's local time without an offset.
    var localDateTimeFormat: DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX"); f.timeZone = services.config.timeZone; f.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return f
    }

    /// Now, as a `datetime-local` value (the default of a "when" field).
    var localDateTimeNow: String { localDateTimeFormat.string(from: store.now()) }

    /// Reads a `datetime-local` value; a malformed one names `field`.
    func localDateTime(_ value: String?, field: String) throws -> Date {
        guard let d = localDateTimeFormat.date(from: value ?? "") else { throw AppError.invalid(field, "validation.date") }
        return d
    }
}

extension Request {
    /// The units of `kinds` a form lets the viewer choose among: none when the viewer's own unit
    /// is one of them (the form uses it), else up to 500 of those in reach.
    func unitChoices(_ actor: Actor, kinds: [UnitKind]) async throws -> [(String, String)] {
        let all = try await UnitRepository(store).all(actor, kinds: kinds)
        return all.contains { $0.id == actor.unitID } ? [] : all.prefix(500).map { ($0.id.uuidString, $0.name) }
    }
}

extension Dictionary where Key == String, Value == String {
    /// The named values that were sent (a form's or a body's optional fields), the rest left out.
    init(present pairs: [(String, String?)]) {
        self.init(uniqueKeysWithValues: pairs.compactMap { k, v in v.map { (k, $0) } })
    }
}
