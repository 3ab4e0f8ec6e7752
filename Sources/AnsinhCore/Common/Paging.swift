/// Which page of a list to show. Pages are 1-based; page size is capped so that no request can
/// ask for the whole registry at once.
public struct PageSpec: Sendable, Equatable {
    public let page: Int
    public let perPage: Int
    public static let maxPerPage = 200
    public init(page: Int?, perPage: Int? = nil) {
        // Clamped as well as checked at the edge (`Bounds.page`), so no caller can make the
        // offset overflow.
        self.page = min(Bounds.page.upperBound, max(1, page ?? 1))
        self.perPage = min(PageSpec.maxPerPage, max(1, perPage ?? 50))
    }
    public var offset: Int { (page - 1) * perPage }
}

/// One page of results and the total count.
public struct ResultPage<Item: Sendable>: Sendable {
    public let items: [Item]
    public let page: Int
    public let perPage: Int
    public let total: Int
    public init(items: [Item], request: PageSpec, total: Int) {
        self.items = items; self.page = request.page; self.perPage = request.perPage; self.total = total
    }
    public var pageCount: Int { max(1, (total + perPage - 1) / perPage) }
    public func map<T>(_ f: (Item) throws -> T) rethrows -> ResultPage<T> {
        ResultPage<T>(items: try items.map(f), request: PageSpec(page: page, perPage: perPage), total: total)
    }
}
