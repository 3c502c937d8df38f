import Fluent
import Foundation
import LanternCore
import SQLKit

/// Drafts, revisions and publishing of article translations. Visitors read `article_translations` (the published
/// text); a draft waits in `article_drafts` until it is published. Every draft save and every publish (a direct
/// change counts as one) is a numbered revision. A write names the revision it started from (`base_revision`) to
/// be refused with `409 edit_conflict` when someone else saved the translation after it. Writes of one article are
/// serialised by its row (`lock`), so numbering and the conflict check hold across server processes.
enum ArticleRevisionService {
    /// A draft's text as sent: a missing field keeps the draft's (or the published translation's) text.
    struct DraftChange: Sendable {
        var title: String?
        var description: String?
    }

    // MARK: Reading

    static func draft(of articleID: Int, language: String, on db: any Database) async throws -> ArticleDraft? {
        try await ArticleDraft.query(on: db).filter(\.$articleID == articleID).filter(\.$language == language).first()
    }

    /// The article's revisions, oldest first; only those of `language` when given.
    static func revisions(of articleID: Int, language: String? = nil, on db: any Database) async throws -> [ArticleRevision] {
        var query = ArticleRevision.query(on: db).filter(\.$articleID == articleID)
        if let language { query = query.filter(\.$language == language) }
        return try await query.sort(\.$number).all()
    }

    static func revision(_ number: Int, of articleID: Int, on db: any Database) async throws -> ArticleRevision {
        guard let revision = try await ArticleRevision.query(on: db).filter(\.$articleID == articleID).filter(\.$number == number).first()
        else { throw AppError.revisionNotFound }
        return revision
    }

    /// The number of the translation's latest revision (0 when it has none): what an editor sends back as
    /// `base_revision`.
    static func latestNumber(of articleID: Int, language: String, on db: any Database) async throws -> Int {
        try await ArticleRevision.query(on: db).filter(\.$articleID == articleID).filter(\.$language == language)
            .sort(\.$number, .descending).first()?.number ?? 0
    }

    // MARK: Writing

    /// Saves the draft of the translation in `language` (made from the published text, or from `change` alone when
    /// the article has no such translation yet) and records it as a revision.
    @discardableResult
    static func saveDraft(_ article: Article, language: String, change: DraftChange, agentID: Int?, baseRevision: Int?,
                          on db: any Database) async throws -> ArticleDraft {
        let articleID = try article.requireID()
        return try await db.writeTransaction { db in
            try await lock(articleID, on: db)
            try await checkBase(baseRevision, articleID: articleID, language: language, agentID: agentID, on: db)
            let existing = try await draft(of: articleID, language: language, on: db)
            let published = try await ArticleStore.translation(of: article, in: language, on: db)
            guard let title = change.title ?? existing?.title ?? published?.title,
                  let description = change.description ?? existing?.description ?? published?.description else {
                var errors = FieldErrors()
                if change.title == nil { errors.add("title", "is required for the first draft of a new translation") }
                if change.description == nil { errors.add("description", "is required for the first draft of a new translation") }
                try errors.throwIfAny()
                throw AppError.translationNotFound
            }
            let draft = existing ?? ArticleDraft(accountID: article.accountID, articleID: articleID, language: language)
            let revision = try await record(article, kind: .draft, language: language, title: title, description: description,
                                            agentID: agentID, on: db)
            draft.title = title
            draft.description = description
            draft.agentID = agentID
            draft.revision = revision.number
            draft.updatedAt = revision.createdAt ?? Date()
            try await draft.save(on: db)
            return draft
        }
    }

    /// Drops the waiting draft of `language`; `404 draft_not_found` when there is none.
    static func discardDraft(_ article: Article, language: String, on db: any Database) async throws {
        let articleID = try article.requireID()
        try await db.writeTransaction { db in
            guard let draft = try await draft(of: articleID, language: language, on: db) else { throw AppError.draftNotFound }
            try await draft.delete(on: db)
        }
    }

    /// Publishes the draft of `language` (its text becomes the translation's, as a new revision) and the article
    /// with it. Without a draft, publishes the article as it is.
    static func publish(_ article: Article, language: String, agentID: Int?, baseRevision: Int?, on db: any Database) async throws {
        let articleID = try article.requireID()
        try await db.writeTransaction { db in
            try await lock(articleID, on: db)
            try await checkBase(baseRevision, articleID: articleID, language: language, agentID: agentID, on: db)
            if let draft = try await draft(of: articleID, language: language, on: db) {
                try await publish(draft, of: article, agentID: agentID, on: db)
            } else if try await ArticleStore.translation(of: article, in: language, on: db) == nil {
                throw AppError.draftNotFound
            }
            if article.status != .published {
                article.statusCode = Article.Status.published.rawValue
                article.updatedAt = Date()
                try await article.save(on: db)
            }
        }
    }

