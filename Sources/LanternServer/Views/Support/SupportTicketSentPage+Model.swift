/// The page after an anonymous visitor's ticket is stored: its number and the address the answer goes to (a
/// signed-in customer is taken to the ticket itself instead).
struct SupportTicketSentPage: Sendable {
    let frame: SupportFrame
    let ticketID: Int
    let email: String
}
