import Fluent
import Foundation
import LanternCore
import SQLKit

/// Files uploaded into articles (`article_attachments`): storing them, and deciding who may fetch one. A file of a
/// published article in a folder for all users is public; any other is served only to an agent of the account (the
/// agent portal's file cookie) or to a signed-in customer who may read the article (an `ArticleFileGrant`).
enum ArticleAttachmentService {
    /// Who asks for a file.
    struct Requester: Sendable {
        /// The agent session token of the agent portal's file cookie, if sent.
        var agentToken: String?
        /// The `grant` query parameter, if sent.
        var grant: String?
    }

    /// A file the requester may fetch, and whether anyone may (so it can be cached publicly).
    struct Served: Sendable {
        let file: ArticleAttachment
        let isPublic: Bool
    }

    /// Stores `file` (checked by `ArticleFilePolicy`) with the article.
    static func create(_ article: Article, file: SpooledFile, accepted: AttachmentPolicy.Accepted, agentID: Int?,
                       on db: any Database) async throws -> ArticleAttachment {
        let attachment = ArticleAttachment(accountID: article.accountID, articleID: try article.requireID(),
                                           key: Base64URL.encode(SecretGenerator.randomBytes(16)), filename: accepted.filename,
                                           contentType: accepted.contentType, sha256: file.sha256, data: try file.contents(),
                                           agentID: agentID)
        try await db.writeTransaction { db in try await attachment.create(on: db) }
        return attachment
    }

    /// The file `id` with `key`, if `requester` may fetch it; `nil` (answered 404, never 403) otherwise.
    static func serve(id: Int, key: String, requester: Requester, on db: any Database, now: Date = Date()) async throws -> Served? {
        guard let file = try await ArticleAttachment.find(id, on: db), constantTimeEqual(file.key, key) else { return nil }
        guard let row = try await db.sql.raw("""
            SELECT a.status, f.id AS folder_id, f.visibility, acc.shared_secret FROM articles a
            JOIN solution_folders f ON f.id = a.folder_id JOIN accounts acc ON acc.id = a.account_id
            WHERE a.id = \(bind: file.articleID)
            """).first() else { return nil }
        let published = try row.decode(column: "status", as: Int.self) == Article.Status.published.rawValue
        guard let visibility = FolderVisibility(rawValue: try row.decode(column: "visibility", as: Int.self)) else { return nil }
        if published && visibility == .allUsers { return Served(file: file, isPublic: true) }
        if let token = requester.agentToken, let agent = try await PortalSessionService.agentSession(token: token, on: db, now: now),
           agent.session.accountID == file.accountID {
            return Served(file: file, isPublic: false)
        }
        guard published, let grant = requester.grant,
              let contactID = ArticleFileGrant.verify(grant, accountID: file.accountID, secret: try row.decode(column: "shared_secret", as: String.self),
                                                      now: Int64(now.timeIntervalSince1970)),
              let contact = try await WidgetSessionService.contact(where: "c.id = \(bind: contactID) AND c.account_id = \(bind: file.accountID)", on: db)
        else { return nil }
        let folderID = try row.decode(column: "folder_id", as: Int.self)
        let companies = try await FolderCompany.query(on: db).filter(\.$folderID == folderID).all().map(\.companyID)
        guard VisibilityRule.canSee(visibility, folderCompanyIDs: Set(companies), viewer: .contact(companyIDs: Set(contact.companyIDs)))
        else { return nil }
        return Served(file: file, isPublic: false)
    }

    /// `html` as a signed-in customer gets it: links to article files carry the customer's grant.
    static func granted(_ html: String, contactID: Int, accountID: Int, on db: any Database, now: Date = Date()) async throws -> String {
        guard html.contains(ArticleAttachment.pathPrefix + "/"),
              let secret = try await Account.find(accountID, on: db)?.sharedSecret else { return html }
        let grant = ArticleFileGrant.issue(contactID: contactID, accountID: accountID,
                                           expiresAt: ArticleFileGrant.expiry(now: Int64(now.timeIntervalSince1970)), secret: secret)
        return ArticleFileGrant.apply(grant, to: html, pathPrefix: ArticleAttachment.pathPrefix)
    }

    private static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        return x.count == y.count && zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
