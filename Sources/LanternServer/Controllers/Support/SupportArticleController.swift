import Vapor

/// `/support/solutions/articles/{id}`, which counts a hit (`ArticleViewService`), and its "Was this article helpful?"
/// vote (`VoteService`: one counted vote per reader, a signed-in customer by their contact, an anonymous one by the
/// visitor id of a cookie).
struct SupportArticleController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("solutions", "articles", ":id", use: article)
        routes.post("solutions", "articles", ":id", "vote", use: vote)
    }

    static let notVisible = PortalError(status: .notFound, title: "Not found", message: "This article does not exist or you may not see it.")

    @Sendable
    func article(request: Request) async throws -> Response {
        let context = try request.supportContext
        let id = try request.portalID("id", "article")
        guard let article = try await KnowledgeBaseReader.article(id, scope: context.scope, on: request.db) else { throw Self.notVisible }
        request.recordSupportEvent(.articleView) { $0.articleID = id }
        // An anonymous reader is known by their visitor cookie when they have one (no cookie is set here), else by address.
        let visitorID = context.customer == nil ? try? VoteService.visitorID(request.cookies[Self.visitorCookie]?.string) : nil
        await ArticleViewService.recordQuietly(articleID: id, by: .first(contactID: context.customer?.contact.id, visitorID: visitorID,
                                                                        address: request.clientAddress), request: request)
        var body = article.description
        if let customer = context.customer {
            body = try await ArticleAttachmentService.granted(body, contactID: customer.contact.id, accountID: context.scope.accountID,
                                                              on: request.db)
        }
        let page = SupportArticlePage(frame: context.frame(for: request), id: id, language: article.language, title: article.title,
                                      body: body, fallback: article.fallback, thumbsUp: article.thumbsUp,
                                      thumbsDown: article.thumbsDown, voted: request.queryText("done") == "voted",
                                      metaTitle: article.metaTitle, metaDescription: article.metaDescription,
                                      metaKeywords: article.metaKeywords)
        return context.respond(page.render(), to: request)
    }

    @Sendable
    func vote(request: Request) async throws -> Response {
        let context = try request.supportContext
        let form = try await request.collectForm()
        guard !context.newAnonymousCSRF, PortalSessionService.csrfMatches(form["csrf_token"], context.csrf) else { throw PortalError.csrf }
        let id = try request.portalID("id", "article")
        guard try await KnowledgeBaseReader.isVisible(id, scope: context.scope, on: request.db) else { throw Self.notVisible }
        guard let answer = form["helpful"], answer == "yes" || answer == "no" else {
            throw PortalError(status: .unprocessableEntity, title: "No vote", message: "Choose “Yes” or “No”.")
        }
        // An anonymous reader is known by the visitor id of their cookie (a new one when it is missing or not one).
        let kept = context.customer == nil ? try? VoteService.visitorID(request.cookies[Self.visitorCookie]?.string) : nil
        let visitorID = context.customer == nil ? kept ?? VoteService.newVisitorID() : nil
        try await VoteService.vote(articleID: id, accountID: context.scope.accountID, contactID: context.customer?.contact.id,
                                   visitorID: visitorID, address: request.clientAddress, helpful: answer == "yes",
                                   limit: request.application.lantern.voteRateLimit, on: request.db)
        request.recordSupportEvent(.vote) { [answer] in $0.articleID = id; $0.helpful = answer == "yes" }
        let response = seeOther("/support/solutions/articles/\(id)?done=voted")
        if let visitorID, kept == nil {
            response.cookies[Self.visitorCookie] = PortalCookie.make(visitorID, path: "/support", request: request, maxAge: Self.visitorCookieAge)
        }
        return response
    }

    /// The cookie holding an anonymous reader's visitor id, so that voting again replaces their vote.
    static let visitorCookie = "lantern_support_visitor"
    /// A year, in seconds.
    static let visitorCookieAge = 365 * 24 * 60 * 60
}
