import Vapor

extension AgentWidgetPage {
    /// The documented embed code (docs/widget-authentication.md): settings, the command stub, the loader.
    static func embedSnippet(widgetID: Int, host: String, scheme: String) -> String {
        """
        <script>
          window.lanternSettings = { widgetId: "\(widgetID)" };
          !function(){if("function"!=typeof window.Lantern){var n=function(){n.q.push(arguments)};n.q=[],window.Lantern=n}}();
        </script>
        <script src="\(scheme)://\(host)/widget/v1/loader.js" async defer></script>
        """
    }

    var title: String { widgetName }

    var errorMessage: String? { FormErrorSummary.text(errors) }

    var content: HTML {
        let snippet = Self.embedSnippet(widgetID: id, host: embedHost, scheme: embedScheme)
        let languageOptions = [("", "The account's default (\(accountDefaultLanguage))")] + languages.map { ($0, $0) }
        return """
            <p><a href="/agent/widgets">Widgets</a> ›</p>
            <h1>Widget: \(widgetName)</h1>
            <section class="card"><h2>Embed code</h2>
            <p>Paste this before <code>&lt;/body&gt;</code> on every page of your site that shows the widget.</p>
            <div class="field"><label for="embed-snippet">Embed snippet</label>
            <textarea id="embed-snippet" readonly rows="7">\(snippet)</textarea></div>
            <button type="button" class="secondary" data-copy="embed-snippet">Copy</button>
            </section>
            <section class="card"><h2>Suggestions</h2>
            <p>Which articles the panel opens on, by page of your site: <a href="/agent/widgets/\(id)/suggestions">page rules</a>.</p>
            </section>
            <section class="card"><h2>Settings</h2>
            \(PortalLayout.form(action: "/agent/widgets/\(id)", csrf: csrf, """
                \(PortalLayout.field("Name", name: "name", value: name, required: true))
                <fieldset><legend>Linked categories (none ticked: all categories)</legend>
                \(categories.html { PortalLayout.checkbox($0.name, name: "category_ids", value: String($0.id), checked: $0.isLinked) })
                </fieldset>
                <fieldset><legend>Contact form</legend>
                \(PortalLayout.checkbox("Contact form enabled", name: "contact_form_enabled", checked: contactFormEnabled))
                \(PortalLayout.checkbox("Only for signed-in customers", name: "contact_form_logged_in_only", checked: contactFormLoggedInOnly))
                \(PortalLayout.checkbox("Customers choose the priority", name: "contact_form_priority", checked: contactFormPriority))
                \(PortalLayout.checkbox("Customers choose the type", name: "contact_form_type", checked: contactFormType))
                </fieldset>
                <fieldset><legend>Article feedback</legend>
                \(PortalLayout.checkbox("Make a ticket of type “Article feedback” of each not-helpful answer from a signed-in customer", name: "article_feedback_tickets", checked: articleFeedbackTickets))
                </fieldset>
                \(PortalLayout.select("Default language", name: "default_language", options: languageOptions, selected: defaultLanguage))
                <div class="field"><label for="f-origins">Allowed origins (one per line; empty: any site)</label>
                <textarea id="f-origins" name="allowed_origins" rows="4" aria-describedby="f-origins-hint">\(allowedOrigins)</textarea>
                <small id="f-origins-hint">Such as https://www.example.com, https://*.example.com or http://localhost:*</small></div>
                \(PortalLayout.field("Freshdesk widget id (the id in a Freshdesk embed code this widget replaces; empty: none)",
                                     name: "freshdesk_widget_id", value: freshdeskWidgetID))
                <div class="actions"><button type="submit">Save widget</button></div>
                """))
            </section>
            """
    }

    func render(_ agent: PortalSessionService.SignedInAgent) -> Response {
        AgentPage.render(agent, title: title, section: .widgets, flash: flash, error: errorMessage,
                         status: errors.isEmpty ? .ok : .unprocessableEntity, content)
    }
}
