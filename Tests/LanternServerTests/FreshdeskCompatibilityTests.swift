import Fluent
import Foundation
import LanternCore
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// Issue 17: what a site moving from Freshdesk relies on — the loader at `/widgets/{id}.js` with a Freshdesk widget
/// id, custom ticket fields through `/api/v2/ticket_fields`, the contact form's priority, type and custom fields
/// (checked again by the server), tickets' `custom_fields`, and `GET /api/v2/search/solutions` — on the database
/// under test (SQLite, or PostgreSQL with LANTERN_TEST_DATABASE_URL).
@Suite("Freshdesk compatibility")
struct FreshdeskCompatibilityTests {
    /// POSTs `body` as JSON to the widget's contact form.
    func postWidgetTicket(_ app: Application, widgetID: Int, _ body: [String: Any]) async throws -> TestingHTTPResponse {
        let data = try JSONSerialization.data(withJSONObject: body)
        return try await app.testing().sendRequest(.POST, "widget/v1/widgets/\(widgetID)/tickets",
                                                   headers: ["Content-Type": "application/json"], body: ByteBuffer(data: data))
    }

    func fields(_ response: TestingHTTPResponse) -> Set<String> {
        Set(response.error?.fields?.keys.map { $0 } ?? [])
    }

    /// A JSON value written out with sorted keys, to compare answers whatever the order of their keys.
    func canonical(_ value: Any?) throws -> String {
        guard let value else { return "nil" }
        return String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
    }

    @Test("A widget's freshdesk_widget_id: set and cleared through the API, unique, positive; /widgets/{id}.js serves the loader for either id")
    func freshdeskWidgetID() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            let freshdeskID = 12_000_000_025
            let set = try await api.send(.PUT, "widgets/\(account.widgetID)", ["freshdesk_widget_id": freshdeskID])
            #expect(set.status == .ok, "\(set.body.string)")
            #expect(try api.object(set)["freshdesk_widget_id"] as? Int == freshdeskID)

            let loader = try await app.testing().sendRequest(.GET, "widget/v1/loader.js")
            for path in ["widgets/\(freshdeskID).js", "widgets/\(account.widgetID).js"] {
                let script = try await app.testing().sendRequest(.GET, path)
                #expect(script.status == .ok, "\(path)")
                #expect(script.body == loader.body, "\(path) is the loader")
                #expect(script.headers.first(name: .contentType)?.contains("javascript") == true)
            }
            for path in ["widgets/99999999999.js", "widgets/abc.js", "widgets/\(freshdeskID)", "widgets/0.js"] {
                let missing = try await app.testing().sendRequest(.GET, path)
                #expect(missing.status == .notFound, "\(path)")
            }
            // The config answers for the Freshdesk id with the Lantern id (which the loader's frame uses).
            let config = try await app.testing().sendRequest(.GET, "widget/v1/widgets/\(freshdeskID)")
            #expect(config.status == .ok)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: config.body)) as? [String: Any])
            #expect(body["id"] as? Int == account.widgetID)

