import Vapor

extension AgentSecretResetPage {
    static let warning = "Every signed-in customer will be signed out, in the widget and in the customer portal, and tokens signed with the current secret will be refused. Your server must sign new tokens with the new secret."

    var title: String { "Reset the shared secret" }

    var content: HTML {
        """
        <h1>Reset the shared secret?</h1>
        <section class="card">
        <p class="warning" role="alert">\(Self.warning)</p>
        \(PortalLayout.form(action: "/agent/security/widget/reset", csrf: csrf, """
            <input type="hidden" name="confirm" value="yes">
            <div class="actions"><button type="submit" class="danger">Reset shared secret</button>
            <a href="/agent/security/widget">Cancel</a></div>
            """))
        </section>
        """
    }

    func render(_ agent: PortalSessionService.SignedInAgent) -> Response {
        AgentPage.render(agent, title: title, section: .security, content)
    }
}
