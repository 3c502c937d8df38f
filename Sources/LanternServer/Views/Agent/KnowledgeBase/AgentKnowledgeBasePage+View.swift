extension AgentKnowledgeBasePage {
    var title: String { "Knowledge base" }

    var errorMessage: String? { FormErrorSummary.text(errors) }

    var content: HTML {
        let list: HTML = categories.isEmpty ? "<p>No categories yet.</p>" : categories.html { category in
            """
            <section class="card"><h2><a href="/agent/kb/categories/\(category.id)">\(category.name)</a></h2>
            <p class="muted">\(category.description)</p>
            \(category.folders.isEmpty ? HTML("<p class=\"muted\">No folders.</p>") : "<ul>\(category.folders.html { folder in "<li><a href=\"/agent/kb/folders/\(folder.id)\">\(folder.name)</a> <span class=\"badge\">\(folder.visibility.label)</span> <span class=\"muted\">\(folder.articleCount) articles</span></li>" })</ul>")
            </section>
            """
        }
        return """
            <h1>Knowledge base</h1>
            \(list)
            <section class="card"><h2>New category</h2>
            \(PortalLayout.form(action: "/agent/kb/categories", csrf: csrf, """
                \(PortalLayout.field("Name", name: "name", value: newName, required: true))
                \(PortalLayout.field("Description", name: "description", value: newDescription))
                <div class="actions"><button type="submit">Create category</button></div>
                """))
            </section>
            """
    }
}
