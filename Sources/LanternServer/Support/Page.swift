import Vapor

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
            let next = (request.publicOrigin ?? "") + (components.string ?? "")
            response.headers.replaceOrAdd(name: .link, value: "<\(next)>; rel=\"next\"")
        }
        return response
    }
}
