import Foundation
import Vapor

/// One revision in an article's history (`GET /api/v2/solutions/articles/{id}/revisions`).
struct RevisionDTO: Content {
    let number: Int
    let kind: String
    let language: String
    let agent_id: Int?
    let created_at: Date?

    init(_ revision: ArticleRevision) {
        number = revision.number
        kind = revision.kind.rawValue
        language = revision.language
        agent_id = revision.agentID
        created_at = revision.createdAt
    }

    /// One revision with its text (`GET …/revisions/{n}`).
    struct Full: Content {
        let number: Int
        let kind: String
        let language: String
        let agent_id: Int?
        let created_at: Date?
        let title: String
        /// Sanitised HTML.
        let description: String

        init(_ revision: ArticleRevision) {
            number = revision.number
            kind = revision.kind.rawValue
            language = revision.language
            agent_id = revision.agentID
            created_at = revision.createdAt
            title = revision.title
            description = revision.description
        }
    }
}
