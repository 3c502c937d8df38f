import Foundation
import Testing
@testable import LanternServer

/// The contact and company pages of the agent portal, rendered from hand-made page models.
@Suite("People views")
struct PeopleViewTests {
    static let hostile = "<script>x</script>"
    static let escaped = "&lt;script&gt;x&lt;/script&gt;"

    @Test("The contact list escapes names and addresses, links each contact, and pages with the search term kept")
    func contactList() {
        let page = AgentContactsPage(term: "a&b \(Self.hostile)", rows: [
            .init(id: 4, name: "Dana \(Self.hostile)", email: "dana@acme.example", language: "fr"),
            .init(id: 5, name: "Eve", email: "eve@acme.example", language: nil),
        ], page: 2, hasMore: true)
        let html = page.content.description
        #expect(!html.contains(Self.hostile))
        #expect(html.contains("<tr><td><a href=\"/agent/contacts/4\">Dana \(Self.escaped)</a></td>\n<td>dana@acme.example</td><td>fr</td></tr>"))
        #expect(html.contains("<td>eve@acme.example</td><td>—</td>"))
        #expect(html.contains("<form method=\"get\" action=\"/agent/contacts\" class=\"search\" role=\"search\">"))
        #expect(html.contains("<input id=\"f-q\" name=\"q\" type=\"search\" value=\"a&amp;b \(Self.escaped)\">"))
        #expect(html.contains("<a href=\"/agent/contacts?q=a%26b%20%3Cscript%3Ex%3C%2Fscript%3E&page=1\">Previous</a>"))
        #expect(html.contains("&page=3\">Next</a>"))
        #expect(page.title == "Contacts")
    }

    @Test("An empty contact list says so and has no pager")
    func emptyContactList() {
        let html = AgentContactsPage(term: "", rows: [], page: 1, hasMore: false).content.description
        #expect(html.contains("<p>No contacts found.</p>"))
        #expect(!html.contains("<table>"))
        #expect(!html.contains("Previous") && !html.contains("Next"))
    }

    @Test("The contact form: fields, language choices, company boxes and the CSRF field; a refused form is a 422 with its problems")
    func contactForm() throws {
        var page = AgentContactPage(id: 9, contactName: "Dana \(Self.hostile)", csrf: "tok", name: "Dana \"D\"", email: "dana@acme.example",
                                    language: "fr", languages: ["en", "fr"], companies: [
                                        .init(id: 3, name: "Acme \(Self.hostile)", isMember: true), .init(id: 4, name: "Beta", isMember: false),
                                    ])
        let html = page.content.description
        #expect(!html.contains(Self.hostile))
        #expect(page.title == "Dana \(Self.hostile)")
        #expect(html.contains("<h1>Contact: Dana \(Self.escaped)</h1>"))
        #expect(html.contains("<form method=\"post\" action=\"/agent/contacts/9\" class=\"\"><input type=\"hidden\" name=\"csrf_token\" value=\"tok\">"))
        #expect(html.contains("<input id=\"f-name\" name=\"name\" type=\"text\" value=\"Dana &quot;D&quot;\" required>"))
        #expect(html.contains("<input id=\"f-email\" name=\"email\" type=\"email\" value=\"dana@acme.example\" required>"))
        #expect(html.contains("<option value=\"\">Not chosen (the widget&#39;s default)</option><option value=\"en\">en</option><option value=\"fr\" selected>fr</option>"))
        #expect(html.contains("<input type=\"checkbox\" id=\"f-company_ids-3\" name=\"company_ids\" value=\"3\" checked><label for=\"f-company_ids-3\">Acme \(Self.escaped)</label>"))
        #expect(html.contains("<input type=\"checkbox\" id=\"f-company_ids-4\" name=\"company_ids\" value=\"4\"><label"))
        #expect(page.errorMessage == nil)

        page.errors = ["email": "must be a valid e-mail address", "name": "must not be blank"]
        let refused = page.render(.viewTest())
        #expect(refused.status == .unprocessableEntity)
        let body = try #require(refused.body.string)
        #expect(body.contains("<p class=\"error\" role=\"alert\">Please correct: E-mail must be a valid e-mail address; Name must not be blank.</p>"))
        #expect(body.contains("<title>Dana \(Self.escaped) · Lantern agent portal</title>"))
        #expect(body.contains("<a href=\"/agent/contacts\" aria-current=\"page\">Contacts</a>"))
    }

