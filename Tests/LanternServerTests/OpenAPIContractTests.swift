import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// The OpenAPI document (`GET /openapi.json`) against the routes the app really registers: every documented
/// operation exists, and every JSON API route under `/api/v2/` and `/widget/v1/` is documented.
/// (Schemathesis checks the responses themselves against the document: `scripts/contract-test.sh`.)
@Suite("OpenAPI contract")
struct OpenAPIContractTests {
    @Test("GET /openapi.json serves the OpenAPI 3.1 document as JSON")
    func servesTheDocument() async throws {
        try await withLantern { app in
            let response = try await app.testing().sendRequest(.GET, "openapi.json")
            #expect(response.status == .ok)
            #expect(response.headers.contentType == .json)
            let document = try APIDocument(data: Data(buffer: response.body))
            #expect(document.version == "3.1.0")
            #expect(document.operations.contains(APIOperation(method: "GET", path: "/api/v2/solutions/categories/{id}")))
            #expect(document.operations.contains(APIOperation(method: "POST", path: "/widget/v1/widgets/{widget_id}/tickets")))
            let schemes = try #require(document.securitySchemes)
            #expect(schemes["apiKeyBasic"]?["scheme"] as? String == "basic")
            #expect(schemes["apiKeyBearer"]?["scheme"] as? String == "bearer")
            #expect(schemes["widgetSession"]?["scheme"] as? String == "bearer")
        }
    }

    @Test("every documented operation is a real route, and every JSON API route is documented")
    func documentMatchesRoutes() async throws {
        try await withLantern { app in
            let document = try APIDocument(data: OpenAPIDocument.data)
            let drift = RouteDrift(routes: app.routes.all, document: document)
            #expect(drift.undocumented.isEmpty, "JSON API routes missing from openapi.json: \(drift.undocumented.sorted())")
            #expect(drift.missing.isEmpty, "openapi.json documents operations the app does not have: \(drift.missing.sorted())")
            // The check is not vacuous: it saw the whole API.
            #expect(drift.apiRoutes.count >= 50)
        }
    }

