import Foundation
import LanternCore
import Testing
@testable import LanternServer

/// The knowledge-base and feedback pages of the agent portal, rendered from hand-made page models.
@Suite("Knowledge base views")
struct KnowledgeBaseViewTests {
    static let hostile = "<script>x</script>"
    static let escaped = "&lt;script&gt;x&lt;/script&gt;"

    @Test("The start page lists categories and folders, escaped, with their badges and article counts")
    func startPage() {
        let page = AgentKnowledgeBasePage(csrf: "token-1", categories: [
            .init(id: 3, name: "Cat \(Self.hostile)", description: "About \(Self.hostile)", folders: [
                .init(id: 8, name: "Folder \(Self.hostile)", visibility: .selectedCompanies, articleCount: 12),
            ]),
            .init(id: 4, name: "Empty", description: "", folders: []),
        ])
        let html = page.content.description
        #expect(!html.contains(Self.hostile))
        #expect(html.contains("<a href=\"/agent/kb/categories/3\">Cat \(Self.escaped)</a>"))
        #expect(html.contains("<p class=\"muted\">About \(Self.escaped)</p>"))
        #expect(html.contains("<li><a href=\"/agent/kb/folders/8\">Folder \(Self.escaped)</a> <span class=\"badge\">Selected companies</span> <span class=\"muted\">12 articles</span></li>"))
        #expect(html.contains("<p class=\"muted\">No folders.</p>"))
        #expect(html.contains("<form method=\"post\" action=\"/agent/kb/categories\" class=\"\"><input type=\"hidden\" name=\"csrf_token\" value=\"token-1\">"))
        #expect(html.contains("<button type=\"submit\">Create category</button>"))
        #expect(page.title == "Knowledge base")
        #expect(page.errorMessage == nil)
    }

    @Test("A refused new category comes back filled in, with the problems named")
    func startPageWithProblems() {
        var page = AgentKnowledgeBasePage(csrf: "t", categories: [])
        page.newName = "\"quoted\" \(Self.hostile)"
        page.newDescription = "Kept"
        page.errors = ["name": "must not be blank", "description": "must be at most 2000 characters"]
        let html = page.content.description
        #expect(html.contains("<p>No categories yet.</p>"))
        #expect(html.contains("name=\"name\" type=\"text\" value=\"&quot;quoted&quot; \(Self.escaped)\" required>"))
        #expect(html.contains("name=\"description\" type=\"text\" value=\"Kept\">"))
        #expect(page.errorMessage == "Please correct: Body / description must be at most 2000 characters; Name must not be blank.")
    }

    @Test("The category page: its folders, the new-folder form with visibility and companies, edit and delete")
    func categoryPage() {
        var fields = AgentFolderFields()
        fields.name = "Draft \(Self.hostile)"
        fields.visibility = FolderVisibility.selectedCompanies.rawValue
        fields.companies = [(id: 5, name: "Acme \(Self.hostile)"), (id: 6, name: "Beta")]
        fields.selectedCompanyIDs = [6]
        let page = AgentCategoryPage(csrf: "t", id: 7, name: "Billing \(Self.hostile)", description: "Money",
                                     folders: [.init(id: 9, name: "Invoices", visibility: .agents)], newFolder: fields)
        let html = page.content.description
        #expect(!html.contains(Self.hostile))
        #expect(page.title == "Billing \(Self.hostile)")
        #expect(html.contains("<h1>Category: Billing \(Self.escaped)</h1>"))
        #expect(html.contains("<li><a href=\"/agent/kb/folders/9\">Invoices</a> <span class=\"badge\">Agents only</span></li>"))
        #expect(html.contains("action=\"/agent/kb/categories/7/folders\""))
        #expect(html.contains("id=\"folder-name\" name=\"name\" type=\"text\" value=\"Draft \(Self.escaped)\" required>"))
        #expect(html.contains("<input type=\"radio\" name=\"visibility\" id=\"vis-4\" value=\"4\" checked><label for=\"vis-4\">Selected companies</label>"))
        #expect(html.contains("<input type=\"radio\" name=\"visibility\" id=\"vis-1\" value=\"1\"><label for=\"vis-1\">All users</label>"))
        #expect(html.contains("<input type=\"checkbox\" id=\"f-company_ids-5\" name=\"company_ids\" value=\"5\"><label for=\"f-company_ids-5\">Acme \(Self.escaped)</label>"))
        #expect(html.contains("<input type=\"checkbox\" id=\"f-company_ids-6\" name=\"company_ids\" value=\"6\" checked>"))
        #expect(!html.contains("name=\"category_id\""))
        #expect(html.contains("id=\"cat-name\" name=\"name\" type=\"text\" value=\"Billing \(Self.escaped)\" required>"))
        #expect(html.contains("action=\"/agent/kb/categories/7/delete\""))
        #expect(html.contains("Delete category, its folders and articles"))
    }

