import Vapor

extension AgentWidgetSecurityPage {
    var title: String { "Widget settings" }

    var content: HTML {
        """
        <h1>Security › Widget settings</h1>
        <section class="card"><h2>Shared secret</h2>
        <p>Your server signs each customer's widget token (a JWT, HS256) with this secret. Keep it on your server; never put it in a web page.</p>
        <details id="secret-details"><summary>Reveal the shared secret</summary>
        <p><code id="shared-secret">\(sharedSecret)</code></p>
        <button type="button" class="secondary" data-copy="shared-secret">Copy</button>
        </details>
        <p class="muted">Last set \(PortalLayout.date(resetAt)).</p>
        <p><a class="button" href="/agent/security/widget/reset" style="background:#b3261e">Reset shared secret…</a></p>
        </section>
        """
    }

    func render(_ agent: PortalSessionService.SignedInAgent) -> Response {
        AgentPage.render(agent, title: title, section: .security, flash: flash, content)
    }
}