    @Test("A contact without companies to choose says so; a saved one shows the flash")
    func contactFormWithoutCompanies() throws {
        var page = AgentContactPage(id: 1, contactName: "A", csrf: "t", name: "A", email: "a@b.example", language: "",
                                    languages: ["en"], companies: [])
        #expect(page.content.description.contains("<p class=\"muted\">No companies yet.</p>"))
        #expect(page.content.description.contains("<option value=\"\" selected>Not chosen"))
        page.flash = "Saved."
        let response = page.render(.viewTest())
        #expect(response.status == .ok)
        #expect(try #require(response.body.string).contains("<p class=\"flash\" role=\"status\">Saved.</p>"))
    }

    @Test("The company list: counts, search, pager and the new-company form filled with what was sent")
    func companyList() {
        var page = AgentCompaniesPage(term: "ac", rows: [.init(id: 2, name: "Acme \(Self.hostile)", contactCount: 12)],
                                      page: 1, hasMore: true, csrf: "tok")
        page.newName = "New \(Self.hostile)"
        page.newDomains = "a.example\n\(Self.hostile)"
        page.errors = ["domains": "contains \"x\", which is not a domain name such as example.com"]
        let html = page.content.description
        #expect(!html.contains(Self.hostile))
        #expect(html.contains("<tr><td><a href=\"/agent/companies/2\">Acme \(Self.escaped)</a></td><td>12</td></tr>"))
        #expect(html.contains("<label for=\"f-q\">Search by name</label>"))
        #expect(!html.contains("Previous"))
        #expect(html.contains("<a href=\"/agent/companies?q=ac&page=2\">Next</a>"))
        #expect(html.contains("<form method=\"post\" action=\"/agent/companies\" class=\"\"><input type=\"hidden\" name=\"csrf_token\" value=\"tok\">"))
        #expect(html.contains("name=\"name\" type=\"text\" value=\"New \(Self.escaped)\" required>"))
        #expect(html.contains("<textarea id=\"f-domains\" name=\"domains\" rows=\"3\" aria-describedby=\"f-domains-hint\">a.example\n\(Self.escaped)</textarea>"))
        #expect(html.contains("<button type=\"submit\">Create company</button>"))
        #expect(page.errorMessage == "Please correct: Domains contains \"x\", which is not a domain name such as example.com.")
    }

    @Test("The company page: its form and its contacts, linked and escaped")
    func companyPage() {
        let page = AgentCompanyPage(id: 5, companyName: "Acme \(Self.hostile)", csrf: "tok", name: "Acme", domains: "acme.example\nacme.org",
                                    members: [.init(id: 8, name: "Dana \(Self.hostile)", email: "dana@acme.example")])
        let html = page.content.description
        #expect(!html.contains(Self.hostile))
        #expect(html.contains("<h1>Company: Acme \(Self.escaped)</h1>"))
        #expect(html.contains("action=\"/agent/companies/5\""))
        #expect(html.contains(">acme.example\nacme.org</textarea>"))
        #expect(html.contains("<li><a href=\"/agent/contacts/8\">Dana \(Self.escaped)</a> <span class=\"muted\">dana@acme.example</span></li>"))
        #expect(html.contains("<button type=\"submit\">Save company</button>"))
        let empty = AgentCompanyPage(id: 5, companyName: "A", csrf: "t", name: "A", domains: "", members: [])
        #expect(empty.content.description.contains("<p>No contacts yet.</p>"))
    }
}
