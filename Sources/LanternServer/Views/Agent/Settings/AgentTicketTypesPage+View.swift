import Vapor

extension AgentTicketTypesPage {
    var title: String { "Ticket types" }

    var errorMessage: String? { FormErrorSummary.text(errors["types"].map { ["Ticket types": $0] }) }

    var content: HTML {
        """
        <h1>Settings › Ticket types</h1>
        <section class="card">
        <p>Agents choose a ticket's type from this list; the API reads it at <code>GET /api/v2/ticket_fields</code>. Removing a type
        leaves it on the tickets that have it until an agent changes them.</p>
        \(PortalLayout.form(action: "/agent/settings/ticket-types", csrf: csrf, """
            <div class="field"><label for="f-types">Ticket types, one per line</label>
            <textarea id="f-types" name="types" rows="10" aria-describedby="f-types-hint">\(types)</textarea>\
            <small id="f-types-hint">Up to \(TicketTypeService.maximumCount) types of at most \(TicketTypeService.maximumNameLength) characters each, in the order agents see them; blank lines are left out.</small></div>
            <div class="actions"><button type="submit">Save ticket types</button></div>
            """))
        </section>
        """
    }

    func render(_ agent: PortalSessionService.SignedInAgent) -> Response {
        AgentPage.render(agent, title: title, section: .ticketTypes, flash: flash, error: errorMessage,
                         status: errors.isEmpty ? .ok : .unprocessableEntity, content)
    }
}
