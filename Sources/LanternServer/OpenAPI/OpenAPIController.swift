import Vapor

/// `GET /openapi.json`: the OpenAPI 3.1 document of the admin API (`/api/v2`) and the widget API (`/widget/v1`).
struct OpenAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("openapi.json", use: document)
    }

    @Sendable
    func document(request: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300")
        headers.replaceOrAdd(name: .accessControlAllowOrigin, value: "*")
        return Response(status: .ok, headers: headers, body: .init(data: OpenAPIDocument.data))
    }
}
