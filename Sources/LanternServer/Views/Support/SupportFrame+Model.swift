/// The frame of every `/support` page: the account's help center, the search box, the navigation and, for a
/// signed-in customer, their name with the sign-out button.
struct SupportFrame: Sendable {
    /// The part of the portal a page belongs to, marked in the navigation.
    enum Section: Sendable { case solutions, tickets, newTicket, profile, other }

    let accountName: String
    /// The language pages are in (`lang` of the document).
    let language: String
    /// The signed-in customer's name; `nil` for an anonymous visitor.
    let customerName: String?
    /// The CSRF token of the sign-out form.
    let csrf: String
    let section: Section
    /// What the search box holds (the term searched, on the results page).
    let searchTerm: String
}
