import Foundation

/// What a notification says, in the recipient's language: the subject, the text and the HTML of the four
/// notifications Lantern sends (`Kind`), in English, French, German and Spanish (other languages get English).
public struct MailNotice: Sendable, Equatable {
    /// Which notification, by its setting's name.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// To the requester when a ticket is created (an acknowledgement).
        case requesterTicketCreated = "requester_ticket_created"
        /// To the requester on an agent's public reply.
        case requesterAgentReply = "requester_agent_reply"
        /// To agents on a new ticket.
        case agentsTicketCreated = "agents_ticket_created"
        /// To agents on a customer's reply.
        case agentsCustomerReply = "agents_customer_reply"

        /// Whether it goes to the requester (with the reply address) rather than to agents.
        public var toRequester: Bool { self == .requesterTicketCreated || self == .requesterAgentReply }
        /// Whether a person wrote it (an agent's reply), rather than Lantern (`Auto-Submitted: auto-generated`).
        public var isAutomatic: Bool { self != .requesterAgentReply }
    }

    /// What the notice is about.
    public struct Ticket: Sendable {
        public var id: Int
        public var subject: String
        public var requesterName: String
        public var requesterEmail: String
        /// The entry the notice carries (the description or the reply) as text, and as sanitised HTML.
        public var bodyText: String
        public var bodyHTML: String
        /// The ticket's page for the recipient (`/support/tickets/{id}` or `/agent/tickets/{id}`), absolute.
        public var link: String

        public init(id: Int, subject: String, requesterName: String, requesterEmail: String, bodyText: String,
                    bodyHTML: String, link: String) {
            self.id = id
            self.subject = subject
            self.requesterName = requesterName
            self.requesterEmail = requesterEmail
            self.bodyText = bodyText
            self.bodyHTML = bodyHTML
            self.link = link
        }
    }

    public let subject: String
    public let text: String
    public let html: String

    /// The languages with their own texts.
    public static let languages = ["en", "fr", "de", "es"]

    /// The first of `preferences` (a contact's language, then the account's) that has texts; else English.
    public static func language(_ preferences: [String?]) -> String {
        for preference in preferences.compactMap({ $0?.lowercased() }) {
            let base = String(preference.split(separator: "-").first ?? "")
            if languages.contains(base) { return base }
        }
        return "en"
    }

    public init(_ kind: Kind, language: String, ticket: Ticket) {
        let words = Words.forLanguage(language)
        let escape = HTMLSanitizer.escape
        let reference = "[#\(ticket.id)]"
        func paragraph(_ text: String) -> String { "<p>" + escape(text) + "</p>" }
        let anchor = "<a href=\"\(escape(ticket.link))\">\(escape(ticket.link))</a>"
        /// A sentence about the link, with the link in it.
        func linked(_ sentence: (String) -> String) -> String {
            let token = "\u{1}link\u{1}"
            return "<p>" + escape(sentence(token)).replacingOccurrences(of: token, with: anchor) + "</p>"
        }
        let marker = ReplyTrimmer.marker(words.replyAbove)
        let markerHTML = "<div style=\"color:#888\">\(escape(marker))</div>"
        switch kind {
        case .requesterTicketCreated:
            subject = "\(reference) \(ticket.subject)"
            let lines = [words.hello(ticket.requesterName), words.received(ticket.subject, ticket.id), words.follow(ticket.link)]
            text = ([marker] + lines).joined(separator: "\n\n")
            html = markerHTML + lines.dropLast().map(paragraph).joined() + linked(words.follow)
        case .requesterAgentReply:
            subject = "Re: \(reference) \(ticket.subject)"
            text = [marker, ticket.bodyText, "-- ", words.view(ticket.link)].joined(separator: "\n\n")
            html = markerHTML + "<div>" + ticket.bodyHTML + "</div><hr>" + linked(words.view)
        case .agentsTicketCreated, .agentsCustomerReply:
            let isNew = kind == .agentsTicketCreated
            subject = "\(reference) \(isNew ? words.newTicket : words.newReply): \(ticket.subject)"
            let who = "\(ticket.requesterName) <\(ticket.requesterEmail)>"
            let intro = isNew ? words.opened(who, ticket.id) : words.replied(who, ticket.id)
            text = [intro, ticket.bodyText, words.open(ticket.link)].joined(separator: "\n\n")
            html = paragraph(intro) + "<blockquote>" + ticket.bodyHTML + "</blockquote>" + linked(words.open)
        }
    }

    /// One language's sentences.
    struct Words: Sendable {
        let replyAbove: String
        let hello: @Sendable (String) -> String
        let received: @Sendable (String, Int) -> String
        let follow: @Sendable (String) -> String
        let view: @Sendable (String) -> String
        let opened: @Sendable (String, Int) -> String
        let replied: @Sendable (String, Int) -> String
        let open: @Sendable (String) -> String
        let newTicket: String
        let newReply: String

        static func forLanguage(_ language: String) -> Words {
            switch language {
            case "fr": french
            case "de": german
            case "es": spanish
            default: english
            }
        }

        static let english = Words(
            replyAbove: "Please type your reply above this line",
            hello: { "Hello \($0)," },
            received: { "We have received your request “\($0)”. Its reference is #\($1); we will answer you as soon as we can." },
            follow: { "You can follow your request at \($0) or simply answer this message." },
            view: { "View your request: \($0)" },
            opened: { "\($0) opened ticket #\($1):" },
            replied: { "\($0) replied on ticket #\($1):" },
            open: { "Open the ticket: \($0)" },
            newTicket: "New ticket", newReply: "New reply")

        static let french = Words(
            replyAbove: "Veuillez écrire votre réponse au-dessus de cette ligne",
            hello: { "Bonjour \($0)," },
            received: { "Nous avons bien reçu votre demande « \($0) ». Sa référence est #\($1) ; nous vous répondrons dès que possible." },
            follow: { "Vous pouvez suivre votre demande sur \($0) ou simplement répondre à ce message." },
            view: { "Voir votre demande : \($0)" },
            opened: { "\($0) a ouvert le ticket #\($1) :" },
            replied: { "\($0) a répondu sur le ticket #\($1) :" },
            open: { "Ouvrir le ticket : \($0)" },
            newTicket: "Nouveau ticket", newReply: "Nouvelle réponse")

        static let german = Words(
            replyAbove: "Bitte schreiben Sie Ihre Antwort oberhalb dieser Zeile",
            hello: { "Hallo \($0)," },
            received: { "Wir haben Ihre Anfrage „\($0)“ erhalten. Ihre Referenz ist #\($1); wir antworten Ihnen so bald wie möglich." },
            follow: { "Sie können Ihre Anfrage unter \($0) verfolgen oder einfach auf diese Nachricht antworten." },
            view: { "Ihre Anfrage ansehen: \($0)" },
            opened: { "\($0) hat Ticket #\($1) eröffnet:" },
            replied: { "\($0) hat auf Ticket #\($1) geantwortet:" },
            open: { "Ticket öffnen: \($0)" },
            newTicket: "Neues Ticket", newReply: "Neue Antwort")

        static let spanish = Words(
            replyAbove: "Escriba su respuesta encima de esta línea",
            hello: { "Hola \($0):" },
            received: { "Hemos recibido su solicitud «\($0)». Su referencia es #\($1); le responderemos lo antes posible." },
            follow: { "Puede seguir su solicitud en \($0) o simplemente responder a este mensaje." },
            view: { "Ver su solicitud: \($0)" },
            opened: { "\($0) abrió el ticket #\($1):" },
            replied: { "\($0) respondió en el ticket #\($1):" },
            open: { "Abrir el ticket: \($0)" },
            newTicket: "Nuevo ticket", newReply: "Nueva respuesta")
    }
}
