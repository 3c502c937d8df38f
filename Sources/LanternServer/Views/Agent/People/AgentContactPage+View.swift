import Vapor

extension AgentContactPage {
    var title: String { contactName }

    var errorMessage: String? { FormErrorSummary.text(errors) }

    var content: HTML {
        let languageOptions = [("", "Not chosen (the widget's default)")] + languages.map { ($0, $0) }
        return """
            <p><a href="/agent/contacts">Contacts</a> ›</p>
            <h1>Contact: \(contactName)</h1>
            <section class="card">
            \(PortalLayout.form(action: "/agent/contacts/\(id)", csrf: csrf, """
                \(PortalLayout.field("Name", name: "name", value: name, required: true))
                \(PortalLayout.field("E-mail address", name: "email", value: email, type: "email", required: true))
                \(PortalLayout.select("Preferred language", name: "language", options: languageOptions, selected: language))
                <fieldset><legend>Companies</legend>
                \(companies.isEmpty ? HTML("<p class=\"muted\">No companies yet.</p>") : companies.html { PortalLayout.checkbox($0.name, name: "company_ids", value: String($0.id), checked: $0.isMember) })
                </fieldset>
                <div class="actions"><button type="submit">Save contact</button></div>
                """))
            </section>
            """
    }

    func render(_ agent: PortalSessionService.SignedInAgent) -> Response {
        AgentPage.render(agent, title: title, section: .contacts, flash: flash, error: errorMessage,
                         status: errors.isEmpty ? .ok : .unprocessableEntity, content)
    }
}
