/// The page a portal answers an error with: what went wrong and the way back to the portal's start page.
struct PortalErrorPage: Sendable {
    /// The portal's name, shown in the header and the window title.
    let site: String
    let title: String
    let message: String
    /// The portal's start page: `/agent` or `/support`.
    let startPage: String
}
