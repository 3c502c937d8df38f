import Fluent
import Foundation
import LanternCore
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

@Suite("Companies, contacts and widgets API")
struct CompanyContactWidgetAPITests {
    // MARK: - Helpers

    /// An account with an admin key (from setup), a non-admin agent's key and a bot key.
    struct Tenant {
        let account: AccountProvisioner.Result
        let adminKey: String
        let agentKey: String
        let botKey: String
        var id: Int { account.accountID }
    }

    func makeTenant(_ app: Application, name: String = "Test Co") async throws -> Tenant {
        let account = try await makeAccount(app, name: name)
        let agent = Agent(accountID: account.accountID, name: "Agent", email: "agent@test.example", passwordHash: "x", role: .agent)
        try await agent.create(on: app.db)
        let agentKey = SecretGenerator.apiKey(), botKey = SecretGenerator.apiKey()
        try await APIKey(accountID: account.accountID, agentID: agent.id, name: "agent", role: .agent,
                         keyDigest: APIKeyDigest.of(agentKey)).create(on: app.db)
        try await APIKey(accountID: account.accountID, agentID: nil, name: "bot", role: .bot,
                         keyDigest: APIKeyDigest.of(botKey)).create(on: app.db)
        return Tenant(account: account, adminKey: account.apiKey, agentKey: agentKey, botKey: botKey)
    }

    func basic(_ key: String) -> HTTPHeaders {
        ["Authorization": "Basic " + Data("\(key):X".utf8).base64EncodedString()]
    }

    /// Sends `json` (if any) to `/api/v2/<path>` with `key`.
    func send(_ app: Application, _ method: HTTPMethod, _ path: String, key: String,
              json: String? = nil) async throws -> TestingHTTPResponse {
        var headers = basic(key)
        if json != nil { headers.contentType = .json }
        return try await app.testing().sendRequest(method, "api/v2/" + path, headers: headers,
                                                   body: json.map { ByteBuffer(string: $0) })
    }