            // Unique across widgets (and accounts), and a positive number.
            let other = try await makeAccount(app, name: "Other Co")
            let otherAPI = APIClient(app: app, key: other.apiKey)
            let taken = try await otherAPI.send(.PUT, "widgets/\(other.widgetID)", ["freshdesk_widget_id": freshdeskID])
            #expect(taken.status == .unprocessableEntity)
            #expect(fields(taken) == ["freshdesk_widget_id"])
            let shadowing = try await otherAPI.send(.POST, "widgets", ["name": "W", "freshdesk_widget_id": account.widgetID])
            #expect(fields(shadowing) == ["freshdesk_widget_id"], "another widget's own id would be found first")
            #expect(fields(try await api.send(.PUT, "widgets/\(account.widgetID)", ["freshdesk_widget_id": -4])) == ["freshdesk_widget_id"])
            // A random id: this widget keeps it, and on PostgreSQL a rerun against the same database must not find it taken.
            let movedID = Int.random(in: 13_000_000_000...19_999_999_999)
            let created = try await otherAPI.send(.POST, "widgets", ["name": "Moved", "freshdesk_widget_id": movedID])
            #expect(created.status == .created)
            #expect(try otherAPI.object(created)["freshdesk_widget_id"] as? Int == movedID)
            let cleared = try await api.send(.PUT, "widgets/\(account.widgetID)", ["freshdesk_widget_id": NSNull()])
            #expect(try api.object(cleared)["freshdesk_widget_id"] is NSNull)
            #expect(try await app.testing().sendRequest(.GET, "widgets/\(freshdeskID).js").status == .notFound)
        }
    }

    @Test("Custom ticket fields: created in Freshdesk's shape after the default four, changed, refused when wrong, deleted; admins only")
    func customFieldCRUD() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            let created = try await api.send(.POST, "ticket_fields", ["label": "Order number", "type": "custom_number",
                                                                      "required_for_customers": true, "customers_can_edit": true])
            #expect(created.status == .created, "\(created.body.string)")
            let field = try api.object(created)
            #expect(field["name"] as? String == "cf_order_number")
            #expect(field["type"] as? String == "custom_number")
            let id = try #require(field["id"] as? Int)
            #expect(id > 1000)
            let dropdown = try api.object(try await api.send(.POST, "ticket_fields", [
                "name": "cf_plan", "label": "Plan", "labels": ["fr": "Formule"], "type": "dropdown", "choices": ["Free", "Pro"]]))
            #expect((dropdown["choices"] as? [[String: Any]])?.compactMap { $0["value"] as? String } == ["Free", "Pro"])
            #expect(dropdown["labels"] as? [String: String] == ["fr": "Formule"])

            let listed = try api.array(try await api.send(.GET, "ticket_fields"))
            #expect(listed.map { $0["name"] as? String } == ["status", "priority", "source", "ticket_type", "cf_order_number", "cf_plan"])
            #expect(listed[0]["default"] == nil, "the default fields keep issue 15's shape")
            #expect(Set(listed.compactMap { $0["id"] as? Int }).count == 6)

            let changed = try await api.send(.PUT, "ticket_fields/\(id)", ["label": "Order #", "required_for_customers": false])
            #expect(changed.status == .ok)
            #expect(try api.object(changed)["label"] as? String == "Order #")
            let refusals: [([String: Any], Set<String>)] = [
                (["type": "custom_text"], ["type"]), (["name": "cf_other"], ["name"]),
                (["labels": ["xx": "Bestellnummer"]], ["labels.xx"]), (["choices": ["A"]], ["choices"]),
                (["customers_can_edit": false, "required_for_customers": true], ["required_for_customers"]),
            ]
            for (body, expected) in refusals {
                let refused = try await api.send(.PUT, "ticket_fields/\(id)", body)
                #expect(refused.status == .unprocessableEntity, "\(body)")
                #expect(fields(refused) == expected, "\(body)")
            }
            for body: [String: Any] in [["label": "X", "type": "custom_colour"], ["label": "Plan", "name": "cf_plan", "type": "text"],
                                        ["label": "Y", "type": "custom_dropdown"], ["label": "Z", "name": "plan", "type": "text"],
                                        ["type": "text"]] {
                #expect(try await api.send(.POST, "ticket_fields", body).status == .unprocessableEntity, "\(body)")
            }
            for path in ["ticket_fields/1", "ticket_fields/4", "ticket_fields/\(id + 999)"] {
                #expect(try await api.send(.PUT, path, ["label": "Nope"]).status == .notFound, "\(path)")
            }
            let other = APIClient(app: app, key: try await makeAccount(app, name: "Other").apiKey)
            #expect(try await other.send(.DELETE, "ticket_fields/\(id)").status == .notFound)
            #expect(try await api.send(.DELETE, "ticket_fields/\(id)").status == .noContent)
            #expect(try api.array(try await api.send(.GET, "ticket_fields")).count == 5)
        }
    }

    @Test("The contact form takes priority, type and custom fields as the widget allows, and refuses bad values by field")
    func widgetTicketFields() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            _ = try await api.send(.PUT, "ticket_fields", ["types": ["Question", "Incident"]])
            _ = try await api.send(.POST, "ticket_fields", ["name": "cf_order", "label": "Order", "type": "custom_number",
                                                            "required_for_customers": true])
            _ = try await api.send(.POST, "ticket_fields", ["name": "cf_plan", "label": "Plan", "type": "custom_dropdown", "choices": ["Free", "Pro"]])
            _ = try await api.send(.POST, "ticket_fields", ["name": "cf_internal", "label": "Internal", "type": "custom_text",
                                                            "customers_can_edit": false])
            let base: [String: Any] = ["name": "Pat", "email": "pat@example.com", "subject": "Help", "description": "Please"]

            let config = try #require(try JSONSerialization.jsonObject(with: Data(buffer: try await app.testing()
                .sendRequest(.GET, "widget/v1/widgets/\(account.widgetID)").body)) as? [String: Any])
            #expect((config["ticket_fields"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["cf_order", "cf_plan"])

            let missing = try await postWidgetTicket(app, widgetID: account.widgetID, base)
            #expect(missing.status == .unprocessableEntity)
            #expect(fields(missing) == ["custom_fields.cf_order"])
            let wrong = try await postWidgetTicket(app, widgetID: account.widgetID, base.merging([
                "subject": "", "priority": 4, "type": "Incident",
                "custom_fields": ["cf_order": "12a", "cf_plan": "Gold", "cf_internal": "x", "cf_unknown": 1]]) { $1 })
            #expect(fields(wrong) == ["subject", "priority", "type", "custom_fields.cf_order", "custom_fields.cf_plan",
                                      "custom_fields.cf_internal", "custom_fields.cf_unknown"])

            _ = try await api.send(.PUT, "widgets/\(account.widgetID)", ["contact_form": ["priority": true, "type": true]])
            let sent = try await postWidgetTicket(app, widgetID: account.widgetID, base.merging([
                "priority": 3, "type": "Incident", "custom_fields": ["cf_order": "1042", "cf_plan": "Pro"]]) { $1 })
            #expect(sent.status == .created, "\(sent.body.string)")
            let ticketID = try #require(try api.object(sent)["id"] as? Int)
            let ticket = try api.object(try await api.send(.GET, "tickets/\(ticketID)"))
            #expect(ticket["priority"] as? Int == 3)
            #expect(ticket["type"] as? String == "Incident")
            #expect(try canonical(ticket["custom_fields"]) == #"{"cf_order":1042,"cf_plan":"Pro"}"#)
            #expect(fields(try await postWidgetTicket(app, widgetID: account.widgetID, base.merging(["priority": 9, "type": "Other",
                "custom_fields": ["cf_order": 1]]) { $1 })) == ["priority", "type"])

            // Multipart, as a form without script would send it.
            var form = MultipartBody()
            for (key, value) in ["name": "Pat", "email": "pat@example.com", "subject": "Form", "description": "Sent as a form",
                                 "priority": "2", "custom_fields[cf_order]": "7"] { form.field(key, value) }
            let multipart = try await app.testing().sendRequest(.POST, "widget/v1/widgets/\(account.widgetID)/tickets",
                                                                headers: ["Content-Type": form.contentType], body: ByteBuffer(data: form.finished))
            #expect(multipart.status == .created, "\(multipart.body.string)")
        }
    }

    @Test("Agents set and clear custom fields through the API (any field, none required); answers and list carry custom_fields")
    func apiTicketFields() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            _ = try await api.send(.POST, "ticket_fields", ["name": "cf_order", "label": "Order", "type": "custom_number", "required_for_customers": true])
            _ = try await api.send(.POST, "ticket_fields", ["name": "cf_due", "label": "Due", "type": "custom_date", "customers_can_edit": false])
            _ = try await api.send(.POST, "ticket_fields", ["name": "cf_vip", "label": "VIP", "type": "custom_checkbox"])
            let created = try await api.send(.POST, "tickets", ["email": "x@y.example", "subject": "S", "description": "D",
                                                                "custom_fields": ["cf_due": "2027-02-28", "cf_vip": true]])
            #expect(created.status == .created, "\(created.body.string)")
            let id = try #require(try api.object(created)["id"] as? Int)
            #expect(try canonical(try api.object(created)["custom_fields"]) == #"{"cf_due":"2027-02-28","cf_vip":true}"#)
            let bad = try await api.send(.PUT, "tickets/\(id)", ["custom_fields": ["cf_due": "2027-02-29", "cf_vip": "maybe"]])
            #expect(fields(bad) == ["custom_fields.cf_due", "custom_fields.cf_vip"])
            let updated = try await api.send(.PUT, "tickets/\(id)", ["custom_fields": ["cf_order": 5, "cf_due": NSNull()]])
            #expect(updated.status == .ok, "\(updated.body.string)")
            #expect(try canonical(try api.object(updated)["custom_fields"]) == #"{"cf_order":5,"cf_vip":true}"#)
            let listed = try api.array(try await api.send(.GET, "tickets"))
            #expect(try canonical(listed.first?["custom_fields"]) == #"{"cf_order":5,"cf_vip":true}"#)
        }
    }

    @Test("Categories and folders have translations (Freshdesk's paths); the widget shows the served language's, else the primary")
    func containerTranslations() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            let category = try #require(try api.object(try await api.send(.POST, "solutions/categories", ["name": "Billing", "description": "Money"]))["id"] as? Int)
            let folder = try #require(try api.object(try await api.send(.POST, "solutions/categories/\(category)/folders",
                                                                        ["name": "Invoices", "visibility": 1]))["id"] as? Int)
            let other = try #require(try api.object(try await api.send(.POST, "solutions/categories/\(category)/folders",
                                                                       ["name": "Refunds", "visibility": 1]))["id"] as? Int)
            for (folderID, title) in [(folder, "Download an invoice"), (other, "Ask for a refund")] {
                _ = try await api.send(.POST, "solutions/folders/\(folderID)/articles", ["title": title, "description": "<p>\(title)</p>", "status": 2])
            }
            let created = try await api.send(.POST, "solutions/categories/\(category)/fr", ["name": "Facturation", "description": "L'argent"])
            #expect(created.status == .created, "\(created.body.string)")
            #expect(try api.object(created)["language"] as? String == "fr")
            #expect(try await api.send(.POST, "solutions/folders/\(folder)/fr", ["name": "Factures"]).status == .created)
            #expect(try await api.send(.POST, "solutions/categories/\(category)/fr", ["name": "Encore"]).status == .conflict)
            #expect(fields(try await api.send(.POST, "solutions/categories/\(category)/en", ["name": "Billing 2"])) == ["language"])
            #expect(fields(try await api.send(.POST, "solutions/folders/\(folder)/xx", ["name": "Nope"])) == ["language"])
            #expect(fields(try await api.send(.POST, "solutions/folders/\(other)/de", ["name": " "])) == ["name"])
            #expect(try await api.send(.PUT, "solutions/folders/\(other)/fr", ["name": "Remboursements"]).status == .notFound)
            let changed = try await api.send(.PUT, "solutions/folders/\(folder)/fr", ["description": "Vos factures"])
            #expect(try api.object(changed)["name"] as? String == "Factures")
            #expect(try api.object(changed)["description"] as? String == "Vos factures")
            #expect(try api.object(try await api.send(.GET, "solutions/categories/\(category)/en"))["name"] as? String == "Billing")
            #expect(try api.object(try await api.send(.GET, "solutions/categories/\(category)/fr"))["name"] as? String == "Facturation")
            #expect(try await api.send(.GET, "solutions/folders/\(other)/fr").status == .notFound)
            let elsewhere = APIClient(app: app, key: try await makeAccount(app, name: "Elsewhere").apiKey)
            #expect(try await elsewhere.send(.GET, "solutions/categories/\(category)/fr").status == .notFound)
            #expect(try await elsewhere.send(.POST, "solutions/folders/\(folder)/de", ["name": "X"]).status == .notFound)

            func tree(_ locale: String?) async throws -> [String] {
                let query = locale.map { "?locale=\($0)" } ?? ""
                let response = try await app.testing().sendRequest(.GET, "widget/v1/widgets/\(account.widgetID)/categories\(query)")
                let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                return (body["categories"] as? [[String: Any]] ?? []).flatMap { category in
                    ["\(category["name"] ?? "")|\(category["description"] ?? "")"]
                        + (category["folders"] as? [[String: Any]] ?? []).map { "\($0["name"] ?? "")|\($0["description"] ?? "")" }
                }
            }
            #expect(try await tree(nil) == ["Billing|Money", "Invoices|", "Refunds|"])
            #expect(try await tree("fr") == ["Facturation|L'argent", "Factures|Vos factures", "Refunds|"])
        }
    }

    @Test("Articles carry agent_id (the key's agent by default), type and each translation's seo_data, which /support puts in the page's head")
    func articleDetails() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app, name: "SEO Co")
            app.lantern.supportWidgetID = account.widgetID
            let api = APIClient(app: app, key: account.apiKey)
            let adminID = try #require(try await Agent.query(on: app.db).filter(\.$accountID == account.accountID).first()?.id)
            let category = try #require(try api.object(try await api.send(.POST, "solutions/categories", ["name": "Billing"]))["id"] as? Int)
            let folder = try #require(try api.object(try await api.send(.POST, "solutions/categories/\(category)/folders",
                                                                        ["name": "Invoices", "visibility": 1]))["id"] as? Int)
            let created = try await api.send(.POST, "solutions/folders/\(folder)/articles", [
                "title": "Reset a password", "description": "<p>Open settings</p>", "status": 2, "type": 2,
                "seo_data": ["meta_title": "Password reset <help>", "meta_description": "How to \"reset\" it", "meta_keywords": "password, reset"]])
            #expect(created.status == .created, "\(created.body.string)")
            let article = try api.object(created)
            let id = try #require(article["id"] as? Int)
            #expect(article["agent_id"] as? Int == adminID)
            #expect(article["type"] as? Int == 2)
            #expect(try canonical(article["seo_data"]) == #"{"meta_description":"How to \"reset\" it","meta_keywords":"password, reset","meta_title":"Password reset <help>"}"#)

            let page = try await app.testing().sendRequest(.GET, "support/solutions/articles/\(id)").body.string
            #expect(page.contains("<title>Password reset &lt;help&gt; · "))
            #expect(page.contains("<meta name=\"description\" content=\"How to &quot;reset&quot; it\">"))
            #expect(page.contains("<meta name=\"keywords\" content=\"password, reset\">"))

            let changed = try api.object(try await api.send(.PUT, "solutions/articles/\(id)", ["type": 1, "seo_data": ["meta_title": ""]]))
            #expect(changed["type"] as? Int == 1)
            #expect(try canonical(changed["seo_data"]) == #"{"meta_description":null,"meta_keywords":null,"meta_title":null}"#)
            let other = try await makeAccount(app, name: "Other Co")
            let otherAgent = try #require(try await Agent.query(on: app.db).filter(\.$accountID == other.accountID).first()?.id)
            #expect(fields(try await api.send(.PUT, "solutions/articles/\(id)", ["agent_id": otherAgent, "type": 3])) == ["type"])
            #expect(fields(try await api.send(.PUT, "solutions/articles/\(id)", ["agent_id": otherAgent])) == ["agent_id"])
            #expect(fields(try await api.send(.PUT, "solutions/articles/\(id)", ["seo_data": ["meta_title": String(repeating: "x", count: 256)]]))
                    == ["seo_data.meta_title"])
            let french = try await api.send(.POST, "solutions/articles/\(id)/fr", ["title": "Réinitialiser", "description": "<p>Ouvrez</p>",
                                                                                   "seo_data": ["meta_title": "Mot de passe"]])
            #expect(try canonical(try api.object(french)["seo_data"]) == #"{"meta_description":null,"meta_keywords":null,"meta_title":"Mot de passe"}"#)
        }
    }

    @Test("GET /api/v2/search/solutions answers exactly as /api/v2/solutions/search")
    func searchAlias() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            let category = try #require(try api.object(try await api.send(.POST, "solutions/categories", ["name": "Billing"]))["id"] as? Int)
            let folder = try #require(try api.object(try await api.send(.POST, "solutions/categories/\(category)/folders",
                                                                        ["name": "Invoices", "visibility": 1]))["id"] as? Int)
            for title in ["Refund policy", "Refund a duplicate charge", "Change your plan"] {
                _ = try await api.send(.POST, "solutions/folders/\(folder)/articles", ["title": title, "description": "<p>\(title)</p>", "status": 2])
            }
            let freshdesk = try await api.send(.GET, "search/solutions?term=refund&per_page=1")
            let lantern = try await api.send(.GET, "solutions/search?term=refund&per_page=1")
            #expect(freshdesk.status == .ok)
            #expect(try canonical(try api.array(freshdesk)) == (try canonical(try api.array(lantern))))
            #expect(try api.array(freshdesk).count == 1)
            #expect(freshdesk.headers.first(name: "Link")?.contains("/api/v2/search/solutions?") == true)
            #expect(try await api.send(.GET, "search/solutions").status == .unprocessableEntity)
        }
    }
}
