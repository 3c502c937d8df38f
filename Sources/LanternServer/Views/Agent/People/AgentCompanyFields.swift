/// The fields of the company forms (new company and edit company): the name and the domains, one per line.
enum AgentCompanyFields {
    static func html(name: String, domains: String) -> HTML {
        """
        \(PortalLayout.field("Name", name: "name", value: name, required: true))
        <div class="field"><label for="f-domains">Domains (one per line)</label>
        <textarea id="f-domains" name="domains" rows="3" aria-describedby="f-domains-hint">\(domains)</textarea>
        <small id="f-domains-hint">New contacts whose e-mail is at one of these domains join the company when they first sign in.</small></div>
        """
    }
}
