import Vapor

/// `page` / `per_page` query parameters of an API list, Freshdesk style: pages from 1, at most 100 per page.
struct PageRequest: Sendable {
    static let defaultPerPage = 30
    static let maximumPerPage = 100

    let page: Int
    let perPage: Int

    var offset: Int { (page - 1) * perPage }

    init(page: Int = 1, perPage: Int = PageRequest.defaultPerPage) {
        self.page = page
        self.perPage = perPage
    }

    /// The admin API's `page` and `per_page`; anything out of range is a 422 naming the parameter.
    init(from request: Request) throws {
        var errors = FieldErrors()
        self = PageRequest(request, maximumPage: 100_000, maximumPerPage: Self.maximumPerPage,
                           defaultPerPage: Self.defaultPerPage, &errors)
        try errors.throwIfAny()
    }

    /// Lantern's one reading of `page` and `per_page`: absent or empty means the default; a value that is not a
    /// whole number in range is recorded in `errors` (and the default used).
    init(_ request: Request, maximumPage: Int, maximumPerPage: Int, defaultPerPage: Int, _ errors: inout FieldErrors) {
        page = Self.number(request, "page", 1...maximumPage, &errors) ?? 1
        perPage = Self.number(request, "per_page", 1...maximumPerPage, &errors) ?? defaultPerPage
    }

    /// A portal page's `page`, forgiving as links are: anything unreadable is the first page, and far pages the
    /// last one served.
    static func portal(_ request: Request, perPage: Int) -> PageRequest {
        PageRequest(page: max(1, min(request.queryInt("page") ?? 1, 10_000)), perPage: perPage)
    }

    /// A whole-number query parameter in `range`; `nil` when absent or empty, and when invalid (then in `errors`).
    static func number(_ request: Request, _ name: String, _ range: ClosedRange<Int>, _ errors: inout FieldErrors) -> Int? {
        guard let raw = request.queryText(name), !raw.isEmpty else { return nil }
        guard let value = Int(raw), range.contains(value) else {
            errors.add(name, "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }
}
