extension SupportSignInFailedPage {
    func render() -> HTML {
        let content: HTML = """
            <h1>Sign-in failed</h1>
            <p>The sign-in link from \(accountName)'s website was refused.</p>
            <p>Reason: <code>\(code)</code> — \(message)</p>
            <p><a href="/support">Continue to the help center without signing in</a></p>
            """
        return PortalLayout.page(title: "Sign-in failed", site: "\(accountName) help center", content)
    }
}
