import Fluent
import LanternCore
import Vapor

/// `/support`: the customer portal. It reads the knowledge base exactly as the widget does (`ReadingScope` through
/// `KnowledgeBaseReader`), for the portal's widget: `LANTERN_SUPPORT_WIDGET`, or else the oldest widget of the
/// oldest account. Customers sign in by JWT single sign-on with the widget's token policy and shared secret.
struct SupportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let support = routes.grouped("support")
        support.get(use: home)
        support.get("home", use: home)
        support.get("solutions", use: home)
        support.get("solutions", "folders", ":id", use: folder)
        support.get("solutions", "articles", ":id", use: article)
        support.post("solutions", "articles", ":id", "vote", use: vote)
        support.get("search", use: search)
        support.get("login", "jwt", use: login)
        support.post("logout", use: logout)
        support.get("profile", use: profile)
        support.post("profile", use: saveProfile)
        support.get("**") { _ -> Response in throw PortalError(status: .notFound, title: "Not found", message: "There is no such page.") }
    }

    /// Who is reading, in which language, through which widget.
    struct Context: Sendable {
        let widget: Widget
        let account: Account
        let customer: PortalSessionService.SignedInCustomer?
        let scope: ReadingScope
        /// The CSRF token forms carry: the session's, or the anonymous visitor's cookie.
        let csrf: String
        let newAnonymousCSRF: Bool

        static func load(_ request: Request) async throws -> Context {
            let (widget, account) = try await SupportController.portalWidget(request)
            var customer: PortalSessionService.SignedInCustomer? = nil
            if let token = request.cookies[PortalSessionService.customerCookie]?.string {
                customer = try await PortalSessionService.customerSession(token: token, account: account, on: request.db)
            }
            let categoryIDs = try await WidgetCategory.query(on: request.db).filter(\.$widgetID == widget.requireID()).all().map(\.categoryID)
            let language = LanguageResolver(supported: account.supportedLanguages, accountDefault: account.defaultLanguage)
                .resolve(locale: request.queryText("lang"), contactLanguage: customer?.contact.language, widgetDefault: widget.defaultLanguage)
            let scope = ReadingScope(accountID: try account.requireID(), categoryIDs: categoryIDs, viewer: customer?.viewer ?? .anonymous,
                                     language: language, accountLanguages: account.supportedLanguages)
            let anonymous = request.cookies[SupportController.anonymousCSRFCookie]?.string.nilIfEmpty
            return Context(widget: widget, account: account, customer: customer, scope: scope,
                           csrf: customer?.csrf ?? anonymous ?? SecretGenerator.sessionToken(),
                           newAnonymousCSRF: customer == nil && anonymous == nil)
        }

        func page(_ request: Request, title: String, flash: String? = nil, status: HTTPResponseStatus = .ok, _ content: HTML) -> Response {
            let user: HTML
            if let customer {
                user = """
                    <span><a href="/support/profile">\(customer.contact.name)</a> \
                    <form method="post" action="/support/logout" class="inline">\(PortalLayout.csrf(csrf))<button type="submit">Sign out</button></form></span>
                    """
            } else {
                user = .empty
            }
            let searchBox: HTML = """
                <form method="get" action="/support/search" class="search" role="search">
                \(PortalLayout.field("Search the help center", name: "term", value: request.url.path == "/support/search" ? request.queryText("term") ?? "" : "", type: "search", id: "support-search"))
                <button type="submit">Search</button></form>
                """
            var nav: [PortalLayout.NavItem] = [.init(label: "Help center", href: "/support/solutions", current: request.url.path.hasPrefix("/support/solutions"))]
            if customer != nil { nav.append(.init(label: "My profile", href: "/support/profile", current: request.url.path == "/support/profile")) }
            let response = PortalLayout.page(title: title, site: "\(account.name) help center", nav: nav, user: user, flash: flash,
                                             lang: scope.language, searchBox + content).response(status: status)
            if newAnonymousCSRF {
                response.cookies[SupportController.anonymousCSRFCookie] = PortalSessionService.cookie(csrf, path: "/support", request: request, maxAge: nil)
            }
            return response
        }
    }

    static let anonymousCSRFCookie = "lantern_support_csrf"

    /// The portal's widget and its account.
    static func portalWidget(_ request: Request) async throws -> (Widget, Account) {
        var widget: Widget? = nil
        if let id = request.application.portal.supportWidgetID {
            widget = try await Widget.find(id, on: request.db)
        } else {
            widget = try await Widget.query(on: request.db).sort(\.$accountID).sort(\.$id).first()
        }
        guard let widget, let account = try await Account.find(widget.accountID, on: request.db) else {
            throw PortalError(status: .notFound, title: "Help center not set up", message: "This help center has no widget yet.")
        }
        return (widget, account)
    }

    // MARK: Browsing

    @Sendable
    func home(request: Request) async throws -> Response {
        let context = try await Context.load(request)
        let tree = try await KnowledgeBaseReader.tree(context.scope, on: request.db)
        let content: HTML = """
            <h1>How can we help?</h1>
            \(tree.isEmpty ? HTML("<p>No articles yet.</p>") : tree.html { category in
                """
                <section class="card"><h2>\(category.name)</h2><p class="muted">\(category.description)</p>
                <ul>\(category.folders.html { "<li><a href=\"/support/solutions/folders/\($0.id)\">\($0.name)</a> <span class=\"muted\">(\($0.articleCount))</span></li>" })</ul></section>
                """
            })
            """
        return context.page(request, title: "Help center", flash: request.queryText("done") == "signed-out" ? "You are signed out." : nil, content)
    }

    @Sendable
    func folder(request: Request) async throws -> Response {
        let context = try await Context.load(request)
        let id = try request.portalID("id", "folder")
        let tree = try await KnowledgeBaseReader.tree(context.scope, on: request.db)
        guard let folder = tree.flatMap(\.folders).first(where: { $0.id == id }) else {
            throw PortalError(status: .notFound, title: "Not found", message: "This folder does not exist or you may not see it.")
        }
        let page = max(1, min(request.queryInt("page") ?? 1, 10_000))
        let (hits, total) = try await KnowledgeBaseReader.list(context.scope, folderID: id, categoryID: nil,
                                                               page: PageRequest(page: page, perPage: 30), on: request.db)
        let content: HTML = """
            <p><a href="/support/solutions">Help center</a> ›</p>
            <h1>\(folder.name)</h1>
            <p class="muted">\(folder.description)</p>
            \(Self.hitList(hits))
            \(page * 30 < total ? HTML("<p><a href=\"/support/solutions/folders/\(id)?page=\(page + 1)\">More articles</a></p>") : .empty)
            """
        return context.page(request, title: folder.name, content)
    }

    /// Search hits; a snippet is escaped text with `<mark>` around the matches, passed through the sanitiser.
    static func hitList(_ hits: [KnowledgeBaseReader.Hit]) -> HTML {
        "<ul class=\"card\">\(hits.html { "<li><a href=\"/support/solutions/articles/\($0.articleID)\">\($0.title)</a><br><span class=\"muted\">\(HTML.sanitized($0.snippet))</span></li>" })</ul>"
    }

    @Sendable
    func article(request: Request) async throws -> Response {
        let context = try await Context.load(request)
        let id = try request.portalID("id", "article")
        guard let article = try await KnowledgeBaseReader.article(id, scope: context.scope, on: request.db) else {
            throw PortalError(status: .notFound, title: "Not found", message: "This article does not exist or you may not see it.")
        }
        let thanks: HTML = request.queryText("done") == "voted" ? "<p class=\"flash\" role=\"status\">Thank you for your feedback.</p>" : .empty
        let content: HTML = """
            <p><a href="/support/solutions">Help center</a> ›</p>
            <article class="card" lang="\(article.language)"><h1>\(article.title)</h1>
            \(article.fallback ? HTML("<p class=\"muted\">This article is not available in your language yet.</p>") : .empty)
            <div class="article-body">\(HTML.sanitized(article.description))</div></article>
            <section class="card" aria-labelledby="vote-h"><h2 id="vote-h">Was this article helpful?</h2>
            \(thanks)
            <form method="post" action="/support/solutions/articles/\(id)/vote" class="actions">\(PortalLayout.csrf(context.csrf))
            <button type="submit" name="helpful" value="yes">Yes (\(article.thumbsUp))</button>
            <button type="submit" name="helpful" value="no" class="secondary">No (\(article.thumbsDown))</button>
            </form></section>
            """
        return context.page(request, title: article.title, content)
    }

    @Sendable
    func vote(request: Request) async throws -> Response {
        let context = try await Context.load(request)
        let form = try await request.collectForm()
        guard !context.newAnonymousCSRF, PortalSessionService.csrfMatches(form["csrf_token"], context.csrf) else { throw PortalError.csrf }
        let id = try request.portalID("id", "article")
        guard try await KnowledgeBaseReader.isVisible(id, scope: context.scope, on: request.db) else {
            throw PortalError(status: .notFound, title: "Not found", message: "This article does not exist or you may not see it.")
        }
        guard let answer = form["helpful"], answer == "yes" || answer == "no" else {
            throw PortalError(status: .unprocessableEntity, title: "No vote", message: "Choose “Yes” or “No”.")
        }
        try await VoteService.vote(articleID: id, accountID: context.scope.accountID, contactID: context.customer?.contact.id,
                                   helpful: answer == "yes", on: request.db)
        return seeOther("/support/solutions/articles/\(id)?done=voted")
    }

    @Sendable
    func search(request: Request) async throws -> Response {
        let context = try await Context.load(request)
        let term = String((request.queryText("term") ?? "").prefix(500))
        var query = SearchQuery(term)
        var hits: [KnowledgeBaseReader.Hit] = [], total = 0
        if !query.isEmpty {
            let clock = ContinuousClock()
            let started = clock.now
            defer { request.application.metrics.searched(duration: clock.now - started, source: "support") }
            let tools = try await request.searchTools(accountID: context.scope.accountID)
            query = query.corrected(by: tools.corrector)
            (hits, total, _) = try await KnowledgeBaseReader.search(context.scope, query: query, page: PageRequest(page: 1, perPage: 30),
                                                                    index: tools.index, on: request.db)
        }
        let content: HTML = """
            <h1>Search results</h1>
            \(term.isEmpty ? HTML("<p>Type a few words to search.</p>") : hits.isEmpty ? "<p>No articles match “\(term)”.</p>" : "<p>\(total) article\(total == 1 ? "" : "s") for “\(term)”.</p>\(Self.hitList(hits))")
            """
        return context.page(request, title: "Search", content)
    }

    // MARK: Single sign-on and profile

    @Sendable
    func login(request: Request) async throws -> Response {
        let (widget, account) = try await Self.portalWidget(request)
        let jwt = request.queryText("token") ?? ""
        do {
            let (token, _) = try await PortalSessionService.openCustomerSession(widget: widget, account: account, jwt: jwt, on: request.db)
            let next = request.queryText("redirect_to").flatMap { $0.hasPrefix("/support") && !$0.hasPrefix("//") && !$0.contains("\\") ? $0 : nil }
            let response = seeOther(next ?? "/support/solutions")
            response.cookies[PortalSessionService.customerCookie] = PortalSessionService.cookie(token, path: "/support", request: request, maxAge: nil)
            return response
        } catch let rejection as TokenRejection {
            request.application.metrics.tokenRejected(code: rejection.code.rawValue)
            let content: HTML = """
                <h1>Sign-in failed</h1>
                <p>The sign-in link from \(account.name)'s website was refused.</p>
                <p>Reason: <code>\(rejection.code.rawValue)</code> — \(rejection.message)</p>
                <p><a href="/support">Continue to the help center without signing in</a></p>
                """
            return PortalLayout.page(title: "Sign-in failed", site: "\(account.name) help center", content).response(status: .unauthorized)
        }
    }

    @Sendable
    func logout(request: Request) async throws -> Response {
        let context = try await Context.load(request)
        let form = try await request.collectForm()
        guard PortalSessionService.csrfMatches(form["csrf_token"], context.csrf) else { throw PortalError.csrf }
        if let token = request.cookies[PortalSessionService.customerCookie]?.string {
            try await PortalSessionService.closeCustomerSession(token: token, on: request.db)
        }
        let response = seeOther("/support?done=signed-out")
        response.cookies[PortalSessionService.customerCookie] = PortalSessionService.expiredCookie(path: "/support", request: request)
        return response
    }

    @Sendable
    func profile(request: Request) async throws -> Response {
        let context = try await Context.load(request)
        return try renderProfile(request, context: context, flash: request.queryText("done") == "saved" ? "Your preferences are saved." : nil)
    }

    private func renderProfile(_ request: Request, context: Context, flash: String? = nil, error: String? = nil) throws -> Response {
        guard let customer = context.customer else {
            throw PortalError(status: .unauthorized, title: "Not signed in",
                              message: "Sign in on \(context.account.name)'s website first; it brings you back here signed in.")
        }
        let options = [("", "No preference")] + context.account.supportedLanguages.map { code in
            (code, "\(Locale(identifier: code).localizedString(forIdentifier: code)?.capitalized ?? code) (\(code))")
        }
        let content: HTML = """
            <h1>My profile</h1>
            \(error.map { HTML("<p class=\"error\" role=\"alert\">\($0)</p>") } ?? .empty)
            <section class="card">
            <p>\(customer.contact.name) · \(customer.contact.email)</p>
            <form method="post" action="/support/profile">\(PortalLayout.csrf(context.csrf))
            \(PortalLayout.select("Preferred language", name: "language", options: options, selected: customer.contact.language ?? ""))
            <p class="muted">The help center and the help widget show articles in this language when they exist in it.</p>
            <div class="actions"><button type="submit">Save</button></div>
            </form></section>
            """
        return context.page(request, title: "My profile", flash: flash, status: error == nil ? .ok : .unprocessableEntity, content)
    }

    @Sendable
    func saveProfile(request: Request) async throws -> Response {
        let context = try await Context.load(request)
        let form = try await request.collectForm()
        guard let customer = context.customer else { throw PortalError.csrf }
        guard PortalSessionService.csrfMatches(form["csrf_token"], context.csrf) else { throw PortalError.csrf }
        var language: String? = nil
        if let raw = form["language"], !raw.isEmpty {
            var errors = FieldErrors()
            guard let match = errors.language(raw, "language", supported: context.account.supportedLanguages) else {
                return try renderProfile(request, context: context, error: "Choose one of the listed languages.")
            }
            language = match
        }
        guard let contact = try await Contact.find(customer.contact.id, on: request.db) else { throw PortalError.csrf }
        contact.language = language
        try await contact.save(on: request.db)
        return seeOther("/support/profile?done=saved")
    }
}
