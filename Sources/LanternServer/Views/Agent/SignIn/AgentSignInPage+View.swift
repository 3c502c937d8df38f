extension AgentSignInPage {
    func render() -> HTML {
        let accountPicker: HTML = accounts.isEmpty ? .empty
            : PortalLayout.select("Account", name: "account_id", options: accounts.map { (String($0.id), $0.name) }, selected: nil)
        let nextField: HTML = next.map { "<input type=\"hidden\" name=\"next\" value=\"\($0)\">" } ?? .empty
        let content: HTML = """
            <div class="card" style="max-width:28rem">
            <h1>Sign in</h1>
            <form method="post" action="/agent/login">
            \(PortalLayout.csrf(csrf))\(nextField)
            \(PortalLayout.field("E-mail address", name: "email", value: email, type: "email", required: true, autocomplete: "username"))
            \(PortalLayout.field("Password", name: "password", type: "password", required: true, autocomplete: "current-password"))
            \(accountPicker)
            <div class="actions"><button type="submit">Sign in</button></div>
            </form>
            </div>
            """
        return PortalLayout.page(title: "Sign in", site: "Lantern agent portal", flash: notice, error: error, content)
    }
}
