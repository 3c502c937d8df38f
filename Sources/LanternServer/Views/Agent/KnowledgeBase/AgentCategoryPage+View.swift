extension AgentCategoryPage {
    var title: String { name }

    var errorMessage: String? { FormErrorSummary.text(errors) }

    var content: HTML {
        """
        <p><a href="/agent/kb">Knowledge base</a> ›</p>
        <h1>Category: \(name)</h1>
        <section class="card"><h2>Folders</h2>
        \(folders.isEmpty ? HTML("<p>No folders yet.</p>") : "<ul>\(folders.html { "<li><a href=\"/agent/kb/folders/\($0.id)\">\($0.name)</a> <span class=\"badge\">\($0.visibility.label)</span></li>" })</ul>")
        </section>
        <section class="card"><h2>New folder</h2>
        \(PortalLayout.form(action: "/agent/kb/categories/\(id)/folders", csrf: csrf,
            newFolder.html + "<div class=\"actions\"><button type=\"submit\">Create folder</button></div>"))
        </section>
        <section class="card"><h2>Edit category</h2>
        \(PortalLayout.form(action: "/agent/kb/categories/\(id)", csrf: csrf, """
            \(PortalLayout.field("Name", name: "name", value: name, required: true, id: "cat-name"))
            \(PortalLayout.field("Description", name: "description", value: description, id: "cat-description"))
            <div class="actions"><button type="submit">Save category</button></div>
            """))
        \(PortalLayout.form(action: "/agent/kb/categories/\(id)/delete", csrf: csrf,
            "<div class=\"actions\"><button type=\"submit\" class=\"danger\">Delete category, its folders and articles</button></div>"))
        </section>
        """
    }
}
