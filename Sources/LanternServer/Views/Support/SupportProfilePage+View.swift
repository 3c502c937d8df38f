import Foundation

extension SupportProfilePage {
    func render() -> HTML {
        let options = [("", "No preference")] + languages.map { code in
            (code, "\(Locale(identifier: code).localizedString(forIdentifier: code)?.capitalized ?? code) (\(code))")
        }
        let content: HTML = """
            <h1>My profile</h1>
            \(error.map { HTML("<p class=\"error\" role=\"alert\">\($0)</p>") } ?? .empty)
            <section class="card">
            <p>\(name) · \(email)</p>
            <form method="post" action="/support/profile">\(PortalLayout.csrf(frame.csrf))
            \(PortalLayout.select("Preferred language", name: "language", options: options, selected: preferredLanguage ?? ""))
            <p class="muted">The help center and the help widget show articles in this language when they exist in it.</p>
            <div class="actions"><button type="submit">Save</button></div>
            </form></section>
            """
        return frame.render(title: "My profile", flash: flash, content)
    }
}
