import Vapor

extension AgentAPIKeysPage {
    var title: String { "My API key" }

    var content: HTML {
        let created: HTML = newKey.map { key in """
            <section class="card" aria-labelledby="new-key-h"><h2 id="new-key-h">Your new API key</h2>
            <p class="warning">Copy it now: it is stored hashed and will not be shown again.</p>
            <p><code id="new-api-key">\(key)</code></p>
            <button type="button" class="secondary" data-copy="new-api-key">Copy</button>
            <p class="muted">Use it as <code>curl -u "KEY:X" https://…/api/v2/…</code> or <code>Authorization: Bearer KEY</code>.</p>
            </section>
            """ } ?? .empty
        let rows: HTML = keys.html { key in
            """
            <tr><td>\(key.name)</td><td>\(PortalLayout.date(key.createdAt))</td>
            <td>\(PortalLayout.form(action: "/agent/api-key/\(key.id)/revoke", csrf: csrf, class: "inline",
                "<button type=\"submit\" class=\"danger\" aria-label=\"Revoke \(key.name)\">Revoke</button>"))</td></tr>
            """
        }
        return """
            <h1>My API key</h1>
            \(created)
            <section class="card"><h2>Your keys</h2>
            \(keys.isEmpty ? HTML("<p>You have no API key.</p>") : "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Created</th><th scope=\"col\">Revoke</th></tr></thead><tbody>\(rows)</tbody></table></div>")
            </section>
            <section class="card"><h2>Create an API key</h2>
            \(PortalLayout.form(action: "/agent/api-key", csrf: csrf, """
                \(PortalLayout.field("Name", name: "name", value: "API key", required: true, hint: "To tell your keys apart, e.g. the script that uses it."))
                <div class="actions"><button type="submit">Create API key</button></div>
                """))
            </section>
            """
    }

    func render(_ agent: PortalSessionService.SignedInAgent) -> Response {
        AgentPage.render(agent, title: title, section: .apiKey, flash: flash, content)
    }
}