    /// Makes revision `number` the draft of its language (a new draft revision).
    @discardableResult
    static func restore(_ number: Int, of article: Article, agentID: Int?, baseRevision: Int?, on db: any Database) async throws -> ArticleDraft {
        let old = try await revision(number, of: try article.requireID(), on: db)
        return try await saveDraft(article, language: old.language, change: DraftChange(title: old.title, description: old.description),
                                   agentID: agentID, baseRevision: baseRevision, on: db)
    }

    // MARK: Within a writing transaction

    /// Locks the article's row until the transaction ends (PostgreSQL; SQLite's write transactions are serial anyway),
    /// so that concurrent saves of one article are numbered and checked one after the other.
    static func lock(_ articleID: Int, on db: any Database) async throws {
        let rows = try await db.sql.raw("UPDATE articles SET revision_count = revision_count WHERE id = \(bind: articleID) RETURNING id").all()
        guard !rows.isEmpty else { throw AppError.articleNotFound }
    }

    /// `409 edit_conflict` when someone other than `agentID` saved the translation after revision `base`; `422`
    /// when the article has no such revision.
    static func checkBase(_ base: Int?, articleID: Int, language: String, agentID: Int?, on db: any Database) async throws {
        guard let base else { return }
        let count = try await db.sql.raw("SELECT revision_count FROM articles WHERE id = \(bind: articleID)").first()?
            .decode(column: "revision_count", as: Int.self) ?? 0
        guard base >= 0, base <= count else {
            throw AppError.validation(["base_revision": "is not a revision of this article (the latest is \(count))"])
        }
        let newer = try await ArticleRevision.query(on: db).filter(\.$articleID == articleID).filter(\.$language == language)
            .filter(\.$number > base).all()
        guard let blocking = EditConflictRule.blocking(newer: newer.map { .init(number: $0.number, agentID: $0.agentID) }, saver: agentID),
              let revision = newer.first(where: { $0.number == blocking.number }) else { return }
        var who = "Someone using an admin API key"
        if let agentID = revision.agentID, let agent = try await Agent.find(agentID, on: db) { who = agent.name }
        let when = (revision.createdAt ?? Date()).formatted(.iso8601)
        let latest = newer.map(\.number).max() ?? blocking.number
        throw AppError(.editConflict, "\(who) saved this article (\(language)) at \(when), as revision \(revision.number), after revision \(base) that this change started from. Merge their version with yours, or overwrite it by saving again with base_revision \(latest).")
    }

    /// Records a revision of the translation in `language`, numbered after the article's last one.
    @discardableResult
    static func record(_ article: Article, kind: ArticleRevision.Kind, language: String, title: String, description: String,
                       agentID: Int?, on db: any Database) async throws -> ArticleRevision {
        let articleID = try article.requireID()
        let row = try await db.sql.raw("UPDATE articles SET revision_count = revision_count + 1 WHERE id = \(bind: articleID) RETURNING revision_count").first()
        guard let number = try row?.decode(column: "revision_count", as: Int.self) else { throw AppError.articleNotFound }
        let revision = ArticleRevision(accountID: article.accountID, articleID: articleID, number: number, kind: kind, language: language,
                                       title: title, description: description, agentID: agentID)
        try await revision.create(on: db)
        return revision
    }

    /// Makes `draft` the published text of its translation (creating the translation if the article has none in its
    /// language) and drops it.
    static func publish(_ draft: ArticleDraft, of article: Article, agentID: Int?, on db: any Database) async throws {
        if let translation = try await ArticleStore.translation(of: article, in: draft.language, on: db) {
            translation.setContent(title: draft.title, description: draft.description)
            try await translation.save(on: db)
        } else {
            try await ArticleTranslation(accountID: article.accountID, articleID: try article.requireID(), language: draft.language,
                                         title: draft.title, description: draft.description).create(on: db)
        }
        try await record(article, kind: .published, language: draft.language, title: draft.title, description: draft.description,
                         agentID: agentID, on: db)
        try await draft.delete(on: db)
    }
}
