import Vapor

extension AgentWidgetsPage {
    var title: String { "Widgets" }

    var content: HTML {
        """
        <h1>Widgets</h1>
        <section class="card"><ul>\(widgets.html { "<li><a href=\"/agent/widgets/\($0.id)\">\($0.name)</a> <span class=\"muted\">id \($0.id)</span></li>" })</ul></section>
        <section class="card"><h2>New widget</h2>
        \(PortalLayout.form(action: "/agent/widgets", csrf: csrf, """
            \(PortalLayout.field("Name", name: "name", required: true))
            <div class="actions"><button type="submit">Create widget</button></div>
            """))
        </section>
        """
    }

    func render(_ agent: PortalSessionService.SignedInAgent) -> Response {
        AgentPage.render(agent, title: title, section: .widgets, flash: flash, content)
    }
}
