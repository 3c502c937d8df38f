import Foundation
import Vapor

/// One revision of an article: in the history (`GET /api/v2/solutions/articles/{id}/revisions`) without its text,
/// alone (`GET …/revisions/{n}`) with `title` and `description`.
struct RevisionDTO: Content {
    let number: Int
    let kind: String
    let language: String
    let agent_id: JSONNullable<Int>
    let created_at: Date?
    /// Only with one revision.
    let title: String?
    /// Sanitised HTML; only with one revision.
    let description: String?

    init(_ revision: ArticleRevision, withText: Bool) {
        number = revision.number
        kind = revision.kind.rawValue
        language = revision.language
        agent_id = JSONNullable(revision.agentID)
        created_at = revision.createdAt
        title = withText ? revision.title : nil
        description = withText ? revision.description : nil
    }
}
