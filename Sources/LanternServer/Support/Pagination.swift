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

    /// Reads and checks `page` and `per_page`; anything else is a 422 naming the parameter.
    init(from request: Request) throws {
        var errors: [String: String] = [:]
        func integer(_ name: String, default value: Int, range: ClosedRange<Int>) -> Int {
            guard let raw = request.query[String.self, at: name] else { return value }
            guard let number = Int(raw), range.contains(number) else {
                errors[name] = "must be a whole number from \(range.lowerBound) to \(range.upperBound)"
                return value
            }
            return number
        }
        page = integer("page", default: 1, range: 1...100_000)
        perPage = integer("per_page", default: Self.defaultPerPage, range: 1...Self.maximumPerPage)
        if !errors.isEmpty { throw APIError.validation(errors) }
    }
}

/// A page of a list: the items, and whether another page follows.
struct Page<Item: Sendable>: Sendable {
    let items: [Item]
    let hasMore: Bool

    /// From a query that fetched `perPage + 1` rows.
    init(fetched: [Item], request: PageRequest) {
        hasMore = fetched.count > request.perPage
        items = Array(fetched.prefix(request.perPage))
    }

    func map<T: Sendable>(_ transform: (Item) throws -> T) rethrows -> Page<T> {
        Page<T>(items: try items.map(transform), hasMore: hasMore)
    }

    private init(items: [Item], hasMore: Bool) {
        self.items = items
        self.hasMore = hasMore
    }
}

extension Page where Item: Encodable {
    /// A JSON array response with a `Link: <…?page=N+1&per_page=M>; rel="next"` header when more follow.
    func response(for request: Request, pageRequest: PageRequest) throws -> Response {
        let response = Response(status: .ok)
        try response.content.encode(items, using: JSONEncoder.lantern)
        if hasMore {
            var components = URLComponents()
            components.path = request.url.path
            var query = (URLComponents(string: request.url.string)?.queryItems ?? [])
                .filter { $0.name != "page" && $0.name != "per_page" }
            query.append(URLQueryItem(name: "page", value: String(pageRequest.page + 1)))
            query.append(URLQueryItem(name: "per_page", value: String(pageRequest.perPage)))
            components.queryItems = query
            let host = request.headers.first(name: .host) ?? "localhost"
            let scheme = request.headers.first(name: "X-Forwarded-Proto") ?? "http"
            response.headers.replaceOrAdd(name: .link, value: "<\(scheme)://\(host)\(components.string ?? "")>; rel=\"next\"")
        }
        return response
    }
}

extension JSONEncoder {
    /// Lantern's API encoding: ISO 8601 dates, keys as the DTOs spell them.
    static var lantern: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}