    @Test("Without companies the folder form links to the companies page")
    func folderFieldsWithoutCompanies() {
        let html = AgentFolderFields().html.description
        #expect(html.contains("<p class=\"muted\">No companies yet: <a href=\"/agent/companies\">add one</a> to limit a folder to it.</p>"))
        #expect(html.contains("id=\"vis-1\" value=\"1\" checked>"))
        #expect(!html.contains("type=\"checkbox\""))
    }

    @Test("The folder page: its articles with status, languages and feedback, the settings and delete forms")
    func folderPage() {
        var settings = AgentFolderFields(name: "Guides", visibility: 2)
        settings.categories = [(id: 1, name: "First"), (id: 2, name: "Second \(Self.hostile)")]
        settings.categoryID = 2
        var page = AgentFolderPage(csrf: "t", id: 11, name: "Guides \(Self.hostile)", visibility: .loggedInUsers, categoryID: 2,
                                   categoryName: nil, articles: [
                                       .init(id: 21, title: "How to \(Self.hostile)", published: true, languages: ["en", "fr"],
                                             thumbsUp: 3, thumbsDown: 1),
                                       .init(id: 22, title: nil, published: false, languages: [], thumbsUp: 0, thumbsDown: 0),
                                   ], settings: settings)
        page.errors = ["category_id": "is not a category of this account"]
        let html = page.content.description
        #expect(!html.contains(Self.hostile))
        #expect(html.contains("<a href=\"/agent/kb/categories/2\">Category</a> ›"))
        #expect(html.contains("<h1>Folder: Guides \(Self.escaped)</h1>"))
        #expect(html.contains("<p><span class=\"badge\">Logged-in users</span></p>"))
        #expect(html.contains("<a class=\"button\" href=\"/agent/kb/folders/11/articles/new\">New article</a>"))
        #expect(html.contains("<tr><td><a href=\"/agent/kb/articles/21\">How to \(Self.escaped)</a></td>\n<td>Published</td>\n<td>en, fr</td>"))
        #expect(html.contains("<a href=\"/agent/kb/articles/21/feedback\">3 helpful · 1 not helpful</a>"))
        #expect(html.contains("<a href=\"/agent/kb/articles/22\">(untitled)</a></td>\n<td>Draft</td>"))
        #expect(html.contains("<option value=\"2\" selected>Second \(Self.escaped)</option>"))
        #expect(html.contains("action=\"/agent/kb/folders/11/delete\""))
        #expect(page.errorMessage == "Please correct: Category is not a category of this account.")
    }

