import Fluent
import Foundation
import LanternCore

/// Not-helpful answers: the reason and comment a vote may carry (`VoteService.answer`), listed for agents beside
/// the article's votes, and, when the widget asks for it, filed as a ticket of type "Article feedback" so an agent
/// can answer the customer (as Freshdesk does).
enum ArticleFeedbackService {
    static let ticketType = "Article feedback"

    /// An answered vote with its voter.
    struct Answered: Sendable {
        let vote: ArticleVote
        let voter: Contact?
    }

    /// One page of article `articleID`'s answers, newest first.
    static func answers(of articleID: Int, _ page: PageRequest, on db: any Database) async throws -> Page<Answered> {
        let votes = try await ArticleVote.query(on: db).filter(\.$articleID == articleID).filter(\.$answeredAt != nil)
            .sort(\.$answeredAt, .descending).sort(\.$id, .descending).offset(page.offset).limit(page.perPage + 1).all()
        let contactIDs = Set(votes.compactMap(\.contactID))
        let contacts = contactIDs.isEmpty ? [] : try await Contact.query(on: db).filter(\.$id ~~ contactIDs).all()
        let byID = Dictionary(uniqueKeysWithValues: contacts.compactMap { contact in contact.id.map { ($0, contact) } })
        return Page(fetched: votes.map { Answered(vote: $0, voter: $0.contactID.flatMap { byID[$0] }) }, request: page)
    }

    /// Files the answer on `vote` as an "Article feedback" ticket from the signed-in `requester`, naming the
    /// article, unless the vote already has its ticket. The type is added to the account's types when missing.
    static func fileTicket(for vote: ArticleVote, widgetID: Int, requester: ContactRecord, on db: any Database) async throws {
        guard vote.ticketID == nil, let reasonText = vote.reason, let reason = FeedbackReason(rawValue: reasonText),
              let email = EmailAddress(requester.email) else { return }
        var name = "article \(vote.articleID)"
        if let article = try await ArticleStore.find(vote.articleID, accountID: vote.accountID, on: db),
           let title = try await ArticleStore.translation(of: article, in: article.primaryLanguage, on: db)?.title {
            name = title
        }
        var description = "Not helpful: \(reason.label).\n\n"
        if let comment = vote.comment { description += comment + "\n\n" }
        description += "Article: \(name) (#\(vote.articleID)), /agent/kb/articles/\(vote.articleID)"
        let subject = String("Article feedback: \(name)".prefix(255))
        var new = TicketService.NewTicket(accountID: vote.accountID, widgetID: widgetID, contactID: requester.id,
                                          submission: TicketSubmission(name: requester.name, email: email, subject: subject,
                                                                       description: description, verified: true),
                                          requesterIP: nil, attachments: [])
        new.properties.type = ticketType
        new.properties.tags = ["article-feedback", "article-\(vote.articleID)"]
        try await TicketTypeService.ensure(ticketType, accountID: vote.accountID, on: db)
        let ticket = try await TicketService.create(new, limit: nil, on: db)
        vote.ticketID = ticket.id
        try await vote.save(on: db)
    }
}
