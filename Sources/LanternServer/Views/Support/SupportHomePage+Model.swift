/// `/support`: the categories and folders the visitor may read, with their article counts.
struct SupportHomePage: Sendable {
    struct Category: Sendable {
        let name: String
        let description: String
        let folders: [Folder]
    }

    struct Folder: Sendable {
        let id: Int
        let name: String
        let articleCount: Int
    }

    let frame: SupportFrame
    let categories: [Category]
    /// Whether the visitor just signed out (the page says so).
    let signedOut: Bool
}
