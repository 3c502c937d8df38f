import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// Regressions found by Schemathesis (`scripts/contract-test.sh --postgres`): a NUL byte in a string made
/// PostgreSQL refuse the statement ("invalid byte sequence for encoding UTF8: 0x00") and Lantern answer 500.
/// Control characters are now refused up front with 422 `validation_failed`, on both databases.
@Suite("Control characters in API input")
struct ControlCharacterTests {
    /// Expects `422 validation_failed` naming `field`.
    func expectRefused(_ response: TestingHTTPResponse, field: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == .unprocessableEntity, "\(response.status): \(response.body.string)", sourceLocation: sourceLocation)
        #expect(response.error?.code == "validation_failed", sourceLocation: sourceLocation)
        #expect(response.error?.fields?[field] != nil, "fields: \(String(describing: response.error?.fields))", sourceLocation: sourceLocation)
    }

    @Test("names, titles and descriptions with NUL or other control characters are 422, and nothing is stored")
    func textFields() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)

            expectRefused(try await api.send(.POST, "solutions/categories", ["name": "\u{0}"]), field: "name")
            expectRefused(try await api.send(.POST, "solutions/categories", ["name": "Bil\u{0}ling"]), field: "name")
            expectRefused(try await api.send(.POST, "solutions/categories", ["name": "Billing", "description": "x\u{0}"]), field: "description")
            expectRefused(try await api.send(.POST, "solutions/categories", ["name": "Bell\u{7}"]), field: "name")
            #expect(try api.array(try await api.send(.GET, "solutions/categories")).isEmpty)

            let category = try await api.send(.POST, "solutions/categories", ["name": "Billing", "description": "Line one\n\tline two"])
            #expect(category.status == .created, "tabs and line breaks stay allowed in descriptions")
            let categoryID = try #require(try api.object(category)["id"] as? Int)
            expectRefused(try await api.send(.PUT, "solutions/categories/\(categoryID)", ["description": "\u{0}"]), field: "description")
            expectRefused(try await api.send(.PUT, "solutions/categories/\(categoryID)", ["name": "Line\nbreak"]), field: "name")
            #expect(try api.object(try await api.send(.GET, "solutions/categories/\(categoryID)"))["name"] as? String == "Billing")

            expectRefused(try await api.send(.POST, "solutions/categories/\(categoryID)/folders", ["name": "a\u{0}b"]), field: "name")
            let folder = try await api.send(.POST, "solutions/categories/\(categoryID)/folders", ["name": "Invoices"])
            let folderID = try #require(try api.object(folder)["id"] as? Int)

            expectRefused(try await api.send(.POST, "solutions/folders/\(folderID)/articles", ["title": " \u{0} ", "description": "<p>Hi</p>"]), field: "title")
            expectRefused(try await api.send(.POST, "solutions/folders/\(folderID)/articles", ["title": "Hi", "description": "<p>a\u{0}b</p>"]), field: "description")
            expectRefused(try await api.send(.POST, "solutions/folders/\(folderID)/articles",
                                             ["title": "Hi", "description": "<p>Hi</p>", "tags": ["ok", "x\u{0}"]]), field: "tags")
            #expect(try api.array(try await api.send(.GET, "solutions/folders/\(folderID)/articles")).isEmpty)
            let article = try await api.send(.POST, "solutions/folders/\(folderID)/articles", ["title": "Hi", "description": "<p>Hi</p>"])
            let articleID = try #require(try api.object(article)["id"] as? Int)
            expectRefused(try await api.send(.PUT, "solutions/articles/\(articleID)", ["title": "\u{0}"]), field: "title")
            expectRefused(try await api.send(.POST, "solutions/articles/\(articleID)/fr", ["title": "Salut\u{0}", "description": "<p>Salut</p>"]), field: "title")

            expectRefused(try await api.send(.POST, "companies", ["name": "Acme\u{0}"]), field: "name")
            expectRefused(try await api.send(.POST, "contacts", ["name": "Alice\u{0}", "email": "alice@acme.example"]), field: "name")
            expectRefused(try await api.send(.POST, "widgets", ["name": "\u{0}"]), field: "name")
            #expect(try api.array(try await api.send(.GET, "contacts")).isEmpty)
        }
    }

    @Test("email filters with NUL are 422 (tickets, contacts); the webhook URL with NUL is 422")
    func filtersAndURLs() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            expectRefused(try await api.send(.GET, "tickets?email=%20%00%20"), field: "email")
            expectRefused(try await api.send(.GET, "contacts?email=a%00b%40acme.example"), field: "email")
            #expect(try await api.send(.GET, "tickets?email=bob%40example.com").status == .ok)
            #expect(try await api.send(.GET, "contacts?email=bob%40example.com").status == .ok)

            expectRefused(try await api.send(.PUT, "settings/ticket_webhook", ["url": "https://hooks.example.com/\u{0}"]), field: "url")
            let webhook = try api.object(try await api.send(.GET, "settings/ticket_webhook"))
            #expect(webhook["url"] is NSNull, "nothing was stored")
        }
    }
}