    func object(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any],
                     "not a JSON object: \(response.body.string)")
    }

    func array(_ response: TestingHTTPResponse) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]],
                     "not a JSON array: \(response.body.string)")
    }

    /// Creates something and returns its JSON, failing the test unless the answer is 201.
    func create(_ app: Application, _ path: String, key: String, json: String) async throws -> [String: Any] {
        let response = try await send(app, .POST, path, key: key, json: json)
        #expect(response.status == .created, "POST \(path) \(json): \(response.body.string)")
        return try object(response)
    }

    func id(_ object: [String: Any]) throws -> Int {
        try #require(object["id"] as? Int)
    }

    /// Expects a 422 `validation_failed` naming `field`.
    func expectInvalid(_ response: TestingHTTPResponse, _ field: String, containing text: String? = nil,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == .unprocessableEntity, "\(response.body.string)", sourceLocation: sourceLocation)
        #expect(response.error?.code == "validation_failed", sourceLocation: sourceLocation)
        #expect(response.error?.fields?[field] != nil, "fields: \(String(describing: response.error?.fields))",
                sourceLocation: sourceLocation)
        if let text {
            #expect(response.error?.fields?[field]?.contains(text) == true,
                    "\(String(describing: response.error?.fields?[field]))", sourceLocation: sourceLocation)
        }
    }

    func expectNotFound(_ response: TestingHTTPResponse, _ code: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == .notFound, "\(response.body.string)", sourceLocation: sourceLocation)
        #expect(response.error?.code == code, sourceLocation: sourceLocation)
    }

    func expectForbidden(_ response: TestingHTTPResponse, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == .forbidden, "\(response.body.string)", sourceLocation: sourceLocation)
        #expect(response.error?.code == "access_denied", sourceLocation: sourceLocation)
    }

    func isTimestamp(_ value: Any?) -> Bool {
        (value as? String).flatMap { ISO8601DateFormatter().date(from: $0) } != nil
    }

    /// `per_page=2` over a list of exactly three items: two items and a Link to page 2, then one item and no Link;
    /// `per_page=101` and `page=0` are refused.
    func checkPagination(_ app: Application, _ path: String, key: String, expectedIDs: [Int],
                         sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let separator = path.contains("?") ? "&" : "?"
        let first = try await send(app, .GET, path + separator + "per_page=2", key: key)
        #expect(first.status == .ok, sourceLocation: sourceLocation)
        let firstItems = try array(first)
        #expect(firstItems.count == 2, sourceLocation: sourceLocation)
        let link = try #require(first.headers.first(name: .link), sourceLocation: sourceLocation)
        #expect(link.contains("page=2"), "\(link)", sourceLocation: sourceLocation)
        #expect(link.contains("per_page=2"), "\(link)", sourceLocation: sourceLocation)
        #expect(link.hasSuffix("rel=\"next\""), "\(link)", sourceLocation: sourceLocation)

        let second = try await send(app, .GET, path + separator + "page=2&per_page=2", key: key)
        #expect(second.status == .ok, sourceLocation: sourceLocation)
        let secondItems = try array(second)
        #expect(secondItems.count == 1, sourceLocation: sourceLocation)
        #expect(second.headers.first(name: .link) == nil, sourceLocation: sourceLocation)
        #expect((firstItems + secondItems).compactMap { $0["id"] as? Int } == expectedIDs, sourceLocation: sourceLocation)

        let all = try await send(app, .GET, path, key: key)
        #expect(try array(all).count == 3, sourceLocation: sourceLocation)
        #expect(all.headers.first(name: .link) == nil, sourceLocation: sourceLocation)

        expectInvalid(try await send(app, .GET, path + separator + "per_page=101", key: key), "per_page",
                      sourceLocation: sourceLocation)
        expectInvalid(try await send(app, .GET, path + separator + "page=0", key: key), "page",
                      sourceLocation: sourceLocation)
    }

    // MARK: - Companies

    @Test("Companies: create (201, exact fields, normalised domains), show, update, delete")
    func companyLifecycle() async throws {
        try await withLantern { app in
            let tenant = try await makeTenant(app)
            let response = try await send(app, .POST, "companies", key: tenant.agentKey, json: """
                {"name": "  Acme Corp  ", "description": "ignored", "domains": ["Acme.Example", " acme.example", "ACME.co.uk"]}
                """)
            #expect(response.status == .created, "\(response.body.string)")
            let company = try object(response)
            #expect(Set(company.keys) == ["id", "name", "domains", "created_at", "updated_at"])
            let companyID = try id(company)
            #expect(company["name"] as? String == "Acme Corp")
            #expect(company["domains"] as? [String] == ["acme.example", "acme.co.uk"])
            #expect(isTimestamp(company["created_at"]))
            #expect(isTimestamp(company["updated_at"]))
            let stored = try #require(try await Company.find(companyID, on: app.db))
            #expect(stored.accountID == tenant.id)

            let shown = try await send(app, .GET, "companies/\(companyID)", key: tenant.agentKey)
            #expect(shown.status == .ok)
            #expect(try object(shown)["name"] as? String == "Acme Corp")

            let renamed = try await send(app, .PUT, "companies/\(companyID)", key: tenant.agentKey,
                                         json: #"{"name": "Acme Inc"}"#)
            #expect(renamed.status == .ok, "\(renamed.body.string)")
            #expect(try object(renamed)["name"] as? String == "Acme Inc")
            #expect(try object(renamed)["domains"] as? [String] == ["acme.example", "acme.co.uk"])

            let cleared = try await send(app, .PUT, "companies/\(companyID)", key: tenant.agentKey, json: #"{"domains": []}"#)
            #expect(cleared.status == .ok)
            #expect(try object(cleared)["domains"] as? [String] == [])
            #expect(try object(cleared)["name"] as? String == "Acme Inc")

            // Keeping its own name is not a clash.
            #expect(try await send(app, .PUT, "companies/\(companyID)", key: tenant.agentKey,
                                   json: #"{"name": "Acme Inc"}"#).status == .ok)

            let deleted = try await send(app, .DELETE, "companies/\(companyID)", key: tenant.agentKey)
            #expect(deleted.status == .noContent)
            expectNotFound(try await send(app, .GET, "companies/\(companyID)", key: tenant.agentKey), "company_not_found")
            expectNotFound(try await send(app, .DELETE, "companies/\(companyID)", key: tenant.agentKey), "company_not_found")
        }
    }

    @Test("Companies: validation errors are 422 naming the field")
    func companyValidation() async throws {
        try await withLantern { app in
            let tenant = try await makeTenant(app)
            let key = tenant.adminKey
            expectInvalid(try await send(app, .POST, "companies", key: key, json: #"{"domains": ["a.example"]}"#), "name",
                          containing: "required")
            expectInvalid(try await send(app, .POST, "companies", key: key, json: #"{"name": "   "}"#), "name")
            expectInvalid(try await send(app, .POST, "companies", key: key,
                                         json: #"{"name": "\#(String(repeating: "x", count: 256))"}"#), "name")
            expectInvalid(try await send(app, .POST, "companies", key: key, json: #"{"name": 5}"#), "name")
            for bad in ["not a domain", "alice@acme.example", "localhost", "-acme.example", "acme..example", "https://acme.example", ""] {
                expectInvalid(try await send(app, .POST, "companies", key: key,
                                             json: #"{"name": "Bad", "domains": ["ok.example", "\#(bad)"]}"#), "domains")
            }
            let tooMany = (1...51).map { "\"d\($0).example\"" }.joined(separator: ",")
            expectInvalid(try await send(app, .POST, "companies", key: key, json: #"{"name": "Many", "domains": [\#(tooMany)]}"#),
                          "domains")
            let fifty = (1...50).map { "\"d\($0).example\"" }.joined(separator: ",")
            #expect(try await send(app, .POST, "companies", key: key,
                                   json: #"{"name": "Fifty", "domains": [\#(fifty), "D1.example"]}"#).status == .created)

            let acme = try id(try await create(app, "companies", key: key, json: #"{"name": "Acme"}"#))
            let globex = try id(try await create(app, "companies", key: key, json: #"{"name": "Globex"}"#))
            expectInvalid(try await send(app, .POST, "companies", key: key, json: #"{"name": " Acme "}"#), "name",
                          containing: "is already taken")
            expectInvalid(try await send(app, .PUT, "companies/\(globex)", key: key, json: #"{"name": "Acme"}"#), "name",
                          containing: "is already taken")
            expectInvalid(try await send(app, .PUT, "companies/\(acme)", key: key, json: #"{"domains": ["x y"]}"#), "domains")
            expectInvalid(try await send(app, .PUT, "companies/\(acme)", key: key, json: #"{"name": ""}"#), "name")

            // Another account may use the same name.
            let other = try await makeTenant(app, name: "Other Co")
            #expect(try await send(app, .POST, "companies", key: other.adminKey, json: #"{"name": "Acme"}"#).status == .created)
        }
    }

    @Test("Companies: lists are paginated arrays of the caller's account only")
    func companyList() async throws {
        try await withLantern { app in
            let tenant = try await makeTenant(app)
            let other = try await makeTenant(app, name: "Other Co")
            _ = try await create(app, "companies", key: other.adminKey, json: #"{"name": "Elsewhere"}"#)
            var ids: [Int] = []
            for name in ["One", "Two", "Three"] {
                ids.append(try id(try await create(app, "companies", key: tenant.agentKey, json: #"{"name": "\#(name)"}"#)))
            }
            try await checkPagination(app, "companies", key: tenant.agentKey, expectedIDs: ids)
        }
    }

    @Test("Companies: another account's ids are 404; bot keys get 403")
    func companyIsolation() async throws {
        try await withLantern { app in
            let tenant = try await makeTenant(app)
            let other = try await makeTenant(app, name: "Other Co")
            let theirs = try id(try await create(app, "companies", key: other.adminKey, json: #"{"name": "Theirs"}"#))
            expectNotFound(try await send(app, .GET, "companies/\(theirs)", key: tenant.adminKey), "company_not_found")
            expectNotFound(try await send(app, .PUT, "companies/\(theirs)", key: tenant.adminKey, json: #"{"name": "Mine"}"#),
                           "company_not_found")
            expectNotFound(try await send(app, .DELETE, "companies/\(theirs)", key: tenant.adminKey), "company_not_found")
            expectNotFound(try await send(app, .GET, "companies/abc", key: tenant.adminKey), "company_not_found")
            #expect(try await Company.find(theirs, on: app.db)?.name == "Theirs")

            expectForbidden(try await send(app, .GET, "companies", key: tenant.botKey))
            expectForbidden(try await send(app, .GET, "companies/\(theirs)", key: tenant.botKey))
            expectForbidden(try await send(app, .POST, "companies", key: tenant.botKey, json: #"{"name": "Bot"}"#))
            expectForbidden(try await send(app, .DELETE, "companies/\(theirs)", key: tenant.botKey))
            #expect(try await send(app, .GET, "companies", key: "lantern_wrong").status == .unauthorized)
        }
    }

    @Test("Companies: deleting one removes its memberships and folder links")
    func companyDeleteCascades() async throws {
        try await withLantern { app in
            let tenant = try await makeTenant(app)
            let key = tenant.adminKey
            let acme = try id(try await create(app, "companies", key: key, json: #"{"name": "Acme"}"#))
            let globex = try id(try await create(app, "companies", key: key, json: #"{"name": "Globex"}"#))
            let contact = try id(try await create(app, "contacts", key: key,
                                                  json: #"{"name": "Alice", "email": "alice@acme.example", "company_ids": [\#(acme), \#(globex)]}"#))
            let category = try id(try await create(app, "solutions/categories", key: key, json: #"{"name": "Guides"}"#))
            let folder = try id(try await create(app, "solutions/categories/\(category)/folders", key: key,
                                                 json: #"{"name": "Private", "visibility": 4, "company_ids": [\#(acme), \#(globex)]}"#))

            #expect(try await send(app, .DELETE, "companies/\(acme)", key: key).status == .noContent)

            let shown = try await send(app, .GET, "contacts/\(contact)", key: key)
            #expect(try object(shown)["company_ids"] as? [Int] == [globex])
            #expect(try await CompanyMembership.query(on: app.db).filter(\.$companyID == acme).count() == 0)
            #expect(try await FolderCompany.query(on: app.db).filter(\.$folderID == folder).all().map(\.companyID) == [globex])
        }
    }

    // MARK: - Contacts

    @Test("Contacts: create (201, exact fields, language always present), show, update, delete")
    func contactLifecycle() async throws {
        try await withLantern { app in
            let tenant = try await makeTenant(app)
            let key = tenant.agentKey
            let acme = try id(try await create(app, "companies", key: key, json: #"{"name": "Acme"}"#))
            let response = try await send(app, .POST, "contacts", key: key, json: """
                {"name": " Alice Martin ", "email": " Alice@Acme.EXAMPLE ", "company_ids": [\(acme), \(acme)]}
                """)
            #expect(response.status == .created, "\(response.body.string)")
            let contact = try object(response)
            #expect(Set(contact.keys) == ["id", "name", "email", "language", "company_ids", "created_at", "updated_at"])
            let contactID = try id(contact)
            #expect(contact["name"] as? String == "Alice Martin")
            #expect(contact["email"] as? String == "alice@acme.example")
            #expect(contact["language"] is NSNull)
            #expect(contact["company_ids"] as? [Int] == [acme])
            #expect(isTimestamp(contact["created_at"]))
            let memberships = try await CompanyMembership.query(on: app.db).filter(\.$contactID == contactID).all()
            #expect(memberships.map(\.companyID) == [acme])
            #expect(memberships.map(\.accountID) == [tenant.id])
            #expect(try await Contact.find(contactID, on: app.db)?.email == "alice@acme.example")

            let withLanguage = try object(try await send(app, .POST, "contacts", key: key,
                                                         json: #"{"name": "Bruno", "email": "bruno@acme.example", "language": "PT-br"}"#))
            #expect(withLanguage["language"] as? String == "pt-BR")
            #expect(withLanguage["company_ids"] as? [Int] == [])

            let shown = try await send(app, .GET, "contacts/\(contactID)", key: key)
            #expect(shown.status == .ok)
            let shownObject = try object(shown)
            #expect(Set(shownObject.keys) == ["id", "name", "email", "language", "company_ids", "created_at", "updated_at"])
            #expect(shownObject["language"] is NSNull)
            #expect(shownObject["company_ids"] as? [Int] == [acme])

            let updated = try await send(app, .PUT, "contacts/\(contactID)", key: key,
                                         json: #"{"name": "Alice M.", "email": "ALICE.M@acme.example", "language": "fr"}"#)
            #expect(updated.status == .ok, "\(updated.body.string)")
            let updatedObject = try object(updated)
            #expect(updatedObject["name"] as? String == "Alice M.")
            #expect(updatedObject["email"] as? String == "alice.m@acme.example")
            #expect(updatedObject["language"] as? String == "fr")
            #expect(updatedObject["company_ids"] as? [Int] == [acme])
            #expect(try await Contact.find(contactID, on: app.db)?.language == "fr")

            #expect(try await send(app, .DELETE, "contacts/\(contactID)", key: key).status == .noContent)
            expectNotFound(try await send(app, .GET, "contacts/\(contactID)", key: key), "contact_not_found")
            #expect(try await CompanyMembership.query(on: app.db).filter(\.$contactID == contactID).count() == 0)
            #expect(try await Company.find(acme, on: app.db) != nil)
        }
    }

    @Test("Contacts: PUT language null clears it, absent leaves it; company_ids replaces the memberships")
    func contactLanguageAndCompanies() async throws {
        try await withLantern { app in
            let tenant = try await makeTenant(app)
            let key = tenant.agentKey
            let one = try id(try await create(app, "companies", key: key, json: #"{"name": "One"}"#))
            let two = try id(try await create(app, "companies", key: key, json: #"{"name": "Two"}"#))
            let three = try id(try await create(app, "companies", key: key, json: #"{"name": "Three"}"#))
            let contactID = try id(try await create(app, "contacts", key: key, json: """
                {"name": "Alice", "email": "alice@acme.example", "language": "de", "company_ids": [\(one)]}
                """))

            let untouched = try object(try await send(app, .PUT, "contacts/\(contactID)", key: key, json: #"{"name": "Alicia"}"#))
            #expect(untouched["language"] as? String == "de")
            #expect(untouched["company_ids"] as? [Int] == [one])

            let cleared = try await send(app, .PUT, "contacts/\(contactID)", key: key, json: #"{"language": null}"#)
            #expect(cleared.status == .ok)
            #expect(try object(cleared)["language"] is NSNull)
            #expect(try await Contact.find(contactID, on: app.db)?.language == nil)
            #expect(try await Contact.find(contactID, on: app.db)?.name == "Alicia")

            let set = try object(try await send(app, .PUT, "contacts/\(contactID)", key: key, json: #"{"language": "es"}"#))
            #expect(set["language"] as? String == "es")

            let replaced = try object(try await send(app, .PUT, "contacts/\(contactID)", key: key,
                                                     json: #"{"company_ids": [\#(three), \#(two), \#(three)]}"#))
            #expect(replaced["company_ids"] as? [Int] == [two, three].sorted())
            #expect(replaced["language"] as? String == "es")
            let rows = try await CompanyMembership.query(on: app.db).filter(\.$contactID == contactID).all()
            #expect(Set(rows.map(\.companyID)) == [two, three])
            #expect(rows.allSatisfy { $0.accountID == tenant.id })

            let none = try object(try await send(app, .PUT, "contacts/\(contactID)", key: key, json: #"{"company_ids": []}"#))
            #expect(none["company_ids"] as? [Int] == [])
            #expect(try await CompanyMembership.query(on: app.db).filter(\.$contactID == contactID).count() == 0)
        }
    }

    @Test("Contacts: validation errors are 422 naming the field")
    func contactValidation() async throws {
        try await withLantern { app in
            let tenant = try await makeTenant(app)
            let other = try await makeTenant(app, name: "Other Co")
            let key = tenant.agentKey
            let theirs = try id(try await create(app, "companies", key: other.adminKey, json: #"{"name": "Theirs"}"#))
            let mine = try id(try await create(app, "companies", key: key, json: #"{"name": "Mine"}"#))

            expectInvalid(try await send(app, .POST, "contacts", key: key, json: #"{"email": "a@acme.example"}"#), "name",
                          containing: "required")
            expectInvalid(try await send(app, .POST, "contacts", key: key,
                                         json: #"{"name": "\#(String(repeating: "x", count: 256))", "email": "a@acme.example"}"#),
                          "name")
            expectInvalid(try await send(app, .POST, "contacts", key: key, json: #"{"name": "A"}"#), "email", containing: "required")
            for bad in ["not-an-email", "a@b", "", "a b@acme.example"] {
                expectInvalid(try await send(app, .POST, "contacts", key: key, json: #"{"name": "A", "email": "\#(bad)"}"#), "email")
            }
            for bad in ["xx", "fr-CA", "klingon", ""] {
                expectInvalid(try await send(app, .POST, "contacts", key: key,
                                             json: #"{"name": "A", "email": "a@acme.example", "language": "\#(bad)"}"#), "language")
            }
            expectInvalid(try await send(app, .POST, "contacts", key: key,
                                         json: #"{"name": "A", "email": "a@acme.example", "language": 3}"#), "language")
            expectInvalid(try await send(app, .POST, "contacts", key: key,
                                         json: #"{"name": "A", "email": "a@acme.example", "company_ids": [\#(mine), \#(theirs)]}"#),
                          "company_ids")
            expectInvalid(try await send(app, .POST, "contacts", key: key,
                                         json: #"{"name": "A", "email": "a@acme.example", "company_ids": [999999999]}"#),
                          "company_ids")

            let alice = try id(try await create(app, "contacts", key: key, json: #"{"name": "Alice", "email": "alice@acme.example"}"#))
            let bob = try id(try await create(app, "contacts", key: key, json: #"{"name": "Bob", "email": "bob@acme.example"}"#))
            expectInvalid(try await send(app, .POST, "contacts", key: key, json: #"{"name": "Again", "email": "ALICE@Acme.example"}"#),
                          "email", containing: "is already taken")
            expectInvalid(try await send(app, .PUT, "contacts/\(bob)", key: key, json: #"{"email": "Alice@acme.example"}"#),
                          "email", containing: "is already taken")
            #expect(try await send(app, .PUT, "contacts/\(alice)", key: key, json: #"{"email": "ALICE@acme.example"}"#).status == .ok)
            expectInvalid(try await send(app, .PUT, "contacts/\(bob)", key: key, json: #"{"email": "bob"}"#), "email")
            expectInvalid(try await send(app, .PUT, "contacts/\(bob)", key: key, json: #"{"language": "xx"}"#), "language")
            expectInvalid(try await send(app, .PUT, "contacts/\(bob)", key: key, json: #"{"company_ids": [\#(theirs)]}"#),
                          "company_ids")
            expectInvalid(try await send(app, .PUT, "contacts/\(bob)", key: key, json: #"{"name": " "}"#), "name")
            #expect(try await Contact.find(bob, on: app.db)?.email == "bob@acme.example")

            // The same address is fine in another account.
            #expect(try await send(app, .POST, "contacts", key: other.adminKey,
                                   json: #"{"name": "Alice", "email": "alice@acme.example"}"#).status == .created)
        }
    }

    @Test("Contacts: paginated list, ?email= filter (case-insensitive), other accounts' ids are 404, bots get 403")
    func contactListAndIsolation() async throws {
        try await withLantern { app in
            let tenant = try await makeTenant(app)
            let other = try await makeTenant(app, name: "Other Co")
            let key = tenant.agentKey
            let theirs = try id(try await create(app, "contacts", key: other.adminKey,
                                                 json: #"{"name": "Alice", "email": "alice@acme.example"}"#))
            var ids: [Int] = []
            for name in ["alice", "bob", "carol"] {
                ids.append(try id(try await create(app, "contacts", key: key,
                                                   json: #"{"name": "\#(name)", "email": "\#(name)@acme.example"}"#)))
            }
            try await checkPagination(app, "contacts", key: key, expectedIDs: ids)

            let found = try array(try await send(app, .GET, "contacts?email=ALICE@Acme.Example", key: key))
            #expect(found.count == 1)
            #expect(found.first?["id"] as? Int == ids[0])
            #expect(Set(found.first?.keys.map { $0 } ?? []) == ["id", "name", "email", "language", "company_ids", "created_at", "updated_at"])
            #expect(try array(try await send(app, .GET, "contacts?email=nobody@acme.example", key: key)).isEmpty)

            expectNotFound(try await send(app, .GET, "contacts/\(theirs)", key: key), "contact_not_found")
            expectNotFound(try await send(app, .PUT, "contacts/\(theirs)", key: key, json: #"{"name": "Mine"}"#), "contact_not_found")
            expectNotFound(try await send(app, .DELETE, "contacts/\(theirs)", key: key), "contact_not_found")
            #expect(try await Contact.find(theirs, on: app.db)?.name == "Alice")

            expectForbidden(try await send(app, .GET, "contacts", key: tenant.botKey))
            expectForbidden(try await send(app, .GET, "contacts/\(ids[0])", key: tenant.botKey))
            expectForbidden(try await send(app, .POST, "contacts", key: tenant.botKey,
                                           json: #"{"name": "Bot", "email": "bot@acme.example"}"#))
            expectForbidden(try await send(app, .PUT, "contacts/\(ids[0])", key: tenant.botKey, json: #"{"name": "Bot"}"#))
        }
    }

    // MARK: - Widgets

    @Test("Widgets: create (201, exact fields, defaults), show, partial update")
    func widgetLifecycle() async throws {
        try await withLantern { app in
            let tenant = try await makeTenant(app)
            let key = tenant.adminKey
            let guides = try id(try await create(app, "solutions/categories", key: key, json: #"{"name": "Guides"}"#))
            let faq = try id(try await create(app, "solutions/categories", key: key, json: #"{"name": "FAQ"}"#))

            let minimal = try await send(app, .POST, "widgets", key: key, json: #"{"name": " Docs "}"#)
            #expect(minimal.status == .created, "\(minimal.body.string)")
            let widget = try object(minimal)
            #expect(Set(widget.keys) == ["id", "name", "category_ids", "default_language", "contact_form", "allowed_origins",
                                         "freshdesk_widget_id", "created_at", "updated_at", "article_feedback_tickets"])
            #expect(widget["freshdesk_widget_id"] is NSNull)
            #expect(widget["article_feedback_tickets"] as? Bool == false)
            #expect(widget["name"] as? String == "Docs")
            #expect(widget["category_ids"] as? [Int] == [])
            #expect(widget["default_language"] is NSNull)
            let form = try #require(widget["contact_form"] as? [String: Any])
            #expect(Set(form.keys) == ["enabled", "logged_in_only", "priority", "type"])
            #expect(form["enabled"] as? Bool == true)
            #expect(form["logged_in_only"] as? Bool == false)
            #expect(form["priority"] as? Bool == false && form["type"] as? Bool == false)
            #expect(widget["allowed_origins"] as? [String] == [])
            #expect(isTimestamp(widget["created_at"]))

            let full = try object(try await send(app, .POST, "widgets", key: key, json: """
                {"name": "Portal", "category_ids": [\(faq), \(guides), \(faq)], "default_language": "FR",
                 "contact_form": {"logged_in_only": true},
                 "allowed_origins": ["HTTPS://*.Example.com", "http://localhost:*", "https://help.example.com:8443", "https://*.example.com"]}
                """))
            let widgetID = try id(full)
            #expect(full["category_ids"] as? [Int] == [guides, faq].sorted())
            #expect(full["default_language"] as? String == "fr")
            #expect((full["contact_form"] as? [String: Any])?["enabled"] as? Bool == true)
            #expect((full["contact_form"] as? [String: Any])?["logged_in_only"] as? Bool == true)
            #expect(full["allowed_origins"] as? [String] == ["https://*.example.com", "http://localhost:*", "https://help.example.com:8443"])
            let links = try await WidgetCategory.query(on: app.db).filter(\.$widgetID == widgetID).all()
            #expect(Set(links.map(\.categoryID)) == [guides, faq])
            #expect(links.allSatisfy { $0.accountID == tenant.id })

            let shown = try object(try await send(app, .GET, "widgets/\(widgetID)", key: key))
            #expect(shown["name"] as? String == "Portal")
            #expect(shown["category_ids"] as? [Int] == [guides, faq].sorted())

            let formOnly = try object(try await send(app, .PUT, "widgets/\(widgetID)", key: key,
                                                      json: #"{"contact_form": {"enabled": false}}"#))
            #expect((formOnly["contact_form"] as? [String: Any])?["enabled"] as? Bool == false)
            #expect((formOnly["contact_form"] as? [String: Any])?["logged_in_only"] as? Bool == true)
            #expect(formOnly["default_language"] as? String == "fr")
            #expect(formOnly["category_ids"] as? [Int] == [guides, faq].sorted())
            #expect((formOnly["allowed_origins"] as? [String])?.count == 3)

            let changed = try await send(app, .PUT, "widgets/\(widgetID)", key: key, json: """
                {"name": "Portal 2", "default_language": null, "category_ids": [\(guides)], "allowed_origins": ["https://app.example.org"]}
                """)
            #expect(changed.status == .ok, "\(changed.body.string)")
            let changedObject = try object(changed)
            #expect(changedObject["name"] as? String == "Portal 2")
            #expect(changedObject["default_language"] is NSNull)
            #expect(changedObject["category_ids"] as? [Int] == [guides])
            #expect(changedObject["allowed_origins"] as? [String] == ["https://app.example.org"])
            #expect((changedObject["contact_form"] as? [String: Any])?["enabled"] as? Bool == false)
            let stored = try #require(try await Widget.find(widgetID, on: app.db))
            #expect(stored.defaultLanguage == nil)
            #expect(stored.allowedOrigins == ["https://app.example.org"])

            let emptied = try object(try await send(app, .PUT, "widgets/\(widgetID)", key: key,
                                                    json: #"{"category_ids": [], "allowed_origins": []}"#))
            #expect(emptied["category_ids"] as? [Int] == [])
            #expect(emptied["allowed_origins"] as? [String] == [])
            #expect(try await WidgetCategory.query(on: app.db).filter(\.$widgetID == widgetID).count() == 0)

            // Widgets cannot be deleted through the API.
            let delete = try await send(app, .DELETE, "widgets/\(widgetID)", key: key)
            #expect(delete.status == .notFound || delete.status == .methodNotAllowed)
            #expect(try await Widget.find(widgetID, on: app.db) != nil)
        }
    }

    @Test("Widgets: allowed_origins accepts origin patterns and rejects anything else, naming the entry")
    func widgetOrigins() async throws {
        try await withLantern { app in
            let tenant = try await makeTenant(app)
            let key = tenant.adminKey
            let widgetID = tenant.account.widgetID
            for good in ["https://*.example.com", "http://localhost:*", "https://help.example.com:8443", "http://127.0.0.1:3000",
                         "HTTPS://Shop.Example.COM"] {
                let response = try await send(app, .PUT, "widgets/\(widgetID)", key: key, json: #"{"allowed_origins": ["\#(good)"]}"#)
                #expect(response.status == .ok, "\(good): \(response.body.string)")
                #expect(try object(response)["allowed_origins"] as? [String] == [good.lowercased()])
            }
            for bad in ["example.com", "https://example.com/", "https://example.com/help", "ftp://example.com", "https://*",
                        "https://*.com", "https://example.com:99999", "https://example.com?x=1", "https://ex ample.com",
                        "https://example.com#x", "https://a.*.example.com", "*", ""] {
                let response = try await send(app, .PUT, "widgets/\(widgetID)", key: key,
                                              json: #"{"allowed_origins": ["https://ok.example.com", "\#(bad)"]}"#)
                expectInvalid(response, "allowed_origins", containing: "\"\(bad)\"")
            }
            let tooMany = (1...51).map { "\"https://s\($0).example.com\"" }.joined(separator: ",")
            expectInvalid(try await send(app, .PUT, "widgets/\(widgetID)", key: key, json: #"{"allowed_origins": [\#(tooMany)]}"#),
                          "allowed_origins")
            let fifty = (1...50).map { "\"https://s\($0).example.com\"" }.joined(separator: ",")
            #expect(try await send(app, .POST, "widgets", key: key,
                                   json: #"{"name": "Fifty", "allowed_origins": [\#(fifty)]}"#).status == .created)
            #expect(try await Widget.find(widgetID, on: app.db)?.allowedOrigins == ["https://shop.example.com"])
        }
    }

    @Test("Widgets: validation errors are 422 naming the field; another account's categories are refused")
    func widgetValidation() async throws {
        try await withLantern { app in
            let tenant = try await makeTenant(app)
            let other = try await makeTenant(app, name: "Other Co")
            let key = tenant.adminKey
            let mine = try id(try await create(app, "solutions/categories", key: key, json: #"{"name": "Mine"}"#))
            let theirs = try id(try await create(app, "solutions/categories", key: other.adminKey, json: #"{"name": "Theirs"}"#))

            expectInvalid(try await send(app, .POST, "widgets", key: key, json: #"{"category_ids": []}"#), "name", containing: "required")
            expectInvalid(try await send(app, .POST, "widgets", key: key, json: #"{"name": ""}"#), "name")
            expectInvalid(try await send(app, .POST, "widgets", key: key,
                                         json: #"{"name": "\#(String(repeating: "w", count: 256))"}"#), "name")
            expectInvalid(try await send(app, .POST, "widgets", key: key, json: #"{"name": "W", "category_ids": [\#(mine), \#(theirs)]}"#),
                          "category_ids")
            expectInvalid(try await send(app, .POST, "widgets", key: key, json: #"{"name": "W", "category_ids": [999999999]}"#),
                          "category_ids")
            expectInvalid(try await send(app, .POST, "widgets", key: key, json: #"{"name": "W", "default_language": "xx"}"#),
                          "default_language")
            expectInvalid(try await send(app, .POST, "widgets", key: key, json: #"{"name": "W", "contact_form": {"enabled": "yes"}}"#),
                          "contact_form.enabled")
            expectInvalid(try await send(app, .POST, "widgets", key: key, json: #"{"name": "W", "allowed_origins": "https://a.example"}"#),
                          "allowed_origins")

            let widgetID = tenant.account.widgetID
            expectInvalid(try await send(app, .PUT, "widgets/\(widgetID)", key: key, json: #"{"category_ids": [\#(theirs)]}"#),
                          "category_ids")
            expectInvalid(try await send(app, .PUT, "widgets/\(widgetID)", key: key, json: #"{"default_language": "klingon"}"#),
                          "default_language")
            expectInvalid(try await send(app, .PUT, "widgets/\(widgetID)", key: key, json: #"{"name": "  "}"#), "name")
            #expect(try await WidgetCategory.query(on: app.db).filter(\.$widgetID == widgetID).count() == 0)
        }
    }

    @Test("Widgets: admin only (agents and bots get 403), other accounts' ids are 404, paginated list")
    func widgetAccess() async throws {
        try await withLantern { app in
            let tenant = try await makeTenant(app)
            let other = try await makeTenant(app, name: "Other Co")
            let key = tenant.adminKey
            // The account starts with the widget setup made; two more make three.
            var ids = [tenant.account.widgetID]
            for name in ["Two", "Three"] {
                ids.append(try id(try await create(app, "widgets", key: key, json: #"{"name": "\#(name)"}"#)))
            }
            try await checkPagination(app, "widgets", key: key, expectedIDs: ids)

            for forbidden in [tenant.agentKey, tenant.botKey] {
                expectForbidden(try await send(app, .GET, "widgets", key: forbidden))
                expectForbidden(try await send(app, .GET, "widgets/\(ids[0])", key: forbidden))
                expectForbidden(try await send(app, .POST, "widgets", key: forbidden, json: #"{"name": "Nope"}"#))
                expectForbidden(try await send(app, .PUT, "widgets/\(ids[0])", key: forbidden, json: #"{"name": "Nope"}"#))
            }
            #expect(try await Widget.find(ids[0], on: app.db)?.name != "Nope")

            let theirs = other.account.widgetID
            expectNotFound(try await send(app, .GET, "widgets/\(theirs)", key: key), "widget_not_found")
            expectNotFound(try await send(app, .PUT, "widgets/\(theirs)", key: key, json: #"{"name": "Mine"}"#), "widget_not_found")
            expectNotFound(try await send(app, .GET, "widgets/nope", key: key), "widget_not_found")
            #expect(try await Widget.find(theirs, on: app.db)?.name != "Mine")
            #expect(!(try array(try await send(app, .GET, "widgets", key: key))).contains { $0["id"] as? Int == theirs })
        }
    }
}