    @Test("The new-article editor offers the languages; a preview is sanitised, the body escaped in the textarea")
    func newArticlePage() {
        var editor = AgentArticleEditor(action: "/agent/kb/folders/4/articles", csrf: "t", idPrefix: "new", language: "fr")
        editor.title = "T \(Self.hostile)"
        editor.body = "<p>Body</p><script>alert(2)</script>"
        editor.tags = "a, b"
        editor.languages = ["en", "fr"]
        editor.preview = editor.body
        let page = AgentNewArticlePage(folderID: 4, folderName: "Folder \(Self.hostile)", editor: editor)
        let html = page.content.description
        #expect(!html.contains(Self.hostile))
        #expect(!html.contains("<script>alert(2)"))
        #expect(html.contains("<p><a href=\"/agent/kb/folders/4\">Folder \(Self.escaped)</a> ›</p>"))
        #expect(html.contains("<form method=\"post\" action=\"/agent/kb/folders/4/articles\"><input type=\"hidden\" name=\"csrf_token\" value=\"t\">"))
        #expect(html.contains("<option value=\"fr\" selected>fr</option>"))
        #expect(html.contains("required data-editor>&lt;p&gt;Body&lt;/p&gt;&lt;script&gt;alert(2)&lt;/script&gt;</textarea>"))
        #expect(html.contains("<script src=\"/assets/editor.js\" defer></script>"))
        #expect(html.contains("<h3 id=\"new-preview-h\">Preview (as customers will see it)</h3><div class=\"article-body\"><p>Body</p></div>"))
        #expect(html.contains("id=\"new-tags\" name=\"tags\" type=\"text\" value=\"a, b\">"))
        #expect(html.contains("<button type=\"submit\" name=\"action\" value=\"publish\" data-lantern=\"editor-publish\">Publish</button>"))
        #expect(html.contains("<button type=\"submit\" name=\"action\" value=\"draft\" class=\"secondary\" data-lantern=\"editor-save\">Save draft</button>"))
        #expect(!html.contains("Status:"))
        #expect(!html.contains("data-editor-upload"))
        #expect(page.title == "New article")
    }

    @Test("The article page shows the primary version and the chosen translation side by side")
    func articlePage() {
        let primary = AgentArticleEditor(action: "/agent/kb/articles/30", csrf: "t", idPrefix: "pr", language: "en", title: "Pricing",
                                         body: "<p>Prices</p>", tags: "billing", folders: [(id: 1, category: "Billing", folder: "FAQ \(Self.hostile)"), (id: 2, category: "Billing", folder: "Guides")],
                                         folderID: 2, published: true)
        let translation = AgentArticlePage.Translation(
            language: "de", isNew: true, choices: [(language: "de", translated: false), (language: "fr", translated: true)],
            editor: AgentArticleEditor(action: "/agent/kb/articles/30/translations/de", csrf: "t", idPrefix: "tr", language: "de",
                                       primary: false))
        let page = AgentArticlePage(csrf: "t", id: 30, folderID: 2, primaryTitle: "Pricing \(Self.hostile)", primaryLanguage: "en",
                                    thumbsUp: 4, thumbsDown: 2, primary: primary, translation: translation)
        let html = page.content.description
        #expect(!html.contains(Self.hostile))
        #expect(page.title == "Pricing \(Self.hostile)")
        #expect(html.contains("<a href=\"/agent/kb/articles/30/feedback\">Feedback (4 helpful · 2 not helpful)</a>"))
        #expect(html.contains("<h2 id=\"pr-h\">Primary version: en</h2>"))
        #expect(html.contains("<p>Status: <span class=\"badge\">Published</span></p>"))
        #expect(html.contains("<option value=\"1\">Billing › FAQ \(Self.escaped)</option><option value=\"2\" selected>Billing › Guides</option>"))
        #expect(html.contains("<h2 id=\"tr-h\">Translation: de (new)</h2>"))
        #expect(html.contains("<option value=\"de\" selected>de (not translated yet)</option><option value=\"fr\">fr</option>"))
        #expect(html.contains("action=\"/agent/kb/articles/30/translations/de\""))
        #expect(html.contains("<button type=\"submit\" name=\"action\" value=\"publish\" data-lantern=\"editor-publish\">Publish translation</button>"))
        #expect(html.contains("action=\"/agent/kb/articles/30/delete\""))
        #expect(!html.contains("Preview (as customers will see it)"))
    }

    @Test("An account with one language has no translation pane; an article without text is called Article")
    func articlePageWithoutTranslations() {
        let primary = AgentArticleEditor(action: "/agent/kb/articles/5", csrf: "t", idPrefix: "pr", language: "en", published: false)
        let page = AgentArticlePage(csrf: "t", id: 5, folderID: 1, primaryTitle: nil, primaryLanguage: "en", thumbsUp: 0, thumbsDown: 0,
                                    primary: primary, translation: nil)
        let html = page.content.description
        #expect(page.title == "Article")
        #expect(html.contains("<h1>Article</h1>"))
        #expect(html.contains("<section class=\"card\"><h2>Translations</h2><p>The account has no other language.</p></section>"))
        #expect(html.contains("<p>Status: <span class=\"badge\">Draft</span></p>"))
        #expect(!html.contains("lang-switch"))
    }

