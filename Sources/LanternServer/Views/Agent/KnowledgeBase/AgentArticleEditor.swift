/// The editor of one language version of an article: title and HTML body; for the primary version also tags,
/// the folder to move it to, its status and the draft / publish buttons; on a new article the language. With
/// `preview`, the body as customers will see it (sanitised) follows the form.
struct AgentArticleEditor {
    var action: String
    var csrf: String
    /// Prefixes the ids of the editor's elements, so that two editors can share a page.
    var idPrefix: String
    var language: String
    var title = ""
    var body = ""
    /// The tags as typed (comma-separated); `nil`: no tags field.
    var tags: String? = nil
    /// Where the article can move to; empty: no folder picker.
    var folders: [(id: Int, category: String, folder: String)] = []
    var folderID: Int? = nil
    /// The languages to choose from; `nil`: no language picker.
    var languages: [String]? = nil
    var preview: String? = nil
    /// Whether the article is published; `nil`: no status shown.
    var published: Bool? = nil
    /// The primary version saves as draft or publishes; a translation is just saved.
    var primary = true

    var html: HTML {
        let languagePicker: HTML = languages.map {
            PortalLayout.select("Language", name: "language", options: $0.map { ($0, $0) }, selected: language, id: "\(idPrefix)-language")
        } ?? .empty
        let folderPicker: HTML = folders.isEmpty ? .empty
            : PortalLayout.select("Folder (move the article)", name: "folder_id", options: folders.map { (String($0.id), "\($0.category) › \($0.folder)") },
                                  selected: folderID.map(String.init), id: "\(idPrefix)-folder")
        let tagField: HTML = tags.map { PortalLayout.field("Tags (comma-separated)", name: "tags", value: $0, id: "\(idPrefix)-tags") } ?? .empty
        let previewBox: HTML = preview.map {
            "<section class=\"card\" aria-labelledby=\"\(idPrefix)-preview-h\"><h3 id=\"\(idPrefix)-preview-h\">Preview (as customers will see it)</h3><div class=\"article-body\">\(HTML.sanitized($0))</div></section>"
        } ?? .empty
        let statusNote: HTML = published.map { "<p>Status: <span class=\"badge\">\($0 ? "Published" : "Draft")</span></p>" } ?? .empty
        return """
            \(statusNote)
            <form method="post" action="\(action)">\(PortalLayout.csrf(csrf))
            \(languagePicker)
            \(PortalLayout.field("Title", name: "title", value: title, required: true, id: "\(idPrefix)-title"))
            <div class="field"><label for="\(idPrefix)-body">Body (HTML)</label>
            <textarea id="\(idPrefix)-body" name="description" aria-describedby="\(idPrefix)-body-hint" required>\(body)</textarea>
            <small id="\(idPrefix)-body-hint">HTML such as &lt;p&gt;, &lt;h2&gt;, &lt;ul&gt;, &lt;a href&gt;, &lt;img&gt;. Scripts, styles and event handlers are removed when saved.</small></div>
            \(tagField)\(folderPicker)
            <div class="actions">
            <button type="submit" name="action" value="preview" class="secondary">Preview</button>
            \(primary ? HTML("<button type=\"submit\" name=\"action\" value=\"draft\" class=\"secondary\">Save as draft</button><button type=\"submit\" name=\"action\" value=\"publish\">Publish</button>")
                : "<button type=\"submit\" name=\"action\" value=\"save\">Save translation</button>")
            </div>
            </form>
            \(previewBox)
            """
    }
}