    @Test("a new JSON route under /api/v2 or /widget/v1 without a document entry is caught")
    func newRouteIsCaught() async throws {
        try await withLantern { app in
            app.grouped("api", "v2").get("reports", ":id") { _ in "{}" }
            app.grouped("widget", "v1").post("widgets", ":widget_id", "chat") { _ in HTTPStatus.noContent }
            if !app.routes.all.contains(where: { RouteDrift.template($0.path) == "/widget/v1/loader.js" }) {
                app.get("widget", "v1", "loader.js") { _ in "" }  // an excluded asset route (the widget branch has it)
            }
            app.get("agent", "tickets") { _ in "<html></html>" }  // outside the API prefixes
            let drift = RouteDrift(routes: app.routes.all, document: try APIDocument(data: OpenAPIDocument.data))
            #expect(drift.undocumented == [
                APIOperation(method: "GET", path: "/api/v2/reports/{id}"),
                APIOperation(method: "POST", path: "/widget/v1/widgets/{widget_id}/chat"),
            ])
            #expect(drift.missing.isEmpty)
        }
    }

    @Test("a documented operation the app does not have is caught")
    func removedRouteIsCaught() async throws {
        try await withLantern { app in
            var document = try APIDocument(data: OpenAPIDocument.data)
            document.operations.insert(APIOperation(method: "DELETE", path: "/api/v2/widgets/{id}"))
            let drift = RouteDrift(routes: app.routes.all, document: document)
            #expect(drift.missing == [APIOperation(method: "DELETE", path: "/api/v2/widgets/{id}")])
        }
    }

    @Test("every path parameter is declared, every $ref resolves, every operation answers JSON errors")
    func documentIsSelfConsistent() throws {
        let root = try #require(try JSONSerialization.jsonObject(with: OpenAPIDocument.data) as? [String: Any])
        var unresolved: [String] = []
        func visit(_ value: Any) {
            if let object = value as? [String: Any] {
                if let target = object["$ref"] as? String, resolve(target, in: root) == nil { unresolved.append(target) }
                object.values.forEach(visit)
            } else if let array = value as? [Any] {
                array.forEach(visit)
            }
        }
        visit(root)
        #expect(unresolved.isEmpty, "unresolved $ref: \(unresolved)")

        let paths = try #require(root["paths"] as? [String: [String: Any]])
        for (path, item) in paths {
            let templated = Set(path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
            for (method, value) in item {
                let operation = try #require(value as? [String: Any])
                let declared = Set(((operation["parameters"] as? [Any]) ?? []).compactMap { entry -> String? in
                    guard let parameter = resolveParameter(entry, in: root), parameter["in"] as? String == "path" else { return nil }
                    #expect(parameter["required"] as? Bool == true, "\(method) \(path): path parameters are required")
                    return parameter["name"] as? String
                })
                #expect(declared == templated, "\(method.uppercased()) \(path) declares path parameters \(declared.sorted())")
                let responses = try #require(operation["responses"] as? [String: Any], "\(method) \(path) has no responses")
                #expect(responses.keys.contains { $0.hasPrefix("2") }, "\(method) \(path) documents no success")
                for (status, response) in responses where status.hasPrefix("4") {
                    let resolved = try #require(resolveResponse(response, in: root))
                    let schema = ((resolved["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any]
                    #expect(schema?["$ref"] as? String == "#/components/schemas/Error", "\(method) \(path) \(status) is not the JSON error")
                }
            }
        }
    }
}

// MARK: - The comparison

/// One operation: an upper-case method and an OpenAPI path template (`/api/v2/companies/{id}`).
struct APIOperation: Hashable, Comparable, CustomStringConvertible {
    let method: String
    let path: String

    var description: String { "\(method) \(path)" }

    static func < (lhs: APIOperation, rhs: APIOperation) -> Bool { (lhs.path, lhs.method) < (rhs.path, rhs.method) }
}

/// The parts of the OpenAPI document the route comparison needs.
struct APIDocument {
    let version: String?
    var operations: Set<APIOperation>
    let securitySchemes: [String: [String: Any]]?

    static let methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]

    init(data: Data) throws {
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        version = root["openapi"] as? String
        let paths = try #require(root["paths"] as? [String: [String: Any]])
        operations = Set(paths.flatMap { path, item in
            item.keys.filter(Self.methods.contains).map { APIOperation(method: $0.uppercased(), path: path) }
        })
        securitySchemes = (root["components"] as? [String: Any])?["securitySchemes"] as? [String: [String: Any]]
    }
}

/// How the document and the app's routes differ.
struct RouteDrift {
    /// Path prefixes whose every JSON route must be documented.
    static let apiPrefixes = ["/api/v2/", "/widget/v1/"]

    /// Routes under those prefixes that are not JSON API operations: the widget's static assets and its HTML
    /// frame page (the widget branch's `WidgetAssetsController`). Keep this list short and explicit: anything
    /// not listed here must be in openapi.json.
    static let nonJSONRoutes: Set<APIOperation> = [
        APIOperation(method: "GET", path: "/widget/v1/loader.js"),
        APIOperation(method: "GET", path: "/widget/v1/assets/{name}"),
        APIOperation(method: "GET", path: "/widget/v1/widgets/{widget_id}/frame"),
    ]

    /// JSON API routes the app has (under the prefixes, less the non-JSON ones).
    let apiRoutes: Set<APIOperation>
    /// JSON API routes the document does not describe.
    let undocumented: Set<APIOperation>
    /// Documented operations the app does not have (any path, prefixes or not: `/healthz` too).
    let missing: Set<APIOperation>

    init(routes: [Route], document: APIDocument) {
        let all = Set(routes.map { route in
            APIOperation(method: route.method.rawValue, path: Self.template(route.path))
        })
        apiRoutes = all.filter { route in
            Self.apiPrefixes.contains(where: route.path.hasPrefix) && !Self.nonJSONRoutes.contains(route)
        }
        undocumented = apiRoutes.subtracting(document.operations)
        missing = document.operations.subtracting(all)
    }

    /// `/api/v2/companies/{id}` for Vapor's `api/v2/companies/:id`.
    static func template(_ path: [PathComponent]) -> String {
        "/" + path.map { component in
            switch component {
            case .constant(let value): value
            case .parameter(let name): "{\(name)}"
            case .anything: "{*}"
            case .catchall: "{**}"
            }
        }.joined(separator: "/")
    }
}

// MARK: - JSON pointers

private func resolve(_ reference: String, in root: [String: Any]) -> Any? {
    guard reference.hasPrefix("#/") else { return nil }
    var node: Any? = root
    for key in reference.dropFirst(2).split(separator: "/") {
        let key = key.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        node = (node as? [String: Any])?[key]
    }
    return node
}

private func resolveParameter(_ entry: Any, in root: [String: Any]) -> [String: Any]? {
    guard let object = entry as? [String: Any] else { return nil }
    if let reference = object["$ref"] as? String { return resolve(reference, in: root) as? [String: Any] }
    return object
}

private func resolveResponse(_ entry: Any, in root: [String: Any]) -> [String: Any]? {
    resolveParameter(entry, in: root)
}
