/// `/support/tickets/new`: a new ticket (source "portal"). A signed-in customer sends under their verified name and
/// address; anyone else types theirs and the ticket stays unverified. After a refused post the form comes back with
/// what was typed and the problems by field.
struct SupportNewTicketPage: Sendable {
    /// The form's values: empty, or what a refused post sent.
    struct Values: Sendable {
        var name = ""
        var email = ""
        var subject = ""
        var description = ""
    }

    let frame: SupportFrame
    /// The signed-in customer's address; `nil` for an anonymous visitor, who types a name and an address.
    let customerEmail: String?
    var values = Values()
    /// The priority and type (when the portal's widget lets customers choose them) and the custom fields customers
    /// fill in, with their values.
    var fields: [TicketFieldControl] = []
    /// Problems with the form that was sent, by field.
    var errors: [String: String] = [:]
}