    @Test("The feedback page names voters (escaped) or says anonymous, and links to older votes")
    func feedbackPage() {
        let page = AgentArticleFeedbackPage(
            articleID: 12, articleTitle: "Unclear \(Self.hostile)", thumbsUp: 1, thumbsDown: 1, votes: [
                .init(helpful: false, voter: .init(contactID: 40, name: "Vera \(Self.hostile)", email: "vera@voters.example"),
                      createdAt: Date(timeIntervalSince1970: 0)),
                .init(helpful: true, voter: nil, createdAt: Date(timeIntervalSince1970: 60)),
                .init(helpful: false, voter: nil, createdAt: Date(timeIntervalSince1970: 120), reason: "Outdated",
                      comment: "Old \(Self.hostile)", ticketID: 7),
            ], nextPage: 3)
        let html = page.content.description
        #expect(!html.contains(Self.hostile))
        #expect(html.contains("<h1>Feedback: Unclear \(Self.escaped)</h1>"))
        #expect(html.contains("<p><strong>1</strong> found it helpful · <strong>1</strong> did not.</p>"))
        #expect(html.contains("<tr><td>Not helpful</td><td><a href=\"/agent/contacts/40\">Vera \(Self.escaped)</a> <span class=\"muted\">vera@voters.example</span></td><td></td><td>1970-01-01 00:00:00 UTC</td></tr>"))
        #expect(html.contains("<tr><td>Helpful</td><td><span class=\"muted\">Anonymous</span></td><td></td><td>1970-01-01 00:01:00 UTC</td></tr>"))
        #expect(html.contains("<td><strong data-feedback-reason>Outdated</strong><br><q data-feedback-comment>Old \(Self.escaped)</q><br><a href=\"/agent/tickets/7\">Ticket #7</a></td>"))
        #expect(html.contains("<p><a href=\"/agent/kb/articles/12/feedback?page=3\">Older votes</a></p>"))
        #expect(page.title == "Feedback")
    }

    @Test("Without votes the feedback page and the report say so")
    func noVotes() {
        let feedback = AgentArticleFeedbackPage(articleID: 1, articleTitle: "A", thumbsUp: 0, thumbsDown: 0, votes: []).content.description
        #expect(feedback.contains("<p>No votes yet.</p>"))
        #expect(!feedback.contains("Older votes"))
        #expect(!feedback.contains("<table>"))
        let report = AgentLeastHelpfulPage(rows: []).content.description
        #expect(report.contains("<p>No votes yet.</p>"))
        #expect(!report.contains("<table>"))
    }

    @Test("The report lists the least helpful articles with their helpful share")
    func leastHelpfulReport() {
        let page = AgentLeastHelpfulPage(rows: [
            .init(articleID: 7, title: "Bad \(Self.hostile)", thumbsUp: 1, thumbsDown: 3),
            .init(articleID: 8, title: "Fine", thumbsUp: 2, thumbsDown: 1),
        ])
        let html = page.content.description
        #expect(!html.contains(Self.hostile))
        #expect(html.contains("<tr><td><a href=\"/agent/kb/articles/7/feedback\">Bad \(Self.escaped)</a></td>\n<td>1</td><td>3</td><td>25%</td></tr>"))
        #expect(html.contains("<td>2</td><td>1</td><td>66%</td>"))
        #expect(page.title == "Least helpful articles")
    }

