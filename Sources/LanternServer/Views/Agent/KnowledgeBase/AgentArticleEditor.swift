/// The editor of one language version of an article: title and HTML body; for the primary version also tags,
/// the folder to move it to, its schedule, its status and the draft / publish buttons; on a new article the
/// language. With `preview`, the body as customers will see it (sanitised) follows the form. The body's textarea
/// becomes the rich-text editor where scripts run (`/assets/editor.js`, `data-editor`), and stays as it is where they
/// do not.
struct AgentArticleEditor {
    /// The waiting draft the editor shows.
    struct DraftNote {
        let agentName: String
        let savedAt: String
        /// Where the discard button posts.
        let discardAction: String
        let language: String
    }

    /// A save refused because someone else saved first (`edit_conflict`): their version beside the agent's own.
    struct Conflict {
        let message: String
        let theirTitle: String
        /// Sanitised HTML.
        let theirBody: String
    }

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
    /// The primary version also has tags, folder, schedule and unpublishing; a translation only its text.
    var primary = true
    /// Where the editor uploads images and files; `nil` before the article exists.
    var uploadURL: String? = nil
    /// The revision the form's text started from (sent back as `base_revision`); `nil`: no check.
    var baseRevision: Int? = nil
    /// The schedule as `datetime-local` values in UTC (`2030-01-31T09:00`); `nil`: no schedule fields.
    var schedule: (publishAt: String, unpublishAt: String)? = nil
    var draft: DraftNote? = nil
    var conflict: Conflict? = nil

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
        let upload: HTML = uploadURL.map { " data-editor-upload=\"\($0)\" data-editor-csrf=\"\(csrf)\"" } ?? .empty
        let base: HTML = baseRevision.map { "<input type=\"hidden\" name=\"base_revision\" value=\"\($0)\">" } ?? .empty
        let scheduleFields: HTML = schedule.map { schedule in
            """
            <fieldset><legend>Schedule (UTC)</legend>
            \(PortalLayout.field("Publish at", name: "publish_at", value: schedule.publishAt, type: "datetime-local", hint: "The article and its waiting drafts go live then. Leave empty for no schedule.", id: "\(idPrefix)-publish-at"))
            \(PortalLayout.field("Unpublish at", name: "unpublish_at", value: schedule.unpublishAt, type: "datetime-local", hint: "The article goes off line then.", id: "\(idPrefix)-unpublish-at"))
            </fieldset>
            """
        } ?? .empty
        let buttons: HTML = primary
            ? """
              <button type="submit" name="action" value="draft" class="secondary" data-lantern="editor-save">Save draft</button>\
              <button type="submit" name="action" value="publish" data-lantern="editor-publish">Publish</button>\
              \(published == true ? HTML("<button type=\"submit\" name=\"action\" value=\"unpublish\" class=\"secondary\">Unpublish</button>") : .empty)
              """
            : """
              <button type="submit" name="action" value="draft" class="secondary" data-lantern="editor-save">Save draft</button>\
              <button type="submit" name="action" value="publish" data-lantern="editor-publish">Publish translation</button>
              """
        return """
            \(statusNote)\(draftNote)\(conflictBox)
            <form method="post" action="\(action)">\(PortalLayout.csrf(csrf))\(base)
            \(languagePicker)
            \(PortalLayout.field("Title", name: "title", value: title, required: true, id: "\(idPrefix)-title"))
            <div class="field"><label for="\(idPrefix)-body">Body</label>
            <textarea id="\(idPrefix)-body" name="description" aria-describedby="\(idPrefix)-body-hint" required data-editor\(upload)>\(body)</textarea>
            <small id="\(idPrefix)-body-hint">HTML such as &lt;p&gt;, &lt;h2&gt;, &lt;ul&gt;, &lt;a href&gt;, &lt;img&gt;. Scripts, styles and event handlers are removed when saved.</small></div>
            \(tagField)\(folderPicker)\(scheduleFields)
            <div class="actions">
            <button type="submit" name="action" value="preview" class="secondary">Preview</button>
            \(buttons)
            </div>
            </form>
            \(previewBox)
            """
    }

    private var draftNote: HTML {
        guard let draft else { return .empty }
        return """
            <div class="warning" role="note"><p>This is a draft, saved by \(draft.agentName) at \(draft.savedAt): visitors still see the published version until it is published.</p>
            <form method="post" action="\(draft.discardAction)" class="inline">\(PortalLayout.csrf(csrf))<input type="hidden" name="language" value="\(draft.language)"><button type="submit" class="secondary">Discard the draft</button></form></div>
            """
    }

    private var conflictBox: HTML {
        guard let conflict else { return .empty }
        return """
            <section class="error conflict" role="alert" aria-labelledby="\(idPrefix)-conflict-h"><h3 id="\(idPrefix)-conflict-h">Someone else saved this article</h3>
            <p>\(conflict.message)</p>
            <p>Your version is in the form below, not saved. <strong>Merge:</strong> copy what you need from their version (shown here) into yours, then save. <strong>Overwrite:</strong> save your version as it is; theirs stays in the history.</p>
            <details open><summary>Their version: \(conflict.theirTitle)</summary><div class="article-body">\(HTML.sanitized(conflict.theirBody))</div></details>
            </section>
            """
    }
}
