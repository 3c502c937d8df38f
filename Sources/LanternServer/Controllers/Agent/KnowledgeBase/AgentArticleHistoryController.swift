import Fluent
import LanternCore
import Vapor

/// `/agent/kb/articles/{id}/history`: an article's revisions (every draft save and publish, each language), two of
/// them side by side (`/compare?from=&to=`), and restoring one as its language's draft.
struct AgentArticleHistoryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let article = routes.grouped("kb", "articles", ":id")
        article.get("history", use: history)
        article.get("compare", use: compare)
        article.post("revisions", ":number", "restore", use: restore)
    }

    @Sendable
    func history(request: Request) async throws -> Response {
        let (agent, article) = try await load(request)
        let articleID = try article.requireID()
        let names = try await AgentService.names(accountID: agent.session.accountID, on: request.db)
        let revisions = try await ArticleRevisionService.revisions(of: articleID, on: request.db)
        let title = try await ArticleStore.translation(of: article, in: article.primaryLanguage, on: request.db)?.title ?? "Article"
        let page = AgentArticleHistoryPage(
            csrf: agent.csrf, articleID: articleID, articleTitle: title,
            revisions: revisions.reversed().map { Self.summary($0, names) })
        let response = AgentPage.render(agent, title: page.title, section: .kb, flash: AgentPage.notice(request), page.content)
        AgentArticleController.allowArticleFiles(response, request)
        return response
    }

    /// Two revisions side by side, block by block; without `from`/`to`, the last two.
    @Sendable
    func compare(request: Request) async throws -> Response {
        let (agent, article) = try await load(request)
        let articleID = try article.requireID()
        let revisions = try await ArticleRevisionService.revisions(of: articleID, on: request.db)
        guard let last = revisions.last else { throw PortalError.notFound("revision") }
        let toNumber = request.queryInt("to") ?? last.number
        let fromNumber = request.queryInt("from") ?? revisions.dropLast().last?.number ?? last.number
        guard let from = revisions.first(where: { $0.number == fromNumber }), let to = revisions.first(where: { $0.number == toNumber })
        else { throw PortalError(status: .notFound, title: "Not found", message: "The article has no revision with this number.") }
        let names = try await AgentService.names(accountID: agent.session.accountID, on: request.db)
        let page = AgentArticleComparePage(articleID: articleID, choices: revisions.reversed().map { ($0.number, "\($0.number) · \($0.kind.rawValue) · \($0.language)") },
                                           old: Self.summary(from, names), new: Self.summary(to, names),
                                           rows: RevisionDiff.rows(old: from.description, new: to.description))
        let response = AgentPage.render(agent, title: page.title, section: .kb, page.content)
        AgentArticleController.allowArticleFiles(response, request)
        return response
    }

    @Sendable
    func restore(request: Request) async throws -> Response {
        let (agent, article) = try await load(request)
        guard let number = request.parameters.get("number", as: Int.self) else { throw PortalError.notFound("revision") }
        let draft: ArticleDraft
        do {
            draft = try await ArticleRevisionService.restore(number, of: article, agentID: try agent.agent.requireID(), baseRevision: nil,
                                                             on: request.db)
        } catch let error as AppError where error.code == .revisionNotFound {
            throw PortalError(status: .notFound, title: "Not found", message: error.message)
        }
        let other = draft.language == article.primaryLanguage ? "" : "lang=\(draft.language)&"
        return seeOther("/agent/kb/articles/\(try article.requireID())?\(other)done=restored")
    }

    private func load(_ request: Request) async throws -> (PortalSessionService.SignedInAgent, Article) {
        let agent = try request.signedInAgent
        guard let article = try await ArticleStore.find(try request.portalID("id", "article"), accountID: agent.session.accountID,
                                                        on: request.db)
        else { throw PortalError.notFound("article") }
        return (agent, article)
    }

    /// A revision as the pages show it; an author without an agent is an admin key or the scheduler.
    private static func summary(_ revision: ArticleRevision, _ names: [Int: String]) -> AgentArticleHistoryPage.Revision {
        AgentArticleHistoryPage.Revision(number: revision.number, kind: revision.kind.rawValue, language: revision.language,
                                         title: revision.title, author: revision.agentID.flatMap { names[$0] } ?? "API key or schedule",
                                         savedAt: PortalLayout.date(revision.createdAt))
    }
}