    @Test("The error box names the fields as the forms label them, in alphabetical order of the field")
    func errorSummary() {
        #expect(FormErrorSummary.text(nil) == nil)
        #expect(FormErrorSummary.text([:]) == nil)
        #expect(FormErrorSummary.text(["visibility": "must be 1", "company_ids": "must name at least one company", "custom": "is odd"])
                == "Please correct: Companies must name at least one company; custom is odd; Visibility must be 1.")
    }

    @Test("An article's editor: upload URL, base revision, schedule, its draft with the discard button, a conflict with their version")
    func editorWithDraftAndConflict() {
        var editor = AgentArticleEditor(action: "/agent/kb/articles/9", csrf: "tok", idPrefix: "pr", language: "en", title: "T", body: "<p>Mine</p>",
                                        published: true)
        editor.uploadURL = "/agent/kb/articles/9/attachments"
        editor.baseRevision = 12
        editor.schedule = ("2030-01-31T09:00", "")
        editor.draft = .init(agentName: "Ana \(Self.hostile)", savedAt: "2026-01-01 10:00:00 UTC", discardAction: "/agent/kb/articles/9/draft/discard", language: "en")
        editor.conflict = .init(message: "Bea saved \(Self.hostile)", theirTitle: "Theirs", theirBody: "<p>Their text</p><script>x()</script>")
        let html = editor.html.description
        #expect(!html.contains(Self.hostile))
        #expect(!html.contains("<script>x()"))
        #expect(html.contains("data-editor data-editor-upload=\"/agent/kb/articles/9/attachments\" data-editor-csrf=\"tok\">"))
        #expect(html.contains("<input type=\"hidden\" name=\"base_revision\" value=\"12\">"))
        #expect(html.contains("id=\"pr-publish-at\" name=\"publish_at\" type=\"datetime-local\" value=\"2030-01-31T09:00\""))
        #expect(html.contains("This is a draft, saved by Ana \(Self.escaped) at 2026-01-01 10:00:00 UTC"))
        #expect(html.contains("<form method=\"post\" action=\"/agent/kb/articles/9/draft/discard\" class=\"inline\">"))
        #expect(html.contains("<p>Bea saved \(Self.escaped)</p>"))
        #expect(html.contains("<summary>Their version: Theirs</summary><div class=\"article-body\"><p>Their text</p></div>"))
        #expect(html.contains("value=\"unpublish\""))
    }

    @Test("The history lists revisions newest first with restore buttons; the comparison shows both sides block by block")
    func historyAndCompare() {
        let history = AgentArticleHistoryPage(csrf: "t", articleID: 4, articleTitle: "Help \(Self.hostile)", revisions: [
            .init(number: 2, kind: "draft", language: "fr", title: "Aide \(Self.hostile)", author: "Ana", savedAt: "2026-01-02 00:00:00 UTC"),
            .init(number: 1, kind: "published", language: "en", title: "Help", author: "API key or schedule", savedAt: "2026-01-01 00:00:00 UTC"),
        ])
        let html = history.content.description
        #expect(!html.contains(Self.hostile))
        #expect(html.contains("<tr><td>2</td><td><span class=\"badge\">Draft</span></td><td>fr</td><td>Aide \(Self.escaped)</td><td>Ana</td>"))
        #expect(html.contains("action=\"/agent/kb/articles/4/revisions/1/restore\""))
        #expect(html.contains("<option value=\"1\" selected>1 · published · en</option>"))
        let compare = AgentArticleComparePage(
            articleID: 4, choices: [(2, "2"), (1, "1")],
            old: .init(number: 1, kind: "published", language: "en", title: "Help", author: "Ana", savedAt: "x"),
            new: .init(number: 2, kind: "draft", language: "en", title: "Help", author: "Ana", savedAt: "y"),
            rows: RevisionDiff.rows(old: "<p>Same</p><p>Old</p>", new: "<p>Same</p><p>New</p><p>Added</p><script>x()</script>"))
        let diff = compare.content.description
        #expect(!diff.contains("<script>x()"))
        #expect(diff.contains("<div class=\"diff-row diff-same\" role=\"row\"><div class=\"diff-cell article-body\" role=\"cell\"><p>Same</p></div><div class=\"diff-cell article-body\" role=\"cell\"><p>Same</p></div></div>"))
        #expect(diff.contains("<div class=\"diff-row diff-changed\" role=\"row\"><div class=\"diff-cell article-body\" role=\"cell\"><span class=\"visually-hidden\">Changed: </span><p>Old</p></div>"))
        #expect(diff.contains("<div class=\"diff-row diff-added\" role=\"row\"><div class=\"diff-cell article-body\" role=\"cell\"></div><div class=\"diff-cell article-body\" role=\"cell\"><span class=\"visually-hidden\">Added: </span><p>Added</p></div></div>"))
    }
}
