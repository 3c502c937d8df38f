import Foundation
import Testing
@testable import LanternServer

/// The agents page (admins) and the "My API key" page of the agent portal, rendered from hand-made page models.
@Suite("Team views")
struct TeamViewTests {
    static let hostile = "<script>x</script>"
    static let escaped = "&lt;script&gt;x&lt;/script&gt;"

    @Test("The agents page: others get a role form and a remove button, the admin themselves neither")
    func agents() {
        let page = AgentTeamPage(members: [
            .init(id: 7, name: "Ada", email: "ada@test.example", isAdmin: true, isSelf: true),
            .init(id: 8, name: "Sam \(Self.hostile)", email: "sam@test.example", isAdmin: false, isSelf: false),
        ], csrf: "tok")
        let html = page.content.description
        #expect(!html.contains(Self.hostile))
        #expect(html.contains("<tr><td>Ada (you)</td><td>ada@test.example</td>\n<td>Admin</td>\n<td></td></tr>"))
        #expect(!html.contains("action=\"/agent/agents/7\""))
        #expect(html.contains("<form method=\"post\" action=\"/agent/agents/8\" class=\"inline\"><input type=\"hidden\" name=\"csrf_token\" value=\"tok\">"))
        #expect(html.contains("<label for=\"role-8\">Role of Sam \(Self.escaped)</label><select id=\"role-8\" name=\"role\"><option value=\"agent\" selected>Agent</option><option value=\"admin\">Admin</option></select>"))
        #expect(html.contains("action=\"/agent/agents/8/delete\""))
        #expect(html.contains("<button type=\"submit\" class=\"danger\" aria-label=\"Remove Sam \(Self.escaped)\">Remove</button>"))
        #expect(html.contains("<input id=\"new-password\" name=\"password\" type=\"password\" value=\"\" required aria-describedby=\"new-password-hint\" autocomplete=\"new-password\">"))
        #expect(html.contains("<select id=\"new-role\" name=\"role\"><option value=\"agent\" selected>Agent</option>"))
        #expect(page.title == "Agents")
    }

    @Test("A refused new agent comes back filled in (never the password) as a 422 naming the problems")
    func refusedAgent() throws {
        var page = AgentTeamPage(members: [], csrf: "tok")
        (page.newName, page.newEmail, page.newRole) = ("Sam \(Self.hostile)", "sam@test.example", "admin")
        page.errors = ["password": "must be 8 to 72 characters long"]
        let html = page.content.description
        #expect(html.contains("id=\"new-name\" name=\"name\" type=\"text\" value=\"Sam \(Self.escaped)\" required>"))
        #expect(html.contains("id=\"new-email\" name=\"email\" type=\"email\" value=\"sam@test.example\" required>"))
        #expect(html.contains("<option value=\"admin\" selected>Admin</option></select></div>"))
        let response = page.render(.viewTest())
        #expect(response.status == .unprocessableEntity)
        let body = try #require(response.body.string)
        #expect(body.contains("<p class=\"error\" role=\"alert\">Please correct: Password must be 8 to 72 characters long.</p>"))
        #expect(body.contains("<a href=\"/agent/agents\" aria-current=\"page\">Agents</a>"))
    }

    @Test("My API key: the keys with revoke buttons, the create form, and a new key shown with its copy button")
    func apiKeys() throws {
        var page = AgentAPIKeysPage(keys: [.init(id: 3, name: "Script \(Self.hostile)", createdAt: Date(timeIntervalSince1970: 0))], csrf: "tok")
        var html = page.content.description
        #expect(!html.contains(Self.hostile))
        #expect(html.contains("<tr><td>Script \(Self.escaped)</td><td>1970-01-01 00:00:00 UTC</td>"))
        #expect(html.contains("<form method=\"post\" action=\"/agent/api-key/3/revoke\" class=\"inline\">"))
        #expect(html.contains("aria-label=\"Revoke Script \(Self.escaped)\">Revoke</button>"))
        #expect(html.contains("<form method=\"post\" action=\"/agent/api-key\" class=\"\"><input type=\"hidden\" name=\"csrf_token\" value=\"tok\">"))
        #expect(!html.contains("new-api-key"))
        #expect(!html.contains("<script>"))

        (page.flash, page.newKey) = ("API key created.", "key-<&>")
        html = page.content.description
        #expect(html.contains("<p><code id=\"new-api-key\">key-&lt;&amp;&gt;</code></p>"))
        #expect(html.contains("<button type=\"button\" class=\"secondary\" data-copy=\"new-api-key\">Copy</button>"))
        let response = page.render(.viewTest(admin: false))
        #expect(response.status == .ok)
        let body = try #require(response.body.string)
        #expect(body.contains("<p class=\"flash\" role=\"status\">API key created.</p>"))
        #expect(body.contains("<a href=\"/agent/api-key\" aria-current=\"page\">My API key</a>"))
        #expect(!body.contains("href=\"/agent/agents\""))
    }

    @Test("An agent without keys is told so")
    func noKeys() {
        #expect(AgentAPIKeysPage(keys: [], csrf: "t").content.description.contains("<p>You have no API key.</p>"))
    }
}
