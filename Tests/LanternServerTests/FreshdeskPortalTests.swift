import Fluent
import Foundation
import LanternCore
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// Issue 17 in the portals: the agent portal's ticket fields page, custom fields on `/support/tickets/new` and on the
/// agent's ticket page, and categories shown in the served language on `/support`.
@Suite("Freshdesk compatibility in the portals")
struct FreshdeskPortalTests {
    @Test("Admins add, change and delete custom fields on /agent/settings/ticket-fields; a refused form comes back with its problems")
    func settingsPage() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let browser = try await app.agentBrowser(account)
            let page = try await browser.get("/agent/settings/ticket-fields")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("No custom fields yet."))
            let csrf = try #require(PortalBrowser.csrf(in: page.body.string))
            let refused = try await browser.post("/agent/settings/ticket-fields", [("csrf_token", csrf), ("label", "Plan"), ("type", "dropdown"),
                                                                                 ("customers_can_edit", "1"), ("choices", "")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("a dropdown needs at least one choice"))
            #expect(refused.body.string.contains("value=\"Plan\""))
            let created = try await browser.post("/agent/settings/ticket-fields", [
                ("csrf_token", csrf), ("label", "Plan"), ("type", "dropdown"), ("customers_can_edit", "1"), ("required_for_customers", "1"),
                ("choices", "Free\r\nPro\r\n"), ("labels[fr]", "Formule"), ("position", "")])
            #expect(created.status == .seeOther, "\(created.body.string)")
            let field = try #require(try await CustomTicketField.query(on: app.db).filter(\.$accountID == account.accountID).first())
            #expect(field.name == "cf_plan" && field.choices == ["Free", "Pro"] && field.labels == ["fr": "Formule"] && field.requiredForCustomers)
            #expect(created.headers.first(name: .location) == "/agent/settings/ticket-fields/\(field.apiID)?done=created")

            let saved = try await browser.post("/agent/settings/ticket-fields/\(field.apiID)", [
                ("csrf_token", csrf), ("label", "Your plan"), ("choices", "Free\nPro\nEnterprise"), ("labels[fr]", ""), ("position", "3")])
            #expect(saved.status == .seeOther, "\(saved.body.string)")
            let changed = try #require(try await CustomTicketField.find(field.id, on: app.db))
            #expect(changed.label == "Your plan" && changed.choices.count == 3 && changed.labels == [:] && !changed.customersCanEdit && changed.position == 3)
            #expect(try await browser.post("/agent/settings/ticket-fields/\(field.apiID)/delete", [("label", "x")]).status == .forbidden)
            #expect(try await browser.post("/agent/settings/ticket-fields/\(field.apiID)/delete", [("csrf_token", csrf)]).status == .seeOther)
            #expect(try await CustomTicketField.query(on: app.db).filter(\.$accountID == account.accountID).count() == 0)
            #expect(try await browser.get("/agent/settings/ticket-fields/\(field.apiID)").status == .notFound)
        }
    }

    @Test("/support/tickets/new shows the fields customers fill in, labelled in the served language, refuses bad values beside them, stores good ones")
    func supportForm() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app, name: "Support Co")
            app.lantern.supportWidgetID = account.widgetID
            app.lantern.behindProxy = true
            let api = APIClient(app: app, key: account.apiKey)
            _ = try await api.send(.POST, "ticket_fields", ["name": "cf_order", "label": "Order number", "labels": ["fr": "Numéro de commande"],
                                                            "type": "custom_number", "required_for_customers": true])
            _ = try await api.send(.POST, "ticket_fields", ["name": "cf_secret", "label": "Internal", "type": "custom_text", "customers_can_edit": false])
            _ = try await api.send(.PUT, "widgets/\(account.widgetID)", ["contact_form": ["priority": true]])
            let visitor = PortalBrowser(app)
            let form = try await visitor.get("/support/tickets/new?lang=fr")
            #expect(form.status == .ok)
            let html = form.body.string
            #expect(html.contains("<label for=\"f-custom_fields-cf_order\">Numéro de commande</label>"))
            #expect(html.contains("name=\"priority\"") && !html.contains("cf_secret"))
            let csrf = try #require(PortalBrowser.csrf(in: html))
            let fields = [("csrf_token", csrf), ("name", "Vic"), ("email", "vic@visitor.example"), ("subject", "Hello"), ("description", "A question")]
            let refused = try await visitor.postMultipart("/support/tickets", fields + [("custom_fields[cf_order]", "12b"), ("priority", "4")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("must be a whole number"))
            #expect(refused.body.string.contains("value=\"12b\""))
            let sent = try await visitor.postMultipart("/support/tickets", fields + [("custom_fields[cf_order]", "1042"), ("priority", "4")])
            #expect(sent.status == .created, "\(sent.body.string)")
            let ticket = try #require(try await Ticket.query(on: app.db).filter(\.$accountID == account.accountID).first())
            #expect(ticket.customFields == ["cf_order": .number(1042)] && ticket.priority == 4)

            // The agent sees and edits the fields on the ticket's page (any field, none required).
            let agent = try await app.agentBrowser(account)
            let page = try await agent.get("/agent/tickets/\(try ticket.requireID())")
            #expect(page.body.string.contains("name=\"custom_fields[cf_order]\" type=\"number\" value=\"1042\""))
            #expect(page.body.string.contains("name=\"custom_fields[cf_secret]\""))
            let agentCSRF = try #require(PortalBrowser.csrf(in: page.body.string))
            let properties = [("csrf_token", agentCSRF), ("status", "2"), ("priority", "4"), ("type", ""), ("responder_id", "")]
            let bad = try await agent.post("/agent/tickets/\(try ticket.requireID())/properties", properties + [("custom_fields[cf_order]", "x")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("must be a whole number"))
            let edited = try await agent.post("/agent/tickets/\(try ticket.requireID())/properties",
                                              properties + [("custom_fields[cf_order]", ""), ("custom_fields[cf_secret]", "VIP")])
            #expect(edited.status == .seeOther, "\(edited.body.string)")
            let stored = try #require(try await Ticket.find(ticket.id, on: app.db))
            #expect(stored.customFields == ["cf_secret": .text("VIP")])
        }
    }

    @Test("/support shows categories and folders in the served language, the primary where there is no translation")
    func supportTranslations() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app, name: "Support Co")
            app.lantern.supportWidgetID = account.widgetID
            let api = APIClient(app: app, key: account.apiKey)
            let category = try #require(try api.object(try await api.send(.POST, "solutions/categories", ["name": "Billing"]))["id"] as? Int)
            let folder = try #require(try api.object(try await api.send(.POST, "solutions/categories/\(category)/folders",
                                                                        ["name": "Invoices", "visibility": 1]))["id"] as? Int)
            _ = try await api.send(.POST, "solutions/folders/\(folder)/articles", ["title": "Invoices", "description": "<p>Where</p>", "status": 2])
            _ = try await api.send(.POST, "solutions/categories/\(category)/fr", ["name": "Facturation"])
            let french = try await app.testing().sendRequest(.GET, "support?lang=fr").body.string
            #expect(french.contains("Facturation") && french.contains("Invoices"))
            let english = try await app.testing().sendRequest(.GET, "support").body.string
            #expect(english.contains("Billing") && !english.contains("Facturation"))
        }
    }
}
